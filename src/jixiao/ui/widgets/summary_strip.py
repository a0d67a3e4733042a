"""Always-visible result: "总分 90.23 · 优" and one bar per level-1 indicator."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from jixiao.core.evaluate import ScoreSheet
from jixiao.core.numbers import fmt2


class SummaryStrip(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.layout_ = QHBoxLayout(self)
        self.total_label = QLabel()
        self.total_label.setStyleSheet("font-size: 20px; font-weight: bold; padding: 0 12px")
        self.layout_.addWidget(self.total_label)
        self.bars_box = QHBoxLayout()
        self.layout_.addLayout(self.bars_box, 1)
        self.bars: dict[str, QProgressBar] = {}

    def show_sheet(self, sheet: ScoreSheet) -> None:
        self.total_label.setText(
            QCoreApplication.translate("SummaryStrip", "Total %1 · %2")
            .replace("%1", fmt2(sheet.total))
            .replace("%2", sheet.grade)
        )
        codes = [g.code for g in sheet.level1]
        if list(self.bars) != codes:
            while self.bars_box.count():
                item = self.bars_box.takeAt(0)
                if item.widget():
                    item.widget().deleteLater()
            self.bars = {}
            for group in sheet.level1:
                column = QVBoxLayout()
                bar = QProgressBar()
                bar.setTextVisible(True)
                bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
                bar.setMinimumWidth(140)
                holder = QWidget()
                holder.setLayout(column)
                column.setContentsMargins(2, 0, 2, 0)
                column.addWidget(bar)
                self.bars_box.addWidget(holder)
                self.bars[group.code] = bar
        for group in sheet.level1:
            bar = self.bars[group.code]
            bar.setMaximum(max(int(group.weight * 100), 1))
            bar.setValue(int(group.score * 100))
            bar.setFormat(f"{group.code} {group.name} {fmt2(group.score)}/{fmt2(group.weight)}")
            bar.setToolTip(bar.format())

    def total_text(self) -> str:
        return self.total_label.text()
