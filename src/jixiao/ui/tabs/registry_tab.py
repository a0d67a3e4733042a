"""Tab 项目登记: the fund's projects, their summary (the numbers the score sheet uses),
import from Excel/CSV and export.

Every write is a QUndoCommand on ``ctx.undo`` whose redo/undo call the EvaluationFile
methods (each one transaction with its audit-log row); after each write the tab emits
``CHANGED_PROJECTS`` so the score sheet follows at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.numbers import fmt_money
from jixiao.core.projects import (
    DENOMINATORS,
    STATUSES,
    Project,
    RegistrySummary,
    rate_text,
    summarize,
)
from jixiao.export.projects_xlsx import ExportError, export_csv, export_xlsx, write_template
from jixiao.importers import project_mapping
from jixiao.importers.impact import project_import_impact
from jixiao.importers.projects import (
    FLAG,
    STATUS,
    TRISTATE,
    UNIT_AUTO,
    ImportPreview,
    align_amounts,
    match_headers,
)
from jixiao.importers.tables import Table, read_table
from jixiao.storage.database import StorageError
from jixiao.storage.evaluation_file import EvaluationFile, ProjectError, UpsertReport
from jixiao.ui.context import CHANGED_META, CHANGED_PROJECTS, CHANGED_SYSTEM, TabContext
from jixiao.ui.dialogs.column_mapping_dialog import ColumnMappingDialog
from jixiao.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from jixiao.ui.dialogs.project_dialog import ProjectDialog
from jixiao.ui.models.projects_model import (
    COL_NAME,
    COLUMN_COUNT,
    KINDS,
    ProjectFilterProxy,
    ProjectsModel,
)
from jixiao.ui.tabs.base import BaseTab
from jixiao.ui.workers import Task

Index = QModelIndex | QPersistentModelIndex


# ============================================================================ undo commands
class _ProjectCommand(QUndoCommand):
    """Base: the first redo happens in ``apply()`` before the push, so a refused write
    (validation, duplicate) is reported to the user and never lands on the stack."""

    def __init__(self, ctx: TabContext, text: str):
        super().__init__(text)
        self.ctx = ctx
        self._applied = False

    @property
    def ef(self) -> EvaluationFile:
        return self.ctx.ef

    # Ids of the projects a write touched, so the registry tab can re-read just those rows
    # (None: rows were added or removed, re-read everything). Other listeners of the hub
    # refresh as usual.
    changed_ids: list[int] | None = None
    tab: RegistryTab | None = None

    def apply(self) -> None:
        self.do()
        self._applied = True
        self._announce()

    def redo(self) -> None:
        if self._applied:  # the push right after apply(): already written
            self._applied = False
            return
        self.do()
        self._announce()

    def undo(self) -> None:
        self.revert()
        self._announce()

    def _announce(self) -> None:
        if self.tab is not None and self.changed_ids is not None:
            try:
                self.tab.expect_rows(self.changed_ids)
            except RuntimeError:  # the tab was closed; the command outlives it on the stack
                self.tab = None
        self.ctx.hub.changed.emit(CHANGED_PROJECTS)

    # Hooks every concrete command overrides (QUndoCommand's metaclass rules out abc here).
    def do(self) -> None:
        """Write the change through EvaluationFile (audited, one transaction)."""
        raise NotImplementedError(f"{type(self).__name__} must implement do()")

    def revert(self) -> None:
        """Write the opposite change."""
        raise NotImplementedError(f"{type(self).__name__} must implement revert()")


class AddProjectCommand(_ProjectCommand):
    def __init__(self, ctx: TabContext, project: Project):
        super().__init__(
            ctx,
            QCoreApplication.translate("RegistryTab", "Add project “%1”").replace(
                "%1", project.name
            ),
        )
        self.project = project

    def do(self) -> None:
        if self.project.id is None:
            new_id = self.ef.add_project(self.project)
            self.project = self.ef.project(new_id)  # with its id and 序号
        else:  # redo after undo: same id, so later commands on the stack still match
            self.ef.restore_project(self.project, reason="重做新增")

    def revert(self) -> None:
        assert self.project.id is not None
        self.ef.delete_project(self.project.id, reason="撤销新增")


class EditProjectCommand(_ProjectCommand):
    def __init__(self, ctx: TabContext, old: Project, new: Project):
        super().__init__(
            ctx,
            QCoreApplication.translate("RegistryTab", "Edit project “%1”").replace("%1", new.name),
        )
        self.old, self.new = old, new
        self.changed_ids = [new.id] if new.id is not None else None

    def do(self) -> None:
        self.ef.update_project(self.new)

    def revert(self) -> None:
        self.ef.update_project(self.old, reason="撤销修改")


class DeleteProjectsCommand(_ProjectCommand):
    def __init__(self, ctx: TabContext, projects: Sequence[Project]):
        text = (
            QCoreApplication.translate("RegistryTab", "Delete project “%1”").replace(
                "%1", projects[0].name
            )
            if len(projects) == 1
            else QCoreApplication.translate("RegistryTab", "Delete %1 projects").replace(
                "%1", str(len(projects))
            )
        )
        super().__init__(ctx, text)
        self.projects = list(projects)

    def do(self) -> None:
        with self.ef.batch():  # one re-score for many rows
            for project in self.projects:
                assert project.id is not None
                self.ef.delete_project(project.id)

    def revert(self) -> None:
        with self.ef.batch():  # one re-score for many rows
            for project in self.projects:
                self.ef.restore_project(project, reason="撤销删除")


class ImportProjectsCommand(_ProjectCommand):
    """upsert_projects (all or nothing); undo puts back the registry as it was."""

    def __init__(
        self,
        ctx: TabContext,
        projects: Sequence[Project],
        source: str,
        provided: Sequence[set[str]] | None = None,
    ):
        super().__init__(
            ctx, QCoreApplication.translate("RegistryTab", "Import %1").replace("%1", source)
        )
        self.projects = list(projects)
        self.source = source
        self.provided = None if provided is None else list(provided)
        self.report: UpsertReport | None = None
        self._before: list[Project] = []

    def do(self) -> None:
        self._before = self.ef.projects()
        projects = align_amounts(self._before, self.projects, self.provided)
        self.report = self.ef.upsert_projects(projects, reason=f"导入 {self.source}")

    def revert(self) -> None:
        before = {p.id: p for p in self._before}
        with self.ef.batch():  # one re-score for many rows
            for project in self.ef.projects():
                old = before.pop(project.id, None)
                if old is None:
                    assert project.id is not None
                    self.ef.delete_project(project.id, reason=f"撤销导入 {self.source}")
                elif old != project:
                    self.ef.update_project(old, reason=f"撤销导入 {self.source}")
            for old in before.values():
                self.ef.restore_project(old, reason=f"撤销导入 {self.source}")


class SetDenominatorCommand(_ProjectCommand):
    def __init__(self, ctx: TabContext, old: str, new: str):
        super().__init__(
            ctx,
            QCoreApplication.translate("RegistryTab", "Execution-rate denominator: %1").replace(
                "%1", DENOMINATORS.get(new, new)
            ),
        )
        self.old, self.new = old, new
        self.changed_ids = []  # no project changed; the summary is recalculated

    def do(self) -> None:
        self.ef.set_setting("execution_denominator", self.new, reason="预算执行率分母")

    def revert(self) -> None:
        self.ef.set_setting("execution_denominator", self.old, reason="撤销")


# ============================================================================ widgets
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


class SummaryPanel(QGroupBox):
    """The registry figures the score sheet uses (from core.projects.summarize)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("RegistryTab", "Summary (used by the score sheet)"), parent
        )
        self.denominator = QComboBox()
        labels = {
            "budget": QCoreApplication.translate("RegistryTab", "Budget"),
            "adjusted_budget": QCoreApplication.translate("RegistryTab", "Adjusted budget"),
            "funds_in_place": QCoreApplication.translate("RegistryTab", "Funds in place"),
        }
        for key in DENOMINATORS:
            self.denominator.addItem(labels.get(key, key), key)
        self.denominator.setToolTip(
            QCoreApplication.translate(
                "RegistryTab",
                "Denominator of the budget execution rate (paid ÷ …), stored in the file",
            )
        )
        self.values: dict[str, QLabel] = {}
        form = QFormLayout(self)
        rows = [
            ("projects", QCoreApplication.translate("RegistryTab", "Projects")),
            ("units", QCoreApplication.translate("RegistryTab", "Construction units")),
            ("budget", QCoreApplication.translate("RegistryTab", "Σ budget (10k yuan)")),
            ("adjusted", QCoreApplication.translate("RegistryTab", "Σ adjusted budget")),
            ("in_place", QCoreApplication.translate("RegistryTab", "Σ funds in place")),
            ("paid", QCoreApplication.translate("RegistryTab", "Σ paid (10k yuan)")),
            ("in_place_rate", QCoreApplication.translate("RegistryTab", "Funds in place rate")),
            ("execution", QCoreApplication.translate("RegistryTab", "Budget execution rate")),
            ("completion", QCoreApplication.translate("RegistryTab", "Completion rate")),
            ("acceptance", QCoreApplication.translate("RegistryTab", "Acceptance rate")),
            ("timeliness", QCoreApplication.translate("RegistryTab", "Timeliness rate")),
        ]
        for key, label in rows:
            value = QLabel("—")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.values[key] = value
            form.addRow(label, value)
            if key == "in_place_rate":
                form.addRow(
                    QCoreApplication.translate("RegistryTab", "Execution rate denominator"),
                    self.denominator,
                )
        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.scope.setStyleSheet("color:#555")
        form.addRow(self.scope)

    def show_summary(self, s: RegistrySummary) -> None:
        def count(num: int, den: int) -> str:
            return f"（{num}/{den}）"

        v = self.values
        v["projects"].setText(str(s.projects))
        v["units"].setText(str(s.units))
        v["budget"].setText(fmt_money(s.budget))
        v["adjusted"].setText(fmt_money(s.adjusted_budget))
        v["in_place"].setText(fmt_money(s.funds_in_place))
        v["paid"].setText(fmt_money(s.paid))
        v["in_place_rate"].setText(rate_text(s.funds_in_place_rate))
        v["execution"].setText(rate_text(s.execution_rate))
        v["completion"].setText(rate_text(s.completion_rate) + count(s.completed, s.planned))
        v["acceptance"].setText(rate_text(s.acceptance_rate) + count(s.accepted, s.due))
        v["timeliness"].setText(rate_text(s.timeliness_rate) + count(s.on_time, s.timed))
        self.denominator.blockSignals(True)
        self.denominator.setCurrentIndex(max(0, self.denominator.findData(s.denominator)))
        self.denominator.blockSignals(False)
        if not s.projects:
            self.scope.setText(
                QCoreApplication.translate(
                    "RegistryTab",
                    "No projects yet: the score sheet uses the values entered by hand.",
                )
            )
        elif s.scope_sampled:
            self.scope.setText(
                QCoreApplication.translate(
                    "RegistryTab",
                    "Output rates are counted over the projects marked “sampled”; "
                    "money over all %1 projects.",
                ).replace("%1", str(s.projects))
            )
        else:
            self.scope.setText(
                QCoreApplication.translate(
                    "RegistryTab",
                    "No project is marked “sampled”: output rates are counted over all projects.",
                )
            )


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
class RegistryTab(BaseTab):
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
        self._expected_rows: list[int] | None = None
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

    def _hub_changed(self, what: str) -> None:
        expected, self._expected_rows = self._expected_rows, None
        if what == CHANGED_PROJECTS and expected is not None and self.refresh_rows(expected):
            return
        if what in (CHANGED_PROJECTS, CHANGED_SYSTEM, CHANGED_META):
            self.refresh()

    def expect_rows(self, ids: list[int]) -> None:
        """The next CHANGED_PROJECTS comes from this tab's own edit of ``ids``."""
        self._expected_rows = list(ids)

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
    def run(self, command: _ProjectCommand) -> bool:
        """Apply a command and push it; a refused write is shown and nothing is pushed."""
        command.tab = self
        try:
            command.apply()
        except (ProjectError, StorageError, ValueError) as exc:
            self._expected_rows = None
            self.show_error(QCoreApplication.translate("RegistryTab", "Not saved"), str(exc))
            return False
        self.ctx.undo.push(command)
        self.ctx.status(command.text())
        return True

    def _commit_edit(self, old: Project, new: Project) -> str | None:
        try:
            command = EditProjectCommand(self.ctx, old, new)
            command.tab = self
            command.apply()
        except (ProjectError, StorageError, ValueError) as exc:
            self._expected_rows = None
            return str(exc)
        self.ctx.undo.push(command)
        self.ctx.status(command.text())
        return None

    def _edit_rejected(self, message: str) -> None:
        self.show_error(QCoreApplication.translate("RegistryTab", "Not saved"), message)

    def _denominator_changed(self) -> None:
        new = self.summary.denominator.currentData()
        old = self.ctx.ef.execution_denominator
        if new and new != old:
            self.run(SetDenominatorCommand(self.ctx, old, new))

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

    # ------------------------------------------------------------------ import / export
    def read_list(self, path: Path) -> Table | None:
        """Read the spreadsheet on a worker thread with a cancellable progress dialog (a large
        workbook takes seconds); the window keeps painting meanwhile."""
        outcome: dict[str, object] = {}
        task = Task(
            lambda progress, should_cancel: read_table(
                path, progress=progress, should_cancel=should_cancel
            ),
            self,
        )
        progress = QProgressDialog(
            QCoreApplication.translate("RegistryTab", "Reading “%1”…").replace("%1", path.name),
            QCoreApplication.translate("RegistryTab", "Cancel"),
            0,
            100,
            self,
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        task.progress.connect(progress.setValue)
        progress.canceled.connect(task.cancel)
        task.succeeded.connect(lambda table: outcome.setdefault("table", table))
        task.failed.connect(lambda message: outcome.setdefault("error", message))
        loop = QEventLoop(self)
        task.finished.connect(loop.quit)
        task.start()
        loop.exec()
        progress.close()
        task.deleteLater()
        if "error" in outcome:
            self.show_error(
                QCoreApplication.translate("RegistryTab", "Cannot import"), str(outcome["error"])
            )
            return None
        table = outcome.get("table")
        return table if isinstance(table, Table) else None  # None: cancelled

    def import_file(self, path: str | Path | None = None) -> UpsertReport | None:
        """Read → (mapping dialog when unsure) → preview → one upsert transaction."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                QCoreApplication.translate("RegistryTab", "Import project list"),
                "",
                QCoreApplication.translate(
                    "RegistryTab", "Spreadsheets (*.xlsx *.xls *.csv);;All files (*)"
                ),
            )
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        table = self.read_list(path)
        if table is None:
            return None
        match, recalled = project_mapping.apply(match_headers(table.rows))
        unit = UNIT_AUTO
        if not match.confident and not recalled:
            mapping = ColumnMappingDialog(table, match, unit, self)
            if (
                self.exec_dialog(mapping) != QDialog.DialogCode.Accepted
                or mapping.result_match() is None
            ):
                return None
            match, unit = mapping.result_match(), mapping.amount_unit()
        confirmed = match is not None and (recalled or not match.confident or bool(match.words))
        preview_dialog = ImportPreviewDialog(
            table,
            match,
            self.model.projects(),
            amount_unit=unit,
            impact=lambda aligned: project_import_impact(self.ctx.ef, aligned),
            parent=self,
        )
        if self.exec_dialog(preview_dialog) != QDialog.DialogCode.Accepted:
            return None
        if confirmed or preview_dialog.mapping_confirmed:
            project_mapping.remember(preview_dialog.preview.match)  # per header set
        return self.apply_import(preview_dialog.preview, path.name)

    def apply_import(self, preview: ImportPreview, source: str) -> UpsertReport | None:
        if not preview.ok:
            return None
        command = ImportProjectsCommand(self.ctx, preview.projects, source, preview.given)
        if not self.run(command) or command.report is None:
            return None
        r = command.report
        message = (
            QCoreApplication.translate(
                "RegistryTab", "Imported %1: %2 added, %3 updated, %4 unchanged."
            )
            .replace("%1", source)
            .replace("%2", str(r.added))
            .replace("%3", str(r.updated))
            .replace("%4", str(r.unchanged))
        )
        self.ctx.status(message)
        self.last_message = message
        return r

    def export_file(self, path: str | Path | None = None) -> Path | None:
        if path is None:
            meta = self.ctx.ef.meta()
            suggested = str(self.ctx.ef.path.with_name(f"{meta.fund}项目登记.xlsx"))
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("RegistryTab", "Export projects"),
                suggested,
                QCoreApplication.translate(
                    "RegistryTab", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"
                ),
            )
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        try:
            if path.suffix.lower() == ".csv":
                export_csv(self.model.projects(), path)
            else:
                export_xlsx(
                    self.model.projects(),
                    path,
                    title=f"{self.ctx.ef.meta().title}（项目登记）",
                    denominator=self.ctx.ef.execution_denominator,
                )
        except ExportError as exc:
            self.show_error(QCoreApplication.translate("RegistryTab", "Export failed"), str(exc))
            return None
        self.ctx.status(
            QCoreApplication.translate("RegistryTab", "Exported %1 projects to %2")
            .replace("%1", str(self.model.rowCount()))
            .replace("%2", str(path))
        )
        return path

    def save_template(self, path: str | Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("RegistryTab", "Save blank template"),
                QCoreApplication.translate("RegistryTab", "project-list-template.xlsx"),
                QCoreApplication.translate("RegistryTab", "Excel workbook (*.xlsx)"),
            )
            if not chosen:
                return None
            path = chosen
        path = Path(path).with_suffix(".xlsx")
        try:
            write_template(path)
        except ExportError as exc:
            self.show_error(QCoreApplication.translate("RegistryTab", "Export failed"), str(exc))
            return None
        self.ctx.status(
            QCoreApplication.translate("RegistryTab", "Template saved to %1").replace(
                "%1", str(path)
            )
        )
        return path

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
