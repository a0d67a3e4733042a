"""The user's list of trusted certificates (a bureau's CA, a colleague's own certificate).

Kept as one DER file per certificate, named by its SHA-256 fingerprint, in the user data
folder. Verification trusts a signature only when its certificate chains to one of these:
a look-alike certificate with the same name but another key is not trusted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509


class TrustError(Exception):
    """A certificate file that cannot be read (Chinese, user-facing)."""


def default_dir() -> Path:
    from jixiao.paths import user_data_dir

    path = user_data_dir() / "trusted-certificates"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cert_fingerprint(cert: asn1_x509.Certificate) -> str:
    return hashlib.sha256(cert.dump()).hexdigest()


def colon_hex(text: str) -> str:
    text = text.upper()
    return ":".join(text[i : i + 2] for i in range(0, len(text), 2))


def serial_hex(cert: asn1_x509.Certificate) -> str:
    value = int(cert.serial_number)
    return colon_hex(format(value, "x").rjust(2, "0") if value >= 0 else str(value))


def name_text(name: asn1_x509.Name) -> str:
    return str(name.human_friendly)


def common_name(cert: asn1_x509.Certificate) -> str:
    native = cert.subject.native
    return str(
        native.get("common_name") or native.get("organization_name") or name_text(cert.subject)
    )


def validity(cert: asn1_x509.Certificate) -> tuple[datetime, datetime]:
    return cert.not_valid_before, cert.not_valid_after


@dataclass(frozen=True)
class TrustedCert:
    cert: asn1_x509.Certificate
    path: Path

    @property
    def fingerprint(self) -> str:
        return cert_fingerprint(self.cert)

    def describe(self) -> str:
        start, end = validity(self.cert)
        return (
            f"{common_name(self.cert)}  SHA-256 {colon_hex(self.fingerprint)}\n"
            f"    颁发者：{name_text(self.cert.issuer)}；序列号 {serial_hex(self.cert)}；"
            f"有效期 {start:%Y-%m-%d} 至 {end:%Y-%m-%d}"
        )


def load_certificates(path: Path, password: str | None = None) -> list[asn1_x509.Certificate]:
    """Certificates in a .pem/.crt/.cer (PEM or DER) or .p12/.pfx file (keys are ignored)."""
    path = Path(path)
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise TrustError(f"找不到证书文件：{path}") from None
    except OSError as exc:
        raise TrustError(f"无法读取证书文件 {path.name}：{exc.strerror or exc}") from None
    if path.suffix.lower() in (".p12", ".pfx"):
        from cryptography.hazmat.primitives.serialization import Encoding, pkcs12

        try:
            secret = password.encode("utf-8") if password else None
            _, cert, extra = pkcs12.load_key_and_certificates(blob, secret)
        except ValueError:
            raise TrustError(
                f"无法打开 {path.name}：密码错误（用 --password-file 给出密码），"
                "或文件不是 PKCS#12 证书"
            ) from None
        found = [c for c in [cert, *(extra or [])] if c is not None]
        return [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in found]
    try:
        if pem.detect(blob):
            return [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(blob, True)]
        cert = asn1_x509.Certificate.load(blob)
        _ = cert.native  # parse now, so a broken file fails here and not at verification
        return [cert]
    except Exception:
        raise TrustError(f"文件 {path.name} 不是证书（应为 .pem、.cer、.crt 或 .p12）") from None


class TrustStore:
    def __init__(self, directory: Path | None = None):
        self._directory = directory

    @property
    def directory(self) -> Path:
        if self._directory is None:
            self._directory = default_dir()
        self._directory.mkdir(parents=True, exist_ok=True)
        return self._directory

    def certificates(self) -> list[TrustedCert]:
        if self._directory is None and not _default_exists():
            return []
        out = []
        for file in sorted(self.directory.glob("*.der")):
            try:
                out.append(TrustedCert(asn1_x509.Certificate.load(file.read_bytes()), file))
            except (OSError, ValueError):
                continue
        return out

    def add(self, path: Path, password: str | None = None) -> list[TrustedCert]:
        added = []
        for cert in load_certificates(path, password):
            target = self.directory / f"{cert_fingerprint(cert)}.der"
            target.write_bytes(cert.dump())
            added.append(TrustedCert(cert, target))
        return added

    def remove(self, key: str) -> list[TrustedCert]:
        """Remove by fingerprint (a prefix of at least 8 hex digits, colons allowed) or name."""
        wanted = key.replace(":", "").lower()
        matches = [
            t
            for t in self.certificates()
            if (len(wanted) >= 8 and t.fingerprint.startswith(wanted)) or common_name(t.cert) == key
        ]
        for t in matches:
            t.path.unlink(missing_ok=True)
        return matches


def _default_exists() -> bool:
    try:
        return default_dir().is_dir()
    except OSError:
        return False
