"""The signing options every exporting command shares: a PKCS#12 file or a UKey (PKCS#11).

A command calls ``add_signing_arguments(parser)`` when it registers, and signs with::

    with signer_from_args(args) as signer:   # None when no signing was asked for
        payload = signer.sign(rendered) if signer else rendered.data
        # or, for a PDF made otherwise: signer.sign_pdf(pdf, page=..., box=(x1, y1, x2, y2))

Everything that can fail before any work (missing certificate, wrong password or PIN, no
UKey, expired certificate) fails inside ``signer_from_args``, so nothing is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.cli.common import CommandError

if TYPE_CHECKING:  # pyHanko and reportlab load only when a command signs
    from jixiao.export.pdf_common import RenderedPdf
    from jixiao.export.pdf_fonts import FontChoice
    from jixiao.export.signing import Certificate


def add_signing_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("数字签名（PKCS#12 证书文件，或 UKey）")
    group.add_argument("--sign", metavar="CERT.p12", help="用 PKCS#12 证书（.p12/.pfx）签名")
    group.add_argument("--password-file", metavar="P", help="证书密码所在的文本文件（第一行）")
    group.add_argument(
        "--pkcs11-module",
        metavar="PATH",
        help="用 UKey 签名：UKey 厂商的 PKCS#11 模块（Windows 上为 .dll，Linux 上为 .so）",
    )
    group.add_argument(
        "--token", metavar="LABEL", help="UKey（令牌）的标签；插入了多个 UKey 时用它指定"
    )
    which = group.add_mutually_exclusive_group()
    which.add_argument("--key-label", metavar="LABEL", help="UKey 上证书/私钥的标签")
    which.add_argument(
        "--cert-fingerprint", metavar="SHA256", help="证书的 SHA-256 指纹（可含冒号）"
    )
    group.add_argument(
        "--pin-file",
        metavar="P",
        help="UKey PIN 所在的文本文件（第一行；“-”表示从标准输入读取）。PIN 不会被保存或记录",
    )


@dataclass
class CliSigner:
    """What ``signer_from_args`` yields: who signs, and the certificate (file or UKey)."""

    subject: str
    kind: str  # "pkcs12" / "pkcs11"
    certificate: Certificate

    def _errors(self) -> AbstractContextManager[None]:
        if self.kind == "pkcs11":
            from jixiao.export.pkcs11_signing import token_errors

            return token_errors()
        return nullcontext()

    def sign(self, rendered: RenderedPdf) -> bytes:
        """Sign a rendered score table in its sign-off box."""
        from jixiao.export.signing import sign_rendered

        with self._errors():
            return sign_rendered(rendered, self.certificate)

    def sign_pdf(
        self,
        pdf: bytes,
        *,
        page: int,
        box: tuple[float, float, float, float],
        fingerprint: str = "",
        font: FontChoice | None = None,
    ) -> bytes:
        """Sign any PDF (e.g. a report) with a visible signature in ``box`` on ``page``."""
        from jixiao.export.signing import sign_pdf

        with self._errors():
            return sign_pdf(pdf, self.certificate, page=page, box=box,
                            fingerprint=fingerprint, font=font)  # fmt: skip


def read_password(path: str | None) -> str:
    if not path:
        raise CommandError("签名需要证书密码：请用 --password-file 指定密码文件")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"找不到密码文件：{path}") from None
    except UnicodeDecodeError:
        raise CommandError(f"密码文件 {path} 不是 UTF-8 文本") from None
    lines = text.splitlines()
    # Only the line ending is stripped: spaces may be part of a password.
    return lines[0] if lines else ""


def read_pin(path: str | None) -> bytearray:
    """The first line of the PIN file as a bytearray the signer zeroes after logging in."""
    if not path:
        raise CommandError(
            "用 UKey 签名需要 PIN：请用 --pin-file 指定 PIN 文件（或“-”从标准输入读取）"
        )
    try:
        raw = bytearray(sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes())
    except FileNotFoundError:
        raise CommandError(f"找不到 PIN 文件：{path}") from None
    except OSError as exc:
        raise CommandError(f"无法读取 PIN 文件 {path}：{exc.strerror or exc}") from None
    try:
        if raw.startswith(b"\xef\xbb\xbf"):
            raw[:3] = b""
        end = len(raw)
        for stop in (b"\n", b"\r"):
            found = raw.find(stop)
            if found != -1:
                end = min(end, found)
        pin = bytearray(raw[:end])
    finally:
        for index in range(len(raw)):
            raw[index] = 0
    if not pin:
        raise CommandError(f"PIN 文件 {path} 的第一行是空的")
    return pin


@contextmanager
def signer_from_args(args: argparse.Namespace) -> Iterator[CliSigner | None]:
    """Check the signing options and open the certificate (and UKey session, closed on exit)."""
    from jixiao.export.signing import SigningError

    module = getattr(args, "pkcs11_module", None)
    ukey_only = {
        "--token": getattr(args, "token", None),
        "--key-label": getattr(args, "key_label", None),
        "--cert-fingerprint": getattr(args, "cert_fingerprint", None),
        "--pin-file": getattr(args, "pin_file", None),
    }
    if module and args.sign:
        raise CommandError("--sign（证书文件）与 --pkcs11-module（UKey）只能选一个")
    if not module:
        given = [name for name, value in ukey_only.items() if value]
        if given:
            raise CommandError(f"{'、'.join(given)} 只能与 --pkcs11-module 一起使用")
    if args.password_file and not args.sign:
        raise CommandError("--password-file 只能与 --sign 一起使用")
    if args.sign:
        from jixiao.export.signing import load_pkcs12

        try:
            cert = load_pkcs12(args.sign, read_password(args.password_file))
        except SigningError as exc:
            raise CommandError(str(exc)) from None
        yield CliSigner(cert.subject, "pkcs12", cert)
        return
    if not module:
        yield None
        return
    from jixiao.export.pkcs11_signing import pkcs11_signer

    pin = read_pin(args.pin_file)
    try:
        opened = pkcs11_signer(
            module,
            pin,
            token_label=args.token,
            key_label=args.key_label,
            fingerprint=args.cert_fingerprint,
        )
        session = opened.__enter__()
    except SigningError as exc:
        raise CommandError(str(exc)) from None
    finally:
        for index in range(len(pin)):
            pin[index] = 0
    try:
        yield CliSigner(session.certificate.subject, "pkcs11", session.certificate)
    finally:
        opened.__exit__(None, None, None)
