"""Column mappings the user confirmed, remembered per header set.

A bureau sends the same list every year: once its columns are matched (and its yes/no words
told), the next import of a list with the same headers uses that mapping. The memory is a
JSON file in the user's config directory (platformdirs; %APPDATA%\\Jixiao on Windows), keyed
by the hash of the normalised header row; it never leaves the machine and holds no data
values except the yes/no words the user added.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from jixiao.paths import user_config_dir

FILE_NAME = "column-mappings.json"
MAX_ENTRIES = 200


def header_key(headers: list[str]) -> str:
    normal = [" ".join(h.split()) for h in headers]
    while normal and not normal[-1]:
        normal.pop()
    return hashlib.sha256(json.dumps(normal, ensure_ascii=False).encode()).hexdigest()[:32]


def _path() -> Path:
    return user_config_dir() / FILE_NAME


def _load() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def recall(headers: list[str]) -> tuple[dict[int, str], dict[str, bool]] | None:
    """(column → field, yes/no words) remembered for this header row, or None."""
    entry = _load().get(header_key(headers))
    if not isinstance(entry, dict):
        return None
    try:
        mapping = {int(c): str(f) for c, f in dict(entry.get("mapping", {})).items()}
        words = {str(k): bool(v) for k, v in dict(entry.get("words", {})).items()}
    except (TypeError, ValueError):
        return None
    if any(c >= len(headers) for c in mapping):
        return None
    return mapping, words


def remember(headers: list[str], mapping: dict[int, str], words: dict[str, bool]) -> None:
    """Store the confirmed mapping; a write failure only loses the convenience."""
    data = _load()
    data.pop(header_key(headers), None)
    data[header_key(headers)] = {
        "headers": headers[:60],
        "mapping": {str(c): f for c, f in sorted(mapping.items())},
        "words": words,
    }
    while len(data) > MAX_ENTRIES:
        data.pop(next(iter(data)))
    path = _path()
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
