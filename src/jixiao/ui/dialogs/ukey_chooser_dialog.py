"""选择 UKey 证书: the vendor's PKCS#11 module, the keys it sees and the certificates on them.

Reading the key needs no PIN (certificates are public objects); the PIN is asked only when
signing, by ``ukey_pin_dialog``.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.export.pkcs11_tokens import (
    SM2_MESSAGE,
    TokenCertificate,
    TokenInfo,
    list_tokens,
    module_file_filter,
    no_token_message,
)
from jixiao.export.signing import SigningError

ROLE_CERT = Qt.ItemDataRole.UserRole + 1


def certificate_problem(cert: TokenCertificate) -> str | None:
    if cert.key_algorithm == "sm2":
        return SM2_MESSAGE
    return cert.validity_problem()


class UkeyChooserDialog(QDialog):
    def __init__(self, module_path: str = "", preferred: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.preferred = preferred  # fingerprint of the certificate chosen last time
        self.tokens: list[TokenInfo] = []
        self.chosen: TokenCertificate | None = None
        self.setWindowTitle(
            QCoreApplication.translate("UkeyChooserDialog", "Choose UKey certificate")
        )
        self.resize(1000, 420)
        layout = QVBoxLayout(self)

        row = QHBoxLayout()
        row.addWidget(QLabel(QCoreApplication.translate("UkeyChooserDialog", "PKCS#11 module:")))
        self.module_edit = QLineEdit(module_path)
        self.module_edit.setPlaceholderText(
            QCoreApplication.translate(
                "UkeyChooserDialog", "The UKey vendor's PKCS#11 library (.dll)"
            )
            if sys.platform == "win32"
            else QCoreApplication.translate(
                "UkeyChooserDialog", "The UKey vendor's PKCS#11 library (.so)"
            )
        )
        self.module_edit.returnPressed.connect(self.refresh)
        row.addWidget(self.module_edit, 1)
        browse = QPushButton(QCoreApplication.translate("UkeyChooserDialog", "Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        self.refresh_button = QPushButton(
            QCoreApplication.translate("UkeyChooserDialog", "Read UKeys")
        )
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        hint = QLabel(
            QCoreApplication.translate(
                "UkeyChooserDialog",
                "The module comes with the UKey's driver from your certificate authority; on "
                "Windows it is usually a .dll in C:\\Windows\\System32 or in the driver's folder. "
                "No PIN is needed to list the certificates.",
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(
            [QCoreApplication.translate("UkeyChooserDialog", "UKey / certificate"), QCoreApplication.translate("UkeyChooserDialog", "Issuer"), QCoreApplication.translate("UkeyChooserDialog", "Valid from"), QCoreApplication.translate("UkeyChooserDialog", "Valid until"),
             QCoreApplication.translate("UkeyChooserDialog", "SHA-256 fingerprint")]
        )  # fmt: skip
        for column in range(4):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemDoubleClicked.connect(lambda *_: self._accept_if_ok())
        layout.addWidget(self.tree, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            QCoreApplication.translate("UkeyChooserDialog", "Use this certificate")
        )
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self._accept_if_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if module_path:
            self.refresh()

    @property
    def module_path(self) -> str:
        return self.module_edit.text().strip()

    def all_certificates(self) -> list[TokenCertificate]:
        return [c for t in self.tokens for c in t.certificates]

    def _browse(self) -> None:
        start = self.module_path or ("C:\\Windows\\System32" if sys.platform == "win32" else "")
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("UkeyChooserDialog", "Choose the PKCS#11 module"),
            start,
            QCoreApplication.translate("UkeyChooserDialog", "PKCS#11 module (%1)").replace(
                "%1", module_file_filter()
            ),
        )
        if path:
            self.module_edit.setText(path)
            self.refresh()

    def _show_status(self, text: str, error: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #B00020;" if error else "color: #1B5E20;")

    def refresh(self) -> None:
        """Ask the module which keys are inserted; errors are shown here in Chinese."""
        self.tree.clear()
        self.tokens = []
        self.chosen = None
        self.ok_button.setEnabled(False)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.tokens = list_tokens(self.module_path)
        except SigningError as exc:
            self._show_status(str(exc), True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not self.tokens:
            self._show_status(no_token_message(self.module_path), True)
            return
        preferred_item: QTreeWidgetItem | None = None
        first_item: QTreeWidgetItem | None = None
        for token in self.tokens:
            top = QTreeWidgetItem(
                [f"{token.label}（{token.manufacturer} {token.model} {token.serial}）".strip()]
            )
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for cert in token.certificates:
                item = QTreeWidgetItem(
                    [
                        f"{cert.subject}（{cert.label}）" if cert.label else cert.subject,
                        cert.issuer,
                        f"{cert.not_before.astimezone():%Y-%m-%d}",
                        f"{cert.not_after.astimezone():%Y-%m-%d}",
                        cert.fingerprint,
                    ]
                )
                item.setData(0, ROLE_CERT, cert)
                item.setToolTip(0, "\n".join(cert.describe()))
                if certificate_problem(cert):
                    item.setForeground(0, Qt.GlobalColor.darkRed)
                top.addChild(item)
                first_item = first_item or item
                if cert.fingerprint == self.preferred:
                    preferred_item = item
            if not token.certificates:
                top.addChild(
                    QTreeWidgetItem(
                        [
                            QCoreApplication.translate(
                                "UkeyChooserDialog", "(no certificate visible on this UKey)"
                            )
                        ]
                    )
                )
        self.tree.expandAll()
        count = len(self.all_certificates())
        self._show_status(
            QCoreApplication.translate(
                "UkeyChooserDialog",
                "%1 UKey(s), %2 certificate(s) found. Choose the certificate to sign with.",
            )
            .replace("%1", str(len(self.tokens)))
            .replace("%2", str(count)),
            False,
        )
        if preferred_item is not None or count == 1:
            self.tree.setCurrentItem(preferred_item or first_item)

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        cert = item.data(0, ROLE_CERT) if item is not None else None
        self.chosen = cert if isinstance(cert, TokenCertificate) else None
        if self.chosen is None:
            self.ok_button.setEnabled(False)
            return
        problem = certificate_problem(self.chosen)
        if problem:
            self._show_status(problem, True)
        else:
            self._show_status(
                QCoreApplication.translate("UkeyChooserDialog", "Chosen: %1, valid until %2.")
                .replace("%1", self.chosen.subject)
                .replace("%2", f"{self.chosen.not_after.astimezone():%Y-%m-%d}"),
                False,
            )
        self.ok_button.setEnabled(problem is None)

    def _accept_if_ok(self) -> None:
        if self.chosen is not None and certificate_problem(self.chosen) is None:
            self.accept()
