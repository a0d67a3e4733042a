"""Templates as xlsx: round trips of the built-ins, hand-written sheets, row-level errors."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from jixiao.core.rules import BandsRule, ChecklistRule, DeductionRule, RateRule
from jixiao.core.templates import TemplateError, system_from_json, system_to_json, validate_system
from jixiao.export.template_xlsx import (
    COLUMNS,
    export_template_file,
    params_text,
    write_template_xlsx,
)
from jixiao.importers import template_library
from jixiao.importers.template_xlsx import TemplateXlsxError, read_template_xlsx, rule_from_text

HEADER = ["一级指标", "二级指标", "三级指标", "标准值", "权重", "评分标准", "规则", "参数"]


@pytest.mark.parametrize("name", ["nanjing-2021", "national-2020"])
def test_builtin_templates_survive_an_xlsx_round_trip(name: str, tmp_path: Path) -> None:
    system = template_library.resolve(name)
    path = write_template_xlsx(system, tmp_path / f"{name}.xlsx")
    again = read_template_xlsx(path)
    assert again == system
    assert system_to_json(again) == system_to_json(system)


@pytest.mark.parametrize("name", ["nanjing-2021", "national-2020"])
def test_builtin_templates_survive_a_json_round_trip(name: str, tmp_path: Path) -> None:
    system = template_library.resolve(name)
    path = export_template_file(system, tmp_path / f"{name}.json")
    assert template_library.load_template_file(path) == system
    assert system_from_json(json.loads(path.read_text(encoding="utf-8"))) == system


def test_exported_sheet_reads_like_the_published_tables(tmp_path: Path) -> None:
    path = write_template_xlsx(template_library.resolve("nanjing-2021"), tmp_path / "t.xlsx")
    ws = load_workbook(path)["指标体系"]
    assert [c.value for c in ws[1]] == list(COLUMNS)
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows[0][:5] == ["A 项目决策", None, None, None, 11]
    assert rows[1][1] == "A1 项目立项" and rows[1][4] == 4
    a11 = rows[2]
    assert a11[2] == "A11 立项依据充分性" and a11[3] == "充分" and a11[6] == "checklist"
    assert (
        a11[7].splitlines()[0] == "①项目立项符合国家法律法规、国民经济发展规划和相关政策（0.4分）"
    )
    b21 = next(r for r in rows if r[2] and r[2].startswith("B21"))
    assert b21[6] == "deduction" and "per=0.5" in b21[7].splitlines()


def sheet(
    tmp_path: Path,
    rows: list[list[object]],
    *,
    title_row: str | None = None,
    info: list[list[str]] | None = None,
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    if title_row:
        ws.append([title_row])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    if info:
        wi = wb.create_sheet("模板信息")
        for row in info:
            wi.append(row)
    path = tmp_path / "hand.xlsx"
    wb.save(path)
    return path


def test_a_hand_written_sheet_with_chinese_rule_names(tmp_path: Path) -> None:
    path = sheet(
        tmp_path,
        [
            ["Y 预算执行", None, None, None, 10],
            [None, "Y1 预算执行率", None, None, 10],
            [
                None,
                None,
                "Y11 预算执行率",
                "100%",
                10,
                "执行率×分值",
                "比率计分",
                "target=100%；label=预算执行率",
            ],
            ["C 产出", None, None, None, 90],
            ["C 产出", "C1 数量", None, None, "90"],
            ["C 产出", "C1 数量", "C11 完成数量", "≥4 个", 30, "", "扣分制", "每处扣分=1.5"],
            [None, None, "C12 质量", "合格", 30, "", "分档计分", "bands=90%:30, 80%:20, 0:0"],
            [
                None,
                None,
                "C13 手续",
                "齐全",
                30,
                "",
                "逐项评分",
                "①合同齐全（10分）\n②验收齐全（20分）",
            ],
        ],
        title_row="某某资金绩效评价指标体系",
        info=[
            ["名称", "某某-2024"],
            ["标题", "某某资金绩效自评表"],
            ["不适用指标", "剔除后按比例折算"],
            ["等级", "优≥85；良≥75；中≥60；差≥0"],
        ],
    )
    system = read_template_xlsx(path)
    assert system.name == "某某-2024" and system.title == "某某资金绩效自评表"
    assert system.na_policy == "rescale"
    assert [g.minimum for g in system.grades] == [85, 75, 60, 0]
    by_code = system.by_code()
    assert isinstance(by_code["Y11"].rule, RateRule) and by_code["Y11"].rule.target == 1
    assert by_code["Y11"].rule.label == "预算执行率"
    assert isinstance(by_code["C11"].rule, DeductionRule) and by_code["C11"].rule.per == Decimal(
        "1.5"
    )
    bands = by_code["C12"].rule
    assert isinstance(bands, BandsRule) and [(b.minimum, b.points) for b in bands.bands] == [
        (Decimal("0.9"), 30),
        (Decimal("0.8"), 20),
        (0, 0),
    ]
    checklist = by_code["C13"].rule
    assert isinstance(checklist, ChecklistRule)
    assert [(i.text, i.points) for i in checklist.items] == [("合同齐全", 10), ("验收齐全", 20)]
    assert [c.code for c in by_code["C"].children] == ["C1"]
    assert validate_system(system) == []


def test_parent_named_only_on_deeper_rows_gets_the_sum_of_its_children(tmp_path: Path) -> None:
    path = sheet(
        tmp_path,
        [
            ["A 决策", "A1 立项", "A11 依据", "充分", 60, "", "binary", ""],
            ["A 决策", "A1 立项", "A12 程序", "规范", 40, "", "manual", ""],
        ],
    )
    system = read_template_xlsx(path)
    assert system.by_code()["A"].weight == 100 and system.by_code()["A1"].weight == 100
    assert validate_system(system) == []


def test_every_bad_row_is_reported_with_row_and_column(tmp_path: Path) -> None:
    path = sheet(
        tmp_path,
        [
            ["A 决策", None, None, None, 100],
            [None, "A1 立项", None, None, "十"],
            [None, None, "A11 依据", "充分", 50, "", "打分", ""],
            [None, None, "A12 程序", "规范", 50, "", "deduction", "per=半分"],
            [None, None, "立项程序", "规范", 50, "", "binary", ""],
            [None, None, "A11 重复", "", 5, "", "binary", ""],
            [None, None, "A13 无权重", "", None, "", "binary", ""],
        ],
    )
    with pytest.raises(TemplateXlsxError) as info:
        read_template_xlsx(path)
    messages = [str(p) for p in info.value.problems]
    assert messages[0] == "第 3 行“权重”列：权重不是数字：'十'"
    assert any(m.startswith("第 4 行“规则”列：未知的规则“打分”") for m in messages)
    assert any(m.startswith("第 5 行“参数”列：") and "每次扣分" in m for m in messages)
    assert any(m.startswith("第 6 行“三级指标”列：") and "编码 名称" in m for m in messages)
    assert any(m == "第 7 行“三级指标”列：指标编码 A11 重复" for m in messages)
    assert any(m == "第 8 行“权重”列：A13 没有填写权重" for m in messages)
    assert "hand.xlsx" in str(info.value)


def test_missing_columns_and_non_xlsx_files_are_refused(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["一级指标", "二级指标", "三级指标", "权重"])
    wb.save(tmp_path / "short.xlsx")
    with pytest.raises(TemplateXlsxError, match="缺少列：标准值、评分标准、规则、参数"):
        read_template_xlsx(tmp_path / "short.xlsx")
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(TemplateError, match="不是有效的 xlsx"):
        read_template_xlsx(tmp_path / "fake.xlsx")


def test_params_text_round_trips_each_rule_kind() -> None:
    for name in ("nanjing-2021", "national-2020"):
        for node in template_library.resolve(name).leaves():
            assert node.rule is not None
            assert rule_from_text(node.rule.kind, params_text(node.rule)) == node.rule
    assert (
        params_text(RateRule(target=Decimal("0.9"), higher_is_better=False))
        == "target=90%\ndirection=lower"
    )
    # The rule's JSON is accepted too.
    assert rule_from_text("deduction", '{"per": "0.25"}') == DeductionRule(per=Decimal("0.25"))
