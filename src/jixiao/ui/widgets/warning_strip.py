"""A strip that lists where the sheet disagrees with itself (weights adding to 110, 不适用
without a reason, a published total that is not the sum…); hidden while there is nothing.

Shown above the score sheet and in the PDF export dialog. Updated in place: the label's text
changes, no widget is created or deleted on refresh.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QMessageBox, QVBoxLayout, QWidget


class WarningStrip(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("warningStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#warningStrip { background: #FFF4E5; border: 1px solid #E0A040; border-radius: 3px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        self.warnings: list[str] = []
        self.hide()

    def show_warnings(self, warnings: list[str]) -> None:
        self.warnings = list(warnings)
        if not warnings:
            self.label.clear()
            self.hide()
            return
        head = QCoreApplication.translate(
            "WarningStrip", "⚠ The score sheet disagrees with itself (%1):"
        ).replace("%1", str(len(warnings)))
        self.label.setText("\n".join([head, *(f"• {w}" for w in warnings)]))
        self.show()


def confirm_signing(parent: QWidget | None, warnings: list[str]) -> bool:
    """Ask before signing a sheet that disagrees with itself (default: No)."""
    text = QCoreApplication.translate(
        "WarningStrip",
        "The score sheet disagrees with itself:\n\n%1\n\n"
        "Sign it anyway? Your signature confirms these figures.",
    ).replace("%1", "\n".join(f"• {w}" for w in warnings))
    answer = QMessageBox.warning(
        parent,
        QCoreApplication.translate("WarningStrip", "Sign an inconsistent score sheet?"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
