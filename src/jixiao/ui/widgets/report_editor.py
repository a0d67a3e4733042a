"""The report tab's text widgets: an editor that highlights ``{{figure}}`` references and
shows a figure's current value when the pointer rests on it, and the preview's HTML."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from jixiao.core.report_model import RenderedSection
from jixiao.core.report_text import REFERENCE

FIGURE_BG = "#FFF3B0"
MISSING_BG = "#FFCDD2"


class FigureHighlighter(QSyntaxHighlighter):
    """Marks ``{{figure}}`` references: what the program fills in from the data."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self.pattern = QRegularExpression(r"\{\{[^{}]+\}\}")
        self.fmt = QTextCharFormat()
        self.fmt.setBackground(QColor(FIGURE_BG))
        self.fmt.setForeground(QColor("#7A4B00"))

    def highlightBlock(self, text: str) -> None:
        it = self.pattern.globalMatch(text)
        while it.hasNext():
            m = it.next()
            self.setFormat(m.capturedStart(), m.capturedLength(), self.fmt)


class ReportEditor(QPlainTextEdit):
    """Plain text with highlighted references; hovering one shows what it stands for now."""

    def __init__(self, describe: Callable[[str], str]):
        super().__init__()
        self.describe = describe
        self.highlighter = FigureHighlighter(self.document())

    def reference_at(self, pos) -> str | None:
        cursor = self.cursorForPosition(pos)
        text, column = cursor.block().text(), cursor.positionInBlock()
        for match in REFERENCE.finditer(text):
            if match.start() <= column <= match.end():
                return match.group(1).strip()
        return None

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            key = self.reference_at(event.pos())
            if key is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.describe(key), self.viewport())
            return True
        return super().viewportEvent(event)


def section_html(section: RenderedSection) -> str:
    parts = []
    if section.heading:
        size = {1: "15pt", 2: "14pt"}.get(section.level, "13pt")
        parts.append(
            f"<p style='font-size:{size}; font-weight:bold'>{html.escape(section.heading)}</p>"
        )
    for para in section.paragraphs:
        spans = []
        for seg in para.segments:
            text = html.escape(seg.text)
            if seg.missing:
                spans.append(f"<span style='background:{MISSING_BG}'>{text}</span>")
            elif seg.stale:
                spans.append(
                    f"<span style='background:{MISSING_BG}; color:#B00020;"
                    f" text-decoration:underline'>{text}</span>"
                )
            elif seg.figure:
                spans.append(
                    f"<span style='background:{FIGURE_BG}' title='{seg.figure}'>{text}</span>"
                )
            else:
                spans.append(text)
        weight = "bold" if para.heading_level else "normal"
        indent = "" if para.heading_level else "text-indent:2em;"
        parts.append(f"<p style='{indent} font-weight:{weight}'>{''.join(spans)}</p>")
    return "".join(parts)
