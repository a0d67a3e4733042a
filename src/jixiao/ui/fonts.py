"""Make Chinese render everywhere: register the bundled CJK font when the system has none."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from jixiao import paths

BUNDLED_FONT_FILE = "wqy-microhei.ttc"
BUNDLED_FAMILY = "WenQuanYi Micro Hei"


def system_has_cjk_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def register_bundled_font() -> list[str]:
    font_id = QFontDatabase.addApplicationFont(str(paths.fonts_dir() / BUNDLED_FONT_FILE))
    return QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []


def ensure_cjk_font(app: QApplication) -> str:
    """Return the family used for the UI. Windows keeps its own UI font (Microsoft YaHei UI);
    elsewhere the bundled font is registered and made the default when no CJK font exists."""
    if sys.platform == "win32" and system_has_cjk_font():
        return app.font().family()
    had_cjk = system_has_cjk_font()
    families = register_bundled_font()
    if not had_cjk and families:
        font = QFont(families[0])
        font.setPointSizeF(max(app.font().pointSizeF(), 9.5))
        app.setFont(font)
        return families[0]
    return app.font().family()
