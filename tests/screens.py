"""Screenshots that are checked, not just written: size, ink, and the texts a user would read.

PNGs go under the test's tmp_path (never into the repository)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PIL import Image


def assert_png_shows_something(path: Path, *, min_size: tuple[int, int] = (200, 150)) -> None:
    """A real picture: at least ``min_size`` pixels and neither one flat colour nor almost so
    (at least 1 % of the pixels differ from the most common one, the background)."""
    with Image.open(path) as image:
        assert image.width >= min_size[0] and image.height >= min_size[1], image.size
        rgb = image.convert("RGB")
        colours = rgb.getcolors(rgb.width * rgb.height) or []
    background = max(count for count, _ in colours)
    ink = 1 - background / (rgb.width * rgb.height)
    assert len(colours) > 8 and ink > 0.01, f"{path.name}: blank ({len(colours)} colours)"


def visible_texts(widget) -> list[str]:
    """What a person can read in ``widget``: its title and its visible labels, buttons, fields,
    tabs, group titles, and the headers and first rows of item views."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabBar,
        QTextEdit,
        QWidget,
    )

    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if child is not widget and not child.isVisibleTo(widget):
            continue
        texts.append(child.accessibleName())
        if isinstance(child, QLabel | QAbstractButton | QLineEdit):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QComboBox):
            texts.append(child.currentText())
        elif isinstance(child, QTextEdit | QPlainTextEdit):
            texts.append(child.toPlainText())
        elif isinstance(child, QTabBar):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # QAbstractListModel keeps columnCount private: one column
                columns = 1
            texts += [
                str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)
            ]
            texts += _model_texts(model, QModelIndex(), columns, depth=3)
    return [t for t in texts if t]


def _model_texts(model, parent, columns: int, depth: int) -> list[str]:
    """Cells of the first rows, and of their children in a tree (expanded or not)."""
    texts = []
    for row in range(min(model.rowCount(parent), 60)):
        for column in range(max(columns, 1)):
            texts.append(str(model.index(row, column, parent).data() or ""))
        if depth > 1:
            child = model.index(row, 0, parent)
            texts += _model_texts(model, child, columns, depth - 1)
    return texts


def grab_checked(widget, path: Path, expect: Iterable[str] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path)), path
    assert_png_shows_something(path)
    texts = visible_texts(widget)
    missing = [e for e in expect if not any(e in t for t in texts)]
    assert not missing, f"{path.name}: not shown: {missing}"
    # Chinese is drawn from the bundled font (no tofu): checked where the font is registered
    # (tests/ui/test_fonts*), here only that Chinese text was meant to be on screen.
    return path
