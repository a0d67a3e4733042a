"""Offline by construction (issue 9 §5): the main flows run with the network cut off.

Every way Python reaches the network is blocked and recorded: ``socket.socket`` for IP
families, ``socket.create_connection``, name lookups, and — below them, so nothing that
kept an old reference slips through — an audit hook on socket creation, connect and
getaddrinfo. Local AF_UNIX socket pairs (asyncio's self-pipe, used inside pyHanko) stay
allowed: they never leave the machine. A flow passes only if it worked AND nothing tried
to connect, even if the code under test swallowed the error.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import cli
from jixiao.storage.evaluation_file import EvaluationFile

ROOT = Path(__file__).resolve().parents[1]
IP_FAMILIES = {socket.AF_INET, socket.AF_INET6}


class NetworkBlocked(OSError):
    """Raised instead of opening a network connection."""


# The audit hook cannot be removed once added, so it is installed once and armed per test.
_ATTEMPTS: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _ATTEMPTS is None:
        return
    if event == "socket.__new__" and args[1] in IP_FAMILIES:
        _ATTEMPTS.append(f"socket({args[1]!r})")
        raise NetworkBlocked("network blocked by test_offline: socket()")
    if event == "socket.connect" and getattr(args[0], "family", None) in IP_FAMILIES:
        _ATTEMPTS.append(f"connect{args[1]!r}")
        raise NetworkBlocked("network blocked by test_offline: connect()")
    if event in (
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyname_ex",
        "socket.gethostbyaddr",
        "urllib.Request",
    ):
        _ATTEMPTS.append(f"{event}{args!r}")
        raise NetworkBlocked(f"network blocked by test_offline: {event}")


sys.addaudithook(_audit)

# Same blocking for a child process (the GUI smoke test runs in its own interpreter).
GUARD_CODE = """
import socket, sys
IP = {socket.AF_INET, socket.AF_INET6}
def hook(event, args):
    bad = ((event == "socket.__new__" and args[1] in IP)
           or (event == "socket.connect" and getattr(args[0], "family", None) in IP)
           or event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
                        "urllib.Request"))
    if bad:
        sys.stderr.write("NETWORK-ATTEMPT %s %r\\n" % (event, args))
        raise OSError("network blocked by test_offline")
sys.addaudithook(hook)
"""


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    global _ATTEMPTS
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(
            self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None
        ) -> None:
            # family -1 without a file descriptor means the default, AF_INET.
            if family in IP_FAMILIES or (family == -1 and fileno is None):
                attempts.append(f"socket.socket({family})")
                raise NetworkBlocked("network blocked by test_offline: socket.socket")
            super().__init__(family, type, proto, fileno)

    def refuse(name: str):
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args!r}")
            raise NetworkBlocked(f"network blocked by test_offline: {name}")

        return blocked

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("socket.gethostbyname"))
    _ATTEMPTS = attempts
    try:
        yield attempts
    finally:
        _ATTEMPTS = None


def test_the_guard_really_blocks(offline: list[str]) -> None:
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)
    assert len(offline) >= 3
    offline.clear()


def run_cli(*argv: str) -> int:
    try:
        return cli.main([str(a) for a in argv])
    except SystemExit as exc:  # argparse errors
        return int(exc.code or 0)


def score_total(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert run_cli("score", path, "--json") == 0
    return json.loads(capsys.readouterr().out)["total"]


def test_open_edit_and_score_offline(
    offline: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "offline.jixiao"
    assert run_cli("init", "--sample", "nanjing-2021", path) == 0
    assert score_total(path, capsys) == "90.23"

    # Edit an input as a user would: one of A11's five conditions is no longer met.
    with EvaluationFile.open(path, user="离线测试") as ef:
        raw = ef.input_for("A11")
        assert raw is not None
        ef.set_input("A11", {**raw, "met": [*raw["met"][:-1], False]}, reason="离线测试")
        assert ef.score_sheet().total < Decimal("90.23")
    assert Decimal(score_total(path, capsys)) < Decimal("90.23")
    assert offline == []


def test_project_list_round_trip_offline(
    offline: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "projects.jixiao"
    listing = tmp_path / "项目清单.xlsx"
    assert run_cli("init", "--sample", "nanjing-2021", path) == 0
    assert run_cli("projects", "export", path, listing) == 0, capsys.readouterr().err
    assert listing.stat().st_size > 0
    assert run_cli("projects", "import", path, listing) == 0, capsys.readouterr().err
    assert score_total(path, capsys) == "90.23"  # re-importing the same list changes nothing
    assert offline == []


def write_survey_xlsx(target: Path) -> None:
    """A small 问卷星-style export: metadata columns, then one column per question."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "提交答卷时间", "所用时间", "来源", "来自IP", "1、您对该项目的总体满意度"])
    answers = ["非常满意"] * 12 + ["满意"] * 6 + ["一般"] * 2
    for i, answer in enumerate(answers, start=1):
        ws.append(
            [i, f"2021/12/{1 + i % 28} 10:00:00", "60秒", "手机提交", "127.0.0.1(南京)", answer]
        )
    wb.save(target)


def test_survey_import_offline(
    offline: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "survey.jixiao"
    export = tmp_path / "问卷星导出.xlsx"
    assert run_cli("init", "--sample", "nanjing-2021", path) == 0
    write_survey_xlsx(export)
    rc = run_cli("survey", "import", path, export, "--satisfied", "非常满意,满意")
    err = capsys.readouterr().err
    assert rc == 0, err
    assert offline == []


def make_p12(tmp_path: Path, password: bytes) -> Path:
    """A self-signed signing certificate made at test time (no network, no files shipped)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "离线测试签名"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "测试单位"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
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
        .sign(key, hashes.SHA256())
    )
    p12 = tmp_path / "signer.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"signer", key, cert, None, serialization.BestAvailableEncryption(password)
        )
    )
    return p12


def test_export_and_sign_pdf_offline(
    offline: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pdf.jixiao"
    assert run_cli("init", "--sample", "nanjing-2021", path) == 0

    plain = tmp_path / "评分表.pdf"
    assert run_cli("export-pdf", path, "--out", plain) == 0, capsys.readouterr().err
    assert plain.read_bytes().startswith(b"%PDF")

    password = tmp_path / "password.txt"
    password.write_text("离线-123", encoding="utf-8")
    p12 = make_p12(tmp_path, "离线-123".encode())
    signed = tmp_path / "评分表-签名.pdf"
    rc = run_cli("export-pdf", path, "--out", signed, "--sign", p12, "--password-file", password)
    assert rc == 0, capsys.readouterr().err
    assert b"/ByteRange" in signed.read_bytes()  # a real embedded signature
    capsys.readouterr()
    rc = run_cli("verify-pdf", signed)
    assert rc == 0, capsys.readouterr()
    assert offline == [], "signing/verifying must not fetch CRLs, OCSP or timestamps"


def test_gui_smoke_test_offline(tmp_path: Path) -> None:
    """The whole window (all tabs) is built and painted with the network cut off."""
    code = GUARD_CODE + (
        "import jixiao.__main__ as m\n"
        "rc = m.main(['-platform', 'offscreen', '--smoke-test'])\n"
        "sys.exit(rc)\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "NETWORK-ATTEMPT" not in proc.stderr, proc.stderr[-3000:]
