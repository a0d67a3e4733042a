"""Schema 1: the evaluation, its indicator system, inputs, scores, projects and audit log."""

from __future__ import annotations

import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE evaluation (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            fund TEXT NOT NULL,           -- 资金/项目名称
            year INTEGER NOT NULL,
            unit TEXT NOT NULL,           -- 评价单位
            title TEXT NOT NULL,
            template_name TEXT NOT NULL,
            template_json TEXT NOT NULL,  -- snapshot of the template it was created from
            created_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE indicators (
            code TEXT PRIMARY KEY,
            parent TEXT REFERENCES indicators(code) ON DELETE CASCADE,
            level INTEGER NOT NULL,
            ord INTEGER NOT NULL,
            name TEXT NOT NULL,
            target TEXT NOT NULL DEFAULT '',
            weight TEXT NOT NULL,          -- Decimal as text
            criteria TEXT NOT NULL DEFAULT '',
            rule_json TEXT,                -- level-3 only
            evidence_json TEXT NOT NULL DEFAULT '[]'
        )""")
    db.execute("""
        CREATE TABLE inputs (
            code TEXT PRIMARY KEY,
            input_json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        )""")
    db.execute("""
        CREATE TABLE scores (
            code TEXT PRIMARY KEY,
            computed TEXT,
            score TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE projects (
            id INTEGER PRIMARY KEY,
            seq INTEGER NOT NULL DEFAULT 0,
            name TEXT NOT NULL,
            unit TEXT NOT NULL,
            batch TEXT NOT NULL DEFAULT '',
            domain TEXT NOT NULL DEFAULT '',
            budget TEXT NOT NULL DEFAULT '0',
            adjusted_budget TEXT,
            funds_in_place TEXT NOT NULL DEFAULT '0',
            paid TEXT NOT NULL DEFAULT '0',
            status TEXT NOT NULL DEFAULT '在建',
            planned_date TEXT,
            accepted_date TEXT,
            sampled INTEGER NOT NULL DEFAULT 0,
            planned_output INTEGER NOT NULL DEFAULT 0,
            completed INTEGER NOT NULL DEFAULT 0,
            acceptance_due INTEGER NOT NULL DEFAULT 0,
            accepted INTEGER NOT NULL DEFAULT 0,
            on_time INTEGER,
            note TEXT NOT NULL DEFAULT '',
            extra_json TEXT NOT NULL DEFAULT '{}'
        )""")
    db.execute("CREATE UNIQUE INDEX projects_name_unit ON projects(name, unit)")
    db.execute("""
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            action TEXT NOT NULL,      -- e.g. input.set, input.override, project.update
            target TEXT NOT NULL,      -- indicator code, project name, ...
            old_value TEXT,
            new_value TEXT,
            reason TEXT NOT NULL DEFAULT ''
        )""")
