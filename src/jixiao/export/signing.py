"""Sign an exported score table with a PKCS#12 certificate (PAdES, via pyHanko) and verify it.

Everything works offline: no timestamp server, no revocation look-ups. Integrity (were the
signed bytes changed?) is reported separately from trust (is the certificate from an
authority this machine trusts?), because most units sign with a certificate that the
verifying machine does not know, and an intact signature is still worth reporting.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.content import ImportedPdfPage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.lib import colors
from reportlab.pdfgen import canvas as rl_canvas

from jixiao.core.errors import UserError
from jixiao.export.pdf_common import FINGERPRINT_CHARS, SIGNATURE_FIELD, RenderedPdf
from jixiao.export.pdf_fonts import FontChoice, bundled_font, register, replace_missing

SIGN_REASON = "绩效自评价签署"
FINGERPRINT_RE = re.compile(r"jixiao-fingerprint:([0-9a-f]{64})")


class SigningError(UserError):
    """Signing or verification cannot proceed; the message is Chinese and user-facing."""


# ------------------------------------------------------------------ certificate
@dataclass
class Certificate:
    signer: signers.SimpleSigner
    subject: str
    self_signed: bool


def load_pkcs12(path: str | Path, password: str | bytes | None) -> Certificate:
    """Open a .p12/.pfx; wrong passwords and broken files give a Chinese message."""
    path = Path(path)
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise SigningError(f"找不到证书文件：{path}") from None
    except OSError as exc:
        raise SigningError(f"无法读取证书文件 {path.name}：{exc}") from None
    secret = password.encode("utf-8") if isinstance(password, str) else password
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(blob, secret or None)
    except ValueError:
        raise SigningError(
            f"无法打开证书 {path.name}：密码错误，或文件不是 PKCS#12（.p12/.pfx）证书"
        ) from None
    if key is None or cert is None:
        raise SigningError(f"证书文件 {path.name} 中没有私钥或证书，无法用于签名")
    der_key = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    signing_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    others = [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in extra or []
    ]
    signer = signers.SimpleSigner(
        signing_cert=signing_cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([signing_cert, *others]),
    )
    return Certificate(signer, subject_name(signing_cert), signing_cert.self_signed != "no")


def subject_name(cert: asn1_x509.Certificate) -> str:
    native = cert.subject.native
    return str(
        native.get("common_name") or native.get("organization_name") or cert.subject.human_friendly
    )


# ------------------------------------------------------------------ signing
class _BytesPdfPage(ImportedPdfPage):
    """pyHanko's ImportedPdfPage reads a file; ours comes from memory."""

    def __init__(self, data: bytes):
        super().__init__("<memory>", 0)
        self._data = data

    def render(self) -> bytes:
        import binascii
        import uuid

        w = self._ensure_writer
        xobj = w.import_page_as_xobject(PdfFileReader(io.BytesIO(self._data)), page_ix=0)
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = layout.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


def stamp_pdf(width: float, height: float, lines: list[str], font: FontChoice) -> bytes:
    """The visible signature, drawn by reportlab so Chinese names render with our font."""
    buffer = io.BytesIO()
    name = register(font)
    c = rl_canvas.Canvas(buffer, pagesize=(width, height), initialFontName=name)
    c.setFillColor(colors.HexColor("#F4F8FF"))
    c.setStrokeColor(colors.HexColor("#1F4E9A"))
    c.setLineWidth(1)
    c.rect(0.5, 0.5, width - 1, height - 1, fill=1)
    c.setFillColor(colors.HexColor("#1F4E9A"))
    size = min(10.0, (height - 8) / (len(lines) * 1.3))
    y = height - 4 - size
    for index, text in enumerate(lines):
        c.setFont(name, size + (1 if index == 0 else 0))
        text = replace_missing(text, font)
        while text and c.stringWidth(text, name, size) > width - 8:  # never spill over the box
            text = text[:-2] + "…"
        c.drawString(4, y, text)
        y -= size * 1.3
    c.showPage()
    c.save()
    return buffer.getvalue()


def sign_pdf(
    pdf: bytes,
    cert: Certificate,
    *,
    page: int,
    box: tuple[float, float, float, float],
    fingerprint: str = "",
    font: FontChoice | None = None,
    location: str = "",
) -> bytes:
    """Return ``pdf`` with a PAdES signature whose visible field covers ``box`` on ``page``."""
    now = datetime.now().astimezone()
    x1, y1, x2, y2 = box
    lines = [
        f"电子签名  {cert.subject}",
        f"签署时间：{now:%Y-%m-%d %H:%M:%S}",
        f"签署理由：{SIGN_REASON}",
    ]
    if fingerprint:
        lines.append(f"数据指纹：{fingerprint[:FINGERPRINT_CHARS]}")
    style = StaticStampStyle(
        background=_BytesPdfPage(stamp_pdf(x2 - x1, y2 - y1, lines, font or bundled_font())),
        border_width=0,
        background_opacity=1.0,
        # Fill the box exactly: the stamp covers the printed "电子签名区" frame.
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
            inner_content_scaling=layout.InnerScaling.STRETCH_FILL,
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        reason=SIGN_REASON,
        location=location or None,
        name=cert.subject,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=cert.signer,
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(SIGNATURE_FIELD, on_page=page, box=box),
    )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        out = pdf_signer.sign_pdf(writer)
    except Exception as exc:  # pyHanko raises many kinds; the user needs one message
        raise SigningError(f"签名失败：{exc}") from exc
    return out.getvalue()


def sign_rendered(rendered: RenderedPdf, cert: Certificate) -> bytes:
    return sign_pdf(
        rendered.data,
        cert,
        page=rendered.signature_page,
        box=rendered.signature_box,
        fingerprint=rendered.fingerprint,
        font=rendered.font,
    )


# ------------------------------------------------------------------ verification
STATUS_INTACT = "intact"
STATUS_MODIFIED = "modified"
STATUS_INVALID = "invalid"


@dataclass
class SignatureReport:
    field: str
    signer: str
    signing_time: datetime | None
    status: str  # intact / modified / invalid
    trusted: bool
    self_signed: bool
    covers_whole_file: bool
    reason: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.status == STATUS_INTACT

    def lines(self) -> list[str]:
        when = (
            self.signing_time.astimezone().strftime("%Y-%m-%d %H:%M:%S %z")
            if self.signing_time
            else "（未知）"
        )
        verdict = {
            STATUS_INTACT: "完整（签名后未被修改）",
            STATUS_MODIFIED: "已被修改（签名范围内的内容与签名不符）",
            STATUS_INVALID: "签名无效",
        }[self.status]
        if self.trusted:
            trust = "证书受信任"
        elif self.self_signed:
            trust = "证书未受信任（自签名）"
        else:
            trust = "证书未受信任（签发机构不在本机信任列表中）"
        out = [f"签名域：{self.field}", f"签署人：{self.signer}", f"签署时间：{when}"]
        if self.reason:
            out.append(f"签署理由：{self.reason}")
        out += [f"完整性：{verdict}", f"证书：{trust}"]
        if self.status == STATUS_INTACT and not self.covers_whole_file:
            out.append("注意：签名之后文件又追加了内容（未被签名覆盖）")
        out += [f"问题：{p}" for p in self.problems]
        return out


@dataclass
class VerifyReport:
    path: str
    signatures: list[SignatureReport]
    fingerprint: str = ""
    error: str = ""
    expected_fingerprint: str = ""  # the evaluation file's current one, when the user gave the file

    @property
    def fingerprint_matches(self) -> bool | None:
        if not self.expected_fingerprint:
            return None
        return self.fingerprint == self.expected_fingerprint

    @property
    def ok(self) -> bool:
        """Every signature intact and covering the whole file (trust is reported, not required)."""
        return (
            bool(self.signatures)
            and not self.error
            and all(s.intact and s.covers_whole_file for s in self.signatures)
        )

    @property
    def exit_code(self) -> int:
        if self.ok:
            return 4 if self.fingerprint_matches is False else 0
        if not self.signatures and not self.error:
            return 3  # no signature at all: not "modified", but not verified either
        return 1

    def text(self) -> str:
        lines = [f"文件：{self.path}"]
        if self.fingerprint:
            lines.append(
                f"数据指纹：{self.fingerprint[:FINGERPRINT_CHARS]}（完整值 {self.fingerprint}）"
            )
        if self.fingerprint_matches is True:
            lines.append("与评价文件对照：数据一致（PDF 与评价文件当前的评分相同）")
        elif self.fingerprint_matches is False:
            found = self.fingerprint[:FINGERPRINT_CHARS] or "（PDF 中没有数据指纹）"
            lines.append(
                f"与评价文件对照：不一致——评价文件的评分在导出后有变化（PDF {found}，"
                f"评价文件当前 {self.expected_fingerprint[:FINGERPRINT_CHARS]}）"
            )
        if self.error:
            lines.append(f"结论：无法验证——{self.error}")
            return "\n".join(lines)
        if not self.signatures:
            lines.append("结论：此 PDF 没有数字签名")
            return "\n".join(lines)
        for report in self.signatures:
            lines += report.lines()
        lines.append(
            "结论：签名完整，文件未被修改" if self.ok else "结论：文件在签名后被修改，或签名无效"
        )
        return "\n".join(lines)


def verify_pdf(path: str | Path) -> VerifyReport:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return VerifyReport(str(path), [], error=f"无法读取文件：{exc}")
    return verify_bytes(data, str(path))


def verify_bytes(data: bytes, name: str = "") -> VerifyReport:
    fingerprint_match = FINGERPRINT_RE.search(data.decode("latin-1"))
    fingerprint = fingerprint_match.group(1) if fingerprint_match else ""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # a damaged file may not even parse
        return VerifyReport(name, [], fingerprint, error=f"文件已损坏或不是有效的 PDF（{exc}）")
    reports = [_verify_one(sig) for sig in embedded]
    return VerifyReport(name, reports, fingerprint)


def _verify_one(sig: Any) -> SignatureReport:
    cert = sig.signer_cert
    signer = subject_name(cert) if cert is not None else "（未知）"
    self_signed = bool(cert is not None and cert.self_signed != "no")
    reason = str(sig.sig_object.get("/Reason", "") or "")
    signing_time = sig.self_reported_timestamp
    # No trust roots and no fetching: integrity is checked offline; trust is reported apart.
    context = ValidationContext(trust_roots=[], allow_fetching=False)
    try:
        with _quiet("pyhanko.sign.validation.generic_cms"):
            status = validate_pdf_signature(sig, signer_validation_context=context)
    except Exception as exc:
        return SignatureReport(
            sig.field_name,
            signer,
            signing_time,
            STATUS_INVALID,
            False,
            self_signed,
            False,
            reason,
            [str(exc)],
        )
    intact = bool(status.intact and status.valid)
    covers = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return SignatureReport(
        sig.field_name,
        signer,
        status.signer_reported_dt or signing_time,
        STATUS_INTACT if intact else STATUS_MODIFIED,
        bool(status.trusted),
        self_signed,
        covers,
        reason,
    )


# ------------------------------------------------------------------ test certificates
def create_self_signed_pkcs12(
    path: str | Path,
    password: str,
    common_name: str = "测试评价人",
    organization: str = "",
    days: int = 365,
) -> Path:
    """Write a self-signed signing certificate (for trying the feature, tests and benchmarks)."""
    from datetime import timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    name = x509.Name(attrs)
    now = datetime.now().astimezone()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"),
        key,
        cert,
        None,
        serialization.BestAvailableEncryption(password.encode("utf-8")),
    )
    target = Path(path)
    target.write_bytes(blob)
    return target


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """pyHanko logs a full traceback for every untrusted (e.g. self-signed) certificate; that is
    expected here and reported as 证书未受信任, so keep it off the user's console."""
    logger = logging.getLogger(logger_name)
    old = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(old)
