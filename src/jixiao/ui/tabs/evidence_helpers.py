"""Small helpers of the evidence tab: the project combo's （无） entry, extracted copies."""

from __future__ import annotations

import atexit
import shutil
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

_TEMP_DIRS: list[Path] = []


NO_PROJECT = -1  # the （无） entry of the project combo


def _project_id(data: object) -> int | None:
    return None if data in (NO_PROJECT, None) else int(data)  # type: ignore[arg-type]


def _cleanup_temp_dirs() -> None:
    # A viewer may still hold a file open (Windows): whatever cannot be removed stays.
    for folder in _TEMP_DIRS:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(_cleanup_temp_dirs)


def open_with_system_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0
