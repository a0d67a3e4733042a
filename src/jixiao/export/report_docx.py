"""The 绩效自评价报告 as a Word document (python-docx), set the way Chinese official reports are:
A4, title in 方正小标宋简体, body 仿宋_GB2312 三号 with a two-character first-line indent and
exact 28.95 pt line spacing (22 lines a page), headings 一、黑体 /（一）楷体 / 1、仿宋 bold as real
heading styles with outline levels, "— 1 —" page numbers, and the 评分表 appended as a table.

East Asian font names go into ``w:eastAsia`` (Word and WPS ignore the Latin name for Chinese
text); the font table names a fallback (仿宋_GB2312 → 仿宋) for machines without the GB fonts.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from jixiao.core.numbers import fmt2
from jixiao.core.report_model import Paragraph, Report
from jixiao.export.pdf_common import fmt_plain, write_bytes

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT, 4: BODY_FONT}
LATIN_FONT = "Times New Roman"
# Fallbacks written to the font table (w:altName): what Word/WPS use when the GB font is absent.
FALLBACKS = {TITLE_FONT: "黑体", BODY_FONT: "仿宋", "楷体_GB2312": "楷体", "黑体": "SimHei"}
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
LINE = Pt(28.95)  # GB/T 9704: 22 lines on a page
TABLE_SIZE = Pt(10.5)  # 五号
STYLE_TITLE = "报告标题"
STYLE_TABLE = "表格文字"
TABLE_STYLE_ID = "TableText"  # the id given to STYLE_TABLE when the style is added
COLUMNS = ["一级指标", "二级指标", "三级指标", "标准值", "权重", "评分标准", "得分", "扣分原因"]
WIDTHS_MM = [16, 18, 22, 14, 11, 46, 13, 30]


def _fonts(rpr_owner, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the Latin and the East Asian font, dropping theme fonts that would override them."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _first_line_chars(ppr, chars: int, size: Pt) -> None:
    """A first-line indent in characters (firstLineChars), with the points for older readers.
    get_or_add_ind keeps w:ind where the schema wants it (before w:jc): Word is strict."""
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(int(size.pt * chars * 20)))


# What may follow w:outlineLvl in a w:pPr (schema order).
_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _outline(ppr, level: int) -> None:
    old = ppr.find(qn("w:outlineLvl"))
    if old is not None:
        ppr.remove(old)
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    ppr.insert_element_before(el, *_AFTER_OUTLINE)


def _setup_styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.color.rgb = RGBColor(0, 0, 0)
    _fonts(normal.element, BODY_FONT)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE
    pf.space_before = pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = False
    _first_line_chars(normal.element.get_or_add_pPr(), 2, BODY_SIZE)

    for level in (1, 2, 3, 4):
        style = styles[f"Heading {level}"]
        style.base_style = normal
        font = style.font
        font.size = BODY_SIZE
        font.bold = level == 3
        font.italic = False
        font.color.rgb = RGBColor(0, 0, 0)
        _fonts(style.element, HEADING_FONTS[level])
        pf = style.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = LINE
        pf.space_before = pf.space_after = Pt(0)
        pf.keep_with_next = True
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        ppr = style.element.get_or_add_pPr()
        _first_line_chars(ppr, 2, BODY_SIZE)
        _outline(ppr, level - 1)

    title = styles.add_style(STYLE_TITLE, 1)
    title.base_style = normal
    title.font.size = TITLE_SIZE
    _fonts(title.element, TITLE_FONT)
    pf = title.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.line_spacing = Pt(36)
    pf.space_after = Pt(28.95)
    _first_line_chars(title.element.get_or_add_pPr(), 0, TITLE_SIZE)

    cell = styles.add_style(STYLE_TABLE, 1)
    cell.element.styleId = TABLE_STYLE_ID
    cell.base_style = normal
    cell.font.size = TABLE_SIZE
    pf = cell.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _first_line_chars(cell.element.get_or_add_pPr(), 0, TABLE_SIZE)


def _font_fallbacks(doc) -> None:
    """Add w:font entries with w:altName to the font table, so a missing GB font falls back."""
    part = next(
        (p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"),
        None,
    )
    if part is None or not hasattr(part, "_blob"):
        return
    from lxml import etree

    root = etree.fromstring(part._blob)
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_el = etree.SubElement(font, qn("w:altName"))
        alt_el.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        family = etree.SubElement(font, qn("w:family"))
        family.set(qn("w:val"), "modern" if name != TITLE_FONT else "script")
        pitch = etree.SubElement(font, qn("w:pitch"))
        pitch.set(qn("w:val"), "fixed" if name != TITLE_FONT else "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_setup(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28 - 7)


def _page_number_footer(section) -> None:
    """ "— 1 —" in 宋体 四号, centred: a PAGE field between dashes."""
    footer = section.footer
    para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    pf = para.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.first_line_indent = Pt(0)
    _first_line_chars(para._p.get_or_add_pPr(), 0, Pt(14))

    def run(text: str = ""):
        r = para.add_run(text)
        r.font.size = Pt(14)
        _fonts(r._r, "宋体")
        return r

    run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1")):
        r = run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        else:
            r.text = text
    end = run()
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), "end")
    end._r.append(fld)
    run(" —")


def _add_paragraph(doc, para: Paragraph, style_id: str | None = None) -> None:
    p = doc.add_paragraph()
    if style_id:
        _set_style(p, style_id)
    for seg in para.segments:
        run = p.add_run(seg.text)
        if seg.missing:  # a reference without data: yellow, so it is not filed unnoticed
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _style_id(doc, name: str) -> str:
    return doc.styles[name].style_id


def _set_style(p, style_id: str) -> None:
    """Set the style id directly: python-docx's by-name lookup scans every style each time."""
    p._p.style = style_id


def _cell_text(cell, text: str, center: bool = False, bold: bool = False) -> None:
    lines = str(text).split("\n") if text else [""]
    first = cell.paragraphs[0]
    _set_style(first, TABLE_STYLE_ID)
    for index, line in enumerate(lines):
        p = first if index == 0 else cell.add_paragraph()
        if index:
            _set_style(p, TABLE_STYLE_ID)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = bold
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _score_table(doc, report: Report) -> None:
    sheet, system = report.sheet, report.system
    nodes = system.by_code()
    groups = {g.code: g for g in (*sheet.level1, *sheet.level2)}
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for i, text in enumerate(COLUMNS):
        _cell_text(table.rows[0].cells[i], text, center=True, bold=True)
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")  # repeated on every page the table runs over
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    starts: dict[tuple[int, str], int] = {}
    ends: dict[tuple[int, str], int] = {}
    for item in sheet.indicators:
        node = nodes.get(item.code)
        cells = table.add_row().cells
        row_index = len(table.rows) - 1
        for col, key in ((0, item.level1), (1, item.level2 or item.code)):
            starts.setdefault((col, key), row_index)
            ends[(col, key)] = row_index
        values = [
            "",
            "",
            f"{item.code} {item.name}",
            item.target,
            fmt_plain(item.weight),
            node.criteria if node else "",
            fmt_plain(item.score),
            item.reason,
        ]
        for col, text in enumerate(values):
            if col >= 2:
                _cell_text(cells[col], text, center=col in (3, 4, 6))
    grid = [row.cells for row in table.rows]  # table.cell() rebuilds this grid on every call
    for (col, key), first in starts.items():
        last = ends[(col, key)]
        group = groups.get(key)
        label = f"{key} {group.name}（{fmt_plain(group.weight)}分）" if group else ""
        top = grid[first][col]
        merged = top.merge(grid[last][col]) if last > first else top
        for p in list(merged.paragraphs)[1:]:
            p._p.getparent().remove(p._p)
        merged.paragraphs[0].text = ""
        _cell_text(merged, label, center=True)
    weight_total = sum((i.weight for i in sheet.indicators), Decimal(0))
    cells = table.add_row().cells
    merged = cells[0].merge(cells[3])
    _cell_text(merged, "合计", center=True, bold=True)
    _cell_text(cells[4], fmt_plain(weight_total), center=True)
    _cell_text(cells[6], fmt_plain(sheet.total), center=True, bold=True)
    # Word reads the cell widths, LibreOffice and WPS the grid: set both (autofit off above
    # gives the fixed layout).
    for col, width in enumerate(WIDTHS_MM):
        table.columns[col].width = Mm(width)
    for row in table.rows:
        col = 0
        for tc in row._tr.tc_lst:
            span = tc.grid_span
            tc.width = Mm(sum(WIDTHS_MM[col : col + span]))
            col += span


def build_docx(report: Report, *, fingerprint: str = "", today: date | None = None) -> bytes:
    doc = Document()
    _setup_styles(doc)
    _font_fallbacks(doc)
    section = doc.sections[0]
    _page_setup(section)
    _page_number_footer(section)
    props = doc.core_properties
    props.title = report.title
    props.subject = f"数据指纹 {fingerprint}" if fingerprint else ""
    props.keywords = f"jixiao-fingerprint:{fingerprint}" if fingerprint else ""
    props.author = "Jixiao 绩效自评工作台"

    ids = {n: _style_id(doc, f"Heading {n}") for n in (1, 2, 3, 4)}
    title_id = _style_id(doc, STYLE_TITLE)
    for line in _title_lines(report.title):
        _set_style(doc.add_paragraph(line), title_id)
    for sec in report.sections:
        if sec.heading:
            _set_style(doc.add_paragraph(sec.heading), ids[min(max(sec.level, 1), 4)])
        for para in sec.paragraphs:
            _add_paragraph(doc, para, ids[para.heading_level] if para.heading_level else None)

    # The 评分表 on a new page, in a section of its own (the table is set smaller).
    appendix = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(appendix)
    appendix.left_margin = appendix.right_margin = Mm(20)
    label = doc.add_paragraph("附件", style="Heading 1")
    label.paragraph_format.first_line_indent = Pt(0)
    table_title = doc.add_paragraph(report.sheet_title)
    _set_style(table_title, title_id)
    table_title.runs[0].font.size = Pt(18)  # 小二: the table's title fits on one line
    _score_table(doc, report)
    closing = doc.add_paragraph(
        f"综合得分 {fmt2(report.sheet.total)} 分，等级为“{report.sheet.grade}”。"
    )
    closing.paragraph_format.space_before = Pt(8)
    if fingerprint:
        note = doc.add_paragraph(f"数据指纹：{fingerprint}", style=STYLE_TABLE)
        note.runs[0].font.size = Pt(9)
    when = today or date.today()
    doc.add_paragraph(f"导出日期：{when.year}年{when.month}月{when.day}日", style=STYLE_TABLE)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _title_lines(title: str) -> list[str]:
    """The seed breaks its title before 自评价报告: "…专项资金绩效" / "自评价报告"."""
    for tail in ("自评价报告", "评价报告"):
        if title.endswith(tail) and len(title) > 18:
            return [title[: -len(tail)], tail]
    return [title]


def export_docx(report: Report, out: str | Path, *, fingerprint: str = "") -> Path:
    target = Path(out)
    write_bytes(target, build_docx(report, fingerprint=fingerprint))
    return target
