"""A small shared base for the tabs of the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from jixiao.ui.context import TabContext


class BaseTab(QWidget):
    """A tab shows one aspect of the open evaluation file.

    Subclasses build their widgets in ``__init__`` and implement ``refresh`` to re-read
    what they show from ``self.ctx.ef``; they connect ``self.ctx.hub.changed`` for what
    other tabs change.
    """

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx

    @staticmethod
    def title() -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Re-read everything shown from the file."""
