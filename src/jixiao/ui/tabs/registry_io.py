"""The registry tab's import (read on a worker thread, mapped, previewed, stored in one
transaction) and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
)

from jixiao.export.projects_xlsx import ExportError, export_csv, export_xlsx, write_template
from jixiao.importers.projects import (
    UNIT_AUTO,
    ImportPreview,
    match_headers,
)
from jixiao.importers.tables import Table, read_table
from jixiao.storage.evaluation_file import UpsertReport
from jixiao.ui.commands.registry import (
    ImportProjectsCommand,
)
from jixiao.ui.dialogs.column_mapping_dialog import ColumnMappingDialog
from jixiao.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from jixiao.ui.workers import Task, run_in_background


class _RegistryImportExport:
    """Part of RegistryTab; mixed into it, not used alone."""

    # ------------------------------------------------------------------ import / export
    def read_list(self, path: Path, on_table: Callable[[Table], None]) -> Task:
        """Read the spreadsheet on a worker thread with a cancellable progress dialog (a large
        workbook takes seconds); ``on_table`` continues on the GUI thread."""

        def failed(message: str) -> None:
            self.show_error(QCoreApplication.translate("RegistryTab", "Cannot import"), message)
            self.import_finished.emit(None)

        return run_in_background(
            self,
            QCoreApplication.translate("RegistryTab", "Reading “%1”…").replace("%1", path.name),
            lambda progress, should_cancel: read_table(
                path, progress=progress, should_cancel=should_cancel
            ),
            on_success=on_table,
            on_failure=failed,
            on_cancel=lambda: self.import_finished.emit(None),
            maximum=100,
        )

    def import_file(self, path: str | Path | None = None) -> Task | None:
        """Read (worker thread) → (mapping dialog when unsure) → preview → one upsert
        transaction. ``import_finished`` carries the report (None: nothing imported)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                QCoreApplication.translate("RegistryTab", "Import project list"),
                "",
                QCoreApplication.translate(
                    "RegistryTab", "Spreadsheets (*.xlsx *.xls *.csv);;All files (*)"
                ),
            )
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        return self.read_list(path, lambda table: self._import_table(path, table))

    def _import_table(self, path: Path, table: Table) -> None:
        self.import_finished.emit(self._map_preview_apply(path, table))

    def _map_preview_apply(self, path: Path, table: Table) -> UpsertReport | None:
        match = match_headers(table.rows)
        unit = UNIT_AUTO
        if not match.confident:
            mapping = ColumnMappingDialog(table, match, unit, self)
            if (
                self.exec_dialog(mapping) != QDialog.DialogCode.Accepted
                or mapping.result_match() is None
            ):
                return None
            match, unit = mapping.result_match(), mapping.amount_unit()
        preview_dialog = ImportPreviewDialog(
            table, match, self.model.projects(), amount_unit=unit, parent=self
        )
        if self.exec_dialog(preview_dialog) != QDialog.DialogCode.Accepted:
            return None
        return self.apply_import(preview_dialog.preview, path.name)

    def apply_import(self, preview: ImportPreview, source: str) -> UpsertReport | None:
        if not preview.ok:
            return None
        command = ImportProjectsCommand(
            self.ctx, preview.projects, source, list(preview.match.field_columns())
        )
        if not self.run(command) or command.report is None:
            return None
        r = command.report
        message = (
            QCoreApplication.translate(
                "RegistryTab", "Imported %1: %2 added, %3 updated, %4 unchanged."
            )
            .replace("%1", source)
            .replace("%2", str(r.added))
            .replace("%3", str(r.updated))
            .replace("%4", str(r.unchanged))
        )
        self.ctx.status(message)
        self.last_message = message
        return r

    def export_file(self, path: str | Path | None = None) -> Path | None:
        if path is None:
            meta = self.ctx.ef.meta()
            suggested = str(self.ctx.ef.path.with_name(f"{meta.fund}项目登记.xlsx"))
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("RegistryTab", "Export projects"),
                suggested,
                QCoreApplication.translate(
                    "RegistryTab", "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"
                ),
            )
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        try:
            if path.suffix.lower() == ".csv":
                export_csv(self.model.projects(), path)
            else:
                export_xlsx(
                    self.model.projects(),
                    path,
                    title=f"{self.ctx.ef.meta().title}（项目登记）",
                    denominator=self.ctx.ef.execution_denominator,
                )
        except ExportError as exc:
            self.show_error(QCoreApplication.translate("RegistryTab", "Export failed"), str(exc))
            return None
        self.ctx.status(
            QCoreApplication.translate("RegistryTab", "Exported %1 projects to %2")
            .replace("%1", str(self.model.rowCount()))
            .replace("%2", str(path))
        )
        return path

    def save_template(self, path: str | Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                QCoreApplication.translate("RegistryTab", "Save blank template"),
                QCoreApplication.translate("RegistryTab", "project-list-template.xlsx"),
                QCoreApplication.translate("RegistryTab", "Excel workbook (*.xlsx)"),
            )
            if not chosen:
                return None
            path = chosen
        path = Path(path).with_suffix(".xlsx")
        try:
            write_template(path)
        except ExportError as exc:
            self.show_error(QCoreApplication.translate("RegistryTab", "Export failed"), str(exc))
            return None
        self.ctx.status(
            QCoreApplication.translate("RegistryTab", "Template saved to %1").replace(
                "%1", str(path)
            )
        )
        return path
