"""Schema 004: the tamper-evident audit chain and the content fingerprint (issue 15).

Existing audit rows are chained as they are at the upgrade; the fingerprint of the content is
stamped once all migrations have run (``database._migrate``).
"""

from __future__ import annotations

import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    from jixiao.storage import integrity

    columns = {row[1] for row in db.execute("PRAGMA table_info(audit_log)")}
    for column in ("prev_hash", "entry_hash"):
        if column not in columns:
            db.execute(f"ALTER TABLE audit_log ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute("""
        CREATE TABLE IF NOT EXISTS integrity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            fingerprint TEXT NOT NULL,        -- of the digests below
            digests_json TEXT NOT NULL,       -- {table: [sha256, rows]} of the scored content
            audit_head TEXT NOT NULL,         -- entry_hash of the last audit row
            audit_count INTEGER NOT NULL,
            unaccepted_json TEXT NOT NULL DEFAULT '[]', -- outside changes found, not accepted
            updated_at TEXT NOT NULL
        )""")
    integrity.chain_all(db.conn)
