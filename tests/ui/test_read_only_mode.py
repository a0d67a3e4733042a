"""Read-only is a mode: every tab is locked up front, not refused after the click."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QLineEdit

from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.ui.main_window import TAB_FACTORIES
from jixiao.ui.read_only import editing_controls

SHOTS = Path(os.environ.get("JIXIAO_SHOTS", "")) if os.environ.get("JIXIAO_SHOTS") else None


def _deepest_first(view: QAbstractItemView) -> QModelIndex:
    model = view.model()
    index = model.index(0, 0) if model is not None else QModelIndex()
    while index.isValid() and model.rowCount(index) > 0:
        index = model.index(0, 0, index)
    return index


def _visit_every_tab(window, tmp_path: Path, tag: str) -> dict[str, list]:
    """Show each tab and select a leaf in each of its lists (buttons that depend on the
    selection enable themselves then), as a person clicking through would."""
    found = {}
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        tab = window.tab(i)
        for view in tab.findChildren(QAbstractItemView):
            if isinstance(view, QHeaderView) or not view.isVisible():
                continue
            index = _deepest_first(view)
            if index.isValid():
                view.setCurrentIndex(index)
                view.scrollTo(index)
                QTest.mouseClick(
                    view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
                )
        QApplication.processEvents()
        QApplication.processEvents()
        found[type(tab).__name__] = editing_controls(tab)
        shot = (SHOTS or tmp_path) / f"{tag}-{i}-{type(tab).__name__}.png"
        window.grab().save(str(shot))
    return found


def _describe(controls: list) -> list[str]:
    return [f"{type(c).__name__}:{getattr(c, 'text', lambda: '')()}" for c in controls]


def test_read_only_file_locks_every_tab_and_save_as_unlocks_the_copy(
    main_window, tmp_path: Path, sample_path: Path, monkeypatch
) -> None:
    window = main_window
    window.set_file(EvaluationFile.open(sample_path, readonly=True, readonly_reason="只读介质"))
    assert window.ef.readonly
    QApplication.processEvents()
    # Every tab's class defines set_read_only (the report tab too, when it lands).
    for i in range(window.tabs.count()):
        assert "set_read_only" in type(window.tab(i)).__dict__, type(window.tab(i)).__name__
    left = _visit_every_tab(window, tmp_path, "readonly")
    assert {name: _describe(c) for name, c in left.items() if c} == {}
    assert len(left) == window.tabs.count() == len(TAB_FACTORIES) + 1
    # The menu's editors and undo/redo are off; viewing, export, verification, 另存为 are on.
    assert not window.indicator_action.isEnabled()
    assert not window.properties_action.isEnabled()
    assert not any(a.isEnabled() for a in window.undo_actions)
    for action in (window.export_pdf_action, window.verify_pdf_action, window.save_as_action):
        assert action.isEnabled()
    score = window.score_tab
    assert score.pdf_button.isEnabled() and score.audit_button.isEnabled()
    registry = window.tab(0)
    assert registry.search.isEnabled() and not registry.search.isReadOnly()
    registry.search.setText("交通")  # filtering is viewing (QTest cannot type Chinese)
    assert registry.proxy.rowCount() < registry.model.rowCount()
    registry.search.clear()
    # A read-only text field still shows its text and can be copied from.
    fields = [w for w in score.editor.findChildren(QLineEdit) if w.isVisible()]
    assert fields and all(f.isReadOnly() for f in fields)

    copy = tmp_path / "可写副本.jixiao"
    window.save_as(copy)
    assert window.ef.path == copy and not window.ef.readonly
    QApplication.processEvents()
    after = _visit_every_tab(window, tmp_path, "writable")
    for name in ("RegistryTab", "EvidenceTab", "ScoreTab", "SurveyTab"):
        assert after[name], f"{name} has nothing editable on a writable copy"
    registry = window.tab(0)
    window.tabs.setCurrentIndex(0)
    registry.table.selectRow(0)
    assert registry.add_button.isEnabled() and registry.delete_button.isEnabled()
    assert window.indicator_action.isEnabled() and window.properties_action.isEnabled()


def test_unlocking_gives_controls_back_what_their_code_asked_for(main_window) -> None:
    registry = main_window.tab(0)
    main_window.tabs.setCurrentIndex(0)
    registry.table.selectRow(0)
    QApplication.processEvents()
    assert registry.delete_button.isEnabled()
    registry.set_read_only(True)
    assert not registry.delete_button.isEnabled() and not registry.add_button.isEnabled()
    registry.table.clearSelection()
    registry.table.selectRow(1)  # its selection handler re-enables the button: held off
    QApplication.processEvents()
    assert not registry.delete_button.isEnabled()
    assert editing_controls(registry) == []
    registry.set_read_only(False)
    assert registry.delete_button.isEnabled() and registry.add_button.isEnabled()


def test_keys_and_double_clicks_do_not_edit_a_read_only_file(main_window, sample_path) -> None:
    window = main_window
    window.set_file(EvaluationFile.open(sample_path, readonly=True, readonly_reason="只读介质"))
    opened: list[str] = []

    def close_any_modal() -> None:  # a form or question that opened would be a failure
        modal = QApplication.activeModalWidget()
        if modal is not None:
            opened.append(type(modal).__name__)
            modal.close()

    timer = QTimer()
    timer.timeout.connect(close_any_modal)
    timer.start(20)
    try:
        window.tabs.setCurrentIndex(0)
        registry = window.tab(0)
        registry.table.selectRow(0)
        registry.table.setFocus()
        for key in (Qt.Key.Key_Delete, Qt.Key.Key_Insert, Qt.Key.Key_Return):
            QTest.keyClick(registry.table, key)
        # Ctrl+N (新增项目 here) is off; the key falls through to File › New (a new file).
        QTest.keyClick(registry.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        window.tabs.setCurrentIndex(1)
        evidence = window.tab(1)
        evidence.items_view.setCurrentIndex(_deepest_first(evidence.items_view))
        QTest.keyClick(evidence.items_view, Qt.Key.Key_Delete)
        window.tabs.setCurrentIndex(2)
        survey = window.tab(2)
        first = survey.table.model().index(0, 0)
        survey.table.setCurrentIndex(first)
        QTest.mouseDClick(
            survey.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=survey.table.visualRect(first).center(),
        )
        QApplication.processEvents()
    finally:
        timer.stop()
    assert opened == ["NewEvaluationDialog"]
    assert len(window.ef.projects()) == 40
