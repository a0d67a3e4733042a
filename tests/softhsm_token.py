"""A private SoftHSM2 token for the PKCS#11 tests: its own config and token directory.

``softhsm2-util`` initialises the token; the key and the certificate are generated with
``cryptography`` and imported with python-pkcs11, as a CA's enrolment tool would write them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

SO_PIN = "87654321"
TOKEN_LABEL = "评价UKey"
PIN = "731946"  # distinctive, so the log test can look for it
SIGNER = "王签署"
MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


def softhsm_module() -> str | None:
    return next((p for p in MODULE_CANDIDATES if Path(p).exists()), None)


def missing_reason() -> str | None:
    """Why the SoftHSM2 tests cannot run here (None when they can)."""
    if shutil.which("softhsm2-util") is None or softhsm_module() is None:
        return "SoftHSM2 未安装（Debian 软件包 softhsm2；.ci/run 会尝试安装）"
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        return "python-pkcs11 未安装"
    return None


@dataclass
class SoftToken:
    module: str
    conf: Path
    label: str
    pin: str
    certs: dict[str, bytes] = field(default_factory=dict)  # key label -> certificate DER

    def add_identity(
        self,
        key_label: str,
        common_name: str,
        *,
        key_id: bytes,
        days_valid: tuple[int, int] = (-1, 365),
        kind: str = "rsa",
        can_sign: bool = True,
    ) -> bytes:
        """Generate a key and a self-signed certificate and write both onto the token."""
        import pkcs11
        from pkcs11 import Attribute, ObjectClass
        from pkcs11.util.ec import decode_ec_private_key
        from pkcs11.util.rsa import decode_rsa_private_key
        from pkcs11.util.x509 import decode_x509_certificate

        if kind == "rsa":
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            der_key = key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
            key_attrs = decode_rsa_private_key(der_key)
        else:  # "ec", or "sm2": a P-256 key whose certificate names the SM2 curve
            key = ec.generate_private_key(ec.SECP256R1())
            der_key = key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
            key_attrs = decode_ec_private_key(der_key)
            key_attrs[Attribute.SIGN] = True
        key_attrs[Attribute.SIGN] = can_sign  # False: an encryption-only key
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        now = datetime.now().astimezone()
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now + timedelta(days=days_valid[0]))
            .not_valid_after(now + timedelta(days=days_valid[1]))
            .sign(key, hashes.SHA256())
        )
        der_cert = cert.public_bytes(serialization.Encoding.DER)
        if kind == "sm2":
            der_cert = as_sm2_certificate(der_cert)
        cert_attrs = decode_x509_certificate(der_cert)
        lib = pkcs11.lib(self.module)
        lib.reinitialize()  # SoftHSM2 reads its token directory on C_Initialize
        token = lib.get_token(token_label=self.label)
        with token.open(rw=True, user_pin=self.pin) as session:
            session.create_object(
                {
                    **key_attrs,
                    Attribute.TOKEN: True,
                    Attribute.PRIVATE: True,
                    Attribute.SENSITIVE: True,
                    Attribute.LABEL: key_label,
                    Attribute.ID: key_id,
                }
            )
            session.create_object(
                {
                    **cert_attrs,
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: key_label,
                    Attribute.ID: key_id,
                }
            )
        self.certs[key_label] = der_cert
        return der_cert


def make_token_dir(base: Path) -> Path:
    """A SOFTHSM2_CONF of our own, so no test touches the machine's tokens."""
    tokens = base / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    conf = base / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8",
    )
    return conf


def init_token(conf: Path, label: str, pin: str) -> SoftToken:
    module = softhsm_module()
    assert module is not None
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run(
        [
            "softhsm2-util",
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            pin,
            "--so-pin",
            SO_PIN,
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    return SoftToken(module, conf, label, pin)


def as_sm2_certificate(der: bytes) -> bytes:
    """The same certificate with its public key declared on the SM2 curve, as a Chinese CA
    issues them (cryptography cannot make SM2 keys; the name is all the program looks at)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509

    cert = asn1_x509.Certificate.load(der)
    tbs = cert["tbs_certificate"]
    spki = tbs["subject_public_key_info"]
    spki["algorithm"]["parameters"] = asn1_keys.ECDomainParameters(
        name="named", value="1.2.156.10197.1.301"
    )
    tbs["subject_public_key_info"] = spki
    cert["tbs_certificate"] = tbs
    return cert.dump(force=True)
