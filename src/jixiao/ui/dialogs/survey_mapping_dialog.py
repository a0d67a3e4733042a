"""Step 2 of a survey import: which columns are questions, what counts as satisfied."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core import survey as core
from jixiao.importers.survey import ParsedSurvey
from jixiao.ui.dialogs.survey_mapping_columns import _MappingColumns
from jixiao.ui.widgets.survey_format import (
    _duplicates_text,
    _item,
    _num,
    _parse_decimal,
)


class SurveyMappingDialog(_MappingColumns, QDialog):
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
            column, self._answers(column), self._layout().format
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
            self.options.setItem(row, 0, _item(answer, tooltip=tip))
            self.options.setItem(row, 1, _item(_num(count), align_right=True))
            for col_no, on in ((2, answer in rule.satisfied), (3, answer in rule.excluded)):
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
        for row in range(self.options.rowCount()):
            answer = self.options.item(row, 0).text()
            if self.options.item(row, 2).checkState() == Qt.CheckState.Checked:
                satisfied.append(answer)
            if self.options.item(row, 3).checkState() == Qt.CheckState.Checked:
                excluded.append(answer)
        old = self.rules.get(column)
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
        )
        self._update_preview()

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
            rule = self.rules.get(column) or core.default_rule(
                column, self._answers(column), self._layout().format
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
