"""Export the project registry to xlsx (formatted, with a totals row) and CSV, and write the
blank import template.

The headers are those of ``jixiao.importers.projects.COLUMNS``, so an exported file imports
back unchanged. Text cells that begin with = + - @ (or a tab / carriage return) are
neutralised with a leading apostrophe: Excel would otherwise run them as formulas
(CSV/formula injection); the importer strips that apostrophe again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from copy import copy
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jixiao.core.errors import UserError
from jixiao.core.numbers import ZERO, fmt_pct
from jixiao.core.projects import STATUSES, Project, summarize
from jixiao.importers.projects import (
    COLUMNS,
    DATE,
    DERIVED,
    FLAG,
    INT,
    MONEY,
    STATUS,
    TRISTATE,
    ColumnSpec,
    cell_value,
)

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center")
WIDTHS = {
    "seq": 6,
    "name": 40,
    "unit": 24,
    "batch": 22,
    "domain": 12,
    "note": 30,
    "status": 10,
    "planned_date": 13,
    "accepted_date": 13,
}


class ExportError(UserError, OSError):
    """The file could not be written; the message is Chinese and names the file."""


def neutralise(text: str) -> str:
    """'=1+1' → "'=1+1": shown as text, never evaluated by Excel / WPS."""
    return "'" + text if text.startswith(DANGEROUS_PREFIXES) else text


def _xlsx_value(project: Project, spec: ColumnSpec) -> object:
    if spec.kind == DERIVED:
        rate = project.execution_rate
        return rate if rate is not None else None
    value = getattr(project, spec.field)
    if spec.kind == MONEY:
        return value  # Decimal: openpyxl writes it as a number
    if spec.kind == DATE:
        return value
    if spec.kind == INT:
        return value or None
    if spec.kind in (FLAG, TRISTATE):
        return cell_value(project, spec.field) or None
    return neutralise(str(value)) if value else None


def _save(workbook: Workbook, path: Path) -> None:
    try:
        workbook.save(path)
    except PermissionError:
        raise ExportError(
            f"无法写入“{path.name}”：文件可能正在 Excel 中打开，请关闭后重试"
        ) from None
    except OSError as exc:
        raise ExportError(f"无法写入“{path.name}”：{exc.strerror or exc}") from None


def export_xlsx(
    projects: Sequence[Project],
    path: str | Path,
    *,
    title: str = "",
    denominator: str | None = None,
) -> Path:
    """Write the registry with formatted columns, frozen header, filter and a totals row."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "项目登记"
    top = 1
    if title:
        ws.cell(row=1, column=1, value=neutralise(title)).font = Font(bold=True, size=13)
        top = 2
    for col, spec in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=top, column=col, value=spec.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(
            spec.field, 12 if spec.kind != MONEY else 14
        )
    # One styled prototype cell per column; data cells copy its style array. Setting
    # number_format / alignment on each of 200,000 cells re-hashes the style objects every
    # time (8 s for 10,000 projects); copying the array is what openpyxl does internally.
    protos = []
    for col, spec in enumerate(COLUMNS, start=1):
        proto = ws.cell(row=top + 1, column=col)
        if spec.kind == MONEY:
            proto.number_format = MONEY_FORMAT
        elif spec.kind == DERIVED:
            proto.number_format = RATE_FORMAT
        elif spec.kind == DATE:
            proto.number_format = DATE_FORMAT
        elif spec.kind in (FLAG, TRISTATE, STATUS, INT):
            proto.alignment = CENTER
        protos.append(copy(proto._style))
    for r, project in enumerate(projects, start=top + 1):
        for col, spec in enumerate(COLUMNS, start=1):
            value = _xlsx_value(project, spec)
            cell = ws.cell(row=r, column=col, value=value)
            cell._style = copy(protos[col - 1])
            if isinstance(value, str):
                # Text stays text even for a reader that ignores the neutralising apostrophe.
                cell.data_type = "s"
    total_row = top + 1 + len(projects)
    summary = summarize(projects, denominator) if denominator else summarize(projects)
    ws.cell(row=total_row, column=1, value="合计")
    ws.cell(row=total_row, column=2, value=f"{summary.projects} 个项目，{summary.units} 个建设单位")
    sums = {
        "budget": summary.budget,
        "adjusted_budget": summary.adjusted_budget,
        "funds_in_place": summary.funds_in_place,
        "paid": summary.paid,
    }
    for col, spec in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=total_row, column=col)
        if spec.field in sums:
            cell.value = sums[spec.field]
            cell.number_format = MONEY_FORMAT
        elif spec.kind == DERIVED:
            # The same rate the score sheet uses (denominator as chosen in the file).
            cell.value = summary.execution_rate
            cell.number_format = RATE_FORMAT
        elif spec.kind == FLAG or spec.kind == TRISTATE:
            cell.value = sum(1 for p in projects if getattr(p, spec.field))
            cell.alignment = Alignment(horizontal="center")
        cell.font = Font(bold=True)
        cell.fill = TOTAL_FILL
        cell.border = BORDER
    ws.freeze_panes = ws.cell(row=top + 1, column=3)
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A{top}:{last}{max(top + len(projects), top)}"
    ws.print_title_rows = f"{top}:{top}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    _save(wb, path)
    return path


def export_csv(projects: Iterable[Project], path: str | Path) -> Path:
    """UTF-8 with BOM (so Excel on a Chinese Windows opens it correctly), one row per
    project, amounts without thousands separators."""
    path = Path(path)
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([spec.header for spec in COLUMNS])
            for project in projects:
                row = []
                for spec in COLUMNS:
                    if spec.kind == DERIVED:
                        rate = project.execution_rate
                        row.append(fmt_pct(rate) if rate is not None else "")
                    else:
                        row.append(neutralise(cell_value(project, spec.field)))
                writer.writerow(row)
    except PermissionError:
        raise ExportError(
            f"无法写入“{path.name}”：文件可能正在 Excel 中打开，请关闭后重试"
        ) from None
    except OSError as exc:
        raise ExportError(f"无法写入“{path.name}”：{exc.strerror or exc}") from None
    return path


EXAMPLE = Project(
    seq=1,
    name="示例：城市运行监测平台（导入前请删除本行）",
    unit="某市大数据管理局",
    batch="宁数管〔2021〕28号",
    domain="城市治理",
    budget=Decimal("657.73"),
    funds_in_place=Decimal("657.73"),
    paid=Decimal("600.00"),
    status="已验收",
    planned_date=date(2021, 6, 30),
    accepted_date=date(2021, 6, 20),
    sampled=True,
    planned_output=True,
    completed=True,
    acceptance_due=True,
    accepted=True,
    on_time=True,
    note="金额单位为万元；表头写“（元）”的列按元折算",
)


def write_template(path: str | Path) -> Path:
    """The blank import template: Chinese headers, one example row, drop-downs and notes."""
    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "项目登记"
    columns = [spec for spec in COLUMNS if spec.kind != DERIVED]
    for col, spec in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=col, value=spec.header)
        cell.font = Font(bold=True, color="C00000" if spec.required else "000000")
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(
            spec.field, 12 if spec.kind != MONEY else 14
        )
        value = _xlsx_value(EXAMPLE, spec)
        example = ws.cell(row=2, column=col, value=value)
        example.font = Font(italic=True, color="808080")
        if spec.kind == MONEY:
            example.number_format = MONEY_FORMAT
        elif spec.kind == DATE:
            example.number_format = DATE_FORMAT
    ws.freeze_panes = "C2"
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True)
    ws.add_data_validation(yes_no)
    ws.add_data_validation(status)
    for col, spec in enumerate(columns, start=1):
        letter = get_column_letter(col)
        if spec.kind in (FLAG, TRISTATE):
            yes_no.add(f"{letter}2:{letter}5000")
        elif spec.kind == STATUS:
            status.add(f"{letter}2:{letter}5000")
    notes = wb.create_sheet("填写说明")
    lines = [
        "项目登记表填写说明",
        "1. 第一行为表头，请勿修改；第二行为示例，导入前请删除或改为真实项目。",
        "2. 项目名称、建设单位必填；同一建设单位下项目名称不能重复（再次导入时按“项目名称 + 建设单位”更新）。",
        "3. 金额单位为万元，可带千分位逗号；若按元填写，请把表头改为“预算金额（元）”等，导入时自动除以 10,000。",
        f"4. 状态填写：{' / '.join(STATUSES)}。",
        "5. 纳入抽查、计划产出、已完成、应验收、已验收填“是”或“否”；按期完成填“是”“否”，未到期留空。",
        "6. 日期写作 2021-06-30；调整后预算留空表示与预算金额相同。",
        "7. 执行率由程序按实际支付 ÷ 预算金额计算，无需填写。",
    ]
    for r, line in enumerate(lines, start=1):
        notes.cell(row=r, column=1, value=line).font = Font(bold=r == 1)
    notes.column_dimensions["A"].width = 110
    _save(wb, path)
    return path


def totals(projects: Iterable[Project]) -> dict[str, Decimal]:
    items = list(projects)
    return {
        name: sum((getattr(p, name) for p in items), ZERO)
        for name in ("budget", "funds_in_place", "paid")
    }
