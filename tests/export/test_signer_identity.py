"""Who signed: a look-alike certificate with the same name is told apart from the trusted one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from jixiao.cli.main import main
from jixiao.export.pdf_common import collect, render
from jixiao.export.signing import load_pkcs12, sign_rendered, verify_bytes
from jixiao.export.trust_store import TrustStore
from jixiao.storage.evaluation_file import EvaluationFile


@pytest.fixture
def two_signers(tmp_path: Path, sample_path: Path):  # type: ignore[no-untyped-def]
    from jixiao.export.signing import create_self_signed_pkcs12

    genuine = create_self_signed_pkcs12(tmp_path / "genuine.p12", "pw", "李复核", "某某财政局")
    forged = create_self_signed_pkcs12(tmp_path / "forged.p12", "pw", "李复核", "某某财政局")
    with EvaluationFile.open(sample_path) as ef:
        rendered = render(collect(ef))
    return (
        genuine,
        sign_rendered(rendered, load_pkcs12(genuine, "pw")),
        sign_rendered(rendered, load_pkcs12(forged, "pw")),
    )


def test_forged_same_name_signer_is_untrusted(two_signers, tmp_path: Path) -> None:
    genuine_p12, genuine_pdf, forged_pdf = two_signers
    store = TrustStore(tmp_path / "trust")
    store.add(genuine_p12, "pw")
    trusted = [t.cert for t in store.certificates()]

    good = verify_bytes(genuine_pdf, "genuine.pdf", trusted)
    bad = verify_bytes(forged_pdf, "forged.pdf", trusted)
    assert good.ok and good.trusted and bad.ok and not bad.trusted
    g, f = good.signatures[0], bad.signatures[0]
    assert g.signer == f.signer == "李复核"
    assert g.cert_sha256 != f.cert_sha256 and g.serial != f.serial
    assert "受信任（链接到信任列表中的“李复核”）" in good.text()
    assert "证书未受信任" in bad.text() and "无法确认签署人身份" in bad.text()
    for text in (good.text(), bad.text()):
        assert "证书 SHA-256 指纹：" in text and "证书序列号：" in text
        assert "颁发者：" in text and "有效期：" in text


def test_incremental_update_after_signing_is_one_verdict(two_signers) -> None:
    from pyhanko.pdf_utils.generic import TextStringObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    _, genuine_pdf, _ = two_signers
    writer = IncrementalPdfFileWriter(io.BytesIO(genuine_pdf))
    writer.root["/Lang"] = TextStringObject("zh-CN")  # an edit after signing
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    report = verify_bytes(out.getvalue(), "edited.pdf", [])
    text = report.text()
    assert report.exit_code == 1
    assert "结论：签名后被修改" in text
    assert "完整（签名后未被修改）" not in text  # never two contradictory lines


def test_trust_cli_and_verify_pdf(two_signers, tmp_path: Path, capsys) -> None:
    genuine_p12, genuine_pdf, forged_pdf = two_signers
    (tmp_path / "pw.txt").write_text("pw", encoding="utf-8")
    (tmp_path / "g.pdf").write_bytes(genuine_pdf)
    (tmp_path / "f.pdf").write_bytes(forged_pdf)
    assert (
        main(["trust", "add", str(genuine_p12), "--password-file", str(tmp_path / "pw.txt")]) == 0
    )
    added = capsys.readouterr().out
    assert "已信任：李复核" in added
    assert main(["trust", "list"]) == 0 and "李复核" in capsys.readouterr().out

    assert main(["verify-pdf", str(tmp_path / "g.pdf")]) == 0
    genuine_text = capsys.readouterr().out
    assert main(["verify-pdf", str(tmp_path / "f.pdf")]) == 0  # intact, but not trusted
    forged_text = capsys.readouterr().out
    assert "结论：完整（签名后未被修改）；签署人证书受信任" in genuine_text
    assert "签署人证书未受信任" in forged_text

    fingerprint = added.split("SHA-256 ")[1].split()[0]
    assert main(["trust", "remove", fingerprint[:23]]) == 0
    assert main(["trust", "list"]) == 0 and "信任列表为空" in capsys.readouterr().out
