"""Typing into the score form and then moving on with a real click or Tab, as a person does.

The first wave crashed here (exit 139): the focus-out's editingFinished stored the value, the
rescore rebuilt the form and deleted the QLineEdit that was still emitting; the value could
also land on the newly selected indicator. These tests click the tree viewport, click into the
fields and press Tab for real, and check each value is stored on the indicator it was typed for.
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(1)


def click_row(window, code: str, qtbot) -> None:
    tree = window.score_tab.tree
    index = window.score_tab.model.index_for_code(code)
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot)


def type_into(field: QWidget, text: str) -> None:
    QTest.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(8, field.height() // 2))
    assert field.hasFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Delete)
    QTest.keyClicks(field, text)


def fields(window) -> dict:
    return window.score_tab.editor._fields


def open_score_tab(window, qtbot) -> None:
    window.tabs.setCurrentWidget(window.score_tab)
    window.activateWindow()
    settle(qtbot)


def test_issue_repro_a22_b22_d11_rounds(main_window, qtbot) -> None:
    """The steps of the issue: type, click the next row; A22 → B22 → D11 → A22 … ."""
    open_score_tab(main_window, qtbot)
    tab = main_window.score_tab
    values = {"A22": ["1.3", "1.5", "1.4"], "B22": ["8.5", "9", "7"], "D11": ["1", "0", "2"]}
    order = ["A22", "B22", "D11"] * 3 + ["A22"]
    click_row(main_window, order[0], qtbot)
    for round_no, (code, nxt) in enumerate(itertools.pairwise(order)):
        assert tab.current_code() == code
        field = fields(main_window)["count" if code == "D11" else "score"]
        value = values[code][round_no // 3]
        type_into(field, value)
        click_row(main_window, nxt, qtbot)
        assert tab.current_code() == nxt
        stored = main_window.ef.input_for(code)
        got = stored["count"] if code == "D11" else stored["score"]
        assert str(got) == value, (round_no, code, stored)
    # Nothing leaked onto the neighbours.
    assert main_window.ef.input_for("D11") == {"count": 2}
    assert main_window.ef.input_for("B22")["score"] == "7"
    assert tab.model.index_for_code("B22").isValid()


def _edit_checklist(window) -> tuple[str, object]:
    box = fields(window)["met"][0]
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    return "met", [False, True, True, True, True]


def _edit_rate(window) -> tuple[str, object]:
    type_into(fields(window)["value"], "")
    type_into(fields(window)["numerator"], "9")
    type_into(fields(window)["denominator"], "10")
    return "denominator", "10"


def _edit_deduction(window) -> tuple[str, object]:
    type_into(fields(window)["count"], "2")
    return "count", 2


def _edit_binary(window) -> tuple[str, object]:
    box = fields(window)["met"]
    assert isinstance(box, QCheckBox)
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    return "met", False


def _edit_qualitative(window) -> tuple[str, object]:
    type_into(fields(window)["score"], "1.3")
    return "score", "1.3"


def _edit_manual(window) -> tuple[str, object]:
    type_into(fields(window)["score"], "8.5")
    return "score", "8.5"


def _edit_bands(window) -> tuple[str, object]:
    type_into(fields(window)["numerator"], "95")
    return "numerator", "95"


KINDS = {
    "checklist": ("A11", _edit_checklist),
    "rate": ("D15", _edit_rate),
    "deduction": ("D12", _edit_deduction),
    "binary": ("D21", _edit_binary),
    "qualitative": ("A22", _edit_qualitative),
    "manual": ("B22", _edit_manual),
    "bands": ("D41", _edit_bands),
}


@pytest.mark.parametrize("move", ["click", "tab"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_rule_kind_keeps_the_value_on_its_indicator(
    main_window, qtbot, kind: str, move: str
) -> None:
    code, edit = KINDS[kind]
    if kind == "bands":  # computed from the survey until a person replaces the figures
        main_window.ef.set_input(
            code, {"numerator": "90", "denominator": "100", "replace_derived": "以抽样为准"}
        )
        main_window.score_tab.refresh()
    open_score_tab(main_window, qtbot)
    tab = main_window.score_tab
    assert main_window.ef.system().find(code).rule.kind == kind
    for round_no in range(3):
        click_row(main_window, code, qtbot)
        assert tab.current_code() == code
        key, expected = edit(main_window)
        if move == "click":
            neighbour = "D14" if code != "D14" else "D13"
            click_row(main_window, neighbour, qtbot)
            assert tab.current_code() == neighbour
        else:
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            settle(qtbot)
            assert tab.current_code() == code
        stored = main_window.ef.input_for(code) or {}
        assert stored.get(key) == expected, (round_no, stored)
        if kind in ("checklist", "binary"):  # a click toggles: put it back for the next round
            main_window.ef.set_input(code, main_window.ef.input_for(code) or None)
            if kind == "checklist":
                main_window.ef.set_input(code, {"met": [True] * 5})
            else:
                main_window.ef.set_input(code, {"met": True})
            tab.refresh()
    assert main_window.ef.input_for("D14") == {"count": 0}
    assert main_window.ef.input_for("D13") == {"count": 0}
