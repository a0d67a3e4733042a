"""What a PKCS#11 module shows without a PIN: its tokens (UKeys) and their certificates.

Loading the vendor's module, listing the keys inserted, and choosing the one certificate the
user (or the command line) means; every failure is a Chinese ``Pkcs11Error``.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509

from jixiao.export.signing import SigningError, subject_name

log = logging.getLogger("jixiao.pkcs11")

SM2_OID = "1.2.156.10197.1.301"  # GM/T 0006: the SM2 curve, also used as an algorithm OID
SM2_MESSAGE = (
    "此证书的密钥为 SM2（国密）算法，本程序暂不支持 SM2 签名；"
    "请使用 RSA 或 ECDSA 证书，或向发证机构申请 RSA 证书"
)
SM2_OID_DER = bytes.fromhex("06082a811ccf5501822d")  # DER of OID 1.2.156.10197.1.301
# Vendor-defined PKCS#11 key types (CKK_VENDOR_DEFINED and up): on Chinese UKeys this is SM2.
VENDOR_DEFINED = 0x80000000


class Pkcs11Error(SigningError):
    """A UKey problem, told in Chinese; never contains the PIN."""


def module_file_filter() -> str:
    return "*.dll" if sys.platform == "win32" else "*.so *.so.* *.dylib"


# ------------------------------------------------------------------ what is on the key
@dataclass(frozen=True)
class TokenCertificate:
    token_label: str
    token_serial: str
    label: str
    object_id: bytes
    der: bytes
    subject: str
    issuer: str
    not_before: datetime
    not_after: datetime
    key_algorithm: str  # rsa / ec / sm2 / another name

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.der).hexdigest()

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.der)

    @property
    def is_ca(self) -> bool:
        return bool(self.asn1.ca)

    def validity_problem(self, now: datetime | None = None) -> str | None:
        now = now or datetime.now(UTC)
        if now > self.not_after:
            return (
                f"证书“{self.subject}”已于 {self.not_after.astimezone():%Y-%m-%d} 过期，"
                "不能再用于签名；请向发证机构更新证书"
            )
        if now < self.not_before:
            return (
                f"证书“{self.subject}”尚未生效（生效时间 "
                f"{self.not_before.astimezone():%Y-%m-%d %H:%M}）；请检查本机日期或稍后再签"
            )
        return None

    def describe(self) -> list[str]:
        return [
            f"证书：{self.subject}（标签 {self.label or '无'}）",
            f"  颁发者：{self.issuer}",
            f"  有效期：{self.not_before.astimezone():%Y-%m-%d} 至 "
            f"{self.not_after.astimezone():%Y-%m-%d}",
            f"  SHA-256 指纹：{self.fingerprint}",
            f"  密钥算法：{self.key_algorithm.upper()}",
        ]


@dataclass
class TokenInfo:
    slot_id: int
    label: str
    manufacturer: str
    model: str
    serial: str
    flags: int
    certificates: list[TokenCertificate] = field(default_factory=list)


def _name(name: asn1_x509.Name) -> str:
    native = name.native
    return str(native.get("common_name") or native.get("organization_name") or name.human_friendly)


def key_algorithm(cert: asn1_x509.Certificate) -> str:
    info = cert["tbs_certificate"]["subject_public_key_info"]["algorithm"]
    oid = info["algorithm"].dotted
    if oid == SM2_OID:
        return "sm2"
    name = info["algorithm"].native
    if name == "ec":
        params = info["parameters"]
        if params.name == "named" and params.chosen.dotted == SM2_OID:
            return "sm2"
        return "ec"
    return "rsa" if name in ("rsa", "rsassa_pss") else str(name)


def certificate_from_der(
    der: bytes, token_label: str, serial: str, label: str, oid: bytes
) -> TokenCertificate:
    cert = asn1_x509.Certificate.load(der)
    validity = cert["tbs_certificate"]["validity"]
    return TokenCertificate(
        token_label=token_label,
        token_serial=serial,
        label=label,
        object_id=oid,
        der=der,
        subject=subject_name(cert),
        issuer=_name(cert.issuer),
        not_before=validity["not_before"].native,
        not_after=validity["not_after"].native,
        key_algorithm=key_algorithm(cert),
    )


# ------------------------------------------------------------------ the module
def load_module(path: str | Path) -> Any:
    """python-pkcs11's library object, freshly initialised (keys inserted since are seen)."""
    import pkcs11

    target = Path(path)
    if not str(path).strip():
        raise Pkcs11Error("请选择 UKey 的 PKCS#11 模块（Windows 上为 .dll，Linux 上为 .so 文件）")
    if not target.is_file():
        raise Pkcs11Error(
            f"找不到 PKCS#11 模块：{target}。请安装 UKey 厂商的驱动，"
            "并选择其 PKCS#11 库文件（Windows 上通常在 C:\\Windows\\System32 或厂商安装目录中）"
        )
    try:
        lib = pkcs11.lib(str(target))
        lib.reinitialize()
    except (pkcs11.PKCS11Error, OSError) as exc:
        log.info("PKCS#11 module %s failed to load: %s", target, exc)
        raise Pkcs11Error(
            f"{target.name} 不是可用的 PKCS#11 模块（无法加载，或缺少 C_GetFunctionList）。"
            "请选择 UKey 厂商提供的 PKCS#11 库；在 Windows 上还须与本程序同为 64 位"
        ) from None
    return lib


def list_tokens(module_path: str | Path) -> list[TokenInfo]:
    """Every initialised token in the module's slots, with the certificates it shows."""
    import pkcs11
    from pkcs11 import Attribute, ObjectClass, SlotFlag, TokenFlag

    lib = load_module(module_path)
    tokens: list[TokenInfo] = []
    try:
        slots = lib.get_slots(token_present=False)
        for slot in slots:
            if not slot.flags & SlotFlag.TOKEN_PRESENT:
                continue
            token = slot.get_token()
            if not token.flags & TokenFlag.TOKEN_INITIALIZED:
                continue  # SoftHSM's spare slot, or a blank key: nothing to sign with
            serial = token.serial.decode("ascii", "replace").strip() if token.serial else ""
            info = TokenInfo(
                slot.slot_id,
                token.label.strip(),
                token.manufacturer_id.strip(),
                token.model.strip(),
                serial,
                int(token.flags),
            )
            with token.open() as session:  # certificates are public objects: no PIN yet
                for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
                    try:
                        der = obj[Attribute.VALUE]
                        label = obj[Attribute.LABEL] or ""
                        oid = obj[Attribute.ID] or b""
                        info.certificates.append(
                            certificate_from_der(der, info.label, serial, label, oid)
                        )
                    except (pkcs11.PKCS11Error, ValueError) as exc:
                        log.info("skipped an unreadable certificate object: %s", exc)
            tokens.append(info)
    except pkcs11.PKCS11Error as exc:
        raise Pkcs11Error(f"读取 UKey 时出错：{type(exc).__name__}") from exc
    return tokens


def no_token_message(module_path: str | Path) -> str:
    return (
        f"没有检测到 UKey：PKCS#11 模块 {Path(module_path).name} 的插槽中没有已初始化的令牌。"
        "请插入 UKey（或换一个 USB 接口）后重试"
    )


def normalise_fingerprint(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch in "0123456789abcdef")


def select_certificate(
    tokens: list[TokenInfo],
    module_path: str | Path,
    *,
    token_label: str | None = None,
    key_label: str | None = None,
    fingerprint: str | None = None,
) -> TokenCertificate:
    """The one certificate the options name; a Chinese message when none or several match."""
    if not tokens:
        raise Pkcs11Error(no_token_message(module_path))
    if token_label:
        chosen = [t for t in tokens if t.label == token_label.strip()]
        if not chosen:
            present = "、".join(t.label or "（无标签）" for t in tokens)
            raise Pkcs11Error(f"没有找到标签为“{token_label}”的 UKey；已插入的 UKey：{present}")
        tokens = chosen
    certs = [c for t in tokens for c in t.certificates]
    where = f"UKey“{tokens[0].label}”" if len(tokens) == 1 else "已插入的 UKey"
    if fingerprint:
        wanted = normalise_fingerprint(fingerprint)
        certs = [c for c in certs if c.fingerprint == wanted]
        if not certs:
            raise Pkcs11Error(f"{where}上没有 SHA-256 指纹为 {fingerprint} 的证书")
    elif key_label:
        certs = [c for c in certs if c.label == key_label]
        if not certs:
            raise Pkcs11Error(f"{where}上没有标签为“{key_label}”的证书")
    else:
        # A CA certificate stored beside the user's own is never the one meant.
        certs = [c for c in certs if not c.is_ca] or certs
    if not certs:
        raise Pkcs11Error(f"{where}上没有证书，无法签名")
    if len(certs) > 1:
        options = "；".join(
            f"{c.label or '无标签'}（{c.subject}，{c.fingerprint[:16]}…）" for c in certs
        )
        raise Pkcs11Error(f"{where}上有 {len(certs)} 个证书，请用证书标签或指纹指定一个：{options}")
    return certs[0]
