"""Ask for an adjusted score and its mandatory reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


class OverrideDialog(QDialog):
    """Ask for an adjusted score and its mandatory reason."""

    def __init__(
        self, weight: str, current: str = "", reason: str = "", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("InputEditor", "Adjust score"))
        form = QFormLayout(self)
        self.value = QLineEdit(current)
        self.value.setPlaceholderText(
            QCoreApplication.translate("InputEditor", "0 – %1").replace("%1", weight)
        )
        self.reason = QLineEdit(reason)
        self.reason.setPlaceholderText(
            QCoreApplication.translate(
                "InputEditor", "Required: why the computed score is adjusted"
            )
        )
        self.error = QLabel()
        self.error.setStyleSheet("color: #b02a37")
        form.addRow(QCoreApplication.translate("InputEditor", "Adjusted score"), self.value)
        form.addRow(QCoreApplication.translate("InputEditor", "Reason"), self.reason)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resize(420, 150)

    def _accept(self) -> None:
        if not self.value.text().strip():
            self.error.setText(
                QCoreApplication.translate("InputEditor", "Enter the adjusted score.")
            )
        elif not self.reason.text().strip():
            self.error.setText(
                QCoreApplication.translate("InputEditor", "An adjusted score needs a reason.")
            )
        else:
            self.accept()
