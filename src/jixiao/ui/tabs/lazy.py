"""A tab built when it is first shown, so the window opens without the modules it needs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from jixiao.ui.context import TabContext
from jixiao.ui.read_only import apply_read_only


class LazyTab(QWidget):
    """Stands in for a tab until it is first shown."""

    def __init__(self, factory: Callable[[TabContext], QWidget], ctx: TabContext):
        super().__init__()
        self._factory, self._ctx = factory, ctx
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.widget: QWidget | None = None

    def build(self) -> QWidget:
        if self.widget is None:
            self.widget = self._factory(self._ctx)
            apply_read_only(self.widget, self._ctx.ef.readonly)  # a mode, set up front
            self._layout.addWidget(self.widget)
        return self.widget

    def showEvent(self, event) -> None:
        self.build()
        super().showEvent(event)
