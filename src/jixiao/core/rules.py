"""Scoring rules for level-3 indicators.

Each rule turns a raw input (a JSON-able dict, decimals as strings) into an unquantized
score and, when points are lost, a 扣分原因 in the wording of published score sheets
("预算执行率 94.34%，扣 0.11 分。"). Quantizing, overrides and 不适用 are handled by
the evaluator, so every rule only has to know its own arithmetic.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from jixiao.core.errors import UserError
from jixiao.core.numbers import (
    ZERO,
    NumberError,
    fmt_pct,
    fmt_points,
    parse_decimal,
    q2,
    q_rate,
)

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


class InputError(UserError, ValueError):
    """A raw input that cannot be scored; the message is Chinese and names the problem."""


@dataclass(frozen=True)
class Outcome:
    score: Decimal  # unquantized, within [0, weight]
    measured: Decimal | None = None  # the rate / value the rule looked at, if any
    detail: str = ""  # how the score was reached, e.g. "17,641.06 / 18,700.00 = 94.34%"
    why: str = ""  # the reason stem, before ", 扣 x 分。"


def _dec(raw: dict[str, Any], key: str, what: str) -> Decimal:
    if key not in raw or raw[key] in (None, ""):
        raise InputError(f"缺少{what}")
    try:
        return parse_decimal(raw[key], what=what)
    except NumberError as exc:
        raise InputError(str(exc)) from None


def _bool(value: Any, what: str) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip() in {
        "是",
        "否",
        "true",
        "false",
        "1",
        "0",
        "√",
        "×",
    }:
        return value.strip() in {"是", "true", "1", "√"}
    raise InputError(f"{what}应为 是/否，而不是 {value!r}")


def _money(value: Decimal) -> str:
    return f"{value:,.2f}" if value == value.quantize(Decimal("0.01")) else f"{value:,}"


@dataclass
class Rule(ABC):
    """Base of all rules. ``label`` names the measured quantity in reasons."""

    kind: ClassVar[str]
    title: ClassVar[str]  # Chinese name of the rule kind, for editors and messages
    label: str = ""
    source: str = ""  # key of a derived input (projects, surveys) that feeds this rule

    @abstractmethod
    def compute(self, weight: Decimal, raw: dict[str, Any]) -> Outcome:
        """Score ``raw`` out of ``weight``; raise InputError for unusable input."""

    def check(self, weight: Decimal) -> list[str]:
        """Problems with the rule's parameters against its weight (warnings)."""
        return []

    def blank_input(self) -> dict[str, Any]:
        return {}

    def params(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.label:
            out["label"] = self.label
        if self.source:
            out["source"] = self.source
        return out

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.params()}

    def reason_stem(self, indicator_name: str, outcome: Outcome) -> str:
        return outcome.why or (self.label or indicator_name)


@dataclass
class ChecklistItem:
    text: str
    points: Decimal | None = None  # None: an equal share of the weight


@dataclass
class ChecklistRule(Rule):
    kind: ClassVar[str] = "checklist"
    title: ClassVar[str] = "逐项评分"
    items: list[ChecklistItem] = field(default_factory=list)

    def _points(self, weight: Decimal) -> list[Decimal]:
        if all(item.points is None for item in self.items):
            share = weight / len(self.items) if self.items else ZERO
            return [share] * len(self.items)
        return [item.points or ZERO for item in self.items]

    def compute(self, weight: Decimal, raw: dict[str, Any]) -> Outcome:
        met = raw.get("met")
        if not isinstance(met, list):
            raise InputError("逐项评分需要 met：每一项是否符合的列表")
        if len(met) != len(self.items):
            raise InputError(f"评分标准有 {len(self.items)} 项，但录入了 {len(met)} 项")
        flags = [_bool(v, f"第 {i + 1} 项") for i, v in enumerate(met)]
        points = self._points(weight)
        if all(item.points is None for item in self.items):
            # Equal shares: multiply before dividing so 3 of 3 thirds is exactly the weight.
            score = weight * sum(flags) / len(flags) if flags else ZERO
        else:
            score = sum((p for p, ok in zip(points, flags, strict=True) if ok), ZERO)
        missed = [
            CIRCLED[i] if i < len(CIRCLED) else str(i + 1) for i, ok in enumerate(flags) if not ok
        ]
        why = f"第{'、'.join(missed)}项不符合" if missed else ""
        return Outcome(
            score=min(score, weight), detail=f"符合 {sum(flags)}/{len(flags)} 项", why=why
        )

    def check(self, weight: Decimal) -> list[str]:
        if not self.items:
            return ["逐项评分没有评分项"]
        given = [item.points for item in self.items]
        if any(p is None for p in given) and any(p is not None for p in given):
            return ["逐项评分的分值要么全部填写，要么全部留空（平均分配）"]
        if all(p is not None for p in given):
            total = sum((p for p in given if p is not None), ZERO)
            if total != weight:
                return [f"各评分项分值之和 {fmt_points(total)} 不等于权重 {fmt_points(weight)}"]
        return []

    def blank_input(self) -> dict[str, Any]:
        return {"met": [False] * len(self.items)}

    def params(self) -> dict[str, Any]:
        items = []
        for item in self.items:
            entry: dict[str, Any] = {"text": item.text}
            if item.points is not None:
                entry["points"] = str(item.points)
            items.append(entry)
        return {**super().params(), "items": items}


def _ratio_input(raw: dict[str, Any], unit: str) -> tuple[Decimal, str]:
    """Return (value, detail) from numerator/denominator or value."""
    if raw.get("numerator") not in (None, "") or raw.get("denominator") not in (None, ""):
        num = _dec(raw, "numerator", "分子")
        den = _dec(raw, "denominator", "分母")
        if num < 0 or den < 0:
            raise InputError("分子和分母不能为负数")
        if den == 0:
            raise InputError("分母为 0，无法计算比率")
        value = num / den
        shown = fmt_pct(value) if unit == "%" else _money(value)
        return value, f"{_money(num)} / {_money(den)} = {shown}"
    percent = unit == "%"
    value = _rate_value(raw.get("value"), "实际值") if percent else _dec(raw, "value", "实际值")
    if value < 0:
        raise InputError("实际值不能为负数")
    return value, fmt_pct(value) if unit == "%" else f"{value}{unit}"


def rate_number(value: Any, what: str) -> Decimal:
    """A rate as forms print it: "95%" and "0.95" are 95%; a bare "95" or "100" (10 or more)
    is read as percent too, never 9500%. Up to 3 a bare number stays a ratio ("1.25" is 125%,
    as it always was); between 3 and 10 ("5") it is ambiguous and refused with a hint."""
    if value in (None, ""):
        raise NumberError(f"缺少{what}")
    number = parse_decimal(value, what=what)
    if isinstance(value, str) and value.strip()[-1:] in "%％":
        return number
    if number <= 3:
        return number
    if number >= 10:
        return number / 100
    raise NumberError(
        f'{what} {value} 含义不明：比率请写成百分数（如 "5%" 或 "500%"），或写成小数（0.95 即 95%）'
    )


def _rate_value(value: Any, what: str) -> Decimal:
    try:
        return rate_number(value, what)
    except NumberError as exc:
        raise InputError(str(exc)) from None


def _shown(value: Decimal, unit: str) -> Decimal:
    # Scores are computed from the rate as printed (94.34%), so anyone can check them by hand.
    return q_rate(value) if unit == "%" else value


def _fmt_value(value: Decimal, unit: str) -> str:
    return fmt_pct(value) if unit == "%" else f"{value.normalize():f}{unit}"


@dataclass
class RateRule(Rule):
    kind: ClassVar[str] = "rate"
    title: ClassVar[str] = "比率计分"
    target: Decimal = Decimal(1)
    higher_is_better: bool = True
    unit: str = "%"

    def compute(self, weight: Decimal, raw: dict[str, Any]) -> Outcome:
        value, detail = _ratio_input(raw, self.unit)
        shown = _shown(value, self.unit)
        if self.target <= 0:
            raise InputError("标准值必须大于 0")
        if self.higher_is_better:
            factor = min(shown / self.target, Decimal(1))
        else:
            factor = Decimal(1) if shown == 0 else min(self.target / shown, Decimal(1))
        return Outcome(score=weight * factor, measured=value, detail=detail, why="")

    def reason_stem(self, indicator_name: str, outcome: Outcome) -> str:
        assert outcome.measured is not None
        return f"{self.label or indicator_name} {_fmt_value(outcome.measured, self.unit)}"

    def check(self, weight: Decimal) -> list[str]:
        return [] if self.target > 0 else ["比率计分的目标值必须大于 0"]

    def blank_input(self) -> dict[str, Any]:
        return {"numerator": "", "denominator": ""}

    def params(self) -> dict[str, Any]:
        out = {**super().params(), "target": str(self.target)}
        if not self.higher_is_better:
            out["direction"] = "lower"
        if self.unit != "%":
            out["unit"] = self.unit
        return out


@dataclass
class DeductionRule(Rule):
    kind: ClassVar[str] = "deduction"
    title: ClassVar[str] = "扣分制"
    per: Decimal = Decimal("0.5")

    def compute(self, weight: Decimal, raw: dict[str, Any]) -> Outcome:
        count = raw.get("count")
        if isinstance(count, str) and count.strip().isdigit():
            count = int(count.strip())
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise InputError(f"扣分次数应为不小于 0 的整数，而不是 {count!r}")
        score = max(ZERO, weight - self.per * count)
        why = f"{self.label}发现 {count} 处问题" if self.label else f"发现 {count} 处问题"
        return Outcome(
            score=score,
            measured=Decimal(count),
            detail=f"{count} × {fmt_points(self.per)} 分",
            why=why,
        )

    def check(self, weight: Decimal) -> list[str]:
        return [] if self.per > 0 else ["每次扣分必须大于 0"]

    def blank_input(self) -> dict[str, Any]:
        return {"count": 0}

    def params(self) -> dict[str, Any]:
        return {**super().params(), "per": str(self.per)}


@dataclass
class Band:
    minimum: Decimal  # inclusive lower bound
    points: Decimal


@dataclass
class BandsRule(Rule):
    kind: ClassVar[str] = "bands"
    title: ClassVar[str] = "分档计分"
    bands: list[Band] = field(default_factory=list)
    unit: str = "%"

    def compute(self, weight: Decimal, raw: dict[str, Any]) -> Outcome:
        value, detail = _ratio_input(raw, self.unit)
        shown = _shown(value, self.unit)
        points = ZERO
        for band in sorted(self.bands, key=lambda b: b.minimum, reverse=True):
            if shown >= band.minimum:
                points = band.points
                break
        return Outcome(score=min(points, weight), measured=value, detail=detail)

    def reason_stem(self, indicator_name: str, outcome: Outcome) -> str:
        assert outcome.measured is not None
        return f"{self.label or indicator_name} {_fmt_value(outcome.measured, self.unit)}"

    def check(self, weight: Decimal) -> list[str]:
        problems = []
        if not self.bands:
            problems.append("分档计分没有分档")
        for band in self.bands:
            if band.points > weight:
                problems.append(
                    f"分档 ≥{_fmt_value(band.minimum, self.unit)} 的得分 {fmt_points(band.points)} 超过权重 {fmt_points(weight)}"
                )
            if band.points < 0:
                problems.append("分档得分不能为负数")
        return problems

    def blank_input(self) -> dict[str, Any]:
        return {"value": ""}

    def params(self) -> dict[str, Any]:
        out = {
            **super().params(),
            "bands": [{"min": str(b.minimum), "points": str(b.points)} for b in self.bands],
        }
        if self.unit != "%":
            out["unit"] = self.unit
        return out


@dataclass
class BinaryRule(Rule):
    kind: ClassVar[str] = "binary"
    title: ClassVar[str] = "达标得分"

    def compute(self, weight: Decimal, raw: dict[str, Any]) -> Outcome:
        if "met" not in raw:
            raise InputError("缺少是否达到要求（met）")
        met = _bool(raw["met"], "是否达到要求")
        return Outcome(
            score=weight if met else ZERO,
            detail="达到要求" if met else "未达到要求",
            why="" if met else "未达到要求",
        )

    def blank_input(self) -> dict[str, Any]:
        return {"met": False}


# National self-evaluation ranges (财预〔2020〕10号): share of the weight for each level.
QUALITATIVE_LEVELS: dict[str, tuple[Decimal, Decimal]] = {
    "达成": (Decimal("0.8"), Decimal(1)),
    "部分达成": (Decimal("0.6"), Decimal("0.8")),
    "未达成": (ZERO, Decimal("0.6")),
}


@dataclass
class QualitativeRule(Rule):
    kind: ClassVar[str] = "qualitative"
    title: ClassVar[str] = "定性分级"

    @staticmethod
    def range_for(level: str, weight: Decimal) -> tuple[Decimal, Decimal]:
        low, high = QUALITATIVE_LEVELS[level]
        return weight * low, weight * high

    def compute(self, weight: Decimal, raw: dict[str, Any]) -> Outcome:
        level = raw.get("level")
        if level not in QUALITATIVE_LEVELS:
            raise InputError(f"等级应为 达成 / 部分达成 / 未达成，而不是 {level!r}")
        score = _dec(raw, "score", "得分")
        low, high = self.range_for(level, weight)
        if not low <= score <= high:
            raise InputError(
                f"“{level}”的得分应在 {fmt_points(low)}–{fmt_points(high)} 分之间，而不是 {fmt_points(score)}"
            )
        return Outcome(score=score, detail=level, why=level)

    def blank_input(self) -> dict[str, Any]:
        return {"level": "达成", "score": ""}


@dataclass
class ManualRule(Rule):
    kind: ClassVar[str] = "manual"
    title: ClassVar[str] = "酌情评分"

    def compute(self, weight: Decimal, raw: dict[str, Any]) -> Outcome:
        score = _dec(raw, "score", "得分")
        if score < 0:
            raise InputError(f"得分不能为负数：{fmt_points(score)}")
        if score > weight:
            raise InputError(f"得分 {fmt_points(score)} 超过权重 {fmt_points(weight)}")
        if not str(raw.get("reason") or "").strip():
            raise InputError("酌情评分必须填写理由")
        return Outcome(score=score, detail="酌情评分")

    def blank_input(self) -> dict[str, Any]:
        return {"score": "", "reason": ""}


RULE_KINDS: dict[str, type[Rule]] = {
    cls.kind: cls
    for cls in (
        ChecklistRule,
        RateRule,
        DeductionRule,
        BandsRule,
        BinaryRule,
        QualitativeRule,
        ManualRule,
    )
}


class RuleFormatError(UserError, ValueError):
    """A rule description in a template that cannot be read (Chinese message)."""


def rule_from_json(data: dict[str, Any]) -> Rule:
    if not isinstance(data, dict):
        raise RuleFormatError(f'规则应为对象（例如 {{"kind": "rate"}}），而不是 {data!r}')
    kind = data.get("kind")
    if kind not in RULE_KINDS:
        raise RuleFormatError(f"未知的规则类型 {kind!r}（可用：{'、'.join(RULE_KINDS)}）")
    common = {"label": str(data.get("label", "")), "source": str(data.get("source", ""))}
    try:
        if kind == "checklist":
            items = [
                ChecklistItem(
                    str(i.get("text", "")),
                    parse_decimal(i["points"], what="分值")
                    if i.get("points") not in (None, "")
                    else None,
                )
                if isinstance(i, dict)
                else ChecklistItem(str(i))
                for i in data.get("items", [])
            ]
            return ChecklistRule(items=items, **common)
        if kind == "rate":
            direction = data.get("direction", "higher")
            if direction not in ("higher", "lower"):
                raise RuleFormatError(f"direction 应为 higher 或 lower，而不是 {direction!r}")
            unit = str(data.get("unit", "%"))
            target = data.get("target", "1")
            return RateRule(
                target=rate_number(target, "目标值")
                if unit == "%"
                else parse_decimal(target, what="目标值"),
                higher_is_better=direction == "higher",
                unit=unit,
                **common,
            )
        if kind == "deduction":
            return DeductionRule(
                per=parse_decimal(data.get("per", "0.5"), what="每次扣分"), **common
            )
        if kind == "bands":
            percent = str(data.get("unit", "%")) == "%"
            bands = [
                Band(
                    rate_number(b["min"], "分档下限")
                    if percent
                    else parse_decimal(b["min"], what="分档下限"),
                    parse_decimal(b["points"], what="分档得分"),
                )
                for b in data.get("bands", [])
            ]
            return BandsRule(bands=bands, unit=str(data.get("unit", "%")), **common)
        return RULE_KINDS[kind](**common)
    except (KeyError, TypeError, NumberError) as exc:
        raise RuleFormatError(f"{kind} 规则参数有误：{exc}") from None


def deduction_reason(stem: str, deducted: Decimal) -> str:
    """The seed's wording: "预算执行率 94.34%，扣 0.11 分。"."""
    return f"{stem}，扣 {fmt_points(q2(deducted))} 分。"
