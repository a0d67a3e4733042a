"""The national form's two texts of a level-3 indicator, under the score sheet's input form:
实际完成值 as the unit wrote it ("≥266米", "有效") and 偏差原因分析及改进措施 (may be blank).
Separate from the scoring input and from 扣分原因.

A small widget with its own Save button, so the input form (being reworked elsewhere) only
needs a hook: ``set_indicator(code)`` when the current indicator changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
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

from jixiao.core.rules import InputError
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.storage.national_form import IndicatorNote, note_for, set_note


class IndicatorTexts(QGroupBox):
    saved = Signal(str)  # the indicator code whose texts were stored

    def __init__(self, ef: EvaluationFile, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("IndicatorTexts", "On the national form"), parent
        )
        self.ef = ef
        self.code: str | None = ""
        form = QFormLayout(self)
        self.actual_edit = QLineEdit()
        self.actual_edit.setPlaceholderText(
            QCoreApplication.translate("IndicatorTexts", "As written, e.g. ≥266米, 有效, 75元")
        )
        form.addRow(QCoreApplication.translate("IndicatorTexts", "Actual value:"), self.actual_edit)
        self.deviation_edit = QPlainTextEdit()
        self.deviation_edit.setPlaceholderText(
            QCoreApplication.translate("IndicatorTexts", "May stay blank")
        )
        self.deviation_edit.setFixedHeight(72)
        self.deviation_edit.setTabChangesFocus(True)
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

    def set_indicator(self, code: str | None) -> None:
        """Show the texts of ``code`` (None: nothing selected). Fields are refilled in place."""
        if code != self.code:
            self.message.clear()
        self.code = code
        note = note_for(self.ef, code) if code else IndicatorNote()
        self.actual_edit.setText(note.actual)
        self.deviation_edit.setPlainText(note.deviation)
        self.setEnabled(code is not None)

    def save(self) -> None:
        if self.code is None:
            return
        note = IndicatorNote(
            self.actual_edit.text().strip(), self.deviation_edit.toPlainText().strip()
        )
        try:
            set_note(self.ef, self.code, note)
        except InputError as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(QCoreApplication.translate("IndicatorTexts", "Saved"))
        self.saved.emit(self.code)


def with_texts_below(form: QWidget, texts: IndicatorTexts) -> QWidget:
    """The input form with the texts box under it, as one splitter pane."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form, 1)
    layout.addWidget(texts)
    return pane
