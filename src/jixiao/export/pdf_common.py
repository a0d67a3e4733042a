"""What both PDF layouts share: the data gathered from the file, the page template
(footer with the data fingerprint, "第 x 页 共 y 页"), the grouped score table that
splits cleanly across pages, the sign-off block and the appendices.

The data is gathered once on the caller's thread (``collect``); rendering (``render``)
touches no database, so the GUI can run it on a worker thread.
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.doctemplate import LayoutError

from jixiao.core.errors import UserError
from jixiao.core.evaluate import ScoreSheet
from jixiao.core.model import IndicatorSystem
from jixiao.core.national_form import FundTable, NationalForm
from jixiao.core.numbers import q2
from jixiao.core.projects import RegistrySummary
from jixiao.export.pdf_fonts import FontChoice, find_font, register, replace_missing
from jixiao.export.pdf_wrap import CellParagraph

# reportlab's CJK line breaking keeps a closing mark off the start of a line, but its list
# lacks the full-width Chinese punctuation (，；：？！”’）》), so a line could begin "，否则…".
# Extending the (module-level) list makes those marks hang at the end of the previous line.
_CHINESE_CANNOT_START = "，。、；：？！”’）》」』】〕…％%"
for _module in (rl_paragraph, rl_textsplit):  # multi-fragment and single-fragment paragraphs
    _module.ALL_CANNOT_START = _module.ALL_CANNOT_START + "".join(  # type: ignore[attr-defined]
        ch for ch in _CHINESE_CANNOT_START if ch not in _module.ALL_CANNOT_START
    )  # type: ignore[attr-defined]

LAYOUT_SEED = "seed"
LAYOUT_NATIONAL = "national"
LAYOUTS = (LAYOUT_SEED, LAYOUT_NATIONAL)
APPENDIX_EVIDENCE = "evidence"
APPENDIX_AUDIT = "audit"
APPENDICES = (APPENDIX_EVIDENCE, APPENDIX_AUDIT)

SIGNATURE_FIELD = "JixiaoSignature"  # ASCII: some viewers mishandle non-ASCII field names
FINGERPRINT_CHARS = 16
MARGIN = 15 * mm
FOOTER_GAP = 8 * mm

# Audit actions that change a score by hand or replace computed data: what a reviewer asks about.
OVERRIDE_ACTIONS = {
    "input.override": "调整得分",
    "input.override_removed": "取消调整",
    "input.replace_derived": "替换自动数据",
    "system.replace": "修改指标体系",
    "setting.set": "修改设置",
}
EVIDENCE_STATUS = {"missing": "缺失", "provided": "已提供", "na": "不适用"}


class ExportError(UserError):
    """An export that cannot be made; the message is Chinese and user-facing."""


# ------------------------------------------------------------------ data
@dataclass(frozen=True)
class AuditRow:
    at: str
    user: str
    action: str
    target: str
    change: str
    reason: str


@dataclass
class ReportData:
    """Everything the PDF shows, read from the evaluation file in one go."""

    title: str
    fund: str
    year: int
    unit: str
    system: IndicatorSystem
    sheet: ScoreSheet
    export_date: date
    source_name: str = ""
    registry: RegistrySummary | None = None
    evidence: list[dict[str, Any]] | None = None  # None: the evidence module is not available
    audit: list[AuditRow] = field(default_factory=list)
    # The national form (issue 16): header fields, 项目资金 table, per-indicator texts, and
    # the self-consistency warnings the export dialog shows. Empty for data made by hand.
    form: NationalForm = field(default_factory=NationalForm)
    funds: FundTable | None = None
    notes: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    show_codes: bool = False  # set from ExportOptions.codes when rendering

    @property
    def evaluation_date(self) -> date:
        """评价日期 as chosen in the file, else the export date."""
        return self.form.evaluation_date or self.export_date

    @property
    def fingerprint(self) -> str:
        return self.sheet.fingerprint

    @property
    def short_fingerprint(self) -> str:
        return self.fingerprint[:FINGERPRINT_CHARS]


def collect(ef: Any, *, today: date | None = None) -> ReportData:
    """Read what the PDF needs from an open EvaluationFile (call on the thread that owns it)."""
    meta = ef.meta()
    sheet = ef.score_sheet()
    # The fingerprint must equal the one `jixiao score --json` prints, which uses the file's title.
    sheet.title = meta.title
    registry = None
    try:
        summary = ef.registry_summary()
        registry = summary if summary.projects else None
    except Exception:  # a file without projects still exports
        registry = None
    from jixiao.storage import national_form as form_store

    return ReportData(
        form=form_store.load_form(ef),
        funds=form_store.current_fund_table(ef),
        notes=form_store.notes(ef),
        warnings=form_store.file_warnings(ef, sheet),
        title=meta.title,
        fund=meta.fund,
        year=meta.year,
        unit=meta.unit,
        system=ef.system(),
        sheet=sheet,
        export_date=today or date.today(),
        source_name=Path(ef.path).name,
        registry=registry,
        evidence=_evidence_rows(ef),
        audit=audit_rows(ef.audit_log()),
    )


def current_fingerprint(ef: Any) -> str:
    """The fingerprint an export of ``ef`` would carry now (as `jixiao score --json` prints it)."""
    sheet = ef.score_sheet()
    sheet.title = ef.meta().title
    return sheet.fingerprint


def _evidence_rows(ef: Any) -> list[dict[str, Any]] | None:
    try:
        from jixiao.storage.evidence import evidence_rows  # written by the evidence issue
    except (ImportError, AttributeError):
        return None
    try:
        return [dict(row) for row in evidence_rows(ef)]
    except Exception:  # an older file without the evidence tables: no appendix rows
        return []


def audit_rows(entries: Sequence[Any]) -> list[AuditRow]:
    """Overrides and replaced data, oldest first, with their reasons."""
    rows = []
    for entry in sorted(entries, key=lambda e: e.id):
        action = entry.action
        new = _loads(entry.new_value)
        if (
            action == "input.set"
            and isinstance(new, dict)
            and str(new.get("replace_derived") or "").strip()
        ):
            action = "input.replace_derived"
        if action not in OVERRIDE_ACTIONS:
            continue
        rows.append(
            AuditRow(
                entry.at.replace("T", " "),
                entry.user,
                OVERRIDE_ACTIONS[action],
                entry.target,
                _describe_change(action, _loads(entry.old_value), new),
                entry.reason,
            )
        )
    return rows


def _loads(value: str | None) -> Any:
    if value in (None, ""):
        return None
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def _describe_change(action: str, old: Any, new: Any) -> str:
    def override(value: Any) -> str:
        if isinstance(value, dict) and value.get("override") not in (None, ""):
            return f"{value['override']} 分"
        return "按规则计算"

    if action.startswith("input.override"):
        return f"{override(old)} → {override(new)}"
    if action == "input.replace_derived" and isinstance(new, dict):
        shown = {k: v for k, v in new.items() if k not in ("replace_derived", "reason")}
        return "替换为 " + json.dumps(shown, ensure_ascii=False)
    if action == "system.replace":
        return "指标体系已修改"
    text = f"{old if old is not None else '（空）'} → {new if new is not None else '（空）'}"
    return text if len(text) <= 120 else text[:117] + "…"


# ------------------------------------------------------------------ options and result
@dataclass(frozen=True)
class ExportOptions:
    layout: str = LAYOUT_SEED
    landscape: bool = False
    appendices: frozenset[str] = frozenset()
    # Where to look for 仿宋/宋体; None = the system's font folders. Tests pass [] or a folder.
    font_dirs: Sequence[Path] | None = None
    font: FontChoice | None = None  # overrides the search entirely
    codes: bool = False  # national layout: print indicator codes (C11) before names

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ExportError(f"未知的版式：{self.layout}（可选 {' / '.join(LAYOUTS)}）")
        unknown = set(self.appendices) - set(APPENDICES)
        if unknown:
            raise ExportError(
                f"未知的附件：{'、'.join(sorted(unknown))}（可选 {' / '.join(APPENDICES)}）"
            )


@dataclass
class RenderedPdf:
    data: bytes
    pages: int
    font: FontChoice
    signature_page: int  # 0-based page index of the signature box
    signature_box: tuple[float, float, float, float]  # x1, y1, x2, y2 in PDF points
    fingerprint: str


# ------------------------------------------------------------------ styles
@dataclass
class Styles:
    font: str
    base: float = 9.0

    def __post_init__(self) -> None:
        f, b = self.font, self.base
        self.title = ParagraphStyle(
            "title",
            fontName=f,
            fontSize=16,
            leading=22,
            alignment=TA_CENTER,
            wordWrap="CJK",
            spaceAfter=2 * mm,
        )
        self.subtitle = ParagraphStyle(
            "subtitle",
            fontName=f,
            fontSize=10.5,
            leading=15,
            alignment=TA_CENTER,
            wordWrap="CJK",
            spaceAfter=3 * mm,
        )
        self.heading = ParagraphStyle(
            "heading",
            fontName=f,
            fontSize=12.5,
            leading=18,
            wordWrap="CJK",
            spaceBefore=4 * mm,
            spaceAfter=2 * mm,
        )
        self.body = ParagraphStyle("body", fontName=f, fontSize=10.5, leading=16, wordWrap="CJK")
        self.result = ParagraphStyle(
            "result",
            fontName=f,
            fontSize=12,
            leading=18,
            wordWrap="CJK",
            spaceBefore=3 * mm,
            spaceAfter=2 * mm,
        )
        # The right indent leaves room for a closing mark that hangs past the line end.
        self.cell = ParagraphStyle(
            "cell", fontName=f, fontSize=b, leading=b * 1.35, wordWrap="CJK", rightIndent=b * 0.5
        )
        self.cell_center = ParagraphStyle(
            "cell_center", parent=self.cell, alignment=TA_CENTER, rightIndent=0
        )
        self.cell_right = ParagraphStyle(
            "cell_right", parent=self.cell, alignment=TA_RIGHT, rightIndent=0
        )
        self.header = ParagraphStyle("header", parent=self.cell, alignment=TA_CENTER, rightIndent=0)
        self.info_left = ParagraphStyle("info_left", parent=self.body, alignment=TA_LEFT)
        self.info_right = ParagraphStyle("info_right", parent=self.body, alignment=TA_RIGHT)
        self.small = ParagraphStyle(
            "small",
            fontName=f,
            fontSize=b - 1.5,
            leading=(b - 1.5) * 1.35,
            wordWrap="CJK",
            alignment=TA_LEFT,
        )


def fmt_plain(value: Decimal) -> str:
    """A score as the seed prints it: 2, 1.5, 1.89 (no trailing zeros)."""
    text = f"{q2(value):.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def escape(text: str) -> str:
    """Paragraph text is mini-HTML: escape markup characters, keep line breaks."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "<br/>")
    )


class TextSink:
    """Runs every string through the font check so a missing glyph never prints as a box."""

    def __init__(self, styles: Styles, font: FontChoice):
        self.styles = styles
        self.font = font

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        clean = replace_missing(str(text), self.font)
        return CellParagraph(escape(clean), style or self.styles.cell)

    def paras(self, text: str, style: ParagraphStyle | None = None) -> list[Paragraph] | Paragraph:
        """Multi-line text (①… ②… criteria) as one Paragraph per line: a mark hanging at the
        end of a line must not push the explicit line break onto an empty line of its own."""
        lines = str(text).split("\n")
        if len(lines) == 1:
            return self.para(text, style)
        return [self.para(line, style) for line in lines]


def info_line(sink: TextSink, width: float, left: str, right: str) -> Table:
    """ "评价单位：…" on the left and "评价日期：…" on the right, above the table, as on paper forms."""
    table = Table(
        [[sink.para(left, sink.styles.info_left), sink.para(right, sink.styles.info_right)]],
        colWidths=[width * 0.6, width * 0.4],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), sink.styles.font),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


# ------------------------------------------------------------------ grouped table
@dataclass
class Row:
    """One table row. ``groups`` holds the grouping key of each spanning column (None = no
    group, e.g. the 合计 row); ``spans`` are row-local column spans such as (0, 3)."""

    cells: list[Any]
    groups: tuple[str | None, ...] = ()
    spans: list[tuple[int, int]] = field(default_factory=list)
    shaded: bool = False


class GroupedTable(Flowable):
    """A table whose first columns (一级 / 二级指标) span their rows and split across pages
    at row boundaries. reportlab's own split cuts a span in two and leaves the label on one
    side only; here each page gets its own Table, and a group that continues on the next
    page repeats its label there (with "（续）")."""

    def __init__(
        self,
        header: list[Any],
        rows: list[Row],
        col_widths: list[float],
        sink: TextSink,
        *,
        group_cols: Sequence[int] = (0, 1),
        labels: dict[tuple[int, str], str] | None = None,
        start: int = 0,
        all_rows: list[Row] | None = None,
        row_heights: list[float] | None = None,
    ):
        super().__init__()
        self.header = header
        self.all_rows = all_rows if all_rows is not None else rows
        self.start = start
        self.rows = rows
        self.col_widths = col_widths
        self.sink = sink
        self.group_cols = tuple(group_cols)
        self.labels = labels or {}
        self._heights = (
            row_heights if row_heights is not None else [self._row_height(r) for r in self.all_rows]
        )
        self._header_height = self._cells_height(header, [])
        self._table: Table | None = None

    # -- measuring
    PAD = 3.0

    def _cell_height(self, cell: Any, width: float) -> float:
        if isinstance(cell, Flowable):
            return cell.wrap(width - 2 * self.PAD, 10_000)[1] + 2 * self.PAD
        if isinstance(cell, list):
            return sum(part.wrap(width - 2 * self.PAD, 10_000)[1] for part in cell) + 2 * self.PAD
        return self.sink.styles.cell.leading + 2 * self.PAD

    def _cells_height(
        self, cells: list[Any], spans: list[tuple[int, int]], skip: Sequence[int] = ()
    ) -> float:
        widths = list(self.col_widths)
        covered: set[int] = set()
        for c0, c1 in spans:
            widths[c0] = sum(self.col_widths[c0 : c1 + 1])
            covered.update(range(c0 + 1, c1 + 1))
        return (
            max(
                (
                    self._cell_height(cell, widths[c])
                    for c, cell in enumerate(cells)
                    if c not in covered and c not in skip and cell not in ("", None)
                ),
                default=0.0,
            )
            or self.sink.styles.cell.leading + 2 * self.PAD
        )

    def _row_height(self, row: Row) -> float:
        skip = [
            c
            for i, c in enumerate(self.group_cols)
            if i < len(row.groups) and row.groups[i] is not None
        ]
        return self._cells_height(row.cells, row.spans, skip)

    def _label(self, col: int, key: str, continued: bool) -> Paragraph:
        text = self.labels.get((col, key), key)
        return self.sink.para(text + ("（续）" if continued else ""), self.sink.styles.cell_center)

    def _layout(self, first: int, last: int) -> tuple[list[list[Any]], list[float], list[tuple]]:
        """Cells, row heights and span commands for all_rows[first:last] as one page's table."""
        rows = self.all_rows[first:last]
        heights = [self._heights[i] for i in range(first, last)]
        data = [list(r.cells) for r in rows]
        commands: list[tuple] = []
        # Inner groups first: growing a row for a 二级 label also makes room for its 一级 label.
        for gi in reversed(range(len(self.group_cols))):
            col = self.group_cols[gi]
            i = 0
            while i < len(rows):
                key = rows[i].groups[gi] if gi < len(rows[i].groups) else None
                if key is None:
                    i += 1
                    continue
                j = i
                while (
                    j + 1 < len(rows)
                    and gi < len(rows[j + 1].groups)
                    and rows[j + 1].groups[gi] == key
                ):
                    j += 1
                global_index = first + i
                continued = (
                    global_index > 0
                    and gi < len(self.all_rows[global_index - 1].groups)
                    and self.all_rows[global_index - 1].groups[gi] == key
                )
                label = self._label(col, key, continued)
                for k in range(i, j + 1):
                    data[k][col] = ""
                data[i][col] = label
                need = label.wrap(self.col_widths[col] - 2 * self.PAD, 10_000)[1] + 2 * self.PAD
                have = sum(heights[i : j + 1])
                if need > have:
                    heights[j] += need - have
                if j > i:
                    commands.append(("SPAN", (col, i + 1), (col, j + 1)))
                i = j + 1
        for r, row in enumerate(rows):
            for c0, c1 in row.spans:
                commands.append(("SPAN", (c0, r + 1), (c1, r + 1)))
            if row.shaded:
                commands.append(("BACKGROUND", (0, r + 1), (-1, r + 1), colors.HexColor("#F2F2F2")))
        return data, heights, commands

    def _height_of(self, first: int, last: int) -> float:
        return self._header_height + sum(self._layout(first, last)[1])

    def _build(self, first: int, last: int) -> Table:
        data, heights, commands = self._layout(first, last)
        table = Table(
            [self.header, *data],
            colWidths=self.col_widths,
            rowHeights=[self._header_height, *heights],
            repeatRows=1,
            splitInRow=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                    ("LEFTPADDING", (0, 0), (-1, -1), self.PAD),
                    ("RIGHTPADDING", (0, 0), (-1, -1), self.PAD),
                    ("TOPPADDING", (0, 0), (-1, -1), self.PAD),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), self.PAD),
                    ("FONTNAME", (0, 0), (-1, -1), self.sink.styles.font),
                    *commands,
                ]
            )
        )
        return table

    # -- Flowable protocol
    @property
    def _end(self) -> int:
        return self.start + len(self.rows)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = self._height_of(self.start, self._end)
        return self.width, self.height

    def draw(self) -> None:
        table = self._table or self._build(self.start, self._end)
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room = availHeight - self._header_height
        count, used = 0, 0.0
        for i in range(self.start, self._end):
            if used + self._heights[i] > room:
                break
            used += self._heights[i]
            count += 1
        # A label that needs more room than its cut-off rows can push the page over: step back.
        while count and self._height_of(self.start, self.start + count) > availHeight:
            count -= 1
        if count == 0:
            return self._split_oversized_row(availWidth, availHeight)
        if count == len(self.rows):
            return [self._build(self.start, self._end)]
        head = self._build(self.start, self.start + count)
        tail = GroupedTable(
            self.header,
            self.rows[count:],
            self.col_widths,
            self.sink,
            group_cols=self.group_cols,
            labels=self.labels,
            start=self.start + count,
            all_rows=self.all_rows,
            row_heights=self._heights,
        )
        tail.page_room = self.page_room
        return [head, tail]

    # The frame height, set by render(); a row taller than this can never fit on one page.
    page_room: float = 0.0

    def _split_oversized_row(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A single row taller than a whole page (a very long 评分标准): let reportlab cut that
        row inside its cells. Only at the top of a page, so the cut happens at most once per page."""
        first = self._heights[self.start] + self._header_height
        if not self.page_room or first <= self.page_room or avail_height < self.page_room * 0.9:
            return []
        data, _, commands = self._layout(self.start, self.start + 1)
        table = Table([self.header, *data], colWidths=self.col_widths, repeatRows=1, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                    ("FONTNAME", (0, 0), (-1, -1), self.sink.styles.font),
                    *commands,
                ]
            )
        )
        parts = table.split(avail_width, avail_height)
        if not parts:
            return []
        rest = self.rows[1:]
        if not rest:
            return parts
        tail = GroupedTable(
            self.header,
            rest,
            self.col_widths,
            self.sink,
            group_cols=self.group_cols,
            labels=self.labels,
            start=self.start + 1,
            all_rows=self.all_rows,
            row_heights=self._heights,
        )
        tail.page_room = self.page_room
        # The rest starts on a fresh page: on the same page it would print a second header row.
        return [*parts, PageBreak(), tail]


# ------------------------------------------------------------------ sign-off block
class SignOffBlock(Flowable):
    """评价人 / 复核人 / 单位负责人 with signature lines and dates, a 单位（盖章） area and the
    box where a digital signature appears. Records where that box landed on the page."""

    def __init__(self, width: float, sink: TextSink, where: dict[str, Any]):
        super().__init__()
        self.width = width
        self.sink = sink
        self.where = where
        self.line_gap = 12 * mm
        self.stamp = 40 * mm
        self.height = 3 * self.line_gap + self.stamp + 10 * mm

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        font = self.sink.styles.font
        size = 11
        c.setFont(font, size)
        c.setLineWidth(0.6)
        label_w = 30 * mm
        sign_w = min(55 * mm, self.width * 0.36)
        date_x = label_w + sign_w + 8 * mm
        y = self.height - self.line_gap + 3 * mm
        for role in ("评价人", "复核人", "单位负责人"):
            c.drawString(0, y, self._text(role + "："))
            c.line(label_w, y - 1.5, label_w + sign_w, y - 1.5)
            c.drawString(date_x, y, self._text("日期："))
            dx = date_x + c.stringWidth("日期：", font, size)
            # Blank year, month and day, as on a hand-signed form.
            for gap, unit in ((16 * mm, "年"), (10 * mm, "月"), (10 * mm, "日")):
                c.line(dx, y - 1.5, dx + gap, y - 1.5)
                dx += gap
                c.drawString(dx + 1, y, unit)
                dx += c.stringWidth(unit, font, size) + 2
            y -= self.line_gap
        # Digital signature box (left) and the seal area (right), side by side.
        box_w = min(85 * mm, self.width * 0.5)
        box_h = 28 * mm
        box_y = 4 * mm
        c.setDash(3, 2)
        c.setStrokeColor(colors.HexColor("#808080"))
        c.rect(0, box_y, box_w, box_h)
        c.setDash()
        c.setFillColor(colors.HexColor("#808080"))
        c.setFont(font, 8)
        c.drawString(2 * mm, box_y + box_h - 4 * mm, self._text("电子签名区"))
        c.setFillColor(colors.black)
        c.setStrokeColor(colors.black)
        seal_x = self.width - self.stamp - 10 * mm
        c.setFont(font, size)
        c.drawCentredString(seal_x + self.stamp / 2, box_y + self.stamp, self._text("单位（盖章）"))
        c.setDash(1, 2)
        c.circle(seal_x + self.stamp / 2, box_y + self.stamp / 2 + 2 * mm, self.stamp / 2 - 6 * mm)
        c.setDash()
        c.drawCentredString(seal_x + self.stamp / 2, box_y, self._text("年      月      日"))
        x1, y1 = c.absolutePosition(0, box_y)
        x2, y2 = c.absolutePosition(box_w, box_y + box_h)
        self.where["page"] = c.getPageNumber() - 1
        self.where["box"] = (round(x1, 2), round(y1, 2), round(x2, 2), round(y2, 2))

    def _text(self, text: str) -> str:
        return replace_missing(text, self.sink.font)


# ------------------------------------------------------------------ page template
def make_canvas_class(
    font: str, footer_left: str, footer_right: str, pages: dict[str, int]
) -> type:
    """A canvas that holds pages back until the end, so each footer can say 共 y 页."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any):
            # Start in our font so no unembedded Helvetica is referenced by any page.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            pages["count"] = total
            for state in self._saved:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = self._pagesize
            y = MARGIN - FOOTER_GAP
            self.saveState()
            self.setFont(font, 8)
            self.setFillColor(colors.HexColor("#404040"))
            self.drawString(MARGIN, y, footer_left)
            self.drawCentredString(width / 2, y, f"第 {self._pageNumber} 页 共 {total} 页")
            self.drawRightString(width - MARGIN, y, footer_right)
            self.restoreState()

    return NumberedCanvas


# ------------------------------------------------------------------ document
StoryBuilder = Callable[[ReportData, TextSink, float], list[Flowable]]


def render(data: ReportData, options: ExportOptions | None = None) -> RenderedPdf:
    """Lay out the PDF and return its bytes (no file, no database access)."""
    options = options or ExportOptions()
    font = options.font or find_font(options.font_dirs)
    font_name = register(font)
    styles = Styles(font_name)
    sink = TextSink(styles, font)
    pagesize = landscape(A4) if options.landscape else A4
    frame_w = pagesize[0] - 2 * MARGIN
    if options.codes != data.show_codes:
        data = dataclasses.replace(data, show_codes=options.codes)
    story = list(_layout_story(options.layout)(data, sink, frame_w))
    for flowable in story:
        if isinstance(flowable, GroupedTable):
            flowable.page_room = pagesize[1] - 2 * MARGIN
    story.extend(appendices(data, sink, frame_w, options.appendices))
    where: dict[str, Any] = {}
    block = SignOffBlock(frame_w, sink, where)
    story += [
        CondPageBreak(block.height + 14 * mm),
        Spacer(1, 4 * mm),
        KeepTogether([sink.para("签署", styles.heading), block]),
    ]

    buffer = io.BytesIO()
    pages: dict[str, int] = {}
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=data.title,
        author=data.unit,
        subject=f"数据指纹 {data.fingerprint}",
        creator="Jixiao 绩效自评工作台",
        initialFontName=font_name,
        keywords=[f"jixiao-fingerprint:{data.fingerprint}"],
    )
    frame = Frame(
        MARGIN,
        MARGIN,
        frame_w,
        pagesize[1] - 2 * MARGIN,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer_left = f"数据指纹 {data.short_fingerprint}"
    footer_right = replace_missing(
        f"{data.source_name}  导出于 {data.export_date.isoformat()}".strip(), font
    )
    try:
        doc.build(story, canvasmaker=make_canvas_class(font_name, footer_left, footer_right, pages))
    except LayoutError as exc:
        raise ExportError(f"排版失败：某个单元格内容过长，无法放入一页（{exc}）") from None
    return RenderedPdf(
        buffer.getvalue(),
        pages.get("count", 0),
        font,
        where.get("page", 0),
        where.get("box", (MARGIN, MARGIN, MARGIN + 85 * mm, MARGIN + 28 * mm)),
        data.fingerprint,
    )


def _layout_story(layout: str) -> StoryBuilder:
    # Imported here: the layout modules import this one.
    if layout == LAYOUT_NATIONAL:
        from jixiao.export.pdf_national import story
    else:
        from jixiao.export.pdf_seed import story
    return story


def export_pdf(
    ef: Any, out: str | Path, options: ExportOptions | None = None, *, today: date | None = None
) -> RenderedPdf:
    """Collect, render and write ``out`` (via a temporary file, so a failure leaves no half PDF)."""
    rendered = render(collect(ef, today=today), options)
    write_bytes(Path(out), rendered.data)
    return rendered


def write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(target.name + ".part")
    try:
        temp.write_bytes(data)
        temp.replace(target)
    except PermissionError:
        temp.unlink(missing_ok=True)
        raise ExportError(
            f"无法写入 {target}：文件可能正在被其他程序（如 PDF 阅读器）打开"
        ) from None


# ------------------------------------------------------------------ appendices
def appendices(
    data: ReportData, sink: TextSink, width: float, which: frozenset[str] | set[str]
) -> list[Flowable]:
    story: list[Flowable] = []
    number = 0
    if APPENDIX_EVIDENCE in which:
        number += 1
        story += evidence_appendix(data, sink, width, number)
    if APPENDIX_AUDIT in which:
        number += 1
        story += audit_appendix(data, sink, width, number)
    return story


NUMERALS = "一二三四五六七八九十"


def _plain_table(
    header: list[str],
    rows: list[list[str]],
    widths: list[float],
    sink: TextSink,
    styles: list[ParagraphStyle | None] | None = None,
) -> Table:
    s = sink.styles
    body = [[sink.para(h, s.header) for h in header]]
    for row in rows:
        body.append(
            [
                sink.para(text, (styles[i] if styles and styles[i] else s.cell))
                for i, text in enumerate(row)
            ]
        )
    table = Table(body, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
                ("FONTNAME", (0, 0), (-1, -1), sink.styles.font),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _scaled(fractions: list[float], width: float) -> list[float]:
    total = sum(fractions)
    return [width * f / total for f in fractions]


def evidence_appendix(
    data: ReportData, sink: TextSink, width: float, number: int
) -> list[Flowable]:
    s = sink.styles
    story: list[Flowable] = [
        CondPageBreak(40 * mm),
        sink.para(f"附件{NUMERALS[number - 1]}  佐证材料清单（含 SHA-256 校验值）", s.heading),
    ]
    if data.evidence is None:
        return [*story, sink.para("（本版本未包含佐证材料模块，无法列出佐证材料。）", s.body)]
    if not data.evidence:
        return [*story, sink.para("（尚未登记佐证材料。）", s.body)]
    rows = []
    for item in data.evidence:
        size = item.get("size")
        rows.append(
            [
                str(item.get("code", "")),
                str(item.get("item", "")),
                EVIDENCE_STATUS.get(str(item.get("status", "")), str(item.get("status", ""))),
                str(item.get("file_name") or "—"),
                str(item.get("sha256") or "—"),
                _size_text(size),
                str(item.get("attached_by") or ""),
                str(item.get("attached_at") or "").replace("T", " "),
            ]
        )
    widths = _scaled([9, 30, 10, 28, 44, 12, 12, 18], width)
    mono = ParagraphStyle("sha", parent=s.small, fontSize=6.8, leading=8.5)
    styles = [s.cell_center, None, s.cell_center, None, mono, s.cell_right, None, s.small]
    return [
        *story,
        _plain_table(
            ["编码", "佐证材料", "状态", "文件名", "SHA-256", "大小", "上传人", "上传时间"],
            rows,
            widths,
            sink,
            styles,
        ),
    ]


def _size_text(size: Any) -> str:
    if size in (None, ""):
        return "—"
    try:
        n = int(size)
    except (TypeError, ValueError):
        return str(size)
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def audit_appendix(data: ReportData, sink: TextSink, width: float, number: int) -> list[Flowable]:
    s = sink.styles
    story: list[Flowable] = [
        CondPageBreak(40 * mm),
        sink.para(f"附件{NUMERALS[number - 1]}  调整记录（人工调整得分及理由）", s.heading),
    ]
    if not data.audit:
        return [*story, sink.para("（无人工调整记录：全部得分按评分规则计算。）", s.body)]
    rows = [
        [r.at, r.user, r.action, r.target, r.change, r.reason or "（未填写）"] for r in data.audit
    ]
    widths = _scaled([20, 12, 13, 10, 30, 40], width)
    return [
        *story,
        _plain_table(
            ["时间", "操作人", "操作", "指标", "变更", "理由"],
            rows,
            widths,
            sink,
            [s.small, None, s.cell_center, s.cell_center, None, None],
        ),
    ]
