"""Tab 项目登记: the fund's projects, their summary (the numbers the score sheet uses),
import from Excel/CSV and export.

Every write is an UndoableOp (ui/operations.py) on ``ctx.undo`` whose do/revert call the
EvaluationFile methods (each one transaction with its audit-log row); after each write the
tab announces a typed ``Change`` on the hub.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.projects import (
    STATUSES,
    Project,
    summarize,
)
from jixiao.storage.database import StorageError
from jixiao.ui.commands.registry import (
    AddProjectCommand,
    DeleteProjectsCommand,
    EditProjectCommand,
    SetDenominatorCommand,
    _ProjectCommand,
)
from jixiao.ui.context import Change, TabContext, What, as_change
from jixiao.ui.dialogs.project_dialog import ProjectDialog
from jixiao.ui.models.projects_model import (
    COL_NAME,
    COLUMN_COUNT,
    ProjectFilterProxy,
    ProjectsModel,
)
from jixiao.ui.operations import run_op
from jixiao.ui.tabs.base import BaseTab
from jixiao.ui.tabs.registry_io import _RegistryImportExport
from jixiao.ui.widgets.registry_summary import SummaryPanel
from jixiao.ui.widgets.registry_table import ProjectDelegate, RegistryTable

Index = QModelIndex | QPersistentModelIndex


class RegistryTab(_RegistryImportExport, BaseTab):
    # After import_file: the UpsertReport, or None when nothing was imported.
    import_finished = Signal(object)

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("RegistryTab", "Project registry")

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.model = ProjectsModel(commit=self._commit_edit, parent=self)
        self.model.editRejected.connect(self._edit_rejected)
        self.model.editWarned.connect(self.ctx.status)
        self.proxy = ProjectFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.last_message = ""
        self.shown = QLabel()

        # -- filters and actions
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            QCoreApplication.translate("RegistryTab", "Search name, unit, document no., note…")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.set_filters(search=text))
        self.unit_filter = QComboBox()
        self.status_filter = QComboBox()
        self.batch_filter = QComboBox()
        for combo, what in (
            (self.unit_filter, "unit"),
            (self.status_filter, "status"),
            (self.batch_filter, "batch"),
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(
                lambda _i, c=combo, w=what: self._filter_changed(w, c)
            )
        self.unit_filter.setToolTip(
            QCoreApplication.translate("RegistryTab", "Filter by construction unit")
        )
        self.status_filter.setToolTip(QCoreApplication.translate("RegistryTab", "Filter by status"))
        self.batch_filter.setToolTip(
            QCoreApplication.translate("RegistryTab", "Filter by batch / document no.")
        )
        self.status_filter.addItem(QCoreApplication.translate("RegistryTab", "All statuses"), "")
        for status in STATUSES:
            self.status_filter.addItem(status, status)

        self.add_button = QPushButton(QCoreApplication.translate("RegistryTab", "Add…"))
        self.edit_button = QPushButton(QCoreApplication.translate("RegistryTab", "Edit…"))
        self.delete_button = QPushButton(QCoreApplication.translate("RegistryTab", "Delete"))
        self.import_button = QPushButton(QCoreApplication.translate("RegistryTab", "Import…"))
        self.template_button = QPushButton(
            QCoreApplication.translate("RegistryTab", "Blank template…")
        )
        self.export_button = QPushButton(QCoreApplication.translate("RegistryTab", "Export…"))
        self.add_button.setToolTip(
            QCoreApplication.translate("RegistryTab", "Add a project (Ctrl+N / Insert)")
        )
        self.edit_button.setToolTip(
            QCoreApplication.translate("RegistryTab", "Edit the current project in a form (Enter)")
        )
        self.delete_button.setToolTip(
            QCoreApplication.translate("RegistryTab", "Delete the selected projects (Delete)")
        )
        self.import_button.setToolTip(
            QCoreApplication.translate(
                "RegistryTab", "Import a project list from Excel (xlsx / xls) or CSV"
            )
        )
        self.template_button.setToolTip(
            QCoreApplication.translate("RegistryTab", "Save the blank import template (xlsx)")
        )
        self.export_button.setToolTip(
            QCoreApplication.translate("RegistryTab", "Export the registry to Excel (xlsx) or CSV")
        )
        self.add_button.clicked.connect(self.add_project)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.template_button.clicked.connect(lambda: self.save_template())
        self.export_button.clicked.connect(lambda: self.export_file())

        # -- table
        self.table = RegistryTable()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ProjectDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(
            -1, Qt.SortOrder.AscendingOrder
        )  # file order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setVisible(False)  # 序号 is the first column
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        widths = [
            44,
            280,
            170,
            150,
            80,
            118,
            96,
            90,
            90,
            72,
            72,
            100,
            100,
            64,
            64,
            60,
            60,
            60,
            64,
            180,
        ]
        for column, width in enumerate(widths[:COLUMN_COUNT]):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.table.deleteRequested.connect(self.delete_selected)
        self.table.editRequested.connect(self.edit_current)
        self.table.addRequested.connect(self.add_project)
        self._add_action(QKeySequence.StandardKey.New, self.add_project, on=self)
        self._add_action(QKeySequence.StandardKey.Find, self.search.setFocus, on=self)

        self.summary = SummaryPanel()
        self.summary.denominator.currentIndexChanged.connect(self._denominator_changed)

        # -- layout
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.batch_filter, 2)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.import_button, self.template_button, self.export_button):
            buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.shown)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.summary)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([900, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        ctx.hub.changed.connect(self._hub_changed)
        self.refresh()

    def _add_action(
        self, key: QKeySequence | QKeySequence.StandardKey, slot, on: QWidget | None = None
    ) -> QAction:
        action = QAction(self)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        (on or self.table).addAction(action)
        return action

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        projects = self.ctx.ef.projects()
        self.model.set_projects(projects)
        # Summarised from the rows just read (one query, not two) with the file's denominator.
        self.summary.show_summary(summarize(projects, self.ctx.ef.execution_denominator))
        self._fill_filter(
            self.unit_filter,
            QCoreApplication.translate("RegistryTab", "All units"),
            sorted({p.unit for p in projects}),
        )
        self._fill_filter(
            self.batch_filter,
            QCoreApplication.translate("RegistryTab", "All batches"),
            sorted({p.batch for p in projects if p.batch}),
        )
        self._update_count()
        self._update_buttons()

    def _fill_filter(self, combo: QComboBox, all_text: str, values: list[str]) -> None:
        current = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, "")
        for value in values:
            combo.addItem(value, value)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)
        if index < 0 and current:  # the filtered value is gone (deleted / renamed)
            self._filter_changed("unit" if combo is self.unit_filter else "batch", combo)

    def _hub_changed(self, change: Change | str) -> None:
        change = as_change(change)  # a plain string from older code is understood too
        ids = change.project_ids
        if change.what == What.PROJECTS and ids is not None and self.refresh_rows(list(ids)):
            return
        if change.what in (What.PROJECTS, What.SYSTEM, What.META):
            self.refresh()

    def refresh_rows(self, ids: list[int]) -> bool:
        """Re-read only the projects ``ids`` (an edit); False when a full refresh is needed.
        With 10,000 projects this saves re-reading them all after every cell edit."""
        for project_id in ids:
            row = self.model.row_of(project_id)
            if row < 0:
                return False
            try:
                self.model.replace(row, self.ctx.ef.project(project_id))
            except StorageError:  # gone meanwhile
                return False
        projects = self.model.projects()
        self.summary.show_summary(summarize(projects, self.ctx.ef.execution_denominator))
        self._fill_filter(
            self.unit_filter,
            QCoreApplication.translate("RegistryTab", "All units"),
            sorted({p.unit for p in projects}),
        )
        self._fill_filter(
            self.batch_filter,
            QCoreApplication.translate("RegistryTab", "All batches"),
            sorted({p.batch for p in projects if p.batch}),
        )
        self._update_count()
        self._update_buttons()
        return True

    def _update_count(self, *args: object) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        text = (
            QCoreApplication.translate("RegistryTab", "%1 projects").replace("%1", str(total))
            if shown == total
            else QCoreApplication.translate("RegistryTab", "Showing %1 of %2 projects")
            .replace("%1", str(shown))
            .replace("%2", str(total))
        )
        self.shown.setText(text)

    def _update_buttons(self, *args: object) -> None:
        has = bool(self.selected_projects()) or self.current_project() is not None
        self.edit_button.setEnabled(self.current_project() is not None)
        self.delete_button.setEnabled(has)
        self.export_button.setEnabled(self.model.rowCount() > 0)

    def _filter_changed(self, what: str, combo: QComboBox) -> None:
        self.proxy.set_filters(**{what: combo.currentData() or ""})
        self._update_count()

    def current_project(self) -> Project | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.project(self.proxy.mapToSource(index).row())

    def selected_projects(self) -> list[Project]:
        model = self.table.selectionModel()
        rows = (
            sorted({self.proxy.mapToSource(i).row() for i in model.selectedIndexes()})
            if model
            else []
        )
        return [self.model.project(r) for r in rows]

    def select_project(self, project_id: int | None) -> None:
        row = self.model.row_of(project_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_NAME))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.selectionModel().select(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    # ------------------------------------------------------------------ writing
    def run(self, command: _ProjectCommand, *, follow: bool = True) -> bool:
        """Apply a command and push it; a refused write is shown and nothing is pushed."""
        return run_op(
            self.ctx,
            command,
            on_refused=lambda message: self.show_error(
                QCoreApplication.translate("RegistryTab", "Not saved"), message
            ),
            follow=follow,
        )

    def _commit_edit(self, old: Project, new: Project) -> str | None:
        """Called from the item editor's setModelData: the other tabs hear of it on the next
        turn of the event loop, after the editor has finished (follow=False)."""
        refused: list[str] = []
        run_op(
            self.ctx,
            EditProjectCommand(self.ctx, old, new),
            on_refused=refused.append,
            follow=False,
        )
        return refused[0] if refused else None

    def _edit_rejected(self, message: str) -> None:
        self.show_error(QCoreApplication.translate("RegistryTab", "Not saved"), message)

    def _denominator_changed(self) -> None:
        new = self.summary.denominator.currentData()
        old = self.ctx.ef.execution_denominator
        if new and new != old:
            # From the combo's own signal: the tabs follow on the next loop turn.
            self.run(SetDenominatorCommand(self.ctx, old, new), follow=False)

    def set_denominator(self, key: str) -> None:
        self.summary.denominator.setCurrentIndex(self.summary.denominator.findData(key))

    def _choices(self) -> dict[str, list[str]]:
        projects = self.model.projects()
        return {
            "units": sorted({p.unit for p in projects if p.unit}),
            "batches": sorted({p.batch for p in projects if p.batch}),
            "domains": sorted({p.domain for p in projects if p.domain}),
        }

    def add_project(self) -> None:
        dialog = ProjectDialog(None, parent=self, **self._choices())
        if self.exec_dialog(dialog) == QDialog.DialogCode.Accepted and dialog.project() is not None:
            command = AddProjectCommand(self.ctx, dialog.project())
            if self.run(command):
                self.select_project(command.project.id)

    def edit_current(self) -> None:
        project = self.current_project()
        if project is None:
            return
        dialog = ProjectDialog(project, parent=self, **self._choices())
        if self.exec_dialog(dialog) == QDialog.DialogCode.Accepted:
            new = dialog.project()
            if new is not None and new != project:
                self.run(EditProjectCommand(self.ctx, project, new))
                self.select_project(new.id)

    def delete_selected(self) -> None:
        projects = self.selected_projects()
        if not projects:
            current = self.current_project()
            projects = [current] if current else []
        if not projects:
            return
        if len(projects) == 1:
            text = (
                QCoreApplication.translate("RegistryTab", "Delete project “%1” (%2)?")
                .replace("%1", projects[0].name)
                .replace("%2", projects[0].unit)
            )
        else:
            text = QCoreApplication.translate(
                "RegistryTab", "Delete the %1 selected projects?"
            ).replace("%1", str(len(projects)))
        text += "\n" + QCoreApplication.translate(
            "RegistryTab", "The score sheet is recalculated; Undo (Ctrl+Z) brings them back."
        )
        if self.confirm(QCoreApplication.translate("RegistryTab", "Delete projects"), text):
            self.run(DeleteProjectsCommand(self.ctx, projects))

    def copy_selection(self) -> str:
        text = self.table.copy_selection()
        if text:
            self.ctx.status(
                QCoreApplication.translate("RegistryTab", "Copied %1 rows").replace(
                    "%1", str(text.count("\n") + 1)
                )
            )
        return text

    # ------------------------------------------------------------------ hooks (tests replace these)
    def exec_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, title: str, text: str) -> None:
        self.last_message = text
        self.ctx.status(text)
        QMessageBox.warning(self, title, text)
