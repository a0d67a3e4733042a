"""The one error route, in a process set up like the windowed exe (no stderr).

A deliberate bug inside a slot must land with its traceback in the log file, a user error is
logged as a refusal (no traceback), and a hard crash leaves its stack there via faulthandler.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jixiao.core.errors import UserError

CHILD = textwrap.dedent(
    """
    import sys
    sys.stderr = None  # as in the frozen windowed exe
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton
    from jixiao.app import setup_logging
    from jixiao.core.errors import UserError
    from jixiao.ui.errors import install_excepthook

    log_file = setup_logging()
    print(log_file, flush=True)
    app = QApplication([])
    install_excepthook(show=False)

    def buggy():
        {}["deliberate"]  # a KeyError nobody meant

    def refused():
        raise UserError("预算金额不能为负数", file="清单.xlsx", row=3, column="预算")

    for slot in (buggy, refused):
        button = QPushButton("x")
        button.clicked.connect(slot)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    if "--crash" in sys.argv:
        import faulthandler
        faulthandler._sigsegv()
    print("ALIVE", flush=True)
    """
)


def _run(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), APPDATA=str(tmp_path / "ad"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(script), *args], capture_output=True, text=True, env=env, timeout=120
    )
    log_file = Path(proc.stdout.splitlines()[0])
    return proc, log_file


def test_a_bug_inside_a_slot_lands_with_its_traceback_in_the_log(tmp_path: Path) -> None:
    proc, log_file = _run(tmp_path)
    assert "ALIVE" in proc.stdout, proc.stderr
    text = log_file.read_text(encoding="utf-8")
    assert "internal error" in text
    assert "Traceback (most recent call last)" in text
    assert "KeyError: 'deliberate'" in text and "in buggy" in text
    # The user's mistake is a refusal with its location, not a bug report.
    assert "refused: 文件“清单.xlsx”第 3 行“预算”列：预算金额不能为负数" in text
    assert "in refused" not in text


@pytest.mark.skipif(sys.platform == "win32", reason="SIGSEGV simulation")
def test_a_hard_crash_leaves_its_stack_in_the_log(tmp_path: Path) -> None:
    proc, log_file = _run(tmp_path, "--crash")
    assert proc.returncode != 0 and "ALIVE" not in proc.stdout
    text = log_file.read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text
    assert "child.py" in text


def test_user_errors_name_file_row_and_column() -> None:
    assert str(UserError("不是金额数字", file="a.xlsx", row=7, column="实际支付")) == (
        "文件“a.xlsx”第 7 行“实际支付”列：不是金额数字"
    )
    assert str(UserError("找不到评价文件")) == "找不到评价文件"
    assert not issubclass(ValueError, UserError)


def test_internal_error_dialog_says_where_the_log_is(cjk_app, qtbot, tmp_path, monkeypatch) -> None:
    import logging

    from jixiao.ui.errors import ErrorDialog, install_excepthook

    log_file = tmp_path / "jixiao.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger("jixiao").addHandler(handler)
    shown: list[ErrorDialog] = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self) or 0)
    old_hook = sys.excepthook
    try:
        install_excepthook()
        try:
            raise RuntimeError("故意")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
        logging.getLogger("jixiao").removeHandler(handler)
        handler.close()
    assert shown and str(log_file) in shown[0].message.text()
    qtbot.addWidget(shown[0])
