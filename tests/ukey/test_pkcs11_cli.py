"""``jixiao export-pdf --pkcs11-module`` and ``jixiao pkcs11 list`` against a SoftHSM2 token."""

from __future__ import annotations

import _ssl
import hashlib
import io
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from jixiao.cli import main
from softhsm_token import PIN, SIGNER, TOKEN_LABEL


def export(sample_path: Path, out: Path, *extra: str) -> int:
    return main(["export-pdf", str(sample_path), "--out", str(out), "--font-dir", "", *extra])


def assert_validates_against(out: Path, cert_der: bytes) -> None:
    """pyHanko, trusting only the token's certificate, finds the signature intact and trusted."""
    reader = PdfFileReader(io.BytesIO(out.read_bytes()))
    (sig,) = reader.embedded_signatures
    root = asn1_x509.Certificate.load(cert_der)
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=[root], allow_fetching=False)
    )
    assert status.intact and status.valid and status.trusted
    assert sig.signer_cert.dump() == cert_der  # the full certificate travels in the PDF


def assert_nothing_written(out: Path) -> None:
    assert not out.exists()
    assert not list(out.parent.glob(out.name + "*"))  # no .part left behind either


def test_list_shows_token_and_certificate(module, token, capsys) -> None:
    assert main(["pkcs11", "list", "--module", module]) == 0
    text = capsys.readouterr().out
    fingerprint = hashlib.sha256(token.certs["签名证书"]).hexdigest()
    assert f"UKey：{TOKEN_LABEL}" in text and f"证书：{SIGNER}（标签 签名证书）" in text
    assert f"颁发者：{SIGNER}" in text and fingerprint in text and "有效期：" in text


def test_cli_signs_the_sample_score_table_on_the_token(
    module, token, pin_file, sample_path, tmp_path, capsys
) -> None:
    out = tmp_path / "签名" / "评分表.pdf"
    code = export(
        sample_path,
        out,
        *("--pkcs11-module", module, "--token", TOKEN_LABEL, "--key-label", "签名证书"),
        *("--pin-file", str(pin_file)),
    )
    assert code == 0, capsys.readouterr().err
    assert f"已由“{SIGNER}”（UKey）签名" in capsys.readouterr().out
    assert_validates_against(out, token.certs["签名证书"])
    assert main(["verify-pdf", str(out)]) == 0
    report = capsys.readouterr().out
    assert f"签署人：{SIGNER}" in report and "完整（签名后未被修改）" in report


def test_fingerprint_chooses_among_several_certificates(
    module, token, pin_file, sample_path, tmp_path, capsys
) -> None:
    token.add_identity("第二证书", "李备用", key_id=b"\x02")
    out = tmp_path / "x.pdf"
    assert export(sample_path, out, "--pkcs11-module", module, "--pin-file", str(pin_file)) == 1
    assert "有 2 个证书，请用证书标签或指纹指定一个" in capsys.readouterr().err
    assert_nothing_written(out)
    digest = hashlib.sha256(token.certs["第二证书"]).hexdigest().upper()
    colons = ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))
    code = export(
        sample_path,
        out,
        *("--pkcs11-module", module, "--cert-fingerprint", colons, "--pin-file", str(pin_file)),
    )
    assert code == 0, capsys.readouterr().err
    assert_validates_against(out, token.certs["第二证书"])


def test_ecdsa_key_signs(module, token, pin_file, sample_path, tmp_path, capsys) -> None:
    token.add_identity("ecc", "赵椭圆", key_id=b"\x03", kind="ec")
    out = tmp_path / "ec.pdf"
    args = ("--pkcs11-module", module, "--key-label", "ecc", "--pin-file", str(pin_file))
    assert export(sample_path, out, *args) == 0, capsys.readouterr().err
    assert_validates_against(out, token.certs["ecc"])


def test_pin_from_standard_input(module, token, sample_path, tmp_path, capsys, monkeypatch) -> None:
    class Stdin:
        buffer = io.BytesIO(PIN.encode() + b"\r\n")

    monkeypatch.setattr("sys.stdin", Stdin)
    out = tmp_path / "stdin.pdf"
    assert export(sample_path, out, "--pkcs11-module", module, "--pin-file", "-") == 0
    assert out.exists()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong-pin", f"UKey“{TOKEN_LABEL}”的 PIN 不正确；UKey 已记录输错"),
        ("wrong-label", f"没有找到标签为“别人的Key”的 UKey；已插入的 UKey：{TOKEN_LABEL}"),
        ("missing-module", "找不到 PKCS#11 模块"),
        ("not-a-module", "不是可用的 PKCS#11 模块"),
        ("text-module", "不是可用的 PKCS#11 模块"),
        ("expired", "过期，不能再用于签名"),
        ("not-yet-valid", "尚未生效"),
        ("sm2", "SM2（国密）算法，本程序暂不支持 SM2 签名"),
        ("unknown-key-label", "上没有标签为“无此证书”的证书"),
        ("encryption-only", "对应的私钥不允许签名"),
    ],
)
def test_errors_have_their_message_and_write_nothing(
    module, token, pin_file, sample_path, tmp_path, capsys, case: str, message: str
) -> None:
    args = ["--pkcs11-module", module, "--pin-file", str(pin_file), "--key-label", "签名证书"]
    if case == "wrong-pin":
        pin_file.write_text("000000\n", encoding="utf-8")
    elif case == "wrong-label":
        args += ["--token", "别人的Key"]
    elif case == "missing-module":
        args[1] = str(tmp_path / "vendor" / "ukey_p11.so")
    elif case == "not-a-module":
        args[1] = _ssl.__file__  # a real shared library, but no C_GetFunctionList
    elif case == "text-module":
        fake = tmp_path / "fake.so"
        fake.write_text("not a library", encoding="utf-8")
        args[1] = str(fake)
    elif case in ("expired", "not-yet-valid", "sm2"):
        days = {"expired": (-400, -1), "not-yet-valid": (3, 400), "sm2": (-1, 365)}[case]
        kind = "sm2" if case == "sm2" else "rsa"
        token.add_identity(case, "过期人", key_id=b"\x09", days_valid=days, kind=kind)
        args[-1] = case
    elif case == "encryption-only":
        token.add_identity(case, "加密人", key_id=b"\x0a", can_sign=False)
        args[-1] = case
    elif case == "unknown-key-label":
        args[-1] = "无此证书"
    out = tmp_path / "out.pdf"
    assert export(sample_path, out, *args) == 1
    err = capsys.readouterr().err
    assert message in err, err
    assert PIN not in err and "000000" not in err
    assert_nothing_written(out)


def test_no_token_inserted(module, softhsm_conf, pin_file, sample_path, tmp_path, capsys) -> None:
    """SoftHSM2 with no initialised token: only its empty spare slot, as with no key plugged."""
    out = tmp_path / "out.pdf"
    assert export(sample_path, out, "--pkcs11-module", module, "--pin-file", str(pin_file)) == 1
    assert "没有检测到 UKey" in capsys.readouterr().err
    assert_nothing_written(out)
    assert main(["pkcs11", "list", "--module", module]) == 1
    assert "没有检测到 UKey" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--pkcs11-module", "M", "--sign", "a.p12"], "只能选一个"),
        (["--pin-file", "pin.txt"], "--pin-file 只能与 --pkcs11-module 一起使用"),
        (["--token", "X", "--key-label", "Y"], "--token、--key-label 只能与 --pkcs11-module"),
        (["--pkcs11-module", "M"], "请用 --pin-file 指定 PIN 文件"),
        (["--pkcs11-module", "M", "--pin-file", "nope.txt"], "找不到 PIN 文件"),
    ],
)
def test_option_mistakes(sample_path, tmp_path, capsys, extra: list[str], message: str) -> None:
    out = tmp_path / "x.pdf"
    assert export(sample_path, out, *extra) == 1
    assert message in capsys.readouterr().err
    assert_nothing_written(out)


def test_list_as_json_and_with_a_missing_module(module, token, tmp_path, capsys) -> None:
    import json

    assert main(["pkcs11", "list", "--module", module, "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    (cert,) = listed["certificates"]
    assert listed["label"] == TOKEN_LABEL and cert["subject"] == SIGNER
    assert cert["sha256"] == hashlib.sha256(token.certs["签名证书"]).hexdigest()
    assert cert["key_algorithm"] == "rsa" and cert["id"] == "01"
    assert main(["pkcs11", "list", "--module", str(tmp_path / "none.dll")]) == 1
    assert "找不到 PKCS#11 模块" in capsys.readouterr().err
