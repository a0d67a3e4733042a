"""Recognising 问卷星, 腾讯问卷 and generic exports (fixtures written at test time)."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from jixiao.core import survey as core
from jixiao.importers.survey import ImportFileError, load_survey

WJX_META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def wjx_row(i: int, *answers: object) -> list[object]:
    return [
        i,
        "2021/12/1 10:00:00",
        "100秒",
        "手机提交",
        "直接访问",
        f"58.213.1.{i}(江苏-南京)",
        *answers,
    ]


def test_wjx_text_export(tmp_path: Path) -> None:
    rows = [
        [*WJX_META, "1、您的身份是", "2、您对项目的满意程度", "3、您关注哪些方面？"],
        wjx_row(1, "社会公众", "非常满意", "交通┋医疗"),
        wjx_row(2, "企业", "满意", "教育"),
        wjx_row(3, "企业", "(跳过)", "(空)"),
        wjx_row(4, "社会公众", "一般", "医疗"),
    ]
    parsed = load_survey(write_xlsx(tmp_path / "问卷星.xlsx", rows))

    assert parsed.format == core.FORMAT_WJX
    assert [c.kind for c in parsed.layout.columns] == ["meta"] * 6 + ["question"] * 3
    assert [c.number for c in parsed.layout.questions()] == ["1", "2", "3"]
    assert parsed.layout.id_column == 0 and parsed.layout.ip_column == 5
    config = parsed.default_config()
    assert [r.column for r in config.questions] == [7]  # only the question that asks about 满意
    result = parsed.analyse(config)
    q = result.questions[0]
    assert (q.valid, q.satisfied, q.skipped, q.rate_text) == (3, 2, 1, "66.67%")


def test_wjx_option_number_export_skips_minus_two_and_three(tmp_path: Path) -> None:
    rows = [
        [*WJX_META, "1、您对项目的满意程度"],
        *(wjx_row(i, answer) for i, answer in enumerate([1, 1, 2, 3, -2, -3, 2, 5], start=1)),
    ]
    parsed = load_survey(write_xlsx(tmp_path / "wjx-index.xlsx", rows))

    assert parsed.format == core.FORMAT_WJX_INDEX
    config = parsed.default_config()
    # No option texts in the file: nothing is assumed about which number is satisfied.
    assert config.questions[0].satisfied == () and config.questions[0].needs_options("wjx_index")
    with pytest.raises(core.SurveyError, match=r"按选项序号.*请说明选项顺序"):
        parsed.analyse(config)
    order = ("非常满意", "满意", "一般", "不满意", "非常不满意")
    rule = core.with_options(config.questions[0], order)
    assert rule.satisfied == ("非常满意", "满意")
    config = core.SurveyConfig(config.header_row, (rule,))
    q = parsed.analyse(config).questions[0]
    assert (q.respondents, q.valid, q.satisfied, q.skipped) == (8, 6, 4, 2)
    assert q.rate_text == "66.67%"


def test_tencent_export_gbk_with_trailing_empty_column(tmp_path: Path) -> None:
    header = [
        "编号",
        "开始答题时间",
        "结束答题时间",
        "答题时长",
        "地理位置国家和地区",
        "地理位置省",
        "地理位置市",
        "1.您对本项目的总体满意度",
        "2.您的建议",
        "",
    ]
    rows = [
        header,
        [
            "1",
            "2021-12-01 10:00:00",
            "2021-12-01 10:02:00",
            "120",
            "中国",
            "江苏",
            "南京",
            "非常满意",
            "",
            "",
        ],
        [
            "2",
            "2021-12-01 10:05:00",
            "2021-12-01 10:06:00",
            "60",
            "中国",
            "江苏",
            "南京",
            "比较满意",
            "无",
            "",
        ],
        [
            "3",
            "2021-12-01 11:00:00",
            "2021-12-01 11:03:00",
            "180",
            "中国",
            "江苏",
            "南京",
            "满意",
            "",
            "",
        ],
    ]
    parsed = load_survey(write_csv(tmp_path / "腾讯问卷.csv", rows, "gbk"))

    assert parsed.table.encoding == "gbk"
    assert parsed.format == core.FORMAT_TENCENT
    kinds = [c.kind for c in parsed.layout.columns]
    assert kinds == ["meta"] * 7 + ["question", "question", "empty"]
    assert parsed.layout.find_question("1")[0].index == 7
    q = parsed.analyse(parsed.default_config()).questions[0]
    assert (q.valid, q.satisfied) == (3, 2)


def test_generic_sheet_finds_the_header_below_a_title(tmp_path: Path) -> None:
    rows = [
        ["2021 年受益对象满意度调查结果"],
        [],
        ["受访者", "所在区", "满意度评分（1-5）", "备注"],
        ["张某", "玄武区", "5", ""],
        ["李某", "秦淮区", "4", ""],
        ["王某", "鼓楼区", "2", "排队久"],
        ["赵某", "建邺区", "不知道", ""],
    ]
    parsed = load_survey(write_xlsx(tmp_path / "generic.xlsx", rows))

    assert parsed.format == core.FORMAT_GENERIC
    assert parsed.layout.header_row == 2
    assert [d[0] for d in parsed.data] == [4, 5, 6, 7]  # file row numbers
    config = parsed.default_config()
    rule = config.questions[0]
    assert rule.column == 2 and rule.mode == core.MODE_THRESHOLD and rule.threshold == 4
    q = parsed.analyse(config).questions[0]
    assert (q.valid, q.satisfied, q.invalid) == (3, 2, 1)


def test_user_can_choose_the_header_row(tmp_path: Path) -> None:
    rows = [["问卷", "导出"], ["姓名", "评价"], ["张某", "满意"], ["李某", "不满意"]]
    parsed = load_survey(write_csv(tmp_path / "two-headers.csv", rows))
    assert parsed.layout.header_row == 0
    chosen = parsed.with_header_row(1)
    assert chosen.header == ["姓名", "评价"]
    assert [c.kind for c in chosen.layout.columns] == [
        "meta",
        "question",
    ]  # 姓名 is about the respondent
    assert len(chosen.data) == 2


def test_no_header_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "numbers.csv", [["1", "2"], ["3", "4"]])
    with pytest.raises(ImportFileError, match=r"numbers.csv.*找不到表头"):
        load_survey(path)


def test_header_without_answers_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "only-header.xlsx", [[*WJX_META, "1、您对项目的满意程度"]])
    with pytest.raises(ImportFileError, match=r"only-header.xlsx.*没有任何答卷"):
        load_survey(path)


def test_wjx_matrix_rows_are_questions_and_share_a_number(tmp_path: Path) -> None:
    rows = [
        [*WJX_META, "1、您的身份是", "2(服务态度)", "2(办事效率)", "总分"],
        wjx_row(1, "企业", "非常满意", "满意", 10),
        wjx_row(2, "企业", "一般", "非常满意", 8),
    ]
    parsed = load_survey(
        write_csv(tmp_path / "matrix.csv", [[str(c) for c in r] for r in rows], "gb18030")
    )
    assert parsed.format == core.FORMAT_WJX
    assert [c.index for c in parsed.layout.find_question("2")] == [7, 8]
    assert parsed.layout.columns[9].kind == core.KIND_META  # 总分 of an exam survey
    result = parsed.analyse(parsed.default_config([7, 8]))
    assert [q.rate_text for q in result.questions] == ["50.00%", "100.00%"]
    assert result.rate_text == "75.00%"
