"""A short "not yet available" page for a tab whose module has not landed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderTab(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        label = QLabel(QCoreApplication.translate("PlaceholderTab", "%1 is not yet available in this version.")
                       .replace("%1", title))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
