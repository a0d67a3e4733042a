"""Two small rules of the main window's editing, kept out of main_window.py."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


def redo_keys() -> list[QKeySequence]:
    """Ctrl+Y everywhere plus the platform's own redo keys, each once: a key bound twice to
    one action is ambiguous and does nothing (Redo is Ctrl+Y itself on Windows)."""
    keys = [QKeySequence("Ctrl+Y")]
    keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo) if k not in keys]
    return keys


def store_pending_typing(window: QWidget) -> None:
    """Fields store what is typed in them on focus-out: let that happen while the file is
    still open, not in the teardown after it closed."""
    focused = QApplication.focusWidget()
    if focused is not None and window.isAncestorOf(focused):
        focused.clearFocus()
