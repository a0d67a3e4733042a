"""Schema 5: the national 自评表 (issue 16).

* ``indicator_notes``: per level-3 indicator, 实际完成值 as the unit wrote it ("≥266米", "有效")
  and 偏差原因分析及改进措施 — printed verbatim, separate from the scoring input and 扣分原因.
* The header fields live in ``settings`` as ``form.<key>``. The old single ``unit`` (评价单位)
  becomes 主管部门; 实施单位 is the registry's only unit when all projects share one, else the
  same unit (what the national PDF printed in both cells before).
"""

from __future__ import annotations

import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE IF NOT EXISTS indicator_notes (
            code TEXT PRIMARY KEY,
            actual TEXT NOT NULL DEFAULT '',      -- 实际完成值, verbatim
            deviation TEXT NOT NULL DEFAULT '',   -- 偏差原因分析及改进措施, verbatim
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL DEFAULT ''
        )""")
    row = db.execute("SELECT unit FROM evaluation WHERE id = 1").fetchone()
    unit = (row[0] if row else "") or ""
    if not unit.strip():
        return
    units = [r[0] for r in db.execute("SELECT DISTINCT unit FROM projects").fetchall()]
    implementer = units[0] if len(units) == 1 and units[0].strip() else unit
    for key, value in (("form.主管部门", unit), ("form.实施单位", implementer)):
        db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", [key, value])
