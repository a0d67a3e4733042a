"""Unexpected errors: logged to a file in the user data dir and shown with a copyable report.

What was already saved stays intact: every write is its own transaction, so an exception
in the middle of one rolls it back before it reaches here.
"""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jixiao import __version__

log = logging.getLogger("jixiao")


def tr(text: str) -> str:
    return QCoreApplication.translate("ErrorDialog", text)


class ErrorDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ErrorDialog", "Unexpected error"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        label = QLabel(
            QCoreApplication.translate(
                "ErrorDialog",
                "Something went wrong. Your saved work is safe. "
                "Please send the report below to your support contact.",
            )
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(
            QCoreApplication.translate("ErrorDialog", "Copy report"),
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


def install_excepthook(parent_getter=lambda: None, show: bool = True) -> None:
    def hook(exc_type, exc, tb):
        from jixiao.storage.database import StorageError

        if isinstance(exc, StorageError):  # read-only, disk full, locked: a message, no trace
            log.warning("storage error: %s", exc)
            if show and QCoreApplication.instance() is not None:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(
                    parent_getter(),
                    QCoreApplication.translate("ErrorDialog", "Cannot save"),
                    str(exc),
                )
            return
        report = format_report(exc_type, exc, tb)
        log.error("unexpected error\n%s", report)
        if show and QCoreApplication.instance() is not None:
            ErrorDialog(report, parent_getter()).exec()

    sys.excepthook = hook
