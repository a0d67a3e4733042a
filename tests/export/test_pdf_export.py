"""The exported score table as a reader sees it: text, pages, fonts, spans, layouts."""

from __future__ import annotations

import io
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

import pdf_render
from jixiao.core.evaluate import evaluate
from jixiao.core.model import Indicator, IndicatorSystem
from jixiao.core.rules import ManualRule
from jixiao.export.pdf_common import (
    ExportError,
    ExportOptions,
    ReportData,
    audit_rows,
    collect,
    export_pdf,
    fmt_plain,
    render,
)
from jixiao.export.pdf_fonts import bundled_font, missing_characters

TODAY = date(2022, 3, 15)
NO_SYSTEM_FONTS = ExportOptions(font_dirs=[])


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def compact(text: str) -> str:
    return "".join(text.split())


def render_pages(pdf: Path, out_dir: Path, dpi: int = 50) -> list[Path]:
    return pdf_render.render_pages(pdf, out_dir, dpi)


def synthetic_data(level3: int = 200) -> ReportData:
    """A big sheet: 4 一级 × 10 二级 × n/40 三级 indicators with long criteria, scored by hand."""
    per_level2 = max(1, level3 // 40)
    roots, inputs = [], {}
    for a in range(4):
        l1 = Indicator(code=chr(65 + a), name=f"一级指标{a + 1}", weight=Decimal(0))
        for b in range(10):
            l2 = Indicator(code=f"{l1.code}{b + 1}", name=f"二级指标{b + 1}", weight=Decimal(0))
            for c in range(per_level2):
                code = f"{l2.code}-{c + 1}"
                leaf = Indicator(
                    code=code,
                    name=f"三级指标名称较长的第{c + 1}项",
                    weight=Decimal("0.5"),
                    target="≥95%",
                    rule=ManualRule(),
                    criteria="①按规定程序执行；②材料齐全、审批手续完备；③达到预期要求得权重分，"
                    "否则按实际情况酌情扣分，扣完为止。",
                )
                l2.children.append(leaf)
                inputs[code] = {"score": "0.4", "reason": "部分资料不全，扣 0.1 分。"}
            l2.weight = sum((x.weight for x in l2.children), Decimal(0))
            l1.children.append(l2)
        l1.weight = sum((x.weight for x in l1.children), Decimal(0))
        roots.append(l1)
    system = IndicatorSystem(name="synthetic", title="合成评分表", roots=roots)
    sheet = evaluate(system, inputs)
    assert not sheet.problems
    return ReportData(
        title="2022年合成专项资金绩效自评价评分表",
        fund="合成专项资金",
        year=2022,
        unit="某某局",
        system=system,
        sheet=sheet,
        export_date=TODAY,
        source_name="synthetic.jixiao",
    )


@pytest.fixture
def sample_pdf(sample_file, tmp_path: Path) -> tuple[Path, object]:
    out = tmp_path / "score.pdf"
    rendered = export_pdf(sample_file, out, NO_SYSTEM_FONTS, today=TODAY)
    return out, rendered


def test_text_has_every_code_score_and_the_total(sample_pdf, sample_file) -> None:
    out, rendered = sample_pdf
    pages = pdf_text(out.read_bytes())
    text = compact("\n".join(pages))
    sheet = sample_file.score_sheet()
    assert len(sheet.indicators) == 21
    for item in sheet.indicators:
        assert item.code in text, item.code
        assert compact(item.name) in text, item.name
    # Scores as the seed prints them (2, 1.5, 1.89 …), checked in each indicator's own row.
    lines = "\n".join(pages).splitlines()
    for item in sheet.indicators:
        assert fmt_plain(item.score) in [line.strip() for line in lines], item.code
    assert "2021年南京市政务信息化专项资金绩效自评价评分表" in text
    assert "南京市大数据管理局" in text and "2022年3月15日" in text
    for column in (
        "一级指标",
        "二级指标",
        "三级指标",
        "标准值",
        "权重",
        "评分标准",
        "得分",
        "扣分原因",
    ):
        assert column in text
    assert "合计" in text and "90.23" in text
    assert "综合得分90.23分，等级为“优”" in text
    assert "预算执行率94.34%，扣0.11分。" in text
    for n, page in enumerate(pages, start=1):
        assert f"第 {n} 页 共 {len(pages)} 页" in page
    assert rendered.pages == len(pages)


def test_footer_fingerprint_matches_the_score_json(sample_pdf, sample_file) -> None:
    out, rendered = sample_pdf
    sheet = sample_file.score_sheet()
    sheet.title = sample_file.meta().title  # as `jixiao score --json` does
    short = sheet.to_json()["fingerprint"][:16]
    assert rendered.fingerprint == sheet.to_json()["fingerprint"]
    for page in pdf_text(out.read_bytes()):
        assert f"数据指纹 {short}" in page


def test_header_repeats_and_groups_continue_on_the_next_page(sample_pdf) -> None:
    out, _ = sample_pdf
    pages = [compact(p) for p in pdf_text(out.read_bytes())]
    table_pages = [p for p in pages if "评分标准" in p]
    assert len(table_pages) >= 2, "the sample's table spans more than one A4 page"
    for page in table_pages:
        assert page.count("扣分原因") == 1  # the header row, once per page
    # A group cut by the page break shows its label again, marked （续）.
    assert any("（续）" in p for p in table_pages[1:])
    assert "合计" in table_pages[-1]


def test_every_page_renders_and_artifacts_are_saved(sample_pdf, tmp_path, artifacts_dir) -> None:
    out, rendered = sample_pdf
    pngs = render_pages(out, tmp_path, dpi=80)
    assert len(pngs) == rendered.pages
    for png in pngs:
        assert png.stat().st_size > 5_000  # a blank page compresses to almost nothing
    shutil.copy(pngs[0], artifacts_dir / "pdf_seed_first_page.png")
    shutil.copy(pngs[-1], artifacts_dir / "pdf_seed_last_page.png")


def test_every_character_is_in_the_embedded_font(sample_file, tmp_path) -> None:
    out = tmp_path / "all.pdf"
    rendered = export_pdf(
        sample_file,
        out,
        ExportOptions(font_dirs=[], appendices=frozenset({"evidence", "audit"})),
        today=TODAY,
    )
    assert rendered.font == bundled_font()
    text = "".join(pdf_text(out.read_bytes()))
    assert missing_characters(text, rendered.font) == []
    # And independently, against the font file's own cmap read with fontTools.
    from fontTools.ttLib import TTFont

    cmap = TTFont(
        str(rendered.font.path), fontNumber=rendered.font.subfont_index, lazy=True
    ).getBestCmap()
    assert sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap}) == []
    assert len(set(text)) > 300  # the check saw the whole document, not an empty extraction
    reader = PdfReader(out)
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "WenQuanYiMicroHei" in str(font["/BaseFont"])
            # A subset prefix (ABCDEF+) and an embedded font program: same look in every viewer.
            assert str(font["/BaseFont"])[7] == "+"
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor


def test_a_character_the_font_lacks_does_not_print_as_a_box(sample_file) -> None:
    with sample_file.transaction():
        sample_file.set_meta(unit="南京市大数据管理局☐")  # U+2610 is not in the bundled font
    data = collect(sample_file, today=TODAY)
    text = "".join(pdf_text(render(data, NO_SYSTEM_FONTS).data))
    assert "☐" not in text and "南京市大数据管理局?" in text


def test_landscape_pages_are_wider_than_tall(sample_file) -> None:
    data = collect(sample_file, today=TODAY)
    rendered = render(data, ExportOptions(landscape=True, font_dirs=[]))
    reader = PdfReader(io.BytesIO(rendered.data))
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) > float(box.height)
        assert round(float(box.width)) == 842  # A4 landscape in points
    portrait = PdfReader(io.BytesIO(render(data, NO_SYSTEM_FONTS).data)).pages[0].mediabox
    assert round(float(portrait.width)) == 595 and round(float(portrait.height)) == 842


def test_sign_off_block_is_on_the_last_page(sample_file) -> None:
    data = collect(sample_file, today=TODAY)
    for options in (
        NO_SYSTEM_FONTS,
        ExportOptions(font_dirs=[], appendices=frozenset({"evidence", "audit"})),
    ):
        rendered = render(data, options)
        pages = pdf_text(rendered.data)
        last = compact(pages[-1])
        for role in ("评价人", "复核人", "单位负责人", "单位（盖章）", "日期"):
            assert role in last
        assert rendered.signature_page == rendered.pages - 1
        x1, y1, x2, y2 = rendered.signature_box
        assert 0 < x1 < x2 <= 595 and 0 < y1 < y2 <= 842


def test_audit_appendix_lists_overrides_with_reasons(sample_file, tmp_path) -> None:
    sample_file.set_input("D41", {"override": "6.5", "reason": "问卷样本量不足，专家组酌情调整"})
    out = tmp_path / "audit.pdf"
    export_pdf(
        sample_file, out, ExportOptions(font_dirs=[], appendices=frozenset({"audit"})), today=TODAY
    )
    text = compact("".join(pdf_text(out.read_bytes())))
    assert "附件一调整记录" in text
    assert "调整得分" in text and "D41" in text and "问卷样本量不足，专家组酌情调整" in text
    assert "6.5分" in text
    assert "90.73" in text  # the override changed the total, and the table shows it


def test_audit_rows_keep_only_overrides() -> None:
    class Entry:
        def __init__(self, id: int, action: str, new: str | None, reason: str = "") -> None:
            self.id, self.action, self.new_value, self.reason = id, action, new, reason
            self.at, self.user, self.target, self.old_value = (
                "2022-01-01T10:00:00",
                "王五",
                "B12",
                None,
            )

    rows = audit_rows(
        [
            Entry(2, "input.override", '{"override": "1", "reason": "r"}', "r"),
            Entry(1, "input.set", '{"value": "1"}'),
            Entry(3, "input.set", '{"replace_derived": "数据有误", "value": "2"}', "数据有误"),
        ]
    )
    assert [r.action for r in rows] == ["调整得分", "替换自动数据"]
    assert rows[0].change == "按规则计算 → 1 分" and rows[0].at == "2022-01-01 10:00:00"


def test_evidence_appendix_lists_files_with_sha256(sample_file, tmp_path) -> None:
    evidence = pytest.importorskip("jixiao.storage.evidence")
    if not all(
        hasattr(evidence, name)
        for name in ("evidence_rows", "items", "attach", "ensure_default_items")
    ):
        pytest.skip("evidence module API not available yet")
    evidence.ensure_default_items(sample_file)
    item = evidence.items(sample_file, "B12")[0]
    doc = tmp_path / "资金支付凭证.pdf"
    doc.write_bytes(b"%PDF-1.4 evidence " * 50)
    evidence.attach(sample_file, item.id, doc)
    import hashlib

    digest = hashlib.sha256(doc.read_bytes()).hexdigest()
    out = tmp_path / "evidence.pdf"
    export_pdf(
        sample_file,
        out,
        ExportOptions(font_dirs=[], appendices=frozenset({"evidence"})),
        today=TODAY,
    )
    text = compact("".join(pdf_text(out.read_bytes())))
    assert "佐证材料清单" in text and "资金支付凭证.pdf" in text
    assert digest in text  # wrapped across lines in the cell, whole once spaces are removed


def test_unknown_layout_or_appendix_is_refused() -> None:
    with pytest.raises(ExportError, match="版式"):
        ExportOptions(layout="word")
    with pytest.raises(ExportError, match="附件"):
        ExportOptions(appendices=frozenset({"photos"}))


def test_national_layout(sample_file, tmp_path, artifacts_dir) -> None:
    out = tmp_path / "national.pdf"
    rendered = export_pdf(
        sample_file, out, ExportOptions(layout="national", font_dirs=[]), today=TODAY
    )
    pages = pdf_text(out.read_bytes())
    text = compact("".join(pages))
    assert "项目支出绩效自评表" in text and "（2021年度）" in text
    for column in ("年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"):
        assert column in text
    sheet = sample_file.score_sheet()
    for item in sheet.indicators:
        if item.code != "B12":  # 预算执行率 lives in the 项目资金 block
            assert item.name in text
    assert "C11" not in text and "D41" not in text  # the form prints no codes
    assert "94.34%" in text and "87.58%" in text  # execution rate in the block; satisfaction
    assert "总分" in text and "90.23" in text and "等级为“优”" in text
    assert "年度资金总额18,700.0018,700.0017,641.06294.34%1.89" in text
    assert "年度总体目标预期目标实际完成情况" in text
    pngs = render_pages(out, tmp_path, dpi=80)
    assert len(pngs) == rendered.pages
    shutil.copy(pngs[0], artifacts_dir / "pdf_national_first_page.png")
    with_codes = compact(
        "".join(
            pdf_text(
                export_pdf(
                    sample_file,
                    tmp_path / "codes.pdf",
                    ExportOptions(layout="national", font_dirs=[], codes=True),
                    today=TODAY,
                ).data
            )
        )
    )
    assert "C11" in with_codes and "D41" in with_codes


def test_200_indicators_split_cleanly(tmp_path, artifacts_dir) -> None:
    data = synthetic_data(200)
    rendered = render(data, NO_SYSTEM_FONTS)
    pages = [compact(p) for p in pdf_text(rendered.data)]
    assert rendered.pages == len(pages) >= 8
    text = "".join(pages)
    for item in data.sheet.indicators:
        assert item.code in text
    assert "合计" in pages[-2] or "合计" in pages[-1]
    assert "80" in text  # 200 × 0.4
    table_pages = [p for p in pages if "评分标准" in p]
    for page in table_pages:
        assert page.count("扣分原因") == 1  # header once per page
    # Every page after the first starts its table inside some group: its labels repeat （续）.
    assert sum("（续）" in p for p in table_pages[1:]) >= len(table_pages) - 2
    out = tmp_path / "big.pdf"
    out.write_bytes(rendered.data)
    pngs = render_pages(out, tmp_path, dpi=40)
    assert len(pngs) == rendered.pages
    shutil.copy(pngs[1], artifacts_dir / "pdf_200_second_page.png")


def test_no_line_starts_with_closing_punctuation(sample_file) -> None:
    """Chinese typesetting: ，。；：）” never begin a line (they hang at the end of the previous one)."""
    data = collect(sample_file, today=TODAY)
    for options in (
        NO_SYSTEM_FONTS,
        ExportOptions(font_dirs=[], landscape=True, layout="national"),
    ):
        for page in pdf_text(render(data, options).data):
            for line in page.splitlines():
                stripped = line.strip()
                assert not stripped or stripped[0] not in "，。、；：？！）”》", line


def test_a_row_taller_than_a_page_is_cut_inside_the_row(tmp_path) -> None:
    data = synthetic_data(40)
    data.system.roots[0].children[0].children[0].criteria = "很长的评分标准，" * 900
    rendered = render(data, NO_SYSTEM_FONTS)
    pages = [compact(p) for p in pdf_text(rendered.data)]
    text = "".join(pages)
    assert text.count("很长的评分标准") == 900  # nothing lost at the cuts
    for item in data.sheet.indicators:
        assert item.code in text
    assert all(page.count("扣分原因") == 1 for page in pages if "评分标准" in page)
