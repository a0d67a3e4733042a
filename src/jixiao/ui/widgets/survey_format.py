"""Small formatting helpers shared by the survey tab and its mapping dialog."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QTableWidgetItem,
)

from jixiao.core import survey as core


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
