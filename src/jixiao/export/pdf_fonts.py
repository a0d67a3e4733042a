"""Pick and register the CJK font embedded (as a subset) in exported PDFs.

Official documents are usually set in 仿宋 or 宋体; on Windows those fonts are installed
and preferred. Everywhere else (and when they are missing) the bundled WenQuanYi Micro
Hei is used, so the PDF never depends on a font the reader's machine may lack.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from jixiao import paths

BUNDLED_FONT_FILE = "wqy-microhei.ttc"

# (file name, subfont index, label) in order of preference. simsun.ttc subfont 0 is 宋体.
OFFICIAL_FONTS: tuple[tuple[str, int, str], ...] = (
    ("simfang.ttf", 0, "仿宋"),
    ("simsun.ttc", 0, "宋体"),
)


@dataclass(frozen=True)
class FontChoice:
    """A font file (and subfont of a collection) and the name reportlab knows it by."""

    path: Path
    subfont_index: int
    label: str

    @property
    def reportlab_name(self) -> str:
        # One reportlab name per file+subfont, so two choices never clash in the registry.
        stem = "".join(ch for ch in self.path.stem if ch.isalnum())
        return f"Jixiao-{stem}-{self.subfont_index}"


def system_font_dirs() -> list[Path]:
    """Where official-document fonts are installed (only Windows ships them)."""
    if sys.platform != "win32":
        return []
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
    dirs = [Path(windir) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts installed "for this user only" on Windows 10+
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return dirs


def bundled_font() -> FontChoice:
    return FontChoice(paths.fonts_dir() / BUNDLED_FONT_FILE, 0, "文泉驿微米黑（内置）")


def find_font(
    search_dirs: Iterable[Path] | None = None, *, prefer_official: bool = True
) -> FontChoice:
    """The first official font found in ``search_dirs`` (default: the system's), else the
    bundled one."""
    if prefer_official:
        dirs = list(system_font_dirs() if search_dirs is None else search_dirs)
        for file_name, index, label in OFFICIAL_FONTS:
            for directory in dirs:
                candidate = _find_case_insensitive(Path(directory), file_name)
                if candidate is not None and _loads(candidate, index):
                    return FontChoice(candidate, index, label)
    return bundled_font()


def _find_case_insensitive(directory: Path, file_name: str) -> Path | None:
    direct = directory / file_name
    if direct.is_file():
        return direct
    try:
        for entry in directory.iterdir():
            if entry.name.lower() == file_name.lower() and entry.is_file():
                return entry
    except OSError:
        return None
    return None


@lru_cache(maxsize=16)
def _loads(path: Path, index: int) -> bool:
    """A damaged or non-TrueType file must not break the export: skip it."""
    try:
        TTFont("probe", str(path), subfontIndex=index)
    except Exception:
        return False
    return True


def register(choice: FontChoice) -> str:
    """Register ``choice`` with reportlab (once) and return its font name.

    reportlab embeds TrueType fonts as subsets of the glyphs actually used.
    """
    name = choice.reportlab_name
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(choice.path), subfontIndex=choice.subfont_index))
    return name


def missing_characters(text: str, choice: FontChoice) -> list[str]:
    """Characters of ``text`` the font has no glyph for (they would print as boxes)."""
    cmap = _cmap(choice.path, choice.subfont_index)
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})


@lru_cache(maxsize=8)
def _cmap(path: Path, index: int) -> frozenset[int]:
    # reportlab parsed the cmap when registering the font: reuse it (fontTools would take as
    # long again).
    font = pdfmetrics.getFont(register(FontChoice(path, index, "")))
    return frozenset(font.face.charToGlyph)


def replace_missing(text: str, choice: FontChoice, replacement: str = "?") -> str:
    """Keep output legible when a user typed a character the font lacks (rare symbols, emoji)."""
    missing = set(missing_characters(text, choice))
    if not missing:
        return text
    return "".join(replacement if ch in missing else ch for ch in text)
