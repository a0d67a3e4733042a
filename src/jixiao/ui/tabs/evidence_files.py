"""The evidence tab's file operations: attach (read and hashed on a worker thread), open,
remove, verify and export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
)

from jixiao.core.errors import OperationCancelled
from jixiao.core.evidence import (
    EvidenceError,
)
from jixiao.export import evidence_export
from jixiao.storage import evidence as store
from jixiao.ui.context import (
    What,
)
from jixiao.ui.models.evidence_model import (
    FILE_ID_ROLE,
    ITEM_ID_ROLE,
)
from jixiao.ui.tabs.evidence_helpers import (
    _TEMP_DIRS,
    _size,
)
from jixiao.ui.workers import Task, run_in_background

translate = QCoreApplication.translate


class _EvidenceFiles:
    """Part of EvidenceTab; mixed into it, not used alone."""

    # ------------------------------------------------------------------ files
    def attach_dialog(self) -> None:
        it = self.selected_item()
        if it is None:
            self.show_message(
                self.title(), translate("EvidenceTab", "Select an evidence item first."), False
            )
            return
        paths = self.choose_files()
        if paths:
            self.attach_files(it.id, [Path(p) for p in paths])

    def _on_files_dropped(self, paths: list[Path], index: QModelIndex) -> None:
        item_id = index.data(ITEM_ID_ROLE) if index.isValid() else self.selected_item_id()
        if item_id is None:
            shown = self.items_model.items()
            if len(shown) == 1:
                item_id = shown[0].id
            else:
                self.show_message(
                    self.title(),
                    translate("EvidenceTab", "Drop the files on the evidence item they belong to."),
                    False,
                )
                return
        self.attach_files(int(item_id), paths)

    def attach_files(self, item_id: int, paths: list[Path]) -> Task:
        """Read and hash the files on a worker thread (progress, cancel), then store the
        readable ones on the GUI thread in one transaction; report the others by name.
        ``attached`` carries how many were attached."""
        total = sum(_size(p) for p in paths)

        def prepare(progress: Callable[[int], None], should_cancel: Callable[[], bool]) -> Any:
            done = 0
            prepared: list[store.PreparedFile] = []
            failures: list[str] = []
            for path in paths:

                def step(n: int, _size: int, base: int = done) -> None:
                    if should_cancel():
                        raise OperationCancelled()
                    progress(int((base + n) * 1000 / total) if total else 0)

                try:
                    prepared.append(store.prepare_file(path, progress=step, opener=self.opener_rb))
                except EvidenceError as exc:
                    failures.append(str(exc))
                done += _size(path)
            return prepared, failures

        def cancelled() -> None:
            self.show_message(self.title(), translate("EvidenceTab", "Attaching cancelled."), True)
            self.attached.emit(0)

        def failed(message: str) -> None:
            self.show_message(self.title(), message, True)
            self.attached.emit(0)

        return run_in_background(
            self,
            translate("EvidenceTab", "Reading %1 file(s)…").replace("%1", str(len(paths))),
            prepare,
            on_success=lambda result: self._store_prepared(item_id, *result),
            on_failure=failed,
            on_cancel=cancelled,
        )

    def _store_prepared(
        self, item_id: int, prepared: list[store.PreparedFile], failures: list[str]
    ) -> None:
        last_file: int | None = None
        attached = 0
        if prepared:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                with self.ctx.ef.transaction():  # all of them or none
                    for file in prepared:
                        result = store.attach_prepared(
                            self.ctx.ef, item_id, file, opener=self.opener_rb
                        )
                        last_file = result.file_id
                attached = len(prepared)
            except EvidenceError as exc:
                failures.append(str(exc))
            finally:
                QApplication.restoreOverrideCursor()
        if attached:
            self.ctx.hub.announce(What.EVIDENCE)
            self.ctx.hub.flush()
            self.select_item(item_id)
            if last_file is not None:
                self.select_file(last_file)
            self.ctx.status(
                translate("EvidenceTab", "Attached %1 file(s)").replace("%1", str(attached))
            )
        if failures:
            self.show_message(self.title(), "\n".join(failures), True)
        self.attached.emit(attached)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.items_view.indexAt(pos)
        if index.isValid():
            self.items_view.setCurrentIndex(index)
        menu = QMenu(self)
        if self.selected_file_id() is not None:
            menu.addAction(self.open_button.text(), self.open_selected)
            menu.addAction(self.remove_file_button.text(), self.remove_selected_file)
            menu.addSeparator()
        if self.selected_item() is not None:
            menu.addAction(self.attach_button.text(), self.attach_dialog)
            menu.addAction(self.remove_item_button.text(), self.remove_item)
        menu.addAction(self.add_item_button.text(), self.add_item)
        menu.exec(self.items_view.viewport().mapToGlobal(pos))

    def delete_selected(self) -> bool:
        """Delete key: the selected file, or else the selected item (both ask first)."""
        if self.selected_file_id() is not None:
            return self.remove_selected_file()
        return self.remove_item()

    def _on_double_click(self, index: QModelIndex) -> None:
        if index.data(FILE_ID_ROLE) is not None:
            self.open_selected()

    def open_selected(self) -> Path | None:
        file_id = self.selected_file_id()
        if file_id is None:
            return None
        try:
            path = store.extract_to_temp(self.ctx.ef, file_id)
        except (EvidenceError, OSError) as exc:
            self.show_message(self.title(), str(exc), True)
            return None
        _TEMP_DIRS.append(path.parent)
        if not self.opener(path):
            self.show_message(
                self.title(),
                translate(
                    "EvidenceTab", "No program is registered to open %1. A copy was saved at %2."
                )
                .replace("%1", path.name)
                .replace("%2", str(path)),
                True,
            )
        return path

    def remove_selected_file(self) -> bool:
        file_id = self.selected_file_id()
        if file_id is None:
            return False
        info = store.file_info(self.ctx.ef, file_id)
        text = translate("EvidenceTab", "Remove the attachment “%1”? This cannot be undone.")
        if not self.confirm(self.title(), text.replace("%1", info.original_name)):
            return False
        try:
            store.remove_file(self.ctx.ef, file_id)
        except EvidenceError as exc:
            self.show_message(self.title(), str(exc), True)
            return False
        self.ctx.hub.announce(What.EVIDENCE)  # cannot be undone: no op on the stack
        self.ctx.hub.flush()
        self.select_item(info.item_id)
        return True

    # ------------------------------------------------------------------ verify and export
    def verify(self) -> Task:
        """Re-hash every stored file on a worker thread (read-only connection of its own);
        ``verified`` carries the report."""
        total = store.total_stored_bytes(self.ctx.ef)
        path = self.ctx.ef.path

        def work(progress: Callable[[int], None], should_cancel: Callable[[], bool]) -> Any:
            def step(done: int, _size: int) -> None:
                if should_cancel():
                    raise OperationCancelled()
                progress(int(done * 1000 / total) if total else 0)

            return store.verify_stored(path, step)

        def done(report: store.VerifyReport) -> None:
            self.show_message(translate("EvidenceTab", "Verify"), report.summary(), not report.ok)
            self.verified.emit(report)

        return run_in_background(
            self,
            translate("EvidenceTab", "Verifying…"),
            work,
            on_success=done,
            on_failure=lambda message: self.show_message(self.title(), message, True),
        )

    def export_checklist(self) -> Path | None:
        target = self.choose_save_path("佐证材料清单.xlsx")
        if not target:
            return None
        try:
            path = evidence_export.export_checklist_xlsx(self.ctx.ef, target)
        except EvidenceError as exc:
            self.show_message(self.title(), str(exc), True)
            return None
        self.ctx.status(translate("EvidenceTab", "Exported %1").replace("%1", str(path)))
        return path

    def export_attachments(self) -> Task | None:
        """Copy every attachment out on a worker thread; ``exported`` carries the folder."""
        directory = self.choose_directory()
        if not directory:
            return None
        plan = evidence_export.plan_attachments(self.ctx.ef, directory)
        total = sum(p.size for p in plan)
        source = self.ctx.ef.path

        def work(progress: Callable[[int], None], should_cancel: Callable[[], bool]) -> Any:
            def step(done: int, _size: int) -> None:
                if should_cancel():
                    raise OperationCancelled()
                progress(int(done * 1000 / total) if total else 0)

            return evidence_export.write_attachments(source, directory, plan, step)

        def done(result: evidence_export.AttachmentExport) -> None:
            self.show_message(
                self.title(),
                translate("EvidenceTab", "Exported %1 file(s) to %2.")
                .replace("%1", str(len(result.files)))
                .replace("%2", str(result.directory)),
                False,
            )
            self.exported.emit(result.directory)

        return run_in_background(
            self,
            translate("EvidenceTab", "Exporting attachments…"),
            work,
            on_success=done,
            on_failure=lambda message: self.show_message(self.title(), message, True),
        )
