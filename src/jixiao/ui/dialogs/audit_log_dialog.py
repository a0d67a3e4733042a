"""审计日志: every change with time, user, what, old → new and reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jixiao.storage.evaluation_file import AuditEntry

HEADERS = [
    QT_TRANSLATE_NOOP("AuditLogDialog", "Time"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "User"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "Action"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "Item"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "Old value"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "New value"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "Reason"),
]
ACTIONS = {
    "input.set": QT_TRANSLATE_NOOP("AuditLogDialog", "Input changed"),
    "input.override": QT_TRANSLATE_NOOP("AuditLogDialog", "Score adjusted"),
    "input.override_removed": QT_TRANSLATE_NOOP("AuditLogDialog", "Adjustment removed"),
    "project.add": QT_TRANSLATE_NOOP("AuditLogDialog", "Project added"),
    "project.update": QT_TRANSLATE_NOOP("AuditLogDialog", "Project changed"),
    "project.delete": QT_TRANSLATE_NOOP("AuditLogDialog", "Project deleted"),
    "project.import": QT_TRANSLATE_NOOP("AuditLogDialog", "Projects imported"),
    "evaluation.create": QT_TRANSLATE_NOOP("AuditLogDialog", "Evaluation created"),
    "setting.set": QT_TRANSLATE_NOOP("AuditLogDialog", "Setting changed"),
    "derived.set": QT_TRANSLATE_NOOP("AuditLogDialog", "Computed input changed"),
    "system.replace": QT_TRANSLATE_NOOP("AuditLogDialog", "Indicator system changed"),
}


class AuditLogModel(QAbstractTableModel):
    def __init__(self, entries: list[AuditEntry], parent=None):
        super().__init__(parent)
        self.entries = entries

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("AuditLogDialog", HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        e = self.entries[index.row()]
        values = [
            e.at.replace("T", " "),
            e.user,
            QCoreApplication.translate("AuditLogDialog", ACTIONS[e.action])
            if e.action in ACTIONS
            else e.action,
            e.target,
            e.old_value or "",
            e.new_value or "",
            e.reason,
        ]
        text = values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole and len(text) > 120:
            return text[:117] + "…"
        return text


class AuditLogDialog(QDialog):
    def __init__(self, entries: list[AuditEntry], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("AuditLogDialog", "Audit log"))
        self.resize(1000, 520)
        layout = QVBoxLayout(self)
        self.table = QTableView()
        self.model = AuditLogModel(entries, self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((150, 80, 110, 120, 200, 200)):
            self.table.setColumnWidth(col, width)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
