"""What the window says about the file itself: opened read-only (and why), someone else has it
open (read-only / a copy / take over), changed behind the program's back (accept with a
reason), and the list of trusted signing certificates."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jixiao.storage.database import StorageError
from jixiao.storage.evaluation_file import EvaluationFile, FileLockedError


# ------------------------------------------------------------------ opening
def open_evaluation(parent: QWidget, path: Path, user: str = "") -> EvaluationFile | None:
    """Open for editing; if someone else has the file, ask: read-only, a copy, or take over.
    Returns None when the user cancels. StorageError/OSError propagate to the caller."""
    try:
        return EvaluationFile.open(path, user=user, lock=True)
    except FileLockedError as exc:
        choice = ask_locked(parent, exc)
        holder = exc.info.message()
    if choice == "readonly":
        return EvaluationFile.open(path, user=user, readonly=True, readonly_reason=holder)
    if choice == "copy":
        copy = copy_target(Path(path))
        shutil.copy2(path, copy)
        return EvaluationFile.open(copy, user=user, lock=True)
    if choice == "take_over":
        return EvaluationFile.open(path, user=user, lock=True, take_over=True)
    return None


def copy_target(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}（副本 {stamp}）{path.suffix}")


def ask_locked(parent: QWidget, exc: FileLockedError) -> str:
    """'readonly', 'copy', 'take_over' or '' (cancel)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("FileSafety", "File in use"))
    box.setText(str(exc))
    stale = exc.info.is_stale()
    box.setInformativeText(
        QCoreApplication.translate(
            "FileSafety",
            "The program that opened it is no longer running: you can take the file over.",
        )
        if stale
        else QCoreApplication.translate(
            "FileSafety",
            "Open it read-only, or work on a copy. Take it over only if you are sure the "
            "other program has closed (for example after a crash on another computer).",
        )
    )
    readonly = box.addButton(
        QCoreApplication.translate("FileSafety", "Open read-only"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    copy = box.addButton(
        QCoreApplication.translate("FileSafety", "Open a copy"), QMessageBox.ButtonRole.ActionRole
    )
    take = box.addButton(
        QCoreApplication.translate("FileSafety", "Take over"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(readonly)
    box.exec()
    clicked = box.clickedButton()
    if clicked is readonly:
        return "readonly"
    if clicked is copy:
        return "copy"
    if clicked is take:
        if stale:
            return "take_over"
        sure = QMessageBox.question(
            parent,
            QCoreApplication.translate("FileSafety", "Take over"),
            QCoreApplication.translate(
                "FileSafety",
                "Only take over if %1 has really closed the file: two people editing one file "
                "lose each other's work. Take over?",
            ).replace("%1", exc.info.user),
        )
        return "take_over" if sure == QMessageBox.StandardButton.Yes else ""
    return ""


# ------------------------------------------------------------------ the banner
class FileBanner(QFrame):
    """A strip above the tabs: read-only mode, or changes made outside the program."""

    def __init__(self, ef: EvaluationFile, on_accepted: Callable[[], None] | None = None):
        super().__init__()
        self.ef = ef
        self.on_accepted = on_accepted
        self.setObjectName("fileBanner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        layout.addWidget(self.label, 1)
        self.accept_button = QPushButton(
            QCoreApplication.translate("FileSafety", "Accept changes…")
        )
        self.accept_button.clicked.connect(self.accept_changes)
        layout.addWidget(self.accept_button)
        self.refresh()

    def refresh(self) -> None:
        changes = self.ef.outside_changes()
        if changes:
            self.setStyleSheet("#fileBanner { background: #FDECEA; border: 1px solid #C62828; }")
            self.label.setText(
                QCoreApplication.translate(
                    "FileSafety",
                    "The file was changed outside this program: %1. It cannot be signed until "
                    "someone accepts the change with a reason.",
                ).replace("%1", "；".join(changes))
            )
            self.accept_button.setVisible(not self.ef.readonly)
            self.show()
        elif self.ef.readonly:
            self.setStyleSheet("#fileBanner { background: #FFF8E1; border: 1px solid #F9A825; }")
            self.label.setText(
                QCoreApplication.translate(
                    "FileSafety",
                    "Read-only: %1. You can view, score, export and verify; editing is "
                    "disabled. To edit, copy the file to a writable place.",
                ).replace("%1", self.ef.readonly_reason)
            )
            self.accept_button.hide()
            self.show()
        else:
            self.hide()

    def accept_changes(self) -> None:
        dialog = AcceptChangesDialog(self.ef, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            if self.on_accepted:
                self.on_accepted()


class AcceptChangesDialog(QDialog):
    def __init__(self, ef: EvaluationFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.ef = ef
        self.setWindowTitle(
            QCoreApplication.translate("FileSafety", "Accept changes made outside the program")
        )
        layout = QVBoxLayout(self)
        changes = QPlainTextEdit("\n".join(ef.outside_changes()))
        changes.setReadOnly(True)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "FileSafety", "These changes were made outside this program:"
                )
            )
        )
        layout.addWidget(changes)
        layout.addWidget(
            QLabel(QCoreApplication.translate("FileSafety", "Reason (recorded in the audit log):"))
        )
        self.reason = QLineEdit()
        layout.addWidget(self.reason)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C62828")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.resize(560, 320)

    def try_accept(self) -> None:
        try:
            self.ef.accept_outside_changes(self.reason.text().strip())
        except StorageError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()


# ------------------------------------------------------------------ trusted certificates
class TrustListDialog(QDialog):
    """The certificates whose signatures verification reports as trusted."""

    def __init__(self, parent: QWidget | None = None, store: object | None = None):
        super().__init__(parent)
        from jixiao.export.trust_store import TrustStore

        self.store = store or TrustStore()
        self.setWindowTitle(QCoreApplication.translate("FileSafety", "Trusted certificates"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "FileSafety",
                    "Signatures whose certificate is (or was issued by) one of these are shown "
                    "as trusted. A certificate with the same name but another key is not.",
                )
            )
        )
        self.list = QListWidget()
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.add_button = QPushButton(QCoreApplication.translate("FileSafety", "Add certificate…"))
        self.add_button.clicked.connect(self.add_certificate)
        self.remove_button = QPushButton(QCoreApplication.translate("FileSafety", "Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        close = QPushButton(QCoreApplication.translate("FileSafety", "Close"))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(720, 360)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for cert in self.store.certificates():  # type: ignore[attr-defined]
            item = QListWidgetItem(cert.describe())
            item.setData(Qt.ItemDataRole.UserRole, cert.fingerprint)
            self.list.addItem(item)

    def add_certificate(self, path: str | None = None, password: str | None = None) -> None:
        from jixiao.export.trust_store import TrustError

        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self,
                QCoreApplication.translate("FileSafety", "Add certificate"),
                "",
                QCoreApplication.translate(
                    "FileSafety", "Certificates (*.pem *.cer *.crt *.der *.p12 *.pfx)"
                ),
            )
        if not path:
            return
        if password is None and Path(path).suffix.lower() in (".p12", ".pfx"):
            password, ok = QInputDialog.getText(
                self,
                QCoreApplication.translate("FileSafety", "Certificate password"),
                QCoreApplication.translate("FileSafety", "Password of %1:").replace(
                    "%1", Path(path).name
                ),
                QLineEdit.EchoMode.Password,
            )
            if not ok:
                return
        try:
            self.store.add(Path(path), password)  # type: ignore[attr-defined]
        except TrustError as exc:
            QMessageBox.warning(
                self, QCoreApplication.translate("FileSafety", "Add certificate"), str(exc)
            )
            return
        self.refresh()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.store.remove(item.data(Qt.ItemDataRole.UserRole))  # type: ignore[attr-defined]
        self.refresh()


def wrap_with_banner(
    content: QWidget, ef: EvaluationFile, on_accepted: Callable[[], None] | None = None
) -> QWidget:
    """``content`` with the banner above it (the banner hides itself when there is nothing)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    banner = FileBanner(ef, on_accepted)
    layout.addWidget(banner)
    layout.addWidget(content, 1)
    page.banner = banner  # type: ignore[attr-defined]
    return page
