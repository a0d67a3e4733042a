"""The one place that finds bundled resources (installed, editable or frozen) and user data."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "Jixiao"
APP_AUTHOR = "Jixiao"


def _bundled(name: str) -> Path:
    """jixiao/<name> from the package: a wheel and the PyInstaller bundle hold it inside the
    package directory; an editable install maps the repository's top-level <name>/ to the
    package jixiao.<name> (pyproject.toml's package-dir), found through the import system.
    Installed packages are plain directories (never zipped), so the result is a real path that
    Qt and reportlab can open."""
    inside = resources.files("jixiao") / name
    if inside.is_dir():
        return Path(str(inside))
    try:
        return Path(str(resources.files(f"jixiao.{name}")))
    except ModuleNotFoundError:  # an editable install made before the mapping existed
        raise RuntimeError(
            f"jixiao/{name} is not installed with the package: run `pip install -e .` again"
        ) from None


def resources_dir() -> Path:
    """Fonts, icons, sample data and evaluation templates."""
    return _bundled("resources")


def i18n_dir() -> Path:
    """The compiled translations (*.qm)."""
    return _bundled("i18n")


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
