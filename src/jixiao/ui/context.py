"""What every tab is given: the open file, the shared undo stack and a change hub.

Passed in explicitly (no global app object) so each tab can be built and tested alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:  # the window paints before any file is opened (bench/startup.py)
    from jixiao.storage.evaluation_file import EvaluationFile

# What changed, as sent on ChangeHub.changed; tabs refresh what depends on it.
CHANGED_INPUTS = "inputs"
CHANGED_PROJECTS = "projects"
CHANGED_EVIDENCE = "evidence"
CHANGED_SURVEYS = "surveys"
CHANGED_SYSTEM = "system"
CHANGED_META = "meta"


class ChangeHub(QObject):
    """Tabs announce writes here; the score sheet and summaries follow at once."""

    changed = Signal(str)


@dataclass
class TabContext:
    ef: EvaluationFile
    undo: QUndoStack
    hub: ChangeHub
    # Where a tab can ask the window to show a status-bar message.
    status: Callable[[str], None] = field(default=lambda message: None)
