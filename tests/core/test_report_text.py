"""Pure pieces of the report: typed sub-headings, problem headings, literal-figure checks."""

from __future__ import annotations

from jixiao.core.report_figures import Figure, _join, problem_stem
from jixiao.core.report_model import Paragraph, Segment, chinese_number, heading_level
from jixiao.core.report_text import _literal_pattern, mark_stale


def test_typed_sub_headings_are_recognised_by_their_numbering() -> None:
    assert heading_level("（一）完善了信息基础建设，提升了城市管理能力") == 2
    assert heading_level("1、总体目标") == 3
    assert heading_level("（2）项目资金使用情况") == 4
    assert heading_level("三、项目成效") == 1
    # Body text that happens to start with a number is not a heading.
    assert heading_level("1、项目单位应严格执行管理办法，并制定相关制度。") == 0
    assert heading_level("第一，项目建设单位管理工作方面。") == 0
    assert heading_level("一是部分项目招投标工作规范性仍需继续提高") == 0


def test_problem_headings_drop_the_deduction() -> None:
    assert problem_stem("部分绩效目标不可衡量，扣 0.5 分。") == "部分绩效目标不可衡量"
    assert problem_stem("预算执行率 94.34%，扣 0.11 分。") == "预算执行率 94.34%"
    assert problem_stem("部分项目招投标、监理存在瑕疵扣 1 分。") == "部分项目招投标、监理存在瑕疵"
    assert [chinese_number(n) for n in (1, 8, 10, 11, 20, 23)] == [
        "一",
        "八",
        "十",
        "十一",
        "二十",
        "二十三",
    ]
    assert _join(["a"]) == "a" and _join(["a", "b", "c"]) == "a、b和c"


def test_a_stale_literal_is_found_only_as_that_figure() -> None:
    rate = _literal_pattern("94.34%", "")
    assert rate.search("预算执行率94.34%。") and not rate.search("194.34%")
    money = _literal_pattern("17,641.06", "万元")
    assert money.search("支付17641.06万元") and money.search("支付17,641.06万元")
    assert not money.search("17,641.068")
    count = _literal_pattern("16", "个")
    assert count.search("涉及16 个主体") and not count.search("2016年") and not count.search("16项")
    para = mark_stale(Paragraph((Segment("2016年有16个"), Segment("16", "建设单位数"))), {"16"})
    assert [(s.text, s.stale) for s in para.segments] == [
        ("2016年有", False),
        ("16", True),
        ("个", False),
        ("16", False),
    ]
    assert Figure("k", "l", None).value is None
