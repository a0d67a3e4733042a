"""A seeded random user for the real main window: the GUI soak test.

It does what a person does, quickly and without a plan: clicks visible buttons, check boxes,
combo boxes and rows of trees and tables, double-clicks cells, types digits, text and Chinese
into whatever has the focus, presses Tab / Shift+Tab / Enter / Escape / arrows / Delete,
switches tabs, presses Ctrl+Z / Ctrl+Y, and opens dialogs, which a timer answers at once
(mostly Cancel, sometimes OK) so the run never blocks on a modal window.

After every event it checks that no exception escaped a slot (``sys.excepthook`` is
replaced while the driver runs) and that the window is alive. ``finish()`` checks the file
(PRAGMA integrity_check) and that the score sheet recomputes to what the tab shows.

Used by tests/ui/test_soak.py (a few thousand events over several seeds) and tools/soak.py
(any number, with events per second).
"""

from __future__ import annotations

import random
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QDesktopServices, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

TEXTS = [
    "0",
    "1",
    "0.5",
    "1.5",
    "9",
    "12",
    "100",
    "-1",
    "95%",
    "0.9434",
    "3/4",
    "abc",
    "满意",
    "南京市大数据管理局",
    "部分目标未达成，扣 0.5 分",
    "１２．５",
    " ",
    "=1+1",
    "",
]
KEYS = [
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier),
    (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier),
]
# Buttons that would leave the open file (a new / another file) are answered by the modal
# closer anyway; these would hand the file to the outside world and are skipped.
SKIPPED_TEXTS = ("Open", "打开")
SKIPPED_MENU = ("&Open", "Open", "打开")


@dataclass
class SoakResult:
    seed: int
    events: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    dialogs_answered: int = 0
    misfile_checks: int = 0  # times the score form was checked against the selection
    exceptions: list[str] = field(default_factory=list)
    integrity: str = ""
    total_shown: str = ""
    total_recomputed: str = ""

    @property
    def ok(self) -> bool:
        return (
            not self.exceptions
            and self.integrity == "ok"
            and self.total_shown == self.total_recomputed
        )


def type_into(widget: QWidget, text: str) -> None:
    """ASCII as key presses; Chinese as an input method commits it (QTest has no keys for it)."""
    run = ""
    for char in text + "\0":
        if char.isascii() and run:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if char == "\0":
            break
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            run += char


class ModalCloser:
    """Answers any modal dialog, message box or popup menu as soon as it appears."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.answered = 0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._close)
        self.timer.start()

    def _close(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
            self.answered += 1
            return
        modal = QApplication.activeModalWidget()
        if modal is None:
            return
        self.answered += 1
        if isinstance(modal, QMessageBox) and self.rng.random() < 0.4:
            default = modal.defaultButton()
            if default is not None:
                default.click()
                return
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()

    def stop(self) -> None:
        self.timer.stop()


class SoakDriver:
    def __init__(self, window, seed: int):
        self.window = window
        self.rng = random.Random(seed)
        self.result = SoakResult(seed)
        self._old_hook: Callable | None = None
        self._actions: list[tuple[float, str, Callable[[], None]]] = [
            (4, "click_row", self.click_row),
            (1, "double_click_cell", self.double_click_cell),
            (3, "click_widget", self.click_widget),
            (3, "type_text", self.type_text),
            (3, "press_key", self.press_key),
            (1, "switch_tab", self.switch_tab),
            (1, "undo_redo", self.undo_redo),
            (0.3, "dialog", self.open_dialog),
        ]
        self._weights = [w for w, _, _ in self._actions]

    # ------------------------------------------------------------------ running
    def __enter__(self) -> SoakDriver:
        self._old_hook = sys.excepthook
        sys.excepthook = self._hook
        # Nothing leaves the program: no external viewer, no browser.
        self._old_open = QDesktopServices.openUrl
        QDesktopServices.openUrl = staticmethod(lambda url: True)  # type: ignore[method-assign]
        self.closer = ModalCloser(self.rng)
        return self

    def __exit__(self, *exc: object) -> None:
        self.closer.stop()
        self.result.dialogs_answered = self.closer.answered
        sys.excepthook = self._old_hook or sys.__excepthook__
        QDesktopServices.openUrl = self._old_open  # type: ignore[method-assign]

    def _hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.result.exceptions.append("".join(traceback.format_exception(exc_type, exc, tb)))

    def run(self, events: int, on_event: Callable[[int], None] | None = None) -> SoakResult:
        for i in range(events):
            _weight, kind, action = self.rng.choices(self._actions, self._weights)[0]
            action()
            QApplication.processEvents()
            self.result.events += 1
            self.result.by_kind[kind] = self.result.by_kind.get(kind, 0) + 1
            if not shiboken6.isValid(self.window) or not self.window.isVisible():
                self.result.exceptions.append(f"window gone after event {i} ({kind})")
                break
            self._check_score_form()
            if self.result.exceptions:
                self.result.exceptions[-1] = f"event {i} ({kind}):\n" + self.result.exceptions[-1]
                break
            if on_event is not None:
                on_event(i)
        return self.result

    def _check_score_form(self) -> None:
        """Whatever is typed goes to the indicator the form shows, and the form shows the
        indicator selected in the tree (or nothing): no value can land on another one."""
        tab = self.window.score_tab
        editor = tab.editor
        shown = editor.indicator.code if editor.indicator is not None else None
        current = tab.current_code()
        node = tab._system.find(current) if current and tab._system else None
        expected = current if node is not None and node.is_leaf else None
        if shown != expected:
            self.result.exceptions.append(
                f"score form shows {shown!r} while {current!r} is selected"
            )
        self.result.misfile_checks += 1

    def finish(self) -> SoakResult:
        """The file is sound and the score sheet recomputes to what the tab shows."""
        QApplication.processEvents()
        ef = self.window.ef
        self.result.integrity = ef.db.execute("PRAGMA integrity_check").fetchone()[0]
        tab = self.window.score_tab
        tab.refresh()
        self.result.total_shown = tab.summary.total_text()
        sheet = ef.score_sheet()
        tab.summary.show_sheet(sheet)
        self.result.total_recomputed = tab.summary.total_text()
        return self.result

    # ------------------------------------------------------------------ what to act on
    def _current_tab(self) -> QWidget:
        return self.window.tabs.currentWidget()

    def _visible(self, kind: type, root: QWidget | None = None) -> list:
        root = root or self._current_tab()
        return [
            w
            for w in root.findChildren(kind)
            if w.isVisible() and w.isEnabled() and w.width() > 2 and w.height() > 2
        ]

    # ------------------------------------------------------------------ events
    def click_row(self) -> None:
        views = self._visible(QAbstractItemView)
        if not views:
            return
        view = self.rng.choice(views)
        model = view.model()
        if model is None or model.rowCount() == 0:
            return
        index = model.index(self.rng.randrange(model.rowCount()), 0)
        if index.isValid() and model.rowCount(index) > 0 and self.rng.random() < 0.7:
            index = model.index(self.rng.randrange(model.rowCount(index)), 0, index)
        # A list view's model hides columnCount (QAbstractListModel): it has one column.
        columns = 1 if isinstance(view, QListView) else model.columnCount(index.parent())
        if columns > 1:
            index = index.siblingAtColumn(self.rng.randrange(columns))
        view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        rect = view.visualRect(index)
        if rect.isValid() and view.viewport().rect().contains(rect.center()):
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    def double_click_cell(self) -> None:
        views = self._visible(QAbstractItemView)
        if not views:
            return
        view = self.rng.choice(views)
        model = view.model()
        if model is None or model.rowCount() == 0:
            return
        columns = 1 if isinstance(view, QListView) else model.columnCount()
        index = model.index(self.rng.randrange(model.rowCount()), self.rng.randrange(columns))
        view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        rect = view.visualRect(index)
        if rect.isValid() and view.viewport().rect().contains(rect.center()):
            QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            if self.rng.random() < 0.7:
                self.type_text()
                self.press_key()

    def click_widget(self) -> None:
        candidates = [
            w
            for w in self._visible(QWidget)
            if isinstance(w, QAbstractButton | QLineEdit | QComboBox | QAbstractSpinBox)
            and not (isinstance(w, QAbstractButton) and w.text().startswith(SKIPPED_TEXTS))
        ]
        if not candidates:
            return
        widget = self.rng.choice(candidates)
        pos = QPoint(
            self.rng.randrange(1, max(2, widget.width() - 1)),
            self.rng.randrange(1, max(2, widget.height() - 1)),
        )
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def type_text(self) -> None:
        focus = QApplication.focusWidget()
        if focus is None or not isinstance(
            focus, QLineEdit | QAbstractSpinBox | QComboBox | QPlainTextEdit
        ):
            return
        if self.rng.random() < 0.5:
            QTest.keyClick(focus, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_into(focus, self.rng.choice(TEXTS))
        if self.rng.random() < 0.3:
            self.press_key()

    def press_key(self) -> None:
        key, modifier = self.rng.choice(KEYS)
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifier)

    def switch_tab(self) -> None:
        bar: QTabBar = self.window.tabs.tabBar()
        index = self.rng.randrange(bar.count())
        QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())

    def undo_redo(self) -> None:
        key = Qt.Key.Key_Z if self.rng.random() < 0.6 else Qt.Key.Key_Y
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, Qt.KeyboardModifier.ControlModifier)
        if self.rng.random() < 0.5:  # Edit ▸ Undo / Redo, whatever has the focus
            stack = self.window.undo
            (stack.undo if key == Qt.Key.Key_Z else stack.redo)()

    def open_dialog(self) -> None:
        """A menu action that opens a dialog (answered by the closer at once)."""
        actions = [
            a
            for a in self.window.findChildren(QAction)
            if a.isEnabled() and "…" in a.text() and not a.text().startswith(SKIPPED_MENU)
        ]
        if actions:
            self.rng.choice(actions).trigger()


def make_window(path, settings_path):
    """The main window on the evaluation at ``path``, shown and active, as the program does."""
    from jixiao.app import build_window
    from jixiao.storage.evaluation_file import EvaluationFile
    from jixiao.ui.fonts import ensure_cjk_font
    from jixiao.ui.settings import AppSettings

    app = QApplication.instance()
    ensure_cjk_font(app)
    window = build_window(app, AppSettings(settings_path))
    window.resize(1400, 860)
    window.set_file(EvaluationFile.open(path, user="随机测试"))
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    return window


__all__ = ["SoakDriver", "SoakResult", "make_window"]
