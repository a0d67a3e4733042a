"""A small shared base for the tabs of the main window."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from jixiao.ui.context import TabContext
from jixiao.ui.read_only import EditLock


class BaseTab(QWidget):
    """A tab shows one aspect of the open evaluation file.

    Subclasses build their widgets in ``__init__`` and implement ``refresh`` to re-read
    what they show from ``self.ctx.ef``; they connect ``self.ctx.hub.changed`` for what
    other tabs change.
    """

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._edit_lock: EditLock | None = None

    @property
    def read_only(self) -> bool:
        return self._edit_lock is not None and self._edit_lock.locked

    @staticmethod
    def title() -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Re-read everything shown from the file."""

    # Every tab defines ``set_read_only(read_only)`` itself (a test checks it), naming the
    # controls that only view, so that a new tab is not left editable on a read-only file.
    def lock_editing(self, read_only: bool, view_only: Iterable[QObject] = ()) -> None:
        """Disable (or make read-only) every control under this tab that changes the file,
        except ``view_only`` ones; held so while locked (see jixiao.ui.read_only)."""
        if self._edit_lock is None:
            self._edit_lock = EditLock(self, view_only)
        self._edit_lock.set_locked(read_only)
