"""The indicator editor's widgets: tree, form pages per rule kind, buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.projects import SOURCES
from jixiao.export.template_xlsx import grades_text
from jixiao.ui.dialogs.indicator_editor_common import (
    COL_CODE,
    COL_NAME,
    COL_RULE,
    COL_WEIGHT,
    _error_label,
    na_policy_names,
    rule_names,
)


class _EditorLayout:
    """Part of IndicatorEditorDialog; mixed into it, not used alone."""

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)

        head = QFormLayout()
        self.system_title = QLineEdit(self._system.title)
        self.system_name = QLineEdit(self._system.name)
        self.na_policy = QComboBox()
        for key, text in na_policy_names().items():
            self.na_policy.addItem(text, key)
        self.na_policy.setCurrentIndex(max(0, self.na_policy.findData(self._system.na_policy)))
        self.na_policy.setToolTip(
            QCoreApplication.translate(
                "IndicatorEditor", "What an indicator marked not applicable counts for"
            )
        )
        row = QHBoxLayout()
        row.addWidget(self.system_title, 3)
        row.addWidget(QLabel(QCoreApplication.translate("IndicatorEditor", "Template name")))
        row.addWidget(self.system_name, 1)
        head.addRow(QCoreApplication.translate("IndicatorEditor", "Title"), row)
        self.grades_edit = QLineEdit(grades_text(self._system))
        self.grades_edit.setToolTip(
            QCoreApplication.translate(
                "IndicatorEditor",
                "Grade and the lowest total that earns it, e.g. 优≥90；良≥80；中≥60；差≥0",
            )
        )
        self.grades_error = _error_label()
        row = QHBoxLayout()
        row.addWidget(self.na_policy, 1)
        row.addWidget(QLabel(QCoreApplication.translate("IndicatorEditor", "Grades")))
        row.addWidget(self.grades_edit, 1)
        head.addRow(QCoreApplication.translate("IndicatorEditor", "Not applicable indicators"), row)
        head.addRow("", self.grades_error)
        outer.addLayout(head)
        self.grades_edit.textChanged.connect(self._system_fields_changed)
        self.system_title.textChanged.connect(self._system_fields_changed)
        self.system_name.textChanged.connect(self._system_fields_changed)
        self.na_policy.currentIndexChanged.connect(self._system_fields_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("IndicatorEditor", "Code"),
                QCoreApplication.translate("IndicatorEditor", "Indicator"),
                QCoreApplication.translate("IndicatorEditor", "Weight"),
                QCoreApplication.translate("IndicatorEditor", "Rule"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(COL_CODE, 130)  # room for three levels of indentation
        self.tree.setColumnWidth(COL_WEIGHT, 60)
        self.tree.setColumnWidth(COL_RULE, 90)
        self.tree.currentItemChanged.connect(self._selection_changed)
        left_layout.addWidget(self.tree)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(QCoreApplication.translate("IndicatorEditor", "Add"))
        self.add_button.setToolTip(
            QCoreApplication.translate("IndicatorEditor", "Add an indicator after the selected one")
        )
        self.add_child_button = QPushButton(
            QCoreApplication.translate("IndicatorEditor", "Add sub-indicator")
        )
        self.remove_button = QPushButton(QCoreApplication.translate("IndicatorEditor", "Remove"))
        self.up_button = QPushButton(QCoreApplication.translate("IndicatorEditor", "Up"))
        self.down_button = QPushButton(QCoreApplication.translate("IndicatorEditor", "Down"))
        self.indent_button = QPushButton(QCoreApplication.translate("IndicatorEditor", "Indent"))
        self.indent_button.setToolTip(
            QCoreApplication.translate(
                "IndicatorEditor", "Make it a sub-indicator of the one above"
            )
        )
        self.outdent_button = QPushButton(QCoreApplication.translate("IndicatorEditor", "Outdent"))
        self.outdent_button.setToolTip(
            QCoreApplication.translate("IndicatorEditor", "Move it up one level")
        )
        for button, slot in (
            (self.add_button, self.add_sibling),
            (self.add_child_button, self.add_child),
            (self.remove_button, self.remove_current),
            (self.up_button, self.move_up),
            (self.down_button, self.move_down),
            (self.indent_button, self.indent),
            (self.outdent_button, self.outdent),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        for button, keys in (
            (self.up_button, "Alt+Up"),
            (self.down_button, "Alt+Down"),
            (self.indent_button, "Alt+Right"),
            (self.outdent_button, "Alt+Left"),
        ):
            button.setShortcut(QKeySequence(keys))
            button.setToolTip(f"{button.toolTip()} ({keys})".strip())
        left_layout.addLayout(buttons)
        splitter.addWidget(left)

        self.details = QWidget()
        form = QFormLayout(self.details)
        self.code_edit = QLineEdit()
        self.code_error = _error_label()
        self.name_edit = QLineEdit()
        self.target_edit = QLineEdit()
        self.target_edit.setPlaceholderText(
            QCoreApplication.translate("IndicatorEditor", "As printed, e.g. 100%, ≥90%, 充分")
        )
        self.weight_edit = QLineEdit()
        self.weight_error = _error_label()
        self.criteria_edit = QPlainTextEdit()
        self.criteria_edit.setMinimumHeight(110)
        self.criteria_edit.setMaximumHeight(160)
        self.evidence_edit = QPlainTextEdit()
        self.evidence_edit.setPlaceholderText(
            QCoreApplication.translate("IndicatorEditor", "One document per line")
        )
        self.evidence_edit.setMaximumHeight(60)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(QCoreApplication.translate("IndicatorEditor", "Code")), 0, 0)
        grid.addWidget(self.code_edit, 0, 1)
        grid.addWidget(QLabel(QCoreApplication.translate("IndicatorEditor", "Weight")), 0, 2)
        grid.addWidget(self.weight_edit, 0, 3)
        grid.addWidget(self.code_error, 1, 1)
        grid.addWidget(self.weight_error, 1, 3)
        grid.addWidget(QLabel(QCoreApplication.translate("IndicatorEditor", "Name")), 2, 0)
        grid.addWidget(self.name_edit, 2, 1, 1, 3)
        grid.addWidget(
            QLabel(QCoreApplication.translate("IndicatorEditor", "Standard value")), 3, 0
        )
        grid.addWidget(self.target_edit, 3, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        form.addRow(grid)
        form.addRow(
            QCoreApplication.translate("IndicatorEditor", "Scoring criteria"), self.criteria_edit
        )
        form.addRow(QCoreApplication.translate("IndicatorEditor", "Evidence"), self.evidence_edit)
        for edit in (self.code_edit, self.name_edit, self.target_edit, self.weight_edit):
            edit.textChanged.connect(self._form_changed)
        for text_edit in (self.criteria_edit, self.evidence_edit):
            text_edit.textChanged.connect(self._form_changed)

        self.rule_box = QGroupBox(QCoreApplication.translate("IndicatorEditor", "Scoring rule"))
        rule_form = QFormLayout(self.rule_box)
        self.kind_combo = QComboBox()
        for kind, text in rule_names().items():
            self.kind_combo.addItem(text, kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText(
            QCoreApplication.translate(
                "IndicatorEditor", "Name used in the deduction reason (optional)"
            )
        )
        self.source_combo = QComboBox()
        self.source_combo.addItem(
            QCoreApplication.translate("IndicatorEditor", "Entered by hand"), ""
        )
        for key, text in SOURCES.items():
            self.source_combo.addItem(text, key)
        self.source_combo.setToolTip(
            QCoreApplication.translate(
                "IndicatorEditor",
                "Fill the input automatically from the project register or the survey",
            )
        )
        rule_form.addRow(QCoreApplication.translate("IndicatorEditor", "Rule"), self.kind_combo)
        rule_form.addRow(QCoreApplication.translate("IndicatorEditor", "Label"), self.label_edit)
        rule_form.addRow(
            QCoreApplication.translate("IndicatorEditor", "Data source"), self.source_combo
        )
        self.label_edit.textChanged.connect(self._form_changed)
        self.source_combo.currentIndexChanged.connect(self._form_changed)

        self.pages = QStackedWidget()
        self._page_index: dict[str, int] = {}
        self._build_pages()
        rule_form.addRow(self.pages)
        self.rule_error = _error_label()
        rule_form.addRow(self.rule_error)
        self.group_note = QLabel(
            QCoreApplication.translate(
                "IndicatorEditor",
                "Indicators with sub-indicators are scored as the sum of their "
                "sub-indicators and have no rule of their own.",
            )
        )
        self.group_note.setWordWrap(True)
        form.addRow(self.rule_box)
        form.addRow(self.group_note)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.details)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 680])

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(splitter)
        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        self.problems_label = QLabel()
        self.problem_list = QListWidget()
        self.problem_list.itemActivated.connect(self._problem_activated)
        self.problem_list.itemClicked.connect(self._problem_activated)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problem_list)
        body.addWidget(problems_box)
        body.setSizes([680, 90])
        outer.addWidget(body, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        for combo in self.findChildren(QComboBox):
            # Long item texts must not widen the form past the scroll area (it would be cut off).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)

    def _build_pages(self) -> None:
        # checklist
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.items_table = QTableWidget(0, 2)
        self.items_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("IndicatorEditor", "Item"),
                QCoreApplication.translate("IndicatorEditor", "Points"),
            ]
        )
        self.items_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.items_table.setColumnWidth(1, 70)
        self.items_table.setMinimumHeight(140)
        self.items_table.itemChanged.connect(self._form_changed)
        hint = QLabel(
            QCoreApplication.translate(
                "IndicatorEditor", "Leave every points cell empty to share the weight equally."
            )
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        self.add_item_button = QPushButton(
            QCoreApplication.translate("IndicatorEditor", "Add item")
        )
        self.remove_item_button = QPushButton(
            QCoreApplication.translate("IndicatorEditor", "Remove item")
        )
        self.add_item_button.clicked.connect(
            lambda: self._add_table_row(self.items_table, ["", ""])
        )
        self.remove_item_button.clicked.connect(lambda: self._remove_table_row(self.items_table))
        row.addWidget(self.add_item_button)
        row.addWidget(self.remove_item_button)
        row.addStretch(1)
        layout.addWidget(self.items_table)
        layout.addLayout(row)
        layout.addWidget(hint)
        self._add_page("checklist", page)

        # rate
        page = QWidget()
        rate_form = QFormLayout(page)
        rate_form.setContentsMargins(0, 0, 0, 0)
        self.rate_target = QLineEdit()
        self.rate_target.setPlaceholderText("100%")
        self.rate_direction = QComboBox()
        self.rate_direction.addItem(
            QCoreApplication.translate(
                "IndicatorEditor", "Higher is better: weight × actual / target"
            ),
            "higher",
        )
        self.rate_direction.addItem(
            QCoreApplication.translate(
                "IndicatorEditor", "Lower is better: weight × target / actual"
            ),
            "lower",
        )
        self.rate_unit = QLineEdit()
        self.rate_unit.setPlaceholderText("%")
        rate_form.addRow(QCoreApplication.translate("IndicatorEditor", "Target"), self.rate_target)
        rate_form.addRow(
            QCoreApplication.translate("IndicatorEditor", "Direction"), self.rate_direction
        )
        rate_form.addRow(QCoreApplication.translate("IndicatorEditor", "Unit"), self.rate_unit)
        self.rate_target.textChanged.connect(self._form_changed)
        self.rate_unit.textChanged.connect(self._form_changed)
        self.rate_direction.currentIndexChanged.connect(self._form_changed)
        self._add_page("rate", page)

        # deduction
        page = QWidget()
        deduction_form = QFormLayout(page)
        deduction_form.setContentsMargins(0, 0, 0, 0)
        self.deduction_per = QLineEdit()
        self.deduction_per.setPlaceholderText("0.5")
        deduction_form.addRow(
            QCoreApplication.translate("IndicatorEditor", "Points per finding"), self.deduction_per
        )
        deduction_form.addRow(
            QLabel(
                QCoreApplication.translate(
                    "IndicatorEditor", "Score = weight − points × findings, not below 0."
                )
            )
        )
        self.deduction_per.textChanged.connect(self._form_changed)
        self._add_page("deduction", page)

        # bands
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bands_table = QTableWidget(0, 2)
        self.bands_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("IndicatorEditor", "From (inclusive)"),
                QCoreApplication.translate("IndicatorEditor", "Points"),
            ]
        )
        self.bands_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.bands_table.setMinimumHeight(140)
        self.bands_table.itemChanged.connect(self._form_changed)
        row = QHBoxLayout()
        self.add_band_button = QPushButton(
            QCoreApplication.translate("IndicatorEditor", "Add band")
        )
        self.remove_band_button = QPushButton(
            QCoreApplication.translate("IndicatorEditor", "Remove band")
        )
        self.add_band_button.clicked.connect(
            lambda: self._add_table_row(self.bands_table, ["", ""])
        )
        self.remove_band_button.clicked.connect(lambda: self._remove_table_row(self.bands_table))
        row.addWidget(self.add_band_button)
        row.addWidget(self.remove_band_button)
        row.addStretch(1)
        unit_row = QFormLayout()
        self.bands_unit = QLineEdit()
        self.bands_unit.setPlaceholderText("%")
        self.bands_unit.textChanged.connect(self._form_changed)
        unit_row.addRow(QCoreApplication.translate("IndicatorEditor", "Unit"), self.bands_unit)
        layout.addWidget(self.bands_table)
        layout.addLayout(row)
        layout.addLayout(unit_row)
        self._add_page("bands", page)

        for kind, text in (
            (
                "binary",
                QCoreApplication.translate(
                    "IndicatorEditor", "Full weight when the requirement is met, otherwise 0."
                ),
            ),
            (
                "qualitative",
                QCoreApplication.translate(
                    "IndicatorEditor",
                    "The evaluator picks 达成 (100–80% of the weight), 部分达成 (80–60%) "
                    "or 未达成 (60–0%) and a score inside that range.",
                ),
            ),
            (
                "manual",
                QCoreApplication.translate(
                    "IndicatorEditor",
                    "The evaluator enters a score between 0 and the weight with a reason.",
                ),
            ),
        ):
            label = QLabel(text)
            label.setWordWrap(True)
            self._add_page(kind, label)

    def _add_page(self, kind: str, widget: QWidget) -> None:
        self._page_index[kind] = self.pages.addWidget(widget)

    def _add_table_row(self, table: QTableWidget, values: list[str]) -> None:
        was = self._loading
        self._loading = True
        row = table.rowCount()
        table.insertRow(row)
        for col, value in enumerate(values):
            table.setItem(row, col, QTableWidgetItem(value))
        self._loading = was
        if not self._loading:
            table.setCurrentCell(row, 0)
            self._form_changed()

    def _remove_table_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row < 0:
            row = table.rowCount() - 1
        if row >= 0:
            table.removeRow(row)
            self._form_changed()
