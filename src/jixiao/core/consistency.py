"""Sheets that disagree with themselves: the warnings shown wherever a score sheet is shown
(score tab, `jixiao score` / `evaluate`, the PDF export dialog) and that a signed export must
confirm.

Published sheets do carry such faults (weights adding to 110, a printed total that is not the
sum of its items); the program reproduces them, but never silently.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.evaluate import ScoreSheet
from jixiao.core.model import IndicatorSystem
from jixiao.core.numbers import fmt2
from jixiao.core.templates import validate_system


def sheet_warnings(
    system: IndicatorSystem, sheet: ScoreSheet, published_total: Decimal | None = None
) -> list[str]:
    """Every self-consistency warning, in a fixed order, each naming the indicator."""
    warnings = [str(p) for p in validate_system(system) if not p.fatal]
    warnings += list(sheet.problems)
    weight_total = sum((i.weight for i in sheet.indicators), Decimal(0))
    if sheet.indicators and weight_total != Decimal(100) and not any("合计" in w for w in warnings):
        warnings.append(f"评分表分值合计 {fmt2(weight_total)}，不等于 100")
    if published_total is not None and published_total != sheet.total:
        warnings.append(
            f"公布的总分 {fmt2(published_total)} 不等于各项得分之和 {fmt2(sheet.total)}"
            "（评分表按各项得分之和打印）"
        )
    return warnings
