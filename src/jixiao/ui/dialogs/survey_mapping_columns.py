"""The survey mapping dialog's column list: which columns are questions, and of what kind."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QTableWidgetItem,
)

from jixiao.core import survey as core
from jixiao.importers.survey import ImportFileError
from jixiao.ui.widgets.survey_format import (
    _item,
    format_name,
)


class _MappingColumns:
    """Part of SurveyMappingDialog; mixed into it, not used alone."""

    # ---------------------------------------------------------------- columns
    def _layout(self) -> core.SurveyLayout:
        return core.with_kinds(self.parsed.layout, self.kinds)

    def _fill_columns(self) -> None:
        layout = self._layout()
        self.format_label.setText(format_name(layout.format))
        self.dup_id.setEnabled(layout.id_column is not None)
        self.dup_id.setToolTip(
            ""
            if layout.id_column is not None
            else QCoreApplication.translate(
                "SurveyMappingDialog", "The sheet has no respondent ID column"
            )
        )
        self.dup_ip.setEnabled(layout.ip_column is not None)
        self.dup_ip.setToolTip(
            ""
            if layout.ip_column is not None
            else QCoreApplication.translate("SurveyMappingDialog", "The sheet has no IP column")
        )
        blocker = QSignalBlocker(self.columns)
        self.columns.setRowCount(len(layout.columns))
        kinds = [
            (core.KIND_META, QCoreApplication.translate("SurveyMappingDialog", "Metadata")),
            (core.KIND_QUESTION, QCoreApplication.translate("SurveyMappingDialog", "Question")),
            (core.KIND_EMPTY, QCoreApplication.translate("SurveyMappingDialog", "Ignored")),
        ]
        for row, column in enumerate(layout.columns):
            self.columns.setItem(row, 0, _item(f"{column.index + 1}"))
            self.columns.setItem(
                row, self.COL_HEADER, _item(column.header or "—", tooltip=column.header)
            )
            combo = QComboBox()
            for key, label in kinds:
                combo.addItem(label, key)
            combo.setCurrentIndex([k for k, _ in kinds].index(column.kind))
            combo.currentIndexChanged.connect(
                lambda _i, c=column.index, w=combo: self._kind_changed(c, w.currentData())
            )
            self.columns.setCellWidget(row, self.COL_KIND, combo)
            self.columns.setItem(row, self.COL_PICK, QTableWidgetItem())
            self._update_pick(row, column.kind)
        del blocker
        self.columns.resizeColumnToContents(0)
        self.columns.resizeColumnToContents(self.COL_KIND)
        self.columns.resizeColumnToContents(self.COL_PICK)
        if self.current is not None:
            self.columns.selectRow(self.current)

    def _update_pick(self, row: int, kind: str) -> None:
        """The "satisfaction question" tick box of a row: only questions can be ticked."""
        pick = self.columns.item(row, self.COL_PICK)
        with QSignalBlocker(self.columns):
            if kind == core.KIND_QUESTION:
                pick.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                )
                pick.setCheckState(
                    Qt.CheckState.Checked if row in self.chosen else Qt.CheckState.Unchecked
                )
            else:
                pick.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                pick.setData(Qt.ItemDataRole.CheckStateRole, None)

    def _kind_changed(self, column: int, kind: str) -> None:
        # Called from the row's combo box: update that row only (rebuilding the table here
        # would delete the combo box while it is still sending its signal).
        self.kinds[column] = kind
        if kind != core.KIND_QUESTION and column in self.chosen:
            self.chosen.remove(column)
            self.rules.pop(column, None)
        self._update_pick(column, kind)
        self.format_label.setText(format_name(self._layout().format))
        self._load_rule()
        self._update_preview()

    def set_column_kind(self, column: int, kind: str) -> None:
        """Choose metadata / question / ignored for a column (as the user would in its combo box)."""
        combo = self.columns.cellWidget(column, self.COL_KIND)
        combo.setCurrentIndex(combo.findData(kind))

    def _header_changed(self, value: int) -> None:
        try:
            parsed = self.parsed.with_header_row(value - 1)
        except ImportFileError as exc:
            self.error.setText(str(exc))
            return
        self.parsed = parsed
        self.kinds = {}
        config = parsed.default_config()
        self.rules = {r.column: r for r in config.questions}
        self.chosen = [r.column for r in config.questions]
        self.current = self.chosen[0] if self.chosen else None
        self._fill_columns()
        self._load_rule()
        self._update_preview()

    def _column_selected(self) -> None:
        rows = {i.row() for i in self.columns.selectedIndexes()}
        if rows:
            self.current = min(rows)
            self._load_rule()

    def _column_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != self.COL_PICK:
            return
        column = item.row()
        if item.checkState() == Qt.CheckState.Checked and column not in self.chosen:
            self.chosen.append(column)
            self.chosen.sort()
            if column not in self.rules:
                self.rules[column] = core.default_rule(
                    column, self._answers(column), self._layout().format
                )
        elif item.checkState() != Qt.CheckState.Checked and column in self.chosen:
            self.chosen.remove(column)
        self.current = column
        self._load_rule()
        self._update_preview()

    def set_question_chosen(self, column: int, chosen: bool) -> None:
        """Tick or untick a question (as the user would in the last column)."""
        item = self.columns.item(column, self.COL_PICK)
        item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def _answers(self, column: int) -> list[str]:
        return [a for a, _ in self._distribution(column)]

    def _distribution(self, column: int) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for _, row in self.parsed.data:
            answer = row[column].strip() if column < len(row) else ""
            if answer and answer not in core.BLANK_TEXTS:
                counts[answer] = counts.get(answer, 0) + 1
        return sorted(counts.items(), key=core.answer_order)
