"""The one helper for slow work (CollectionOp/QueryOp's background half): a worker thread,
progress, cancel, and success / failure / cancel callbacks back on the GUI thread. No nested
event loop and no event pumping from inside the work: the window keeps painting because the
GUI thread is free.

    run_in_background(
        parent, "正在读取…",
        lambda progress, should_cancel: read_table(path, progress=progress,
                                                   should_cancel=should_cancel),
        on_success=self._continue_with_table,
    )

The work must not touch Qt widgets or the open evaluation file (SQLite connections belong to
the GUI thread): it reads files, hashes, computes, or reads stored content through its own
read-only connection; the caller writes the result on the GUI thread in one transaction.
Errors follow the one route (jixiao.core.errors): a UserError or an unreadable file fails
with its Chinese message; anything else is a bug, logged with its traceback, and the message
says where the log is. ``Task`` is the lower-level object for callers that keep their own
progress display (the survey tab, the PDF export dialog).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from jixiao.core.errors import OperationCancelled, UserError, describe_os_error

log = logging.getLogger("jixiao")

# progress(permille or any int the caller chose), should_cancel() -> result
Work = Callable[[Callable[[int], None], Callable[[], bool]], Any]

# Threads still running after their Task was deleted (tab closed mid-import): kept alive here
# until they stop, since destroying a running QThread aborts the program.
_ORPHANS: set[tuple[QThread, QObject]] = set()


def internal_error_message() -> str:
    from jixiao.ui.errors import log_file_path

    where = log_file_path()
    text = "程序内部错误，操作未完成，已保存的数据不受影响。"
    return text + (f"详细信息已写入日志文件：{where}" if where else "")


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
        except OperationCancelled:
            self.cancelled.emit()
        except (UserError, OSError) as exc:  # ImportFileError, SurveyError, unreadable file
            if self._cancel.is_set():
                self.cancelled.emit()
            elif isinstance(exc, UserError):
                self.failed.emit(str(exc))
            else:
                self.failed.emit(describe_os_error(exc))
        except Exception:  # a bug: its traceback to the log, a message that says where
            log.exception("internal error in background work")
            self.failed.emit(internal_error_message())
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


def run_in_background(
    parent: QWidget,
    label: str,
    work: Work,
    *,
    on_success: Callable[[Any], None],
    on_failure: Callable[[str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    maximum: int = 1000,
    cancellable: bool = True,
) -> Task:
    """Run ``work`` on a worker thread behind a window-modal progress dialog (shown only if
    the work takes more than half a second). Exactly one of the callbacks runs, on the GUI
    thread; a failure without ``on_failure`` is shown in a message box."""
    task = Task(work, parent)
    dialog = QProgressDialog(
        label,
        QCoreApplication.translate("Background", "Cancel") if cancellable else "",
        0,
        maximum,
        parent,
    )
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    task.progress.connect(dialog.setValue)
    dialog.canceled.connect(task.cancel)

    closed: list[bool] = []

    def close() -> None:
        # Before any callback: it may open the next dialog (mapping, preview, message).
        if not closed:
            closed.append(True)
            dialog.canceled.disconnect(task.cancel)
            dialog.reset()
            dialog.hide()

    def succeeded(result: Any) -> None:
        close()
        on_success(result)

    def failed(message: str) -> None:
        close()
        if on_failure is not None:
            on_failure(message)
        else:
            QMessageBox.warning(parent, label.rstrip("…."), message)

    def cancelled() -> None:
        close()
        if on_cancel is not None:
            on_cancel()

    def finished() -> None:
        dialog.deleteLater()
        task.deleteLater()

    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    task.cancelled.connect(cancelled)
    task.finished.connect(finished)
    task.start()
    return task
