"""The indicator editor's validation: problems listed, fields marked, OK enabled."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QListWidgetItem,
)

from jixiao.core.numbers import ZERO, fmt_points
from jixiao.core.rules import (
    BandsRule,
    RateRule,
)
from jixiao.core.templates import validate_system
from jixiao.export.template_xlsx import plain, value_text
from jixiao.ui.dialogs.indicator_editor_common import (
    FATAL_COLOR,
    WARNING_COLOR,
    _show,
)


class _EditorChecks:
    """Part of IndicatorEditorDialog; mixed into it, not used alone."""

    # ------------------------------------------------------------------ validation
    def _validate(self) -> None:
        self.problems = validate_system(self._system)
        self.problem_list.clear()
        for problem in self.problems:
            item = QListWidgetItem(("✖ " if problem.fatal else "⚠ ") + str(problem))
            item.setForeground(QBrush(FATAL_COLOR if problem.fatal else WARNING_COLOR))
            item.setData(Qt.ItemDataRole.UserRole, problem.code)
            self.problem_list.addItem(item)
        fatal = sum(1 for p in self.problems if p.fatal)
        if not self.problems:
            self.problems_label.setText(
                QCoreApplication.translate("IndicatorEditor", "No problems: weights add up to 100.")
            )
        else:
            self.problems_label.setText(
                QCoreApplication.translate(
                    "IndicatorEditor", "Problems: {errors} errors, {warnings} warnings"
                ).format(errors=fatal, warnings=len(self.problems) - fatal)
            )
        flagged = {p.code for p in self.problems}
        for _, node, _ in self._system.walk():
            item = self._items.get(id(node))
            if item is not None:
                color = FATAL_COLOR if node.code in flagged else None
                for col in range(4):
                    item.setForeground(col, QBrush(color) if color else QBrush())
        self._show_field_messages()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(fatal == 0 and not self._field_errors and not self._grades_error)

    def _show_field_messages(self) -> None:
        node = self._current
        if node is None:
            for label in (self.code_error, self.weight_error, self.rule_error):
                _show(label, [])
            return
        code_messages = []
        if not node.code:
            code_messages.append(
                QCoreApplication.translate("IndicatorEditor", "Every indicator needs a code.")
            )
        elif sum(1 for _, n, _ in self._system.walk() if n.code == node.code) > 1:
            code_messages.append(
                QCoreApplication.translate(
                    "IndicatorEditor", "Code {code} is already used by another indicator."
                ).format(code=node.code)
            )
        _show(self.code_error, code_messages)

        weight_messages = []
        if "weight" in self._field_errors:
            weight_messages.append(self._weight_parse_error)
        else:
            siblings, parent = self._siblings(node)
            total = sum((n.weight for n in siblings), ZERO)
            if parent is None and total != 100:
                weight_messages.append(
                    QCoreApplication.translate(
                        "IndicatorEditor", "Level-1 weights add up to {total}, not 100."
                    ).format(total=fmt_points(total))
                )
            elif parent is not None and total != parent.weight:
                weight_messages.append(
                    QCoreApplication.translate(
                        "IndicatorEditor", "Weights under {code} add up to {total}, not {weight}."
                    ).format(
                        code=parent.code, total=fmt_points(total), weight=fmt_points(parent.weight)
                    )
                )
            if node.children:
                below = sum((c.weight for c in node.children), ZERO)
                if below != node.weight:
                    weight_messages.append(
                        QCoreApplication.translate(
                            "IndicatorEditor", "Its sub-indicators add up to {total}."
                        ).format(total=fmt_points(below))
                    )
            if node.weight < 0:
                weight_messages.append(
                    QCoreApplication.translate("IndicatorEditor", "A weight cannot be negative.")
                )
        _show(self.weight_error, weight_messages)

        rule_messages = []
        if "rule" in self._field_errors:
            rule_messages.append(self._rule_parse_error)
        elif node.is_leaf and node.rule is not None:
            rule_messages.extend(node.rule.check(node.weight))
            rule = node.rule
            # "90" typed for 90% is 9000%: the most likely slip in a percentage field.
            if isinstance(rule, RateRule) and rule.unit == "%" and rule.target > 1:
                rule_messages.append(
                    QCoreApplication.translate(
                        "IndicatorEditor",
                        "A target of {value} means {percent}; write {suggestion} for a percentage.",
                    ).format(
                        value=plain(rule.target),
                        percent=value_text(rule.target, "%"),
                        suggestion=plain(rule.target) + "%",
                    )
                )
            if (
                isinstance(rule, BandsRule)
                and rule.unit == "%"
                and any(b.minimum > 1 for b in rule.bands)
            ):
                rule_messages.append(
                    QCoreApplication.translate(
                        "IndicatorEditor",
                        "A lower bound above 1 is more than 100%; write percentages as 90%.",
                    )
                )
        _show(self.rule_error, rule_messages)

    def _update_buttons(self) -> None:
        node = self._current
        has = node is not None
        siblings, parent = self._siblings(node) if node is not None else ([], None)
        index = next((i for i, n in enumerate(siblings) if n is node), -1)
        self.add_child_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and index > 0)
        self.down_button.setEnabled(has and 0 <= index < len(siblings) - 1)
        self.indent_button.setEnabled(has and index > 0)
        self.outdent_button.setEnabled(has and parent is not None)

    def _problem_activated(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if code:
            self.select(code)
