"""Undoable writes of the national form's fields (the one op base: jixiao.ui.operations):
the evaluation properties (主管部门, 评价日期, 项目资金, 执行率口径, …) and the per-indicator
texts 实际完成值 / 偏差原因. Both announce ``What.META``, so the score sheet, its warnings and
the PDF dialog follow the write, its undo and its redo alike."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jixiao.core.national_form import (
    DENOMINATOR_SETTING,
    DENOMINATOR_WORDS,
    SETTING_PREFIX,
    NationalForm,
)
from jixiao.core.national_form import normalise as normalise_value
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.storage.national_form import IndicatorNote, set_note, set_values
from jixiao.ui.context import TabContext, What
from jixiao.ui.operations import UndoableOp

PROPERTIES_REASON = "评价属性"


def stored_values(ef: EvaluationFile, keys: list[str]) -> dict[str, str]:
    """The stored value of each `set` key, written the way `set` takes it back."""
    words = {key: word for word, key in DENOMINATOR_WORDS.items()}
    out = {}
    for key in keys:
        if key == "执行率口径":
            out[key] = words.get(ef.execution_denominator, "")
        else:
            out[key] = ef.get_setting(SETTING_PREFIX + key, "")
    return out


def changed_values(ef: EvaluationFile, values: dict[str, str]) -> dict[str, str]:
    """The values that differ from what is stored (raises FormError on a bad one)."""
    old = stored_values(ef, list(values))
    out = {}
    for key, value in values.items():
        setting, stored = normalise_value(key, value)
        current = ef.execution_denominator if setting == DENOMINATOR_SETTING else old[key]
        if key == "资金单位" and not current:
            current = NationalForm().money_unit  # not stored: the default
        if stored != current:
            out[key] = value
    return out


class SetFormValuesCommand(UndoableOp):
    """Several evaluation properties as one step (the properties dialog's OK)."""

    what = What.META

    def __init__(self, ctx: TabContext, values: dict[str, str]):
        super().__init__(
            ctx,
            QCoreApplication.translate("NationalFormCommands", "Edit evaluation properties"),
            PROPERTIES_REASON,
        )
        self.new = dict(values)
        self.old = stored_values(ctx.ef, list(values))

    def do(self) -> None:
        set_values(self.ef, self.new, self.reason)

    def revert(self) -> None:
        set_values(self.ef, self.old, "撤销：" + self.reason)


class SetNoteCommand(UndoableOp):
    """实际完成值 / 偏差原因 of one level-3 indicator."""

    what = What.META

    def __init__(self, ctx: TabContext, code: str, old: IndicatorNote, new: IndicatorNote):
        super().__init__(
            ctx,
            QCoreApplication.translate("NationalFormCommands", "Edit texts of %1").replace(
                "%1", code
            ),
        )
        self.code, self.old, self.new = code, old, new

    def do(self) -> None:
        set_note(self.ef, self.code, self.new, self.reason)

    def revert(self) -> None:
        set_note(self.ef, self.code, self.old, "撤销")
