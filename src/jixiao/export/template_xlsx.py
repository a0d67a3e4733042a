"""Write an indicator system as an xlsx sheet people can edit in Excel (docs/template-format.md).

One row per indicator. Level-1 and level-2 indicators get their own rows (so their weights
are written where they are defined); a level-3 row carries the rule and its parameters in a
compact text ("per=0.5", "target=100%; direction=lower") that
``jixiao.importers.template_xlsx`` reads back into the same system.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from jixiao.columns.templates import (
    COL_CRITERIA,
    COL_EVIDENCE,
    COL_LEVEL1,
    COL_LEVEL2,
    COL_LEVEL3,
    COL_PARAMS,
    COL_RULE,
    COL_TARGET,
    COL_WEIGHT,
    COLUMNS,
    INFO_DESCRIPTION,
    INFO_GRADES,
    INFO_NA,
    INFO_NAME,
    INFO_TITLE,
    NA_TEXT,
    SHEET_HELP,
    SHEET_INDICATORS,
    SHEET_INFO,
)
from jixiao.core.model import IndicatorSystem
from jixiao.core.rules import (
    CIRCLED,
    RULE_KINDS,
    BandsRule,
    ChecklistRule,
    DeductionRule,
    RateRule,
    Rule,
)
from jixiao.core.templates import system_to_json

_WIDTHS = {
    COL_LEVEL1: 16,
    COL_LEVEL2: 18,
    COL_LEVEL3: 24,
    COL_TARGET: 12,
    COL_WEIGHT: 8,
    COL_CRITERIA: 60,
    COL_RULE: 12,
    COL_PARAMS: 44,
    COL_EVIDENCE: 30,
}


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 0.50 → "0.5", 1E+1 → "10"."""
    text = f"{value.normalize():f}"
    return text


def value_text(value: Decimal, unit: str) -> str:
    """A rate parameter as people write it: 1 → "100%" when the unit is a percentage."""
    return plain(value * 100) + "%" if unit == "%" else plain(value)


def params_text(rule: Rule) -> str:
    """The 参数 cell for ``rule``: one option per line, ``key=value``.

    Checklist items are written one per line with their points in brackets
    ("项目按规定程序申请设立（0.4分）"), because item texts often contain ；and ，.
    """
    lines: list[str] = []
    if isinstance(rule, ChecklistRule):
        for i, item in enumerate(rule.items):
            mark = CIRCLED[i] if i < len(CIRCLED) else ""
            points = f"（{plain(item.points)}分）" if item.points is not None else ""
            lines.append(f"{mark}{item.text}{points}")
    elif isinstance(rule, RateRule):
        lines.append(f"target={value_text(rule.target, rule.unit)}")
        if not rule.higher_is_better:
            lines.append("direction=lower")
        if rule.unit != "%":
            lines.append(f"unit={rule.unit}")
    elif isinstance(rule, DeductionRule):
        lines.append(f"per={plain(rule.per)}")
    elif isinstance(rule, BandsRule):
        bands = ", ".join(
            f"{value_text(b.minimum, rule.unit)}:{plain(b.points)}" for b in rule.bands
        )
        lines.append(f"bands={bands}")
        if rule.unit != "%":
            lines.append(f"unit={rule.unit}")
    if rule.label:
        lines.append(f"label={rule.label}")
    if rule.source:
        lines.append(f"source={rule.source}")
    return "\n".join(lines)


def grades_text(system: IndicatorSystem) -> str:
    return "；".join(f"{g.name}≥{plain(g.minimum)}" for g in system.grades)


def write_template_xlsx(system: IndicatorSystem, path: str | Path) -> Path:
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_INDICATORS
    ws.append(list(COLUMNS))
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for index, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(1, index).column_letter].width = _WIDTHS[column]
    ws.freeze_panes = "A2"

    for level, node, _ in system.walk():
        label = f"{node.code} {node.name}".strip()
        row: list[object] = ["", "", ""]
        row[min(level, 3) - 1] = label
        row += [
            node.target,
            node.weight,  # a number, so Excel users can SUM the column
            node.criteria,
            node.rule.kind if node.rule is not None else "",
            params_text(node.rule) if node.rule is not None else "",
            "\n".join(node.evidence),
        ]
        ws.append(row)
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        if level < 3:
            for cell in ws[ws.max_row][:3]:
                cell.font = Font(bold=True)

    # A drop-down of the rule kinds; typing a Chinese title (扣分制) stays allowed.
    kinds = DataValidation(
        type="list",
        formula1='"' + ",".join(RULE_KINDS) + '"',
        allow_blank=True,
        showErrorMessage=False,
    )
    letter = ws.cell(1, COLUMNS.index(COL_RULE) + 1).column_letter
    kinds.add(f"{letter}2:{letter}{max(ws.max_row, 2) + 200}")
    ws.add_data_validation(kinds)

    info = wb.create_sheet(SHEET_INFO)
    info.append(["项目", "内容"])
    info.append([INFO_NAME, system.name])
    info.append([INFO_TITLE, system.title])
    info.append([INFO_DESCRIPTION, system.description])
    info.append([INFO_NA, NA_TEXT.get(system.na_policy, system.na_policy)])
    info.append([INFO_GRADES, grades_text(system)])
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 80
    for cell in info[1]:
        cell.font = Font(bold=True)

    helper = wb.create_sheet(SHEET_HELP)
    for line in HELP_LINES:
        helper.append([line])
    helper.column_dimensions["A"].width = 110
    wb.save(path)
    return path


HELP_LINES = (
    "每行一个指标。一级、二级、三级指标分别写在对应列，格式为“编码 名称”，"
    "如“A 项目决策”“A1 项目立项”“A11 立项依据充分性”。",
    "一级、二级指标占单独一行并填写其权重；"
    "其下级指标的权重之和应等于该权重，一级指标权重合计 100。",
    "三级指标行可以同时填写所属的一级、二级指标（与上方一致即可），也可以留空。",
    "规则：checklist 逐项评分、rate 比率计分、deduction 扣分制、bands 分档计分、"
    "binary 达标得分、qualitative 定性分级、manual 酌情评分（可写英文或中文名称）。",
    "参数：每行一项“键=值”。rate：target=100%（目标值），direction=lower（反向指标），unit=%；deduction：per=0.5（每处扣分）；"
    "bands：bands=90%:7, 80%:6, 0%:0（下限:得分）；"
    "所有规则可加 label=名称（扣分原因中使用）、source=自动数据来源。",
    "逐项评分的参数每行一个评分项，分值写在末尾括号内，如“项目按照规定的程序申请设立（0.5分）”；都不写分值则平均分配权重。",
    '参数也可以直接写规则的 JSON，如 {"kind": "deduction", "per": "0.5"}。',
    "“模板信息”表填写模板名称、标题、说明、不适用指标的处理（按满分计 / 剔除后按比例折算）"
    "和等级（如 优≥90；良≥80；中≥60；差≥0）。",
)


def export_template_file(system: IndicatorSystem, path: str | Path) -> Path:
    """Write ``system`` as .xlsx or (any other suffix) JSON."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return write_template_xlsx(system, path)
    path.write_text(
        json.dumps(system_to_json(system), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return path
