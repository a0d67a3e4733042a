"""关于: version, and the licences of the bundled font and libraries."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from jixiao import __version__, paths

LIBRARIES = [
    ("PySide6-Essentials", "LGPL-3.0"),
    ("shiboken6", "LGPL-3.0"),
    ("sqlite-utils", "Apache-2.0"),
    ("reportlab", "BSD"),
    ("pyHanko", "MIT"),
    ("openpyxl", "MIT"),
    ("python-calamine", "MIT"),
    ("xlrd", "BSD"),
    ("charset-normalizer", "MIT"),
    ("platformdirs", "MIT"),
    ("fonttools", "MIT"),
]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "—"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("AboutDialog", "About Jixiao"))
        self.resize(620, 520)
        layout = QVBoxLayout(self)
        heading = QCoreApplication.translate(
            "AboutDialog", "Jixiao performance self-evaluation workbench"
        )
        version = QCoreApplication.translate("AboutDialog", "Version")
        offline = QCoreApplication.translate(
            "AboutDialog",
            "Works fully offline. Evaluation files (.jixiao) are single SQLite files.",
        )
        title = QLabel(
            f"<h2>{heading}</h2><p>{version} {__version__} · Qt {qVersion()}</p><p>{offline}</p>"
        )
        title.setWordWrap(True)
        layout.addWidget(title)
        text = QTextBrowser()
        rows = "".join(
            f"<tr><td>{name}</td><td>{_version(name)}</td><td>{lic}</td></tr>"
            for name, lic in LIBRARIES
        )
        font_licence = paths.fonts_dir() / "LICENSE-wqy-microhei.txt"
        font_heading, font_terms = (
            QCoreApplication.translate("AboutDialog", "Bundled font"),
            QCoreApplication.translate(
                "AboutDialog", "Apache License 2.0 or GPLv3 with font embedding exception."
            ),
        )
        licence_word, libraries, name_word = (
            QCoreApplication.translate("AboutDialog", "Licence text"),
            QCoreApplication.translate("AboutDialog", "Libraries"),
            QCoreApplication.translate("AboutDialog", "Name"),
        )
        licence_col = QCoreApplication.translate("AboutDialog", "Licence")
        text.setHtml(
            f"<h3>{font_heading}</h3><p>WenQuanYi Micro Hei 文泉驿微米黑 0.2.0-beta — {font_terms} "
            f"{licence_word}: {font_licence.name}</p>"
            f"<h3>{libraries}</h3><table cellpadding='3'><tr><th align='left'>{name_word}</th>"
            f"<th align='left'>{version}</th><th align='left'>{licence_col}</th></tr>{rows}</table>"
        )
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
