"""The score sheet (评分表): the indicator tree, an input editor, subtotals, total and grade."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.evaluate import effective_input, is_not_applicable
from jixiao.core.numbers import fmt_points
from jixiao.core.rules import InputError
from jixiao.storage.national_form import file_warnings
from jixiao.ui.context import Change, TabContext, What, as_change
from jixiao.ui.models.score_model import (
    CODE_ROLE,
    COL_CODE,
    COL_COMPUTED,
    COL_CRITERIA,
    COL_EVIDENCE,
    COL_INPUT,
    COL_REASON,
    COL_SCORE,
    COL_TARGET,
    COL_WEIGHT,
    ScoreModel,
)
from jixiao.ui.operations import run_op
from jixiao.ui.tabs.base import BaseTab
from jixiao.ui.undo_commands import SetInputCommand
from jixiao.ui.widgets.indicator_texts import IndicatorTexts, with_texts_below
from jixiao.ui.widgets.input_editor import InputEditor
from jixiao.ui.widgets.summary_strip import SummaryStrip
from jixiao.ui.widgets.warning_strip import WarningStrip


def input_summary(raw: dict[str, Any] | None, origin: str) -> str:
    """A short text of the input for the tree's 录入 column."""
    if not raw:
        return ""
    if is_not_applicable(raw):
        return QCoreApplication.translate("ScoreTab", "Not applicable")
    parts = []
    if "met" in raw:
        met = raw["met"]
        parts.append(
            f"{sum(map(bool, met))}/{len(met)}"
            if isinstance(met, list)
            else (
                QCoreApplication.translate("ScoreTab", "Met")
                if met
                else QCoreApplication.translate("ScoreTab", "Not met")
            )
        )
    if raw.get("numerator") not in (None, ""):
        parts.append(f"{raw['numerator']} / {raw.get('denominator', '')}")
    elif raw.get("value") not in (None, ""):
        parts.append(str(raw["value"]))
    if "count" in raw:
        parts.append(
            QCoreApplication.translate("ScoreTab", "%1 findings").replace("%1", str(raw["count"]))
        )
    if raw.get("level"):
        parts.append(str(raw["level"]))
    if raw.get("score") not in (None, "") and "level" not in raw:
        parts.append(str(raw["score"]))
    text = "，".join(parts)
    if origin == "derived":
        text = QCoreApplication.translate("ScoreTab", "auto: %1").replace("%1", text)
    return text


def missing_evidence_codes(ef) -> set[str]:
    try:
        from jixiao.storage.evidence import codes_with_missing_evidence
    except ImportError:
        return set()
    return set(codes_with_missing_evidence(ef))


class ScoreTab(BaseTab):
    export_pdf_requested = Signal()
    audit_log_requested = Signal()

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        self.summary = SummaryStrip()
        layout.addWidget(self.summary)
        self.warnings = WarningStrip()  # issue 16: sheets that disagree with themselves
        layout.addWidget(self.warnings)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.tree = QTreeView()
        self.model = ScoreModel(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        splitter.addWidget(self.tree)
        self.editor = InputEditor()
        self.editor.submitted_for.connect(self._submit)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        scroll.setMinimumWidth(360)
        self.texts = IndicatorTexts(ctx.ef)  # 实际完成值 / 偏差原因 of the national form
        self.texts.saved.connect(lambda _code: ctx.hub.announce(What.META))
        splitter.addWidget(with_texts_below(scroll, self.texts))
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([980, 400])
        layout.addWidget(splitter, 1)
        buttons = QHBoxLayout()
        self.audit_button = QPushButton(QCoreApplication.translate("ScoreTab", "Audit log…"))
        self.audit_button.clicked.connect(self.audit_log_requested)
        self.pdf_button = QPushButton(QCoreApplication.translate("ScoreTab", "Export PDF…"))
        self.pdf_button.clicked.connect(self.export_pdf_requested)
        buttons.addStretch(1)
        buttons.addWidget(self.audit_button)
        buttons.addWidget(self.pdf_button)
        layout.addLayout(buttons)
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        ctx.hub.changed.connect(self._on_changed)
        self._system = None
        self.refresh()
        self.tree.expandAll()
        for col, width in (
            (COL_CODE, 230),
            (COL_TARGET, 56),
            (COL_WEIGHT, 56),
            (COL_INPUT, 120),
            (COL_COMPUTED, 64),
            (COL_SCORE, 56),
            (COL_REASON, 230),
            (COL_EVIDENCE, 64),
            (COL_CRITERIA, 320),
        ):
            self.tree.setColumnWidth(col, width)

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("ScoreTab", "Score sheet")

    # -------------------------------------------------------------- data flow
    def _inputs_text(self) -> dict[str, str]:
        derived = self.ctx.ef.derived_inputs()
        inputs = self.ctx.ef.inputs()
        out = {}
        for node in self._system.leaves():
            raw, origin = effective_input(node, inputs.get(node.code), derived)
            out[node.code] = input_summary(raw, origin)
        return out

    def refresh(self) -> None:
        self._system = self.ctx.ef.system()
        sheet = self.ctx.ef.score_sheet()
        self.model.load(
            self._system, sheet, self._inputs_text(), missing_evidence_codes(self.ctx.ef)
        )
        self.tree.expandAll()
        self.summary.show_sheet(sheet)
        self.warnings.show_warnings(file_warnings(self.ctx.ef, sheet))
        self._sheet = sheet
        self._load_editor(self.current_code())

    def _rescore(self) -> None:
        sheet = self.ctx.ef.score_sheet()
        self._sheet = sheet
        self.model.update_scores(sheet, self._inputs_text(), missing_evidence_codes(self.ctx.ef))
        self.summary.show_sheet(sheet)
        self.warnings.show_warnings(file_warnings(self.ctx.ef, sheet))
        self._load_editor(self.current_code())

    def _on_changed(self, change: Change | str) -> None:
        change = as_change(change)  # a plain string from older code is understood too
        if change.what == What.SYSTEM:
            self.refresh()
        else:
            self._rescore()

    def current_code(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else None

    def select_code(self, code: str) -> None:
        index = self.model.index_for_code(code)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        # What was typed belongs to the indicator it was typed for, whatever comes next.
        self.editor.commit_pending()
        self._load_editor(current.data(CODE_ROLE) if current.isValid() else None)

    def _load_editor(self, code: str | None) -> None:
        node = self._system.find(code) if code and self._system else None
        self.texts.set_indicator(code if node is not None and node.is_leaf else None)
        if node is None or not node.is_leaf:
            self.editor.set_indicator(None, None, None, None)
            return
        derived_all = self.ctx.ef.derived_inputs()
        derived = derived_all.get(node.rule.source) if node.rule and node.rule.source else None
        self.editor.set_indicator(
            node, self.ctx.ef.input_for(code), derived, self._sheet.by_code().get(code)
        )

    def _submit(self, code: str, raw: dict[str, Any] | None) -> None:
        """Store ``raw`` on ``code``, the indicator the form was built for (not necessarily
        the one selected now)."""
        node = self._system.find(code) if self._system else None
        if node is None:
            return
        old = self.ctx.ef.input_for(code)
        try:
            self._validate(code, raw)
        except InputError as exc:
            self._refused(code, str(exc))
            return
        stored = run_op(
            self.ctx,
            SetInputCommand(self.ctx, code, old, raw),
            on_refused=lambda message: self._refused(code, message),
            follow=False,  # inside the form's signal: the other tabs follow next turn
        )
        if not stored:
            return
        # The form is updated in place (or replaced with deleteLater), so the score sheet can
        # follow at once even inside the editor's signal; the other tabs hear it next turn.
        self._rescore()
        score = self.ctx.ef.score_sheet().by_code()[code]
        self.ctx.status(
            QCoreApplication.translate("ScoreTab", "%1 scored %2 of %3")
            .replace("%1", f"{code} {node.name}")
            .replace("%2", fmt_points(score.score))
            .replace("%3", fmt_points(score.weight))
        )

    def _refused(self, code: str, message: str) -> None:
        if self.editor.indicator is not None and self.editor.indicator.code == code:
            self.editor.show_error(message)
        else:  # the form moved on to another indicator meanwhile
            self.ctx.status(f"{code}：{message}")

    def _validate(self, code: str, raw: dict[str, Any] | None) -> None:
        self.ctx.ef.validate_input(code, raw)

    def dump_inputs(self) -> str:
        return json.dumps(self.ctx.ef.inputs(), ensure_ascii=False)
