"""The input editor's raw input: read back from the form and sent, one edit once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
)

from jixiao.core.numbers import fmt_points
from jixiao.core.rules import ACCEPT_OVER
from jixiao.ui.dialogs.override_dialog import OverrideDialog

# What core/rules.py says when a rate above 100% is refused until the user confirms it.
_OVER_100 = "超过 100%"


class _RawInput:
    """Part of InputEditor; mixed into it, not used alone."""

    # -------------------------------------------------------------- building the raw input
    def current_raw(self) -> dict[str, Any] | None:
        assert self.indicator is not None and self.indicator.rule is not None
        stored = dict(self.stored or {})
        raw: dict[str, Any] = {}
        if self.form_box.isVisible() or self.derived is None:
            for key, widget in self._fields.items():
                if key == "met" and isinstance(widget, list):
                    raw["met"] = [b.isChecked() for b in widget]
                elif isinstance(widget, QCheckBox):
                    raw[key] = widget.isChecked()
                elif isinstance(widget, QSpinBox):
                    raw[key] = widget.value()
                elif isinstance(widget, QComboBox):
                    raw[key] = widget.currentData()
                else:
                    text = widget.text().strip()
                    if text:
                        raw[key] = text
            if "replace_derived" in stored:
                raw["replace_derived"] = stored["replace_derived"]
        if not self.over_check.isHidden() and self.over_check.isChecked():
            raw[ACCEPT_OVER] = "是"  # the user confirmed a rate above 100% (core/rules.py)
        if self.na_check.isChecked():
            return {**raw, "na": True, "reason": self.na_reason.text().strip()}
        if stored.get("override") not in (None, ""):
            raw["override"] = stored["override"]
            raw["reason"] = stored.get("reason", "")
        elif self.reason_edit.text().strip():
            raw["reason"] = self.reason_edit.text().strip()
        return raw or None

    def _changed(self, *args: object) -> None:
        if self._loading or self.indicator is None or self.indicator.rule is None:
            return
        raw = self.current_raw()
        last = self._sent if self._has_sent else (self.stored or None)
        if raw != last:
            self._send(raw)

    def commit_pending(self) -> None:
        """Store what was typed but not yet committed (no focus-out happened), before the
        form is given to another indicator."""
        self._changed()

    def _send(self, raw: dict[str, Any] | None) -> None:
        if self.indicator is None:
            return
        self._has_sent, self._sent = True, raw
        self.submitted_for.emit(self.indicator.code, raw)

    def _submit_shown(self, raw: dict[str, Any] | None) -> None:
        self._send(raw)

    def _na_toggled(self, checked: bool) -> None:
        if self._loading:
            return
        self.na_reason.setEnabled(checked)
        if checked and not self.na_reason.text().strip():
            self.na_reason.setFocus()
            self.show_error(
                QCoreApplication.translate("InputEditor", "Enter why the indicator does not apply.")
            )
            return
        self._changed()

    def _ask_override(self) -> None:
        assert self.indicator is not None
        stored = dict(self.stored or {})
        dialog = OverrideDialog(
            fmt_points(self.indicator.weight),
            str(stored.get("override", "")),
            str(stored.get("reason", "") if stored.get("override") else ""),
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        raw = {k: v for k, v in stored.items() if k not in ("override", "reason")}
        raw.update(override=dialog.value.text().strip(), reason=dialog.reason.text().strip())
        self._send(raw)

    def _clear_override(self) -> None:
        raw = {k: v for k, v in (self.stored or {}).items() if k not in ("override", "reason")}
        self._send(raw or None)

    def _replace_derived(self) -> None:
        assert self.indicator is not None
        dialog = QDialog(self)
        dialog.setWindowTitle(QCoreApplication.translate("InputEditor", "Replace computed figures"))
        form = QFormLayout(dialog)
        num, den = (
            QLineEdit(str((self.derived or {}).get("numerator", ""))),
            QLineEdit(str((self.derived or {}).get("denominator", ""))),
        )
        reason = QLineEdit()
        reason.setPlaceholderText(QCoreApplication.translate("InputEditor", "Required"))
        form.addRow(QCoreApplication.translate("InputEditor", "Numerator (actual)"), num)
        form.addRow(QCoreApplication.translate("InputEditor", "Denominator (planned)"), den)
        form.addRow(QCoreApplication.translate("InputEditor", "Reason"), reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._send(
            {
                "numerator": num.text().strip(),
                "denominator": den.text().strip(),
                "replace_derived": reason.text().strip(),
            }
        )

    def _restore_derived(self) -> None:
        keep = ("override", "reason", "na", ACCEPT_OVER)
        raw = {k: v for k, v in (self.stored or {}).items() if k in keep}
        self._send(raw or None)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        if _OVER_100 in message and self.indicator is not None:
            kind = self.indicator.rule.kind if self.indicator.rule else ""
            self.over_check.setVisible(kind in ("rate", "bands"))

    def _over_toggled(self, checked: bool) -> None:
        if not self._loading:
            self._changed()
