"""The survey tab's import: read on a worker thread (Task), then the mapping dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
)

from jixiao.importers.survey import ParsedSurvey, load_survey
from jixiao.storage import surveys as store
from jixiao.ui.commands.survey import (
    ImportSurveyCommand,
)
from jixiao.ui.dialogs.survey_mapping_dialog import SurveyMappingDialog
from jixiao.ui.operations import run_op
from jixiao.ui.workers import Task

FILE_FILTER_CONTEXT = "SurveyTab"


class _SurveyImport:
    """Part of SurveyTab; mixed into it, not used alone."""

    # ---------------------------------------------------------------- importing
    def _busy(self) -> bool:
        return self.task is not None

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("SurveyTab", "Import survey export"),
            "",
            QCoreApplication.translate(
                "SurveyTab", "Survey exports (*.xlsx *.xls *.csv *.txt);;All files (*)"
            ),
        )
        if path:
            self.start_import(Path(path))

    def start_import(self, path: Path, *, sheet: str | None = None) -> Task:
        """Read ``path`` in a worker thread; when done, open the mapping dialog."""
        if self.task is not None:
            self.task.cancel()
        self.show_error("")
        task = Task(
            lambda progress, cancelled: load_survey(
                path, sheet=sheet, progress=progress, should_cancel=cancelled
            ),
            self,
        )
        self.task = task
        self.progress_label.setText(
            QCoreApplication.translate("SurveyTab", "Reading %1…").replace("%1", Path(path).name)
        )
        self.progress.setValue(0)
        self.progress_box.setVisible(True)
        self.import_button.setEnabled(False)
        task.progress.connect(self.progress.setValue)
        task.succeeded.connect(self._parsed)
        task.failed.connect(self._import_failed)
        task.cancelled.connect(self._import_cancelled)
        task.finished.connect(lambda: self._task_finished(task))
        task.start()
        return task

    def cancel_import(self) -> None:
        if self.task is not None:
            self.progress_label.setText(QCoreApplication.translate("SurveyTab", "Cancelling…"))
            self.task.cancel()

    def _task_finished(self, task: Task) -> None:
        task.deleteLater()
        if task is not self.task:  # an earlier import, replaced by a newer one
            return
        self.task = None
        self.progress_box.setVisible(False)
        self.import_button.setEnabled(True)
        self.refresh()

    def _import_failed(self, message: str) -> None:
        self.show_error(message)

    def _import_cancelled(self) -> None:
        self.ctx.status(
            QCoreApplication.translate("SurveyTab", "Import cancelled: nothing was changed.")
        )

    def _parsed(self, parsed: ParsedSurvey) -> None:
        existing = store.same_file(self.ctx.ef, parsed.sha256)
        if existing is not None:
            self.show_error(store.duplicate_message(existing, parsed.path.name))
            return
        name = self._unique_name(parsed.path.stem)
        dialog = SurveyMappingDialog(parsed, name=name, parent=self)
        self.mapping_dialog = dialog
        dialog.accepted.connect(lambda: self._mapping_accepted(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "mapping_dialog", None))
        dialog.sheet_requested.connect(lambda sheet: self._other_sheet(dialog, sheet))
        dialog.open()

    def _other_sheet(self, dialog: SurveyMappingDialog, sheet: str) -> None:
        path = dialog.parsed.path
        dialog.reject()
        self.start_import(path, sheet=sheet)

    def _unique_name(self, stem: str) -> str:
        names = {s.name for s in self._surveys}
        name, n = stem, 2
        while name in names:
            name, n = f"{stem} ({n})", n + 1
        return name

    def _mapping_accepted(self, dialog: SurveyMappingDialog) -> None:
        run_op(
            self.ctx,
            ImportSurveyCommand(
                self, dialog.parsed, dialog.name(), dialog.config(), dialog.weight()
            ),
            on_refused=self.show_error,
        )
