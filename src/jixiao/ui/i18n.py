"""Translations: English source strings, zh_CN by default, Qt's own qtbase too.

Each component of the UI has its own ``i18n/<component>_<lang>.ts`` (so tabs can be
translated independently); all ``*_<lang>.qm`` files found are loaded.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from jixiao import paths

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT_LANGUAGE = "zh_CN"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install translators for ``language`` and return them (keep them alive)."""
    installed: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in [("qtbase_" + language, qt_dir)] + [
        (qm.stem, str(qm.parent)) for qm in sorted(paths.i18n_dir().glob(f"*_{language}.qm"))
    ]:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
