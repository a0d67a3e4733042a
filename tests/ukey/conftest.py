"""SoftHSM2 tokens for the UKey (PKCS#11) tests, each in the test's own tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from softhsm_token import (
    PIN,
    SIGNER,
    TOKEN_LABEL,
    SoftToken,
    init_token,
    make_token_dir,
    missing_reason,
    softhsm_module,
)


@pytest.fixture
def softhsm_conf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    conf = make_token_dir(tmp_path / "softhsm")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    return conf


@pytest.fixture
def module(softhsm_conf: Path) -> str:
    path = softhsm_module()
    assert path is not None
    return path


@pytest.fixture
def token(softhsm_conf: Path) -> SoftToken:
    """One initialised token holding an RSA-2048 key and its self-signed certificate."""
    made = init_token(softhsm_conf, TOKEN_LABEL, PIN)
    made.add_identity("签名证书", SIGNER, key_id=b"\x01")
    return made


@pytest.fixture
def pin_file(tmp_path: Path) -> Path:
    path = tmp_path / "pin.txt"
    path.write_text(PIN + "\n", encoding="utf-8")
    return path
