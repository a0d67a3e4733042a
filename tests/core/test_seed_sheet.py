"""The 2021 Nanjing score sheet, reproduced from raw data (seed appendix table)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from jixiao.core.evaluate import evaluate
from jixiao.core.projects import SOURCE_SATISFACTION, summarize
from jixiao.importers import template_library
from jixiao.importers.sample import project_from_dict, sample_data

SEED_SCORES = {
    "A11": "2.00",
    "A12": "2.00",
    "A21": "2.00",
    "A22": "1.50",
    "A31": "3.00",
    "B11": "2.00",
    "B12": "1.89",
    "B13": "2.00",
    "B21": "2.50",
    "B22": "9.00",
    "C11": "8.13",
    "C21": "9.38",
    "C31": "5.83",
    "D11": "5.00",
    "D12": "5.00",
    "D13": "3.00",
    "D14": "5.00",
    "D15": "5.00",
    "D21": "5.00",
    "D31": "5.00",
    "D41": "6.00",
}
SEED_SUBTOTALS = {"A": "10.50", "B": "17.39", "C": "23.34", "D": "39.00"}
SEED_REASONS = {
    "B12": "预算执行率 94.34%，扣 0.11 分。",
    "C11": "计划完成率 81.25%，扣 1.87 分。",
    "C21": "项目验收合格率 93.75%，扣 0.62 分。",
    "C31": "项目完成及时率 58.33%，扣 4.17 分。",
    "D41": "满意度 87.58%，扣 1 分。",
}


@pytest.fixture(scope="module")
def sheet():
    data = sample_data()
    system = template_library.resolve("nanjing-2021")
    derived = summarize([project_from_dict(p) for p in data["projects"]]).derived_inputs()
    derived[SOURCE_SATISFACTION] = data["survey"]["fallback_satisfaction"]
    return evaluate(system, data["inputs"], derived)


def test_every_level3_score_matches_the_seed(sheet) -> None:
    got = {i.code: f"{i.score:.2f}" for i in sheet.indicators}
    assert got == SEED_SCORES


def test_subtotals_total_and_grade(sheet) -> None:
    assert {g.code: f"{g.score:.2f}" for g in sheet.level1} == SEED_SUBTOTALS
    assert f"{sheet.total:.2f}" == "90.23"
    assert sheet.grade == "优"
    assert sheet.total == sum(i.score for i in sheet.indicators)


def test_computed_reasons_use_the_seed_wording(sheet) -> None:
    reasons = {i.code: i.reason for i in sheet.indicators}
    for code, reason in SEED_REASONS.items():
        assert reasons[code] == reason
    assert reasons["A11"] == ""


def test_only_discretionary_scores_are_typed_in() -> None:
    data = sample_data()
    typed = {code for code, raw in data["inputs"].items() if "score" in raw or "override" in raw}
    assert typed == {"A22", "B22"}  # 部分达成 by judgement, and 酌情扣分


def test_sample_registry_has_the_seed_money_and_counts() -> None:
    projects = [project_from_dict(p) for p in sample_data()["projects"]]
    s = summarize(projects)
    assert (s.projects, s.units) == (40, 16)
    assert s.budget == Decimal("18700.00") and s.paid == Decimal("17641.06")
    batches = {}
    for p in projects:
        batches[p.batch] = batches.get(p.batch, Decimal(0)) + p.budget
    assert batches == {
        "宁数管〔2021〕28号": Decimal("12521.26"),
        "宁数管〔2021〕37号": Decimal("6178.74"),
    }
    assert (s.completed, s.planned, s.accepted, s.due, s.on_time, s.timed) == (
        13,
        16,
        15,
        16,
        7,
        12,
    )


def test_json_output_shape(sheet) -> None:
    out = sheet.to_json()
    assert set(out) == {"title", "total", "grade", "level1", "level2", "indicators", "fingerprint"}
    assert out["total"] == "90.23"
    b12 = next(i for i in out["indicators"] if i["code"] == "B12")
    assert b12 | {} == b12
    assert {
        k: b12[k] for k in ("weight", "computed", "score", "deduction", "level1", "level2", "rule")
    } == {
        "weight": "2.00",
        "computed": "1.89",
        "score": "1.89",
        "deduction": "0.11",
        "level1": "B",
        "level2": "B1",
        "rule": "rate",
    }
    json.dumps(out)  # serialisable
    assert len(out["fingerprint"]) == 64
