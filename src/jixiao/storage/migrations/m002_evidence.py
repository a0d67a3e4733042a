"""Schema 2: evidence (佐证材料) items per indicator and attached files stored as blobs."""

from __future__ import annotations

import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE evidence_items (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL,                 -- level-3 indicator code
            ord INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL,
            project_id INTEGER REFERENCES projects(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'missing',   -- missing / provided / na
            na_reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX evidence_items_code ON evidence_items(code)")
    db.execute("""
        CREATE TABLE blobs (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        )""")
    db.execute("""
        CREATE TABLE evidence_files (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES evidence_items(id) ON DELETE CASCADE,
            blob_id INTEGER NOT NULL REFERENCES blobs(id),
            original_name TEXT NOT NULL,
            mime TEXT NOT NULL DEFAULT 'application/octet-stream',
            attached_by TEXT NOT NULL DEFAULT '',
            attached_at TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("CREATE INDEX evidence_files_item ON evidence_files(item_id)")
