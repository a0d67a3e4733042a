"""Undoable writes of the evidence tab (the one op base: jixiao.ui.operations)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from jixiao.core.evidence import (
    EvidenceError,
    EvidenceItem,
)
from jixiao.storage import evidence as store
from jixiao.ui.context import (
    What,
)
from jixiao.ui.operations import UndoableOp

if TYPE_CHECKING:
    from jixiao.ui.tabs.evidence_tab import EvidenceTab


translate = QCoreApplication.translate


class _EvidenceCommand(UndoableOp):
    what = What.EVIDENCE

    def __init__(self, tab: EvidenceTab, text: str):
        super().__init__(tab.ctx, text)


class UpdateItemCommand(_EvidenceCommand):
    def __init__(
        self, tab: EvidenceTab, item_id: int, old: dict[str, Any], new: dict[str, Any], label: str
    ):
        super().__init__(
            tab, translate("EvidenceTab", "Edit evidence item %1").replace("%1", label)
        )
        self.item_id, self.old, self.new = item_id, old, new

    def do(self) -> None:
        store.update_item(self.ef, self.item_id, **self.new)

    def revert(self) -> None:
        store.update_item(self.ef, self.item_id, reason="撤销", **self.old)


class AddItemCommand(_EvidenceCommand):
    def __init__(self, tab: EvidenceTab, code: str, name: str):
        super().__init__(tab, translate("EvidenceTab", "Add evidence item %1").replace("%1", name))
        self.code, self.name = code, name
        self.item_id: int | None = None

    def do(self) -> None:
        self.item_id = store.add_item(self.ef, self.code, self.name, item_id=self.item_id)

    def revert(self) -> None:
        if self.item_id is None:
            return
        if store.item(self.ef, self.item_id).files:
            raise EvidenceError(f"“{self.name}”已附有文件，未撤销添加；如需删除请使用“删除材料”")
        store.remove_item(self.ef, self.item_id, reason="撤销")


class RemoveItemCommand(_EvidenceCommand):
    """Removal of an item without files; it comes back with the same id and values."""

    def __init__(self, tab: EvidenceTab, item: EvidenceItem):
        super().__init__(
            tab, translate("EvidenceTab", "Remove evidence item %1").replace("%1", item.name)
        )
        self.item = item

    def do(self) -> None:
        store.remove_item(self.ef, self.item.id)

    def revert(self) -> None:
        it = self.item
        store.add_item(
            self.ef,
            it.code,
            it.name,
            project_id=it.project_id,
            status=it.status,
            na_reason=it.na_reason,
            note=it.note,
            item_id=it.id,
            ord_=it.ord,
        )
