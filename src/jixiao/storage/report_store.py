"""The report's section texts in the evaluation file, and the facts its figures come from.

Every write is one transaction with its audit-log row. ``facts`` is the one place that reads
what the report's figures are stated from (meta, registry, score sheet, surveys, evidence).
"""

from __future__ import annotations

import json
from typing import Any

from jixiao.core.report_model import (
    OUTLINE,
    OUTLINE_KEYS,
    EvidenceFacts,
    Report,
    ReportFacts,
    StoredSection,
    SurveyFacts,
)
from jixiao.core.report_text import build_report, draft, figures, snapshot
from jixiao.storage.database import StorageError
from jixiao.storage.evaluation_file import EvaluationFile, now_text

SETTING_TITLE = "report.title"


def facts(ef: EvaluationFile) -> ReportFacts:
    meta = ef.meta()
    sheet = ef.score_sheet()
    sheet.title = meta.title  # as `jixiao score --json`, so the fingerprint matches
    summary = ef.registry_summary()
    return ReportFacts(
        fund=meta.fund,
        year=meta.year,
        unit=meta.unit,
        sheet_title=meta.title,
        system=ef.system(),
        sheet=sheet,
        registry=summary if summary.projects else None,
        projects=ef.projects(),
        survey=_survey_facts(ef),
        evidence=_evidence_facts(ef),
        form=_form_facts(ef),
    )


def _form_facts(ef: EvaluationFile) -> dict[str, str]:
    """主管部门, 实施单位 and 评价日期 as the national form holds them (issue 16's fields)."""
    from jixiao.core.national_form import chinese_date
    from jixiao.storage.national_form import load_form

    form = load_form(ef)
    out = {k: form.text(k) for k in ("主管部门", "实施单位") if form.text(k)}
    if form.evaluation_date is not None:
        out["评价日期"] = chinese_date(form.evaluation_date)
    return out


def _survey_facts(ef: EvaluationFile) -> SurveyFacts | None:
    from jixiao.storage import surveys

    stored = surveys.list_surveys(ef)
    combined = surveys.combined(ef)
    if not stored or combined is None:
        return None
    return SurveyFacts(
        surveys=len(stored),
        names=tuple(s.name for s in stored),
        respondents=sum(s.result.respondents for s in stored),
        valid=sum(s.result.valid for s in stored),
        satisfied=sum(s.result.satisfied for s in stored),
        rate=combined.rate,
    )


def _evidence_facts(ef: EvaluationFile) -> EvidenceFacts | None:
    from jixiao.storage import evidence

    cov = evidence.overall_coverage(ef)
    return EvidenceFacts(cov.provided, cov.required, cov.na, cov.rate)


def _from_row(row: dict[str, Any]) -> StoredSection:
    return StoredSection(
        key=row["key"],
        level=row["level"],
        heading=row["heading"],
        text=row["text"],
        snapshot=json.loads(row["figures_json"] or "{}"),
        updated_at=row["updated_at"],
        updated_by=row["updated_by"],
    )


def sections(ef: EvaluationFile) -> list[StoredSection]:
    rows = [_from_row(r) for r in ef.db.query("SELECT * FROM report_sections ORDER BY ord")]
    have = {r.key for r in rows}
    # A file whose outline lacks a section (none yet) still shows every section of the outline.
    rows += [StoredSection(s.key, s.level, s.heading, None) for s in OUTLINE if s.key not in have]
    return rows


def section(ef: EvaluationFile, key: str) -> StoredSection:
    found = next((s for s in sections(ef) if s.key == key), None)
    if found is None:
        raise StorageError(f"报告中没有第 {key} 节")
    return found


def section_text(ef: EvaluationFile, key: str, report_facts: ReportFacts | None = None) -> str:
    """What the editor shows: the person's text, or the draft while there is none."""
    stored = section(ef, key)
    if stored.text is not None:
        return stored.text
    return draft(key, report_facts or facts(ef))


def set_section_text(ef: EvaluationFile, key: str, text: str | None, reason: str = "") -> None:
    """Store the person's text of a section (None: back to the program's draft)."""
    if key not in OUTLINE_KEYS:
        raise StorageError(f"报告中没有第 {key} 节")
    if text is not None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    with ef.transaction():
        old = section(ef, key)
        if old.text == text:
            return
        current = facts(ef)
        saved = {} if text is None else snapshot(text, current, figures(current))
        spec = next(s for s in OUTLINE if s.key == key)
        ef.db.table("report_sections").upsert(
            {
                "key": key,
                "ord": OUTLINE_KEYS.index(key),
                "level": spec.level,
                "heading": old.heading or spec.heading,
                "text": text,
                "figures_json": json.dumps(saved, ensure_ascii=False, sort_keys=True),
                "updated_at": now_text(),
                "updated_by": ef.user,
            },
            pk="key",
        )
        ef.audit("report.section", f"报告 {old.heading or key}", old.text, text, reason)


def set_sections(ef: EvaluationFile, texts: dict[str, str], reason: str = "") -> None:
    """Several sections in one transaction (the sample's texts)."""
    with ef.transaction():
        for key, text in texts.items():
            set_section_text(ef, key, text, reason)


def report_title(ef: EvaluationFile) -> str:
    meta = ef.meta()
    return ef.get_setting(SETTING_TITLE, "") or f"{meta.year}年{meta.fund}绩效自评价报告"


def build(ef: EvaluationFile) -> Report:
    """The report as it would be exported now."""
    return build_report(sections(ef), facts(ef), report_title(ef))
