"""The undoable replacement of the indicator system (the one op base: jixiao.ui.operations)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from jixiao.core.model import IndicatorSystem
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.ui.context import TabContext, What
from jixiao.ui.operations import UndoableOp


class ReplaceSystemCommand(UndoableOp):
    """Undoable replacement of the indicator system; inputs that no longer fit are dropped
    (and come back on undo), inputs of a renamed indicator are carried to its new code."""

    what = What.SYSTEM

    def __init__(
        self,
        ctx: TabContext,
        old: IndicatorSystem,
        new: IndicatorSystem,
        stored: dict[str, dict[str, Any]],
        reason: str,
        carried: dict[str, tuple[str, dict[str, Any]]] | None = None,
    ):
        super().__init__(
            ctx, QCoreApplication.translate("IndicatorEditor", "Edit indicator system"), reason
        )
        self.old, self.new, self.stored = old, new, stored
        self.carried = carried or {}  # inputs moved to a renamed code
        self.dropped: dict[str, dict[str, Any]] = {}

    def do(self) -> None:
        with self.ef.transaction():
            dropped = self.ef.replace_system(self.new, self.reason)
            _carry(self.ef, self.carried)
        self.dropped = {c: self.stored[c] for c in dropped if c in self.stored}

    def revert(self) -> None:
        with self.ef.transaction():
            self.ef.replace_system(self.old, "撤销：" + self.reason)
            for code, raw in self.dropped.items():
                self.ef.set_input(code, raw, reason="撤销修改指标体系，恢复录入数据")


def _carry(ef: EvaluationFile, carried: dict[str, tuple[str, dict[str, Any]]]) -> None:
    for old_code, (new_code, raw) in carried.items():
        ef.set_input(new_code, raw, reason=f"指标编码由 {old_code} 改为 {new_code}")
