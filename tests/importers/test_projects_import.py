"""Project-list import: header variants, amounts, encodings, every row's problems, upsert."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from jixiao.importers.projects import (
    UNIT_YUAN,
    CellError,
    ImportFileError,
    classify,
    load_project_list,
    match_headers,
    parse_amount,
    parse_date,
    parse_on_time,
)

HEADER = (
    "序号,项目名称,建设单位,批次/文号,预算金额(万元),到位资金,实际支付,状态,计划完成日期,"
    "纳入抽查,按期完成,备注"
)
GOOD_ROWS = [
    '1,城市运行监测平台,南京市大数据管理局,宁数管〔2021〕28号,"1,234.50",1234.5,"1,000.00",已验收,2021-06-30,是,是,',
    "2,社区网格化平台,南京市民政局,宁数管〔2021〕37号,671.8,671.8,600,在建,2021/12/31,否,,跨年",
]


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding) + b"\r\n")
    return path


def test_good_csv_reads_every_field(tmp_path: Path) -> None:
    preview = load_project_list(write_csv(tmp_path / "list.csv", [HEADER, *GOOD_ROWS]))
    assert preview.ok and preview.match.confident
    # Only the columns this list lacks are mentioned: their data is 未录入, never 否 / 0.
    assert [p.why[:8] for p in preview.problems] == ["没有“已完成”列", "没有“已验收”列"]
    first, second = preview.projects
    assert (first.name, first.unit, first.batch) == (
        "城市运行监测平台",
        "南京市大数据管理局",
        "宁数管〔2021〕28号",
    )
    assert first.budget == Decimal("1234.50") and str(first.budget) == "1234.50"
    assert first.paid == Decimal("1000") and first.status == "已验收"
    assert (
        first.planned_date == date(2021, 6, 30) and first.sampled is True and first.on_time is True
    )
    assert (
        second.planned_date == date(2021, 12, 31)
        and second.on_time is None
        and second.note == "跨年"
    )
    assert preview.rows == [2, 3]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_gbk_and_bom_csv_keep_chinese(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / f"list-{encoding}.csv", [HEADER, *GOOD_ROWS], encoding)
    preview = load_project_list(path)
    assert preview.table.encoding in {"gbk", "gb18030", "utf-8-sig"}
    assert [p.unit for p in preview.projects] == ["南京市大数据管理局", "南京市民政局"]
    assert preview.match.headers[0] == "序号"  # no BOM left in the first header


def test_header_variants_are_recognised(tmp_path: Path) -> None:
    lines = [
        "项目,单位,文号,预算（万元）,支付金额,项目状态,是否按期完成",
        "平台一,单位甲,宁数管〔2021〕28号,100,90,投入运行,否",
    ]
    preview = load_project_list(write_csv(tmp_path / "v.csv", lines))
    assert preview.match.confident, preview.match.unsure
    p = preview.projects[0]
    assert (p.name, p.unit, p.budget, p.paid, p.status, p.on_time) == (
        "平台一",
        "单位甲",
        Decimal("100.00"),
        Decimal("90.00"),
        "投入运行",
        False,
    )


def test_yuan_header_divides_by_ten_thousand(tmp_path: Path) -> None:
    lines = ["项目名称,建设单位,预算金额（元）,实际支付(元)", '平台,单位,"176,410,600.00",17641060']
    p = load_project_list(write_csv(tmp_path / "yuan.csv", lines)).projects[0]
    assert p.budget == Decimal("17641.06") and p.paid == Decimal("1764.106")


def test_forced_yuan_choice(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "l.csv", ["项目名称,建设单位,预算金额", "平台,单位,1500000"])
    assert load_project_list(path).projects[0].budget == Decimal("1500000")
    assert load_project_list(path, amount_unit=UNIT_YUAN).projects[0].budget == Decimal("150")


def test_bad_file_lists_every_row_problem(tmp_path: Path) -> None:
    lines = [
        HEADER,
        "1,,南京市民政局,,100,100,50,在建,2021-06-30,是,是,",  # no name
        "2,平台乙,单位乙,,-5,0,0,在建,,否,,",  # negative budget
        "3,平台丙,单位丙,,abc,0,0,在建,2021-02-30,也许,大概,",  # four bad cells
        "4,平台丁,单位丁,,100,100,120,在建,,否,,",  # paid above budget: a warning only
        "5,平台丁,单位丁,,100,100,10,未知状态,,否,,",
    ]  # duplicate + bad status
    preview = load_project_list(write_csv(tmp_path / "bad.csv", lines))
    assert not preview.ok
    found = {(p.row, (p.column or "-").split()[0], p.value, p.error) for p in preview.problems}
    assert (2, "B", "", True) in found  # 项目名称不能为空
    assert (3, "E", "-5", True) in found
    assert {
        (4, "E", "abc", True),
        (4, "I", "2021-02-30", True),
        (4, "J", "也许", True),
        (4, "K", "大概", True),
    } <= found
    assert (5, "G", "120", False) in found  # warning, with the paid column
    assert (6, "H", "未知状态", True) in found
    dup = [p for p in preview.problems if p.row == 6 and "重复" in p.why]
    assert dup and "第 5 行" in dup[0].why
    by_row = {p.row: p.why for p in preview.problems if p.column.startswith("B")}
    assert by_row[2] == "项目名称不能为空"
    text = str(next(p for p in preview.problems if p.row == 4 and p.column.startswith("I")))
    assert "第 4 行" in text and "2021-02-30" in text and "日期不存在" in text


def test_missing_required_column_and_unsure_guess(tmp_path: Path) -> None:
    preview = load_project_list(
        write_csv(tmp_path / "m.csv", ["项目名称,预算资金合计数,xyz", "平台,10,1"])
    )
    assert preview.match.missing == ["unit"]
    assert 1 in preview.match.unsure  # 预算资金合计数 is a guess for 预算金额
    assert not preview.ok
    assert any("缺少“建设单位”列" in p.why for p in preview.problems)


def test_xlsx_with_title_row_and_totals_row(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["2021年项目清单"])
    ws.append(
        ["序号", "项目名称", "建设单位", "预算金额（万元）", "实际支付", "实际验收日期", "已验收"]
    )
    ws.append([1, "平台甲", "单位甲", 1234.56, 1000, date(2021, 5, 6), "√"])
    ws.append([2, "平台乙", "单位乙", Decimal("0.3"), 0.1 + 0.2, None, "×"])
    ws.append([None, None, None, None, None, None, None])
    ws.append(["合计", None, None, 1234.86, 1000.3, None, None])
    wb.save(tmp_path / "list.xlsx")
    preview = load_project_list(tmp_path / "list.xlsx")
    assert preview.ok and preview.match.header_row == 1 and preview.skipped == 2
    a, b = preview.projects
    assert a.budget == Decimal("1234.56") and a.accepted_date == date(2021, 5, 6) and a.accepted
    assert b.paid == Decimal("0.30") and str(b.paid) == "0.30"  # float noise folded away
    assert not b.accepted


def test_unreadable_file_is_a_chinese_error(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match=r"broken\.xlsx"):
        load_project_list(bad)


def test_reimport_is_idempotent(sample_file, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "list.csv", [HEADER, *GOOD_ROWS])
    preview = load_project_list(path)
    assert classify(sample_file.projects(), preview.projects) == (2, 0, 0)
    first = sample_file.upsert_projects(preview.projects)
    assert (first.added, first.updated, first.unchanged) == (2, 0, 0)
    again = load_project_list(path)
    assert classify(sample_file.projects(), again.projects) == (0, 0, 2)
    second = sample_file.upsert_projects(again.projects)
    assert (second.added, second.updated, second.unchanged) == (0, 0, 2)
    assert len(sample_file.projects()) == 42
    changed = write_csv(
        tmp_path / "list2.csv", [HEADER, GOOD_ROWS[0].replace('"1,000.00"', "1100")]
    )
    third = sample_file.upsert_projects(load_project_list(changed).projects)
    assert (third.added, third.updated, third.unchanged) == (0, 1, 0)


def test_neutralised_formula_text_is_restored(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "f.csv", ["项目名称,建设单位,备注", "'=1+1,单位,'-负责人"])
    p = load_project_list(path).projects[0]
    assert (p.name, p.note) == ("=1+1", "-负责人")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-01-28", date(2021, 1, 28)),
        ("2021/1/8", date(2021, 1, 8)),
        ("2021.1.8", date(2021, 1, 8)),
        ("2021年1月8日", date(2021, 1, 8)),
        ("20210108", date(2021, 1, 8)),
        ("44224", date(2021, 1, 28)),
        ("2021-01-28 00:00:00", date(2021, 1, 28)),
        ("", None),
        ("２０２１－０１－２８", date(2021, 1, 28)),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "yuan", "expected"),
    [
        ("17,641.06", False, "17641.06"),
        ("１２.５", False, "12.50"),
        ("100万元", False, "100.00"),
        ("50000元", False, "5.00"),
        ("50000", True, "5.00"),
        ("", False, "0.00"),
        ("¥1,000", False, "1000.00"),
    ],
)
def test_amounts(text: str, yuan: bool, expected: str) -> None:
    assert str(parse_amount(text, yuan=yuan)) == expected


def test_bad_cells_raise() -> None:
    with pytest.raises(CellError):
        parse_amount("十万")
    with pytest.raises(CellError):
        parse_on_time("可能")


def test_match_headers_finds_duplicate_columns() -> None:
    match = match_headers([["项目名称", "建设单位", "预算金额", "预算"], ["a", "b", "1", "2"]])
    assert match.mapping[2] == "budget" and 3 in match.unsure and not match.confident


def test_partial_list_updates_only_its_columns(sample_file, tmp_path) -> None:
    """A list with only 名称 / 单位 / 实际支付 must not wipe budgets, dates or flags."""
    from decimal import Decimal

    from jixiao.importers.projects import align_amounts, load_project_list

    target = sample_file.projects()[30]
    path = tmp_path / "payments.csv"
    path.write_text(
        f"项目名称,建设单位,实际支付\n{target.name},{target.unit},{target.budget}\n",
        encoding="utf-8",
    )
    preview = load_project_list(path)
    assert preview.ok
    report = sample_file.upsert_projects(
        align_amounts(sample_file.projects(), preview.projects, preview.match.field_columns())
    )
    assert (report.added, report.updated) == (0, 1)
    after = sample_file.project(target.id)
    assert after.paid == target.budget
    assert (after.budget, after.batch, after.status, after.sampled, after.planned_date) == (
        target.budget,
        target.batch,
        target.status,
        target.sampled,
        target.planned_date,
    )
    assert sample_file.score_sheet().total >= Decimal("90.23")


def test_unrecognised_columns_are_reported(tmp_path) -> None:
    from jixiao.importers.projects import load_project_list

    path = tmp_path / "odd.csv"
    path.write_text("项目名称,建设单位,资金额度XX\n甲项目,甲单位,100\n", encoding="gbk")
    preview = load_project_list(path)
    messages = [str(p) for p in preview.warnings]
    assert any("资金额度XX" in m and "未识别" in m for m in messages)
    assert any("缺少“预算金额”列" in m for m in messages)
