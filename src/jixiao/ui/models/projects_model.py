"""The project registry as a table model over ``Project`` objects (one row per project).

Columns follow ``jixiao.importers.projects.COLUMNS`` (the import/export order), so what the
user sees, exports and imports line up. Cell edits are parsed with the importer's cell
parsers and handed to a ``commit`` callable, which the registry tab implements with a
QUndoCommand; the model itself never writes the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from jixiao.core.numbers import fmt_pct
from jixiao.core.projects import Project, validate_project
from jixiao.importers.projects import (
    COLUMNS,
    DATE,
    DERIVED,
    FLAG,
    INT,
    MONEY,
    STATUS,
    TRISTATE,
    CellError,
    cell_value,
    format_amount,
    parse_cell,
)

Index = QModelIndex | QPersistentModelIndex

(
    COL_SEQ,
    COL_NAME,
    COL_UNIT,
    COL_BATCH,
    COL_DOMAIN,
    COL_BUDGET,
    COL_ADJUSTED,
    COL_IN_PLACE,
    COL_PAID,
    COL_RATE,
    COL_STATUS,
    COL_PLANNED_DATE,
    COL_ACCEPTED_DATE,
    COL_SAMPLED,
    COL_PLANNED_OUTPUT,
    COL_COMPLETED,
    COL_ACCEPTANCE_DUE,
    COL_ACCEPTED,
    COL_ON_TIME,
    COL_NOTE,
) = range(20)
COLUMN_COUNT = 20
FIELDS = tuple(spec.field for spec in COLUMNS)  # '' for the derived execution rate
KINDS = tuple(spec.kind for spec in COLUMNS)
assert len(COLUMNS) == COLUMN_COUNT and FIELDS[COL_PAID] == "paid" and FIELDS[COL_NOTE] == "note"

PROJECT_ROLE = Qt.ItemDataRole.UserRole + 1  # the Project of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a key the proxy can compare in C++

WARN_BRUSH = QBrush(QColor("#fff1d6"))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)


def header_text(column: int) -> str:
    # Written out so lupdate finds each string.
    headers = (
        QCoreApplication.translate("ProjectsModel", "No."),
        QCoreApplication.translate("ProjectsModel", "Project name"),
        QCoreApplication.translate("ProjectsModel", "Construction unit"),
        QCoreApplication.translate("ProjectsModel", "Batch / document no."),
        QCoreApplication.translate("ProjectsModel", "Domain"),
        QCoreApplication.translate("ProjectsModel", "Budget (10k yuan)"),
        QCoreApplication.translate("ProjectsModel", "Adjusted budget"),
        QCoreApplication.translate("ProjectsModel", "Funds in place"),
        QCoreApplication.translate("ProjectsModel", "Paid"),
        QCoreApplication.translate("ProjectsModel", "Execution rate"),
        QCoreApplication.translate("ProjectsModel", "Status"),
        QCoreApplication.translate("ProjectsModel", "Planned completion"),
        QCoreApplication.translate("ProjectsModel", "Acceptance date"),
        QCoreApplication.translate("ProjectsModel", "Sampled"),
        QCoreApplication.translate("ProjectsModel", "Planned output"),
        QCoreApplication.translate("ProjectsModel", "Completed"),
        QCoreApplication.translate("ProjectsModel", "Acceptance due"),
        QCoreApplication.translate("ProjectsModel", "Accepted"),
        QCoreApplication.translate("ProjectsModel", "On time"),
        QCoreApplication.translate("ProjectsModel", "Note"),
    )
    return headers[column]


def header_tooltip(column: int) -> str:
    if column == COL_RATE:
        return QCoreApplication.translate(
            "ProjectsModel", "Paid ÷ budget of the project (derived, not editable)"
        )
    if column == COL_ADJUSTED:
        return QCoreApplication.translate("ProjectsModel", "Empty means the same as the budget")
    if column == COL_ON_TIME:
        return QCoreApplication.translate("ProjectsModel", "Yes / No, or empty when not yet due")
    if column in (COL_SAMPLED, COL_PLANNED_OUTPUT, COL_COMPLETED, COL_ACCEPTANCE_DUE, COL_ACCEPTED):
        return QCoreApplication.translate(
            "ProjectsModel",
            "Used by the output indicators (completion, acceptance, timeliness rates)",
        )
    return ""


def display_text(project: Project, column: int) -> str:
    """The text shown (and copied to the clipboard) for one cell."""
    kind = KINDS[column]
    if kind == DERIVED:
        rate = project.execution_rate
        return fmt_pct(rate) if rate is not None else "—"
    value = getattr(project, FIELDS[column])
    if kind == MONEY:
        return format_amount(value)
    if kind == INT:
        return str(value) if value else ""
    return cell_value(project, FIELDS[column])


def sort_key(project: Project, column: int) -> Any:
    kind = KINDS[column]
    if kind == DERIVED:
        rate = project.execution_rate
        # float only orders rows here; every figure shown or stored stays Decimal.
        return float(rate) if rate is not None else -1.0
    value = getattr(project, FIELDS[column])
    if kind == MONEY:
        return float(value) if value is not None else -1.0
    if kind == INT:
        return int(value)
    if kind == DATE:
        return value.isoformat() if value else ""
    if kind == FLAG:
        return int(value)
    if kind == TRISTATE:
        return -1 if value is None else int(value)
    return str(value)


Commit = Callable[[Project, Project], str | None]


class ProjectsModel(QAbstractTableModel):
    """Rows are ``Project`` objects as read from the file."""

    editRejected = Signal(str)
    editWarned = Signal(str)

    def __init__(
        self, projects: Sequence[Project] = (), commit: Commit | None = None, parent: Any = None
    ):
        super().__init__(parent)
        self._projects: list[Project] = list(projects)
        self._commit = commit
        self._warnings: dict[int, dict[str, str]] = {}

    # ------------------------------------------------------------------ contents
    def projects(self) -> list[Project]:
        return list(self._projects)

    def project(self, row: int) -> Project:
        return self._projects[row]

    def row_of(self, project_id: int | None) -> int:
        for row, project in enumerate(self._projects):
            if project.id == project_id:
                return row
        return -1

    def set_projects(self, projects: Sequence[Project]) -> None:
        """Show ``projects``; an in-place update when the rows are the same projects (keeps
        the selection and scroll position after an edit), else a reset."""
        projects = list(projects)
        same_rows = len(projects) == len(self._projects) and all(
            a.id == b.id for a, b in zip(projects, self._projects, strict=True)
        )
        if same_rows:
            self._projects = projects
            self._recheck()
            if projects:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(projects) - 1, COLUMN_COUNT - 1)
                )
            return
        self.beginResetModel()
        self._projects = projects
        self._recheck()
        self.endResetModel()

    def replace(self, row: int, project: Project) -> None:
        """One row changed (an edit): update it without touching the others."""
        self._projects[row] = project
        self._warnings.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def _recheck(self) -> None:
        # Warnings are worked out per row when first painted: validating 10,000 projects
        # up front would cost a third of the time the tab may take to open.
        self._warnings = {}

    def warnings(self, row: int) -> dict[str, str]:
        """Field → Chinese warning (paid above budget ...) for one row."""
        cached = self._warnings.get(row)
        if cached is None:
            cached = dict(validate_project(self._projects[row])[1])
            self._warnings[row] = cached
        return cached

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._projects)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return header_text(section)
            if role == Qt.ItemDataRole.ToolTipRole:
                return header_tooltip(section) or None
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._projects)):
            return None
        project = self._projects[index.row()]
        column = index.column()
        kind = KINDS[column]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(project, column)
        if role == Qt.ItemDataRole.EditRole:
            if kind == DERIVED:
                return display_text(project, column)
            return cell_value(project, FIELDS[column])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if kind in (MONEY, DERIVED, INT):
                return RIGHT
            if kind in (FLAG, TRISTATE, STATUS, DATE):
                return CENTER
            return None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole):
            warning = self.warnings(index.row()).get(FIELDS[column])
            if warning is None:
                return None
            return warning if role == Qt.ItemDataRole.ToolTipRole else WARN_BRUSH
        if role == SORT_ROLE:
            return sort_key(project, column)
        if role == PROJECT_ROLE:
            return project
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if KINDS[index.column()] != DERIVED and self._commit is not None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._commit is None:
            return False
        column = index.column()
        if KINDS[column] == DERIVED:
            return False
        old = self._projects[index.row()]
        field_name = FIELDS[column]
        text = "" if value is None else str(value)
        where = (
            QCoreApplication.translate("ProjectsModel", "Row %1, %2")
            .replace("%1", str(index.row() + 1))
            .replace("%2", header_text(column))
        )
        try:
            parsed = parse_cell(field_name, text)
        except CellError as exc:
            self.editRejected.emit(f"{where}：“{text}”{exc}")
            return False
        new = old.with_changes(**{field_name: parsed})
        if new == old and _same_text(old, new):
            return True
        errors, warnings = validate_project(new)
        if errors:
            self.editRejected.emit(f"{where}：" + "；".join(msg for _, msg in errors))
            return False
        problem = self._commit(old, new)
        if problem:
            self.editRejected.emit(f"{where}：{problem}")
            return False
        if warnings:
            self.editWarned.emit(f"{where}：" + "；".join(msg for _, msg in warnings))
        return True


def _same_text(a: Project, b: Project) -> bool:
    # Decimal('5') == Decimal('5.00') but the file stores the text; treat as a change.
    return all(
        str(getattr(a, f)) == str(getattr(b, f))
        for f in ("budget", "adjusted_budget", "funds_in_place", "paid")
    )


class ProjectFilterProxy(QSortFilterProxyModel):
    """Search text (name, unit, batch, domain, note) plus exact unit / status / batch filters."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._search = ""
        self._unit = ""
        self._status = ""
        self._batch = ""

    def set_filters(
        self,
        *,
        search: str | None = None,
        unit: str | None = None,
        status: str | None = None,
        batch: str | None = None,
    ) -> None:
        self.beginFilterChange()
        if search is not None:
            self._search = search.strip().casefold()
        if unit is not None:
            self._unit = unit
        if status is not None:
            self._status = status
        if batch is not None:
            self._batch = batch
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def active(self) -> bool:
        return bool(self._search or self._unit or self._status or self._batch)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.active:
            return True
        model = self.sourceModel()
        if not isinstance(model, ProjectsModel) or source_row >= model.rowCount():
            return True
        p = model.project(source_row)
        if self._unit and p.unit != self._unit:
            return False
        if self._status and p.status != self._status:
            return False
        if self._batch and p.batch != self._batch:
            return False
        if self._search:
            haystack = f"{p.name}\n{p.unit}\n{p.batch}\n{p.domain}\n{p.note}".casefold()
            return all(word in haystack for word in self._search.split())
        return True


def total_of(projects: Sequence[Project], field_name: str) -> Decimal:
    return sum((getattr(p, field_name) or Decimal(0) for p in projects), Decimal(0))
