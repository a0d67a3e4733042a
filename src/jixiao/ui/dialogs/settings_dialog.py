"""设置: interface language and the 评价人 name written into the audit log."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from jixiao.ui.i18n import LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, language: str, user_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("SettingsDialog", "Settings"))
        form = QFormLayout(self)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(
            list(LANGUAGES).index(language) if language in LANGUAGES else 0
        )
        self.user_name = QLineEdit(user_name)
        self.user_name.setPlaceholderText(
            QCoreApplication.translate("SettingsDialog", "Your name, recorded with every change")
        )
        form.addRow(QCoreApplication.translate("SettingsDialog", "Language"), self.language)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Evaluator name"), self.user_name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(420, 120)
