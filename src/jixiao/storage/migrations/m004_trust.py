"""Schema 004: the tamper-evident audit chain, content fingerprint and lock/trust records (issue 15).

Reserved so that parallel work keeps one migration order; filled by the work on issue 15.
"""

from __future__ import annotations

import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    del db
