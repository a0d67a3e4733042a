"""The 绩效自评价报告 as PDF (reportlab, the bundled or official font embedded as a subset), with
the seed-layout 评分表 appended and the same footer fingerprint and sign-off block as the
score-table export, so ``signing.sign_rendered`` signs it exactly like the score table.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus.doctemplate import LayoutError

from jixiao.core.report_model import Paragraph, Report
from jixiao.export import pdf_seed
from jixiao.export.pdf_common import (
    MARGIN,
    ExportError,
    GroupedTable,
    RenderedPdf,
    ReportData,
    SignOffBlock,
    Styles,
    TextSink,
    escape,
    make_canvas_class,
    write_bytes,
)
from jixiao.export.pdf_fonts import FontChoice, find_font, register, replace_missing
from jixiao.export.pdf_wrap import atoms

# The report pages follow the official-document margins; the appended table keeps the
# score-table export's narrow margins so its columns are as wide as in that export.
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 30 * mm, 28 * mm, 26 * mm
BODY = 16.0  # 三号
LEADING = 28.95  # 22 lines a page


@dataclass
class ReportStyles:
    title: ParagraphStyle
    headings: dict[int, ParagraphStyle]
    body: ParagraphStyle


def report_styles(font: str) -> ReportStyles:
    body = ParagraphStyle(
        "report_body",
        fontName=font,
        fontSize=BODY,
        leading=LEADING,
        firstLineIndent=2 * BODY,
        alignment=TA_JUSTIFY,
        wordWrap="CJK",
    )
    headings = {
        level: ParagraphStyle(f"report_h{level}", parent=body, alignment=0)
        for level in (1, 2, 3, 4)
    }
    title = ParagraphStyle(
        "report_title",
        fontName=font,
        fontSize=22,
        leading=36,
        alignment=TA_CENTER,
        wordWrap="CJK",
        spaceAfter=LEADING,
    )
    return ReportStyles(title, headings, body)


def _markup(para: Paragraph, font: FontChoice, breaks: frozenset[int] = frozenset()) -> str:
    parts = []
    pos = 0
    for seg in para.segments:
        raw = seg.text
        cuts = sorted(b - pos for b in breaks if pos < b < pos + len(raw))
        pos += len(raw)
        for cut in reversed(cuts):  # a forced line break (see fitted_paragraph)
            raw = raw[:cut] + "\n" + raw[cut:]
        text = escape(replace_missing(raw, font))
        # A reference without data is printed on a yellow ground so nobody files it unnoticed.
        parts.append(f'<span backColor="#FFF176">{text}</span>' if seg.missing else text)
    return "".join(parts)


def _line_texts(para: RLParagraph) -> list[str]:
    lines = para.blPara.lines
    if para.blPara.kind == 0:
        return ["".join(words) for _, words in lines]
    return ["".join(w.text for w in line.words) for line in lines]


def _break_points(plain: str) -> set[int]:
    """Offsets a line may start at: between atoms (a number or Latin word is one atom)."""
    points, pos = set(), 0
    for atom in atoms(plain):
        points.add(pos)
        pos += len(atom)
    return points


def _better_start(plain: str, start: int, previous: int, points: set[int]) -> int | None:
    """Where the line that reportlab starts at ``start`` should start instead, if anywhere."""
    cut = start
    while cut > previous + 1:
        if cut not in points:
            cut = max(p for p in points if p < cut)
        elif plain[cut] in rl_textsplit.ALL_CANNOT_START:
            cut -= 1
        else:
            return cut if cut != start else None
    return None


def fitted_paragraph(
    para: Paragraph, style: ParagraphStyle, font: FontChoice, width: float
) -> RLParagraph:
    """reportlab cuts CJK lines anywhere: inside "17,641.06", or before a "，" that follows a
    hanging "”" (it hangs one mark, not two). Where a line would start like that, break it
    earlier (at the same atoms as the score table's cells, ``pdf_wrap.atoms``) and let
    reportlab justify the rest, so numbers stay whole and no line starts with punctuation."""
    plain = para.text
    points = _break_points(plain)
    breaks: set[int] = set()
    flowable = RLParagraph(_markup(para, font), style)
    for _ in range(40):
        flowable.wrap(width, 1e6)
        texts = _line_texts(flowable)
        if sum(len(t) for t in texts) != len(plain):
            return flowable  # spaces dropped at a break: offsets unknown, keep reportlab's
        start = previous = 0
        fix = None
        for index, text in enumerate(texts):
            if index and text:
                fix = _better_start(plain, start, previous, points)
                if fix is not None:
                    break
            previous, start = start, start + len(text)
        if fix is None or fix in breaks:
            return flowable
        breaks.add(fix)
        flowable = RLParagraph(_markup(para, font, frozenset(breaks)), style)
    return flowable


def report_story(
    report: Report, styles: ReportStyles, font: FontChoice, width: float
) -> list[Flowable]:
    story: list[Flowable] = []
    # A heading needs a line of its text under it on the same page (keepWithNext would carry
    # a whole long paragraph to the next page and leave half a page empty).
    room = CondPageBreak(LEADING * 2.5)
    for line in _title_lines(report.title):
        story.append(RLParagraph(escape(replace_missing(line, font)), styles.title))
    for sec in report.sections:
        if sec.heading:
            style = styles.headings[min(max(sec.level, 1), 4)]
            story.append(room)
            story.append(RLParagraph(escape(replace_missing(sec.heading, font)), style))
        for para in sec.paragraphs:
            style = styles.headings[para.heading_level] if para.heading_level else styles.body
            if para.heading_level:
                story.append(room)
            story.append(fitted_paragraph(para, style, font, width))
    return story


def _title_lines(title: str) -> list[str]:
    for tail in ("自评价报告", "评价报告"):
        if title.endswith(tail) and len(title) > 18:
            return [title[: -len(tail)], tail]
    return [title]


def render_report(
    report: Report,
    data: ReportData,
    *,
    font: FontChoice | None = None,
    font_dirs: list[Path] | None = None,
) -> RenderedPdf:
    """Lay out the report, the 评分表 and the sign-off block (no file, no database access)."""
    font = font or find_font(font_dirs)
    font_name = register(font)
    styles = report_styles(font_name)
    sink = TextSink(Styles(font_name), font)
    page_w, page_h = A4
    table_w = page_w - 2 * MARGIN

    story = report_story(report, styles, font, page_w - LEFT - RIGHT)
    story += [NextPageTemplate("table"), PageBreak()]
    table_story = pdf_seed.story(data, sink, table_w)
    for flowable in table_story:
        if isinstance(flowable, GroupedTable):
            flowable.page_room = page_h - 2 * MARGIN
    story += [sink.para("附件", sink.styles.heading), *table_story]
    where: dict[str, Any] = {}
    block = SignOffBlock(table_w, sink, where)
    story += [
        CondPageBreak(block.height + 14 * mm),
        Spacer(1, 4 * mm),
        KeepTogether([sink.para("签署", sink.styles.heading), block]),
    ]

    buffer = io.BytesIO()
    pages: dict[str, int] = {}
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=report.title,
        author=data.unit,
        subject=f"数据指纹 {data.fingerprint}",
        creator="Jixiao 绩效自评工作台",
        initialFontName=font_name,
        keywords=[f"jixiao-fingerprint:{data.fingerprint}"],
    )

    def frame(fid: str, left: float, bottom: float, right: float, top: float) -> Frame:
        return Frame(
            left,
            bottom,
            page_w - left - right,
            page_h - top - bottom,
            id=fid,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    doc.addPageTemplates(
        [
            PageTemplate(id="report", frames=[frame("report", LEFT, BOTTOM, RIGHT, TOP)]),
            PageTemplate(id="table", frames=[frame("table", MARGIN, MARGIN, MARGIN, MARGIN)]),
        ]
    )
    footer_left = f"数据指纹 {data.short_fingerprint}"
    footer_right = replace_missing(
        f"{data.source_name}  导出于 {data.export_date.isoformat()}".strip(), font
    )
    try:
        doc.build(story, canvasmaker=make_canvas_class(font_name, footer_left, footer_right, pages))
    except LayoutError as exc:
        raise ExportError(f"排版失败：某段内容过长，无法放入一页（{exc}）") from None
    return RenderedPdf(
        buffer.getvalue(),
        pages.get("count", 0),
        font,
        where.get("page", 0),
        where.get("box", (MARGIN, MARGIN, MARGIN + 85 * mm, MARGIN + 28 * mm)),
        data.fingerprint,
    )


def export_report_pdf(report: Report, data: ReportData, out: str | Path, **kw: Any) -> RenderedPdf:
    rendered = render_report(report, data, **kw)
    write_bytes(Path(out), rendered.data)
    return rendered
