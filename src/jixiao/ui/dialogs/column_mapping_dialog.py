"""Let the user say which column of an imported list holds which project field, when the
header matching is unsure (unknown headers, guesses, two columns for one field)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.importers.projects import (
    COLUMNS,
    MATCHABLE,
    UNIT_AUTO,
    UNIT_WAN,
    UNIT_YUAN,
    HeaderMatch,
    with_mapping,
)
from jixiao.importers.tables import Table, column_letter
from jixiao.ui.dialogs.yes_no_table import YesNoTable
from jixiao.ui.models.projects_model import header_text

IGNORE = None  # combo data for "do not import this column"


def field_text(index: int) -> str:
    """The name of MATCHABLE[index] as the registry shows it (实际完成时间 is import-only)."""
    if index < len(COLUMNS):
        return header_text(index)
    return QCoreApplication.translate(
        "ColumnMappingDialog", "Actual completion date (derives completed / on time)"
    )


def amount_unit_items() -> list[tuple[str, str]]:
    return [
        (
            UNIT_AUTO,
            QCoreApplication.translate(
                "ColumnMappingDialog", "From the headers (10k yuan unless a header says yuan)"
            ),
        ),
        (
            UNIT_WAN,
            QCoreApplication.translate("ColumnMappingDialog", "All amounts in 10k yuan (万元)"),
        ),
        (
            UNIT_YUAN,
            QCoreApplication.translate(
                "ColumnMappingDialog", "All amounts in yuan (divide by 10,000)"
            ),
        ),
    ]


class ColumnMappingDialog(QDialog):
    """One row per file column: its header, sample values and a field chooser."""

    SAMPLES = 3

    def __init__(
        self,
        table: Table,
        match: HeaderMatch,
        amount_unit: str = UNIT_AUTO,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._table = table
        self._match = match
        self._result: HeaderMatch | None = None
        self.setWindowTitle(
            QCoreApplication.translate("ColumnMappingDialog", "Match columns — %1").replace(
                "%1", table.path.name
            )
        )
        self.resize(820, 680)

        intro = QLabel(
            QCoreApplication.translate(
                "ColumnMappingDialog",
                "Some columns of “%1” could not be matched with certainty. Choose the field each "
                "column holds; columns set to “(do not import)” are ignored. Project name and "
                "construction unit are required. A column of dates cannot be a yes/no field: "
                "map an actual completion date to “Actual completion date”. The mapping is "
                "remembered for lists with the same headers.",
            ).replace("%1", table.path.name)
        )
        intro.setWordWrap(True)

        self.grid = QTableWidget(len(match.headers), 4)
        self.grid.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ColumnMappingDialog", "Column"),
                QCoreApplication.translate("ColumnMappingDialog", "Header in file"),
                QCoreApplication.translate("ColumnMappingDialog", "Sample values"),
                QCoreApplication.translate("ColumnMappingDialog", "Import as"),
            ]
        )
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.combos: list[QComboBox] = []
        body = table.rows[match.header_row + 1 : match.header_row + 1 + self.SAMPLES]
        unsure_brush = QBrush(QColor("#fff1d6"))
        for col, header in enumerate(match.headers):
            samples = " | ".join(
                row[col].strip() for row in body if col < len(row) and row[col].strip()
            )
            items = [
                QTableWidgetItem(column_letter(col)),
                QTableWidgetItem(header),
                QTableWidgetItem(samples),
            ]
            for i, item in enumerate(items):
                if col in match.unsure:
                    item.setBackground(unsure_brush)
                    item.setToolTip(match.unsure[col])
                self.grid.setItem(col, i, item)
            combo = QComboBox()
            combo.addItem(
                QCoreApplication.translate("ColumnMappingDialog", "(do not import)"), IGNORE
            )
            for index, spec in enumerate(MATCHABLE):
                combo.addItem(field_text(index), spec.field)
            current = match.mapping.get(col, IGNORE)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not IGNORE else 0)
            combo.currentIndexChanged.connect(self._check)
            self.grid.setCellWidget(col, 3, combo)
            self.combos.append(combo)
        self.grid.resizeColumnsToContents()

        self.unit = QComboBox()
        for key, label in amount_unit_items():
            self.unit.addItem(label, key)
        self.unit.setCurrentIndex(max(0, self.unit.findData(amount_unit)))
        options = QFormLayout()
        options.addRow(
            QCoreApplication.translate("ColumnMappingDialog", "Amounts in the file"), self.unit
        )

        self.words_label = QLabel(
            QCoreApplication.translate(
                "ColumnMappingDialog",
                "How the texts in yes/no columns are read (change any that are wrong; "
                "red: not recognised, such rows are refused):",
            )
        )
        self.words_label.setWordWrap(True)
        self.yes_no = YesNoTable(table, match.header_row, match.words, self)
        self.yes_no.setMinimumHeight(120)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.grid, 2)
        layout.addWidget(self.words_label)
        layout.addWidget(self.yes_no, 1)
        layout.addLayout(options)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._check()

    def mapping(self) -> dict[int, str]:
        return {
            col: combo.currentData()
            for col, combo in enumerate(self.combos)
            if combo.currentData() is not IGNORE
        }

    def set_field(self, column: int, field_name: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(0 if field_name is None else combo.findData(field_name))

    def amount_unit(self) -> str:
        return str(self.unit.currentData())

    def _problems(self) -> list[str]:
        chosen: dict[str, int] = {}
        problems = []
        for col, field_name in sorted(self.mapping().items()):
            if not field_name:
                continue
            if field_name in chosen:
                problems.append(
                    QCoreApplication.translate(
                        "ColumnMappingDialog", "Columns %1 and %2 are both set to “%3”."
                    )
                    .replace("%1", column_letter(chosen[field_name]))
                    .replace("%2", column_letter(col))
                    .replace("%3", self.combos[col].currentText())
                )
            chosen.setdefault(field_name, col)
        for index, spec in enumerate(MATCHABLE):
            if spec.required and spec.field not in chosen:
                problems.append(
                    QCoreApplication.translate(
                        "ColumnMappingDialog", "Choose the column holding “%1”."
                    ).replace("%1", field_text(index))
                )
        return problems

    def _check(self) -> None:
        self.yes_no.show_columns({c: f for c, f in self.mapping().items() if f})
        problems = self._problems()
        self.message.setText("\n".join(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def result_match(self) -> HeaderMatch | None:
        return self._result

    def accept(self) -> None:
        if self._problems():
            return
        self._result = with_mapping(self._match, self.mapping(), self.yes_no.words())
        super().accept()
