"""The window tells the user about the file: someone else has it, read-only, changed outside."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from jixiao.app import build_window
from jixiao.storage import lockfile
from jixiao.ui.file_safety import AcceptChangesDialog, TrustListDialog
from jixiao.ui.settings import AppSettings


def _click_button(text: str) -> None:
    """Answer the modal box that is open now by clicking the button a person would click."""
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox), box
    buttons = {b.text(): b for b in box.findChildren(QPushButton)}
    if text not in buttons:
        box.reject()  # never leave a modal box open: the test would hang
        raise AssertionError(f"no button {text!r} in {list(buttons)}")
    QTest.mouseClick(buttons[text], Qt.MouseButton.LeftButton)


def test_file_open_elsewhere_offers_read_only_and_shows_a_banner(
    zh_app, qtbot, tmp_path: Path, sample_path: Path
) -> None:
    lockfile.lock_path(sample_path).write_text(
        json.dumps({"user": "张三", "machine": "PC-01", "pid": 1, "time": "2026-03-02T14:05:00"}),
        encoding="utf-8",
    )
    window = build_window(zh_app, AppSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 700)
    seen: list[str] = []

    def answer() -> None:
        seen.append(QApplication.activeModalWidget().text())  # type: ignore[union-attr]
        _click_button("只读打开")

    QTimer.singleShot(0, answer)
    assert window.open_path(sample_path)
    assert "文件正由 张三（PC-01）" in seen[0]
    window.show()
    banner = window.centralWidget().banner
    assert window.ef is not None and window.ef.readonly
    assert banner.isVisible() and "只读" in banner.label.text()
    assert "文件正由 张三（PC-01）" in banner.label.text()
    assert not window.indicator_action.isEnabled() and not window.properties_action.isEnabled()
    assert window.export_pdf_action.isEnabled()
    window.grab().save(str(tmp_path / "read_only_banner.png"))
    assert json.loads(lockfile.lock_path(sample_path).read_text("utf-8"))["user"] == "张三"
    window.close()


def test_outside_change_is_flagged_and_accepted_with_a_reason(
    zh_app, qtbot, tmp_path: Path, sample_path: Path, monkeypatch
) -> None:
    conn = sqlite3.connect(sample_path)
    with conn:
        conn.execute("UPDATE projects SET paid = '1' WHERE id = 3")
    conn.close()
    window = build_window(zh_app, AppSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.resize(1200, 700)
    assert window.open_path(sample_path)
    window.show()
    banner = window.centralWidget().banner
    assert "文件在本程序之外被修改" in banner.label.text() and "projects" in banner.label.text()
    window.grab().save(str(tmp_path / "outside_change_banner.png"))

    def fill_and_ok() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AcceptChangesDialog)
        dialog.grab().save(str(tmp_path / "accept_dialog.png"))
        QTest.mouseClick(dialog.reason, Qt.MouseButton.LeftButton)
        dialog.reason.insert("已与台账原件核对")  # what an input method commits
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_and_ok)
    QTest.mouseClick(banner.accept_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    assert window.ef is not None and window.ef.signing_blockers() == []
    accept = next(e for e in window.ef.audit_log() if e.action == "integrity.accept")
    assert accept.reason == "已与台账原件核对"
    window.close()
    assert not lockfile.lock_path(sample_path).exists()


def test_trust_list_dialog_adds_and_removes(zh_app, qtbot, tmp_path: Path) -> None:
    from jixiao.export.signing import create_self_signed_pkcs12
    from jixiao.export.trust_store import TrustStore

    p12 = create_self_signed_pkcs12(tmp_path / "colleague.p12", "pw", "李复核", "某某局")
    dialog = TrustListDialog(store=TrustStore(tmp_path / "trust"))
    qtbot.addWidget(dialog)
    dialog.add_certificate(str(p12), "pw")
    assert dialog.list.count() == 1 and "李复核" in dialog.list.item(0).text()
    dialog.show()
    dialog.grab().save(str(tmp_path / "trust_dialog.png"))
    dialog.list.setCurrentRow(0)
    QTest.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0


def test_a_refused_write_in_the_gui_is_a_message_not_a_traceback(
    zh_app, qtbot, sample_path: Path, monkeypatch
) -> None:
    import sys

    from jixiao.storage.database import ReadOnlyError
    from jixiao.ui.errors import ErrorDialog, install_excepthook

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append("traceback dialog"))
    old = sys.excepthook
    install_excepthook()
    try:
        sys.excepthook(ReadOnlyError, ReadOnlyError("文件 a.jixiao 以只读方式打开"), None)
    finally:
        sys.excepthook = old
    assert shown == ["文件 a.jixiao 以只读方式打开"]
