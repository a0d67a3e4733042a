"""Frozen entry point of jixiao-cli(.exe), the console program: the same CLI as `jixiao`.

`jixiao-cli --bundle-check` (packaging only, not part of the CLI) prints what the bundle
holds and what Qt loads from it — translations, the CJK font, resources — and exits 1 if
something is missing; the build scripts and IT staff use it to check an installation.
"""

from __future__ import annotations

import importlib
import json
import sys


def bundle_check() -> int:
    from jixiao import __version__, paths

    res = paths.resources_dir()
    checks: dict[str, object] = {
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "resources": str(res),
        "font": (paths.fonts_dir() / "wqy-microhei.ttc").is_file(),
        "sample": any(paths.sample_dir().glob("*.json")),
        "templates": sorted(p.stem for p in paths.templates_dir().glob("*.json")),
        "icon": (res / "icons" / "jixiao.png").is_file(),
        "i18n_qm": sorted(p.name for p in paths.i18n_dir().glob("*.qm")),
    }
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    checks["qt_translations"] = qt_dir
    checks["qtbase_zh_CN"] = QTranslator(app).load("qtbase_zh_CN", qt_dir)
    try:  # excluded from the bundle (offline by construction); importlib hides it from PyInstaller
        importlib.import_module("PySide6.QtNetwork")
        checks["qtnetwork_absent"] = False
    except ImportError:
        checks["qtnetwork_absent"] = True
    print(json.dumps(checks, ensure_ascii=False, indent=1))
    required = ("font", "sample", "templates", "icon", "qtbase_zh_CN")
    return 0 if all(checks[k] for k in required) else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--bundle-check"]:
        sys.exit(bundle_check())
    from jixiao.__main__ import main

    sys.exit(main())
