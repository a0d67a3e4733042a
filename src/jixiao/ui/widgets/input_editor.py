"""Edit the raw input of one level-3 indicator, with a form suited to its rule kind."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.evaluate import IndicatorScore, is_not_applicable
from jixiao.core.model import Indicator
from jixiao.core.numbers import fmt2, fmt_points
from jixiao.core.projects import SOURCES
from jixiao.core.rules import ACCEPT_OVER, QUALITATIVE_LEVELS, ChecklistRule, QualitativeRule
from jixiao.ui.dialogs.override_dialog import OverrideDialog
from jixiao.ui.widgets.input_editor_raw import _OVER_100, _RawInput

RULE_TITLES = {
    "checklist": QT_TRANSLATE_NOOP("InputEditor", "Checklist"),
    "rate": QT_TRANSLATE_NOOP("InputEditor", "Rate"),
    "deduction": QT_TRANSLATE_NOOP("InputEditor", "Deduction per finding"),
    "bands": QT_TRANSLATE_NOOP("InputEditor", "Bands"),
    "binary": QT_TRANSLATE_NOOP("InputEditor", "All or nothing"),
    "qualitative": QT_TRANSLATE_NOOP("InputEditor", "Qualitative level"),
    "manual": QT_TRANSLATE_NOOP("InputEditor", "Discretionary score"),
}


class InputEditor(_RawInput, QWidget):
    """Emits ``submitted_for(code, raw)`` when the user changes something; the tab validates
    and stores it on ``code``. ``raw`` is None to clear the input.

    Safe by construction, as a person types and clicks: ``code`` is the indicator the form was
    built for, fixed when the form is built, so a focus-out that races the tree's selection
    change can never store a value on the newly selected indicator. Reloading the same
    indicator updates the form in place; a form for another indicator replaces the old one,
    whose widgets are only hidden and released with deleteLater(), never deleted inside their
    own signal, and whose late signals are ignored.
    """

    submitted_for = Signal(str, object)
    # Kept for callers that submit for the indicator on show (tests, other widgets).
    submitted = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.indicator: Indicator | None = None
        self.stored: dict[str, Any] | None = None
        self.derived: dict[str, Any] | None = None
        self.score: IndicatorScore | None = None
        self._loading = False
        # What the form was built for; reloading with the same key updates it in place.
        self._form_key: tuple[Any, ...] | None = None
        # The form's generation: signals of widgets from an older form are ignored.
        self._generation = 0
        # The last raw input sent for the shown indicator, so one edit is sent once.
        self._sent: dict[str, Any] | None = None
        self._has_sent = False
        self.submitted.connect(self._submit_shown)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold")
        layout.addWidget(self.heading)
        self.criteria = QLabel()
        self.criteria.setWordWrap(True)
        self.criteria.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.criteria.setStyleSheet("color: #444")
        layout.addWidget(self.criteria)
        self.source_box = QGroupBox(
            QCoreApplication.translate("InputEditor", "Computed from the file")
        )
        source_layout = QHBoxLayout(self.source_box)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.replace_button = QPushButton(
            QCoreApplication.translate("InputEditor", "Replace with own figures…")
        )
        self.replace_button.clicked.connect(self._replace_derived)
        self.restore_button = QPushButton(
            QCoreApplication.translate("InputEditor", "Use computed figures")
        )
        self.restore_button.clicked.connect(self._restore_derived)
        source_layout.addWidget(self.source_label, 1)
        source_layout.addWidget(self.replace_button)
        source_layout.addWidget(self.restore_button)
        layout.addWidget(self.source_box)
        self.form_box = QGroupBox(QCoreApplication.translate("InputEditor", "Input"))
        self.form = QFormLayout(self.form_box)
        layout.addWidget(self.form_box)
        self.reason_edit = QLineEdit()
        self.reason_edit.editingFinished.connect(self._changed)
        reason_row = QFormLayout()
        self.reason_label = QLabel(
            QCoreApplication.translate("InputEditor", "Reason for deduction")
        )
        reason_row.addRow(self.reason_label, self.reason_edit)
        layout.addLayout(reason_row)
        na_row = QHBoxLayout()
        self.na_check = QCheckBox(QCoreApplication.translate("InputEditor", "Not applicable"))
        self.na_check.toggled.connect(self._na_toggled)
        self.na_reason = QLineEdit()
        self.na_reason.setPlaceholderText(
            QCoreApplication.translate("InputEditor", "Required: why it does not apply")
        )
        self.na_reason.editingFinished.connect(self._changed)
        na_row.addWidget(self.na_check)
        na_row.addWidget(self.na_reason, 1)
        layout.addLayout(na_row)
        # Shown for a rate refused (or scored with an error) for being above 100%: ticking it
        # stores "accept_over" through the same undoable input write as every other field.
        self.over_check = QCheckBox(
            QCoreApplication.translate(
                "InputEditor", "Confirm over 100% (the figures are right; scored as 100%)"
            )
        )
        self.over_check.setVisible(False)
        self.over_check.toggled.connect(self._over_toggled)
        layout.addWidget(self.over_check)
        override_row = QHBoxLayout()
        self._optional_rows = [self.reason_label, self.reason_edit, self.na_check, self.na_reason]
        self.override_label = QLabel()
        self.override_label.setWordWrap(True)
        self.override_button = QPushButton(
            QCoreApplication.translate("InputEditor", "Adjust score…")
        )
        self.override_button.clicked.connect(self._ask_override)
        self.clear_override_button = QPushButton(
            QCoreApplication.translate("InputEditor", "Remove adjustment")
        )
        self.clear_override_button.clicked.connect(self._clear_override)
        override_row.addWidget(self.override_label, 1)
        override_row.addWidget(self.override_button)
        override_row.addWidget(self.clear_override_button)
        layout.addLayout(override_row)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b02a37; font-weight: bold")
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._fields: dict[str, Any] = {}
        self.setEnabled(False)

    # -------------------------------------------------------------- loading
    def set_indicator(
        self,
        indicator: Indicator | None,
        stored: dict[str, Any] | None,
        derived: dict[str, Any] | None,
        score: IndicatorScore | None,
    ) -> None:
        self._loading = True
        try:
            same_indicator = (
                indicator is not None
                and self.indicator is not None
                and indicator.code == self.indicator.code
            )
            self.indicator, self.stored, self.derived, self.score = (
                indicator,
                stored,
                derived,
                score,
            )
            self._has_sent, self._sent = False, None
            if not same_indicator:
                self.error.clear()
            if indicator is None or indicator.rule is None:
                self._clear_form()
                self.heading.setText(
                    QCoreApplication.translate(
                        "InputEditor", "Select a level-3 indicator to enter its data."
                    )
                )
                self.criteria.clear()
                self.setEnabled(False)
                for w in (
                    self.source_box,
                    self.form_box,
                    self.over_check,
                    *self._optional_rows,
                    self.override_button,
                    self.clear_override_button,
                ):
                    w.setVisible(False)
                return
            self.setEnabled(True)
            for w in (*self._optional_rows, self.override_button):
                w.setVisible(True)
            rule = indicator.rule
            weight_word = QCoreApplication.translate("InputEditor", "Weight")
            kind_title = QCoreApplication.translate(
                "InputEditor", RULE_TITLES.get(rule.kind, rule.kind)
            )
            self.heading.setText(
                f"{indicator.code} {indicator.name}　·　"
                f"{weight_word} {fmt_points(indicator.weight)}"
                f"　·　{kind_title}"
            )
            self.criteria.setText(indicator.criteria)
            raw = dict(stored or {})
            replaced = bool(str(raw.get("replace_derived") or "").strip())
            uses_derived = derived is not None and not replaced
            self.source_box.setVisible(derived is not None)
            if derived is not None:
                text = SOURCES.get(rule.source, rule.source)
                detail = score.detail if score and score.origin in ("derived", "replaced") else ""
                if replaced:
                    text = QCoreApplication.translate(
                        "InputEditor", "Replaced by a person: %1"
                    ).replace("%1", str(raw.get("replace_derived")))
                self.source_label.setText(f"{text}\n{detail}" if detail else text)
                self.replace_button.setVisible(not replaced)
                self.restore_button.setVisible(replaced)
            self.form_box.setVisible(not uses_derived)
            key = (indicator.code, rule, indicator.weight, uses_derived)
            if key != self._form_key:
                self._clear_form()
                if not uses_derived:
                    self._build_form(raw)
                self._form_key = key
            elif not uses_derived:
                self._fill_form(raw)
            kind = rule.kind
            self.reason_label.setText(
                QCoreApplication.translate("InputEditor", "Reason (required)")
                if kind == "manual"
                else QCoreApplication.translate(
                    "InputEditor", "Reason for deduction (blank: written by the program)"
                )
            )
            keep = same_indicator  # another indicator: always show its own texts
            _set_text(
                self.reason_edit,
                "" if raw.get("override") not in (None, "") else str(raw.get("reason") or ""),
                keep,
            )
            na = is_not_applicable(raw)
            self.na_check.setChecked(na)
            _set_text(self.na_reason, str(raw.get("reason") or "") if na else "", keep)
            self.na_reason.setEnabled(na)
            accepted = str(raw.get(ACCEPT_OVER) or "").strip() in ("是", "true", "1", "True")
            over = accepted or (score is not None and _OVER_100 in score.error)
            self.over_check.setChecked(accepted)
            if same_indicator:
                over = over or not self.over_check.isHidden()  # refused just now: keep it
            self.over_check.setVisible(over and rule.kind in ("rate", "bands"))
            self._show_override(raw)
        finally:
            self._loading = False

    def _show_override(self, raw: dict[str, Any]) -> None:
        overridden = raw.get("override") not in (None, "")
        if overridden and self.score is not None:
            computed = fmt2(self.score.computed) if self.score.computed is not None else "—"
            self.override_label.setText(
                QCoreApplication.translate(
                    "InputEditor", "Adjusted to %1 (computed %2). Reason: %3"
                )
                .replace("%1", str(raw["override"]))
                .replace("%2", computed)
                .replace("%3", str(raw.get("reason") or ""))
            )
            self.override_label.setStyleSheet("background: #fff3cd; padding: 4px")
        else:
            self.override_label.setText("")
            self.override_label.setStyleSheet("")
        self.clear_override_button.setVisible(overridden)

    def _clear_form(self) -> None:
        """Take the old form's rows out without deleting them now: this may run inside a
        signal of one of them (the crash of the first wave). deleteLater() frees them once
        control is back in the event loop; the new generation makes their signals inert."""
        self._generation += 1
        self._form_key = None
        while self.form.rowCount():
            taken = self.form.takeRow(0)
            for item in (taken.labelItem, taken.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self._fields = {}

    def _connect(self, signal: Any) -> None:
        """Connect a form widget's signal to store the input of the indicator the form is
        built for, and only while that form is shown."""
        code = self.indicator.code if self.indicator else ""
        generation = self._generation
        signal.connect(lambda *args: self._field_changed(code, generation))

    def _field_changed(self, code: str, generation: int) -> None:
        if generation == self._generation and self.indicator and self.indicator.code == code:
            self._changed()

    def _fill_form(self, raw: dict[str, Any]) -> None:
        """Show ``raw`` in the form as built, leaving alone the field being typed in."""
        for key, widget in self._fields.items():
            widgets = widget if isinstance(widget, list) else [widget]
            for i, w in enumerate(widgets):
                if w.hasFocus():
                    continue
                w.blockSignals(True)
                try:
                    if key == "met" and isinstance(widget, list):
                        met = list(raw.get("met") or [])
                        w.setChecked(bool(met[i]) if i < len(met) else False)
                    elif isinstance(w, QCheckBox):
                        w.setChecked(bool(raw.get(key)))
                    elif isinstance(w, QSpinBox):
                        w.setValue(int(raw.get(key) or 0))
                    elif isinstance(w, QComboBox):
                        found = w.findData(raw.get(key) or "")
                        w.setCurrentIndex(found if found >= 0 else w.currentIndex())
                    else:
                        _set_text(w, str(raw.get(key, "")), True)
                finally:
                    w.blockSignals(False)

    def _build_form(self, raw: dict[str, Any]) -> None:
        assert self.indicator is not None and self.indicator.rule is not None
        rule = self.indicator.rule
        kind = rule.kind
        if kind == "checklist":
            assert isinstance(rule, ChecklistRule)
            met = list(raw.get("met") or [])
            boxes = []
            for i, item in enumerate(rule.items):
                points_word = QCoreApplication.translate("InputEditor", "points")
                points = (
                    f"（{fmt_points(item.points)} {points_word}）"
                    if item.points is not None
                    else ""
                )
                box = QCheckBox(f"{i + 1}. {item.text}{points}")
                box.setChecked(bool(met[i]) if i < len(met) else False)
                self._connect(box.toggled)
                self.form.addRow(box)
                boxes.append(box)
            self._fields["met"] = boxes
        elif kind in ("rate", "bands"):
            num, den, value = (
                QLineEdit(str(raw.get("numerator", ""))),
                QLineEdit(str(raw.get("denominator", ""))),
                QLineEdit(str(raw.get("value", ""))),
            )
            value.setPlaceholderText(
                QCoreApplication.translate("InputEditor", "e.g. 94.34% or 0.9434")
            )
            for w in (num, den, value):
                self._connect(w.editingFinished)
            self.form.addRow(QCoreApplication.translate("InputEditor", "Numerator (actual)"), num)
            self.form.addRow(
                QCoreApplication.translate("InputEditor", "Denominator (planned)"), den
            )
            self.form.addRow(QCoreApplication.translate("InputEditor", "Or the rate itself"), value)
            self._fields.update(numerator=num, denominator=den, value=value)
        elif kind == "deduction":
            count = QSpinBox()
            count.setRange(0, 9999)
            count.setValue(int(raw.get("count") or 0))
            # One value per edit (Enter, focus-out or an arrow), not one per keystroke.
            count.setKeyboardTracking(False)
            self._connect(count.valueChanged)
            self.form.addRow(
                QCoreApplication.translate(
                    "InputEditor", "Findings (each deducts %1 points)"
                ).replace("%1", fmt_points(rule.per)),
                count,
            )
            self._fields["count"] = count
        elif kind == "binary":
            box = QCheckBox(QCoreApplication.translate("InputEditor", "Requirement met"))
            box.setChecked(bool(raw.get("met")))
            self._connect(box.toggled)
            self.form.addRow(box)
            self._fields["met"] = box
        elif kind == "qualitative":
            level = QComboBox()
            weight = self.indicator.weight
            for name in QUALITATIVE_LEVELS:
                low, high = QualitativeRule.range_for(name, weight)
                level.addItem(f"{name}（{fmt_points(low)}–{fmt_points(high)}）", name)
            if raw.get("level") in QUALITATIVE_LEVELS:
                level.setCurrentIndex(list(QUALITATIVE_LEVELS).index(raw["level"]))
            self._connect(level.activated)
            score = QLineEdit(str(raw.get("score", "")))
            self._connect(score.editingFinished)
            self.form.addRow(QCoreApplication.translate("InputEditor", "Level"), level)
            self.form.addRow(
                QCoreApplication.translate("InputEditor", "Score within the level's range"), score
            )
            self._fields.update(level=level, score=score)
        elif kind == "manual":
            score = QLineEdit(str(raw.get("score", "")))
            score.setPlaceholderText(f"0 – {fmt_points(self.indicator.weight)}")
            self._connect(score.editingFinished)
            self.form.addRow(QCoreApplication.translate("InputEditor", "Score"), score)
            self._fields["score"] = score


def _set_text(edit: QLineEdit, text: str, keep_typing: bool) -> None:
    """Set a line edit's text; with ``keep_typing`` not while the user is typing in it."""
    if edit.text() != text and not (keep_typing and edit.hasFocus()):
        edit.setText(text)


__all__ = ["RULE_TITLES", "InputEditor", "OverrideDialog"]
