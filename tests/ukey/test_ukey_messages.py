"""The UKey messages that SoftHSM2 cannot provoke (it never locks a PIN nor holds SM2 keys),
the choice of certificate, and the frozen build's hidden imports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pkcs11
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pkcs11 import Attribute, KeyType, TokenFlag

from jixiao.export.pkcs11_signing import _key_problem, pin_error_message
from jixiao.export.pkcs11_tokens import (
    SM2_MESSAGE,
    Pkcs11Error,
    TokenCertificate,
    TokenInfo,
    select_certificate,
)


@pytest.mark.parametrize(
    ("exc", "flags", "expected"),
    [
        (pkcs11.PinIncorrect(), 0, "UKey“甲”的 PIN 不正确"),
        (pkcs11.PinIncorrect(), TokenFlag.USER_PIN_COUNT_LOW, "再输错几次将被锁定"),
        (pkcs11.PinIncorrect(), TokenFlag.USER_PIN_FINAL_TRY, "只剩最后一次机会"),
        (pkcs11.PinIncorrect(), TokenFlag.USER_PIN_LOCKED, "PIN 已被锁定"),
        (pkcs11.PinLocked(), 0, "PIN 已被锁定（输错次数过多），请联系发证机构"),
        (pkcs11.PinExpired(), 0, "PIN 已过期"),
        (pkcs11.PinLenRange(), 0, "PIN 长度或字符不符合要求"),
    ],
)
def test_pin_messages_say_what_the_token_says(exc, flags, expected) -> None:
    assert expected in pin_error_message(exc, int(flags), "甲")


KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def cert(label: str, subject: str, *, token: str = "甲", days: int = 30) -> TokenCertificate:
    from jixiao.export.pkcs11_tokens import certificate_from_der

    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = datetime.now(UTC)
    der = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(KEY.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .sign(KEY, hashes.SHA256())
        .public_bytes(serialization.Encoding.DER)
    )
    return certificate_from_der(der, token, "01", label, b"\x01")


class FakeKey(dict):
    pass


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ({Attribute.KEY_TYPE: 0x80000001}, SM2_MESSAGE),  # vendor-defined: SM2 on Chinese keys
        (
            {
                Attribute.KEY_TYPE: KeyType.EC,
                Attribute.EC_PARAMS: bytes.fromhex("06082a811ccf5501822d"),
            },
            SM2_MESSAGE,
        ),
        ({Attribute.KEY_TYPE: KeyType.DSA}, "暂不支持签名"),
        ({Attribute.KEY_TYPE: KeyType.RSA, Attribute.SIGN: False}, "私钥不允许签名"),
        ({Attribute.KEY_TYPE: KeyType.RSA, Attribute.SIGN: True}, None),
    ],
)
def test_keys_that_cannot_sign(attrs, expected) -> None:
    problem = _key_problem(FakeKey(attrs), cert("a", "张三"))
    assert (problem is None) if expected is None else (expected in str(problem))


def test_choosing_among_tokens_and_certificates() -> None:
    a, b = TokenInfo(1, "甲", "", "", "01", 0), TokenInfo(2, "乙", "", "", "02", 0)
    a.certificates = [cert("签名", "张三")]
    b.certificates = [cert("签名", "李四", token="乙")]
    with pytest.raises(Pkcs11Error, match="有 2 个证书"):
        select_certificate([a, b], "m.dll")
    assert select_certificate([a, b], "m.dll", token_label="乙").subject == "李四"
    with pytest.raises(Pkcs11Error, match="没有检测到 UKey"):
        select_certificate([], "m.dll")
    with pytest.raises(Pkcs11Error, match="没有 SHA-256 指纹为"):
        select_certificate([a], "m.dll", fingerprint="ab" * 32)


def test_frozen_build_includes_python_pkcs11(monkeypatch) -> None:
    from test_packaging_files import Recorder, run_spec

    run_spec(monkeypatch)
    analysis = next(r for r in Recorder.made if r.kind == "Analysis")
    hidden = set(analysis.kwargs["hiddenimports"])
    assert {"pkcs11", "pkcs11._pkcs11", "pyhanko.sign.pkcs11"} <= hidden
    assert not {"pkcs11", "pyhanko"} & set(analysis.kwargs["excludes"])


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (0, None),
        (TokenFlag.USER_PIN_COUNT_LOW, "已记录 PIN 输错"),
        (TokenFlag.USER_PIN_FINAL_TRY, "只剩最后一次输入 PIN 的机会"),
        (TokenFlag.USER_PIN_LOCKED, Pkcs11Error),
    ],
)
def test_pin_status_before_asking(monkeypatch, flags, expected) -> None:
    """A locked key is refused before the PIN dialog; a key running out of tries warns."""
    from jixiao.export import pkcs11_signing

    class Token:
        pass

    token = Token()
    token.flags = int(flags)  # type: ignore[attr-defined]
    monkeypatch.setattr(pkcs11_signing, "load_module", lambda path: None)
    monkeypatch.setattr(pkcs11_signing, "_find_token", lambda lib, path, chosen: token)
    if expected is Pkcs11Error:
        with pytest.raises(Pkcs11Error, match="PIN 已被锁定"):
            pkcs11_signing.pin_status("m.so", cert("a", "张三"))
    elif expected is None:
        assert pkcs11_signing.pin_status("m.so", cert("a", "张三")) is None
    else:
        assert expected in str(pkcs11_signing.pin_status("m.so", cert("a", "张三")))
