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

A long WRITE cannot go to a worker thread (the file's connection is the GUI thread's, and a
second connection writing would look like an edit behind the program's back to the tamper
check). ``run_in_steps`` drives such a write on the GUI thread instead: a generator that
holds one transaction open in its frame and yields after each chunk (e.g.
``storage.evidence.attach_steps``), advanced by a QTimer a time slice per turn of the event
loop, behind an application-modal progress dialog. Between chunks only painting and the
progress dialog run: every other window is blocked for input, so nothing else can write into
the open transaction. Cancel closes the generator, which rolls the transaction back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal
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
    _follow_in_dialog(task, dialog, parent, label, on_success, on_failure, on_cancel)
    return task


Steps = Generator[tuple[int, int], None, Any]  # yields (done, total); returns the result
STEP_SLICE_MS = 40  # work per turn of the event loop: painting stays smooth


class StepJob(QObject):
    """A write driven in steps on the GUI thread (see the module docstring)."""

    progress = Signal(int)  # permille
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, steps: Steps, parent: QObject | None = None):
        super().__init__(parent)
        self._steps = steps
        self._slice = STEP_SLICE_MS / 1000
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._done = False
        self.destroyed.connect(_make_abandon_handler(steps))

    def start(self) -> None:
        self._timer.start()

    def is_running(self) -> bool:
        return not self._done

    def cancel(self) -> None:
        """Roll back what was written so far (the generator's transaction) and stop."""
        if self._done:
            return
        self._finish()
        try:
            self._steps.close()  # GeneratorExit inside the transaction: rolled back
        except Exception:
            log.exception("internal error while cancelling a stepped write")
        self.cancelled.emit()
        self.finished.emit()

    def _tick(self) -> None:
        end = time.monotonic() + self._slice
        try:
            while True:
                done, total = next(self._steps)
                if time.monotonic() >= end:
                    break
        except StopIteration as stop:
            self._finish()
            self.succeeded.emit(stop.value)
            self.finished.emit()
            return
        except (UserError, OSError) as exc:  # rolled back by the generator's transaction
            self._fail(str(exc) if isinstance(exc, UserError) else describe_os_error(exc))
            return
        except Exception:
            log.exception("internal error in a stepped write")
            self._fail(internal_error_message())
            return
        self.progress.emit(int(done * 1000 / total) if total else 0)

    def _fail(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
        self.finished.emit()

    def _finish(self) -> None:
        self._done = True
        self._timer.stop()


def _make_abandon_handler(steps: Steps) -> Callable[[], None]:
    """A job deleted before it finished (its tab torn down): close the generator, so its
    transaction is rolled back now rather than whenever the generator is collected."""

    def abandoned() -> None:
        try:
            steps.close()
        except Exception:  # the file was closed first: SQLite discarded the transaction
            log.warning("stepped write abandoned after its file was closed")

    return abandoned


def run_in_steps(
    parent: QWidget,
    label: str,
    steps: Steps,
    *,
    on_success: Callable[[Any], None],
    on_failure: Callable[[str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
) -> StepJob:
    """Drive ``steps`` (a write holding one transaction) on the GUI thread behind an
    application-modal progress dialog with Cancel; exactly one callback runs at the end."""
    job = StepJob(steps, parent)
    dialog = QProgressDialog(
        label, QCoreApplication.translate("Background", "Cancel"), 0, 1000, parent
    )
    # Application-modal: while the transaction is open no other window takes input, so no
    # other write can join it (window-modal would leave other top-level windows open).
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    job.progress.connect(dialog.setValue)
    _follow_in_dialog(job, dialog, parent, label, on_success, on_failure, on_cancel)
    return job


def _follow_in_dialog(
    job: Task | StepJob,
    dialog: QProgressDialog,
    parent: QWidget,
    label: str,
    on_success: Callable[[Any], None],
    on_failure: Callable[[str], None] | None,
    on_cancel: Callable[[], None] | None,
) -> None:
    """Start ``job`` behind ``dialog``: Cancel cancels it, the dialog closes before exactly one
    callback runs on the GUI thread, and both are deleted once the job has finished."""
    dialog.canceled.connect(job.cancel)
    closed: list[bool] = []

    def close() -> None:
        # Before any callback: it may open the next dialog (mapping, preview, message).
        if not closed:
            closed.append(True)
            dialog.canceled.disconnect(job.cancel)
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
        job.deleteLater()

    job.succeeded.connect(succeeded)
    job.failed.connect(failed)
    job.cancelled.connect(cancelled)
    job.finished.connect(finished)
    job.start()
