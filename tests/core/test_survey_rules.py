"""Counting satisfied answers: option texts, numeric thresholds, exclusions, duplicates, rounding,
combining several surveys."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.core import survey as core

HEADER = ["序号", "提交答卷时间", "来自IP", "1、您对项目的满意程度", "2、您对服务的满意程度"]


def survey(
    answers: list[tuple[str, ...]], header: list[str] = HEADER
) -> tuple[list, core.SurveyLayout]:
    rows = [
        header,
        *([str(i), "2021/12/1", f"1.1.1.{i}", *a] for i, a in enumerate(answers, start=1)),
    ]
    layout = core.detect_layout(rows)
    return core.data_rows(rows, layout.header_row), layout


def run(
    answers: list[str], rule: core.QuestionRule | None = None, **policy: bool
) -> core.QuestionResult:
    data, layout = survey([(a, "") for a in answers])
    config = core.SurveyConfig(0, (rule or core.QuestionRule(3),), core.DuplicatePolicy(**policy))
    return core.analyse(data, layout, config).questions[0]


def test_default_option_texts_are_very_satisfied_and_satisfied() -> None:
    q = run(["非常满意", "满意", "比较满意", "一般", "不满意"])
    assert (q.respondents, q.valid, q.satisfied) == (5, 5, 2)
    assert q.rate == Decimal("0.4000") and q.rate_text == "40.00%"


def test_fairly_satisfied_can_be_counted() -> None:
    rule = core.QuestionRule(3, satisfied=("非常满意", "满意", "比较满意"))
    q = run(["非常满意", "满意", "比较满意", "一般", "不满意"], rule)
    assert q.satisfied == 3 and q.rate_text == "60.00%"


def test_blank_skipped_and_invalid_leave_the_denominator_and_are_counted() -> None:
    rule = core.QuestionRule(3, excluded=("不了解",))
    q = run(["非常满意", "满意", "", "(空)", "(跳过)", "不了解", "满意┋一般", "不满意"], rule)
    assert (q.respondents, q.blank, q.skipped, q.invalid) == (8, 2, 1, 2)
    assert (q.valid, q.satisfied, q.rate_text) == (3, 2, "66.67%")
    assert dict(q.distribution)["不了解"] == 1 and "" not in dict(q.distribution)


def test_numeric_threshold_with_valid_range() -> None:
    rule = core.QuestionRule(3, core.MODE_THRESHOLD, (), (), Decimal(4), Decimal(1), Decimal(5))
    q = run(["5", "4", "4.5", "3", "1", "6", "0", "很好", "5分"], rule)
    # 6 and 0 are outside 1–5, 很好 is not a number: invalid. "5分" reads as 5.
    assert (q.valid, q.satisfied, q.invalid) == (6, 4, 3)
    assert q.rate_text == "66.67%"


def test_option_numbers_skip_codes_only_in_option_number_exports() -> None:
    rule = core.QuestionRule(3, satisfied=("1", "2"))
    assert core.classify("-2", rule, core.FORMAT_WJX_INDEX) == core.SKIPPED
    assert core.classify("-3", rule, core.FORMAT_WJX_INDEX) == core.SKIPPED
    assert core.classify("2", rule, core.FORMAT_WJX_INDEX) == core.SATISFIED
    assert core.classify("满意", rule, core.FORMAT_WJX_INDEX) == core.INVALID
    assert core.classify("-2", rule, core.FORMAT_GENERIC) == core.VALID


def test_rate_rounds_half_up_to_a_hundredth_of_a_percent() -> None:
    # 35,030 / 40,000 = 0.87575 exactly: half-up gives 87.58% (banker's rounding would give
    # 87.58 too,
    # so also check 0.87585 → 87.59%, where half-even would round down to 87.58%).
    for satisfied, expected in ((35_030, "87.58%"), (35_034, "87.59%")):
        result = core.QuestionResult(
            3, "第1题", "", core.QuestionRule(3), 40_000, 40_000, satisfied, 0, 0, 0, ()
        )
        assert result.rate_text == expected


def test_duplicates_by_respondent_id_are_reported_and_dropped() -> None:
    rows = [
        HEADER,
        ["1", "t", "1.1.1.1", "满意", ""],
        ["2", "t", "1.1.1.2", "不满意", ""],
        ["1", "t", "1.1.1.1", "满意", ""],
    ]
    layout = core.detect_layout(rows)
    data = core.data_rows(rows, 0)
    dropped = core.analyse(data, layout, core.SurveyConfig(0, (core.QuestionRule(3),)))
    assert [d.describe() for d in dropped.duplicates] == ["第 4 行与第 2 行重复（答卷编号相同）"]
    assert (dropped.respondents, dropped.dropped, dropped.valid, dropped.satisfied) == (2, 1, 2, 1)

    kept = core.analyse(
        data,
        layout,
        core.SurveyConfig(0, (core.QuestionRule(3),), core.DuplicatePolicy(by_id=True, drop=False)),
    )
    assert len(kept.duplicates) == 1 and (kept.respondents, kept.valid, kept.satisfied) == (3, 3, 2)


def test_duplicates_by_ip_need_identical_answers_and_are_optional() -> None:
    rows = [
        HEADER,
        ["1", "t", "58.213.1.1(江苏-南京)", "满意", "满意"],
        ["2", "t", "58.213.1.1(江苏-南京)", "满意", "满意"],  # same IP, same answers
        ["3", "t", "58.213.1.1(江苏-南京)", "满意", "一般"],  # same IP, other answers: a colleague
        ["4", "t", "58.213.1.9(江苏-南京)", "满意", "满意"],
    ]
    layout = core.detect_layout(rows)
    data = core.data_rows(rows, 0)
    off = core.analyse(data, layout, core.SurveyConfig(0, (core.QuestionRule(3),)))
    assert off.duplicates == ()
    on = core.analyse(
        data,
        layout,
        core.SurveyConfig(0, (core.QuestionRule(3),), core.DuplicatePolicy(by_ip_answers=True)),
    )
    assert [(d.row_no, d.first_row_no, d.reason) for d in on.duplicates] == [(3, 2, "ip")]
    assert on.respondents == 3


def test_several_questions_pool_their_answers() -> None:
    data, layout = survey([("满意", "一般"), ("非常满意", "满意"), ("不满意", "")])
    config = core.SurveyConfig(0, (core.QuestionRule(3), core.QuestionRule(4)))
    result = core.analyse(data, layout, config)
    assert [q.rate_text for q in result.questions] == ["66.67%", "50.00%"]
    assert (result.valid, result.satisfied, result.rate_text) == (5, 3, "60.00%")


def test_no_question_chosen_and_no_valid_answer_are_refused() -> None:
    data, layout = survey([("", ""), ("(跳过)", "")])
    with pytest.raises(core.SurveyError, match=r"尚未选择"):
        core.analyse(data, layout, core.SurveyConfig(0, ()))
    result = core.analyse(data, layout, core.SurveyConfig(0, (core.QuestionRule(3),)))
    with pytest.raises(core.SurveyError, match=r"export.xlsx.*没有有效答案"):
        core.require_valid(result, "export.xlsx")


def _result(valid: int, satisfied: int) -> core.SurveyResult:
    q = core.QuestionResult(
        3, "第1题", "", core.QuestionRule(3), valid, valid, satisfied, 0, 0, 0, ()
    )
    return core.SurveyResult(core.FORMAT_WJX, valid, valid, (), 0, (q,))


def test_combine_by_count_pools_the_answers() -> None:
    combined = core.combine(
        [("社会公众", _result(1000, 900), None), ("受益对象", _result(200, 150), None)]
    )
    assert combined is not None
    assert combined.derived_input() == {"numerator": "1050", "denominator": "1200"}
    assert combined.rate_text == "87.50%"


def test_combine_by_weights() -> None:
    parts = [
        ("社会公众", _result(1000, 900), Decimal("0.4")),
        ("受益对象", _result(200, 150), Decimal("0.6")),
    ]
    combined = core.combine(parts, core.COMBINE_WEIGHTS)
    assert combined is not None
    # 0.4 × 90% + 0.6 × 75% = 81%
    assert combined.derived_input() == {"value": "0.8100"}
    with pytest.raises(core.SurveyError, match=r"权重"):
        core.combine([(n, r, None) for n, r, _ in parts], core.COMBINE_WEIGHTS)


def test_config_round_trips_through_json() -> None:
    config = core.SurveyConfig(
        2,
        (
            core.QuestionRule(
                3, core.MODE_THRESHOLD, (), ("不知道",), Decimal(4), Decimal(1), Decimal(5)
            ),
            core.QuestionRule(4, satisfied=("非常满意", "满意", "比较满意")),
        ),
        core.DuplicatePolicy(True, True, False),
        {5: core.KIND_META},
    )
    assert core.SurveyConfig.from_json(config.to_json()) == config


def test_generic_headers_naming_a_time_can_still_be_questions() -> None:
    rows = [
        ["受访者编号", "提交时间", "您对办理时间是否满意", "您对服务态度的评价？"],
        ["1", "t", "满意", "好"],
    ]
    layout = core.detect_layout(rows)
    assert [c.kind for c in layout.columns] == ["meta", "meta", "question", "question"]
    assert layout.id_column == 0
    assert core.suggest_satisfaction_questions(layout) == [2]
