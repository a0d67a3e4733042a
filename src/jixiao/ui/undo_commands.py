"""Undoable edits of the score sheet's inputs (the one op base: jixiao.ui.operations)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from jixiao.ui.context import TabContext, What
from jixiao.ui.operations import UndoableOp


class SetInputCommand(UndoableOp):
    what = What.INPUTS

    def __init__(
        self, ctx: TabContext, code: str, old: dict[str, Any] | None, new: dict[str, Any] | None
    ):
        super().__init__(
            ctx, QCoreApplication.translate("UndoCommands", "Edit %1").replace("%1", code)
        )
        self.code, self.old, self.new = code, old, new

    def do(self) -> None:
        self.ef.set_input(self.code, self.new)

    def revert(self) -> None:
        self.ef.set_input(
            self.code, self.old, reason=QCoreApplication.translate("UndoCommands", "Undo")
        )
