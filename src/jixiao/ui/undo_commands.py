"""Undoable edits of the evaluation file. redo()/undo() write through EvaluationFile, so
undoing is itself a recorded change in the audit log."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from jixiao.ui.context import CHANGED_INPUTS, TabContext


class SetInputCommand(QUndoCommand):
    def __init__(
        self, ctx: TabContext, code: str, old: dict[str, Any] | None, new: dict[str, Any] | None
    ):
        super().__init__(QCoreApplication.translate("UndoCommands", "Edit %1").replace("%1", code))
        self.ctx, self.code, self.old, self.new = ctx, code, old, new

    def redo(self) -> None:
        self.ctx.ef.set_input(self.code, self.new)
        self.ctx.hub.announce(CHANGED_INPUTS)

    def undo(self) -> None:
        self.ctx.ef.set_input(
            self.code, self.old, reason=QCoreApplication.translate("UndoCommands", "Undo")
        )
        self.ctx.hub.announce(CHANGED_INPUTS)
