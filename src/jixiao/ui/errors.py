"""The UI end of the one error route (see jixiao.core.errors).

A ``UserError`` that reaches the top is shown as a plain Chinese message. Anything else is an
internal error: its full traceback goes to the log file (also in the windowed exe, where there
is no stderr) and a dialog says so and where the log is, with a copyable report.

What was already saved stays intact: every write is its own transaction, so an exception
in the middle of one rolls it back before it reaches here.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jixiao import __version__
from jixiao.core.errors import UserError

log = logging.getLogger("jixiao")
translate = QCoreApplication.translate


def log_file_path() -> Path | None:
    """The file the program logs to (the first file handler of the jixiao or root logger)."""
    for logger in (log, logging.getLogger()):
        for handler in logger.handlers:
            if isinstance(handler, logging.FileHandler) and handler.baseFilename != os.devnull:
                return Path(handler.baseFilename)
    return None


class ErrorDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None, log_path: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("ErrorDialog", "Unexpected error"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        text = translate(
            "ErrorDialog",
            "Something went wrong. Your saved work is safe. "
            "Please send the report below to your support contact.",
        )
        if log_path is not None:
            text += "\n" + QCoreApplication.translate(
                "ErrorDialog", "The full report was written to the log file: %1"
            ).replace("%1", str(log_path))
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(label)
        self.message = label
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(
            translate("ErrorDialog", "Copy report"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def format_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    return f"Jixiao {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n\n" + "".join(
        lines
    )


def show_user_error(parent: QWidget | None, exc: UserError) -> None:
    QMessageBox.warning(parent, translate("ErrorDialog", "Cannot continue"), str(exc))


def install_excepthook(
    parent_getter: Callable[[], QWidget | None] = lambda: None, show: bool = True
) -> None:
    """Route exceptions that escape a slot: user errors as messages, the rest to the log."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, UserError):
            log.warning("refused: %s", exc)
            if show and QCoreApplication.instance() is not None:
                show_user_error(parent_getter(), exc)
            return
        report = format_report(exc_type, exc, tb)
        log.error("internal error\n%s", report)
        if show and QCoreApplication.instance() is not None:
            ErrorDialog(report, parent_getter(), log_file_path()).exec()

    sys.excepthook = hook
