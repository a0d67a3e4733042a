"""JSON as the evaluation file stores it in text columns and the audit log: UTF-8 Chinese as
written, keys sorted (so equal values give equal text and a change shows as a change)."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> str:
    """Dates, Decimals and paths are written as their text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
