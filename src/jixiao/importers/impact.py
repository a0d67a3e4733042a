"""What an import would do to the score sheet, worked out before anything is written.

Every accepted import that changes a score lists the indicators that change, from what to
what; the CLI prints the list and the GUI preview shows it before the user confirms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.core.evaluate import ScoreSheet, evaluate
from jixiao.core.numbers import fmt2
from jixiao.core.projects import SOURCE_SATISFACTION, SOURCES, Project, summarize
from jixiao.storage.evaluation_file import EvaluationFile

REGISTRY_SOURCES = tuple(s for s in SOURCES if s != SOURCE_SATISFACTION)


@dataclass(frozen=True)
class ScoreChange:
    code: str
    name: str
    before: Decimal
    after: Decimal
    before_reason: str
    after_reason: str

    def describe(self) -> str:
        why = f"（{self.after_reason}）" if self.after_reason else ""
        return f"{self.code} {self.name}：{fmt2(self.before)} → {fmt2(self.after)}{why}"


@dataclass(frozen=True)
class Impact:
    changes: tuple[ScoreChange, ...]
    total_before: Decimal
    total_after: Decimal
    grade_before: str
    grade_after: str

    @property
    def changed(self) -> bool:
        return bool(self.changes) or self.total_before != self.total_after

    def lines(self) -> list[str]:
        if not self.changed:
            return ["得分不变"]
        out = [
            f"总分：{fmt2(self.total_before)} {self.grade_before} → "
            f"{fmt2(self.total_after)} {self.grade_after}"
        ]
        out.extend(c.describe() for c in self.changes)
        return out


def compare(before: ScoreSheet, after: ScoreSheet) -> Impact:
    old = before.by_code()
    changes = []
    for item in after.indicators:
        prior = old.get(item.code)
        if prior is None:
            continue
        if prior.score != item.score or prior.reason != item.reason:
            changes.append(
                ScoreChange(
                    item.code, item.name, prior.score, item.score, prior.reason, item.reason
                )
            )
    return Impact(tuple(changes), before.total, after.total, before.grade, after.grade)


def merged_projects(existing: Sequence[Project], incoming: Sequence[Project]) -> list[Project]:
    """The registry as ``upsert_projects`` would leave it (incoming already aligned)."""
    by_key = {p.key(): p for p in existing}
    out = list(existing)
    index = {p.key(): i for i, p in enumerate(out)}
    for project in incoming:
        key = project.key()
        if key in by_key:
            out[index[key]] = project
        else:
            out.append(project)
            index[key] = len(out) - 1
    return out


def project_import_impact(ef: EvaluationFile, aligned: Sequence[Project]) -> Impact:
    """The score changes of importing ``aligned`` (the output of ``align_amounts``)."""
    projects = merged_projects(ef.projects(), aligned)
    derived = _without(ef.derived_inputs(), REGISTRY_SOURCES)
    derived.update(summarize(projects, ef.execution_denominator).derived_inputs())
    return compare(ef.score_sheet(), evaluate(ef.system(), ef.inputs(), derived))


def derived_impact(ef: EvaluationFile, source: str, raw: Mapping[str, str] | None) -> Impact:
    """The score changes of publishing ``raw`` as the derived input ``source`` (surveys)."""
    derived = _without(ef.derived_inputs(), (source,))
    if raw is not None:
        derived[source] = dict(raw)
    return compare(ef.score_sheet(), evaluate(ef.system(), ef.inputs(), derived))


def _without(derived: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {k: v for k, v in derived.items() if k not in keys}


def survey_import_impact(
    ef: EvaluationFile, name: str, result: Any, weight: Decimal | None = None
) -> Impact:
    """The score changes of adding a survey with ``result`` to the stored ones."""
    from jixiao.core import survey as core
    from jixiao.storage import surveys as store  # storage.surveys reads exports: import late

    parts = [(s.name, s.result, s.weight) for s in store.list_surveys(ef)]
    parts.append((name, result, weight))
    try:
        combined = core.combine(parts, store.combine_mode(ef))
    except core.SurveyError:
        combined = core.combine(parts, core.COMBINE_COUNT)
    raw = combined.derived_input() if combined is not None else None
    return derived_impact(ef, SOURCE_SATISFACTION, raw)
