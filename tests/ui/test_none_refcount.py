"""PySide6-Essentials 6.12.0 dropped one reference to None each time QComboBox.currentData()
or itemData() returned None; after enough refreshes the interpreter aborted with
"Fatal Python error: none_dealloc". constraints.txt pins a release without the regression and
the combos hold no None as item data; these tests fail if either slips."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox

from jixiao.ui.dialogs.project_dialog import ProjectDialog

CALLS = 3000


def _drift(combos: list[QComboBox]) -> int:
    before = sys.getrefcount(None)
    for _ in range(CALLS // max(1, len(combos))):
        for combo in combos:
            combo.currentData()
            for i in range(combo.count()):
                combo.itemData(i)
    return sys.getrefcount(None) - before


def test_none_refcount_is_stable_over_the_main_windows_combos(main_window) -> None:
    for index in range(main_window.tabs.count()):
        main_window.tab(index)  # build every tab
    combos = main_window.findChildren(QComboBox)
    assert len(combos) >= 5
    empty = QComboBox()  # no items: currentData() returns None, the worst case
    empty.addItem("无数据")  # an item without data: itemData() returns None too
    drift = _drift([*combos, empty])
    # A few references come and go with the interpreter's own work; the regression lost one
    # per call, i.e. thousands here.
    assert abs(drift) < 100, f"sys.getrefcount(None) drifted by {drift}"


def test_combos_we_read_hold_no_none_as_item_data(main_window, qtbot) -> None:
    evidence = main_window.tab(1)
    evidence.select_indicator("C21")
    combo = evidence.project_combo
    assert combo.count() == 41
    assert all(combo.itemData(i) is not None for i in range(combo.count()))
    project = main_window.ef.projects()[0]
    dialog = ProjectDialog(project)
    qtbot.addWidget(dialog)
    on_time = dialog.on_time
    assert all(on_time.itemData(i) is not None for i in range(on_time.count()))
    on_time.setCurrentIndex(0)
    dialog.accept()
    assert dialog.project().on_time is None
