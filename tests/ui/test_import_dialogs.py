"""The import dialogs with a bureau's own list: the yes/no table the user adjusts, the
score changes shown before importing, and the mapping remembered for the next list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from importers.hostile_files import bureau_rows, write_xlsx
from jixiao.ui.context import ChangeHub, TabContext
from jixiao.ui.dialogs.column_mapping_dialog import ColumnMappingDialog
from jixiao.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from jixiao.ui.fonts import ensure_cjk_font
from jixiao.ui.tabs.registry_tab import RegistryTab


@pytest.fixture
def tab(qtbot, sample_file) -> RegistryTab:
    ensure_cjk_font(QApplication.instance())
    ctx = TabContext(sample_file, QUndoStack(), ChangeHub())
    widget = RegistryTab(ctx)
    widget.show_error = lambda title, text: pytest.fail(text)  # type: ignore[method-assign]
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    return widget


def bureau_list(tmp_path: Path) -> Path:
    rows = bureau_rows()
    rows[5][6] = "基本完成"  # a word the program does not know: the user decides
    return write_xlsx(tmp_path / "项目完成情况.xlsx", rows)


def import_file(tab: RegistryTab, qtbot, path: Path):  # type: ignore[no-untyped-def]
    """The file is read on a worker thread, then mapped, previewed and stored."""
    with qtbot.waitSignal(tab.import_finished, timeout=30_000) as finished:
        tab.import_file(path)
    return finished.args[0]


def test_bureau_list_through_the_dialogs(
    tab: RegistryTab, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = bureau_list(tmp_path)
    shots: list[Path] = []
    seen: dict[str, object] = {}

    def answer(dialog: QDialog) -> int:
        dialog.show()
        if isinstance(dialog, ColumnMappingDialog):
            table = dialog.yes_no
            assert "基本完成" in table.unknown()  # shown, in red, not silently 否
            texts = [table.item(r, 0).text() for r in range(table.rowCount())]
            assert len(texts) >= 6 and table.unknown() == ["基本完成"]  # 是/√/已验收… known
            row = texts.index("基本完成")
            combo = table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            combo.setFocus()
            QTest.keyClick(combo, Qt.Key.Key_Down)  # (not recognised) → 是
            assert table.unknown() == []
            shots.append(tmp_path / "mapping.png")
            dialog.grab().save(str(shots[-1]))
            QTest.mouseClick(
                dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                Qt.MouseButton.LeftButton,
            )
            return dialog.result()
        assert isinstance(dialog, ImportPreviewDialog)
        if not dialog.preview.ok:
            # Row 6 says 基本完成: an error naming row and column, never read as 否.
            (error,) = dialog.preview.errors
            assert (error.row, error.value) == (6, "基本完成") and "是否完成" in error.column
            assert not dialog.import_button.isEnabled()
            monkeypatch.setattr(dialog, "exec_child", answer)
            QTest.mouseClick(dialog.remap, Qt.MouseButton.LeftButton)
        assert dialog.preview.ok and dialog.impact is not None and dialog.impact.changed
        codes = {c.code for c in dialog.impact.changes}
        assert {"B11", "B12"} <= codes  # 32 lists without 到位资金: B11 not derivable
        assert dialog.tabs.currentWidget() is dialog.changes  # the changes are shown first
        seen["impact"] = dialog.impact
        dialog.resize(1100, 640)
        shots.append(tmp_path / "preview.png")
        dialog.grab().save(str(shots[-1]))
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(tab, "exec_dialog", answer)
    report = import_file(tab, qtbot, path)
    assert report is not None and report.added == 32
    ef = tab.ctx.ef
    by_name = {p.name: p for p in ef.projects()}
    assert by_name["政务信息化项目04"].completed  # 基本完成 read as 是, as the user chose
    assert all(p.exists() and p.stat().st_size > 10_000 for p in shots)

    # The same headers again: the confirmed mapping and words are used without asking.
    asked: list[str] = []

    def only_preview(dialog: QDialog) -> int:
        asked.append(type(dialog).__name__)
        assert isinstance(dialog, ImportPreviewDialog) and dialog.preview.ok
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(tab, "exec_dialog", only_preview)
    assert import_file(tab, qtbot, path) is not None
    assert asked == ["ImportPreviewDialog"]
