"""The evidence tab's undoable item edits: details, status, add, remove."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jixiao.core import evidence as core
from jixiao.core.evidence import (
    STATUS_NA,
    EvidenceError,
)
from jixiao.storage import evidence as store
from jixiao.ui.commands.evidence import (
    AddItemCommand,
    RemoveItemCommand,
    UpdateItemCommand,
)
from jixiao.ui.context import (
    What,
)
from jixiao.ui.operations import run_op
from jixiao.ui.tabs.evidence_helpers import (
    _project_id,
)

translate = QCoreApplication.translate


class _EvidenceItemEdits:
    """Part of EvidenceTab; mixed into it, not used alone."""

    # ------------------------------------------------------------------ item edits (undoable)
    def apply_details(self) -> bool:
        """Store the details on the item they were shown for (captured when shown)."""
        item_id = self._details_item_id
        it = next((i for i in self.items_model.items() if i.id == item_id), None)
        if it is None:
            return False
        status = self.status_combo.currentData()
        reason = self.reason_edit.text().strip() if status == STATUS_NA else ""
        new = {
            "name": self.name_edit.text(),
            "status": status,
            "na_reason": reason,
            "note": self.note_edit.text(),
            "project_id": _project_id(self.project_combo.currentData()),
        }
        try:
            new["name"] = core.clean_item_name(new["name"])
            core.check_status(status, reason)
        except EvidenceError as exc:
            self.detail_error.setText(str(exc))
            return False
        old = {
            "name": it.name,
            "status": it.status,
            "na_reason": it.na_reason,
            "note": it.note,
            "project_id": it.project_id,
        }
        changed = {k for k in new if new[k] != old[k]}
        if not changed:
            return False
        command = UpdateItemCommand(
            self,
            it.id,
            {k: old[k] for k in changed},
            {k: new[k] for k in changed},
            f"{it.code} {new['name']}",
        )
        if not run_op(self.ctx, command, on_refused=self.detail_error.setText):
            return False
        self.ctx.status(translate("EvidenceTab", "Saved %1").replace("%1", new["name"]))
        return True

    def set_status(self, item_id: int, status: str, reason: str = "") -> bool:
        """Set an item's status as one undoable edit (used by the details panel and tests)."""
        self.select_item(item_id)
        self.status_combo.setCurrentIndex(self.status_combo.findData(status))
        self.reason_edit.setText(reason)
        return self.apply_details()

    def add_item(self) -> int | None:
        if not self._code:
            return None
        name = self.ask_text(
            translate("EvidenceTab", "Add evidence item"),
            translate("EvidenceTab", "Name of the evidence item:"),
            "",
        )
        if not name:
            return None
        try:
            name = core.clean_item_name(name)
        except EvidenceError as exc:
            self.show_message(self.title(), str(exc), True)
            return None
        command = AddItemCommand(self, self._code, name)
        if not run_op(self.ctx, command, on_refused=self._refused):
            return None
        if command.item_id is not None:
            self.select_item(command.item_id)
        return command.item_id

    def remove_item(self) -> bool:
        it = self.selected_item()
        if it is None:
            return False
        if it.files:
            text = translate(
                "EvidenceTab", "Remove “%1” and its %2 attached file(s)? This cannot be undone."
            )
            if not self.confirm(
                self.title(), text.replace("%1", it.name).replace("%2", str(len(it.files)))
            ):
                return False
            try:
                store.remove_item(self.ctx.ef, it.id, reason="删除材料及附件")
            except EvidenceError as exc:
                self.show_message(self.title(), str(exc), True)
                return False
            self.ctx.hub.announce(What.EVIDENCE)  # cannot be undone: no op on the stack
            self.ctx.hub.flush()
        else:
            text = translate("EvidenceTab", "Remove the evidence item “%1”?").replace("%1", it.name)
            if not self.confirm(self.title(), text):
                return False
            return run_op(self.ctx, RemoveItemCommand(self, it), on_refused=self._refused)
        return True

    def _refused(self, message: str) -> None:
        self.show_message(self.title(), message, True)
