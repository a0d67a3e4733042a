"""Constants and small helpers shared by the parts of the indicator editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QTableWidget,
)

from jixiao.core.model import NA_AWARD, NA_RESCALE, Indicator

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


def _truthy(value: Any) -> bool:
    return value is True or value in ("true", "是", 1, "1")


def _descendants(node: Indicator):
    for child in node.children:
        yield child
        yield from _descendants(child)
