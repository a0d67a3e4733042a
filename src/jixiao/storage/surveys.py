"""Imported satisfaction surveys in the evaluation file.

A survey is stored with its header, the chosen rules and every raw response row, so the
satisfaction rate can always be derived again from what was imported. Every write is one
transaction that also re-publishes the combined rate to the satisfaction indicator
(``SOURCE_SATISFACTION``) and writes the audit log.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from jixiao.core import survey as core
from jixiao.core.projects import SOURCE_SATISFACTION
from jixiao.storage.database import StorageError
from jixiao.storage.evaluation_file import EvaluationFile, now_text
from jixiao.storage.jsontext import dumps as _dumps
from jixiao.storage.rows import last_id


class SurveySource(Protocol):
    """What storing a survey needs of a read export; ``importers.survey.ParsedSurvey`` is one.
    Reading files is the importers' job: storage takes what they read."""

    layout: core.SurveyLayout
    data: list[tuple[int, Sequence[str]]]  # (file row number, cells) below the header
    sha256: str

    @property
    def path(self) -> Path: ...

    @property
    def header(self) -> list[str]: ...


SETTING_COMBINE = "survey.combine"
_UNSET: Any = object()


@dataclass(frozen=True)
class StoredSurvey:
    id: int
    name: str
    source_file: str
    source_sha256: str
    format: str
    columns: list[str]
    config: core.SurveyConfig
    weight: Decimal | None
    result: core.SurveyResult
    imported_at: str
    imported_by: str


@dataclass(frozen=True)
class SurveySnapshot:
    """Everything of a removed survey, to put it back (undo)."""

    row: dict[str, Any]
    responses: list[tuple[int, str]]


def _from_row(row: dict[str, Any]) -> StoredSurvey:
    return StoredSurvey(
        id=row["id"],
        name=row["name"],
        source_file=row["source_file"],
        source_sha256=row["source_sha256"],
        format=row["format"],
        columns=json.loads(row["columns_json"]),
        config=core.SurveyConfig.from_json(json.loads(row["config_json"])),
        weight=None if row["weight"] in (None, "") else Decimal(row["weight"]),
        result=core.SurveyResult.from_json(json.loads(row["result_json"])),
        imported_at=row["imported_at"],
        imported_by=row["imported_by"],
    )


# ---------------------------------------------------------------------------- reading
def list_surveys(ef: EvaluationFile) -> list[StoredSurvey]:
    return [_from_row(row) for row in ef.db.query("SELECT * FROM surveys ORDER BY id")]


def get_survey(ef: EvaluationFile, survey_id: int) -> StoredSurvey:
    rows = list(ef.db.query("SELECT * FROM surveys WHERE id = ?", [survey_id]))
    if not rows:
        raise StorageError(f"问卷 {survey_id} 不存在")
    return _from_row(rows[0])


def load_responses(ef: EvaluationFile, survey_id: int) -> list[tuple[int, list[str]]]:
    return [
        (row_no, json.loads(values))
        for row_no, values in ef.db.execute(
            "SELECT row_no, values_json FROM survey_responses WHERE survey_id = ? ORDER BY row_no",
            [survey_id],
        )
    ]


def _detected_layout(
    survey: StoredSurvey, data: Sequence[tuple[int, Sequence[str]]]
) -> core.SurveyLayout:
    """The layout as recognised at import (before the user's column changes)."""
    header_row = survey.config.header_row
    rows: list[Sequence[str]] = [[] for _ in range(header_row)]
    rows.append(survey.columns)
    rows.extend(values for _, values in data)
    return core.detect_layout(rows, header_row)


def rederive(
    ef: EvaluationFile, survey_id: int, config: core.SurveyConfig | None = None
) -> core.SurveyResult:
    """Count the stored raw responses again (with the stored or the given rules)."""
    survey = get_survey(ef, survey_id)
    data = load_responses(ef, survey_id)
    config = config or survey.config
    layout = core.with_kinds(_detected_layout(survey, data), config.kinds)
    return core.analyse(data, layout, config)


def stored_layout(
    ef: EvaluationFile, survey_id: int
) -> tuple[core.SurveyLayout, list[tuple[int, list[str]]]]:
    """The detected layout (without the user's column changes, which live in the config) and
    the raw responses, for editing the rules of a stored survey."""
    survey = get_survey(ef, survey_id)
    data = load_responses(ef, survey_id)
    return _detected_layout(survey, data), data


def combine_mode(ef: EvaluationFile) -> str:
    mode = ef.get_setting(SETTING_COMBINE, core.COMBINE_COUNT)
    return mode if mode in (core.COMBINE_COUNT, core.COMBINE_WEIGHTS) else core.COMBINE_COUNT


def combined(ef: EvaluationFile) -> core.Combined | None:
    """The rate published to the satisfaction indicator (see ``combined_with_warning``)."""
    return combined_with_warning(ef)[0]


def combined_with_warning(ef: EvaluationFile) -> tuple[core.Combined | None, str]:
    """The combined rate, and a Chinese warning when the chosen weights cannot be used yet
    (then the answers are pooled so the score sheet still has a figure)."""
    parts = [(s.name, s.result, s.weight) for s in list_surveys(ef)]
    try:
        return core.combine(parts, combine_mode(ef)), ""
    except core.SurveyError as exc:
        return core.combine(parts, core.COMBINE_COUNT), f"{exc}；在此之前按答卷数合并"


def same_file(ef: EvaluationFile, sha256: str) -> StoredSurvey | None:
    """A survey already imported from a file with exactly this content, if any."""
    return next((s for s in list_surveys(ef) if sha256 and s.source_sha256 == sha256), None)


def duplicate_message(existing: StoredSurvey, file_name: str) -> str:
    return (
        f"{file_name} 与已导入的问卷“{existing.name}”（{existing.source_file}）内容完全相同，"
        f"不能重复计入满意度；如需改变统计口径，请修改该问卷的规则"
    )


# ---------------------------------------------------------------------------- writing
def add_survey(
    ef: EvaluationFile,
    parsed: SurveySource,
    name: str,
    config: core.SurveyConfig,
    *,
    weight: Decimal | None = None,
    reason: str = "",
) -> int:
    """Store a survey with its raw responses and publish the combined rate, all in one
    transaction. Raises SurveyError (nothing stored) when a chosen question has no valid answer."""
    name = name.strip() or parsed.path.stem
    layout = core.with_kinds(parsed.layout, config.kinds)
    result = core.analyse(parsed.data, layout, config)
    core.require_valid(result, parsed.path.name)
    existing = same_file(ef, parsed.sha256)
    if existing is not None:
        raise core.SurveyError(duplicate_message(existing, parsed.path.name))
    with ef.transaction():
        survey_id = last_id(
            ef.db.table("surveys").insert(
                {
                    "name": name,
                    "source_file": parsed.path.name,
                    "source_sha256": parsed.sha256,
                    "format": layout.format,
                    "columns_json": _dumps(parsed.header),
                    "config_json": _dumps(config.to_json()),
                    "weight": None if weight is None else str(weight),
                    "result_json": _dumps(result.to_json()),
                    "imported_at": now_text(),
                    "imported_by": ef.user,
                }
            )
        )
        ef.db.conn.executemany(
            "INSERT INTO survey_responses (survey_id, row_no, values_json) VALUES (?, ?, ?)",
            (
                (survey_id, row_no, json.dumps(list(values), ensure_ascii=False))
                for row_no, values in parsed.data
            ),
        )
        ef.audit(
            "survey.import",
            name,
            None,
            _dumps(
                {
                    "file": parsed.path.name,
                    "sha256": parsed.sha256,
                    "respondents": result.respondents,
                    "valid": result.valid,
                    "satisfied": result.satisfied,
                    "rate": result.rate_text,
                }
            ),
            reason,
        )
        _publish(ef, reason or f"导入问卷“{name}”")
    return survey_id


def update_survey(
    ef: EvaluationFile,
    survey_id: int,
    *,
    name: str | None = None,
    config: core.SurveyConfig | None = None,
    weight: Decimal | None = _UNSET,
    reason: str = "",
) -> None:
    """Change a survey's name, rules (counted again from the stored responses) or weight."""
    with ef.transaction():
        survey = get_survey(ef, survey_id)
        changes: dict[str, Any] = {}
        if name is not None and name.strip() and name.strip() != survey.name:
            changes["name"] = name.strip()
        if config is not None and config != survey.config:
            result = rederive(ef, survey_id, config)
            core.require_valid(result, survey.source_file)
            changes["config_json"] = _dumps(config.to_json())
            changes["result_json"] = _dumps(result.to_json())
        if weight is not _UNSET and weight != survey.weight:
            if weight is not None and weight < 0:
                raise core.SurveyError("权重不能为负数")
            changes["weight"] = None if weight is None else str(weight)
        if not changes:
            return
        old = {k: _row_value(survey, k) for k in changes}
        ef.db.table("surveys").update(survey_id, changes)
        ef.audit(
            "survey.update", changes.get("name", survey.name), _dumps(old), _dumps(changes), reason
        )
        _publish(ef, reason or f"修改问卷“{survey.name}”")


def _row_value(survey: StoredSurvey, key: str) -> Any:
    return {
        "name": survey.name,
        "config_json": _dumps(survey.config.to_json()),
        "result_json": _dumps(survey.result.to_json()),
        "weight": None if survey.weight is None else str(survey.weight),
    }[key]


def delete_survey(ef: EvaluationFile, survey_id: int, reason: str = "") -> SurveySnapshot:
    """Remove a survey and its responses; returns what undo needs to put it back. Removing
    the last survey clears the satisfaction indicator's derived input."""
    with ef.transaction():
        rows = list(ef.db.query("SELECT * FROM surveys WHERE id = ?", [survey_id]))
        if not rows:
            raise StorageError(f"问卷 {survey_id} 不存在")
        responses = list(
            ef.db.execute(
                "SELECT row_no, values_json FROM survey_responses"
                " WHERE survey_id = ? ORDER BY row_no",
                [survey_id],
            )
        )
        ef.db.execute("DELETE FROM survey_responses WHERE survey_id = ?", [survey_id])
        ef.db.execute("DELETE FROM surveys WHERE id = ?", [survey_id])
        ef.audit(
            "survey.delete",
            rows[0]["name"],
            _dumps({"file": rows[0]["source_file"], "responses": len(responses)}),
            None,
            reason,
        )
        _publish(ef, reason or f"删除问卷“{rows[0]['name']}”")
    return SurveySnapshot(rows[0], [(int(n), str(v)) for n, v in responses])


def restore_survey(ef: EvaluationFile, snapshot: SurveySnapshot, reason: str = "") -> int:
    """Put a removed survey back with its old id (undo of a removal)."""
    with ef.transaction():
        ef.db.table("surveys").insert(snapshot.row)
        survey_id = int(snapshot.row["id"])
        ef.db.conn.executemany(
            "INSERT INTO survey_responses (survey_id, row_no, values_json) VALUES (?, ?, ?)",
            ((survey_id, n, v) for n, v in snapshot.responses),
        )
        ef.audit(
            "survey.restore",
            snapshot.row["name"],
            None,
            _dumps({"file": snapshot.row["source_file"], "responses": len(snapshot.responses)}),
            reason or "撤销删除",
        )
        _publish(ef, reason or f"恢复问卷“{snapshot.row['name']}”")
    return survey_id


def set_combine_mode(ef: EvaluationFile, mode: str, reason: str = "") -> None:
    if mode not in (core.COMBINE_COUNT, core.COMBINE_WEIGHTS):
        raise ValueError(f"unknown combine mode {mode!r}")
    with ef.transaction():
        ef.set_setting(SETTING_COMBINE, mode, reason)
        _publish(ef, reason or "修改问卷合并方式")


def _publish(ef: EvaluationFile, reason: str) -> None:
    """Write the combined rate as the satisfaction indicator's derived input (inside the caller's
    transaction), or clear it when no survey is left."""
    surveys = list_surveys(ef)
    result, _ = combined_with_warning(ef)
    names = "、".join(s.name for s in surveys)
    raw = result.derived_input() if result is not None else None
    ef.set_derived(
        SOURCE_SATISFACTION, raw, reason=f"{reason}（问卷：{names}）" if names else reason
    )
