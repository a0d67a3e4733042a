"""The report tab driven like a person: clicks in the outline, typing, focus moving away,
undo, a figure picked from the menu, and an export; the data lands where it was typed."""

from __future__ import annotations

from decimal import Decimal

from docx import Document
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from jixiao.storage import report_store
from jixiao.ui.context import What

KEY_FUNDS = "1.1.3.2"


def open_report_tab(window, qtbot):
    tabs = window.tabs
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) in ("Report", "报告"))
    bar = tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: tabs.currentIndex() == index)
    tab = window.tab(index)
    qtbot.waitUntil(tab.isVisible)  # the lazy tab's widget is shown by the next event loop pass
    assert tab.report is not None and "为强化财政支出预算管理" in tab.editor.toPlainText()
    return tab


def click_section(tab, key: str) -> None:
    tree = tab.outline
    item = tab._items[key]
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_text(widget, text: str) -> None:
    """ASCII as key presses; Chinese as a Chinese input method delivers it (a commit string)."""
    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def type_into_editor(tab, text: str) -> None:
    editor = tab.editor
    QTest.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text)


def test_type_a_figure_then_data_changes_and_it_is_flagged(main_window, qtbot, tmp_path) -> None:
    tab = open_report_tab(main_window, qtbot)
    click_section(tab, KEY_FUNDS)
    assert tab.current_key == KEY_FUNDS
    assert "预算执行率94.34%" in tab.preview_text()
    assert "{{预算执行率}}" in tab.editor.toPlainText()
    steps = main_window.undo.count()

    typed = "截至2021年12月31日实际支付项目资金{{实际支付}}万元，预算执行率94.34%。"
    type_into_editor(tab, typed)
    click_section(tab, "2.2")  # focus leaves the editor: the edit is saved as one undo step
    assert report_store.section(main_window.ef, KEY_FUNDS).text == typed
    assert main_window.undo.count() == steps + 1
    assert tab.current_key == "2.2"

    # Register an extra payment in the registry: figures follow, the typed one is flagged.
    project = next(p for p in main_window.ef.projects() if p.paid + 100 <= p.budget)
    main_window.ef.update_project(project.with_changes(paid=project.paid + Decimal(100)))
    main_window.hub.announce(What.PROJECTS)
    main_window.hub.flush()
    messages = [tab.checks.item(i).text() for i in range(tab.checks.count())]
    assert any("报告中的 94.34% 与当前数据 94.87% 不一致" in m for m in messages)
    assert "⚠" in tab._items[KEY_FUNDS].text(0)
    QTest.mouseClick(tab.whole, Qt.MouseButton.LeftButton)
    whole = tab.preview_text()
    assert "17,741.06" in whole and "17,641.06" not in whole

    # Clicking the finding goes to its section; undo brings back the generated sentence.
    item = tab.checks.item(0)
    rect = tab.checks.visualItemRect(item)
    QTest.mouseClick(tab.checks.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: tab.current_key == KEY_FUNDS)
    main_window.undo.undo()
    qtbot.waitUntil(lambda: "{{预算执行率}}" in tab.editor.toPlainText())
    assert report_store.section(main_window.ef, KEY_FUNDS).text is not None
    assert tab.checks.item(0).text().startswith(("No figure", "报告中没有"))

    tab.grab().save(str(tmp_path / "report_tab.png"))
    assert (tmp_path / "report_tab.png").stat().st_size > 10000


def test_pause_saves_insert_figure_from_menu_and_export(
    main_window, qtbot, tmp_path, monkeypatch
) -> None:
    tab = open_report_tab(main_window, qtbot)
    click_section(tab, "6.3")
    type_into_editor(tab, "本次评价得分")

    def pick() -> None:
        # The menu may open inside the click (a modal loop) or just after: answer it either way.
        menu = tab.figure_menu
        if not menu.isVisible() or not menu.actions():
            QTimer.singleShot(50, pick)
            return
        action = next(a for a in menu.actions() if a.text().startswith("综合评价绩效得分"))
        menu.setActiveAction(action)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(50, pick)
    QTest.mouseClick(tab.figure_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.editor.toPlainText() == "本次评价得分{{综合得分}}", timeout=5000)
    qtbot.waitUntil(lambda: not tab.figure_menu.isVisible())
    type_text(tab.editor, "分。")
    qtbot.waitUntil(
        lambda: report_store.section(main_window.ef, "6.3").text == "本次评价得分{{综合得分}}分。",
        timeout=5000,
    )
    qtbot.waitUntil(lambda: "本次评价得分90.23分。" in tab.preview_text())

    out = tmp_path / "报告.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    QTest.mouseClick(tab.word_button, Qt.MouseButton.LeftButton)
    assert out.exists()
    assert any(p.text == "本次评价得分90.23分。" for p in Document(str(out)).paragraphs)

    QTest.mouseClick(tab.draft_button, Qt.MouseButton.LeftButton)
    assert report_store.section(main_window.ef, "6.3").text is None
    assert tab.editor.toPlainText() == ""
    QApplication.processEvents()


def test_problems_from_deductions_are_appended_to_section_four(main_window, qtbot) -> None:
    tab = open_report_tab(main_window, qtbot)
    assert not tab.problems_button.isVisible()
    click_section(tab, "4")
    assert tab.problems_button.isVisible()
    steps = main_window.undo.count()
    QTest.mouseClick(tab.problems_button, Qt.MouseButton.LeftButton)
    stored = report_store.section(main_window.ef, "4").text or ""
    assert stored.startswith("（一）项目建设单位管理制度有待完善")  # the seed's text stays
    assert "（八）{{问题:D41}}" in stored and main_window.undo.count() == steps + 1
    assert "（八）满意度 87.58%" in tab.preview_text()
    main_window.undo.undo()
    qtbot.waitUntil(lambda: "{{问题:D41}}" not in tab.editor.toPlainText())


def test_signed_pdf_from_the_tab(main_window, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from jixiao.export.signing import create_self_signed_pkcs12, verify_pdf

    tab = open_report_tab(main_window, qtbot)
    p12 = create_self_signed_pkcs12(tmp_path / "u.pfx", "pw", common_name="王评价")
    out = tmp_path / "报告"  # typed without the suffix: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(p12), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("pw", True))
    QTest.mouseClick(tab.sign, Qt.MouseButton.LeftButton)
    assert tab.sign.isChecked()
    QTest.mouseClick(tab.pdf_button, Qt.MouseButton.LeftButton)
    report = verify_pdf(tmp_path / "报告.pdf")
    assert report.ok and report.signatures[0].signer == "王评价"
    assert "已导出" in main_window.statusBar().currentMessage()


def test_export_to_an_impossible_place_says_why_in_chinese(
    main_window, qtbot, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    tab = open_report_tab(main_window, qtbot)
    blocker = tmp_path / "not-a-folder.txt"
    blocker.write_text("x", encoding="utf-8")
    target = blocker / "报告.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    QTest.mouseClick(tab.word_button, Qt.MouseButton.LeftButton)
    assert shown and "not-a-folder.txt" in shown[0] and "无法写入" in shown[0]
    assert not target.exists() and tab.isVisible()


def test_resting_on_a_reference_shows_its_current_value(main_window, qtbot) -> None:
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    tab = open_report_tab(main_window, qtbot)
    click_section(tab, KEY_FUNDS)
    editor = tab.editor
    text = editor.toPlainText()
    cursor = editor.textCursor()
    cursor.setPosition(text.index("{{预算执行率}}") + 3)
    pos = editor.cursorRect(cursor).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, pos, editor.viewport().mapToGlobal(pos))
    QApplication.sendEvent(editor.viewport(), event)
    assert QToolTip.text() == "预算执行率：94.34%"
    plain = editor.textCursor()
    plain.setPosition(text.index("安排预算") + 1)
    assert editor.reference_at(editor.cursorRect(plain).center()) is None
