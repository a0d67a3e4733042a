"""导出 PDF with a UKey, driven as a person does: radio, 选择证书…, module path, the
certificate row, the PIN typed into the masked field, OK — against a SoftHSM2 token."""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from jixiao.ui.context import ChangeHub, TabContext
from jixiao.ui.dialogs.export_pdf_dialog import ExportPdfDialog
from jixiao.ui.dialogs.ukey_chooser_dialog import UkeyChooserDialog
from jixiao.ui.dialogs.ukey_pin_dialog import UkeyPinDialog
from jixiao.ui.settings import AppSettings
from softhsm_token import PIN, SIGNER, TOKEN_LABEL


@pytest.fixture(autouse=True)
def chinese_ui(zh_app):
    return zh_app


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "jixiao.ini")


@pytest.fixture
def dialog(qtbot, sample_file, settings) -> ExportPdfDialog:
    ctx = TabContext(sample_file, QUndoStack(), ChangeHub())
    dlg = ExportPdfDialog(ctx, opener=lambda path: None, font_dirs=[], settings=settings)
    qtbot.addWidget(dlg)
    dlg.open_box.setChecked(False)
    dlg.show()
    return dlg


def when_modal(kind: type, action: Callable[[QWidget], None], *, tries: int = 200) -> None:
    """Answer the next modal dialog of ``kind`` once it is up (it runs its own event loop)."""

    def poll(left: int) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            action(widget)
        elif left:
            QTimer.singleShot(25, lambda: poll(left - 1))

    QTimer.singleShot(25, lambda: poll(tries))


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(edit: QLineEdit, text: str) -> None:
    click(edit)
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def pick(
    module: str,
    subject: str,
    shots: Path | None = None,
    seen: list[str] | None = None,
) -> Callable[[QWidget], None]:
    """In the chooser: type the module, read the keys, click the certificate row, OK."""

    def act(chooser: QWidget) -> None:
        assert isinstance(chooser, UkeyChooserDialog)
        type_into(chooser.module_edit, module)
        click(chooser.refresh_button)
        items = [
            chooser.tree.topLevelItem(i).child(j)
            for i in range(chooser.tree.topLevelItemCount())
            for j in range(chooser.tree.topLevelItem(i).childCount())
        ]
        item = next(i for i in items if i.text(0).startswith(subject))
        rect = chooser.tree.visualItemRect(item)
        QTest.mouseClick(chooser.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        if seen is not None:
            seen.append(chooser.status.text())
        if shots is not None:
            chooser.grab().save(str(shots / "ukey_chooser.png"))
        click(chooser.ok_button)

    return act


def enter_pin(
    pin: str, shots: Path | None = None, warnings: list[str] | None = None
) -> Callable[[QWidget], None]:
    def act(pin_dialog: QWidget) -> None:
        assert isinstance(pin_dialog, UkeyPinDialog)
        if warnings is not None:
            warnings.append(pin_dialog.warning.text() if pin_dialog.warning.isVisible() else "")
        assert pin_dialog.pin_edit.echoMode() == QLineEdit.EchoMode.Password
        QTest.keyClicks(pin_dialog.pin_edit, pin)
        if shots is not None:
            pin_dialog.grab().save(str(shots / "ukey_pin.png"))
        click(pin_dialog.ok_button)
        assert pin_dialog.pin_edit.text() == ""  # cleared as soon as it is taken

    return act


def validates_against(out: Path, cert_der: bytes) -> bool:
    (sig,) = PdfFileReader(io.BytesIO(out.read_bytes())).embedded_signatures
    root = asn1_x509.Certificate.load(cert_der)
    status = validate_pdf_signature(sig, ValidationContext(trust_roots=[root]))
    return bool(status.intact and status.valid and status.trusted)


def test_gui_signs_the_score_table_on_the_ukey(
    qtbot, dialog, module, token, settings, tmp_path
) -> None:
    out = tmp_path / "score-ukey.pdf"  # QTest types ASCII only
    type_into(dialog.out_edit, str(out))
    dialog.sign_group.setChecked(True)
    assert not dialog.ukey.choose_button.isEnabled()  # PKCS#12 is the default source
    click(dialog.ukey.radio)
    assert dialog.ukey.choose_button.isEnabled() and not dialog.cert_edit.isEnabled()

    when_modal(UkeyChooserDialog, pick(module, SIGNER, tmp_path))
    click(dialog.ukey.choose_button)
    assert SIGNER in dialog.ukey.summary.text() and TOKEN_LABEL in dialog.ukey.summary.text()
    assert settings.pkcs11_module == module  # remembered for next time
    dialog.grab().save(str(tmp_path / "export_dialog_ukey.png"))

    when_modal(UkeyPinDialog, enter_pin(PIN, tmp_path))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        click(dialog.export_button)
    assert dialog.result_path == out and validates_against(out, token.certs["签名证书"])
    assert dialog.ukey_session is None  # logged out after signing
    for name in ("ukey_chooser.png", "ukey_pin.png", "export_dialog_ukey.png"):
        assert (tmp_path / name).stat().st_size > 5000


def test_the_module_and_certificate_are_remembered(
    qtbot, sample_file, module, token, settings
) -> None:
    """Next time the chooser opens on the same module with the same certificate selected."""
    token.add_identity("第二证书", "李备用", key_id=b"\x02")
    settings.pkcs11_module = module
    settings.pkcs11_certificate = hashlib.sha256(token.certs["第二证书"]).hexdigest()
    ctx = TabContext(sample_file, QUndoStack(), ChangeHub())
    dlg = ExportPdfDialog(ctx, opener=lambda path: None, font_dirs=[], settings=settings)
    qtbot.addWidget(dlg)
    dlg.show()
    assert module in dlg.ukey.summary.text()
    dlg.sign_group.setChecked(True)
    click(dlg.ukey.radio)
    seen: list[str] = []

    def check(chooser: QWidget) -> None:
        assert isinstance(chooser, UkeyChooserDialog)
        seen.append(chooser.module_edit.text())
        assert chooser.chosen is not None and chooser.chosen.subject == "李备用"
        click(chooser.ok_button)

    when_modal(UkeyChooserDialog, check)
    click(dlg.ukey.choose_button)
    assert seen == [module] and "李备用" in dlg.ukey.summary.text()


def test_wrong_pin_is_reported_and_a_retry_signs(qtbot, dialog, module, token, tmp_path) -> None:
    out = tmp_path / "retry.pdf"
    type_into(dialog.out_edit, str(out))
    dialog.sign_group.setChecked(True)
    click(dialog.ukey.radio)
    # No certificate chosen yet: 导出 opens the chooser first, then asks the PIN.
    when_modal(UkeyChooserDialog, pick(module, SIGNER))
    when_modal(UkeyPinDialog, enter_pin("000000"), tries=400)
    with qtbot.waitSignal(dialog.failed, timeout=30000) as blocker:
        click(dialog.export_button)
    assert f"UKey“{TOKEN_LABEL}”的 PIN 不正确" in blocker.args[0]
    assert dialog.error_label.isVisible() and dialog.isVisible() and not out.exists()
    assert not list(tmp_path.glob("retry.pdf*"))

    warnings: list[str] = []
    when_modal(UkeyPinDialog, enter_pin(PIN, tmp_path, warnings))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        click(dialog.export_button)
    assert out.exists()
    # SoftHSM2 reports the earlier wrong PIN (CKF_USER_PIN_COUNT_LOW): warned before typing.
    assert warnings == [f"注意：UKey“{TOKEN_LABEL}”已记录 PIN 输错，再输错几次将被锁定"]


def test_cancelling_the_pin_writes_nothing(qtbot, dialog, module, token, tmp_path) -> None:
    out = tmp_path / "cancel.pdf"
    type_into(dialog.out_edit, str(out))
    dialog.sign_group.setChecked(True)
    click(dialog.ukey.radio)
    when_modal(UkeyChooserDialog, pick(module, SIGNER))
    click(dialog.ukey.choose_button)
    when_modal(UkeyPinDialog, lambda d: d.reject())
    click(dialog.export_button)
    qtbot.wait(200)
    assert not out.exists() and dialog.isVisible() and dialog.export_button.isEnabled()


@pytest.mark.parametrize("case", ["missing-module", "no-token", "expired"])
def test_chooser_explains_what_is_wrong(qtbot, module, softhsm_conf, tmp_path, case) -> None:
    from softhsm_token import init_token

    path = module
    if case == "missing-module":
        path = str(tmp_path / "厂商" / "ukey_p11.so")
    elif case == "expired":
        made = init_token(softhsm_conf, TOKEN_LABEL, PIN)
        made.add_identity("旧证书", "过期人", key_id=b"\x07", days_valid=(-400, -2))
    chooser = UkeyChooserDialog(path)
    qtbot.addWidget(chooser)
    chooser.show()
    expected = {
        "missing-module": "找不到 PKCS#11 模块",
        "no-token": "没有检测到 UKey",
        "expired": "过期，不能再用于签名",
    }[case]
    if case == "expired":
        item = chooser.tree.topLevelItem(0).child(0)
        rect = chooser.tree.visualItemRect(item)
        QTest.mouseClick(chooser.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        chooser.grab().save(str(tmp_path / "ukey_chooser_expired.png"))
    assert expected in chooser.status.text()
    assert not chooser.ok_button.isEnabled()


def test_the_pin_never_reaches_the_log(
    qtbot, dialog, module, token, pin_file, sample_path, tmp_path, capsys
) -> None:
    """The program's own log file, at DEBUG (pyHanko and python-pkcs11 included)."""
    from jixiao.app import setup_logging
    from jixiao.cli import main

    root = logging.getLogger()
    before = list(root.handlers)
    log_file = setup_logging()
    root.setLevel(logging.DEBUG)
    try:
        out = tmp_path / "gui.pdf"
        type_into(dialog.out_edit, str(out))
        dialog.sign_group.setChecked(True)
        click(dialog.ukey.radio)
        when_modal(UkeyChooserDialog, pick(module, SIGNER))
        click(dialog.ukey.choose_button)
        when_modal(UkeyPinDialog, enter_pin("999999"))
        with qtbot.waitSignal(dialog.failed, timeout=30000):
            click(dialog.export_button)
        when_modal(UkeyPinDialog, enter_pin(PIN))
        with qtbot.waitSignal(dialog.exported, timeout=30000):
            click(dialog.export_button)
        cli_out = tmp_path / "cli.pdf"
        args = ["export-pdf", str(sample_path), "--out", str(cli_out), "--font-dir", ""]
        assert main([*args, "--pkcs11-module", module, "--pin-file", str(pin_file)]) == 0
        assert (
            main([*args, "--pkcs11-module", "/nonexistent/x.so", "--pin-file", str(pin_file)]) == 1
        )
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                handler.flush()
                root.removeHandler(handler)
                handler.close()
        root.setLevel(logging.WARNING)
    text = log_file.read_text(encoding="utf-8")
    # The log did record the signing and the refused login (so the PIN could have leaked).
    assert "refused the login: PinIncorrect" in text and f"sign with {SIGNER}" in text
    assert PIN not in text and "999999" not in text
    assert out.exists() and cli_out.exists()


def test_key_pulled_out_after_choosing(
    qtbot, dialog, module, token, softhsm_conf, tmp_path
) -> None:
    """The certificate was chosen, then the UKey was pulled out: said so, nothing written."""
    import shutil

    out = tmp_path / "pulled.pdf"
    type_into(dialog.out_edit, str(out))
    dialog.sign_group.setChecked(True)
    click(dialog.ukey.radio)
    when_modal(UkeyChooserDialog, pick(module, SIGNER))
    click(dialog.ukey.choose_button)
    shutil.rmtree(softhsm_conf.parent / "tokens")  # SoftHSM2's "key" is its token folder
    (softhsm_conf.parent / "tokens").mkdir()
    with qtbot.waitSignal(dialog.failed, timeout=30000) as blocker:
        click(dialog.export_button)
    assert f"UKey“{TOKEN_LABEL}”已被拔出，或未插入" in blocker.args[0]
    assert not out.exists() and dialog.export_button.isEnabled()
