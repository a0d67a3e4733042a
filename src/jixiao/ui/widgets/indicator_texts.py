"""The national form's two texts of a level-3 indicator, under the score sheet's input form:
实际完成值 as the unit wrote it ("≥266米", "有效") and 偏差原因分析及改进措施 (may be blank).
Separate from the scoring input and from 扣分原因.

A small widget with its own Save button, so the input form only needs a hook:
``set_indicator(code)`` whenever the form is (re)loaded. What is typed is kept until it is
stored: the fields are refilled only when the indicator changes, or when the stored texts
changed (an undo, an import) and the field was not edited. Typing is stored on focus-out,
Enter or Save, as one undoable step, on the indicator it was typed for (captured when the
typing started), whatever is selected by then. The fields are never deleted.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jixiao.storage.national_form import IndicatorNote, note_for
from jixiao.ui.commands.national_form import SetNoteCommand
from jixiao.ui.context import TabContext
from jixiao.ui.operations import run_op


class DeviationEdit(QPlainTextEdit):
    """A plain-text field that says when the focus leaves it (QPlainTextEdit has no
    editingFinished). An override of its own handler, not an event filter on the parent, so
    nothing Python-side runs while the box is being destroyed."""

    focus_left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class IndicatorTexts(QGroupBox):
    saved = Signal(str)  # the indicator code whose texts were stored

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("IndicatorTexts", "On the national form"), parent
        )
        self.ctx = ctx
        self.code: str | None = ""
        self._loaded = IndicatorNote()  # what the fields were last filled with
        self._edit_code: str | None = None  # the indicator the pending typing belongs to
        self._filling = False
        form = QFormLayout(self)
        self.actual_edit = QLineEdit()
        self.actual_edit.setPlaceholderText(
            QCoreApplication.translate("IndicatorTexts", "As written, e.g. ≥266米, 有效, 75元")
        )
        self.actual_edit.textEdited.connect(self._typing)
        self.actual_edit.editingFinished.connect(self.save)  # Enter or focus-out
        form.addRow(QCoreApplication.translate("IndicatorTexts", "Actual value:"), self.actual_edit)
        self.deviation_edit = DeviationEdit()
        self.deviation_edit.setPlaceholderText(
            QCoreApplication.translate("IndicatorTexts", "May stay blank")
        )
        self.deviation_edit.setFixedHeight(72)
        self.deviation_edit.setTabChangesFocus(True)
        self.deviation_edit.textChanged.connect(self._typing)
        self.deviation_edit.focus_left.connect(self.save)
        form.addRow(
            QCoreApplication.translate("IndicatorTexts", "Deviation and remedy:"),
            self.deviation_edit,
        )
        row = QHBoxLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(QCoreApplication.translate("IndicatorTexts", "Save texts"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.message, 1)
        row.addWidget(self.save_button)
        form.addRow(row)
        self.set_indicator(None)

    # ------------------------------------------------------------------ showing
    def set_indicator(self, code: str | None) -> None:
        """Show the texts of ``code`` (None: nothing selected), keeping unsaved typing."""
        if code != self.code:
            self.save()  # typing still pending belongs to the indicator shown until now
            self.message.clear()
            self.code = code
            self._fill(note_for(self.ctx.ef, code) if code else IndicatorNote())
            self._edit_code = None
            self.setEnabled(code is not None)
            return
        stored = note_for(self.ctx.ef, code) if code else IndicatorNote()
        if stored != self._loaded:  # changed behind the fields: refill only the untouched
            actual = self.actual_edit.text()
            deviation = self.deviation_edit.toPlainText()
            self._fill(
                IndicatorNote(
                    stored.actual if actual == self._loaded.actual else actual,
                    stored.deviation if deviation == self._loaded.deviation else deviation,
                ),
                loaded=stored,
            )

    def has_unsaved_typing(self) -> bool:
        return self._edit_code is not None and self._current() != self._loaded

    def _fill(self, note: IndicatorNote, loaded: IndicatorNote | None = None) -> None:
        self._filling = True
        try:
            if self.actual_edit.text() != note.actual:
                self.actual_edit.setText(note.actual)
            if self.deviation_edit.toPlainText() != note.deviation:
                self.deviation_edit.setPlainText(note.deviation)
        finally:
            self._filling = False
        self._loaded = note if loaded is None else loaded

    def _current(self) -> IndicatorNote:
        return IndicatorNote(self.actual_edit.text(), self.deviation_edit.toPlainText())

    # ------------------------------------------------------------------ storing
    def _typing(self) -> None:
        if not self._filling and self._edit_code is None and self.code:
            self._edit_code = self.code

    def save(self) -> None:
        """Store the fields on the indicator they were typed for (one undoable step).
        Safe inside the fields' own signals: nothing is rebuilt, the other tabs follow on
        the next turn of the event loop."""
        code = self._edit_code or self.code
        if not code:
            return
        note = IndicatorNote(
            self.actual_edit.text().strip(), self.deviation_edit.toPlainText().strip()
        )
        old = note_for(self.ctx.ef, code)
        self._edit_code = None
        if note == old:
            self._loaded = self._current() if code == self.code else self._loaded
            return
        stored = run_op(
            self.ctx,
            SetNoteCommand(self.ctx, code, old, note),
            on_refused=self._refused,
            follow=False,
        )
        if not stored:
            self._edit_code = code  # still pending: the typing is kept
            return
        if code == self.code:
            self._loaded = self._current()
            self.message.setText(QCoreApplication.translate("IndicatorTexts", "Saved"))
        self.saved.emit(code)

    def _refused(self, message: str) -> None:
        self.message.setText(message)


def with_texts_below(form: QWidget, texts: IndicatorTexts) -> QWidget:
    """The input form with the texts box under it, as one splitter pane."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form, 1)
    layout.addWidget(texts)
    return pane
