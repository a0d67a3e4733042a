"""Read-only is a mode, not an error: while a file is open read-only, every control that would
change it is disabled (buttons, choices) or read-only (text fields), up front.

One ``EditLock`` per tab keeps it so: code that re-enables a button when the selection changes,
or a form rebuilt for another indicator, is caught and held disabled. Controls that only view
(search, filters, export, verify, open an attachment) are marked with ``mark_view_only`` and
stay usable. ``release`` gives every control back the state its own code last asked for.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

VIEW_ONLY = "jixiaoViewOnly"
FORCE_DISABLED = Qt.WidgetAttribute.WA_ForceDisabled
TEXT_TYPES = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
DISABLE_TYPES = (QAbstractButton, QComboBox, QAbstractSlider)


def mark_view_only(*objects: QObject) -> None:
    """These controls (and actions) only look at the file: they stay usable read-only."""
    for obj in objects:
        obj.setProperty(VIEW_ONLY, True)


def apply_read_only(tab: QWidget, read_only: bool) -> None:
    """Put a tab in or out of read-only mode. A tab that does not define ``set_read_only``
    (one not wired yet) gets every control locked, view-only ones included."""
    setter = getattr(tab, "set_read_only", None)
    if setter is not None:
        setter(read_only)
    elif read_only:
        EditLock(tab).set_locked(True)


def is_view_only(obj: QObject) -> bool:
    return bool(obj.property(VIEW_ONLY))


def editing_controls(root: QWidget) -> list[QObject]:
    """What a person could still use to change the file under ``root``: enabled buttons and
    choices, writable text fields, editable item views and enabled actions not marked as
    view-only. Empty when read-only mode holds (the test walks every tab with this)."""
    found: list[QObject] = []
    for w in [root, *root.findChildren(QWidget)]:
        if is_view_only(w):
            continue
        if isinstance(w, TEXT_TYPES):
            if w.isEnabled() and not w.isReadOnly():
                found.append(w)
        elif isinstance(w, DISABLE_TYPES):
            if w.isEnabled():
                found.append(w)
        elif (
            isinstance(w, QAbstractItemView)
            and w.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
        ):
            found.append(w)
        found.extend(a for a in w.actions() if a.isEnabled() and not is_view_only(a))
    return found


class EditLock(QObject):
    """Holds the editing controls under ``root`` disabled while locked."""

    def __init__(self, root: QWidget, view_only: Iterable[QObject] = ()):
        super().__init__(root)
        self.root = root
        self.locked = False
        mark_view_only(*view_only)
        self._wanted: dict[QObject, bool] = {}  # what the control's own code last asked for
        self._saved_triggers: dict[QAbstractItemView, object] = {}
        self._saved_readonly: dict[QWidget, bool] = {}
        self._busy = False

    # ------------------------------------------------------------------ switching
    def set_locked(self, locked: bool) -> None:
        if locked == self.locked:
            return
        self.locked = locked
        if locked:
            self._lock_tree(self.root)
        else:
            self._release()

    def _lock_tree(self, top: QWidget) -> None:
        for w in [top, *top.findChildren(QWidget)]:
            self._lock_widget(w)

    def _lock_widget(self, w: QWidget) -> None:
        w.removeEventFilter(self)
        w.installEventFilter(self)  # new children, and code that re-enables a control
        for action in w.actions():
            self._lock_action(action)
        if is_view_only(w):
            return
        if isinstance(w, TEXT_TYPES):
            self._saved_readonly.setdefault(w, w.isReadOnly())
            w.setReadOnly(True)
        elif isinstance(w, DISABLE_TYPES):
            self._wanted.setdefault(w, not w.testAttribute(FORCE_DISABLED))
            self._hold(w)
        elif isinstance(w, QAbstractItemView):
            self._saved_triggers.setdefault(w, w.editTriggers())
            w.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            w.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)

    def _lock_action(self, action: QAction) -> None:
        if is_view_only(action) or action in self._wanted:
            return
        self._wanted[action] = action.isEnabled()
        action.changed.connect(lambda a=action: self._action_changed(a))
        self._hold(action)

    def _hold(self, obj: QObject) -> None:
        self._busy = True
        try:
            obj.setEnabled(False)  # type: ignore[attr-defined]
        finally:
            self._busy = False

    def _action_changed(self, action: QAction) -> None:
        if self._busy or not self.locked:
            return
        if action.isEnabled():
            self._wanted[action] = True
            self._hold(action)

    def _release(self) -> None:
        self._busy = True
        try:
            for obj, wanted in self._wanted.items():
                _quietly(obj.setEnabled, wanted)  # type: ignore[attr-defined]
            for w, readonly in self._saved_readonly.items():
                _quietly(w.setReadOnly, readonly)  # type: ignore[attr-defined]
            for view, triggers in self._saved_triggers.items():
                _quietly(view.setEditTriggers, triggers)
        finally:
            self._busy = False
        self._wanted.clear()
        self._saved_readonly.clear()
        self._saved_triggers.clear()

    # ------------------------------------------------------------------ watching
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.locked or self._busy:
            return False
        kind = event.type()
        if kind == QEvent.Type.EnabledChange and isinstance(obj, DISABLE_TYPES):
            # Its own code enabled it (the selection changed, a form was refilled): hold it off
            # and remember what it asked for. (A control its code disables while held shows
            # no change, so release() may enable it until its code next updates it.)
            if obj.isEnabled() and not is_view_only(obj):
                self._wanted[obj] = True
                self._hold(obj)
        elif kind in (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished):
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                # On ChildAdded a widget may still be under construction: look again once the
                # event loop runs; ChildPolished comes before it is first shown.
                if kind == QEvent.Type.ChildPolished:
                    self._lock_tree(child)
                else:
                    QTimer.singleShot(0, self, lambda c=child: self._late_lock(c))
        elif kind == QEvent.Type.ActionAdded:
            self._lock_action(event.action())  # type: ignore[attr-defined]
        return False

    def _late_lock(self, child: QWidget) -> None:
        with contextlib.suppress(RuntimeError):  # deleted meanwhile
            if self.locked and child.parent() is not None:
                self._lock_tree(child)


def _quietly(setter, value) -> None:
    with contextlib.suppress(RuntimeError):  # the control was deleted while locked
        setter(value)
