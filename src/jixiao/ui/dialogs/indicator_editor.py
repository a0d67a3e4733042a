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

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QTreeWidgetItem,
    QWidget,
)

from jixiao.core.evaluate import check_input, effective_input
from jixiao.core.model import Indicator, IndicatorSystem
from jixiao.core.rules import (
    InputError,
    Rule,
)
from jixiao.core.templates import TemplateProblem, validate_system
from jixiao.ui.commands.system import ReplaceSystemCommand, _carry  # noqa: F401 (moved; kept importable)
from jixiao.ui.context import TabContext
from jixiao.ui.dialogs.indicator_editor_checks import _EditorChecks
from jixiao.ui.dialogs.indicator_editor_common import (  # noqa: F401
    COL_CODE,
    COL_NAME,
    COL_RULE,
    COL_WEIGHT,
    ERROR_STYLE,
    FATAL_COLOR,
    WARNING_COLOR,
    _cell,
    _descendants,
    _error_label,
    _show,
    _truthy,
    na_policy_names,
    rule_names,
    short_rule_names,
)
from jixiao.ui.dialogs.indicator_editor_form import _EditorForm
from jixiao.ui.dialogs.indicator_editor_layout import _EditorLayout
from jixiao.ui.dialogs.indicator_editor_tree import _EditorTree
from jixiao.ui.operations import run_op


class IndicatorEditorDialog(_EditorLayout, _EditorTree, _EditorForm, _EditorChecks, QDialog):
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


def open_indicator_editor(ctx: TabContext, parent: QWidget | None = None) -> bool:
    """Edit the open evaluation's indicator system; True when a new system was saved."""
    dialog = IndicatorEditorDialog(ctx.ef.system(), ctx=ctx, parent=parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


__all__ = ["IndicatorEditorDialog", "ReplaceSystemCommand", "open_indicator_editor"]
