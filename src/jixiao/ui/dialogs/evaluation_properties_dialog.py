"""评价属性: what the national 项目支出绩效自评表 needs beyond the scores — 主管部门, 实施单位,
项目负责人, 联系电话, 评价日期, 年度总体目标, the 项目资金 table (元 or 万元) and the 执行率口径
shared by the header, the score and the report. Reached from 编辑 › 评价属性….

All values are checked before anything is written; then they are stored as one action.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.national_form import (
    DENOMINATOR_WORDS,
    FUND_COLUMNS,
    FUND_ROW_LABELS,
    FUND_ROWS,
    MONEY_UNITS,
    FormError,
)
from jixiao.storage.national_form import current_fund_table, load_form, set_values
from jixiao.ui.context import CHANGED_META, TabContext

HEADER_KEYS = ("主管部门", "实施单位", "项目负责人", "联系电话")


class EvaluationPropertiesDialog(QDialog):
    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        ef = ctx.ef
        form_data = load_form(ef)
        self.setWindowTitle(
            QCoreApplication.translate("EvaluationPropertiesDialog", "Evaluation properties")
        )
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)

        header = QFormLayout()
        labels = {
            "主管部门": QCoreApplication.translate(
                "EvaluationPropertiesDialog", "Competent department:"
            ),
            "实施单位": QCoreApplication.translate(
                "EvaluationPropertiesDialog", "Implementing unit:"
            ),
            "项目负责人": QCoreApplication.translate(
                "EvaluationPropertiesDialog", "Project leader:"
            ),
            "联系电话": QCoreApplication.translate("EvaluationPropertiesDialog", "Telephone:"),
        }
        self.text_edits: dict[str, QLineEdit] = {}
        for key in HEADER_KEYS:
            edit = QLineEdit(form_data.text(key))
            self.text_edits[key] = edit
            header.addRow(labels[key], edit)
        date_row = QHBoxLayout()
        self.date_box = QCheckBox(
            QCoreApplication.translate("EvaluationPropertiesDialog", "Evaluation date:")
        )
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        chosen = form_data.evaluation_date
        self.date_box.setChecked(chosen is not None)
        if chosen is not None:
            self.date_edit.setDate(QDate(chosen.year, chosen.month, chosen.day))
        else:
            self.date_edit.setDate(QDate.currentDate())
        self.date_edit.setEnabled(chosen is not None)
        self.date_box.toggled.connect(self.date_edit.setEnabled)
        date_row.addWidget(self.date_edit)
        date_row.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "EvaluationPropertiesDialog", "(unchecked: the export date)"
                )
            )
        )
        date_row.addStretch(1)
        header.addRow(self.date_box, date_row)
        layout.addLayout(header)

        goals = QGroupBox(
            QCoreApplication.translate("EvaluationPropertiesDialog", "Overall annual goal")
        )
        goal_form = QFormLayout(goals)
        self.expected_edit = QPlainTextEdit(form_data.text("预期目标"))
        self.achieved_edit = QPlainTextEdit(form_data.text("实际完成情况"))
        for edit in (self.expected_edit, self.achieved_edit):
            edit.setFixedHeight(60)
            edit.setTabChangesFocus(True)
        goal_form.addRow(
            QCoreApplication.translate("EvaluationPropertiesDialog", "Expected:"),
            self.expected_edit,
        )
        goal_form.addRow(
            QCoreApplication.translate("EvaluationPropertiesDialog", "Achieved:"),
            self.achieved_edit,
        )
        layout.addWidget(goals)

        funds = QGroupBox(QCoreApplication.translate("EvaluationPropertiesDialog", "Project funds"))
        grid = QGridLayout(funds)
        self.unit_combo = QComboBox()
        for unit in MONEY_UNITS:
            self.unit_combo.addItem(unit, unit)
        self.unit_combo.setCurrentIndex(MONEY_UNITS.index(form_data.money_unit))
        grid.addWidget(
            QLabel(QCoreApplication.translate("EvaluationPropertiesDialog", "Unit:")), 0, 0
        )
        grid.addWidget(self.unit_combo, 0, 1)
        self.denominator_combo = QComboBox()
        for words, key in DENOMINATOR_WORDS.items():
            if words != "到位资金" or ef.execution_denominator == key:
                self.denominator_combo.addItem(words, words)
                if ef.execution_denominator == key:
                    self.denominator_combo.setCurrentIndex(self.denominator_combo.count() - 1)
        grid.addWidget(
            QLabel(
                QCoreApplication.translate("EvaluationPropertiesDialog", "Execution rate against:")
            ),
            0,
            2,
        )
        grid.addWidget(self.denominator_combo, 0, 3)
        for col, name in enumerate(FUND_COLUMNS):
            grid.addWidget(QLabel(name), 1, col + 1, alignment=Qt.AlignmentFlag.AlignCenter)
        self.fund_edits: dict[str, QLineEdit] = {}
        from_registry = bool(ef.registry_summary().projects)
        shown = current_fund_table(ef).total if from_registry else []
        for row, row_key in enumerate(FUND_ROWS):
            grid.addWidget(QLabel(FUND_ROW_LABELS[row_key]), row + 2, 0)
            for col, col_key in enumerate(FUND_COLUMNS):
                value = form_data.funds.get((row_key, col_key))
                edit = QLineEdit("" if value is None else f"{value:f}")
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                if row == 0 and from_registry:
                    edit.setEnabled(False)
                    edit.setText("" if shown[col] is None else f"{shown[col]:,.2f}")
                    edit.setPlaceholderText(
                        QCoreApplication.translate(
                            "EvaluationPropertiesDialog", "from the registry"
                        )
                    )
                elif row == 0:
                    edit.setPlaceholderText(
                        QCoreApplication.translate(
                            "EvaluationPropertiesDialog", "sum of the rows below"
                        )
                    )
                self.fund_edits[f"资金.{row_key}.{col_key}"] = edit
                grid.addWidget(edit, row + 2, col + 1)
        layout.addWidget(funds)

        extra = QFormLayout()
        total = form_data.published_total
        self.published_edit = QLineEdit("" if total is None else f"{total:f}")
        self.published_edit.setPlaceholderText(
            QCoreApplication.translate(
                "EvaluationPropertiesDialog", "Only when copying a published sheet"
            )
        )
        extra.addRow(
            QCoreApplication.translate("EvaluationPropertiesDialog", "Published total:"),
            self.published_edit,
        )
        layout.addLayout(extra)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #B00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        out = {key: edit.text().strip() for key, edit in self.text_edits.items()}
        out["评价日期"] = (
            self.date_edit.date().toString("yyyy-MM-dd") if self.date_box.isChecked() else ""
        )
        out["预期目标"] = self.expected_edit.toPlainText().strip()
        out["实际完成情况"] = self.achieved_edit.toPlainText().strip()
        out["资金单位"] = self.unit_combo.currentData()
        out["执行率口径"] = self.denominator_combo.currentData()
        for key, edit in self.fund_edits.items():
            if edit.isEnabled():
                out[key] = edit.text().strip()
        out["公布总分"] = self.published_edit.text().strip()
        return out

    def save(self) -> None:
        try:
            set_values(self.ctx.ef, self.values())
        except FormError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        self.ctx.hub.announce(CHANGED_META)
        self.accept()


def open_evaluation_properties(ctx: TabContext | None, parent: QWidget | None) -> None:
    if ctx is not None:
        EvaluationPropertiesDialog(ctx, parent).exec()
