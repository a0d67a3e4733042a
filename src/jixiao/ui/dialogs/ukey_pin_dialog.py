"""输入 UKey PIN: a masked field; the PIN leaves as a bytearray the signer zeroes.

Qt keeps its own copy of the text in the line edit and Python gets an immutable ``str``
from ``text()``; both are cleared/dropped at once, but neither can be reliably wiped (see
``jixiao.export.pkcs11_signing``). The PIN is never stored or logged.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from jixiao.export.pkcs11_tokens import TokenCertificate


class UkeyPinDialog(QDialog):
    def __init__(
        self, cert: TokenCertificate, parent: QWidget | None = None, warning: str | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("UkeyPinDialog", "UKey PIN"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("UkeyPinDialog", "UKey:"), QLabel(cert.token_label))
        form.addRow(
            QCoreApplication.translate("UkeyPinDialog", "Certificate:"), QLabel(cert.subject)
        )
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(64)
        # No input-method composition, no autocompletion history for a secret.
        self.pin_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
        form.addRow(QCoreApplication.translate("UkeyPinDialog", "PIN:"), self.pin_edit)
        layout.addLayout(form)
        self.warning = QLabel(warning or "")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #B00020; font-weight: bold;")
        self.warning.setVisible(bool(warning))
        layout.addWidget(self.warning)
        note = QLabel(
            QCoreApplication.translate(
                "UkeyPinDialog",
                "The PIN goes only to the UKey. It is not saved or logged. Several wrong PINs "
                "lock the UKey.",
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(QCoreApplication.translate("UkeyPinDialog", "Sign"))
        self.ok_button.setEnabled(False)
        self.pin_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._pin = bytearray()
        self.finished.connect(self._take_pin)

    def _take_pin(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self._pin = bytearray(self.pin_edit.text().encode("utf-8"))
        self.pin_edit.clear()

    def take_pin(self) -> bytearray:
        """The PIN typed (empty when cancelled); the caller owns it and must zero it."""
        pin, self._pin = self._pin, bytearray()
        return pin


def ask_pin(
    cert: TokenCertificate, parent: QWidget | None, warning: str | None = None
) -> bytearray | None:
    dialog = UkeyPinDialog(cert, parent, warning)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        pin = dialog.take_pin()
        return pin if accepted and pin else None
    finally:
        dialog.deleteLater()
