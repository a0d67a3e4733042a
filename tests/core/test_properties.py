"""Property tests: for any template and input, 0 ≤ score ≤ weight and total = Σ scores."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.evaluate import evaluate
from jixiao.core.model import NA_AWARD, NA_RESCALE, Indicator, IndicatorSystem
from jixiao.core.rules import (
    Band,
    BandsRule,
    BinaryRule,
    ChecklistItem,
    ChecklistRule,
    DeductionRule,
    ManualRule,
    QualitativeRule,
    RateRule,
)

weights = st.decimals(min_value=D("0.5"), max_value=D(30), places=2)
rates = st.decimals(min_value=D(0), max_value=D(3), places=4)


@st.composite
def leaf_and_input(draw, code: str):
    weight = draw(weights)
    kind = draw(
        st.sampled_from(
            ["checklist", "rate", "deduction", "bands", "binary", "qualitative", "manual"]
        )
    )
    if kind == "checklist":
        n = draw(st.integers(1, 6))
        rule = ChecklistRule(items=[ChecklistItem(str(i)) for i in range(n)])
        raw = {"met": draw(st.lists(st.booleans(), min_size=n, max_size=n))}
    elif kind == "rate":
        rule = RateRule(
            target=draw(st.decimals(min_value=D("0.1"), max_value=D(2), places=2)),
            higher_is_better=draw(st.booleans()),
        )
        raw = {
            "numerator": str(draw(st.integers(0, 10_000))),
            "denominator": str(draw(st.integers(1, 10_000))),
            "accept_over": "是",  # rates above 100% are refused unless confirmed
        }
    elif kind == "deduction":
        rule = DeductionRule(per=draw(st.decimals(min_value=D("0.1"), max_value=D(5), places=2)))
        raw = {"count": draw(st.integers(0, 100))}
    elif kind == "bands":
        rule = BandsRule(bands=[Band(D("0.9"), weight), Band(D("0.6"), weight / 2)])
        raw = {"value": str(draw(rates)), "accept_over": "是"}
    elif kind == "binary":
        rule, raw = BinaryRule(), {"met": draw(st.booleans())}
    elif kind == "qualitative":
        rule = QualitativeRule()
        level = draw(st.sampled_from(["达成", "部分达成", "未达成"]))
        low, high = QualitativeRule.range_for(level, weight)
        raw = {
            "level": level,
            "score": str(low + (high - low) * draw(st.sampled_from([D(0), D("0.5"), D(1)]))),
        }
    else:
        rule = ManualRule()
        raw = {
            "score": str(
                (weight * draw(st.sampled_from([D(0), D("0.37"), D(1)]))).quantize(D("0.01"))
            ),
            "reason": "酌情",
        }
    if draw(st.booleans()) and kind != "manual":
        raw["override"] = str(
            (weight * draw(st.sampled_from([D(0), D("0.5"), D(1)]))).quantize(D("0.01"))
        )
        raw["reason"] = "复核调整"
    if draw(st.integers(0, 9)) == 0:
        raw = {"na": True, "reason": "不适用"}
    return Indicator(code, code, weight, rule=rule), raw


@st.composite
def systems(draw):
    leaves, inputs = [], {}
    for i in range(draw(st.integers(1, 12))):
        leaf, raw = draw(leaf_and_input(f"X{i:02d}"))
        leaves.append(leaf)
        if draw(st.integers(0, 7)):
            inputs[leaf.code] = raw
    total = sum(leaf.weight for leaf in leaves)
    system = IndicatorSystem(
        "p",
        "p",
        [Indicator("X", "一级", total, children=[Indicator("X0", "二级", total, children=leaves)])],
        na_policy=draw(st.sampled_from([NA_AWARD, NA_RESCALE])),
    )
    return system, inputs


@settings(max_examples=300, deadline=None)
@given(systems())
def test_scores_stay_within_weights_and_add_up(case) -> None:
    system, inputs = case
    sheet = evaluate(system, inputs)
    assert not sheet.problems
    for item in sheet.indicators:
        assert D(0) <= item.score <= item.weight
        assert item.score == item.score.quantize(D("0.01"))
        if item.computed is not None:
            assert D(0) <= item.computed <= item.weight
    assert sheet.total == sum(i.score for i in sheet.indicators)
    assert sheet.total == sum(g.score for g in sheet.level1)
