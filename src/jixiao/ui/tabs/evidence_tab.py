"""The 佐证材料 tab: the indicator tree with evidence coverage on the left; the selected
indicator's items and attached files on the right. Files are attached with a dialog or by
dropping them on the list, opened in the system viewer from a temporary copy, verified
(校验) and exported.

Item edits (add, rename, status, reason, project, note, removal of an item without files)
are undoable commands on ``ctx.undo``. Attaching and removing files are recorded in the
audit log but not undoable: the content of a removed file is gone (after a confirmation).
"""

from __future__ import annotations

import atexit
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from jixiao.core import evidence as core
from jixiao.core.errors import OperationCancelled
from jixiao.core.evidence import (
    STATUS_MISSING,
    STATUS_NA,
    STATUS_PROVIDED,
    EvidenceError,
    EvidenceItem,
)
from jixiao.export import evidence_export
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
    What,
)
from jixiao.ui.models.evidence_model import (
    CODE_ROLE,
    FILE_ID_ROLE,
    ITEM_ID_ROLE,
    EvidenceItemsModel,
    IndicatorTreeModel,
    status_text,
)
from jixiao.ui.operations import run_op
from jixiao.ui.tabs.base import BaseTab
from jixiao.ui.widgets.evidence_items_view import EvidenceItemsView
from jixiao.ui.workers import Task, run_in_background

translate = QCoreApplication.translate

# Files larger than this get a progress dialog (with 取消) while they are stored or read.

_TEMP_DIRS: list[Path] = []


NO_PROJECT = -1  # the （无） entry of the project combo


def _project_id(data: object) -> int | None:
    return None if data in (NO_PROJECT, None) else int(data)  # type: ignore[arg-type]


def _cleanup_temp_dirs() -> None:
    # A viewer may still hold a file open (Windows): whatever cannot be removed stays.
    for folder in _TEMP_DIRS:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(_cleanup_temp_dirs)


def open_with_system_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


# ---------------------------------------------------------------------------- undo commands
# ---------------------------------------------------------------------------- the list with drops
# ---------------------------------------------------------------------------- the tab
class EvidenceTab(BaseTab):
    attached = Signal(int)  # after attach_files: how many files were attached
    verified = Signal(object)  # after verify: the VerifyReport
    exported = Signal(object)  # after export_attachments: the folder

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._code: str | None = None
        self._loading = False
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
    def _on_changed(self, change: Change) -> None:
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

    # ------------------------------------------------------------------ item edits (undoable)
    def apply_details(self) -> bool:
        it = self.selected_item()
        if it is None:
            return False
        status = self.status_combo.currentData()
        reason = self.reason_edit.text().strip() if status == STATUS_NA else ""
        new = {
            "name": self.name_edit.text(),
            "status": status,
            "na_reason": reason,
            "note": self.note_edit.text(),
            "project_id": _project_id(self.project_combo.currentData()),
        }
        try:
            new["name"] = core.clean_item_name(new["name"])
            core.check_status(status, reason)
        except EvidenceError as exc:
            self.detail_error.setText(str(exc))
            return False
        old = {
            "name": it.name,
            "status": it.status,
            "na_reason": it.na_reason,
            "note": it.note,
            "project_id": it.project_id,
        }
        changed = {k for k in new if new[k] != old[k]}
        if not changed:
            return False
        command = UpdateItemCommand(
            self,
            it.id,
            {k: old[k] for k in changed},
            {k: new[k] for k in changed},
            f"{it.code} {new['name']}",
        )
        if not run_op(self.ctx, command, on_refused=self.detail_error.setText):
            return False
        self.ctx.status(translate("EvidenceTab", "Saved %1").replace("%1", new["name"]))
        return True

    def set_status(self, item_id: int, status: str, reason: str = "") -> bool:
        """Set an item's status as one undoable edit (used by the details panel and tests)."""
        self.select_item(item_id)
        self.status_combo.setCurrentIndex(self.status_combo.findData(status))
        self.reason_edit.setText(reason)
        return self.apply_details()

    def add_item(self) -> int | None:
        if not self._code:
            return None
        name = self.ask_text(
            translate("EvidenceTab", "Add evidence item"),
            translate("EvidenceTab", "Name of the evidence item:"),
            "",
        )
        if not name:
            return None
        try:
            name = core.clean_item_name(name)
        except EvidenceError as exc:
            self.show_message(self.title(), str(exc), True)
            return None
        command = AddItemCommand(self, self._code, name)
        if not run_op(self.ctx, command, on_refused=self._refused):
            return None
        if command.item_id is not None:
            self.select_item(command.item_id)
        return command.item_id

    def remove_item(self) -> bool:
        it = self.selected_item()
        if it is None:
            return False
        if it.files:
            text = translate(
                "EvidenceTab", "Remove “%1” and its %2 attached file(s)? This cannot be undone."
            )
            if not self.confirm(
                self.title(), text.replace("%1", it.name).replace("%2", str(len(it.files)))
            ):
                return False
            try:
                store.remove_item(self.ctx.ef, it.id, reason="删除材料及附件")
            except EvidenceError as exc:
                self.show_message(self.title(), str(exc), True)
                return False
            self.ctx.hub.announce(What.EVIDENCE)  # cannot be undone: no op on the stack
            self.ctx.hub.flush()
        else:
            text = translate("EvidenceTab", "Remove the evidence item “%1”?").replace("%1", it.name)
            if not self.confirm(self.title(), text):
                return False
            return run_op(self.ctx, RemoveItemCommand(self, it), on_refused=self._refused)
        return True

    def _refused(self, message: str) -> None:
        self.show_message(self.title(), message, True)

    # ------------------------------------------------------------------ files
    def attach_dialog(self) -> None:
        it = self.selected_item()
        if it is None:
            self.show_message(
                self.title(), translate("EvidenceTab", "Select an evidence item first."), False
            )
            return
        paths = self.choose_files()
        if paths:
            self.attach_files(it.id, [Path(p) for p in paths])

    def _on_files_dropped(self, paths: list[Path], index: QModelIndex) -> None:
        item_id = index.data(ITEM_ID_ROLE) if index.isValid() else self.selected_item_id()
        if item_id is None:
            shown = self.items_model.items()
            if len(shown) == 1:
                item_id = shown[0].id
            else:
                self.show_message(
                    self.title(),
                    translate("EvidenceTab", "Drop the files on the evidence item they belong to."),
                    False,
                )
                return
        self.attach_files(int(item_id), paths)

    def attach_files(self, item_id: int, paths: list[Path]) -> Task:
        """Read and hash the files on a worker thread (progress, cancel), then store the
        readable ones on the GUI thread in one transaction; report the others by name.
        ``attached`` carries how many were attached."""
        total = sum(_size(p) for p in paths)

        def prepare(progress: Callable[[int], None], should_cancel: Callable[[], bool]) -> Any:
            done = 0
            prepared: list[store.PreparedFile] = []
            failures: list[str] = []
            for path in paths:

                def step(n: int, _size: int, base: int = done) -> None:
                    if should_cancel():
                        raise OperationCancelled()
                    progress(int((base + n) * 1000 / total) if total else 0)

                try:
                    prepared.append(store.prepare_file(path, progress=step, opener=self.opener_rb))
                except EvidenceError as exc:
                    failures.append(str(exc))
                done += _size(path)
            return prepared, failures

        def cancelled() -> None:
            self.show_message(self.title(), translate("EvidenceTab", "Attaching cancelled."), True)
            self.attached.emit(0)

        def failed(message: str) -> None:
            self.show_message(self.title(), message, True)
            self.attached.emit(0)

        return run_in_background(
            self,
            translate("EvidenceTab", "Reading %1 file(s)…").replace("%1", str(len(paths))),
            prepare,
            on_success=lambda result: self._store_prepared(item_id, *result),
            on_failure=failed,
            on_cancel=cancelled,
        )

    def _store_prepared(
        self, item_id: int, prepared: list[store.PreparedFile], failures: list[str]
    ) -> None:
        last_file: int | None = None
        attached = 0
        if prepared:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                with self.ctx.ef.transaction():  # all of them or none
                    for file in prepared:
                        result = store.attach_prepared(
                            self.ctx.ef, item_id, file, opener=self.opener_rb
                        )
                        last_file = result.file_id
                attached = len(prepared)
            except EvidenceError as exc:
                failures.append(str(exc))
            finally:
                QApplication.restoreOverrideCursor()
        if attached:
            self.ctx.hub.announce(What.EVIDENCE)
            self.ctx.hub.flush()
            self.select_item(item_id)
            if last_file is not None:
                self.select_file(last_file)
            self.ctx.status(
                translate("EvidenceTab", "Attached %1 file(s)").replace("%1", str(attached))
            )
        if failures:
            self.show_message(self.title(), "\n".join(failures), True)
        self.attached.emit(attached)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.items_view.indexAt(pos)
        if index.isValid():
            self.items_view.setCurrentIndex(index)
        menu = QMenu(self)
        if self.selected_file_id() is not None:
            menu.addAction(self.open_button.text(), self.open_selected)
            menu.addAction(self.remove_file_button.text(), self.remove_selected_file)
            menu.addSeparator()
        if self.selected_item() is not None:
            menu.addAction(self.attach_button.text(), self.attach_dialog)
            menu.addAction(self.remove_item_button.text(), self.remove_item)
        menu.addAction(self.add_item_button.text(), self.add_item)
        menu.exec(self.items_view.viewport().mapToGlobal(pos))

    def delete_selected(self) -> bool:
        """Delete key: the selected file, or else the selected item (both ask first)."""
        if self.selected_file_id() is not None:
            return self.remove_selected_file()
        return self.remove_item()

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.data(FILE_ID_ROLE) is not None:
            self.open_selected()

    def open_selected(self) -> Path | None:
        file_id = self.selected_file_id()
        if file_id is None:
            return None
        try:
            path = store.extract_to_temp(self.ctx.ef, file_id)
        except (EvidenceError, OSError) as exc:
            self.show_message(self.title(), str(exc), True)
            return None
        _TEMP_DIRS.append(path.parent)
        if not self.opener(path):
            self.show_message(
                self.title(),
                translate(
                    "EvidenceTab", "No program is registered to open %1. A copy was saved at %2."
                )
                .replace("%1", path.name)
                .replace("%2", str(path)),
                True,
            )
        return path

    def remove_selected_file(self) -> bool:
        file_id = self.selected_file_id()
        if file_id is None:
            return False
        info = store.file_info(self.ctx.ef, file_id)
        text = translate("EvidenceTab", "Remove the attachment “%1”? This cannot be undone.")
        if not self.confirm(self.title(), text.replace("%1", info.original_name)):
            return False
        try:
            store.remove_file(self.ctx.ef, file_id)
        except EvidenceError as exc:
            self.show_message(self.title(), str(exc), True)
            return False
        self.ctx.hub.announce(What.EVIDENCE)  # cannot be undone: no op on the stack
        self.ctx.hub.flush()
        self.select_item(info.item_id)
        return True

    # ------------------------------------------------------------------ verify and export
    def verify(self) -> Task:
        """Re-hash every stored file on a worker thread (read-only connection of its own);
        ``verified`` carries the report."""
        total = store.total_stored_bytes(self.ctx.ef)
        path = self.ctx.ef.path

        def work(progress: Callable[[int], None], should_cancel: Callable[[], bool]) -> Any:
            def step(done: int, _size: int) -> None:
                if should_cancel():
                    raise OperationCancelled()
                progress(int(done * 1000 / total) if total else 0)

            return store.verify_stored(path, step)

        def done(report: store.VerifyReport) -> None:
            self.show_message(translate("EvidenceTab", "Verify"), report.summary(), not report.ok)
            self.verified.emit(report)

        return run_in_background(
            self,
            translate("EvidenceTab", "Verifying…"),
            work,
            on_success=done,
            on_failure=lambda message: self.show_message(self.title(), message, True),
        )

    def export_checklist(self) -> Path | None:
        target = self.choose_save_path("佐证材料清单.xlsx")
        if not target:
            return None
        try:
            path = evidence_export.export_checklist_xlsx(self.ctx.ef, target)
        except EvidenceError as exc:
            self.show_message(self.title(), str(exc), True)
            return None
        self.ctx.status(translate("EvidenceTab", "Exported %1").replace("%1", str(path)))
        return path

    def export_attachments(self) -> Task | None:
        """Copy every attachment out on a worker thread; ``exported`` carries the folder."""
        directory = self.choose_directory()
        if not directory:
            return None
        plan = evidence_export.plan_attachments(self.ctx.ef, directory)
        total = sum(p.size for p in plan)
        source = self.ctx.ef.path

        def work(progress: Callable[[int], None], should_cancel: Callable[[], bool]) -> Any:
            def step(done: int, _size: int) -> None:
                if should_cancel():
                    raise OperationCancelled()
                progress(int(done * 1000 / total) if total else 0)

            return evidence_export.write_attachments(source, directory, plan, step)

        def done(result: evidence_export.AttachmentExport) -> None:
            self.show_message(
                self.title(),
                translate("EvidenceTab", "Exported %1 file(s) to %2.")
                .replace("%1", str(len(result.files)))
                .replace("%2", str(result.directory)),
                False,
            )
            self.exported.emit(result.directory)

        return run_in_background(
            self,
            translate("EvidenceTab", "Exporting attachments…"),
            work,
            on_success=done,
            on_failure=lambda message: self.show_message(self.title(), message, True),
        )

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
