"""Ask which option each number of a 问卷星 "按选项序号" export stands for.

The export holds only option numbers (1, 2, 3 …; -2/-3 for skipped): whether 1 is 非常满意
or 非常不满意 depends on how the questionnaire was built, so the program asks instead of
assuming a direction. The satisfied set is then chosen by option text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.survey import QuestionRule, with_options
from jixiao.importers.impact import Impact

FIVE_POINT = ("非常满意", "满意", "一般", "不满意", "非常不满意")
SATISFIED_WORDS = ("非常满意", "很满意", "满意", "比较满意")


class OptionOrderDialog(QDialog):
    def __init__(
        self,
        question: str,
        codes: Sequence[int],
        options: Sequence[str] = (),
        satisfied: Sequence[str] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(
            QCoreApplication.translate("OptionOrderDialog", "Option order of a numbered export")
        )
        self.resize(560, 420)
        count = max([len(options), *codes, 2])
        intro = QLabel(
            QCoreApplication.translate(
                "OptionOrderDialog",
                "“%1” was exported with option numbers, not texts. Type the text of each "
                "option as it appears in the questionnaire and tick the options that count "
                "as satisfied. Negative numbers (-2, -3) are skipped answers and never count.",
            ).replace("%1", question[:60])
        )
        intro.setWordWrap(True)
        self.grid = QTableWidget(count, 3)
        self.grid.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("OptionOrderDialog", "Number"),
                QCoreApplication.translate("OptionOrderDialog", "Option text"),
                QCoreApplication.translate("OptionOrderDialog", "Satisfied"),
            ]
        )
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row in range(count):
            number = QTableWidgetItem(str(row + 1))
            number.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.grid.setItem(row, 0, number)
            text = options[row] if row < len(options) else ""
            self.grid.setItem(row, 1, QTableWidgetItem(text))
            box = QTableWidgetItem()
            box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            box.setCheckState(
                Qt.CheckState.Checked if text and text in satisfied else Qt.CheckState.Unchecked
            )
            self.grid.setItem(row, 2, box)
        self.fill_button = QPushButton(
            QCoreApplication.translate("OptionOrderDialog", "Fill 1 = 非常满意 … 5 = 非常不满意")
        )
        self.fill_button.clicked.connect(lambda: self.set_options(FIVE_POINT))
        self.message = QLabel()
        self.message.setStyleSheet("color:#b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.fill_button)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def set_options(self, texts: Sequence[str]) -> None:
        """Fill the texts in order; the usual satisfied options are ticked."""
        self.grid.setRowCount(max(self.grid.rowCount(), len(texts)))
        for row in range(self.grid.rowCount()):
            text = texts[row] if row < len(texts) else ""
            if self.grid.item(row, 0) is None:
                self.grid.setItem(row, 0, QTableWidgetItem(str(row + 1)))
            self.grid.setItem(row, 1, QTableWidgetItem(text))
            box = QTableWidgetItem()
            box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            box.setCheckState(
                Qt.CheckState.Checked if text in SATISFIED_WORDS else Qt.CheckState.Unchecked
            )
            self.grid.setItem(row, 2, box)

    def options(self) -> list[str]:
        texts = [self.grid.item(r, 1).text().strip() for r in range(self.grid.rowCount())]
        while texts and not texts[-1]:
            texts.pop()
        return texts

    def satisfied(self) -> list[str]:
        return [
            self.grid.item(r, 1).text().strip()
            for r in range(self.grid.rowCount())
            if self.grid.item(r, 2).checkState() == Qt.CheckState.Checked
            and self.grid.item(r, 1).text().strip()
        ]

    def accept(self) -> None:
        options = self.options()
        if len(options) < 2 or any(not o for o in options) or len(set(options)) != len(options):
            self.message.setText(
                QCoreApplication.translate(
                    "OptionOrderDialog",
                    "Type a different text for every number from 1 up (at least two options).",
                )
            )
            return
        if not self.satisfied():
            self.message.setText(
                QCoreApplication.translate(
                    "OptionOrderDialog", "Tick at least one option that counts as satisfied."
                )
            )
            return
        super().accept()


def ask_rule_order(
    parent: QWidget, rule: QuestionRule, title: str, distribution: Sequence[tuple[str, int]]
) -> QuestionRule | None:
    """Ask the order for ``rule``'s question; None when cancelled. The parent's
    ``exec_child`` runs the dialog (tests answer it there)."""
    codes = [int(a) for a, _ in distribution if a.isdigit()]
    dialog = OptionOrderDialog(title, codes, rule.options, rule.satisfied, parent)
    if parent.exec_child(dialog) != QDialog.DialogCode.Accepted:  # type: ignore[attr-defined]
        return None
    return with_options(rule, dialog.options(), dialog.satisfied())


def tr_score_changes(impact: Impact) -> str:
    return QCoreApplication.translate("SurveyMappingDialog", "Score changes: %1").replace(
        "%1", "；".join(impact.lines())
    )
