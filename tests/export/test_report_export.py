"""The report as Word and PDF: structure, fonts, page numbers, the appended 评分表, signing."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from jixiao.core.numbers import fmt2
from jixiao.export.pdf_common import fmt_plain
from jixiao.export.report_export import export_report
from jixiao.export.signing import create_self_signed_pkcs12, load_pkcs12, verify_pdf
from jixiao.paths import fonts_dir
from pdf_render import render_pages


def _east_asia(style) -> str:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia"))


def _outline_level(style) -> str | None:
    el = style.element.pPr.find(qn("w:outlineLvl"))
    return None if el is None else el.get(qn("w:val"))


@pytest.fixture
def docx_path(sample_file, tmp_path: Path) -> Path:
    out = tmp_path / "报告.docx"
    export_report(sample_file, out)
    return out


def test_docx_structure_fonts_and_page_numbers(docx_path: Path, sample_file) -> None:
    doc = Document(str(docx_path))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    styles = doc.styles
    assert _east_asia(styles["Normal"]) == "仿宋_GB2312"
    assert styles["Normal"].font.size.pt == 16
    assert 28 <= styles["Normal"].paragraph_format.line_spacing.pt <= 29
    ind = styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert _east_asia(styles["报告标题"]) == "方正小标宋简体"
    assert [_east_asia(styles[f"Heading {n}"]) for n in (1, 2, 3)] == [
        "黑体",
        "楷体_GB2312",
        "仿宋_GB2312",
    ]
    assert styles["Heading 3"].font.bold is True
    assert [_outline_level(styles[f"Heading {n}"]) for n in (1, 2, 3, 4)] == ["0", "1", "2", "3"]

    by_style: dict[str, list[str]] = {}
    for p in doc.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["报告标题"][:2] == ["2021年南京市政务信息化专项资金绩效", "自评价报告"]
    assert "四、存在的问题及原因分析" in by_style["Heading 1"]
    assert "（一）项目建设单位管理制度有待完善" in by_style["Heading 2"]  # typed sub-heading
    assert "1、项目设立背景" in by_style["Heading 3"]
    body = "\n".join(by_style["Normal"])
    assert "实际支付项目资金17,641.06万元，预算执行率94.34%。" in body

    footer = section.footer._element.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer and "— " in footer
    with zipfile.ZipFile(docx_path) as z:
        fonts = z.read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in fonts and 'w:val="仿宋"' in fonts  # fallback named


def test_docx_score_table_equals_the_signed_table(docx_path: Path, sample_file) -> None:
    sheet = sample_file.score_sheet()
    table = Document(str(docx_path)).tables[-1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "标准值",
        "权重",
        "评分标准",
        "得分",
        "扣分原因",
    ]
    body = rows[1:-1]
    assert [r[2] for r in body] == [f"{i.code} {i.name}" for i in sheet.indicators]
    assert [r[6] for r in body] == [fmt_plain(i.score) for i in sheet.indicators]
    assert [r[7] for r in body] == [i.reason for i in sheet.indicators]
    assert rows[-1][0] == "合计" and rows[-1][6] == "90.23"
    assert body[0][0] == "A 项目决策（11分）" and body[0][1] == "A1 项目立项（4分）"
    core = Document(str(docx_path)).core_properties
    sheet.title = sample_file.meta().title
    assert core.keywords == f"jixiao-fingerprint:{sheet.fingerprint}"


def _fonts_of(reader: PdfReader) -> set[tuple[str, bool]]:
    found = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            for desc in font.get("/DescendantFonts", [font]):
                d = desc.get_object().get("/FontDescriptor")
                d = d.get_object() if d is not None else {}
                found.add((str(font["/BaseFont"]), "/FontFile2" in d))
    return found


def test_pdf_embeds_its_font_renders_chinese_and_appends_the_table(
    sample_file, tmp_path: Path
) -> None:
    out = tmp_path / "报告.pdf"
    result = export_report(sample_file, out, font_dirs=[])
    reader = PdfReader(out)
    fonts = _fonts_of(reader)
    assert fonts and all(embedded for _, embedded in fonts)
    text = "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "预算执行率94.34%" in text and "综合评价绩效得分90.23分" in text
    assert "2021年南京市政务信息化专项资金绩效自评价评分表" in text
    sheet = sample_file.score_sheet()
    assert "预算执行率94.34%，扣0.11分。" in text and f"综合得分{fmt2(sheet.total)}分" in text
    assert result.pages == len(reader.pages) >= 10
    pngs = render_pages(out, tmp_path / "png", dpi=40, first=1, last=1)
    assert pngs and pngs[0].stat().st_size > 5000


def test_signed_report_verifies_with_the_score_fingerprint(sample_file, tmp_path: Path) -> None:
    p12 = create_self_signed_pkcs12(tmp_path / "u.pfx", "pw", common_name="王评价")
    out = tmp_path / "报告-签名.pdf"
    export_report(sample_file, out, cert=load_pkcs12(p12, "pw"), font_dirs=[])
    report = verify_pdf(out)
    sheet = sample_file.score_sheet()
    sheet.title = sample_file.meta().title
    report.expected_fingerprint = sheet.fingerprint
    assert report.ok and report.fingerprint_matches is True
    assert report.signatures[0].signer == "王评价"


def test_docx_opens_in_libreoffice(docx_path: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice（soffice）未安装：跳过 .docx → PDF 转换；结构已由其他测试检查")
    home = tmp_path / "home"
    (home / ".fonts").mkdir(parents=True)
    shutil.copy(fonts_dir() / "wqy-microhei.ttc", home / ".fonts")  # the machine has no CJK font
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env=env,
    )
    pdf = tmp_path / "报告.pdf"
    reader = PdfReader(pdf)
    text = "".join("".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "预算执行率94.34%" in text and "—1—" in text
    assert "合计10090.23" in text
    pngs = render_pages(pdf, tmp_path / "lo", dpi=40, first=1, last=1)
    assert pngs


def test_after_an_extra_payment_the_next_export_has_no_stale_figure(
    sample_file, tmp_path: Path
) -> None:
    from decimal import Decimal

    project = next(p for p in sample_file.projects() if p.paid + 100 <= p.budget)
    sample_file.update_project(project.with_changes(paid=project.paid + Decimal(100)))
    sheet = sample_file.score_sheet()
    out = tmp_path / "报告.docx"
    export_report(sample_file, out)
    doc = Document(str(out))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    everything = "\n".join([p.text for p in doc.paragraphs] + cells)
    for stale in ("94.34%", "90.23", "17,641.06", "扣 0.11 分"):
        assert stale not in everything
    assert "预算执行率94.87%。" in everything and "17,741.06万元" in everything
    assert f"综合评价绩效得分{fmt2(sheet.total)}分" in everything
    assert "预算执行率 94.87%，扣 0.1 分。" in everything
    pdf = tmp_path / "报告.pdf"
    export_report(sample_file, pdf, font_dirs=[])
    text = "".join("".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)
    assert "94.34%" not in text and "90.23" not in text and "预算执行率94.87%" in text


def test_no_line_of_the_report_pdf_starts_with_punctuation_or_cuts_a_number(sample_file) -> None:
    from reportlab.lib import textsplit

    from jixiao.export.pdf_fonts import bundled_font, register
    from jixiao.export.report_pdf import LEFT, RIGHT, _line_texts, fitted_paragraph, report_styles
    from jixiao.storage import report_store

    font = bundled_font()
    styles = report_styles(register(font))
    width = 595.2756 - LEFT - RIGHT
    starts: list[str] = []
    cut_numbers: list[tuple[str, str]] = []
    for section in report_store.build(sample_file).sections:
        for para in section.paragraphs:
            lines = _line_texts(fitted_paragraph(para, styles.body, font, width))
            assert "".join(lines) == para.text  # nothing lost or added
            starts += [line[0] for line in lines[1:] if line]
            cut_numbers += [
                (a, b)
                for a, b in itertools.pairwise(lines)
                if a and b and a[-1] in "0123456789.," and b[0] in "0123456789.%"
            ]
    assert len(starts) > 150
    assert [ch for ch in starts if ch in textsplit.ALL_CANNOT_START] == []
    assert cut_numbers == []
