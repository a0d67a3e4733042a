"""The one pattern for a write from the UI (in the spirit of Anki's CollectionOp).

Every undoable edit is an ``UndoableOp``: ``do()`` and ``revert()`` write through
EvaluationFile (each one transaction with its audit-log row, ``reason`` going into the log),
``label`` is what Edit ▸ Undo shows, ``change()`` the typed notice the other tabs hear.
``run_op`` applies it before pushing it, so a refused write (a ``UserError``: validation,
duplicate, a file changed meanwhile) is reported once and never lands on the undo stack; a
failing undo or redo later (the file changed since) is reported the same way and the step
dropped. Anything else is a bug and goes the internal-error route (ui/errors.py).

Slow reading or computing before a write goes through ``jixiao.ui.workers.run_in_background``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from jixiao.core.errors import UserError
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.ui.context import Change, TabContext, What

log = logging.getLogger("jixiao")


class UndoableOp(QUndoCommand):
    """One undoable write. Subclasses set ``what`` and implement ``do`` and ``revert``."""

    what: What = What.INPUTS

    def __init__(self, ctx: TabContext, label: str, reason: str = ""):
        super().__init__(label)
        self.ctx = ctx
        self.reason = reason  # for the audit log, where the write takes one
        self._applied = False

    @property
    def ef(self) -> EvaluationFile:
        return self.ctx.ef

    @property
    def label(self) -> str:
        return self.text()

    # Hooks every concrete op overrides (QUndoCommand's metaclass rules out abc here).
    def do(self) -> None:
        """Write the change through EvaluationFile (audited, one transaction)."""
        raise NotImplementedError(f"{type(self).__name__} must implement do()")

    def revert(self) -> None:
        """Write the opposite change."""
        raise NotImplementedError(f"{type(self).__name__} must implement revert()")

    def change(self) -> Change:
        """What the other tabs are told; ops that know the rows they touched say so."""
        return Change(self.what)

    # ------------------------------------------------------------------ the machinery
    def apply(self) -> None:
        """The first run, before the push; raises UserError when the write is refused."""
        self.do()
        self._applied = True
        self._announce()

    def redo(self) -> None:
        if self._applied:  # the push right after apply(): already written
            self._applied = False
            return
        self._guarded(self.do)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except UserError as exc:
            # Nothing was written (one transaction); drop the step instead of a broken entry.
            log.warning("undo/redo of %r refused: %s", self.label, exc)
            self.setObsolete(True)
            self.ctx.report(str(exc))
        self._announce()

    def _announce(self) -> None:
        self.ctx.hub.announce(self.change())


def run_op(
    ctx: TabContext,
    op: UndoableOp,
    *,
    on_refused: Callable[[str], None] | None = None,
    follow: bool = True,
) -> bool:
    """Apply ``op`` and push it on the undo stack; a refused write is reported (to
    ``on_refused`` or the context) and nothing is pushed. With ``follow`` the change notices
    are delivered at once (the caller is a button, key or dialog); from inside an item
    editor or a field's signal pass ``follow=False``: the tabs then follow on the next turn
    of the event loop, after the editor has finished."""
    try:
        op.apply()
    except UserError as exc:
        (on_refused or ctx.report)(str(exc))
        return False
    ctx.undo.push(op)
    ctx.status(op.label)
    if follow:
        ctx.hub.flush()
    return True
