"""The indicator editor's form: one indicator's fields and rule, read and written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from jixiao.core.errors import UserError
from jixiao.core.model import Indicator
from jixiao.core.numbers import NumberError, parse_decimal
from jixiao.core.rules import (
    BandsRule,
    ChecklistRule,
    DeductionRule,
    RateRule,
    Rule,
    RuleFormatError,
    rule_from_json,
)
from jixiao.export.template_xlsx import plain, value_text
from jixiao.importers.template_xlsx import parse_grades
from jixiao.ui.dialogs.indicator_editor_common import (
    _cell,
    _show,
)


class _EditorForm:
    """Part of IndicatorEditorDialog; mixed into it, not used alone."""

    # ------------------------------------------------------------------ form
    def _load_form(self, node: Indicator | None) -> None:
        self._current = node
        self._field_errors = []
        self._loading = True
        try:
            self.details.setEnabled(node is not None)
            for edit in (self.code_edit, self.name_edit, self.target_edit, self.weight_edit):
                edit.clear()
            self.criteria_edit.clear()
            self.evidence_edit.clear()
            self._load_rule(None)
            if node is not None:
                self.code_edit.setText(node.code)
                self.name_edit.setText(node.name)
                self.target_edit.setText(node.target)
                self.weight_edit.setText(plain(node.weight))
                self.criteria_edit.setPlainText(node.criteria)
                self.evidence_edit.setPlainText("\n".join(node.evidence))
                self._load_rule(node.rule)
            leaf = node is not None and node.is_leaf
            self.rule_box.setVisible(leaf)
            self.group_note.setVisible(node is not None and not leaf)
        finally:
            self._loading = False
        self._update_buttons()
        self._show_field_messages()

    def _load_rule(self, rule: Rule | None) -> None:
        kind = rule.kind if rule is not None else "binary"
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.pages.setCurrentIndex(self._page_index[kind])
        self.label_edit.setText(rule.label if rule else "")
        source = rule.source if rule else ""
        index = self.source_combo.findData(source)
        if index < 0 and source:
            # A source this version does not list (newer template): keep it selectable.
            self.source_combo.addItem(source, source)
            index = self.source_combo.count() - 1
        self.source_combo.setCurrentIndex(max(0, index))
        self.items_table.setRowCount(0)
        self.bands_table.setRowCount(0)
        self.rate_target.setText("100%")
        self.rate_direction.setCurrentIndex(0)
        self.rate_unit.setText("%")
        self.deduction_per.setText("0.5")
        self.bands_unit.setText("%")
        if isinstance(rule, ChecklistRule):
            for item in rule.items:
                self._add_table_row(
                    self.items_table,
                    [item.text, plain(item.points) if item.points is not None else ""],
                )
        elif isinstance(rule, RateRule):
            self.rate_target.setText(value_text(rule.target, rule.unit))
            self.rate_direction.setCurrentIndex(0 if rule.higher_is_better else 1)
            self.rate_unit.setText(rule.unit)
        elif isinstance(rule, DeductionRule):
            self.deduction_per.setText(plain(rule.per))
        elif isinstance(rule, BandsRule):
            self.bands_unit.setText(rule.unit)
            for band in rule.bands:
                self._add_table_row(
                    self.bands_table, [value_text(band.minimum, rule.unit), plain(band.points)]
                )

    def _kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        self.pages.setCurrentIndex(self._page_index[kind])
        if not self._loading and kind in ("checklist", "bands"):
            table = self.items_table if kind == "checklist" else self.bands_table
            if table.rowCount() == 0:
                # Start the user off with one empty row to type into.
                self._add_table_row(table, ["", ""])
                return
        self._form_changed()

    def _rule_from_form(self) -> Rule:
        kind = self.kind_combo.currentData()
        data: dict[str, Any] = {
            "kind": kind,
            "label": self.label_edit.text().strip(),
            "source": self.source_combo.currentData() or "",
        }
        if kind == "checklist":
            items = []
            for row in range(self.items_table.rowCount()):
                text, points = _cell(self.items_table, row, 0), _cell(self.items_table, row, 1)
                if text or points:
                    items.append({"text": text, "points": points} if points else {"text": text})
            data["items"] = items
        elif kind == "rate":
            unit = self.rate_unit.text().strip() or "%"
            data.update(
                target=self.rate_target.text().strip() or "",
                unit=unit,
                direction=self.rate_direction.currentData(),
            )
            if not data["target"]:
                raise RuleFormatError(
                    QCoreApplication.translate("IndicatorEditor", "Enter the target.")
                )
        elif kind == "deduction":
            data["per"] = self.deduction_per.text().strip()
            if not data["per"]:
                raise RuleFormatError(
                    QCoreApplication.translate(
                        "IndicatorEditor", "Enter the points deducted per finding."
                    )
                )
        elif kind == "bands":
            bands = []
            for row in range(self.bands_table.rowCount()):
                low, points = _cell(self.bands_table, row, 0), _cell(self.bands_table, row, 1)
                if low or points:
                    if not low or not points:
                        raise RuleFormatError(
                            QCoreApplication.translate(
                                "IndicatorEditor",
                                "Band {row}: enter both the lower bound and the points.",
                            ).format(row=row + 1)
                        )
                    bands.append({"min": low, "points": points})
            data["bands"] = bands
            data["unit"] = self.bands_unit.text().strip() or "%"
        return rule_from_json(data)

    def _form_changed(self, *_args: object) -> None:
        if self._loading or self._current is None:
            return
        node = self._current
        errors: list[str] = []
        node.code = self.code_edit.text().strip()
        node.name = self.name_edit.text().strip()
        node.target = self.target_edit.text().strip()
        node.criteria = self.criteria_edit.toPlainText().strip()
        node.evidence = [
            line.strip() for line in self.evidence_edit.toPlainText().splitlines() if line.strip()
        ]
        self._weight_parse_error = ""
        try:
            node.weight = parse_decimal(
                self.weight_edit.text(),
                what=QCoreApplication.translate("IndicatorEditor", "Weight"),
            )
        except NumberError as exc:
            self._weight_parse_error = str(exc)
            errors.append("weight")
        self._rule_parse_error = ""
        if node.is_leaf:
            try:
                node.rule = self._rule_from_form()
            except (RuleFormatError, NumberError) as exc:
                self._rule_parse_error = str(exc)
                errors.append("rule")
        self._field_errors = errors
        self._update_item(node)
        self._validate()

    def _system_fields_changed(self) -> None:
        self._system.title = self.system_title.text().strip()
        self._system.name = self.system_name.text().strip()
        self._system.na_policy = self.na_policy.currentData()
        try:
            self._system.grades = parse_grades(self.grades_edit.text())
            self._grades_error = ""
        except UserError as exc:
            self._grades_error = str(exc)
        _show(self.grades_error, [self._grades_error] if self._grades_error else [])
        self._validate()
