"""A small horizontal bar chart: one bar per answer with its count and share.

Painted with QPainter (no QtCharts: it is not in PySide6-Essentials). Highlighted bars
(e.g. the answers counted as satisfied) are drawn in the accent colour.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

SATISFIED_COLOUR = QColor("#2e7d32")
OTHER_COLOUR = QColor("#90a4ae")
EXCLUDED_COLOUR = QColor("#d7ccc8")


class BarChart(QWidget):
    ROW = 22

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._bars: list[
            tuple[str, int, str]
        ] = []  # (label, count, "satisfied" | "other" | "excluded")
        self._title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(80)

    def set_data(self, bars: list[tuple[str, int, str]], title: str = "") -> None:
        self._bars = list(bars)
        self._title = title
        self.setMinimumHeight(self._needed_height())
        self.updateGeometry()
        self.update()

    def bars(self) -> list[tuple[str, int, str]]:
        return list(self._bars)

    def _needed_height(self) -> int:
        return 16 + (self.ROW if self._title else 0) + self.ROW * max(len(self._bars), 1)

    def sizeHint(self) -> QSize:
        return QSize(420, self._needed_height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        metrics = QFontMetrics(self.font())
        y = 8
        if self._title:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(8, y, self.width() - 16, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, self.width() - 16),
            )
            y += self.ROW
        if not self._bars:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                QRectF(8, y, self.width() - 16, self.ROW), Qt.AlignmentFlag.AlignVCenter, "—"
            )
            painter.end()
            return
        total = sum(count for _, count, _ in self._bars) or 1
        top = max(count for _, count, _ in self._bars) or 1
        label_w = min(
            max(metrics.horizontalAdvance(label) for label, _, _ in self._bars) + 12,
            self.width() // 3,
        )
        value_w = metrics.horizontalAdvance("100,000 (100.0%)") + 12
        bar_area = max(self.width() - label_w - value_w - 16, 20)
        for label, count, state in self._bars:
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(8, y, label_w - 8, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, label_w - 8),
            )
            width = bar_area * count / top
            colour = {"satisfied": SATISFIED_COLOUR, "excluded": EXCLUDED_COLOUR}.get(
                state, OTHER_COLOUR
            )
            painter.fillRect(QRectF(8 + label_w, y + 4, max(width, 1), self.ROW - 8), colour)
            painter.drawText(
                QRectF(8 + label_w + width + 6, y, value_w, self.ROW),
                Qt.AlignmentFlag.AlignVCenter,
                f"{count:,} ({_share(count, total)}%)",
            )
            y += self.ROW
        painter.end()


def _share(count: int, total: int) -> str:
    """Share in percent with one decimal, half-up like every other figure of the program."""
    share = Decimal(count) * 100 / Decimal(total)
    return f"{share.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}"
