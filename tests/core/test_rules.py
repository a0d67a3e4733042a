"""Edges of each rule kind, overrides and 不适用."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.core.evaluate import STATUS_ERROR, STATUS_OVERRIDDEN, check_input, evaluate
from jixiao.core.model import NA_RESCALE, Indicator, IndicatorSystem
from jixiao.core.rules import (
    Band,
    BandsRule,
    BinaryRule,
    ChecklistItem,
    ChecklistRule,
    DeductionRule,
    InputError,
    ManualRule,
    QualitativeRule,
    RateRule,
)

SATISFACTION = BandsRule(
    label="满意度",
    bands=[
        Band(D("0.9"), D(7)),
        Band(D("0.8"), D(6)),
        Band(D("0.7"), D(5)),
        Band(D("0.6"), D(4)),
        Band(D("0.5"), D(3)),
    ],
)


def one(rule, weight="10", code="X11") -> tuple[IndicatorSystem, Indicator]:
    leaf = Indicator(code, "测试指标", D(weight), rule=rule)
    system = IndicatorSystem(
        "t",
        "t",
        [
            Indicator(
                "X",
                "一级",
                D(weight),
                children=[Indicator("X1", "二级", D(weight), children=[leaf])],
            )
        ],
    )
    return system, leaf


def score(rule, raw, weight="10"):
    system, _ = one(rule, weight)
    return evaluate(system, {"X11": raw}).indicators[0]


def test_rate_above_target_is_capped_at_the_weight() -> None:
    raw = {"numerator": "120", "denominator": "100", "accept_over": "是"}
    assert score(RateRule(), raw).score == D("10.00")


def test_rate_above_100_percent_is_refused_until_confirmed() -> None:
    item = score(RateRule(), {"numerator": "500", "denominator": "100"})
    assert item.status == "error" and "500.00%，超过 100%" in item.reason
    satisfaction = BandsRule(bands=[Band(D("0.9"), D(10)), Band(D("0.6"), D(5))])
    item = score(satisfaction, {"numerator": "150", "denominator": "100"})
    assert item.status == "error" and "分子 150.00 大于分母 100.00" in item.reason


def test_rate_uses_the_printed_percentage() -> None:
    s = score(RateRule(label="计划完成率"), {"numerator": "13", "denominator": "16"})
    assert s.score == D("8.13") and s.reason == "计划完成率 81.25%，扣 1.87 分。"


def test_rate_value_input_and_percent_strings() -> None:
    assert score(RateRule(), {"value": "0.9434"}, "2").score == D("1.89")
    assert score(RateRule(), {"value": "94.34%"}, "2").score == D("1.89")


def test_lower_is_better_rate() -> None:
    rule = RateRule(higher_is_better=False, target=D("1"))
    assert score(rule, {"value": "1.25"}).score == D("8.00")
    assert score(rule, {"value": "0.8"}).score == D("10.00")
    assert score(rule, {"value": "0"}).score == D("10.00")


def test_zero_denominator_is_a_clear_error_not_a_crash() -> None:
    system, leaf = one(RateRule())
    sheet = evaluate(system, {"X11": {"numerator": "5", "denominator": "0"}})
    assert sheet.indicators[0].status == STATUS_ERROR
    assert "分母为 0" in sheet.problems[0] and "X11" in sheet.problems[0]
    with pytest.raises(InputError, match="分母为 0"):
        check_input(leaf, {"numerator": "5", "denominator": "0"})


@pytest.mark.parametrize(
    ("rate", "points"),
    [
        ("0.9000", "7.00"),
        ("0.8999", "6.00"),
        ("0.8758", "6.00"),
        ("0.5", "3.00"),
        ("0.4999", "0.00"),
        ("1", "7.00"),
    ],
)
def test_bands_lower_bound_is_inclusive(rate, points) -> None:
    assert score(SATISFACTION, {"value": rate}, "7").score == D(points)


def test_bands_compare_the_rate_as_shown() -> None:
    # 8999.6 / 10000 is printed as 90.00%, so it is scored in the 90% band.
    assert score(SATISFACTION, {"numerator": "8999.6", "denominator": "10000"}, "7").score == D(7)
    assert score(SATISFACTION, {"numerator": "8999", "denominator": "10000"}, "7").score == D(6)


def test_deduction_floors_at_zero() -> None:
    assert score(DeductionRule(per=D("0.5")), {"count": 3}, "5").score == D("3.50")
    assert score(DeductionRule(per=D("0.5")), {"count": 40}, "5").score == D("0.00")
    with pytest.raises(InputError):
        check_input(one(DeductionRule())[1], {"count": -1})


def test_checklist_equal_shares_and_points() -> None:
    thirds = ChecklistRule(items=[ChecklistItem("a"), ChecklistItem("b"), ChecklistItem("c")])
    assert score(thirds, {"met": [True, True, True]}, "2").score == D("2.00")
    assert score(thirds, {"met": [True, False, True]}, "2").score == D("1.33")
    s = score(thirds, {"met": [True, False, True]}, "2")
    assert s.reason == "第②项不符合，扣 0.67 分。"
    pts = ChecklistRule(items=[ChecklistItem("a", D(1)), ChecklistItem("b", D(2))])
    assert score(pts, {"met": [False, True]}, "3").score == D("2.00")
    with pytest.raises(InputError, match="2 项"):
        check_input(one(pts, "3")[1], {"met": [True]})


def test_binary() -> None:
    assert score(BinaryRule(), {"met": True}, "5").score == D(5)
    assert score(BinaryRule(), {"met": False}, "5").score == D(0)


def test_qualitative_score_must_be_inside_its_range() -> None:
    leaf = one(QualitativeRule(), "2")[1]
    assert score(QualitativeRule(), {"level": "部分达成", "score": "1.5"}, "2").score == D("1.50")
    with pytest.raises(InputError, match=r"1\.2–1\.6"):
        check_input(leaf, {"level": "部分达成", "score": "1.9"})
    with pytest.raises(InputError):
        check_input(leaf, {"level": "优秀", "score": "1"})


def test_manual_score_above_weight_refused_and_reason_required() -> None:
    leaf = one(ManualRule())[1]
    with pytest.raises(InputError, match="超过权重"):
        check_input(leaf, {"score": "10.5", "reason": "x"})
    with pytest.raises(InputError, match="理由"):
        check_input(leaf, {"score": "9"})
    assert score(ManualRule(), {"score": "9", "reason": "瑕疵"}).reason == "瑕疵"


def test_override_needs_a_reason_and_keeps_the_computed_score() -> None:
    leaf = one(RateRule())[1]
    with pytest.raises(InputError, match="理由"):
        check_input(leaf, {"value": "0.5", "override": "9"})
    with pytest.raises(InputError):
        check_input(leaf, {"value": "0.5", "override": "11", "reason": "x"})
    s = score(RateRule(), {"value": "0.5", "override": "9", "reason": "材料补充后复核"})
    assert (s.computed, s.score, s.status, s.reason) == (
        D("5.00"),
        D("9.00"),
        STATUS_OVERRIDDEN,
        "材料补充后复核",
    )


def test_not_applicable_award_and_rescale() -> None:
    a = Indicator("A11", "甲", D(40), rule=BinaryRule())
    b = Indicator("A12", "乙", D(60), rule=RateRule())
    system = IndicatorSystem(
        "t",
        "t",
        [
            Indicator(
                "A", "一级", D(100), children=[Indicator("A1", "二级", D(100), children=[a, b])]
            )
        ],
    )
    inputs = {"A11": {"na": True, "reason": "本年度无此类项目"}, "A12": {"value": "0.5"}}
    award = evaluate(system, inputs)
    assert award.total == D("70.00")
    system.na_policy = NA_RESCALE
    rescaled = evaluate(system, inputs)
    assert rescaled.by_code()["A12"].weight == D("100.00")
    assert rescaled.total == D("50.00")
    assert rescaled.total == sum(i.score for i in rescaled.indicators)
