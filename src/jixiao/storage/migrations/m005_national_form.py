"""Schema 005: the national 自评表 fields (主管部门/实施单位, 评价日期, 实际完成值 and 偏差原因 text, fund-source rows) (issue 16).

Reserved so that parallel work keeps one migration order; filled by the work on issue 16.
"""

from __future__ import annotations

import sqlite_utils


def upgrade(db: sqlite_utils.Database) -> None:
    del db
