"""The national form's texts and properties, driven as a person does: typing under the score
form survives a rescore and lands on the indicator it was typed for; the properties dialog and
the texts are undone with Ctrl+Z and the sheet follows; 文件›新建 titles a file the way
`jixiao init` does."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from jixiao.storage.national_form import load_form, note_for
from jixiao.ui.context import What
from jixiao.ui.dialogs.evaluation_properties_dialog import EvaluationPropertiesDialog
from jixiao.ui.dialogs.new_evaluation_dialog import NewEvaluationDialog


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(1)


def type_text(widget: QWidget, text: str) -> None:
    """Typing as an input method commits it: QTest.keyClicks cannot send Chinese characters."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def click_row(window, code: str, qtbot) -> None:
    tree = window.score_tab.tree
    index = window.score_tab.model.index_for_code(code)
    tree.scrollTo(index)
    QTest.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )
    settle(qtbot)


def type_into(field: QWidget, text: str) -> None:
    click_into(field)
    assert field.hasFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field, Qt.Key.Key_Delete)
    QTest.keyClicks(field, text)


def open_score_tab(window, qtbot) -> None:
    window.tabs.setCurrentWidget(window.score_tab)
    window.activateWindow()
    settle(qtbot)


def click_into(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))


def press(window, qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    window.activateWindow()
    settle(qtbot)
    target = QApplication.focusWidget() or window
    QTest.keyClick(target, key, modifier)
    settle(qtbot)


def test_texts_typed_then_a_score_entered_are_kept_and_stored(main_window, qtbot) -> None:
    """The bug: the rescore after a score edit refilled the texts from the file."""
    open_score_tab(main_window, qtbot)
    tab = main_window.score_tab
    click_row(main_window, "A22", qtbot)
    click_into(tab.texts.actual_edit)
    type_text(tab.texts.actual_edit, "有效")
    type_into(tab.editor._fields["score"], "1.3")  # a click into the score form
    QTest.keyClick(tab.editor._fields["score"], Qt.Key.Key_Return)
    settle(qtbot)
    assert main_window.ef.input_for("A22")["score"] == "1.3"
    assert tab.texts.actual_edit.text() == "有效"
    assert note_for(main_window.ef, "A22").actual == "有效"  # stored on focus-out


def test_unsaved_typing_survives_a_change_from_elsewhere(main_window, qtbot) -> None:
    open_score_tab(main_window, qtbot)
    tab = main_window.score_tab
    click_row(main_window, "A22", qtbot)
    texts = tab.texts
    QTest.mouseClick(texts.deviation_edit.viewport(), Qt.MouseButton.LeftButton)
    type_text(texts.deviation_edit, "加强管理")
    assert texts.deviation_edit.hasFocus()
    # Another tab stores a score meanwhile (the registry, an import): the sheet rescores.
    main_window.ef.set_input("D11", {"count": 1})
    main_window.ctx.hub.announce(What.INPUTS)
    settle(qtbot)
    assert tab._sheet.by_code()["D11"].score == main_window.ef.score_sheet().by_code()["D11"].score
    assert texts.deviation_edit.toPlainText() == "加强管理"  # not refilled from the file
    assert note_for(main_window.ef, "A22").deviation == ""  # not stored yet
    QTest.keyClick(texts.deviation_edit, Qt.Key.Key_Tab)  # leaving the field stores it
    settle(qtbot)
    assert note_for(main_window.ef, "A22").deviation == "加强管理"


def test_texts_land_on_the_indicator_they_were_typed_for_and_undo(main_window, qtbot) -> None:
    open_score_tab(main_window, qtbot)
    tab = main_window.score_tab
    texts = tab.texts
    click_row(main_window, "A22", qtbot)
    click_into(texts.actual_edit)
    type_text(texts.actual_edit, "≥266米")
    click_row(main_window, "B22", qtbot)  # focus-out and the new row in one click
    assert note_for(main_window.ef, "A22").actual == "≥266米"
    assert note_for(main_window.ef, "B22").actual == ""
    assert tab.current_code() == "B22" and texts.actual_edit.text() == ""
    # Typed for B22, then the selection moves by program (no focus-out first).
    click_into(texts.actual_edit)
    type_text(texts.actual_edit, "75元")
    tab.select_code("D11")
    settle(qtbot)
    assert note_for(main_window.ef, "B22").actual == "75元"
    assert note_for(main_window.ef, "D11").actual == ""
    click_row(main_window, "A22", qtbot)
    assert texts.actual_edit.text() == "≥266米"
    # Ctrl+Z takes back B22's text, then A22's; the field shown follows.
    assert main_window.undo.undoText() == "修改 B22 的自评表文字"
    press(main_window, qtbot, Qt.Key.Key_Z)
    assert note_for(main_window.ef, "B22").actual == ""
    press(main_window, qtbot, Qt.Key.Key_Z)
    assert note_for(main_window.ef, "A22").actual == ""
    assert texts.actual_edit.text() == ""
    press(main_window, qtbot, Qt.Key.Key_Y)
    assert note_for(main_window.ef, "A22").actual == "≥266米"
    assert texts.actual_edit.text() == "≥266米"


def test_properties_dialog_is_undone_with_ctrl_z_and_the_sheet_follows(main_window, qtbot) -> None:
    open_score_tab(main_window, qtbot)
    tab = main_window.score_tab
    assert tab.warnings.isHidden()
    shown: list[EvaluationPropertiesDialog] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EvaluationPropertiesDialog)
        shown.append(dialog)
        click_into(dialog.text_edits["主管部门"])
        type_text(dialog.text_edits["主管部门"], "南京市大数据管理局")
        click_into(dialog.published_edit)
        QTest.keyClicks(dialog.published_edit, "95")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    main_window.properties_action.trigger()
    settle(qtbot)
    assert shown and shown[0].result() == shown[0].DialogCode.Accepted
    form = load_form(main_window.ef)
    assert form.text("主管部门") == "南京市大数据管理局" and str(form.published_total) == "95"
    assert not tab.warnings.isHidden() and "公布的总分 95.00" in tab.warnings.label.text()
    assert main_window.undo.undoText() == "修改评价属性"
    click_row(main_window, "A22", qtbot)
    press(main_window, qtbot, Qt.Key.Key_Z)
    form = load_form(main_window.ef)
    assert form.text("主管部门") == "" and form.published_total is None
    assert tab.warnings.isHidden()  # the sheet followed the undo
    press(main_window, qtbot, Qt.Key.Key_Y)
    assert load_form(main_window.ef).text("主管部门") == "南京市大数据管理局"
    assert not tab.warnings.isHidden()
    audit = [e for e in reversed(main_window.ef.audit_log()) if e.target == "form.主管部门"]
    assert [e.reason for e in audit] == ["评价属性", "撤销：评价属性", "评价属性"]


def test_unchanged_properties_push_nothing(main_window, qtbot) -> None:
    def ok() -> None:
        dialog = QApplication.activeModalWidget()
        button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    before = main_window.undo.count()
    QTimer.singleShot(0, ok)
    main_window.properties_action.trigger()
    assert main_window.undo.count() == before


def test_new_file_is_titled_as_jixiao_init_titles_it(main_window, qtbot, tmp_path) -> None:
    """文件›新建 through the real dialog: year + fund + the template's own title."""

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewEvaluationDialog)
        combo = dialog.template_combo
        names = [combo.itemData(i) for i in range(combo.count())]
        combo.setCurrentIndex(next(i for i, p in enumerate(names) if "national-2020" in p))
        click_into(dialog.fund_edit)
        type_text(dialog.fund_edit, "乡村振兴补助资金")
        dialog.year_spin.setValue(2023)
        click_into(dialog.path_edit)
        QTest.keyClick(dialog.path_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dialog.path_edit, str(tmp_path / "new.jixiao"))
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    QTimer.singleShot(0, fill)
    main_window.new_file()
    assert main_window.ef.path == tmp_path / "new.jixiao"
    title = main_window.ef.meta().title
    assert title == "2023年乡村振兴补助资金项目支出绩效自评表"
    from jixiao.core.national_form import evaluation_title
    from jixiao.importers import template_library

    system = template_library.resolve("national-2020")
    assert title == evaluation_title("乡村振兴补助资金", 2023, system.title)  # as `jixiao init`
