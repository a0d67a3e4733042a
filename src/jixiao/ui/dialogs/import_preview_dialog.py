"""Preview of a project-list import: every row's problems (row, column, value, why) and the
projects that would be written, before anything touches the file."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.projects import Project
from jixiao.importers.impact import Impact
from jixiao.importers.projects import (
    UNIT_AUTO,
    HeaderMatch,
    ImportPreview,
    RowProblem,
    align_amounts,
    classify,
    parse_table,
)
from jixiao.importers.tables import Table
from jixiao.ui.dialogs.column_mapping_dialog import ColumnMappingDialog, amount_unit_items
from jixiao.ui.models.projects_model import ProjectsModel

Index = QModelIndex | QPersistentModelIndex
ERROR_BRUSH = QBrush(QColor("#fde2e1"))
WARN_BRUSH = QBrush(QColor("#fff1d6"))


class ProblemsModel(QAbstractTableModel):
    """Row, column, value, why, kind — one line per problem."""

    def __init__(self, problems: Sequence[RowProblem] = (), parent: Any = None):
        super().__init__(parent)
        self._problems = list(problems)

    def set_problems(self, problems: Sequence[RowProblem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 5
        ):
            return (
                QCoreApplication.translate("ImportPreviewDialog", "Row"),
                QCoreApplication.translate("ImportPreviewDialog", "Column"),
                QCoreApplication.translate("ImportPreviewDialog", "Value"),
                QCoreApplication.translate("ImportPreviewDialog", "Why"),
                QCoreApplication.translate("ImportPreviewDialog", "Kind"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._problems)):
            return None
        p = self._problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(p.row),
                p.column,
                p.value,
                p.why,
                QCoreApplication.translate("ImportPreviewDialog", "Error")
                if p.error
                else QCoreApplication.translate("ImportPreviewDialog", "Warning"),
            )[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return ERROR_BRUSH if p.error else WARN_BRUSH
        return None


class ImportPreviewDialog(QDialog):
    """Re-parses when the user changes the amount unit or the column mapping; ``preview``
    is what the caller imports after ``Accepted``."""

    def __init__(
        self,
        table: Table,
        match: HeaderMatch,
        existing: Sequence[Project],
        *,
        amount_unit: str = UNIT_AUTO,
        impact: Callable[[list[Project]], Impact] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._table = table
        self._match = match
        self._existing = list(existing)
        # Works out the score changes of the aligned projects before anything is written.
        self._impact_of = impact
        self.impact: Impact | None = None
        self.mapping_confirmed = False
        self.setWindowTitle(
            QCoreApplication.translate("ImportPreviewDialog", "Import projects — %1").replace(
                "%1", table.path.name
            )
        )
        self.resize(980, 620)

        self.source = QLabel()
        self.source.setWordWrap(True)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setObjectName("importCounts")
        self.unit = QComboBox()
        for key, label in amount_unit_items():
            self.unit.addItem(label, key)
        self.unit.setCurrentIndex(max(0, self.unit.findData(amount_unit)))
        self.unit.currentIndexChanged.connect(self._reparse)
        self.remap = QPushButton(
            QCoreApplication.translate("ImportPreviewDialog", "Match columns…")
        )
        self.remap.clicked.connect(self.edit_mapping)

        self.problems_model = ProblemsModel(parent=self)
        self.problems = QTableView()
        self.problems.setModel(self.problems_model)
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.problems.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.projects_model = ProjectsModel(parent=self)
        self.projects = QTableView()
        self.projects.setModel(self.projects_model)
        self.projects.setAlternatingRowColors(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            self.problems, QCoreApplication.translate("ImportPreviewDialog", "Problems")
        )
        self.tabs.addTab(
            self.projects, QCoreApplication.translate("ImportPreviewDialog", "Projects to import")
        )
        self.changes = ScoreChangesView(self)
        self.tabs.addTab(
            self.changes, QCoreApplication.translate("ImportPreviewDialog", "Score changes")
        )

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            QCoreApplication.translate("ImportPreviewDialog", "Import"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        options = QHBoxLayout()
        options.addWidget(
            QLabel(QCoreApplication.translate("ImportPreviewDialog", "Amounts in the file"))
        )
        options.addWidget(self.unit, 1)
        options.addWidget(self.remap)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addLayout(options)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.preview: ImportPreview = parse_table(table, match, amount_unit=amount_unit)
        self._show()

    def amount_unit(self) -> str:
        return str(self.unit.currentData())

    def set_amount_unit(self, unit: str) -> None:
        self.unit.setCurrentIndex(self.unit.findData(unit))

    def _reparse(self) -> None:
        self.preview = parse_table(self._table, self._match, amount_unit=self.amount_unit())
        self._show()

    def edit_mapping(self) -> None:
        dialog = ColumnMappingDialog(self._table, self._match, self.amount_unit(), self)
        if (
            self.exec_child(dialog) == QDialog.DialogCode.Accepted
            and dialog.result_match() is not None
        ):
            self._match = dialog.result_match()
            self.mapping_confirmed = True
            self.unit.blockSignals(True)
            self.set_amount_unit(dialog.amount_unit())
            self.unit.blockSignals(False)
            self._reparse()

    def exec_child(self, dialog: QDialog) -> int:
        """Run a child dialog (tests replace this)."""
        return dialog.exec()

    def _show(self) -> None:
        p = self.preview
        t = self._table
        where = (
            QCoreApplication.translate("ImportPreviewDialog", "File “%1”, sheet “%2”")
            .replace("%1", t.path.name)
            .replace("%2", t.sheet)
            if t.encoding is None
            else QCoreApplication.translate("ImportPreviewDialog", "File “%1”, encoding %2")
            .replace("%1", t.path.name)
            .replace("%2", t.encoding.upper())
        )
        self.source.setText(
            where
            + QCoreApplication.translate(
                "ImportPreviewDialog",
                "; header in row %1; %2 data rows, %3 blank or total rows skipped.",
            )
            .replace("%1", str(p.match.header_row + 1))
            .replace("%2", str(len(p.projects) + len({e.row for e in p.errors})))
            .replace("%3", str(p.skipped))
        )
        c = classify(self._existing, p.projects, p.given)
        lines = [
            QCoreApplication.translate(
                "ImportPreviewDialog", "%1 projects ready: %2 new, %3 updated, %4 unchanged."
            )
            .replace("%1", str(len(p.projects)))
            .replace("%2", str(c.added))
            .replace("%3", str(c.updated))
            .replace("%4", str(c.unchanged))
        ]
        if p.errors:
            blocked = QCoreApplication.translate(
                "ImportPreviewDialog",
                "%1 errors in %2 rows: nothing will be imported until they are fixed in the file.",
            )
            lines.append(
                "<b style='color:#b00020'>"
                + blocked.replace("%1", str(len(p.errors))).replace(
                    "%2", str(len({e.row for e in p.errors}))
                )
                + "</b>"
            )
        if p.warnings:
            lines.append(
                "<span style='color:#9a6700'>"
                + QCoreApplication.translate(
                    "ImportPreviewDialog", "%1 warnings (imported anyway)."
                ).replace("%1", str(len(p.warnings)))
                + "</span>"
            )
        if not p.problems:
            lines.append(QCoreApplication.translate("ImportPreviewDialog", "No problems found."))
        self.impact = None
        if self._impact_of is not None and p.ok:
            self.impact = self._impact_of(align_amounts(self._existing, p.projects, p.given))
        if self.impact is not None and self.impact.changed:
            lines.append(
                "<b>"
                + QCoreApplication.translate(
                    "ImportPreviewDialog",
                    "This import changes %1 indicator scores: total %2 → %3 (see “Score changes”).",
                )
                .replace("%1", str(len(self.impact.changes)))
                .replace("%2", f"{self.impact.total_before:.2f} {self.impact.grade_before}")
                .replace("%3", f"{self.impact.total_after:.2f} {self.impact.grade_after}")
                + "</b>"
            )
        elif self.impact is not None:
            lines.append(QCoreApplication.translate("ImportPreviewDialog", "No score changes."))
        self.changes.show_impact(self.impact)
        self.counts.setText("<br>".join(lines))
        self.problems_model.set_problems(p.problems)
        self.projects_model.set_projects(p.projects)
        self.import_button.setEnabled(p.ok)
        if p.errors or not p.ok:
            self.tabs.setCurrentIndex(0)
        elif self.impact is not None and self.impact.changed:
            self.tabs.setCurrentIndex(2)
        else:
            self.tabs.setCurrentIndex(0 if p.problems else 1)

    def accept(self) -> None:
        if self.preview.ok:
            super().accept()


class ScoreChangesView(QTableView):
    """Indicator, before, after, why — what the import would do to the score sheet."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._model = ScoreChangesModel(self)
        self.setModel(self._model)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def show_impact(self, impact: Impact | None) -> None:
        self._model.set_rows(
            []
            if impact is None
            else [
                (
                    f"{c.code} {c.name}",
                    f"{c.before:.2f}",
                    f"{c.after:.2f}",
                    c.after_reason,
                )
                for c in impact.changes
            ]
        )


class ScoreChangesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[tuple[str, str, str, str]] = []

    def set_rows(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("ImportPreviewDialog", "Indicator"),
                QCoreApplication.translate("ImportPreviewDialog", "Score now"),
                QCoreApplication.translate("ImportPreviewDialog", "After import"),
                QCoreApplication.translate("ImportPreviewDialog", "Reason after import"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self._rows[index.row()][index.column()]
        return None
