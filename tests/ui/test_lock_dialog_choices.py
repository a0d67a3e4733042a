"""The lock dialog's 打开副本 and 接管, answered by clicking, and what stays in the folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QPushButton

from jixiao.app import build_window
from jixiao.storage import lockfile
from jixiao.ui.settings import AppSettings


def _modal_box() -> QMessageBox:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox), box
    return box


def _click(button: QPushButton | None, box: QMessageBox) -> None:
    if button is None:
        box.reject()  # never leave a modal box open: the test would hang
        raise AssertionError("button not found")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_text(text: str) -> None:
    box = _modal_box()
    _click({b.text(): b for b in box.findChildren(QPushButton)}.get(text), box)


def _answer(standard: QMessageBox.StandardButton, seen: list[str], then=None) -> None:
    box = _modal_box()
    seen.append(box.text())
    if then is not None:
        then()
    _click(box.button(standard), box)  # type: ignore[arg-type]


def _foreign_lock(path: Path, machine: str = "PC-01", pid: int = 4242) -> dict:
    record = {"user": "张三", "machine": machine, "pid": pid, "time": "2026-03-02T14:05:00"}
    lockfile.lock_path(path).write_text(json.dumps(record), encoding="utf-8")
    return record


@pytest.fixture
def window(zh_app, qtbot, tmp_path: Path):
    settings = AppSettings(tmp_path / "s.ini")
    settings.user_name = "李四"
    win = build_window(zh_app, settings)
    qtbot.addWidget(win)
    yield win
    win.close()


@pytest.fixture
def shared(tmp_path: Path, sample_path: Path) -> Path:
    folder = tmp_path / "共享盘"
    folder.mkdir()
    return Path(shutil.copy2(sample_path, folder / "南京2021.jixiao"))


def test_open_a_copy_at_a_chosen_path_is_writable_and_has_the_data(
    window, shared: Path, tmp_path: Path, monkeypatch
) -> None:
    record = _foreign_lock(shared)
    target = tmp_path / "我的副本" / "南京2021-副本"
    target.parent.mkdir()
    proposed: list[str] = []

    def save_dialog(parent, title, start, *args, **kwargs):
        proposed.append(start)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    QTimer.singleShot(0, lambda: _click_text("打开副本"))
    assert window.open_path(shared)
    copy = target.with_suffix(".jixiao")
    assert "南京2021（副本 " in proposed[0]
    assert window.ef.path == copy and not window.ef.readonly
    assert window.ef.meta().fund == "南京市政务信息化专项资金"  # the data came along
    assert str(window.ef.score_sheet().total) == "90.23"
    assert window.tab(0).add_button.isEnabled()  # editing is on in the copy
    window.ef.set_meta(unit="复制后修改")
    # The original and its owner's lock record are untouched.
    assert json.loads(lockfile.lock_path(shared).read_text("utf-8")) == record
    assert json.loads(lockfile.lock_path(copy).read_text("utf-8"))["user"] == "李四"


def test_take_over_a_lock_from_another_machine_after_confirming(window, shared: Path) -> None:
    _foreign_lock(shared)
    seen: list[str] = []

    def take_over() -> None:
        QTimer.singleShot(0, lambda: _answer(QMessageBox.StandardButton.Yes, seen))
        _click_text("接管")

    QTimer.singleShot(0, take_over)
    assert window.open_path(shared)
    assert seen and "张三" in seen[0]  # asked first, naming who had it
    assert window.ef.path == shared and not window.ef.readonly
    ours = json.loads(lockfile.lock_path(shared).read_text("utf-8"))
    assert (ours["user"], ours["machine"], ours["pid"]) == (
        "李四",
        lockfile.machine_name(),
        os.getpid(),
    )
    window.ef.set_meta(unit="接管后修改")  # writable
    window.close()
    assert sorted(os.listdir(shared.parent)) == [shared.name]  # no lock record, no journal


def test_a_live_lock_on_this_machine_is_not_taken_over_without_confirming(
    window, shared: Path
) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        _live_lock_is_kept(window, shared, holder.pid)
    finally:
        holder.kill()
        holder.wait()


def _live_lock_is_kept(window, shared: Path, pid: int) -> None:
    record = _foreign_lock(shared, machine=lockfile.machine_name(), pid=pid)
    seen: list[str] = []

    def decline() -> None:
        QTimer.singleShot(0, lambda: _answer(QMessageBox.StandardButton.No, seen))
        _click_text("接管")

    QTimer.singleShot(0, decline)
    assert not window.open_path(shared)
    assert seen, "taking over a live lock must ask first"
    assert window.ef is None
    assert json.loads(lockfile.lock_path(shared).read_text("utf-8")) == record

    # Even confirmed, a holder still running here keeps its file: a message, no take-over.
    def then_ok() -> None:  # the refusal that follows the confirmation
        QTimer.singleShot(0, lambda: _answer(QMessageBox.StandardButton.Ok, seen))

    def confirm() -> None:
        QTimer.singleShot(0, lambda: _answer(QMessageBox.StandardButton.Yes, seen, then_ok))
        _click_text("接管")

    QTimer.singleShot(0, confirm)
    assert not window.open_path(shared)
    assert "仍在本机运行" in seen[-1]
    assert json.loads(lockfile.lock_path(shared).read_text("utf-8")) == record


def test_closing_the_window_leaves_only_the_evaluation_file(window, shared: Path) -> None:
    assert window.open_path(shared)
    window.tab(0)  # build a tab or two, as a user looking around does
    window.ef.set_meta(unit="关闭前修改")
    assert len(os.listdir(shared.parent)) > 1  # lock record (and journal) while open
    window.close()
    assert sorted(os.listdir(shared.parent)) == [shared.name]
