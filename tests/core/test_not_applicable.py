"""不适用 indicators: award their weight, or drop them and rescale the rest to 100."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core.evaluate import STATUS_NA, evaluate
from jixiao.core.model import NA_AWARD, NA_RESCALE, IndicatorSystem
from jixiao.importers import template_library

D = Decimal


def national(policy: str) -> IndicatorSystem:
    system = template_library.resolve("national-2020")
    system.na_policy = policy
    return system


def full_inputs() -> dict[str, dict]:
    """Every indicator of the national form at its full weight (qualitative 达成 at 10)."""
    return {
        "Y11": {"value": "1"},
        "C11": {"value": "1"},
        "C21": {"value": "1"},
        "C31": {"value": "1"},
        "C41": {"value": "1"},
        "E11": {"level": "达成", "score": "10"},
        "E21": {"level": "达成", "score": "10"},
        "E31": {"level": "达成", "score": "10"},
        "S11": {"value": "0.95"},
    }


def test_award_gives_the_full_weight_with_the_reason() -> None:
    inputs = full_inputs()
    inputs["Y11"] = {"value": "0.9434"}  # 10 × 94.34% = 9.434 → 9.43
    inputs["C41"] = {"na": True, "reason": "本年度无成本核算要求"}
    sheet = evaluate(national(NA_AWARD), inputs)
    c41 = sheet.by_code()["C41"]
    assert c41.status == STATUS_NA
    assert c41.score == D("10.00") and c41.weight == D("10.00")
    assert "不适用" in c41.reason and "本年度无成本核算要求" in c41.reason
    assert sheet.total == D("99.43")
    assert sheet.group("C").weight == D("50") and sheet.group("C").score == D("50.00")
    assert not sheet.problems


def test_rescale_drops_the_indicator_and_scales_the_rest_to_100() -> None:
    inputs = full_inputs()
    inputs["C41"] = {"na": True, "reason": "本年度无成本核算要求"}
    sheet = evaluate(national(NA_RESCALE), inputs)
    scores = sheet.by_code()
    assert scores["C41"].status == STATUS_NA
    assert scores["C41"].weight == 0 and scores["C41"].score == 0
    # 90 points remain; each is scaled by 100/90: 10 → 11.11, 15 → 16.67.
    assert scores["Y11"].weight == D("11.11")
    assert scores["C11"].weight == D("16.67")
    assert sum(s.weight for s in sheet.indicators) == D("100.00")
    assert sheet.total == D("100.00")
    assert sheet.grade == "优"
    # The level-1 subtotal shows the rescaled weight of what is left of 产出.
    assert sheet.group("C").weight == D("44.45")


def test_rescale_scores_a_rate_against_the_scaled_weight() -> None:
    inputs = full_inputs()
    inputs["C41"] = {"na": True, "reason": "无"}
    inputs["Y11"] = {"numerator": "17641.06", "denominator": "18700.00"}  # 94.34%
    sheet = evaluate(national(NA_RESCALE), inputs)
    y11 = sheet.by_code()["Y11"]
    # Scored against the template weight (10 × 94.34% = 9.43), then stretched by 100/90 → 10.48.
    assert y11.weight == D("11.11")
    assert y11.score == D("10.48")
    assert sheet.total == D("99.37")


def test_rescaled_deduction_reason_matches_the_printed_deduction() -> None:
    inputs = full_inputs()
    inputs["C41"] = {"na": True, "reason": "无"}
    inputs["Y11"] = {"numerator": "17641.06", "denominator": "18700.00"}
    y11 = evaluate(national(NA_RESCALE), inputs).by_code()["Y11"]
    assert y11.reason == "预算执行率 94.34%，扣 0.63 分。"


def test_not_applicable_needs_a_reason() -> None:
    inputs = full_inputs()
    inputs["C41"] = {"na": True}
    sheet = evaluate(national(NA_RESCALE), inputs)
    assert any("C41" in p and "理由" in p for p in sheet.problems)


def test_stored_not_applicable_input_rescales_the_file(sample_file) -> None:
    from jixiao.core.rules import InputError

    with pytest.raises(InputError, match="理由"):
        sample_file.set_input("A11", {"na": True})
    system = sample_file.system()
    system.na_policy = NA_RESCALE
    sample_file.replace_system(system, "测试：不适用按比例折算")
    before = sample_file.score_sheet().total
    sample_file.set_input("B21", {"na": True, "reason": "本年度未要求制度建设"})
    sheet = sample_file.score_sheet()
    assert sheet.by_code()["B21"].status == STATUS_NA
    assert sheet.by_code()["B21"].weight == 0
    # B21 (3 points) is dropped: the other 97 points are stretched to about 100.
    b12 = sheet.by_code()["B12"]
    assert b12.weight == D("2.06")  # 2 × 100/97
    assert sheet.total != before
    assert sheet.total <= D("100")


def test_rescale_keeps_the_total_weight_at_exactly_100() -> None:
    inputs = full_inputs()
    inputs["C21"] = {"na": True, "reason": "本年度无验收"}  # 85 left: factor 100/85
    sheet = evaluate(national(NA_RESCALE), inputs)
    assert sum(s.weight for s in sheet.indicators) == D("100.00")
    assert sheet.total == D("100.00")


def test_rescale_scales_scores_entered_in_points() -> None:
    inputs = full_inputs()
    inputs["C41"] = {"na": True, "reason": "无"}
    sheet = evaluate(national(NA_RESCALE), inputs)
    # E11 was scored 10 of 10 (达成); after rescaling it is 11.11 of 11.11, not 10.
    assert sheet.by_code()["E11"].score == sheet.by_code()["E11"].weight == D("11.11")
    inputs["E21"] = {"level": "部分达成", "score": "7"}  # 7 × 100/90 = 7.777… → 7.78
    assert evaluate(national(NA_RESCALE), inputs).by_code()["E21"].score == D("7.78")


@pytest.mark.parametrize("mark", ["是", "√", "true", "1", True, 1])
def test_every_way_of_writing_yes_marks_not_applicable_and_meets_a_check(mark) -> None:
    # One reading of yes/no: a 不适用 flag written "√" is 不适用, as a "√" in a checklist is met.
    from jixiao.core.evaluate import is_not_applicable
    from jixiao.core.rules import _bool, truthy

    assert truthy(mark) and is_not_applicable({"na": mark}) and _bool(mark, "x") is True


@pytest.mark.parametrize("mark", ["否", "×", "false", "0", False, 0, "", None, "不适用?"])
def test_anything_but_a_clear_yes_is_applicable(mark) -> None:
    from jixiao.core.evaluate import is_not_applicable

    assert not is_not_applicable({"na": mark})
