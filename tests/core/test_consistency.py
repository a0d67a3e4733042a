"""Sheets that disagree with themselves, and the national form's pure parts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from jixiao.core.consistency import sheet_warnings
from jixiao.core.evaluate import STATUS_ERROR, evaluate
from jixiao.core.model import NA_RESCALE, Indicator, IndicatorSystem
from jixiao.core.national_form import (
    FormError,
    NationalForm,
    chinese_date,
    compose_title,
    fund_table,
    normalise,
    undouble_year,
)
from jixiao.core.rules import BinaryRule, ManualRule


def system(weights=("60", "40"), na_policy: str = "award") -> IndicatorSystem:
    roots = []
    for i, w in enumerate(weights):
        leaf = Indicator(f"X{i}1", f"指标{i}", D(w), rule=BinaryRule())
        roots.append(
            Indicator(
                f"X{i}",
                f"一级{i}",
                D(w),
                children=[Indicator(f"X{i}0", f"二级{i}", D(w), children=[leaf])],
            )
        )
    return IndicatorSystem("t", "t", roots, na_policy=na_policy)


def test_not_applicable_without_reason_gets_no_marks_and_is_named() -> None:
    for policy in ("award", NA_RESCALE):
        sheet = evaluate(system(na_policy=policy), {"X01": {"na": True}, "X11": {"met": True}})
        item = sheet.by_code()["X01"]
        assert item.status == STATUS_ERROR and item.score == 0  # not full marks
        assert sheet.total == D(40)  # and no rescaling either
        assert any("X01" in p and "不适用必须填写理由" in p for p in sheet.problems)


def test_input_for_an_unknown_code_is_a_problem() -> None:
    sheet = evaluate(system(), {"X01": {"met": True}, "Q99": {"met": True}})
    assert any(p.startswith("Q99") for p in sheet.problems)


def test_override_outside_the_weight_is_a_warning_and_scores_nothing() -> None:
    sys_ = system()
    sheet = evaluate(sys_, {"X01": {"met": True, "override": "70", "reason": "公布表"}})
    assert sheet.by_code()["X01"].score == 0
    assert any("0–60.00" in w for w in sheet_warnings(sys_, sheet))


def test_weights_adding_to_110_and_a_printed_total_are_warned() -> None:
    sys_ = system(("60", "50"))
    sheet = evaluate(sys_, {"X01": {"met": True}, "X11": {"met": True}})
    warnings = sheet_warnings(sys_, sheet, published_total=D("96.5"))
    assert "一级指标权重合计 110，不等于 100" in warnings
    assert "公布的总分 96.50 不等于各项得分之和 110.00（评分表按各项得分之和打印）" in warnings
    clean = system()
    assert sheet_warnings(clean, evaluate(clean, {"X01": {"met": True}})) == []


def test_manual_score_sheet_without_problems_has_no_warnings() -> None:
    leaf = Indicator("A11", "a", D(100), rule=ManualRule())
    sys_ = IndicatorSystem(
        "t",
        "t",
        [Indicator("A", "A", D(100), children=[Indicator("A1", "A1", D(100), children=[leaf])])],
    )
    sheet = evaluate(sys_, {"A11": {"score": "90", "reason": "r"}})
    assert sheet_warnings(sys_, sheet) == []


def test_form_values_are_checked_and_normalised() -> None:
    assert normalise("评价日期", "2023-03-15") == ("form.评价日期", "2023-03-15")
    assert chinese_date(date(2023, 3, 15)) == "2023年3月15日"
    assert normalise("资金.其他资金.全年执行数", "1,234.50") == (
        "form.资金.其他资金.全年执行数",
        "1234.50",
    )
    assert normalise("执行率口径", "全年预算") == ("execution_denominator", "adjusted_budget")
    for key, value in (
        ("评价日期", "2023.3.15"),
        ("资金单位", "千元"),
        ("资金.x.y", "1"),
        ("资金.其他资金.全年执行数", "-1"),
    ):
        with pytest.raises(FormError):
            normalise(key, value)


def test_fund_table_sums_rows_and_uses_one_denominator() -> None:
    form = NationalForm(
        funds={
            ("当年财政拨款", "年初预算数"): D(40),
            ("当年财政拨款", "全年预算数"): D("43.2"),
            ("当年财政拨款", "全年执行数"): D("37.24"),
        }
    )
    adjusted = fund_table(form, None, "adjusted_budget")
    assert adjusted.total == [D(40), D("43.2"), D("37.24")]
    assert f"{adjusted.rate:.4f}" == "0.8620"
    assert f"{fund_table(form, None, 'budget').rate:.4f}" == "0.9310"


def test_titles_never_double_the_year() -> None:
    assert (
        compose_title("2025年某资金", 2025, "项目支出绩效自评表")
        == "2025年某资金项目支出绩效自评表"
    )
    assert compose_title("高标准农田建设项目", 2023, "项目支出绩效自评表") == (
        "2023年高标准农田建设项目支出绩效自评表"
    )
    assert undouble_year("2025年2025年某资金绩效自评价评分表") == "2025年某资金绩效自评价评分表"
