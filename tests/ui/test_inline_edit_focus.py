"""Inline editing in the project registry as a person does it, in the whole main window:
select a cell, F2, type, then click another row (the editor commits on focus-out). The
first wave aborted here: the commit's change notice refreshed the evidence tab (and its combo)
while the item editor was still committing. Notices now reach other tabs on the next turn."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from jixiao.ui.models.projects_model import COL_NAME, COL_NOTE, COL_PAID


def cell_center(tab, row: int, column: int):
    index = tab.proxy.index(row, column)
    tab.table.scrollTo(index)
    return tab.table.visualRect(index).center()


def test_type_in_a_cell_then_click_another_row_many_rounds(main_window, qtbot) -> None:
    main_window.tabs.setCurrentIndex(1)  # build the evidence tab: it listens to project edits
    QApplication.processEvents()
    registry = main_window.tab(0)
    main_window.tabs.setCurrentWidget(registry)
    QApplication.processEvents()
    ids = [
        registry.proxy.index(r, COL_NAME).data(Qt.ItemDataRole.UserRole + 1).id for r in range(6)
    ]
    typed: dict[tuple[int, int], str] = {}
    for round_no in range(6):
        row = round_no % 3
        column = COL_NOTE if round_no % 2 == 0 else COL_PAID
        viewport = registry.table.viewport()
        QTest.mouseClick(
            viewport, Qt.MouseButton.LeftButton, pos=cell_center(registry, row, column)
        )
        QTest.keyClick(registry.table, Qt.Key.Key_F2)  # as a person opens the cell's editor
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit), type(editor)
        QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        text = f"第{round_no}轮备注" if column == COL_NOTE else f"{100 + round_no}"
        if column == COL_NOTE:
            editor.insert(text)  # Chinese as an input method commits it
        else:
            QTest.keyClicks(editor, text)
        typed[(ids[row], column)] = text
        # Click another row: the editor loses the focus and commits.
        QTest.mouseClick(
            viewport, Qt.MouseButton.LeftButton, pos=cell_center(registry, row + 3, COL_NAME)
        )
        qtbot.wait(5)
    ef = main_window.ef
    for (project_id, column), text in typed.items():
        project = ef.project(project_id)
        if column == COL_NOTE:
            assert project.note == text
        else:
            assert project.paid == Decimal(text)
    # Nothing landed on the rows that were clicked to move on.
    for project_id in ids[3:6]:
        assert ef.project(project_id).note == "" or "轮备注" not in ef.project(project_id).note
    assert main_window.undo.count() >= 3
