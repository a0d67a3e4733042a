"""Schema 3: imported satisfaction surveys with their raw responses."""

from __future__ import annotations

import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE surveys (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,               -- e.g. 社会公众 / 受益对象
            source_file TEXT NOT NULL,
            source_sha256 TEXT NOT NULL DEFAULT '',
            format TEXT NOT NULL,             -- wjx / wjx_index / tencent / generic
            columns_json TEXT NOT NULL,       -- header, in file order
            config_json TEXT NOT NULL,        -- chosen questions, satisfaction rule, duplicates
            weight TEXT,                      -- for combining by chosen weights
            result_json TEXT NOT NULL DEFAULT '{}', -- counts as last derived from the responses
            imported_at TEXT NOT NULL,
            imported_by TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("""
        CREATE TABLE survey_responses (
            survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
            row_no INTEGER NOT NULL,          -- source file row (1-based, as Excel numbers it)
            values_json TEXT NOT NULL,        -- the row's cells, as text, in column order
            PRIMARY KEY (survey_id, row_no)
        )""")
