"""导出 PDF and 验证签名 dialogs, driven as a user would (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from jixiao.export.signing import create_self_signed_pkcs12
from jixiao.ui.context import ChangeHub, TabContext
from jixiao.ui.dialogs.export_pdf_dialog import (
    ExportPdfDialog,
    VerifyResultDialog,
    run_export_pdf_dialog,
    run_verify_pdf_dialog,
)

PASSWORD = "dialog-pass"


@pytest.fixture(scope="module")
def p12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_self_signed_pkcs12(
        tmp_path_factory.mktemp("cert") / "签名.p12", PASSWORD, common_name="王单位"
    )


@pytest.fixture(autouse=True)
def chinese_ui(qapp):
    """As the app runs it: zh_CN translators and the bundled CJK font (for the screenshots)."""
    from jixiao.ui.fonts import ensure_cjk_font
    from jixiao.ui.i18n import install_translators, remove_translators

    old_font = qapp.font()
    ensure_cjk_font(qapp)
    translators = install_translators(qapp, "zh_CN")
    yield
    remove_translators(qapp, translators)
    qapp.setFont(old_font)


@pytest.fixture
def ctx(sample_file) -> TabContext:
    messages: list[str] = []
    context = TabContext(sample_file, QUndoStack(), ChangeHub(), status=messages.append)
    context.messages = messages  # type: ignore[attr-defined]
    return context


@pytest.fixture
def dialog(qtbot, ctx):
    opened: list[Path] = []
    dlg = ExportPdfDialog(ctx, opener=opened.append, font_dirs=[])
    dlg.opened = opened  # type: ignore[attr-defined]
    qtbot.addWidget(dlg)
    return dlg


def text_of(pdf: Path) -> str:
    return "".join("".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def test_defaults_and_unsigned_export_opens_the_result(
    qtbot, dialog, ctx, tmp_path, screenshot
) -> None:
    assert dialog.out_edit.text().endswith("nanjing-2021-评分表.pdf")
    assert dialog.portrait.isChecked() and not dialog.sign_group.isChecked()
    assert dialog.windowTitle() == "导出 PDF 评分表" and dialog.export_button.text() == "导出"
    dialog.show()
    screenshot(dialog, "export_pdf_dialog", expect=["导出", "nanjing-2021-评分表.pdf"])
    out = tmp_path / "out" / "评分表"  # no suffix: the dialog adds .pdf
    dialog.out_edit.setText(str(out))
    dialog.layout_combo.setCurrentIndex(1)
    dialog.landscape.setChecked(True)
    dialog.audit_box.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=30000) as blocker:
        dialog.export_button.click()
    written = Path(str(blocker.args[0]))
    assert written == out.with_name("评分表.pdf") and written.exists()
    assert dialog.opened == [written]
    assert dialog.result_path == written and dialog.result() == dialog.DialogCode.Accepted
    text = text_of(written)
    assert "项目支出绩效自评表" in text and "调整记录" in text and "90.23" in text
    page = PdfReader(written).pages[0].mediabox
    assert float(page.width) > float(page.height)
    assert any(str(written) in m for m in ctx.messages)


def test_signed_export_then_verify(qtbot, dialog, tmp_path, p12, screenshot) -> None:
    out = tmp_path / "signed.pdf"
    dialog.out_edit.setText(str(out))
    dialog.open_box.setChecked(False)
    dialog.sign_group.setChecked(True)
    dialog.cert_edit.setText(str(p12))
    dialog.password_edit.setText(PASSWORD)
    dialog.show()
    screenshot(dialog, "export_pdf_dialog_signing", expect=[str(p12)])
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_button.click()
    assert out.exists() and dialog.opened == []  # "open after exporting" was off

    shown: list[VerifyResultDialog] = []
    run_verify_pdf_dialog(None, out, show=shown.append)
    (result,) = shown
    qtbot.addWidget(result)
    assert result.report.ok
    assert (
        "王单位" in result.details.toPlainText()
        and "证书未受信任（自签名）" in result.details.toPlainText()
    )
    result.show()
    screenshot(result, "verify_pdf_dialog", expect=["王单位"])

    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    run_verify_pdf_dialog(None, tampered, show=shown.append)
    qtbot.addWidget(shown[-1])
    assert not shown[-1].report.ok
    assert shown[-1].verdict.text() != result.verdict.text()


def test_wrong_password_keeps_the_dialog_open(qtbot, dialog, tmp_path, p12) -> None:
    out = tmp_path / "x.pdf"
    dialog.out_edit.setText(str(out))
    dialog.sign_group.setChecked(True)
    dialog.cert_edit.setText(str(p12))
    dialog.password_edit.setText("wrong")
    dialog.show()
    with qtbot.waitSignal(dialog.failed, timeout=30000) as blocker:
        dialog.export_button.click()
    assert "密码错误" in blocker.args[0]
    assert dialog.error_label.isVisible() and "密码错误" in dialog.error_label.text()
    assert dialog.isVisible() and not out.exists() and dialog.opened == []


def test_signing_without_a_certificate_is_refused(qtbot, dialog) -> None:
    dialog.sign_group.setChecked(True)
    dialog.show()
    with qtbot.waitSignal(dialog.failed, timeout=30000):
        dialog.export_button.click()
    assert dialog.error_label.isVisible() and dialog.result_path is None


def test_unwritable_target_is_reported(qtbot, dialog, tmp_path) -> None:
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x", encoding="utf-8")
    dialog.out_edit.setText(str(blocker_file / "x.pdf"))  # its "folder" is a file
    dialog.show()
    with qtbot.waitSignal(dialog.failed, timeout=30000):
        dialog.export_button.click()
    assert dialog.error_label.isVisible() and dialog.export_button.isEnabled()


def test_run_export_pdf_dialog_returns_none_when_cancelled(qtbot, ctx) -> None:
    def cancel() -> None:
        widget = QApplication.activeModalWidget()
        assert isinstance(widget, ExportPdfDialog)
        widget.reject()

    QTimer.singleShot(200, cancel)
    assert run_export_pdf_dialog(ctx, None, opener=lambda path: None) is None


def test_verify_compares_with_the_open_file(qtbot, ctx, dialog, tmp_path, p12) -> None:
    out = tmp_path / "signed.pdf"
    dialog.out_edit.setText(str(out))
    dialog.open_box.setChecked(False)
    dialog.sign_group.setChecked(True)
    dialog.cert_edit.setText(str(p12))
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        dialog.export_button.click()
    shown: list[VerifyResultDialog] = []
    run_verify_pdf_dialog(None, out, ef=ctx.ef, show=shown.append)
    assert shown[-1].report.fingerprint_matches is True
    ctx.ef.set_input("D41", {"override": "7", "reason": "复核后调整"})
    run_verify_pdf_dialog(None, out, ef=ctx.ef, show=shown.append)
    for d in shown:
        qtbot.addWidget(d)
    assert shown[-1].report.fingerprint_matches is False
    assert "导出之后已有变化" in shown[-1].verdict.text()
