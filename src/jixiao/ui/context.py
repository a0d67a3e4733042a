"""What every tab is given: the open file, the shared undo stack and a change hub.

Passed in explicitly (no global app object) so each tab can be built and tested alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:  # the window paints before any file is opened (bench/startup.py)
    from jixiao.storage.evaluation_file import EvaluationFile


class What(StrEnum):
    """What part of the file a write changed; tabs refresh what depends on it."""

    INPUTS = "inputs"
    PROJECTS = "projects"
    EVIDENCE = "evidence"
    SURVEYS = "surveys"
    SYSTEM = "system"
    META = "meta"
    REPORT = "report"  # a section text of the 绩效自评价报告


# The names the tabs used before the change notices were typed; kept for other modules.
CHANGED_INPUTS = What.INPUTS
CHANGED_PROJECTS = What.PROJECTS
CHANGED_EVIDENCE = What.EVIDENCE
CHANGED_SURVEYS = What.SURVEYS
CHANGED_SYSTEM = What.SYSTEM
CHANGED_META = What.META


@dataclass(frozen=True)
class Change:
    """One change notice. ``project_ids``: the projects an edit touched (None: any, e.g. rows
    were added or removed), so the registry can re-read just those rows."""

    what: What
    project_ids: tuple[int, ...] | None = None

    def merged(self, other: Change) -> Change:
        if self.project_ids is None or other.project_ids is None:
            return Change(self.what, None)
        return Change(self.what, tuple(dict.fromkeys(self.project_ids + other.project_ids)))


def as_change(value: Change | What | str) -> Change:
    return value if isinstance(value, Change) else Change(What(value))


class ChangeHub(QObject):
    """Tabs announce writes here; every listener hears of them on the next turn of the event
    loop, never inside the signal that caused the write. A refresh that rebuilds widgets
    therefore never deletes the editor, combo or button that is still emitting (the crashes
    of the first wave: a form rebuilt inside its line edit's editingFinished, another tab
    refreshing while the registry's inline editor was committing)."""

    changed = Signal(object)  # Change

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pending: dict[What, Change] = {}
        self._scheduled = False

    def announce(self, change: Change | What | str) -> None:
        change = as_change(change)
        previous = self._pending.get(change.what)
        self._pending[change.what] = previous.merged(change) if previous else change
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self.flush)

    def discard_pending(self) -> None:
        """Forget notices not yet delivered (the file they were about is being closed)."""
        self._pending.clear()

    def flush(self) -> None:
        """Deliver the pending notices now (the event loop does this by itself)."""
        self._scheduled = False
        pending, self._pending = list(self._pending.values()), {}
        for change in pending:
            self.changed.emit(change)


@dataclass
class TabContext:
    ef: EvaluationFile
    undo: QUndoStack
    hub: ChangeHub
    # Where a tab can ask the window to show a status-bar message.
    status: Callable[[str], None] = field(default=lambda message: None)
    # Where a refused write that no dialog is waiting for is shown (e.g. an undo step that
    # meets a file changed since); the status bar unless the window gives a message box.
    error: Callable[[str], None] | None = None

    def report(self, message: str) -> None:
        (self.error or self.status)(message)
