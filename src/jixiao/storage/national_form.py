"""Reading and writing the national-form fields of an evaluation file: ``form.*`` settings,
the 执行率口径 setting and the per-indicator texts (``indicator_notes``, schema 5).

Every write is one transaction with its audit row, through the file's own helpers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jixiao.core.consistency import sheet_warnings
from jixiao.core.evaluate import ScoreSheet
from jixiao.core.national_form import (
    DENOMINATOR_SETTING,
    FUND_COLUMNS,
    SETTING_PREFIX,
    FormError,
    FundTable,
    NationalForm,
    from_settings,
    fund_table,
    normalise,
)
from jixiao.core.rules import InputError
from jixiao.storage.evaluation_file import EvaluationFile, now_text

# Keys of an inputs JSON entry that are the form's texts, not scoring input.
NOTE_KEYS = {"actual": "实际完成值", "deviation": "偏差原因"}


@dataclass(frozen=True)
class IndicatorNote:
    actual: str = ""
    deviation: str = ""


def load_form(ef: EvaluationFile) -> NationalForm:
    rows = ef.db.execute(
        "SELECT key, value FROM settings WHERE key LIKE ?", [SETTING_PREFIX + "%"]
    ).fetchall()
    return from_settings(dict(rows))


def current_fund_table(ef: EvaluationFile) -> FundTable:
    try:
        registry = ef.registry_summary()
    except Exception:  # a file without a registry still has a form
        registry = None
    return fund_table(load_form(ef), registry, ef.execution_denominator)


def set_value(ef: EvaluationFile, key: str, value: str, reason: str = "") -> str:
    """Store one form value (`jixiao set`); returns the setting key written."""
    setting, stored = normalise(key, value)
    if setting != DENOMINATOR_SETTING and not stored:
        with ef.transaction():
            old = ef.get_setting(setting, "")
            if old:
                ef.db.execute("DELETE FROM settings WHERE key = ?", [setting])
                ef.audit("setting.set", setting, old, "", reason)
                ef.refresh_scores()
        return setting
    ef.set_setting(setting, stored, reason)
    return setting


def set_values(ef: EvaluationFile, values: dict[str, str], reason: str = "") -> None:
    """Several values as one action (the properties dialog): all are checked first."""
    for key, value in values.items():
        normalise(key, value)
    with ef.batch():
        for key, value in values.items():
            set_value(ef, key, value, reason)


def notes(ef: EvaluationFile) -> dict[str, IndicatorNote]:
    return {
        row[0]: IndicatorNote(row[1], row[2])
        for row in ef.db.execute("SELECT code, actual, deviation FROM indicator_notes")
    }


def note_for(ef: EvaluationFile, code: str) -> IndicatorNote:
    return notes(ef).get(code, IndicatorNote())


def set_note(ef: EvaluationFile, code: str, note: IndicatorNote, reason: str = "") -> None:
    """Store 实际完成值 / 偏差原因 text of a level-3 indicator (both empty: removed)."""
    node = ef.system().find(code)
    if node is None or not node.is_leaf:
        raise InputError(f"没有三级指标 {code}")
    with ef.transaction():
        old = note_for(ef, code)
        if old == note:
            return
        if not note.actual and not note.deviation:
            ef.db.execute("DELETE FROM indicator_notes WHERE code = ?", [code])
        else:
            ef.db["indicator_notes"].upsert(
                {
                    "code": code,
                    "actual": note.actual,
                    "deviation": note.deviation,
                    "updated_at": now_text(),
                    "updated_by": ef.user,
                },
                pk="code",
            )
        ef.audit(
            "note.set",
            code,
            json.dumps(old.__dict__, ensure_ascii=False),
            json.dumps(note.__dict__, ensure_ascii=False),
            reason,
        )


def split_note(raw: dict[str, Any]) -> tuple[dict[str, Any], IndicatorNote | None]:
    """An inputs-file entry as (scoring input, texts): ``actual`` / ``deviation`` are texts."""
    if not any(key in raw for key in NOTE_KEYS):
        return raw, None
    for key, what in NOTE_KEYS.items():
        if key in raw and not isinstance(raw[key], str):
            raise InputError(f"{what}（{key}）应为文字，而不是 {raw[key]!r}")
    note = IndicatorNote(str(raw.get("actual", "")), str(raw.get("deviation", "")))
    rest = {k: v for k, v in raw.items() if k not in NOTE_KEYS}
    return rest, note


def export_inputs(ef: EvaluationFile) -> dict[str, dict[str, Any]]:
    """`inputs export`: the effective inputs with the form's texts of each indicator."""
    out = ef.effective_inputs()
    for code, note in sorted(notes(ef).items()):
        entry = out.setdefault(code, {})
        if note.actual:
            entry["actual"] = note.actual
        if note.deviation:
            entry["deviation"] = note.deviation
    return out


def import_inputs(ef: EvaluationFile, data: dict[str, Any], reason: str = "") -> list[str]:
    """`inputs import`: every entry checked first, then all written in one transaction.

    Raises FormError listing every problem (unknown codes, unusable inputs); nothing is
    written then. Returns the codes written."""
    system = ef.system()
    leaves = {node.code for node in system.leaves()}
    problems: list[str] = []
    plan: list[tuple[str, dict[str, Any] | None, IndicatorNote | None]] = []
    for code, raw in data.items():
        if code not in leaves:
            problems.append(f"{code}：评价文件中没有这个三级指标")
            continue
        if not isinstance(raw, dict):
            problems.append(f'{code}：录入数据应为对象（例如 {{"value": "0.9"}}），而不是 {raw!r}')
            continue
        try:
            scoring, note = split_note(raw)
            ef.validate_input(code, scoring or None)
        except InputError as exc:
            problems.append(str(exc) if str(exc).startswith(code) else f"{code}：{exc}")
            continue
        plan.append((code, scoring or None, note))
    if problems:
        raise FormError("录入数据未导入（全部或全不）：\n" + "\n".join(problems))
    with ef.batch():
        for code, scoring, note in plan:
            if scoring is not None:
                # Each entry keeps its own reason (an override's "reason" is its own).
                own = str(scoring.get("reason") or scoring.get("replace_derived") or "")
                ef.set_input(code, scoring, reason=own or reason)
            if note is not None:
                set_note(ef, code, note, reason)
    return [code for code, _, _ in plan]


def file_warnings(ef: EvaluationFile, sheet: ScoreSheet | None = None) -> list[str]:
    """The self-consistency warnings of the file's sheet (see core.consistency)."""
    sheet = sheet or ef.score_sheet()
    form = load_form(ef)
    warnings = sheet_warnings(ef.system(), sheet, form.published_total)
    table = current_fund_table(ef)
    entered = [form.funds.get(("年度资金总额", col)) for col in FUND_COLUMNS]
    for col, typed, used in zip(FUND_COLUMNS, entered, table.total, strict=True):
        if typed is not None and used is not None and typed != used:
            warnings.append(
                f"项目资金 年度资金总额 {col} 填写为 {typed}，但按项目登记表计为 {used}"
                "（表上印后者）"
            )
    return warnings
