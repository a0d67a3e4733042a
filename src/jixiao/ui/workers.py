"""Run slow work (reading a large export) off the GUI thread, with progress and cancel.

    task = Task(lambda progress, should_cancel: load_survey(path, progress=progress,
                                                            should_cancel=should_cancel))
    task.progress.connect(bar.setValue)
    task.succeeded.connect(on_result)      # the function's return value
    task.failed.connect(on_error)          # Chinese message (ImportFileError and friends)
    task.cancelled.connect(on_cancelled)
    task.start()
    ...
    task.cancel()

The function must not touch Qt widgets or the evaluation file (SQLite connections belong to
the GUI thread): it only reads and computes; the caller writes the result on the GUI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from jixiao.importers.tables import ImportCancelled

Work = Callable[[Callable[[int], None], Callable[[], bool]], Any]

# Threads still running after their Task was deleted (tab closed mid-import): kept alive here
# until they stop, since destroying a running QThread aborts the program.
_ORPHANS: set[tuple[QThread, QObject]] = set()


class _Runner(QObject):
    progress = Signal(int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, work: Work, cancel_event: threading.Event):
        super().__init__()
        self._work = work
        self._cancel = cancel_event

    def run(self) -> None:
        try:
            result = self._work(self.progress.emit, self._cancel.is_set)
        except ImportCancelled:
            self.cancelled.emit()
        except (ValueError, OSError) as exc:  # ImportFileError, SurveyError, unreadable file
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.failed.emit(str(exc))
        except (
            Exception
        ) as exc:  # a bug must reach the user as a message, not kill the thread silently
            traceback.print_exc()
            self.failed.emit(f"导入时发生内部错误：{type(exc).__name__}: {exc}")
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.succeeded.emit(result)


class Task(QObject):
    """One background job. Signals arrive on the thread that created the Task (the GUI)."""

    progress = Signal(int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()  # after any of succeeded / failed / cancelled

    def __init__(self, work: Work, parent: QObject | None = None):
        super().__init__(parent)
        self._cancel = threading.Event()
        self._thread = QThread()
        self._runner = _Runner(work, self._cancel)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progress.connect(self.progress)
        self._runner.succeeded.connect(self._on_succeeded)
        self._runner.failed.connect(self._on_failed)
        self._runner.cancelled.connect(self._on_cancelled)
        self._done = False
        self.destroyed.connect(_make_orphan_handler(self._thread, self._runner, self._cancel))

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_running(self) -> bool:
        return self._thread.isRunning() and not self._done

    def wait(self, msecs: int = 30000) -> bool:
        return self._thread.wait(msecs)

    def _on_succeeded(self, result: object) -> None:
        # A cancel pressed after the work finished but before this arrived still wins.
        if self._cancel.is_set():
            self._on_cancelled()
            return
        self._finish_with(lambda: self.succeeded.emit(result))

    def _on_failed(self, message: str) -> None:
        self._finish_with(lambda: self.failed.emit(message))

    def _on_cancelled(self) -> None:
        self._finish_with(self.cancelled.emit)

    def _finish_with(self, emit: Callable[[], None]) -> None:
        if self._done:
            return
        self._done = True
        self._thread.quit()
        self._thread.wait()
        emit()
        self.finished.emit()


def _make_orphan_handler(
    thread: QThread, runner: QObject, cancel: threading.Event
) -> Callable[[], None]:
    """When a Task is deleted while its thread runs: cancel the work and keep the thread
    object alive until it has finished (no reference to the deleted Task is kept)."""

    def orphaned() -> None:
        if not thread.isRunning():
            return
        cancel.set()
        key = (thread, runner)
        _ORPHANS.add(key)
        thread.finished.connect(lambda: _ORPHANS.discard(key))
        thread.quit()

    return orphaned
