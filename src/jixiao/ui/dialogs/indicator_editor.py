"""The 指标体系 editor: edit the open evaluation's indicator tree and each rule's parameters.

The dialog edits a deep copy of the system; nothing touches the file until OK. On OK the
inputs that would no longer fit are listed and the user is asked, then the new system is
written in one transaction and pushed on the window's undo stack (undo restores the old
system and the dropped inputs).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.errors import UserError
from jixiao.core.evaluate import check_input, effective_input
from jixiao.core.model import NA_AWARD, NA_RESCALE, Indicator, IndicatorSystem
from jixiao.core.numbers import ZERO, NumberError, fmt_points, parse_decimal
from jixiao.core.projects import SOURCES
from jixiao.core.rules import (
    BandsRule,
    BinaryRule,
    ChecklistRule,
    DeductionRule,
    InputError,
    RateRule,
    Rule,
    RuleFormatError,
    rule_from_json,
)
from jixiao.core.templates import TemplateProblem, validate_system
from jixiao.export.template_xlsx import grades_text, plain, value_text
from jixiao.importers.template_xlsx import parse_grades
from jixiao.ui.commands.system import ReplaceSystemCommand, _carry  # noqa: F401 (moved; kept importable)
from jixiao.ui.context import TabContext
from jixiao.ui.operations import run_op

ERROR_STYLE = "color: #b02a37"
FATAL_COLOR = QColor("#b02a37")
WARNING_COLOR = QColor("#9a6700")

COL_CODE, COL_NAME, COL_WEIGHT, COL_RULE = range(4)


def rule_names() -> dict[str, str]:
    return {
        "checklist": QCoreApplication.translate("IndicatorEditor", "Checklist (points per item)"),
        "rate": QCoreApplication.translate("IndicatorEditor", "Rate (actual / target)"),
        "deduction": QCoreApplication.translate("IndicatorEditor", "Deduction per finding"),
        "bands": QCoreApplication.translate("IndicatorEditor", "Bands (thresholds)"),
        "binary": QCoreApplication.translate("IndicatorEditor", "All or nothing"),
        "qualitative": QCoreApplication.translate("IndicatorEditor", "Qualitative level"),
        "manual": QCoreApplication.translate("IndicatorEditor", "Discretionary score"),
    }


def short_rule_names() -> dict[str, str]:
    return {
        "checklist": QCoreApplication.translate("IndicatorEditor", "Checklist"),
        "rate": QCoreApplication.translate("IndicatorEditor", "Rate"),
        "deduction": QCoreApplication.translate("IndicatorEditor", "Deduction"),
        "bands": QCoreApplication.translate("IndicatorEditor", "Bands"),
        "binary": QCoreApplication.translate("IndicatorEditor", "All or nothing"),
        "qualitative": QCoreApplication.translate("IndicatorEditor", "Qualitative"),
        "manual": QCoreApplication.translate("IndicatorEditor", "Discretionary"),
    }


def na_policy_names() -> dict[str, str]:
    return {
        NA_AWARD: QCoreApplication.translate("IndicatorEditor", "Award the full weight"),
        NA_RESCALE: QCoreApplication.translate(
            "IndicatorEditor", "Drop it and rescale the rest to 100"
        ),
    }


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _show(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(messages))
    label.setVisible(bool(messages))


def _cell(table: QTableWidget, row: int, col: int) -> str:
    item = table.item(row, col)
    return item.text().strip() if item is not None else ""


class IndicatorEditorDialog(QDialog):
    """Edit ``system`` (a copy is made). With a ``ctx`` OK saves into the open evaluation;
    without one OK only accepts and ``system()`` returns the result (template library)."""

    def __init__(
        self, system: IndicatorSystem, ctx: TabContext | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self._system = copy.deepcopy(system)
        # Which code each indicator had when the dialog opened, to follow renames.
        self._origin = {id(node): node.code for _, node, _ in self._system.walk()}
        self._current: Indicator | None = None
        self._loading = False
        self._field_errors: list[str] = []
        self._weight_parse_error = ""
        self._rule_parse_error = ""
        self._grades_error = ""
        self._stashed_rules: dict[int, Rule] = {}
        self._items: dict[int, QTreeWidgetItem] = {}
        self._nodes: dict[int, Indicator] = {}
        self.problems: list[TemplateProblem] = []
        # Replaced in tests; asks a yes/no question and returns the answer.
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.setWindowTitle(QCoreApplication.translate("IndicatorEditor", "Indicator system"))
        self.resize(1200, 820)
        self._build()
        self._rebuild_tree()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        else:
            self._load_form(None)
        self._validate()

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

    # ------------------------------------------------------------------ tree
    def system(self) -> IndicatorSystem:
        """The edited system (a copy)."""
        return copy.deepcopy(self._system)

    def _rebuild_tree(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        self._nodes.clear()

        def add(node: Indicator, parent: QTreeWidgetItem | None) -> None:
            item = QTreeWidgetItem()
            item.setData(COL_CODE, Qt.ItemDataRole.UserRole, id(node))
            self._items[id(node)] = item
            self._nodes[id(node)] = node
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._update_item(node)
            for child in node.children:
                add(child, item)

        for root in self._system.roots:
            add(root, None)
        self.tree.expandAll()
        self.tree.blockSignals(False)

    def _update_item(self, node: Indicator) -> None:
        item = self._items.get(id(node))
        if item is None:
            return
        item.setText(COL_CODE, node.code)
        item.setText(COL_NAME, node.name)
        item.setText(COL_WEIGHT, fmt_points(node.weight))
        item.setTextAlignment(
            COL_WEIGHT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        item.setText(
            COL_RULE,
            short_rule_names().get(node.rule.kind, "") if node.rule and node.is_leaf else "",
        )

    def node_for(self, code: str) -> Indicator | None:
        return next((node for _, node, _ in self._system.walk() if node.code == code), None)

    def select(self, code: str) -> None:
        node = self.node_for(code)
        if node is not None:
            self.tree.setCurrentItem(self._items[id(node)])

    def current(self) -> Indicator | None:
        return self._current

    def _siblings(self, node: Indicator) -> tuple[list[Indicator], Indicator | None]:
        """The list holding ``node`` and its parent (None for a level-1 indicator)."""
        for _, candidate, _ in self._system.walk():
            if any(c is node for c in candidate.children):
                return candidate.children, candidate
        return self._system.roots, None

    def _level(self, node: Indicator) -> int:
        return next((level for level, n, _ in self._system.walk() if n is node), 1)

    def _selection_changed(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        node = (
            self._nodes.get(item.data(COL_CODE, Qt.ItemDataRole.UserRole))
            if item is not None
            else None
        )
        self._load_form(node)

    def _after_structure_change(self, keep: Indicator | None) -> None:
        for _, node, _ in self._system.walk():
            self._fix_rule(node)
        self._rebuild_tree()
        if keep is not None and id(keep) in self._items:
            self.tree.setCurrentItem(self._items[id(keep)])
        else:
            first = self.tree.topLevelItem(0)
            if first is not None:
                self.tree.setCurrentItem(first)
            else:
                self._load_form(None)
        self._load_form(self._current)
        self._validate()

    def _fix_rule(self, node: Indicator) -> None:
        """Groups carry no rule; a group that becomes a leaf gets its old rule back."""
        if node.children and node.rule is not None:
            self._stashed_rules[id(node)] = node.rule
            node.rule = None
        elif not node.children and node.rule is None:
            node.rule = self._stashed_rules.pop(id(node), None) or BinaryRule()

    def _unique_code(self, prefix: str, start: int) -> str:
        codes = {n.code for _, n, _ in self._system.walk()}
        if not prefix:
            for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
                if letter not in codes:
                    return letter
        number = start
        while f"{prefix}{number}" in codes:
            number += 1
        return f"{prefix}{number}"

    def _new_node(self, parent: Indicator | None, siblings: list[Indicator]) -> Indicator:
        code = self._unique_code(parent.code if parent else "", len(siblings) + 1)
        return Indicator(
            code=code,
            name=QCoreApplication.translate("IndicatorEditor", "New indicator"),
            weight=ZERO,
        )

    def add_sibling(self) -> None:
        node = self._current
        if node is None:
            new = self._new_node(None, self._system.roots)
            self._system.roots.append(new)
        else:
            siblings, parent = self._siblings(node)
            new = self._new_node(parent, siblings)
            siblings.insert(siblings.index(node) + 1, new)
        self._after_structure_change(new)
        self.code_edit.setFocus()

    def add_child(self) -> None:
        node = self._current
        if node is None:
            self.add_sibling()
            return
        new = self._new_node(node, node.children)
        if not node.children:
            # The first sub-indicator inherits the group's weight: the sums stay right.
            new.weight = node.weight
        node.children.append(new)
        self._after_structure_change(new)
        self.code_edit.setFocus()

    def remove_current(self) -> None:
        node = self._current
        if node is None:
            return
        if node.children and not self.confirm(
            QCoreApplication.translate("IndicatorEditor", "Remove indicator"),
            QCoreApplication.translate(
                "IndicatorEditor", "Remove {code} {name} and its {count} sub-indicators?"
            ).format(code=node.code, name=node.name, count=sum(1 for _ in _descendants(node))),
        ):
            return
        siblings, parent = self._siblings(node)
        index = next(i for i, n in enumerate(siblings) if n is node)
        siblings.pop(index)
        following = siblings[min(index, len(siblings) - 1)] if siblings else parent
        self._after_structure_change(following)

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        node = self._current
        if node is None:
            return
        siblings, _ = self._siblings(node)
        index = next(i for i, n in enumerate(siblings) if n is node)
        target = index + step
        if 0 <= target < len(siblings):
            siblings[index], siblings[target] = siblings[target], siblings[index]
            self._after_structure_change(node)

    def indent(self) -> None:
        """Make the node the last sub-indicator of its previous sibling."""
        node = self._current
        if node is None:
            return
        siblings, _ = self._siblings(node)
        index = next(i for i, n in enumerate(siblings) if n is node)
        if index == 0:
            return
        siblings.pop(index)
        siblings[index - 1].children.append(node)
        self._after_structure_change(node)

    def outdent(self) -> None:
        """Move the node out of its parent, just after it."""
        node = self._current
        if node is None:
            return
        siblings, parent = self._siblings(node)
        if parent is None:
            return
        grand_siblings, _ = self._siblings(parent)
        siblings.pop(next(i for i, n in enumerate(siblings) if n is node))
        position = next(i for i, n in enumerate(grand_siblings) if n is parent)
        grand_siblings.insert(position + 1, node)
        self._after_structure_change(node)

    # ------------------------------------------------------------------ form
    def _load_form(self, node: Indicator | None) -> None:
        self._current = node
        self._field_errors = []
        self._loading = True
        try:
            self.details.setEnabled(node is not None)
            for edit in (self.code_edit, self.name_edit, self.target_edit, self.weight_edit):
                edit.clear()
            self.criteria_edit.clear()
            self.evidence_edit.clear()
            self._load_rule(None)
            if node is not None:
                self.code_edit.setText(node.code)
                self.name_edit.setText(node.name)
                self.target_edit.setText(node.target)
                self.weight_edit.setText(plain(node.weight))
                self.criteria_edit.setPlainText(node.criteria)
                self.evidence_edit.setPlainText("\n".join(node.evidence))
                self._load_rule(node.rule)
            leaf = node is not None and node.is_leaf
            self.rule_box.setVisible(leaf)
            self.group_note.setVisible(node is not None and not leaf)
        finally:
            self._loading = False
        self._update_buttons()
        self._show_field_messages()

    def _load_rule(self, rule: Rule | None) -> None:
        kind = rule.kind if rule is not None else "binary"
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.pages.setCurrentIndex(self._page_index[kind])
        self.label_edit.setText(rule.label if rule else "")
        source = rule.source if rule else ""
        index = self.source_combo.findData(source)
        if index < 0 and source:
            # A source this version does not list (newer template): keep it selectable.
            self.source_combo.addItem(source, source)
            index = self.source_combo.count() - 1
        self.source_combo.setCurrentIndex(max(0, index))
        self.items_table.setRowCount(0)
        self.bands_table.setRowCount(0)
        self.rate_target.setText("100%")
        self.rate_direction.setCurrentIndex(0)
        self.rate_unit.setText("%")
        self.deduction_per.setText("0.5")
        self.bands_unit.setText("%")
        if isinstance(rule, ChecklistRule):
            for item in rule.items:
                self._add_table_row(
                    self.items_table,
                    [item.text, plain(item.points) if item.points is not None else ""],
                )
        elif isinstance(rule, RateRule):
            self.rate_target.setText(value_text(rule.target, rule.unit))
            self.rate_direction.setCurrentIndex(0 if rule.higher_is_better else 1)
            self.rate_unit.setText(rule.unit)
        elif isinstance(rule, DeductionRule):
            self.deduction_per.setText(plain(rule.per))
        elif isinstance(rule, BandsRule):
            self.bands_unit.setText(rule.unit)
            for band in rule.bands:
                self._add_table_row(
                    self.bands_table, [value_text(band.minimum, rule.unit), plain(band.points)]
                )

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        self.pages.setCurrentIndex(self._page_index[kind])
        if not self._loading and kind in ("checklist", "bands"):
            table = self.items_table if kind == "checklist" else self.bands_table
            if table.rowCount() == 0:
                # Start the user off with one empty row to type into.
                self._add_table_row(table, ["", ""])
                return
        self._form_changed()

    def _rule_from_form(self) -> Rule:
        kind = self.kind_combo.currentData()
        data: dict[str, Any] = {
            "kind": kind,
            "label": self.label_edit.text().strip(),
            "source": self.source_combo.currentData() or "",
        }
        if kind == "checklist":
            items = []
            for row in range(self.items_table.rowCount()):
                text, points = _cell(self.items_table, row, 0), _cell(self.items_table, row, 1)
                if text or points:
                    items.append({"text": text, "points": points} if points else {"text": text})
            data["items"] = items
        elif kind == "rate":
            unit = self.rate_unit.text().strip() or "%"
            data.update(
                target=self.rate_target.text().strip() or "",
                unit=unit,
                direction=self.rate_direction.currentData(),
            )
            if not data["target"]:
                raise RuleFormatError(
                    QCoreApplication.translate("IndicatorEditor", "Enter the target.")
                )
        elif kind == "deduction":
            data["per"] = self.deduction_per.text().strip()
            if not data["per"]:
                raise RuleFormatError(
                    QCoreApplication.translate(
                        "IndicatorEditor", "Enter the points deducted per finding."
                    )
                )
        elif kind == "bands":
            bands = []
            for row in range(self.bands_table.rowCount()):
                low, points = _cell(self.bands_table, row, 0), _cell(self.bands_table, row, 1)
                if low or points:
                    if not low or not points:
                        raise RuleFormatError(
                            QCoreApplication.translate(
                                "IndicatorEditor",
                                "Band {row}: enter both the lower bound and the points.",
                            ).format(row=row + 1)
                        )
                    bands.append({"min": low, "points": points})
            data["bands"] = bands
            data["unit"] = self.bands_unit.text().strip() or "%"
        return rule_from_json(data)

    def _form_changed(self, *_args: object) -> None:
        if self._loading or self._current is None:
            return
        node = self._current
        errors: list[str] = []
        node.code = self.code_edit.text().strip()
        node.name = self.name_edit.text().strip()
        node.target = self.target_edit.text().strip()
        node.criteria = self.criteria_edit.toPlainText().strip()
        node.evidence = [
            line.strip() for line in self.evidence_edit.toPlainText().splitlines() if line.strip()
        ]
        self._weight_parse_error = ""
        try:
            node.weight = parse_decimal(
                self.weight_edit.text(),
                what=QCoreApplication.translate("IndicatorEditor", "Weight"),
            )
        except NumberError as exc:
            self._weight_parse_error = str(exc)
            errors.append("weight")
        self._rule_parse_error = ""
        if node.is_leaf:
            try:
                node.rule = self._rule_from_form()
            except (RuleFormatError, NumberError) as exc:
                self._rule_parse_error = str(exc)
                errors.append("rule")
        self._field_errors = errors
        self._update_item(node)
        self._validate()

    def _system_fields_changed(self) -> None:
        self._system.title = self.system_title.text().strip()
        self._system.name = self.system_name.text().strip()
        self._system.na_policy = self.na_policy.currentData()
        try:
            self._system.grades = parse_grades(self.grades_edit.text())
            self._grades_error = ""
        except UserError as exc:
            self._grades_error = str(exc)
        _show(self.grades_error, [self._grades_error] if self._grades_error else [])
        self._validate()

    # ------------------------------------------------------------------ validation
    def _validate(self) -> None:
        self.problems = validate_system(self._system)
        self.problem_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(("✖ " if problem.fatal else "⚠ ") + str(problem))
            item.setForeground(QBrush(FATAL_COLOR if problem.fatal else WARNING_COLOR))
            item.setData(Qt.ItemDataRole.UserRole, problem.code)
            self.problem_list.addItem(item)
        fatal = sum(1 for p in self.problems if p.fatal)
        if not self.problems:
            self.problems_label.setText(
                QCoreApplication.translate("IndicatorEditor", "No problems: weights add up to 100.")
            )
        else:
            self.problems_label.setText(
                QCoreApplication.translate(
                    "IndicatorEditor", "Problems: {errors} errors, {warnings} warnings"
                ).format(errors=fatal, warnings=len(self.problems) - fatal)
            )
        flagged = {p.code for p in self.problems}
        for _, node, _ in self._system.walk():
            item = self._items.get(id(node))
            if item is not None:
                color = FATAL_COLOR if node.code in flagged else None
                for col in range(4):
                    item.setForeground(col, QBrush(color) if color else QBrush())
        self._show_field_messages()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(fatal == 0 and not self._field_errors and not self._grades_error)

    def _show_field_messages(self) -> None:
        node = self._current
        if node is None:
            for label in (self.code_error, self.weight_error, self.rule_error):
                _show(label, [])
            return
        code_messages = []
        if not node.code:
            code_messages.append(
                QCoreApplication.translate("IndicatorEditor", "Every indicator needs a code.")
            )
        elif sum(1 for _, n, _ in self._system.walk() if n.code == node.code) > 1:
            code_messages.append(
                QCoreApplication.translate(
                    "IndicatorEditor", "Code {code} is already used by another indicator."
                ).format(code=node.code)
            )
        _show(self.code_error, code_messages)

        weight_messages = []
        if "weight" in self._field_errors:
            weight_messages.append(self._weight_parse_error)
        else:
            siblings, parent = self._siblings(node)
            total = sum((n.weight for n in siblings), ZERO)
            if parent is None and total != 100:
                weight_messages.append(
                    QCoreApplication.translate(
                        "IndicatorEditor", "Level-1 weights add up to {total}, not 100."
                    ).format(total=fmt_points(total))
                )
            elif parent is not None and total != parent.weight:
                weight_messages.append(
                    QCoreApplication.translate(
                        "IndicatorEditor", "Weights under {code} add up to {total}, not {weight}."
                    ).format(
                        code=parent.code, total=fmt_points(total), weight=fmt_points(parent.weight)
                    )
                )
            if node.children:
                below = sum((c.weight for c in node.children), ZERO)
                if below != node.weight:
                    weight_messages.append(
                        QCoreApplication.translate(
                            "IndicatorEditor", "Its sub-indicators add up to {total}."
                        ).format(total=fmt_points(below))
                    )
            if node.weight < 0:
                weight_messages.append(
                    QCoreApplication.translate("IndicatorEditor", "A weight cannot be negative.")
                )
        _show(self.weight_error, weight_messages)

        rule_messages = []
        if "rule" in self._field_errors:
            rule_messages.append(self._rule_parse_error)
        elif node.is_leaf and node.rule is not None:
            rule_messages.extend(node.rule.check(node.weight))
            rule = node.rule
            # "90" typed for 90% is 9000%: the most likely slip in a percentage field.
            if isinstance(rule, RateRule) and rule.unit == "%" and rule.target > 1:
                rule_messages.append(
                    QCoreApplication.translate(
                        "IndicatorEditor",
                        "A target of {value} means {percent}; write {suggestion} for a percentage.",
                    ).format(
                        value=plain(rule.target),
                        percent=value_text(rule.target, "%"),
                        suggestion=plain(rule.target) + "%",
                    )
                )
            if (
                isinstance(rule, BandsRule)
                and rule.unit == "%"
                and any(b.minimum > 1 for b in rule.bands)
            ):
                rule_messages.append(
                    QCoreApplication.translate(
                        "IndicatorEditor",
                        "A lower bound above 1 is more than 100%; write percentages as 90%.",
                    )
                )
        _show(self.rule_error, rule_messages)

    def _update_buttons(self) -> None:
        node = self._current
        has = node is not None
        siblings, parent = self._siblings(node) if node is not None else ([], None)
        index = next((i for i, n in enumerate(siblings) if n is node), -1)
        self.add_child_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and index > 0)
        self.down_button.setEnabled(has and 0 <= index < len(siblings) - 1)
        self.indent_button.setEnabled(has and index > 0)
        self.outdent_button.setEnabled(has and parent is not None)

    def _problem_activated(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.select(code)

    # ------------------------------------------------------------------ saving
    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _inform(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def accept(self) -> None:
        self._form_changed()
        if self._field_errors or self._grades_error:
            self._inform(
                QCoreApplication.translate("IndicatorEditor", "Indicator system"),
                QCoreApplication.translate(
                    "IndicatorEditor", "Correct the fields marked in red first."
                ),
            )
            return
        problems = validate_system(self._system)
        fatal = [p for p in problems if p.fatal]
        if fatal:
            self._inform(
                QCoreApplication.translate("IndicatorEditor", "Indicator system"),
                "\n".join(str(p) for p in fatal),
            )
            return
        warnings = [p for p in problems if not p.fatal]
        if warnings and not self.confirm(
            QCoreApplication.translate("IndicatorEditor", "Indicator system"),
            QCoreApplication.translate(
                "IndicatorEditor", "The system still has {count} warnings:"
            ).format(count=len(warnings))
            + "\n\n"
            + "\n".join(str(p) for p in warnings[:12])
            + ("\n…" if len(warnings) > 12 else "")
            + "\n\n"
            + QCoreApplication.translate("IndicatorEditor", "Save it anyway?"),
        ):
            return
        if self.ctx is not None and not self._save():
            return
        super().accept()

    def _renamed_inputs(
        self, new: IndicatorSystem, stored: dict[str, dict[str, Any]]
    ) -> dict[str, tuple[str, dict[str, Any]]]:
        """Inputs of level-3 indicators whose code was changed here: {old code: (new code, raw)}.

        Renaming a code must not lose what was entered under it; only inputs that still fit
        the edited indicator are carried over (the others are listed as not fitting)."""
        assert self.ctx is not None
        derived = self.ctx.ef.derived_inputs()
        carried: dict[str, tuple[str, dict[str, Any]]] = {}
        for _, node, _ in self._system.walk():
            origin = self._origin.get(id(node))
            if (
                not origin
                or origin == node.code
                or not node.is_leaf
                or origin not in stored
                or node.code in stored
                or new.find(origin) is not None
            ):
                continue
            raw = stored[origin]
            effective, _ = effective_input(node, raw, derived)
            try:
                if effective and not _truthy(effective.get("na")):
                    check_input(node, effective)
            except InputError:
                continue
            carried[origin] = (node.code, raw)
        return carried

    def _save(self) -> bool:
        assert self.ctx is not None
        ef = self.ctx.ef
        new = copy.deepcopy(self._system)
        old = ef.system()
        if new == old:
            return True  # nothing changed: no write, no audit row, no undo step
        stored = ef.inputs()
        carried = self._renamed_inputs(new, stored)
        not_fitting = [code for code in ef.inputs_not_fitting(new) if code not in carried]
        if not_fitting:
            lines = []
            for code in not_fitting:
                node = new.find(code) or old.find(code)
                lines.append(f"{code} {node.name if node else ''}".strip())
            if not self.confirm(
                QCoreApplication.translate("IndicatorEditor", "Inputs that no longer fit"),
                QCoreApplication.translate(
                    "IndicatorEditor",
                    "The entered data of these indicators no longer fits the edited system and "
                    "will be removed (Undo brings it back):",
                )
                + "\n\n"
                + "\n".join(lines)
                + "\n\n"
                + QCoreApplication.translate("IndicatorEditor", "Save the indicator system?"),
            ):
                return False
        reason = "修改指标体系"
        refused: list[str] = []
        command = ReplaceSystemCommand(self.ctx, old, new, stored, reason, carried)
        if not run_op(self.ctx, command, on_refused=refused.append):
            # Not saved: the dialog stays open, so the user's edits are not lost.
            self._inform(
                QCoreApplication.translate("IndicatorEditor", "Indicator system"),
                QCoreApplication.translate(
                    "IndicatorEditor", "Could not save the indicator system: {error}"
                ).format(error=refused[0] if refused else ""),
            )
            return False
        self.ctx.status(QCoreApplication.translate("IndicatorEditor", "Indicator system saved."))
        return True


def _truthy(value: Any) -> bool:
    return value is True or value in ("true", "是", 1, "1")


def _descendants(node: Indicator):
    for child in node.children:
        yield child
        yield from _descendants(child)


def open_indicator_editor(ctx: TabContext, parent: QWidget | None = None) -> bool:
    """Edit the open evaluation's indicator system; True when a new system was saved."""
    dialog = IndicatorEditorDialog(ctx.ef.system(), ctx=ctx, parent=parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


__all__ = ["IndicatorEditorDialog", "ReplaceSystemCommand", "open_indicator_editor"]
