"""Schema 006: the 绩效自评价报告 outline and section texts (issue 17).

One row per section of the seed report's outline. ``text`` NULL means the section still shows
the program's draft (generated from the data each time); once the person edits it, their text
is kept, with ``{{figure}}`` references that are resolved at display and export.
``figures_json`` holds the figure values the text was saved against, so a figure typed by hand
that no longer matches the data can be flagged.
"""

from __future__ import annotations

import sqlite_utils

# The outline as shipped (key, level, heading); kept here, not imported, so this migration
# stays as it shipped whatever later versions do to the report code.
OUTLINE = (
    ("0", 0, ""),
    ("1", 1, "一、项目基本情况"),
    ("1.1", 2, "（一）项目概况"),
    ("1.1.1", 3, "1、项目设立背景"),
    ("1.1.2", 3, "2、项目实施情况"),
    ("1.1.3", 3, "3、项目资金安排及使用情况"),
    ("1.1.3.1", 4, "（1）项目资金安排情况"),
    ("1.1.3.2", 4, "（2）项目资金使用情况"),
    ("1.2", 2, "（二）项目绩效目标"),
    ("2", 1, "二、综合评价情况及评价结论"),
    ("2.1", 2, "（一）综合评价情况"),
    ("2.2", 2, "（二）评价结论"),
    ("3", 1, "三、项目成效"),
    ("4", 1, "四、存在的问题及原因分析"),
    ("5", 1, "五、下一步工作建议"),
    ("6", 1, "六、绩效自评价工作开展情况及其他需说明的情况"),
    ("6.1", 2, "（一）评价工作思路"),
    ("6.2", 2, "（二）评价工作组织实施"),
    ("6.3", 2, "（三）其他"),
    ("7", 1, "七、附件"),
)


def upgrade(db: sqlite_utils.Database) -> None:
    # IF NOT EXISTS / OR IGNORE: a file whose version number was set back (a repaired file,
    # a test's hand-made "old" file) may already have the table; its texts are kept.
    db.execute("""
        CREATE TABLE IF NOT EXISTS report_sections (
            key TEXT PRIMARY KEY,              -- outline position, e.g. "1.1.3.2"
            ord INTEGER NOT NULL,
            level INTEGER NOT NULL,            -- 0 preamble, 1 一、, 2 （一）, 3 1、, 4 （1）
            heading TEXT NOT NULL DEFAULT '',
            text TEXT,                         -- NULL: the program's draft
            figures_json TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT NOT NULL DEFAULT '',
            updated_by TEXT NOT NULL DEFAULT ''
        )""")
    db.conn.executemany(
        "INSERT OR IGNORE INTO report_sections (key, ord, level, heading) VALUES (?, ?, ?, ?)",
        [(key, ord_, level, heading) for ord_, (key, level, heading) in enumerate(OUTLINE)],
    )
