"""The one place that finds bundled resources (source tree or frozen exe) and user data."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "Jixiao"
APP_AUTHOR = "Jixiao"


def resources_dir() -> Path:
    """resources/ next to src/ in a checkout, or inside the PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def i18n_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "i18n"
    return Path(__file__).resolve().parents[2] / "i18n"


def templates_dir() -> Path:
    return resources_dir() / "templates"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def sample_dir() -> Path:
    return resources_dir() / "sample"


def user_data_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_config_dir() -> Path:
    path = Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_templates_dir() -> Path:
    path = user_data_dir() / "templates"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    # Beside the data (%APPDATA% on Windows), where a bureau's IT staff look for it.
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
