"""The built-in sample evaluation: 2021 南京市政务信息化专项资金, reproduced from raw data."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao import paths
from jixiao.core.projects import Project
from jixiao.importers import template_library
from jixiao.importers.survey import load_survey
from jixiao.storage import report_store, surveys
from jixiao.storage.evaluation_file import EvaluationFile

SAMPLES = {"nanjing-2021": "nanjing-2021.json"}
# The seed report's own section texts, with its figures as references to the data.
REPORTS = {"nanjing-2021": "nanjing-2021-report.json"}


def sample_data(name: str = "nanjing-2021") -> dict[str, Any]:
    if name not in SAMPLES:
        raise KeyError(f"没有名为 {name} 的样例（可用：{'、'.join(SAMPLES)}）")
    return json.loads((paths.sample_dir() / SAMPLES[name]).read_text(encoding="utf-8"))


def project_from_dict(item: dict[str, Any]) -> Project:
    return Project(
        name=item["name"],
        unit=item["unit"],
        batch=item.get("batch", ""),
        domain=item.get("domain", ""),
        budget=Decimal(item["budget"]),
        funds_in_place=Decimal(item.get("funds_in_place", "0")),
        paid=Decimal(item.get("paid", "0")),
        status=item.get("status", "在建"),
        planned_date=date.fromisoformat(item["planned_date"]) if item.get("planned_date") else None,
        accepted_date=date.fromisoformat(item["accepted_date"])
        if item.get("accepted_date")
        else None,
        sampled=bool(item.get("sampled")),
        planned_output=bool(item.get("planned_output")),
        completed=bool(item.get("completed")),
        acceptance_due=bool(item.get("acceptance_due")),
        accepted=bool(item.get("accepted")),
        on_time=item.get("on_time"),
        note=item.get("note", ""),
    )


def create_sample(path: str | Path, name: str = "nanjing-2021", user: str = "") -> EvaluationFile:
    data = sample_data(name)
    system = template_library.resolve(data["template"])
    ef = EvaluationFile.create(
        path,
        system,
        fund=data["fund"],
        year=data["year"],
        unit=data["unit"],
        title=data["title"],
        user=user,
    )
    try:
        with ef.transaction():
            ef.upsert_projects([project_from_dict(p) for p in data["projects"]], reason="样例数据")
            for code, raw in data["inputs"].items():
                ef.set_input(code, raw, reason="样例数据")
            _add_sample_survey(ef, data["survey"])
            _add_sample_report(ef, name)
    except BaseException:
        ef.close()
        Path(path).unlink(missing_ok=True)
        raise
    return ef


def _add_sample_survey(ef: EvaluationFile, survey: dict[str, Any]) -> None:
    """Import the bundled 问卷星-style export with the default rules."""
    parsed = load_survey(paths.sample_dir() / survey["file"])
    surveys.add_survey(ef, parsed, survey["name"], parsed.default_config(), reason="样例数据")


def _add_sample_report(ef: EvaluationFile, name: str) -> None:
    """The seed report's own section texts, so the sample report reads like the real one."""
    if name not in REPORTS:  # only the Nanjing sample comes with a report
        return
    source = paths.sample_dir() / REPORTS[name]
    texts = json.loads(source.read_text(encoding="utf-8"))["sections"]
    report_store.set_sections(ef, texts, reason="样例数据")
