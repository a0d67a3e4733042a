"""The 绩效自评价报告 of the sample: every figure the seed states, live figures, flagged edits."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.storage import report_store
from jixiao.storage.evaluation_file import EvaluationFile


def text_of(ef: EvaluationFile, key: str) -> str:
    return report_store.build(ef).section(key).text


# (section, sentence or figure as the seed states it)
SEED_FIGURES = [
    ("1.1.2", "安排40个项目"),
    ("1.1.2", "涉及16个主体建设单位"),
    ("1.1.2", "目前24个信息化建设系统基本投入运行或处于试运行"),
    ("1.1.2", "其中有23个项目通过验收，1个项目处于试运行阶段尚未组织验收"),
    ("1.1.3.1", "投资金额分别为12,521.26万元和6,178.74万元。"),
    (
        "1.1.3.2",
        "2021年南京市政务信息化专项安排预算18,700.00万元，截至2021年12月31日实际支付项目资金"
        "17,641.06万元，预算执行率94.34%。",
    ),
    ("2.1", "目前24个信息化建设系统基本投入运行或处于试运行"),
    ("2.2", "经综合评定，2021年南京市政务信息化专项资金综合评价绩效得分90.23分，等级为“优”。"),
    ("6.1", "包括4个一级指标、12个二级指标和21个三级指标组成。"),
    ("6.1", "重点在“项目产出”和“项目绩效”上，权重达70%。"),
    ("6.2", "有效回答5000份，其中满意4379份，满意度为87.58%。"),
    ("7", "附件：2021年南京市政务信息化专项资金绩效自评价评分表"),
]


@pytest.mark.parametrize(("key", "sentence"), SEED_FIGURES)
def test_sample_report_states_the_seed_figures_in_the_right_section(
    sample_file: EvaluationFile, key: str, sentence: str
) -> None:
    assert sentence in text_of(sample_file, key)


def test_sample_report_outline_and_texts(sample_file: EvaluationFile) -> None:
    report = report_store.build(sample_file)
    assert report.title == "2021年南京市政务信息化专项资金绩效自评价报告"
    headings = [s.heading for s in report.sections if s.heading]
    assert headings[:3] == ["一、项目基本情况", "（一）项目概况", "1、项目设立背景"]
    assert [h for h in headings if h[1] == "、" and not h[0].isdigit()] == [
        "一、项目基本情况",
        "二、综合评价情况及评价结论",
        "三、项目成效",
        "四、存在的问题及原因分析",
        "五、下一步工作建议",
        "六、绩效自评价工作开展情况及其他需说明的情况",
        "七、附件",
    ]
    # The seed's own prose ships with the sample: achievements, problems, suggestions.
    assert "（二）建设统一的云管平台，实现资源统管" in report.section("3").text
    assert "（一）项目建设单位管理制度有待完善" in report.section("4").text
    assert "严肃招标管理，优化招标评标评分标准" in report.section("5").text
    sub = [p for p in report.section("3").paragraphs if p.heading_level]
    assert [p.heading_level for p in sub] == [2, 2, 2, 2]
    assert report.findings == []


def test_figures_are_references_not_frozen_text(sample_file: EvaluationFile) -> None:
    stored = report_store.section(sample_file, "1.1.3.2").text or ""
    assert "{{预算执行率}}" in stored and "94.34" not in stored
    para = report_store.build(sample_file).section("1.1.3.2").paragraphs[0]
    generated = {s.figure: s.text for s in para.segments if s.figure}
    assert generated["预算执行率"] == "94.34%" and generated["实际支付"] == "17,641.06"


def _pay_more(ef: EvaluationFile, amount: str) -> None:
    project = next(p for p in ef.projects() if p.paid + Decimal(amount) <= p.budget)
    ef.update_project(project.with_changes(paid=project.paid + Decimal(amount)), reason="补登支付")


def test_an_extra_payment_changes_every_figure_and_flags_the_typed_one(
    sample_file: EvaluationFile,
) -> None:
    # The person overwrote the generated rate with a figure typed by hand.
    typed = (
        "2021年南京市政务信息化专项安排预算{{预算}}万元，截至2021年12月31日实际支付项目资金"
        "{{实际支付}}万元，预算执行率94.34%，基本完成年度支出计划。"
    )
    report_store.set_section_text(sample_file, "1.1.3.2", typed)
    assert report_store.build(sample_file).findings == []
    _pay_more(sample_file, "100")

    report = report_store.build(sample_file)
    sheet = sample_file.score_sheet()
    assert sheet.total != Decimal("90.23")
    whole = report.plain_text()
    assert "17,741.06" in whole and "17,641.06" not in whole
    assert f"综合评价绩效得分{sheet.total}分" in report.section("2.2").text
    assert "90.23" not in whole
    assert "预算执行率94.87%" not in whole  # the typed sentence keeps the person's figure ...
    assert "预算执行率94.34%，基本完成年度支出计划" in report.section("1.1.3.2").text
    messages = [f.message for f in report.findings]
    assert messages == ["报告中的 94.34% 与当前数据 94.87% 不一致（预算执行率）"]
    assert report.findings[0].where == "（2）项目资金使用情况"
    marked = [s.text for p in report.section("1.1.3.2").paragraphs for s in p.segments if s.stale]
    assert marked == ["94.34%"]
    # ... and everywhere else the new rate is stated, in the appended table too.
    b12 = sheet.by_code()["B12"]
    assert "94.87%" in b12.reason


def test_a_figure_typed_against_old_data_is_flagged_by_its_snapshot(
    sample_file: EvaluationFile,
) -> None:
    text = report_store.section_text(sample_file, "1.1.2").replace("{{项目数}}", "40")
    report_store.set_section_text(sample_file, "1.1.2", text)
    project = sample_file.projects()[0]
    sample_file.delete_project(project.id)
    found = [f.message for f in report_store.build(sample_file).findings]
    assert "报告中的 40 与当前数据 39 不一致（项目数）" in found


def test_drafts_follow_the_seed_wording(sample_file: EvaluationFile) -> None:
    for key in ("1.1.3.2", "2.2", "6.1", "6.2", "4", "1.1.3.1"):
        report_store.set_section_text(sample_file, key, None)
    report = report_store.build(sample_file)
    assert report.section("1.1.3.2").text == (
        "2021年南京市政务信息化专项安排预算18,700.00万元，截至2021年12月31日实际支付项目资金"
        "17,641.06万元，预算执行率94.34%。"
    )
    assert report.section("2.2").text == (
        "经综合评定，2021年南京市政务信息化专项资金综合评价绩效得分90.23分，等级为“优”。"
    )
    indicators = report.section("6.1").text
    assert "包括4个一级指标、12个二级指标和21个三级指标" in indicators
    assert "重点在“项目产出”和“项目绩效”上，权重达70%。" in indicators
    org = report.section("6.2").text
    assert "共收回答卷5036份，有效回答5000份，其中满意4379份，满意度为87.58%。" in org
    assert "应提供37项，已提供0项，佐证完整率为0.00%。" in org
    assert "分2批下达项目计划，投资金额分别为12,521.26万元和6,178.74万元。" in (
        report.section("1.1.3.1").text
    )
    # Section 四 starts from the deductions: one problem heading per 扣分原因.
    problems = report.section("4")
    headings = [p.text for p in problems.paragraphs if p.heading_level == 2]
    assert headings == [
        "（一）部分绩效目标不可衡量",
        "（二）预算执行率 94.34%",
        "（三）部分项目建设单位未制定项目管理制度",
        "（四）部分项目招投标、监理存在瑕疵",
        "（五）计划完成率 81.25%",
        "（六）项目验收合格率 93.75%",
        "（七）项目完成及时率 58.33%",
        "（八）满意度 87.58%",
    ]
    assert "“B12 预算执行率”指标权重2分，得分1.89分，扣0.11分。" in problems.text


def test_edits_are_audited_and_back_to_draft(sample_file: EvaluationFile) -> None:
    report_store.set_section_text(sample_file, "6.3", "无其他需说明的情况。")
    entry = sample_file.audit_log(1)[0]
    assert entry.action == "report.section" and entry.new_value == "无其他需说明的情况。"
    assert report_store.build(sample_file).section("6.3").drafted is False
    report_store.set_section_text(sample_file, "6.3", None)
    assert report_store.build(sample_file).section("6.3").drafted is True


def test_unknown_or_missing_figures_are_marked_and_flagged(sample_file: EvaluationFile) -> None:
    report_store.set_section_text(sample_file, "6.3", "见{{不存在的数据}}；{{问题:A11}}。")
    section = report_store.build(sample_file).section("6.3")
    assert "【没有名为“不存在的数据”的数据】" in section.text
    assert any(s.missing for p in section.paragraphs for s in p.segments)
    messages = [f.message for f in section.findings]
    assert any("A11 立项依据充分性 已无扣分" in m for m in messages)


def test_v1_file_upgrades_and_gets_a_report(tmp_path: Path) -> None:
    import shutil

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schema-v1.jixiao"
    path = tmp_path / "old.jixiao"
    shutil.copy(fixture, path)
    with EvaluationFile.open(path) as ef:
        report = report_store.build(ef)
        assert len(report.sections) == 20
        assert all(s.drafted for s in report.sections)
        assert "经综合评定" in report.section("2.2").text
        report_store.set_section_text(ef, "3", "（一）成效一\n正文。")
    with EvaluationFile.open(path) as ef:
        assert report_store.section(ef, "3").text == "（一）成效一\n正文。"


def test_a_new_empty_evaluation_drafts_its_report_and_says_what_is_missing(
    tmp_path: Path,
) -> None:
    from jixiao.export.report_export import export_report
    from jixiao.importers import template_library

    system = template_library.resolve("national-2020")
    with EvaluationFile.create(
        tmp_path / "新.jixiao", system, fund="某专项资金", year=2023, unit="某局"
    ) as ef:
        report = report_store.build(ef)
        assert report.title == "2023年某专项资金绩效自评价报告"
        funds = report.section("1.1.3.2")
        assert "【尚未登记项目】" in funds.text
        assert any("尚未登记项目" in f.message for f in funds.findings)
        assert "权重达" in report.section("6.1").text  # 产出指标 + 效益指标 of the national form
        problems = report.section("4").text
        assert problems.startswith("（评分表尚有") and "未录入" in problems
        assert "评分表各项指标均得满分" not in problems
        export_report(ef, tmp_path / "r.docx")
        export_report(ef, tmp_path / "r.pdf", font_dirs=[])
        assert (tmp_path / "r.pdf").stat().st_size > 10000


def test_a_figure_typed_wrong_next_to_its_name_is_flagged_at_once(
    sample_file: EvaluationFile,
) -> None:
    report_store.set_section_text(
        sample_file,
        "6.3",
        "本年度预算执行率为95%，综合评价绩效得分 89.5 分，满意度87.58%，实际支付资金17641.06万元。",
    )
    messages = [f.message for f in report_store.build(sample_file).section("6.3").findings]
    assert messages == [
        "报告中的 95% 与当前数据 94.34% 不一致（预算执行率）",
        "报告中的 89.5 与当前数据 90.23 不一致（综合评价绩效得分）",
    ]


def test_national_form_fields_and_the_execution_denominator_reach_the_report(
    sample_file: EvaluationFile,
) -> None:
    from jixiao.storage import national_form

    national_form.set_value(sample_file, "主管部门", "南京市大数据管理局")
    national_form.set_value(sample_file, "评价日期", "2022-03-15")
    report_store.set_section_text(
        sample_file, "6.3", "主管部门{{主管部门}}，评价日期{{评价日期}}。"
    )
    assert report_store.build(sample_file).section("6.3").text == (
        "主管部门南京市大数据管理局，评价日期2022年3月15日。"
    )
    # One denominator setting: the funds sentence divides by what it states as 预算.
    project = sample_file.projects()[0]
    sample_file.update_project(project.with_changes(adjusted_budget=project.budget - 100))
    national_form.set_value(sample_file, "执行率口径", "全年预算")
    funds = report_store.build(sample_file).section("1.1.3.2").text
    assert "安排预算18,600.00万元" in funds and "预算执行率94.84%" in funds
