"""Shared fixtures. GUI tests run offscreen; every test gets fresh temporary files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("APPDATA", str(home / "appdata"))


@pytest.fixture(scope="session")
def _sample_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The Nanjing 2021 sample, built once per session (it takes a second or more)."""
    from jixiao.importers.sample import create_sample

    path = tmp_path_factory.mktemp("sample") / "nanjing-2021.jixiao"
    create_sample(path).close()
    return path.read_bytes()


@pytest.fixture
def sample_path(tmp_path: Path, _sample_bytes: bytes) -> Path:
    """A fresh copy of the Nanjing 2021 sample evaluation (its own file, free to change)."""
    path = tmp_path / "nanjing-2021.jixiao"
    path.write_bytes(_sample_bytes)
    return path


@pytest.fixture
def sample_file(sample_path: Path):
    from jixiao.storage.evaluation_file import EvaluationFile

    ef = EvaluationFile.open(sample_path, user="测试员")
    yield ef
    ef.close()


@pytest.fixture
def screenshot(tmp_path: Path):
    """``screenshot(widget, name, expect=[...])``: saves the painted widget into tmp_path (look
    at it with -p no:cacheprovider --basetemp=DIR) and checks it against what the user would
    see: a real size, not blank, and each expected text shown by some visible widget (labels,
    buttons, tabs, headers and cells of the models)."""
    from screens import grab_checked

    def take(widget, name: str, *, expect: tuple[str, ...] | list[str] = ()) -> Path:
        return grab_checked(widget, tmp_path / "screens" / f"{name}.png", expect)

    return take


@pytest.fixture
def zh_app(qapp):
    """The QApplication with the bundled font and the zh_CN translators, as the program starts."""
    from jixiao.ui.fonts import ensure_cjk_font
    from jixiao.ui.i18n import install_translators, remove_translators

    ensure_cjk_font(qapp)
    translators = install_translators(qapp, "zh_CN")
    yield qapp
    remove_translators(qapp, translators)


@pytest.fixture
def cjk_app(qapp):
    from jixiao.ui.fonts import ensure_cjk_font

    ensure_cjk_font(qapp)
    return qapp


@pytest.fixture
def main_window(cjk_app, qtbot, tmp_path, sample_path):
    """The whole main window on a fresh copy of the sample."""
    from jixiao.app import build_window
    from jixiao.storage.evaluation_file import EvaluationFile
    from jixiao.ui.settings import AppSettings

    window = build_window(cjk_app, AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.set_file(EvaluationFile.open(sample_path, user="测试员"))
    window.show()
    yield window
    window.close()


@pytest.fixture(autouse=True)
def _remove_window_translators():
    """Windows install translators on the shared QApplication; take them off after each test."""
    yield
    import sys

    app_module = sys.modules.get("jixiao.app")
    if app_module is not None:
        while app_module.ACTIVE_TRANSLATIONS:
            app_module.ACTIVE_TRANSLATIONS.pop().use("en")


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():
    """Qt objects in reference cycles must be freed on the GUI thread. Python's automatic GC
    runs in whichever thread happens to allocate, e.g. a worker rendering a PDF, and freeing a
    widget there crashes Qt; the app collects on the GUI thread (app.GarbageCollector), and so
    do the tests, after each one."""
    import gc

    gc.disable()
    yield
    # With the collector off during the test nothing was promoted, so the test's garbage is
    # all in the young generations: collecting those is enough and much cheaper than a full pass.
    gc.collect(1)
    gc.enable()
