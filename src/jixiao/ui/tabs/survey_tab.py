"""Survey import tab: read a 问卷星 / 腾讯问卷 / generic export off the GUI thread, map its
columns, choose what counts as satisfied, and publish the combined satisfaction rate to the
satisfaction indicator. Every write is an undoable command on the shared stack."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from jixiao.core import survey as core
from jixiao.core.numbers import fmt2
from jixiao.core.projects import SOURCE_SATISFACTION
from jixiao.importers.survey import ParsedSurvey
from jixiao.importers.tables import Table
from jixiao.storage import surveys as store
from jixiao.ui.commands.survey import (  # noqa: F401 (moved; kept importable)
    CombineModeCommand,
    EditSurveyCommand,
    ImportSurveyCommand,
    RemoveSurveyCommand,
    _SurveyCommand,
)
from jixiao.ui.context import (
    CHANGED_INPUTS,
    CHANGED_SURVEYS,
    CHANGED_SYSTEM,
    Change,
    TabContext,
    as_change,
)
from jixiao.ui.dialogs.survey_mapping_dialog import SurveyMappingDialog
from jixiao.ui.operations import run_op
from jixiao.ui.tabs.base import BaseTab
from jixiao.ui.tabs.survey_import import _SurveyImport
from jixiao.ui.widgets.bar_chart import BarChart
from jixiao.ui.widgets.survey_format import (  # noqa: F401 (moved; kept importable)
    _duplicates_text,
    _item,
    _num,
    _parse_decimal,
    bar_states,
    format_name,
)
from jixiao.ui.workers import Task

FILE_FILTER_CONTEXT = "SurveyTab"


# ---------------------------------------------------------------------------- the tab
class SurveyTab(_SurveyImport, BaseTab):
    S_NAME, S_FILE, S_FORMAT, S_RESP, S_DUP, S_VALID, S_SAT, S_EXCL, S_RATE, S_WEIGHT = range(10)

    def __init__(self, ctx: TabContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.task: Task | None = None
        self.mapping_dialog: SurveyMappingDialog | None = None
        self._surveys: list[store.StoredSurvey] = []

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.import_button = QPushButton(
            QCoreApplication.translate("SurveyTab", "Import survey export…")
        )
        self.edit_button = QPushButton(QCoreApplication.translate("SurveyTab", "Edit rules…"))
        self.remove_button = QPushButton(QCoreApplication.translate("SurveyTab", "Remove"))
        self.verify_button = QPushButton(
            QCoreApplication.translate("SurveyTab", "Re-count from stored answers")
        )
        self.verify_button.setToolTip(
            QCoreApplication.translate(
                "SurveyTab",
                "Count the raw responses kept in the evaluation file again and compare with the figures shown",
            )
        )
        self.combine_combo = QComboBox()
        self.combine_combo.addItem(
            QCoreApplication.translate("SurveyTab", "Combine by answer count"), core.COMBINE_COUNT
        )
        self.combine_combo.addItem(
            QCoreApplication.translate("SurveyTab", "Combine by chosen weights"),
            core.COMBINE_WEIGHTS,
        )
        self.combine_combo.setToolTip(
            QCoreApplication.translate(
                "SurveyTab",
                "How several surveys (e.g. the public and the beneficiaries) make one satisfaction rate",
            )
        )
        for widget in (
            self.import_button,
            self.edit_button,
            self.remove_button,
            self.verify_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(QLabel(QCoreApplication.translate("SurveyTab", "Several surveys:")))
        bar.addWidget(self.combine_combo)
        layout.addLayout(bar)

        progress_row = QHBoxLayout()
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(QCoreApplication.translate("SurveyTab", "Cancel"))
        progress_row.addWidget(self.progress_label)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.setVisible(False)
        layout.addWidget(self.progress_box)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)

        self.table = QTableWidget(0, 10)
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("SurveyTab", "Survey"),
                QCoreApplication.translate("SurveyTab", "File"),
                QCoreApplication.translate("SurveyTab", "Format"),
                QCoreApplication.translate("SurveyTab", "Respondents"),
                QCoreApplication.translate("SurveyTab", "Duplicates left out"),
                QCoreApplication.translate("SurveyTab", "Valid answers"),
                QCoreApplication.translate("SurveyTab", "Satisfied"),
                QCoreApplication.translate("SurveyTab", "Left out"),
                QCoreApplication.translate("SurveyTab", "Rate"),
                QCoreApplication.translate("SurveyTab", "Weight"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(
            self.S_NAME, QHeaderView.ResizeMode.Stretch
        )
        self.table.setMaximumHeight(170)
        layout.addWidget(self.table)

        self.combined_label = QLabel()
        self.combined_label.setWordWrap(True)
        self.combined_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.combined_label.font()
        font.setBold(True)
        self.combined_label.setFont(font)
        layout.addWidget(self.combined_label)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.questions = QTableWidget(0, 9)
        self.questions.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("SurveyTab", "Question"),
                QCoreApplication.translate("SurveyTab", "Satisfied means"),
                QCoreApplication.translate("SurveyTab", "Respondents"),
                QCoreApplication.translate("SurveyTab", "Valid"),
                QCoreApplication.translate("SurveyTab", "Satisfied"),
                QCoreApplication.translate("SurveyTab", "Blank"),
                QCoreApplication.translate("SurveyTab", "Skipped"),
                QCoreApplication.translate("SurveyTab", "Invalid"),
                QCoreApplication.translate("SurveyTab", "Rate"),
            ]
        )
        self.questions.verticalHeader().setVisible(False)
        self.questions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.questions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.questions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.questions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        split.addWidget(self.questions)
        self.chart = BarChart()
        split.addWidget(self.chart)
        split.setSizes([560, 440])
        layout.addWidget(split, 1)

        self.import_button.clicked.connect(self.choose_file)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.verify_button.clicked.connect(self.verify_selected)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.combine_combo.currentIndexChanged.connect(self._combine_changed)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.questions.itemSelectionChanged.connect(self._show_chart)
        ctx.hub.changed.connect(self._hub_changed)
        self.refresh()

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("SurveyTab", "Survey import")

    # ---------------------------------------------------------------- showing
    def refresh(self) -> None:
        selected = self.selected_survey()
        self._surveys = store.list_surveys(self.ctx.ef)
        with QSignalBlocker(self.combine_combo):
            self.combine_combo.setCurrentIndex(
                max(0, self.combine_combo.findData(store.combine_mode(self.ctx.ef)))
            )
        blocker = QSignalBlocker(self.table)
        self.table.setRowCount(len(self._surveys))
        for row, s in enumerate(self._surveys):
            r = s.result
            values = [
                _item(s.name),
                _item(s.source_file, tooltip=f"SHA-256 {s.source_sha256}"),
                _item(format_name(s.format)),
                _item(_num(r.respondents), align_right=True),
                _item(_num(r.dropped), align_right=True, tooltip=_duplicates_text(r)),
                _item(_num(r.valid), align_right=True),
                _item(_num(r.satisfied), align_right=True),
                _item(_num(r.excluded), align_right=True),
                _item(r.rate_text, align_right=True),
                _item("" if s.weight is None else str(s.weight), align_right=True),
            ]
            for col, item in enumerate(values):
                self.table.setItem(row, col, item)
        del blocker
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(
            self.S_NAME, QHeaderView.ResizeMode.Stretch
        )
        if self._surveys:
            ids = [s.id for s in self._surveys]
            self.table.selectRow(ids.index(selected.id) if selected and selected.id in ids else 0)
        self._show_selected()
        self._show_combined()
        has = bool(self._surveys)
        self.edit_button.setEnabled(has and not self._busy())
        self.remove_button.setEnabled(has and not self._busy())
        self.verify_button.setEnabled(has)

    def _show_combined(self) -> None:
        ef = self.ctx.ef
        combined, warning = store.combined_with_warning(ef)
        if combined is None:
            self.combined_label.setText(
                QCoreApplication.translate(
                    "SurveyTab",
                    "No survey imported yet: import a 问卷星 or 腾讯问卷 export (xlsx, xls or csv) to compute the satisfaction rate.",
                )
            )
            return
        if combined.mode == core.COMBINE_WEIGHTS and len(combined.parts) > 1:
            text = QCoreApplication.translate(
                "SurveyTab", "Satisfaction rate (weighted): %1"
            ).replace("%1", combined.rate_text)
        else:
            text = (
                QCoreApplication.translate(
                    "SurveyTab", "Satisfaction rate: %1 (%2 satisfied of %3 valid answers)"
                )
                .replace("%1", combined.rate_text)
                .replace("%2", _num(combined.numerator))
                .replace("%3", _num(combined.denominator))
            )
        for node in ef.system().leaves():
            if node.rule is not None and node.rule.source == SOURCE_SATISFACTION:
                score = next((s for s in ef.score_sheet().indicators if s.code == node.code), None)
                if score is not None:
                    text += "  →  " + QCoreApplication.translate(
                        "SurveyTab", "%1 %2: %3 points"
                    ).replace("%1", node.code).replace("%2", node.name).replace(
                        "%3", fmt2(score.score)
                    )
        if warning:
            text += "\n" + warning
        self.combined_label.setText(text)

    def selected_survey(self) -> store.StoredSurvey | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if not rows or min(rows) >= len(self._surveys):
            return None
        return self._surveys[min(rows)]

    def _show_selected(self) -> None:
        survey = self.selected_survey()
        questions = survey.result.questions if survey else ()
        with QSignalBlocker(self.questions):
            self.questions.setRowCount(len(questions))
            for row, q in enumerate(questions):
                values = [
                    _item(f"{q.label} {q.title}", tooltip=q.title),
                    _item(q.rule.describe()),
                    _item(_num(q.respondents), align_right=True),
                    _item(_num(q.valid), align_right=True),
                    _item(_num(q.satisfied), align_right=True),
                    _item(_num(q.blank), align_right=True),
                    _item(_num(q.skipped), align_right=True),
                    _item(_num(q.invalid), align_right=True),
                    _item(q.rate_text, align_right=True),
                ]
                for col, item in enumerate(values):
                    self.questions.setItem(row, col, item)
        self.questions.resizeColumnsToContents()
        self.questions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if questions:
            self.questions.selectRow(0)
        self._show_chart()

    def _show_chart(self) -> None:
        survey = self.selected_survey()
        rows = {i.row() for i in self.questions.selectedIndexes()}
        if survey is None or not rows or min(rows) >= len(survey.result.questions):
            self.chart.set_data([], QCoreApplication.translate("SurveyTab", "Answer distribution"))
            return
        q = survey.result.questions[min(rows)]
        self.chart.set_data(
            bar_states(q, survey.format),
            QCoreApplication.translate(
                "SurveyTab", "Answer distribution: %1 (green = satisfied)"
            ).replace("%1", q.label),
        )

    def _hub_changed(self, change: Change | str) -> None:
        change = as_change(change)  # a plain string from older code is understood too
        if change.what in (CHANGED_SURVEYS, CHANGED_INPUTS, CHANGED_SYSTEM):
            self.refresh()

    # ---------------------------------------------------------------- other writes
    def edit_selected(self) -> None:
        survey = self.selected_survey()
        if survey is None:
            return
        layout, data = store.stored_layout(self.ctx.ef, survey.id)
        rows: list[list[str]] = [[] for _ in range(survey.config.header_row)]
        rows.append(survey.columns)
        table = Table(Path(survey.source_file), survey.source_file, None, rows)
        parsed = ParsedSurvey(table, layout, data, survey.source_sha256)
        dialog = SurveyMappingDialog(
            parsed,
            name=survey.name,
            config=survey.config,
            weight=survey.weight,
            allow_header_change=False,
            parent=self,
        )
        self.mapping_dialog = dialog
        dialog.accepted.connect(
            lambda: run_op(
                self.ctx,
                EditSurveyCommand(self, survey, dialog.name(), dialog.config(), dialog.weight()),
                on_refused=self.show_error,
            )
        )
        dialog.finished.connect(lambda _r: setattr(self, "mapping_dialog", None))
        dialog.open()

    def verify_selected(self) -> bool:
        """Re-derive the selected survey's figures from its stored raw responses."""
        survey = self.selected_survey()
        if survey is None:
            return False
        again = store.rederive(self.ctx.ef, survey.id)
        same = again == survey.result
        if same:
            message = (
                QCoreApplication.translate(
                    "SurveyTab", "%1: recounted %2 stored responses, same result (%3)."
                )
                .replace("%1", survey.name)
                .replace("%2", _num(again.rows))
                .replace("%3", again.rate_text)
            )
            self.show_error("")
            self.ctx.status(message)
            self.combined_label.setToolTip(message)
        else:
            self.show_error(
                QCoreApplication.translate(
                    "SurveyTab",
                    "%1: recounting the stored responses gives %2 instead of %3. Open Edit rules… and save to update.",
                )
                .replace("%1", survey.name)
                .replace("%2", again.rate_text)
                .replace("%3", survey.result.rate_text)
            )
        return same

    def remove_selected(self) -> None:
        survey = self.selected_survey()
        if survey is not None:
            run_op(
                self.ctx,
                RemoveSurveyCommand(self, survey.id, survey.name),
                on_refused=self.show_error,
            )

    def _combine_changed(self) -> None:
        new = self.combine_combo.currentData()
        old = store.combine_mode(self.ctx.ef)
        if new != old:
            # From the combo's signal: the tabs follow on the next turn of the event loop.
            run_op(
                self.ctx,
                CombineModeCommand(self, old, new),
                on_refused=self.show_error,
                follow=False,
            )

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self.ctx.status(message)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self.task is not None:
            self.task.cancel()
            self.task.wait()
        super().closeEvent(event)
