"""The registry table view and its item delegate (inline editing of projects)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from jixiao.core.projects import (
    STATUSES,
)
from jixiao.importers.projects import (
    FLAG,
    STATUS,
    TRISTATE,
)
from jixiao.ui.models.projects_model import (
    KINDS,
)

Index = QModelIndex | QPersistentModelIndex


class ProjectDelegate(QStyledItemDelegate):
    """Drop-downs for status and yes/no columns; a line edit elsewhere."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        kind = KINDS[index.column()]
        if kind in (STATUS, FLAG, TRISTATE):
            combo = QComboBox(parent)
            if kind == STATUS:
                combo.addItems(list(STATUSES))
            elif kind == FLAG:
                combo.addItems(["是", "否"])
            else:
                combo.addItems(["是", "否", ""])
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class RegistryTable(QTableView):
    """Keys of the registry table: Ctrl+C copies the selected cells as tab-separated text
    (pastes into Excel), Delete deletes, Enter opens the form, Insert adds."""

    deleteRequested = Signal()
    editRequested = Signal()
    addRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Handled here rather than as window shortcuts: QAbstractItemView would copy only the
        # current cell on Ctrl+C, and Enter/Delete must not fire while a cell editor is open.
        if self.state() != QAbstractItemView.State.EditingState and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            signal = {
                Qt.Key.Key_Delete: self.deleteRequested,
                Qt.Key.Key_Return: self.editRequested,
                Qt.Key.Key_Enter: self.editRequested,
                Qt.Key.Key_Insert: self.addRequested,
            }.get(Qt.Key(event.key()))
            if signal is not None:
                signal.emit()
                event.accept()
                return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def copy_selection(self) -> str:
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        if not indexes:
            current = self.currentIndex()
            indexes = [current] if current.isValid() else []
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes if not self.isColumnHidden(i.column())})
        chosen = {(i.row(), i.column()) for i in indexes}
        model = self.model()
        lines = []
        for r in rows:
            cells = []
            for c in cols:
                text = (
                    str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole) or "")
                    if (r, c) in chosen
                    else ""
                )
                cells.append(text.replace("\t", " ").replace("\n", " "))
            lines.append("\t".join(cells))
        text = "\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        return text


# ============================================================================ the tab
