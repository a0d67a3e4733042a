"""The 佐证材料 tab: the indicator tree with evidence coverage on the left; the selected
indicator's items and attached files on the right. Files are attached with a dialog or by
dropping them on the list, opened in the system viewer from a temporary copy, verified
(校验) and exported.

Item edits (add, rename, status, reason, project, note, removal of an item without files)
are undoable commands on ``ctx.undo``. Attaching and removing files are recorded in the
audit log but not undoable: the content of a removed file is gone (after a confirmation).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from jixiao.core import evidence as core
from jixiao.core.evidence import (
    STATUS_MISSING,
    STATUS_NA,
    STATUS_PROVIDED,
    EvidenceError,
    EvidenceItem,
)
from jixiao.storage import evidence as store
from jixiao.ui.commands.evidence import (  # noqa: F401 (moved; kept importable)
    AddItemCommand,
    RemoveItemCommand,
    UpdateItemCommand,
    _EvidenceCommand,
)
from jixiao.ui.context import (
    CHANGED_EVIDENCE,
    CHANGED_PROJECTS,
    CHANGED_SYSTEM,
    Change,
    TabContext,
    as_change,
)
from jixiao.ui.models.evidence_model import (
    CODE_ROLE,
    FILE_ID_ROLE,
    EvidenceItemsModel,
    IndicatorTreeModel,
    status_text,
)
from jixiao.ui.tabs.base import BaseTab
from jixiao.ui.tabs.evidence_edits import _EvidenceItemEdits
from jixiao.ui.tabs.evidence_files import _EvidenceFiles
from jixiao.ui.tabs.evidence_helpers import (
    NO_PROJECT,
    open_with_system_viewer,
)
from jixiao.ui.widgets.evidence_items_view import EvidenceItemsView

translate = QCoreApplication.translate


# ---------------------------------------------------------------------------- the tab
class EvidenceTab(_EvidenceItemEdits, _EvidenceFiles, BaseTab):
    attached = Signal(int)  # after attach_files: how many files were attached
    verified = Signal(object)  # after verify: the VerifyReport
    exported = Signal(object)  # after export_attachments: the folder

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._code: str | None = None
        self._loading = False
        self._details_item_id: int | None = None
        # Injectable for tests (no dialogs, no external viewer).
        self.opener: Callable[[Path], bool] = open_with_system_viewer
        self.confirm: Callable[[str, str], bool] = self._confirm_dialog
        self.show_message: Callable[[str, str, bool], None] = self._message_box
        self.choose_files: Callable[[], list[str]] = self._file_dialog
        self.choose_save_path: Callable[[str], str] = self._save_dialog
        self.choose_directory: Callable[[], str] = self._directory_dialog
        self.ask_text: Callable[[str, str, str], str | None] = self._text_dialog
        # How attachments are opened for reading (tests simulate locked files).
        self.opener_rb: Callable[[Path], BinaryIO] | None = None
        self._build()
        ctx.hub.changed.connect(self._on_changed)
        self.refresh()

    @staticmethod
    def title() -> str:
        return translate("EvidenceTab", "Evidence")

    # ------------------------------------------------------------------ widgets
    def _build(self) -> None:
        self.coverage_label = QLabel()
        font = self.coverage_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.coverage_label.setFont(font)
        self.verify_button = QPushButton(translate("EvidenceTab", "Verify"))
        self.verify_button.setToolTip(
            translate("EvidenceTab", "Re-hash every stored file and report any change")
        )
        self.export_checklist_button = QPushButton(translate("EvidenceTab", "Export checklist…"))
        self.export_files_button = QPushButton(translate("EvidenceTab", "Export all attachments…"))
        self.verify_button.clicked.connect(self.verify)
        self.export_checklist_button.clicked.connect(self.export_checklist)
        self.export_files_button.clicked.connect(self.export_attachments)
        top = QHBoxLayout()
        top.addWidget(self.coverage_label, 1)
        for button in (self.verify_button, self.export_checklist_button, self.export_files_button):
            top.addWidget(button)

        self.tree_model = IndicatorTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.selectionModel().currentChanged.connect(self._on_indicator_changed)

        self.indicator_label = QLabel()
        self.indicator_label.setWordWrap(True)
        self.items_model = EvidenceItemsModel(self)
        self.items_view = EvidenceItemsView()
        self.items_view.setModel(self.items_model)
        self.items_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items_view.setAlternatingRowColors(True)
        self.items_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items_view.header().setStretchLastSection(False)
        self.items_view.selectionModel().currentChanged.connect(self._on_item_changed)
        self.items_view.doubleClicked.connect(self._on_double_click)
        self.items_view.filesDropped.connect(self._on_files_dropped)
        self.items_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.items_view.customContextMenuRequested.connect(self._context_menu)
        self.items_view.deleteRequested.connect(self.delete_selected)
        hint = QLabel(translate("EvidenceTab", "Drop files on an item to attach them."))
        hint.setStyleSheet("color: #666;")

        self.add_item_button = QPushButton(translate("EvidenceTab", "Add item…"))
        self.remove_item_button = QPushButton(translate("EvidenceTab", "Remove item"))
        self.attach_button = QPushButton(translate("EvidenceTab", "Attach files…"))
        self.open_button = QPushButton(translate("EvidenceTab", "Open"))
        self.remove_file_button = QPushButton(translate("EvidenceTab", "Remove file"))
        self.add_item_button.clicked.connect(self.add_item)
        self.remove_item_button.clicked.connect(self.remove_item)
        self.attach_button.clicked.connect(self.attach_dialog)
        self.open_button.clicked.connect(self.open_selected)
        self.remove_file_button.clicked.connect(self.remove_selected_file)
        buttons = QHBoxLayout()
        for button in (
            self.add_item_button,
            self.remove_item_button,
            self.attach_button,
            self.open_button,
            self.remove_file_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        # Details of the selected item: applied as one undoable edit.
        self.details = QGroupBox(translate("EvidenceTab", "Selected item"))
        self.name_edit = QLineEdit()
        self.status_combo = QComboBox()
        for status in (STATUS_PROVIDED, STATUS_MISSING, STATUS_NA):
            self.status_combo.addItem(status_text(status), status)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(translate("EvidenceTab", "Required for not applicable"))
        self.project_combo = QComboBox()
        self.note_edit = QLineEdit()
        self.apply_button = QPushButton(translate("EvidenceTab", "Apply"))
        self.apply_button.clicked.connect(self.apply_details)
        self.status_combo.currentIndexChanged.connect(self._update_reason_enabled)
        self.detail_error = QLabel()
        self.detail_error.setStyleSheet("color: #C0392B;")
        form = QFormLayout(self.details)
        form.addRow(translate("EvidenceTab", "Name"), self.name_edit)
        form.addRow(translate("EvidenceTab", "Status"), self.status_combo)
        form.addRow(translate("EvidenceTab", "Reason (not applicable)"), self.reason_edit)
        form.addRow(translate("EvidenceTab", "Project"), self.project_combo)
        form.addRow(translate("EvidenceTab", "Note"), self.note_edit)
        row = QHBoxLayout()
        row.addWidget(self.detail_error, 1)
        row.addWidget(self.apply_button)
        form.addRow(row)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.indicator_label)
        rlay.addWidget(self.items_view, 1)
        rlay.addWidget(hint)
        rlay.addLayout(buttons)
        rlay.addWidget(self.details)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([340, 860])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    # ------------------------------------------------------------------ data flow
    def _on_changed(self, change: Change | str) -> None:
        change = as_change(change)  # a plain string from older code is understood too
        if change.what in (CHANGED_EVIDENCE, CHANGED_PROJECTS, CHANGED_SYSTEM):
            self.refresh()

    def refresh(self) -> None:
        """Re-read everything shown, keeping the selected indicator and item."""
        ef = self.ctx.ef
        keep_item = self.selected_item_id()
        try:
            all_items = store.items(ef)
        except EvidenceError as exc:
            self.show_message(self.title(), str(exc), True)
            return
        system = ef.system()
        per_node = core.coverage_by_node(system, all_items)
        leaves = {node.code for node in system.leaves()}
        overall = core.coverage(it for it in all_items if it.code in leaves)
        self.coverage_label.setText(
            translate("EvidenceTab", "Evidence coverage %1").replace("%1", overall.text())
        )
        self._loading = True
        try:
            self.tree_model.load(system, per_node)
            self.tree.expandAll()
            code = (
                self._code
                if self._code in leaves
                else (system.leaves()[0].code if leaves else None)
            )
            self._code = code
            if code:
                self.tree.setCurrentIndex(self.tree_model.index_for_code(code))
            self._fill_projects()
        finally:
            self._loading = False
        self._show_indicator(keep_item)

    def _fill_projects(self) -> None:
        self.project_combo.clear()
        # Never None as item data: PySide6 6.12.0 dropped a reference to None on every
        # currentData()/itemData() that returned it, until the interpreter aborted.
        self.project_combo.addItem(translate("EvidenceTab", "(none)"), NO_PROJECT)
        for project in self.ctx.ef.projects():
            self.project_combo.addItem(f"{project.name}（{project.unit}）", project.id)

    def _show_indicator(self, keep_item: int | None = None) -> None:
        code = self._code
        node = self.ctx.ef.system().find(code) if code else None
        shown = store.items(self.ctx.ef, code) if code else []
        self.items_model.set_items(shown)
        self.items_view.expandAll()
        for col in range(1, self.items_model.COLUMNS):
            self.items_view.resizeColumnToContents(col)
        if node is not None:
            cov = core.coverage(shown)
            self.indicator_label.setText(
                f"<b>{node.code} {node.name}</b>　"
                + translate("EvidenceTab", "Evidence coverage %1").replace("%1", cov.text())
            )
        else:
            self.indicator_label.setText("")
        if keep_item is not None and self.items_model.item_row(keep_item).isValid():
            self.items_view.setCurrentIndex(self.items_model.item_row(keep_item))
        elif shown:
            self.items_view.setCurrentIndex(self.items_model.index(0, 0))
        self._show_details()

    def _on_indicator_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._loading or not current.isValid():
            return
        code = current.data(CODE_ROLE)
        node = self.ctx.ef.system().find(code) if code else None
        if node is None or not node.is_leaf:
            return
        self._code = code
        self._show_indicator()

    def _on_item_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_details()
        self._update_buttons()

    def _update_buttons(self) -> None:
        it = self.selected_item()
        has_file = self.selected_file_id() is not None
        self.remove_item_button.setEnabled(it is not None)
        self.attach_button.setEnabled(it is not None)
        self.open_button.setEnabled(has_file)
        self.remove_file_button.setEnabled(has_file)
        self.add_item_button.setEnabled(self._code is not None)

    def _show_details(self) -> None:
        it = self.selected_item()
        # The item the details are shown (and will be applied) for, whatever is selected later.
        self._details_item_id = it.id if it is not None else None
        self.details.setEnabled(it is not None)
        self.detail_error.setText("")
        if it is None:
            for edit in (self.name_edit, self.reason_edit, self.note_edit):
                edit.clear()
            self._update_buttons()
            return
        self.name_edit.setText(it.name)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(it.status)))
        self.reason_edit.setText(it.na_reason)
        self.note_edit.setText(it.note)
        self.project_combo.setCurrentIndex(
            max(
                0,
                self.project_combo.findData(NO_PROJECT if it.project_id is None else it.project_id),
            )
        )
        self._update_reason_enabled()
        self._update_buttons()

    def _update_reason_enabled(self) -> None:
        self.reason_edit.setEnabled(self.status_combo.currentData() == STATUS_NA)

    # ------------------------------------------------------------------ selection helpers
    def current_code(self) -> str | None:
        return self._code

    def select_indicator(self, code: str) -> None:
        index = self.tree_model.index_for_code(code)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def selected_item(self) -> EvidenceItem | None:
        return self.items_model.item_at(self.items_view.currentIndex())

    def selected_item_id(self) -> int | None:
        it = self.selected_item()
        return it.id if it else None

    def selected_file_id(self) -> int | None:
        index = self.items_view.currentIndex()
        return index.data(FILE_ID_ROLE) if index.isValid() else None

    def select_item(self, item_id: int) -> None:
        index = self.items_model.item_row(item_id)
        if index.isValid():
            self.items_view.setCurrentIndex(index)

    def select_file(self, file_id: int) -> None:
        model = self.items_model
        for row in range(model.rowCount()):
            parent = model.index(row, 0)
            for child in range(model.rowCount(parent)):
                index = model.index(child, 0, parent)
                if index.data(FILE_ID_ROLE) == file_id:
                    self.items_view.setCurrentIndex(index)
                    return

    # ------------------------------------------------------------------ default dialogs
    def _confirm_dialog(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _message_box(self, title: str, text: str, error: bool) -> None:
        if error:
            QMessageBox.warning(self, title, text)
        else:
            QMessageBox.information(self, title, text)

    def _file_dialog(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self, translate("EvidenceTab", "Attach files"))
        return paths

    def _save_dialog(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("EvidenceTab", "Export checklist"),
            suggested,
            translate("EvidenceTab", "Excel workbook (*.xlsx)"),
        )
        return path

    def _directory_dialog(self) -> str:
        return QFileDialog.getExistingDirectory(
            self, translate("EvidenceTab", "Export all attachments to")
        )

    def _text_dialog(self, title: str, label: str, text: str) -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None


__all__ = ["EvidenceItemsView", "EvidenceTab"]
