"""Schema 2: evidence (佐证材料) items per indicator and attached files stored as blobs.

Items are seeded lazily from each level-3 indicator's default list (``Indicator.evidence``)
by ``jixiao.storage.evidence.ensure_default_items``, so this step only creates tables.
"""

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
            status TEXT NOT NULL DEFAULT 'missing'
                CHECK (status IN ('missing', 'provided', 'na')),
            na_reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            -- 不适用 without a reason is refused by the program; the CHECK keeps it so.
            CHECK (status <> 'na' OR trim(na_reason) <> '')
        )""")
    db.execute("CREATE INDEX evidence_items_code ON evidence_items(code)")
    db.execute("""
        CREATE TABLE blobs (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,        -- content address: identical files are stored once
            size INTEGER NOT NULL,
            created_at TEXT NOT NULL DEFAULT '',
            data BLOB NOT NULL                  -- written and read in chunks (incremental blob I/O)
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
    db.execute("CREATE INDEX evidence_files_blob ON evidence_files(blob_id)")
    # A blob goes with its last reference, however the reference goes (a removed file, or an
    # item deleted with its files by the cascade), so no orphaned content bloats the file.
    db.execute("""
        CREATE TRIGGER evidence_files_release_blob AFTER DELETE ON evidence_files
        WHEN NOT EXISTS (SELECT 1 FROM evidence_files WHERE blob_id = OLD.blob_id)
        BEGIN
            DELETE FROM blobs WHERE id = OLD.blob_id;
        END""")
