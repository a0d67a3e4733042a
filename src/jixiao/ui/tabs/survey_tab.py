"""Survey import tab: read a 问卷星 / 腾讯问卷 / generic export off the GUI thread, map its
columns, choose what counts as satisfied, and publish the combined satisfaction rate to the
satisfaction indicator. Every write is an undoable command on the shared stack."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QCloseEvent, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core import survey as core
from jixiao.core.numbers import fmt2
from jixiao.core.projects import SOURCE_SATISFACTION
from jixiao.importers.impact import Impact, survey_import_impact
from jixiao.importers.survey import ImportFileError, ParsedSurvey, load_survey
from jixiao.importers.tables import Table
from jixiao.storage import surveys as store
from jixiao.ui.context import CHANGED_INPUTS, CHANGED_SURVEYS, CHANGED_SYSTEM, TabContext
from jixiao.ui.dialogs.option_order_dialog import OptionOrderDialog
from jixiao.ui.tabs.base import BaseTab
from jixiao.ui.widgets.bar_chart import BarChart
from jixiao.ui.workers import Task

FILE_FILTER_CONTEXT = "SurveyTab"


def format_name(fmt: str) -> str:
    return {
        core.FORMAT_WJX: QCoreApplication.translate("SurveyTab", "Wenjuanxing (option text)"),
        core.FORMAT_WJX_INDEX: QCoreApplication.translate(
            "SurveyTab", "Wenjuanxing (option numbers)"
        ),
        core.FORMAT_TENCENT: QCoreApplication.translate("SurveyTab", "Tencent Survey"),
        core.FORMAT_GENERIC: QCoreApplication.translate("SurveyTab", "Generic sheet"),
    }.get(fmt, fmt)


def _num(value: int) -> str:
    return f"{value:,}"


def _item(text: str, *, align_right: bool = False, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tooltip:
        item.setToolTip(tooltip)
    return item


def _parse_decimal(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _duplicates_text(result: core.SurveyResult) -> str:
    lines = [d.describe() for d in result.duplicates[:30]]
    if len(result.duplicates) > 30:
        lines.append(f"…… {len(result.duplicates):,}")
    if result.duplicates and not result.dropped:
        lines.append(QCoreApplication.translate("SurveyTab", "(reported only, still counted)"))
    return "\n".join(lines)


def bar_states(question: core.QuestionResult, fmt: str) -> list[tuple[str, int, str]]:
    states = {core.SATISFIED: "satisfied", core.VALID: "other"}
    return [
        (answer, count, states.get(core.classify(answer, question.rule, fmt), "excluded"))
        for answer, count in question.distribution
    ]


# ---------------------------------------------------------------------------- undo commands
class _SurveyCommand(QUndoCommand):
    """Writes through the context (file and hub), which outlives the tab: the shared undo
    stack may undo a survey import after the tab that made it is gone."""

    def __init__(self, tab: SurveyTab, text: str):
        super().__init__(text)
        self.tab = tab
        self.ctx = tab.ctx

    def _run(self, action: Callable[[], object]) -> None:
        # Storing 100,000 raw responses takes a second or two: show that the program is busy.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            action()
        except (ValueError, store.StorageError) as exc:
            # Nothing was written (one transaction); drop the command instead of a broken stack entry.
            self.setObsolete(True)
            if shiboken6.isValid(self.tab):
                self.tab.show_error(str(exc))
            else:
                self.ctx.status(str(exc))
        finally:
            QApplication.restoreOverrideCursor()
        self.ctx.hub.changed.emit(CHANGED_SURVEYS)


class ImportSurveyCommand(_SurveyCommand):
    def __init__(
        self,
        tab: SurveyTab,
        parsed: ParsedSurvey,
        name: str,
        config: core.SurveyConfig,
        weight: Decimal | None,
    ):
        super().__init__(
            tab, QCoreApplication.translate("SurveyTab", "Import survey %1").replace("%1", name)
        )
        self.parsed: ParsedSurvey | None = parsed
        self.name, self.config, self.weight = name, config, weight
        self.survey_id: int | None = None
        self.snapshot: store.SurveySnapshot | None = None

    def redo(self) -> None:
        ef = self.ctx.ef

        def write() -> None:
            if self.snapshot is not None:
                self.survey_id = store.restore_survey(ef, self.snapshot, reason="重做导入")
            else:
                assert self.parsed is not None
                self.survey_id = store.add_survey(
                    ef, self.parsed, self.name, self.config, weight=self.weight
                )
                self.parsed = None  # the rows now live in the file (and in the snapshot after undo)

        self._run(write)

    def undo(self) -> None:
        if self.survey_id is None:
            return
        survey_id = self.survey_id

        def write() -> None:
            self.snapshot = store.delete_survey(self.ctx.ef, survey_id, reason="撤销导入")

        self._run(write)


class RemoveSurveyCommand(_SurveyCommand):
    def __init__(self, tab: SurveyTab, survey_id: int, name: str):
        super().__init__(
            tab, QCoreApplication.translate("SurveyTab", "Remove survey %1").replace("%1", name)
        )
        self.survey_id = survey_id
        self.snapshot: store.SurveySnapshot | None = None

    def redo(self) -> None:
        def write() -> None:
            self.snapshot = store.delete_survey(self.ctx.ef, self.survey_id)

        self._run(write)

    def undo(self) -> None:
        if self.snapshot is not None:
            snapshot = self.snapshot
            self._run(lambda: store.restore_survey(self.ctx.ef, snapshot))


class EditSurveyCommand(_SurveyCommand):
    def __init__(
        self,
        tab: SurveyTab,
        survey: store.StoredSurvey,
        name: str,
        config: core.SurveyConfig,
        weight: Decimal | None,
    ):
        super().__init__(
            tab, QCoreApplication.translate("SurveyTab", "Edit survey %1").replace("%1", name)
        )
        self.survey_id = survey.id
        self.old = (survey.name, survey.config, survey.weight)
        self.new = (name, config, weight)

    def _apply(self, values: tuple[str, core.SurveyConfig, Decimal | None]) -> None:
        name, config, weight = values
        self._run(
            lambda: store.update_survey(
                self.ctx.ef, self.survey_id, name=name, config=config, weight=weight
            )
        )

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class CombineModeCommand(_SurveyCommand):
    def __init__(self, tab: SurveyTab, old: str, new: str):
        super().__init__(
            tab, QCoreApplication.translate("SurveyTab", "Change how surveys are combined")
        )
        self.old, self.new = old, new

    def redo(self) -> None:
        self._run(lambda: store.set_combine_mode(self.ctx.ef, self.new))

    def undo(self) -> None:
        self._run(lambda: store.set_combine_mode(self.ctx.ef, self.old))


# ---------------------------------------------------------------------------- mapping dialog
class SurveyMappingDialog(QDialog):
    """Step 2 of an import: which columns are questions, which question(s) measure
    satisfaction and what counts as satisfied, how duplicates are treated. Shows the
    resulting rate live."""

    COL_HEADER, COL_KIND, COL_PICK = 1, 2, 3
    # Another sheet of the workbook was chosen: the tab reads it (in the worker) and reopens.
    sheet_requested = Signal(str)

    def __init__(
        self,
        parsed: ParsedSurvey,
        *,
        name: str = "",
        config: core.SurveyConfig | None = None,
        weight: Decimal | None = None,
        allow_header_change: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate(
                "SurveyMappingDialog", "Survey columns and satisfaction rule"
            )
        )
        self.parsed = parsed
        config = config or parsed.default_config()
        self.kinds: dict[int, str] = dict(config.kinds)
        self.rules: dict[int, core.QuestionRule] = {r.column: r for r in config.questions}
        self.chosen: list[int] = [r.column for r in config.questions]
        self.current: int | None = self.chosen[0] if self.chosen else None
        self.result: core.SurveyResult | None = None
        # Set by the tab for a new import: (result, weight) → the score changes it would make.
        self.impact_of: Callable[[core.SurveyResult, Decimal | None], Impact] | None = None

        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(name or parsed.path.stem)
        form.addRow(
            QCoreApplication.translate("SurveyMappingDialog", "Survey name:"), self.name_edit
        )
        self.format_label = QLabel()
        form.addRow(QCoreApplication.translate("SurveyMappingDialog", "Format:"), self.format_label)
        self.sheet_combo = QComboBox()
        sheets = parsed.table.sheets if parsed.table.encoding is None else ()
        self.sheet_combo.addItems(list(sheets))
        self.sheet_combo.setCurrentText(parsed.table.sheet)
        if len(sheets) > 1 and allow_header_change:
            form.addRow(
                QCoreApplication.translate("SurveyMappingDialog", "Sheet:"), self.sheet_combo
            )
            self.sheet_combo.currentTextChanged.connect(self.sheet_requested)
        else:
            self.sheet_combo.setVisible(False)
        header_box = QHBoxLayout()
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, max(1, min(len(parsed.table.rows), 50)))
        self.header_spin.setEnabled(allow_header_change)
        header_box.addWidget(self.header_spin)
        header_box.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "SurveyMappingDialog", "(row of the sheet that holds the column names)"
                )
            )
        )
        header_box.addStretch(1)
        form.addRow(QCoreApplication.translate("SurveyMappingDialog", "Header row:"), header_box)
        self.weight_edit = QLineEdit("" if weight is None else str(weight))
        self.weight_edit.setPlaceholderText(
            QCoreApplication.translate(
                "SurveyMappingDialog", "only for combining by chosen weights, e.g. 0.6"
            )
        )
        form.addRow(QCoreApplication.translate("SurveyMappingDialog", "Weight:"), self.weight_edit)
        layout.addLayout(form)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.columns = QTableWidget(0, 4)
        self.columns.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("SurveyMappingDialog", "Column"),
                QCoreApplication.translate("SurveyMappingDialog", "Header"),
                QCoreApplication.translate("SurveyMappingDialog", "Kind"),
                QCoreApplication.translate("SurveyMappingDialog", "Satisfaction question"),
            ]
        )
        self.columns.verticalHeader().setVisible(False)
        self.columns.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.columns.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.columns.horizontalHeader().setSectionResizeMode(
            self.COL_HEADER, QHeaderView.ResizeMode.Stretch
        )
        split.addWidget(self.columns)

        rule_box = QGroupBox(
            QCoreApplication.translate("SurveyMappingDialog", "What counts as satisfied")
        )
        rule_layout = QVBoxLayout(rule_box)
        self.rule_title = QLabel()
        self.rule_title.setWordWrap(True)
        rule_layout.addWidget(self.rule_title)
        mode_row = QHBoxLayout()
        self.mode_options = QRadioButton(
            QCoreApplication.translate("SurveyMappingDialog", "Option texts")
        )
        self.mode_threshold = QRadioButton(
            QCoreApplication.translate("SurveyMappingDialog", "Numeric threshold")
        )
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.mode_options)
        self.mode_group.addButton(self.mode_threshold)
        mode_row.addWidget(self.mode_options)
        mode_row.addWidget(self.mode_threshold)
        mode_row.addStretch(1)
        # 按选项序号 exports: the user says which number is which option (never assumed).
        self.order_button = QPushButton(
            QCoreApplication.translate("SurveyMappingDialog", "Option order…")
        )
        self.order_button.setVisible(parsed.format == core.FORMAT_WJX_INDEX)
        self.order_button.clicked.connect(self.ask_option_order)
        mode_row.addWidget(self.order_button)
        rule_layout.addLayout(mode_row)
        self.options = QTableWidget(0, 4)
        self.options.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("SurveyMappingDialog", "Answer"),
                QCoreApplication.translate("SurveyMappingDialog", "Count"),
                QCoreApplication.translate("SurveyMappingDialog", "Satisfied"),
                QCoreApplication.translate("SurveyMappingDialog", "Leave out"),
            ]
        )
        self.options.verticalHeader().setVisible(False)
        self.options.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rule_layout.addWidget(self.options)
        threshold_row = QHBoxLayout()
        self.threshold_edit = QLineEdit()
        self.threshold_edit.setPlaceholderText("4")
        self.min_edit = QLineEdit()
        self.min_edit.setPlaceholderText(QCoreApplication.translate("SurveyMappingDialog", "min"))
        self.max_edit = QLineEdit()
        self.max_edit.setPlaceholderText(QCoreApplication.translate("SurveyMappingDialog", "max"))
        threshold_row.addWidget(
            QLabel(
                QCoreApplication.translate("SurveyMappingDialog", "Satisfied when the answer is ≥")
            )
        )
        threshold_row.addWidget(self.threshold_edit)
        threshold_row.addWidget(
            QLabel(QCoreApplication.translate("SurveyMappingDialog", "valid range"))
        )
        threshold_row.addWidget(self.min_edit)
        threshold_row.addWidget(QLabel("–"))
        threshold_row.addWidget(self.max_edit)
        self.threshold_widget = QWidget()
        self.threshold_widget.setLayout(threshold_row)
        rule_layout.addWidget(self.threshold_widget)
        split.addWidget(rule_box)
        split.setSizes([420, 420])
        layout.addWidget(split, 1)

        dup_box = QGroupBox(QCoreApplication.translate("SurveyMappingDialog", "Duplicates"))
        dup_row = QHBoxLayout(dup_box)
        self.dup_id = QCheckBox(
            QCoreApplication.translate("SurveyMappingDialog", "Same respondent ID")
        )
        self.dup_ip = QCheckBox(
            QCoreApplication.translate("SurveyMappingDialog", "Same IP with identical answers")
        )
        self.dup_drop = QCheckBox(
            QCoreApplication.translate("SurveyMappingDialog", "Leave duplicates out")
        )
        for box, value in (
            (self.dup_id, config.duplicates.by_id),
            (self.dup_ip, config.duplicates.by_ip_answers),
            (self.dup_drop, config.duplicates.drop),
        ):
            box.setChecked(value)
            dup_row.addWidget(box)

        self.dup_label = QLabel()
        dup_row.addWidget(self.dup_label, 1)
        layout.addWidget(dup_box)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setObjectName("preview")
        layout.addWidget(self.preview)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.header_spin.setValue(parsed.layout.header_row + 1)
        self.header_spin.valueChanged.connect(self._header_changed)
        self.columns.itemSelectionChanged.connect(self._column_selected)
        self.columns.itemChanged.connect(self._column_item_changed)
        self.mode_group.buttonToggled.connect(lambda *_: self._rule_edited())
        self.options.itemChanged.connect(lambda *_: self._rule_edited())
        for edit in (self.threshold_edit, self.min_edit, self.max_edit):
            edit.textChanged.connect(lambda *_: self._rule_edited())
        for box in (self.dup_id, self.dup_ip, self.dup_drop):
            box.toggled.connect(lambda *_: self._update_preview())
        self._fill_columns()
        self._load_rule()
        self._update_preview()
        self.resize(960, 640)

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

    # ---------------------------------------------------------------- rule editor
    def _load_rule(self) -> None:
        column = self.current
        enabled = column is not None and column in self.chosen
        for widget in (self.mode_options, self.mode_threshold, self.options, self.threshold_widget):
            widget.setEnabled(enabled)
        if column is None:
            self.rule_title.setText(
                QCoreApplication.translate(
                    "SurveyMappingDialog", "Tick the satisfaction question(s) in the list."
                )
            )
            self.options.setRowCount(0)
            return
        col = self._layout().columns[column]
        if not enabled:
            self.rule_title.setText(
                QCoreApplication.translate(
                    "SurveyMappingDialog",
                    "Column %1 is not counted. Tick it as a satisfaction question to set its rule.",
                ).replace("%1", col.header or str(column + 1))
            )
        else:
            self.rule_title.setText(f"{col.label}：{col.title or col.header}")
        rule = self.rules.get(column) or core.default_rule(
            column, self._answers(column), self._layout().format, col.title or col.header
        )
        blockers = [
            QSignalBlocker(w)
            for w in (
                self.mode_group,
                self.options,
                self.threshold_edit,
                self.min_edit,
                self.max_edit,
                self.mode_options,
                self.mode_threshold,
            )
        ]
        (self.mode_threshold if rule.mode == core.MODE_THRESHOLD else self.mode_options).setChecked(
            True
        )
        distribution = self._distribution(column)
        self.options.setRowCount(len(distribution))
        fmt = self._layout().format
        for row, (answer, count) in enumerate(distribution):
            skipped = core.classify(answer, rule, fmt) == core.SKIPPED
            tip = (
                QCoreApplication.translate("SurveyMappingDialog", "Skipped: never counted")
                if skipped
                else ""
            )
            text = rule.option_text(answer)
            shown = _item(f"{answer}（{text}）" if text else answer, tooltip=tip)
            shown.setData(Qt.ItemDataRole.UserRole, answer)
            self.options.setItem(row, 0, shown)
            self.options.setItem(row, 1, _item(_num(count), align_right=True))
            key = text or answer
            for col_no, on in ((2, key in rule.satisfied), (3, key in rule.excluded)):
                box = QTableWidgetItem()
                # A skipped answer (问卷星 "(跳过)", -2/-3) is always left out: nothing to choose.
                box.setFlags(
                    Qt.ItemFlag.ItemIsUserCheckable
                    if skipped
                    else Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                )
                box.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                box.setToolTip(tip)
                self.options.setItem(row, col_no, box)
        self.threshold_edit.setText("" if rule.threshold is None else str(rule.threshold))
        self.min_edit.setText("" if rule.scale_min is None else str(rule.scale_min))
        self.max_edit.setText("" if rule.scale_max is None else str(rule.scale_max))
        del blockers
        self._show_mode()

    def _show_mode(self) -> None:
        threshold = self.mode_threshold.isChecked()
        self.options.setColumnHidden(2, threshold)
        self.threshold_widget.setVisible(threshold)

    def _rule_edited(self) -> None:
        column = self.current
        if column is None or column not in self.chosen:
            return
        self._show_mode()
        satisfied, excluded = [], []
        old = self.rules.get(column)
        for row in range(self.options.rowCount()):
            item = self.options.item(row, 0)
            answer = item.data(Qt.ItemDataRole.UserRole) or item.text()
            if old is not None and old.options:  # 序号 export: the rule holds option texts
                answer = old.option_text(answer) or answer
            if self.options.item(row, 2).checkState() == Qt.CheckState.Checked:
                satisfied.append(answer)
            if self.options.item(row, 3).checkState() == Qt.CheckState.Checked:
                excluded.append(answer)
        # Keep chosen texts that do not occur in this file (e.g. 比较满意 picked on another survey).
        keep = [a for a in (old.satisfied if old else ()) if a not in self._answers(column)]
        self.rules[column] = core.QuestionRule(
            column,
            core.MODE_THRESHOLD if self.mode_threshold.isChecked() else core.MODE_OPTIONS,
            tuple(satisfied + keep),
            tuple(excluded),
            _parse_decimal(self.threshold_edit.text()),
            _parse_decimal(self.min_edit.text()),
            _parse_decimal(self.max_edit.text()),
            old.options if old is not None else (),
        )
        self._update_preview()

    def ask_option_order(self) -> None:
        column = self.current
        if column is None or column not in self.chosen:
            return
        col = self._layout().columns[column]
        rule = self.rules.get(column) or core.default_rule(
            column, self._answers(column), self._layout().format, col.title or col.header
        )
        codes = [int(a) for a, _ in self._distribution(column) if a.isdigit()]
        dialog = OptionOrderDialog(
            col.title or col.header, codes, rule.options, rule.satisfied, self
        )
        if self.exec_child(dialog) != QDialog.DialogCode.Accepted:
            return
        self.rules[column] = core.with_options(rule, dialog.options(), dialog.satisfied())
        self._load_rule()
        self._update_preview()

    def exec_child(self, dialog: QDialog) -> int:
        """Run a child dialog (tests replace this)."""
        return dialog.exec()

    def set_satisfied_options(self, answers: list[str]) -> None:
        """Check exactly these answers as satisfied for the current question (used by tests and
        by the 比较满意 shortcut)."""
        for row in range(self.options.rowCount()):
            on = self.options.item(row, 0).text() in answers
            self.options.item(row, 2).setCheckState(
                Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            )

    # ---------------------------------------------------------------- result
    def config(self) -> core.SurveyConfig:
        questions = []
        for column in self.chosen:
            col = self._layout().columns[column]
            rule = self.rules.get(column) or core.default_rule(
                column, self._answers(column), self._layout().format, col.title or col.header
            )
            questions.append(rule)
        return core.SurveyConfig(
            self.parsed.layout.header_row,
            tuple(questions),
            core.DuplicatePolicy(
                self.dup_id.isChecked(), self.dup_ip.isChecked(), self.dup_drop.isChecked()
            ),
            {k: v for k, v in self.kinds.items() if v != self.parsed.layout.columns[k].kind},
        )

    def weight(self) -> Decimal | None:
        return _parse_decimal(self.weight_edit.text())

    def name(self) -> str:
        return self.name_edit.text().strip() or self.parsed.path.stem

    def _update_preview(self) -> None:
        self.error.clear()
        self.result = None
        config = self.config()
        if not config.questions:
            self.preview.setText(
                QCoreApplication.translate(
                    "SurveyMappingDialog", "Tick at least one satisfaction question."
                )
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        bad = [r for r in config.questions if r.mode == core.MODE_THRESHOLD and r.threshold is None]
        if bad:
            self.preview.setText(
                QCoreApplication.translate(
                    "SurveyMappingDialog", "Enter the threshold for the numeric rule."
                )
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        try:
            result = core.analyse(self.parsed.data, self._layout(), config)
        except core.SurveyError as exc:
            self.preview.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.result = result
        self.dup_label.setText(
            QCoreApplication.translate("SurveyMappingDialog", "%1 found, %2 left out")
            .replace("%1", _num(len(result.duplicates)))
            .replace("%2", _num(result.dropped))
        )
        self.dup_label.setToolTip(_duplicates_text(result))
        lines = [
            QCoreApplication.translate(
                "SurveyMappingDialog",
                "Respondents %1 · valid answers %2 · satisfied %3 · satisfaction rate %4",
            )
            .replace("%1", _num(result.respondents))
            .replace("%2", _num(result.valid))
            .replace("%3", _num(result.satisfied))
            .replace("%4", result.rate_text)
        ]
        for q in result.questions:
            lines.append(
                QCoreApplication.translate(
                    "SurveyMappingDialog",
                    "%1: valid %2, satisfied %3 (%4); left out: blank %5, skipped %6, invalid %7",
                )
                .replace("%1", q.label)
                .replace("%2", _num(q.valid))
                .replace("%3", _num(q.satisfied))
                .replace("%4", q.rate_text)
                .replace("%5", _num(q.blank))
                .replace("%6", _num(q.skipped))
                .replace("%7", _num(q.invalid))
            )
        if self.impact_of is not None:  # what importing would do to the score sheet
            impact = self.impact_of(result, self.weight())
            lines.append(
                QCoreApplication.translate("SurveyMappingDialog", "Score changes: %1").replace(
                    "%1", "；".join(impact.lines())
                )
            )
        self.preview.setText("\n".join(lines))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _accept(self) -> None:
        if self.result is None:
            return
        try:
            core.require_valid(self.result, self.parsed.path.name)
        except core.SurveyError as exc:
            self.error.setText(str(exc))
            return
        if self.weight_edit.text().strip() and (self.weight() is None or self.weight() < 0):
            self.error.setText(
                QCoreApplication.translate(
                    "SurveyMappingDialog", "The weight must be a number ≥ 0."
                )
            )
            return
        self.accept()


# ---------------------------------------------------------------------------- the tab
class SurveyTab(BaseTab):
    S_NAME, S_FILE, S_FORMAT, S_RESP, S_DUP, S_VALID, S_SAT, S_EXCL, S_RATE, S_WEIGHT = range(10)

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.task: Task | None = None
        self.mapping_dialog: SurveyMappingDialog | None = None
        self._surveys: list[store.StoredSurvey] = []

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_button = QPushButton(
            QCoreApplication.translate("SurveyTab", "Import survey export…")
        )
        self.edit_button = QPushButton(QCoreApplication.translate("SurveyTab", "Edit rules…"))
        self.remove_button = QPushButton(QCoreApplication.translate("SurveyTab", "Remove"))
        self.verify_button = QPushButton(
            QCoreApplication.translate("SurveyTab", "Re-count from stored answers")
        )
        self.verify_button.setToolTip(
            QCoreApplication.translate(
                "SurveyTab",
                "Count the raw responses kept in the evaluation file again and compare with the figures shown",
            )
        )
        self.combine_combo = QComboBox()
        self.combine_combo.addItem(
            QCoreApplication.translate("SurveyTab", "Combine by answer count"), core.COMBINE_COUNT
        )
        self.combine_combo.addItem(
            QCoreApplication.translate("SurveyTab", "Combine by chosen weights"),
            core.COMBINE_WEIGHTS,
        )
        self.combine_combo.setToolTip(
            QCoreApplication.translate(
                "SurveyTab",
                "How several surveys (e.g. the public and the beneficiaries) make one satisfaction rate",
            )
        )
        for widget in (
            self.import_button,
            self.edit_button,
            self.remove_button,
            self.verify_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(QLabel(QCoreApplication.translate("SurveyTab", "Several surveys:")))
        bar.addWidget(self.combine_combo)
        layout.addLayout(bar)

        progress_row = QHBoxLayout()
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(QCoreApplication.translate("SurveyTab", "Cancel"))
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.setVisible(False)
        layout.addWidget(self.progress_box)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)

        self.table = QTableWidget(0, 10)
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("SurveyTab", "Survey"),
                QCoreApplication.translate("SurveyTab", "File"),
                QCoreApplication.translate("SurveyTab", "Format"),
                QCoreApplication.translate("SurveyTab", "Respondents"),
                QCoreApplication.translate("SurveyTab", "Duplicates left out"),
                QCoreApplication.translate("SurveyTab", "Valid answers"),
                QCoreApplication.translate("SurveyTab", "Satisfied"),
                QCoreApplication.translate("SurveyTab", "Left out"),
                QCoreApplication.translate("SurveyTab", "Rate"),
                QCoreApplication.translate("SurveyTab", "Weight"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            self.S_NAME, QHeaderView.ResizeMode.Stretch
        )
        self.table.setMaximumHeight(170)
        layout.addWidget(self.table)

        self.combined_label = QLabel()
        self.combined_label.setWordWrap(True)
        self.combined_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.combined_label.font()
        font.setBold(True)
        self.combined_label.setFont(font)
        layout.addWidget(self.combined_label)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.questions = QTableWidget(0, 9)
        self.questions.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("SurveyTab", "Question"),
                QCoreApplication.translate("SurveyTab", "Satisfied means"),
                QCoreApplication.translate("SurveyTab", "Respondents"),
                QCoreApplication.translate("SurveyTab", "Valid"),
                QCoreApplication.translate("SurveyTab", "Satisfied"),
                QCoreApplication.translate("SurveyTab", "Blank"),
                QCoreApplication.translate("SurveyTab", "Skipped"),
                QCoreApplication.translate("SurveyTab", "Invalid"),
                QCoreApplication.translate("SurveyTab", "Rate"),
            ]
        )
        self.questions.verticalHeader().setVisible(False)
        self.questions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.questions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.questions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.questions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        split.addWidget(self.questions)
        self.chart = BarChart()
        split.addWidget(self.chart)
        split.setSizes([560, 440])
        layout.addWidget(split, 1)

        self.import_button.clicked.connect(self.choose_file)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.verify_button.clicked.connect(self.verify_selected)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.combine_combo.currentIndexChanged.connect(self._combine_changed)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.questions.itemSelectionChanged.connect(self._show_chart)
        ctx.hub.changed.connect(self._hub_changed)
        self.refresh()

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("SurveyTab", "Survey import")

    # ---------------------------------------------------------------- showing
    def refresh(self) -> None:
        selected = self.selected_survey()
        self._surveys = store.list_surveys(self.ctx.ef)
        with QSignalBlocker(self.combine_combo):
            self.combine_combo.setCurrentIndex(
                max(0, self.combine_combo.findData(store.combine_mode(self.ctx.ef)))
            )
        blocker = QSignalBlocker(self.table)
        self.table.setRowCount(len(self._surveys))
        for row, s in enumerate(self._surveys):
            r = s.result
            values = [
                _item(s.name),
                _item(s.source_file, tooltip=f"SHA-256 {s.source_sha256}"),
                _item(format_name(s.format)),
                _item(_num(r.respondents), align_right=True),
                _item(_num(r.dropped), align_right=True, tooltip=_duplicates_text(r)),
                _item(_num(r.valid), align_right=True),
                _item(_num(r.satisfied), align_right=True),
                _item(_num(r.excluded), align_right=True),
                _item(r.rate_text, align_right=True),
                _item("" if s.weight is None else str(s.weight), align_right=True),
            ]
            for col, item in enumerate(values):
                self.table.setItem(row, col, item)
        del blocker
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            self.S_NAME, QHeaderView.ResizeMode.Stretch
        )
        if self._surveys:
            ids = [s.id for s in self._surveys]
            self.table.selectRow(ids.index(selected.id) if selected and selected.id in ids else 0)
        self._show_selected()
        self._show_combined()
        has = bool(self._surveys)
        self.edit_button.setEnabled(has and not self._busy())
        self.remove_button.setEnabled(has and not self._busy())
        self.verify_button.setEnabled(has)

    def _show_combined(self) -> None:
        ef = self.ctx.ef
        combined, warning = store.combined_with_warning(ef)
        if combined is None:
            self.combined_label.setText(
                QCoreApplication.translate(
                    "SurveyTab",
                    "No survey imported yet: import a 问卷星 or 腾讯问卷 export (xlsx, xls or csv) to compute the satisfaction rate.",
                )
            )
            return
        if combined.mode == core.COMBINE_WEIGHTS and len(combined.parts) > 1:
            text = QCoreApplication.translate(
                "SurveyTab", "Satisfaction rate (weighted): %1"
            ).replace("%1", combined.rate_text)
        else:
            text = (
                QCoreApplication.translate(
                    "SurveyTab", "Satisfaction rate: %1 (%2 satisfied of %3 valid answers)"
                )
                .replace("%1", combined.rate_text)
                .replace("%2", _num(combined.numerator))
                .replace("%3", _num(combined.denominator))
            )
        for node in ef.system().leaves():
            if node.rule is not None and node.rule.source == SOURCE_SATISFACTION:
                score = next((s for s in ef.score_sheet().indicators if s.code == node.code), None)
                if score is not None:
                    text += "  →  " + QCoreApplication.translate(
                        "SurveyTab", "%1 %2: %3 points"
                    ).replace("%1", node.code).replace("%2", node.name).replace(
                        "%3", fmt2(score.score)
                    )
        if warning:
            text += "\n" + warning
        self.combined_label.setText(text)

    def selected_survey(self) -> store.StoredSurvey | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows or min(rows) >= len(self._surveys):
            return None
        return self._surveys[min(rows)]

    def _show_selected(self) -> None:
        survey = self.selected_survey()
        questions = survey.result.questions if survey else ()
        with QSignalBlocker(self.questions):
            self.questions.setRowCount(len(questions))
            for row, q in enumerate(questions):
                values = [
                    _item(f"{q.label} {q.title}", tooltip=q.title),
                    _item(q.rule.describe()),
                    _item(_num(q.respondents), align_right=True),
                    _item(_num(q.valid), align_right=True),
                    _item(_num(q.satisfied), align_right=True),
                    _item(_num(q.blank), align_right=True),
                    _item(_num(q.skipped), align_right=True),
                    _item(_num(q.invalid), align_right=True),
                    _item(q.rate_text, align_right=True),
                ]
                for col, item in enumerate(values):
                    self.questions.setItem(row, col, item)
        self.questions.resizeColumnsToContents()
        self.questions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if questions:
            self.questions.selectRow(0)
        self._show_chart()

    def _show_chart(self) -> None:
        survey = self.selected_survey()
        rows = {i.row() for i in self.questions.selectedIndexes()}
        if survey is None or not rows or min(rows) >= len(survey.result.questions):
            self.chart.set_data([], QCoreApplication.translate("SurveyTab", "Answer distribution"))
            return
        q = survey.result.questions[min(rows)]
        self.chart.set_data(
            bar_states(q, survey.format),
            QCoreApplication.translate(
                "SurveyTab", "Answer distribution: %1 (green = satisfied)"
            ).replace("%1", q.label),
        )

    def _hub_changed(self, what: str) -> None:
        if what in (CHANGED_SURVEYS, CHANGED_INPUTS, CHANGED_SYSTEM):
            self.refresh()

    # ---------------------------------------------------------------- importing
    def _busy(self) -> bool:
        return self.task is not None

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("SurveyTab", "Import survey export"),
            "",
            QCoreApplication.translate(
                "SurveyTab", "Survey exports (*.xlsx *.xls *.csv *.txt);;All files (*)"
            ),
        )
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path, *, sheet: str | None = None) -> Task:
        """Read ``path`` in a worker thread; when done, open the mapping dialog."""
        if self.task is not None:
            self.task.cancel()
        self.show_error("")
        task = Task(
            lambda progress, cancelled: load_survey(
                path, sheet=sheet, progress=progress, should_cancel=cancelled
            ),
            self,
        )
        self.task = task
        self.progress_label.setText(
            QCoreApplication.translate("SurveyTab", "Reading %1…").replace("%1", Path(path).name)
        )
        self.progress.setValue(0)
        self.progress_box.setVisible(True)
        self.import_button.setEnabled(False)
        task.progress.connect(self.progress.setValue)
        task.succeeded.connect(self._parsed)
        task.failed.connect(self._import_failed)
        task.cancelled.connect(self._import_cancelled)
        task.finished.connect(lambda: self._task_finished(task))
        task.start()
        return task

    def cancel_import(self) -> None:
        if self.task is not None:
            self.progress_label.setText(QCoreApplication.translate("SurveyTab", "Cancelling…"))
            self.task.cancel()

    def _task_finished(self, task: Task) -> None:
        task.deleteLater()
        if task is not self.task:  # an earlier import, replaced by a newer one
            return
        self.task = None
        self.progress_box.setVisible(False)
        self.import_button.setEnabled(True)
        self.refresh()

    def _import_failed(self, message: str) -> None:
        self.show_error(message)

    def _import_cancelled(self) -> None:
        self.ctx.status(
            QCoreApplication.translate("SurveyTab", "Import cancelled: nothing was changed.")
        )

    def _parsed(self, parsed: ParsedSurvey) -> None:
        existing = store.same_file(self.ctx.ef, parsed.sha256)
        if existing is not None:
            self.show_error(store.duplicate_message(existing, parsed.path.name))
            return
        name = self._unique_name(parsed.path.stem)
        dialog = SurveyMappingDialog(parsed, name=name, parent=self)
        dialog.impact_of = lambda result, weight: survey_import_impact(
            self.ctx.ef, dialog.name(), result, weight
        )
        dialog._update_preview()
        self.mapping_dialog = dialog
        dialog.accepted.connect(lambda: self._mapping_accepted(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "mapping_dialog", None))
        dialog.sheet_requested.connect(lambda sheet: self._other_sheet(dialog, sheet))
        dialog.open()

    def _other_sheet(self, dialog: SurveyMappingDialog, sheet: str) -> None:
        path = dialog.parsed.path
        dialog.reject()
        self.start_import(path, sheet=sheet)

    def _unique_name(self, stem: str) -> str:
        names = {s.name for s in self._surveys}
        name, n = stem, 2
        while name in names:
            name, n = f"{stem} ({n})", n + 1
        return name

    def _mapping_accepted(self, dialog: SurveyMappingDialog) -> None:
        self.ctx.undo.push(
            ImportSurveyCommand(
                self, dialog.parsed, dialog.name(), dialog.config(), dialog.weight()
            )
        )

    # ---------------------------------------------------------------- other writes
    def edit_selected(self) -> None:
        survey = self.selected_survey()
        if survey is None:
            return
        layout, data = store.stored_layout(self.ctx.ef, survey.id)
        rows: list[list[str]] = [[] for _ in range(survey.config.header_row)]
        rows.append(survey.columns)
        table = Table(Path(survey.source_file), survey.source_file, None, rows)
        parsed = ParsedSurvey(table, layout, data, survey.source_sha256)
        dialog = SurveyMappingDialog(
            parsed,
            name=survey.name,
            config=survey.config,
            weight=survey.weight,
            allow_header_change=False,
            parent=self,
        )
        self.mapping_dialog = dialog
        dialog.accepted.connect(
            lambda: self.ctx.undo.push(
                EditSurveyCommand(self, survey, dialog.name(), dialog.config(), dialog.weight())
            )
        )
        dialog.finished.connect(lambda _r: setattr(self, "mapping_dialog", None))
        dialog.open()

    def verify_selected(self) -> bool:
        """Re-derive the selected survey's figures from its stored raw responses."""
        survey = self.selected_survey()
        if survey is None:
            return False
        again = store.rederive(self.ctx.ef, survey.id)
        same = again == survey.result
        if same:
            message = (
                QCoreApplication.translate(
                    "SurveyTab", "%1: recounted %2 stored responses, same result (%3)."
                )
                .replace("%1", survey.name)
                .replace("%2", _num(again.rows))
                .replace("%3", again.rate_text)
            )
            self.show_error("")
            self.ctx.status(message)
            self.combined_label.setToolTip(message)
        else:
            self.show_error(
                QCoreApplication.translate(
                    "SurveyTab",
                    "%1: recounting the stored responses gives %2 instead of %3. Open Edit rules… and save to update.",
                )
                .replace("%1", survey.name)
                .replace("%2", again.rate_text)
                .replace("%3", survey.result.rate_text)
            )
        return same

    def remove_selected(self) -> None:
        survey = self.selected_survey()
        if survey is not None:
            self.ctx.undo.push(RemoveSurveyCommand(self, survey.id, survey.name))

    def _combine_changed(self) -> None:
        new = self.combine_combo.currentData()
        old = store.combine_mode(self.ctx.ef)
        if new != old:
            self.ctx.undo.push(CombineModeCommand(self, old, new))

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self.ctx.status(message)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().closeEvent(event)
