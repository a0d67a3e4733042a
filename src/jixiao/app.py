"""Bootstrap of the desktop program: arguments, logging, fonts, translations, main window."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from jixiao import __version__, paths
from jixiao.ui.errors import install_excepthook
from jixiao.ui.fonts import ensure_cjk_font
from jixiao.ui.garbage import GarbageCollector
from jixiao.ui.i18n import install_translators, remove_translators
from jixiao.ui.main_window import MainWindow
from jixiao.ui.settings import AppSettings

log = logging.getLogger("jixiao")


QT_OPTIONS_WITH_VALUE = {
    "-platform",
    "-style",
    "-qwindowgeometry",
    "-qwindowtitle",
    "-qwindowicon",
    "-platformpluginpath",
    "-platformtheme",
    "-plugin",
    "-stylesheet",
    "-display",
}


def split_qt_args(argv: list[str]) -> tuple[list[str], list[str]]:
    """Separate Qt's own options (``-platform offscreen``) from ours."""
    ours, qt = [], []
    it = iter(argv)
    for arg in it:
        if arg in QT_OPTIONS_WITH_VALUE:
            qt += [arg, next(it, "")]
        elif arg in ("-reverse", "-widgetcount"):
            qt.append(arg)
        else:
            ours.append(arg)
    return ours, qt


def parse_args(argv: list[str]) -> argparse.Namespace:
    """``jixiao``, ``jixiao gui [FILE]``, ``jixiao FILE.jixiao`` (how Windows passes a double-clicked
    file) and ``--smoke-test``."""
    if argv[:1] == ["gui"]:
        argv = argv[1:]
    parser = argparse.ArgumentParser(prog="jixiao", description="绩效自评工作台")
    parser.add_argument("file", nargs="?", help="评价文件（.jixiao）")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="build the window on a copy of the sample, paint, exit",
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    return parser.parse_args(argv)


def setup_logging() -> Path:
    import logging.handlers

    log_file = paths.log_dir() / "jixiao.log"
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    enable_crash_traces(log_file)
    return log_file


# Open for the life of the process: faulthandler writes to its descriptor on a hard crash.
_CRASH_STREAM: list = []


def enable_crash_traces(log_file: Path) -> None:
    """Even a segmentation fault leaves the Python stacks in the log. In the windowed exe
    there is no stderr (None): what would go there goes to the log as well."""
    import faulthandler

    stream = open(log_file, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 (kept open)
    _CRASH_STREAM.append(stream)
    faulthandler.enable(file=stream, all_threads=True)
    if sys.stderr is None:
        sys.stderr = stream


ACTIVE_TRANSLATIONS: list[Translations] = []


class Translations:
    """Keeps the installed translators so the language can be switched at run time."""

    def __init__(self, app: QApplication):
        self.app = app
        self.installed: list = []
        ACTIVE_TRANSLATIONS.append(self)

    def use(self, language: str) -> None:
        remove_translators(self.app, self.installed)
        self.installed = install_translators(self.app, language)


def build_window(app: QApplication, settings: AppSettings) -> MainWindow:
    translations = Translations(app)
    translations.use(settings.language)
    window = MainWindow(settings, retranslate=translations.use)
    window._translations = translations  # keep alive with the window
    return window


def smoke_test(app: QApplication) -> int:
    """Build the whole window on a temporary copy of the sample, paint every tab, exit 0."""
    from jixiao.importers.sample import create_sample
    from jixiao.storage.evaluation_file import EvaluationFile

    started = time.perf_counter()
    # ignore_cleanup_errors: on Windows a failure inside would otherwise be buried under a
    # "file in use" error from removing the temporary folder.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        path = Path(tmp) / "smoke.jixiao"
        create_sample(path).close()
        settings = AppSettings(Path(tmp) / "settings.ini")
        window = build_window(app, settings)
        window.set_file(EvaluationFile.open(path))
        window.show()
        app.processEvents()
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            app.processEvents()
            window.grab()
        total = window.score_tab.summary.total_text()
        window.close()
        app.processEvents()
    line = f"SMOKE-OK {total} platform={app.platformName()} elapsed={time.perf_counter() - started:.2f}s"
    # A console that cannot encode Chinese (cp1252 pipe) must not turn success into a crash.
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    print(line.encode(encoding, errors="replace").decode(encoding), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    ours, qt_args = split_qt_args(argv)
    args = parse_args(ours)
    setup_logging()
    QCoreApplication.setOrganizationName("Jixiao")
    QCoreApplication.setApplicationName("Jixiao")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    collector = GarbageCollector(app)  # noqa: F841  (lives as long as the app)
    ensure_cjk_font(app)
    if args.smoke_test:
        return smoke_test(app)
    settings = AppSettings()
    window = build_window(app, settings)
    install_excepthook(lambda: window)
    window.show()
    QTimer.singleShot(0, lambda: open_initial_file(window, settings, args.file))
    return app.exec()


def open_initial_file(window: MainWindow, settings: AppSettings, file: str | None) -> None:
    if file:
        window.open_path(Path(file))
        return
    last = settings.last_file
    if last and Path(last).exists() and window.open_path(Path(last)):
        return
    answer = QMessageBox.question(
        window,
        QCoreApplication.translate("MainWindow", "Welcome"),
        QCoreApplication.translate(
            "MainWindow",
            "No evaluation is open. Open the built-in sample evaluation "
            "(2021 Nanjing e-government fund)?",
        ),
    )
    if answer == QMessageBox.StandardButton.Yes:
        window.open_sample()


if __name__ == "__main__":
    sys.exit(main())
