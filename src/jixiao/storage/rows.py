"""Small typed helpers over sqlite-utils' tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils.db import Table


def last_id(table: Table) -> int:
    """The integer key of the row ``table`` has just inserted (sqlite-utils types it loosely)."""
    pk = table.last_pk
    if not isinstance(pk, int):
        raise TypeError(f"{table.name}: the inserted row has no integer key ({pk!r})")
    return pk
