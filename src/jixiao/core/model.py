"""The indicator system (指标体系): a tree of level-1 / level-2 / level-3 indicators."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.rules import Rule


@dataclass(frozen=True)
class GradeBand:
    """A grade and the lowest total that earns it (优 ≥ 90 ...)."""

    name: str
    minimum: Decimal


DEFAULT_GRADES: tuple[GradeBand, ...] = (
    GradeBand("优", Decimal(90)),
    GradeBand("良", Decimal(80)),
    GradeBand("中", Decimal(60)),
    GradeBand("差", Decimal(0)),
)

# What to do with an indicator marked 不适用: give it its full weight, or drop it and
# scale the remaining indicators up so the total is still out of 100.
NA_AWARD = "award"
NA_RESCALE = "rescale"


@dataclass
class Indicator:
    code: str
    name: str
    weight: Decimal
    target: str = ""  # 标准值, shown as text ("100%", "充分", "≥90%")
    criteria: str = ""  # 评分标准
    rule: Rule | None = None  # only level-3 indicators carry a rule
    children: list[Indicator] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # required 佐证材料 names

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass
class IndicatorSystem:
    name: str
    title: str
    roots: list[Indicator]
    grades: tuple[GradeBand, ...] = DEFAULT_GRADES
    na_policy: str = NA_AWARD
    description: str = ""

    def walk(self) -> Iterator[tuple[int, Indicator, tuple[Indicator, ...]]]:
        """Yield (level, indicator, ancestors) depth-first, in sheet order."""

        def visit(
            node: Indicator, level: int, ancestors: tuple[Indicator, ...]
        ) -> Iterator[tuple[int, Indicator, tuple[Indicator, ...]]]:
            yield level, node, ancestors
            for child in node.children:
                yield from visit(child, level + 1, (*ancestors, node))

        for root in self.roots:
            yield from visit(root, 1, ())

    def leaves(self) -> list[Indicator]:
        return [node for _, node, _ in self.walk() if node.is_leaf]

    def by_code(self) -> dict[str, Indicator]:
        return {node.code: node for _, node, _ in self.walk()}

    def find(self, code: str) -> Indicator | None:
        return self.by_code().get(code)

    def grade_for(self, total: Decimal) -> str:
        for band in sorted(self.grades, key=lambda b: b.minimum, reverse=True):
            if total >= band.minimum:
                return band.name
        return self.grades[-1].name if self.grades else ""
