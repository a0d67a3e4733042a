"""Signing with a PKCS#12 certificate made at test time, verification, and tampering."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from jixiao.export.pdf_common import SIGNATURE_FIELD, ExportOptions, collect, render
from jixiao.export.signing import (
    SIGN_REASON,
    STATUS_MODIFIED,
    SigningError,
    create_self_signed_pkcs12,
    load_pkcs12,
    sign_rendered,
    verify_bytes,
)

PASSWORD = "测试 密码 123"


@pytest.fixture(scope="module")
def p12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_self_signed_pkcs12(
        tmp_path_factory.mktemp("cert") / "评价人.p12",
        PASSWORD,
        common_name="张评价",
        organization="南京市大数据管理局",
    )


@pytest.fixture
def rendered(sample_file):
    return render(collect(sample_file, today=date(2022, 3, 15)), ExportOptions(font_dirs=[]))


@pytest.fixture
def signed(rendered, p12) -> bytes:
    return sign_rendered(rendered, load_pkcs12(p12, PASSWORD))


def test_signed_pdf_validates_and_reports_signer_and_time(signed) -> None:
    report = verify_bytes(signed, "score.pdf")
    assert report.ok and report.exit_code == 0
    (sig,) = report.signatures
    assert sig.signer == "张评价" and sig.intact and sig.covers_whole_file
    assert sig.signing_time is not None and sig.signing_time.year >= 2024
    assert sig.reason == SIGN_REASON
    assert not sig.trusted and sig.self_signed  # integrity and trust are separate verdicts
    text = report.text()
    assert (
        "证书未受信任（自签名）" in text and "完整（签名后未被修改）" in text and "张评价" in text
    )
    assert report.fingerprint and report.fingerprint[:16] in text


def test_visible_signature_sits_in_the_sign_off_block(signed, rendered) -> None:
    reader = PdfReader(io.BytesIO(signed))
    page = reader.pages[rendered.signature_page]
    widgets = [a.get_object() for a in page.get("/Annots") or []]
    sig = [
        w for w in widgets if w.get("/FT") == "/Sig" or w.get("/Parent", {}).get("/FT") == "/Sig"
    ]
    assert sig, "no signature widget on the sign-off page"
    rect = [float(v) for v in sig[0]["/Rect"]]
    assert rect == pytest.approx(list(rendered.signature_box), abs=0.5)
    assert "/AP" in sig[0]  # visible: it has an appearance
    assert rendered.signature_page == len(reader.pages) - 1
    text = "".join((page.extract_text() or "").split())
    assert "评价人" in text and "单位（盖章）" in text
    fields = reader.get_fields() or {}
    assert SIGNATURE_FIELD in fields


def test_a_changed_byte_in_the_signed_range_is_reported_modified(signed) -> None:
    reader = PdfReader(io.BytesIO(signed))
    byte_range = [int(v) for v in reader.get_fields()[SIGNATURE_FIELD]["/V"]["/ByteRange"]]
    start = byte_range[0] + byte_range[1] // 2  # inside the first signed range, in the page content
    for position in (start, byte_range[2] + 10):
        tampered = bytearray(signed)
        tampered[position] ^= 0x20
        report = verify_bytes(bytes(tampered), "tampered.pdf")
        assert not report.ok and report.exit_code == 1
        if report.signatures:
            assert report.signatures[0].status == STATUS_MODIFIED
            assert "结论：签名后被修改" in report.text()
        else:  # the byte broke the file structure itself
            assert "损坏" in report.error


def test_visible_text_edit_is_detected(signed) -> None:
    # The kind of change a forger makes: rewrite a number in the document's metadata.
    assert signed.count(b"jixiao-fingerprint:") >= 1
    tampered = signed.replace(b"jixiao-fingerprint:9", b"jixiao-fingerprint:8", 1)
    if tampered == signed:
        tampered = signed.replace(b"jixiao-fingerprint:", b"jixiao-fingerprinT:", 1)
    report = verify_bytes(tampered, "x.pdf")
    assert not report.ok and report.exit_code == 1


def test_bytes_appended_after_signing_are_not_covered(signed) -> None:
    report = verify_bytes(signed + b"\n% appended after signing\n", "x.pdf")
    assert not report.ok
    assert report.signatures and not report.signatures[0].covers_whole_file


def test_unsigned_pdf_has_no_signature(rendered) -> None:
    report = verify_bytes(rendered.data, "plain.pdf")
    assert report.signatures == [] and report.exit_code == 3 and "没有数字签名" in report.text()


def test_garbage_is_reported_not_raised() -> None:
    report = verify_bytes(b"this is not a pdf", "junk.pdf")
    assert report.exit_code == 1 and report.error


def test_wrong_password_and_missing_file_give_chinese_errors(p12, tmp_path) -> None:
    with pytest.raises(SigningError, match="密码错误"):
        load_pkcs12(p12, "wrong")
    with pytest.raises(SigningError, match="找不到证书文件"):
        load_pkcs12(tmp_path / "none.p12", PASSWORD)
    junk = tmp_path / "junk.pfx"
    junk.write_bytes(b"junk")
    with pytest.raises(SigningError, match="PKCS#12"):
        load_pkcs12(junk, PASSWORD)


def test_signed_last_page_renders(signed, tmp_path, artifacts_dir) -> None:
    import shutil

    import pdf_render

    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(signed)
    pages = len(PdfReader(io.BytesIO(signed)).pages)
    (png,) = pdf_render.render_pages(pdf, tmp_path, 80, first=pages, last=pages, prefix="last")
    assert png.stat().st_size > 5_000
    shutil.copy(png, artifacts_dir / "pdf_signed_last_page.png")
