"""The indicator editor's tree: the hierarchy shown, selected and restructured."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QTreeWidgetItem,
)

from jixiao.core.model import Indicator, IndicatorSystem
from jixiao.core.numbers import ZERO, fmt_points
from jixiao.core.rules import (
    BinaryRule,
)
from jixiao.ui.dialogs.indicator_editor_common import (
    COL_CODE,
    COL_NAME,
    COL_RULE,
    COL_WEIGHT,
    _descendants,
    short_rule_names,
)


class _EditorTree:
    """Part of IndicatorEditorDialog; mixed into it, not used alone."""

    # ------------------------------------------------------------------ tree
    def system(self) -> IndicatorSystem:
        """The edited system (a copy)."""
        return copy.deepcopy(self._system)

    def _rebuild_tree(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        self._nodes.clear()

        def add(node: Indicator, parent: QTreeWidgetItem | None) -> None:
            item = QTreeWidgetItem()
            item.setData(COL_CODE, Qt.ItemDataRole.UserRole, id(node))
            self._items[id(node)] = item
            self._nodes[id(node)] = node
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._update_item(node)
            for child in node.children:
                add(child, item)

        for root in self._system.roots:
            add(root, None)
        self.tree.expandAll()
        self.tree.blockSignals(False)

    def _update_item(self, node: Indicator) -> None:
        item = self._items.get(id(node))
        if item is None:
            return
        item.setText(COL_CODE, node.code)
        item.setText(COL_NAME, node.name)
        item.setText(COL_WEIGHT, fmt_points(node.weight))
        item.setTextAlignment(
            COL_WEIGHT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        item.setText(
            COL_RULE,
            short_rule_names().get(node.rule.kind, "") if node.rule and node.is_leaf else "",
        )

    def node_for(self, code: str) -> Indicator | None:
        return next((node for _, node, _ in self._system.walk() if node.code == code), None)

    def select(self, code: str) -> None:
        node = self.node_for(code)
        if node is not None:
            self.tree.setCurrentItem(self._items[id(node)])

    def current(self) -> Indicator | None:
        return self._current

    def _siblings(self, node: Indicator) -> tuple[list[Indicator], Indicator | None]:
        """The list holding ``node`` and its parent (None for a level-1 indicator)."""
        for _, candidate, _ in self._system.walk():
            if any(c is node for c in candidate.children):
                return candidate.children, candidate
        return self._system.roots, None

    def _level(self, node: Indicator) -> int:
        return next((level for level, n, _ in self._system.walk() if n is node), 1)

    def _selection_changed(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        node = (
            self._nodes.get(item.data(COL_CODE, Qt.ItemDataRole.UserRole))
            if item is not None
            else None
        )
        self._load_form(node)

    def _after_structure_change(self, keep: Indicator | None) -> None:
        for _, node, _ in self._system.walk():
            self._fix_rule(node)
        self._rebuild_tree()
        if keep is not None and id(keep) in self._items:
            self.tree.setCurrentItem(self._items[id(keep)])
        else:
            first = self.tree.topLevelItem(0)
            if first is not None:
                self.tree.setCurrentItem(first)
            else:
                self._load_form(None)
        self._load_form(self._current)
        self._validate()

    def _fix_rule(self, node: Indicator) -> None:
        """Groups carry no rule; a group that becomes a leaf gets its old rule back."""
        if node.children and node.rule is not None:
            self._stashed_rules[id(node)] = node.rule
            node.rule = None
        elif not node.children and node.rule is None:
            node.rule = self._stashed_rules.pop(id(node), None) or BinaryRule()

    def _unique_code(self, prefix: str, start: int) -> str:
        codes = {n.code for _, n, _ in self._system.walk()}
        if not prefix:
            for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
                if letter not in codes:
                    return letter
        number = start
        while f"{prefix}{number}" in codes:
            number += 1
        return f"{prefix}{number}"

    def _new_node(self, parent: Indicator | None, siblings: list[Indicator]) -> Indicator:
        code = self._unique_code(parent.code if parent else "", len(siblings) + 1)
        return Indicator(
            code=code,
            name=QCoreApplication.translate("IndicatorEditor", "New indicator"),
            weight=ZERO,
        )

    def add_sibling(self) -> None:
        node = self._current
        if node is None:
            new = self._new_node(None, self._system.roots)
            self._system.roots.append(new)
        else:
            siblings, parent = self._siblings(node)
            new = self._new_node(parent, siblings)
            siblings.insert(siblings.index(node) + 1, new)
        self._after_structure_change(new)
        self.code_edit.setFocus()

    def add_child(self) -> None:
        node = self._current
        if node is None:
            self.add_sibling()
            return
        new = self._new_node(node, node.children)
        if not node.children:
            # The first sub-indicator inherits the group's weight: the sums stay right.
            new.weight = node.weight
        node.children.append(new)
        self._after_structure_change(new)
        self.code_edit.setFocus()

    def remove_current(self) -> None:
        node = self._current
        if node is None:
            return
        if node.children and not self.confirm(
            QCoreApplication.translate("IndicatorEditor", "Remove indicator"),
            QCoreApplication.translate(
                "IndicatorEditor", "Remove {code} {name} and its {count} sub-indicators?"
            ).format(code=node.code, name=node.name, count=sum(1 for _ in _descendants(node))),
        ):
            return
        siblings, parent = self._siblings(node)
        index = next(i for i, n in enumerate(siblings) if n is node)
        siblings.pop(index)
        following = siblings[min(index, len(siblings) - 1)] if siblings else parent
        self._after_structure_change(following)

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, step: int) -> None:
        node = self._current
        if node is None:
            return
        siblings, _ = self._siblings(node)
        index = next(i for i, n in enumerate(siblings) if n is node)
        target = index + step
        if 0 <= target < len(siblings):
            siblings[index], siblings[target] = siblings[target], siblings[index]
            self._after_structure_change(node)

    def indent(self) -> None:
        """Make the node the last sub-indicator of its previous sibling."""
        node = self._current
        if node is None:
            return
        siblings, _ = self._siblings(node)
        index = next(i for i, n in enumerate(siblings) if n is node)
        if index == 0:
            return
        siblings.pop(index)
        siblings[index - 1].children.append(node)
        self._after_structure_change(node)

    def outdent(self) -> None:
        """Move the node out of its parent, just after it."""
        node = self._current
        if node is None:
            return
        siblings, parent = self._siblings(node)
        if parent is None:
            return
        grand_siblings, _ = self._siblings(parent)
        siblings.pop(next(i for i, n in enumerate(siblings) if n is node))
        position = next(i for i, n in enumerate(grand_siblings) if n is parent)
        grand_siblings.insert(position + 1, node)
        self._after_structure_change(node)
