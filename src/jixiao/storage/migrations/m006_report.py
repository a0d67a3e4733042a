"""Schema 006: the 绩效自评价报告 outline and section texts (issue 17).

Reserved so that parallel work keeps one migration order; filled by the work on issue 17.
"""

from __future__ import annotations

import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    del db
