"""Numbered schema migrations. ``PRAGMA user_version`` holds the number of the last one applied.

Never edit a migration that has shipped: add the next number instead.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from jixiao.storage.migrations import (
    m001_base,
    m002_evidence,
    m003_surveys,
    m004_trust,
    m005_national_form,
    m006_report,
)

Migration = Callable[[sqlite_utils.Database], None]

MIGRATIONS: list[Migration] = [
    m001_base.upgrade,
    m002_evidence.upgrade,
    m003_surveys.upgrade,
    m004_trust.upgrade,
    m005_national_form.upgrade,
    m006_report.upgrade,
]

SCHEMA_VERSION = len(MIGRATIONS)
