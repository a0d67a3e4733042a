"""Models of the evidence tab: the indicator tree with coverage, and one indicator's items
(top-level rows) with their attached files (child rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from jixiao.core import evidence as core
from jixiao.core.evidence import STATUS_MISSING, STATUS_NA, STATUS_PROVIDED, Coverage, EvidenceItem
from jixiao.core.model import IndicatorSystem

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 2
FILE_ID_ROLE = Qt.ItemDataRole.UserRole + 3

MISSING_COLOR = QColor("#C0392B")
NA_COLOR = QColor("#7F8C8D")
COMPLETE_COLOR = QColor("#1E8449")

Index = QModelIndex | QPersistentModelIndex


translate = QCoreApplication.translate


def status_text(status: str) -> str:
    labels = {
        STATUS_PROVIDED: translate("EvidenceModel", "Provided"),
        STATUS_MISSING: translate("EvidenceModel", "Missing"),
        STATUS_NA: translate("EvidenceModel", "Not applicable"),
    }
    return labels.get(status, status)


class IndicatorTreeModel(QStandardItemModel):
    """Level-1/2/3 indicators with their evidence coverage (provided/required)."""

    CODE, COVERAGE = range(2)

    def __init__(self, parent: Any = None):
        super().__init__(0, 2, parent)
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHorizontalHeaderLabels(
            [translate("EvidenceModel", "Indicator"), translate("EvidenceModel", "Evidence")]
        )

    def load(self, system: IndicatorSystem, coverage: dict[str, Coverage]) -> None:
        # removeRows, not clear(): clear() drops the columns and with them the view's
        # per-section resize modes.
        self.removeRows(0, self.rowCount())
        parents: dict[int, QStandardItem] = {}
        for level, node, _ in system.walk():
            name = QStandardItem(f"{node.code} {node.name}")
            name.setData(node.code, CODE_ROLE)
            name.setEditable(False)
            cov = coverage.get(node.code, Coverage())
            cell = QStandardItem(cov.fraction_text() if cov.required or cov.na else "—")
            cell.setEditable(False)
            cell.setData(node.code, CODE_ROLE)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if node.is_leaf:
                cell.setToolTip(cov.text())
                if cov.required and not cov.complete:
                    cell.setForeground(QBrush(MISSING_COLOR))
                    name.setForeground(QBrush(MISSING_COLOR))
                elif cov.required:
                    cell.setForeground(QBrush(COMPLETE_COLOR))
            else:
                font = name.font()
                font.setBold(True)
                name.setFont(font)
            holder = parents.get(level - 1)
            (holder if holder is not None else self.invisibleRootItem()).appendRow([name, cell])
            parents[level] = name

    def index_for_code(self, code: str) -> QModelIndex:
        found = self.match(
            self.index(0, 0),
            CODE_ROLE,
            code,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        return found[0] if found else QModelIndex()


class EvidenceItemsModel(QAbstractItemModel):
    """An indicator's evidence items; each item's files are its children.

    An index's internalId is 0 for an item row and (item row + 1) for a file row, which is
    all a two-level tree needs to find a parent.
    """

    NAME, STATUS, PROJECT, SIZE, ATTACHED_BY, ATTACHED_AT, NOTE = range(7)
    COLUMNS = 7

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._items: list[EvidenceItem] = []

    # ------------------------------------------------------------------ data in
    def set_items(self, items: list[EvidenceItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[EvidenceItem]:
        return list(self._items)

    def item_at(self, index: Index) -> EvidenceItem | None:
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._items[row] if 0 <= row < len(self._items) else None

    def item_row(self, item_id: int) -> QModelIndex:
        for row, item in enumerate(self._items):
            if item.id == item_id:
                return self.index(row, 0)
        return QModelIndex()

    # ------------------------------------------------------------------ structure
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._items)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._items[parent.row()].files)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return self.COLUMNS

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = [
            translate("EvidenceModel", "Evidence item / file"),
            translate("EvidenceModel", "Status"),
            translate("EvidenceModel", "Project"),
            translate("EvidenceModel", "Size"),
            translate("EvidenceModel", "Attached by"),
            translate("EvidenceModel", "Attached at"),
            translate("EvidenceModel", "Note"),
        ]
        return headers[section] if 0 <= section < self.COLUMNS else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index)
        if item is None:
            return None
        col = index.column()
        if index.internalId() == 0:
            return self._item_data(item, col, role)
        files = item.files
        if not 0 <= index.row() < len(files):
            return None
        f = files[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.NAME: f.original_name,
                self.SIZE: core.format_size(f.size),
                self.ATTACHED_BY: f.attached_by,
                self.ATTACHED_AT: f.attached_at.replace("T", " "),
                self.NOTE: f.note,
            }.get(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.original_name}\n{f.mime}\n{f.size} B\nSHA-256 {f.sha256}"
        if role == ITEM_ID_ROLE:
            return item.id
        if role == FILE_ID_ROLE:
            return f.id
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _item_data(self, item: EvidenceItem, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.NAME:
                return item.name
            if col == self.STATUS:
                text = status_text(item.status)
                return f"{text}：{item.na_reason}" if item.status == STATUS_NA else text
            if col == self.PROJECT:
                return item.project_name
            if col == self.SIZE:
                return (
                    translate("EvidenceModel", "%n file(s)", "", len(item.files))
                    if item.files
                    else ""
                )
            if col == self.NOTE:
                return item.note
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col in (self.NAME, self.STATUS):
            if item.status == STATUS_MISSING:
                return QBrush(MISSING_COLOR)
            if item.status == STATUS_NA:
                return QBrush(NA_COLOR)
            return QBrush(COMPLETE_COLOR) if col == self.STATUS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.na_reason or item.note or None
        if role == ITEM_ID_ROLE:
            return item.id
        if role == FILE_ID_ROLE:
            return None
        return None
