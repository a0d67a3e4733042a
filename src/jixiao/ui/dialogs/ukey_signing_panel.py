"""The "UKey (PKCS#11)" choice inside the export dialog's signing box.

It remembers the module (and which certificate was used) in the app settings, opens the
chooser, asks the PIN and logs in; the caller signs with the returned session and closes it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jixiao.export.pkcs11_signing import Pkcs11Session, open_session, pin_status, wipe
from jixiao.export.pkcs11_tokens import TokenCertificate
from jixiao.ui.dialogs.ukey_chooser_dialog import UkeyChooserDialog
from jixiao.ui.dialogs.ukey_pin_dialog import ask_pin


class SigningSettings(Protocol):
    pkcs11_module: str
    pkcs11_certificate: str


class UkeySigningPanel(QWidget):
    """A radio button and a 选择证书… button, with what is chosen beneath (a form row)."""

    def __init__(self, settings: SigningSettings | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.module_path = settings.pkcs11_module if settings is not None else ""
        self.chosen: TokenCertificate | None = None
        self.others: list[TokenCertificate] = []
        self.radio = QRadioButton(QCoreApplication.translate("UkeySigningPanel", "UKey (PKCS#11)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.radio)
        row.addStretch(1)
        self.choose_button = QPushButton(
            QCoreApplication.translate("UkeySigningPanel", "Choose certificate…")
        )
        self.choose_button.clicked.connect(self.choose)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(24, 0, 0, 0)  # under the radio button's text
        layout.addWidget(self.summary)
        self._update_summary()

    def _update_summary(self) -> None:
        if self.chosen is None:
            self.summary.setText(
                QCoreApplication.translate(
                    "UkeySigningPanel", "No certificate chosen yet (module: %1)"
                ).replace("%1", self.module_path)
                if self.module_path
                else QCoreApplication.translate("UkeySigningPanel", "No certificate chosen yet")
            )
            return
        c = self.chosen
        self.summary.setText(
            QCoreApplication.translate("UkeySigningPanel", "%1 (UKey %2, valid until %3)")
            .replace("%1", c.subject)
            .replace("%2", c.token_label)
            .replace("%3", f"{c.not_after.astimezone():%Y-%m-%d}")
        )
        self.summary.setToolTip("\n".join(c.describe()))

    def choose(self) -> bool:
        preferred = self.settings.pkcs11_certificate if self.settings is not None else ""
        if self.chosen is not None:
            preferred = self.chosen.fingerprint
        dialog = UkeyChooserDialog(self.module_path, preferred, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
                return False
            self.module_path = dialog.module_path
            self.chosen = dialog.chosen
            self.others = dialog.all_certificates()
        finally:
            dialog.deleteLater()
        self.radio.setChecked(True)
        if self.settings is not None:
            self.settings.pkcs11_module = self.module_path
            self.settings.pkcs11_certificate = self.chosen.fingerprint
        self._update_summary()
        return True

    def open_session(self) -> Pkcs11Session | None:
        """Chooser (if nothing chosen yet), PIN, login. None when the user cancels; a
        SigningError (Chinese) when the key refuses."""
        if self.chosen is None and not self.choose():
            return None
        assert self.chosen is not None
        # The key may say tries are running out (or the PIN is locked: no point asking).
        warning = pin_status(self.module_path, self.chosen)
        pin = ask_pin(self.chosen, self.window(), warning)
        if pin is None:
            return None
        try:
            return open_session(self.module_path, self.chosen, pin, other_certificates=self.others)
        finally:
            wipe(pin)
