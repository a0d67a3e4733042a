"""The score sheet as a tree: level-1 → level-2 → level-3 indicators with their scores."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from jixiao.core.evaluate import (
    STATUS_ERROR,
    STATUS_MISSING,
    STATUS_NA,
    STATUS_OVERRIDDEN,
    ScoreSheet,
)
from jixiao.core.model import Indicator, IndicatorSystem
from jixiao.core.numbers import fmt2

(
    COL_CODE,
    COL_TARGET,
    COL_WEIGHT,
    COL_INPUT,
    COL_COMPUTED,
    COL_SCORE,
    COL_REASON,
    COL_EVIDENCE,
    COL_CRITERIA,
) = range(9)
# The columns a user checks most (scores, reasons) come first; the long criteria text last
# (it is shown whole in the editor and on hover).
HEADERS = [
    QT_TRANSLATE_NOOP("ScoreModel", "Indicator"),
    QT_TRANSLATE_NOOP("ScoreModel", "Target"),
    QT_TRANSLATE_NOOP("ScoreModel", "Weight"),
    QT_TRANSLATE_NOOP("ScoreModel", "Input"),
    QT_TRANSLATE_NOOP("ScoreModel", "Computed"),
    QT_TRANSLATE_NOOP("ScoreModel", "Score"),
    QT_TRANSLATE_NOOP("ScoreModel", "Reason for deduction"),
    QT_TRANSLATE_NOOP("ScoreModel", "Evidence"),
    QT_TRANSLATE_NOOP("ScoreModel", "Scoring criteria"),
]
CODE_ROLE = Qt.ItemDataRole.UserRole + 1

OVERRIDE_BRUSH = QBrush(QColor("#fff3cd"))
ERROR_BRUSH = QBrush(QColor("#f8d7da"))
GROUP_BRUSH = QBrush(QColor("#eef3f8"))


@dataclass
class _Node:
    indicator: Indicator
    level: int
    parent: _Node | None
    row: int
    children: list[_Node] = field(default_factory=list)


class ScoreModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._roots: list[_Node] = []
        self._sheet: ScoreSheet | None = None
        self._inputs_text: dict[str, str] = {}
        self._missing_evidence: set[str] = set()

    # -------------------------------------------------------------- loading
    def load(
        self,
        system: IndicatorSystem,
        sheet: ScoreSheet,
        inputs_text: dict[str, str],
        missing_evidence: set[str] | None = None,
    ) -> None:
        self.beginResetModel()

        def build(ind: Indicator, level: int, parent: _Node | None, row: int) -> _Node:
            node = _Node(ind, level, parent, row)
            node.children = [build(c, level + 1, node, i) for i, c in enumerate(ind.children)]
            return node

        self._roots = [build(r, 1, None, i) for i, r in enumerate(system.roots)]
        self._sheet = sheet
        self._inputs_text = inputs_text
        self._missing_evidence = missing_evidence or set()
        self.endResetModel()

    def update_scores(
        self,
        sheet: ScoreSheet,
        inputs_text: dict[str, str],
        missing_evidence: set[str] | None = None,
    ) -> None:
        """Same tree, new numbers: keeps selection and expansion."""
        self._sheet = sheet
        self._inputs_text = inputs_text
        if missing_evidence is not None:
            self._missing_evidence = missing_evidence
        self._emit_all_changed(QModelIndex())

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(
                self.index(0, 0, parent), self.index(rows - 1, len(HEADERS) - 1, parent)
            )
            for r in range(rows):
                self._emit_all_changed(self.index(r, 0, parent))

    # -------------------------------------------------------------- tree plumbing
    def _node(self, index: QModelIndex | QPersistentModelIndex) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()
    ) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        siblings = self._node(parent).children if parent.isValid() else self._roots
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid():
            if parent.column() != 0:
                return 0
            return len(self._node(parent).children)
        return len(self._roots)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ScoreModel", HEADERS[section])
        return None

    def index_for_code(self, code: str) -> QModelIndex:
        def find(nodes: list[_Node], parent: QModelIndex) -> QModelIndex:
            for node in nodes:
                idx = self.index(node.row, 0, parent)
                if node.indicator.code == code:
                    return idx
                found = find(node.children, idx)
                if found.isValid():
                    return found
            return QModelIndex()

        return find(self._roots, QModelIndex())

    # -------------------------------------------------------------- data
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        node = self._node(index)
        if node is None or self._sheet is None:
            return None
        ind, col = node.indicator, index.column()
        leaf = ind.is_leaf
        score = self._sheet.by_code().get(ind.code) if leaf else None
        group = None if leaf else self._sheet.group(ind.code)
        if role == CODE_ROLE:
            return ind.code
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_CODE:
                return f"{ind.code} {ind.name}"
            if col == COL_TARGET:
                return ind.target
            if col == COL_WEIGHT:
                return fmt2(score.weight if score else (group.weight if group else ind.weight))
            if col == COL_CRITERIA:
                return ind.criteria.replace("\n", " ")
            if col == COL_INPUT:
                return self._inputs_text.get(ind.code, "")
            if col == COL_COMPUTED:
                return fmt2(score.computed) if score and score.computed is not None else ""
            if col == COL_SCORE:
                if score:
                    return fmt2(score.score)
                return fmt2(group.score) if group else ""
            if col == COL_REASON:
                return score.reason if score else ""
            if col == COL_EVIDENCE:
                return (
                    QCoreApplication.translate("ScoreModel", "Missing")
                    if leaf and ind.code in self._missing_evidence
                    else ""
                )
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_CRITERIA and ind.criteria:
                return ind.criteria
            if col in (COL_SCORE, COL_COMPUTED) and score and score.status == STATUS_OVERRIDDEN:
                return (
                    QCoreApplication.translate(
                        "ScoreModel", "Adjusted by a person (computed %1): %2"
                    )
                    .replace("%1", fmt2(score.computed) if score.computed is not None else "—")
                    .replace("%2", score.reason)
                )
            if score and score.detail and col in (COL_INPUT, COL_COMPUTED):
                return score.detail
            if col == COL_REASON and score:
                return score.reason
            if col == COL_EVIDENCE and ind.code in self._missing_evidence:
                return QCoreApplication.translate(
                    "ScoreModel", "Some required evidence is missing for this indicator"
                )
        if role == Qt.ItemDataRole.BackgroundRole:
            if score and score.status == STATUS_OVERRIDDEN and col in (COL_SCORE, COL_COMPUTED):
                return OVERRIDE_BRUSH
            if score and score.status == STATUS_ERROR:
                return ERROR_BRUSH
            if not leaf:
                return GROUP_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole:
            if (
                score
                and score.status in (STATUS_MISSING, STATUS_NA)
                and col in (COL_SCORE, COL_REASON)
            ):
                return QBrush(QColor("#888888"))
            if col == COL_EVIDENCE:
                return QBrush(QColor("#b02a37"))
        overridden = score is not None and score.status == STATUS_OVERRIDDEN
        if role == Qt.ItemDataRole.FontRole and (
            (not leaf and col in (COL_CODE, COL_SCORE)) or (overridden and col == COL_SCORE)
        ):
            font = QFont()
            font.setBold(True)
            if overridden:
                font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            COL_WEIGHT,
            COL_COMPUTED,
            COL_SCORE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
