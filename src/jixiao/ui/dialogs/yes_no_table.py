"""The visible, adjustable table of how yes/no cells are read (是否完成, 验收情况 …).

Lists every distinct text found in the columns mapped to a yes/no field with its count and
a chooser: 是 / 否 / not recognised. It starts from the program's word list (已完成, 验收合格,
初验 …) and the user's remembered choices; what is chosen here is what the import uses.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from jixiao.importers.projects import (
    BLANK_WORDS,
    FLAG,
    SPEC_BY_FIELD,
    TRISTATE,
    YES_NO_WORDS,
    flag_key,
)
from jixiao.importers.tables import Table

UNKNOWN = None
MAX_VALUES = 200  # distinct texts shown (a free-text column mapped by mistake has thousands)


class YesNoTable(QTableWidget):
    def __init__(
        self, table: Table, header_row: int, words: dict[str, bool], parent: QWidget | None = None
    ):
        super().__init__(0, 3, parent)
        self._table = table
        self._header_row = header_row
        self._chosen: dict[str, bool | None] = dict(words or YES_NO_WORDS)
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("YesNoTable", "Text in the file"),
                QCoreApplication.translate("YesNoTable", "Cells"),
                QCoreApplication.translate("YesNoTable", "Read as"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

    def show_columns(self, mapping: dict[int, str]) -> None:
        """Refill from the columns now mapped to a yes/no field (keeping the user's choices)."""
        self._remember_choices()
        columns = [c for c, f in mapping.items() if f and SPEC_BY_FIELD[f].kind in (FLAG, TRISTATE)]
        counts: Counter[str] = Counter()
        for row in self._table.rows[self._header_row + 1 :]:
            for c in columns:
                text = row[c].strip() if c < len(row) else ""
                if text and flag_key(text) not in BLANK_WORDS:
                    counts[text] += 1
        values = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_VALUES]
        self.setRowCount(len(values))
        unknown_brush = QBrush(QColor("#fde2e1"))
        for row, (text, count) in enumerate(values):
            item = QTableWidgetItem(text)
            self.setItem(row, 0, item)
            self.setItem(row, 1, QTableWidgetItem(str(count)))
            combo = QComboBox()
            combo.addItem(QCoreApplication.translate("YesNoTable", "(not recognised)"), UNKNOWN)
            combo.addItem(QCoreApplication.translate("YesNoTable", "Yes (是)"), True)
            combo.addItem(QCoreApplication.translate("YesNoTable", "No (否)"), False)
            value = self._chosen.get(flag_key(text), UNKNOWN)
            combo.setCurrentIndex(combo.findData(value) if value is not UNKNOWN else 0)
            if value is UNKNOWN:
                item.setBackground(unknown_brush)
            combo.currentIndexChanged.connect(self._remember_choices)
            self.setCellWidget(row, 2, combo)
        self.resizeColumnToContents(1)

    def set_value(self, text: str, value: bool | None) -> None:
        for row in range(self.rowCount()):
            if self.item(row, 0).text() == text:
                combo = self.cellWidget(row, 2)
                assert isinstance(combo, QComboBox)
                combo.setCurrentIndex(0 if value is None else combo.findData(value))

    def _remember_choices(self) -> None:
        for row in range(self.rowCount()):
            combo = self.cellWidget(row, 2)
            if isinstance(combo, QComboBox):
                self._chosen[flag_key(self.item(row, 0).text())] = combo.currentData()

    def words(self) -> dict[str, bool]:
        """Every known text → 是/否 (the program's list with the user's changes)."""
        self._remember_choices()
        return {k: v for k, v in self._chosen.items() if v is not None}

    def unknown(self) -> list[str]:
        self._remember_choices()
        return [
            self.item(r, 0).text()
            for r in range(self.rowCount())
            if self._chosen.get(flag_key(self.item(r, 0).text())) is None
        ]
