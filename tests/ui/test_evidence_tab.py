"""The 佐证材料 tab, driven as a user would: dialogs and the system viewer are injected."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QApplication

from jixiao.core.evidence import STATUS_MISSING, STATUS_NA, STATUS_PROVIDED
from jixiao.storage import evidence as store
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.ui.context import CHANGED_EVIDENCE, ChangeHub, TabContext
from jixiao.ui.models.evidence_model import FILE_ID_ROLE
from jixiao.ui.tabs.evidence_tab import EvidenceTab

ROOT = Path(__file__).resolve().parents[2]


def settle() -> None:
    """Let the change notices reach the tabs (they are delivered on the next loop turn)."""
    QApplication.processEvents()


class Recorder:
    def __init__(self) -> None:
        self.messages: list[tuple[str, bool]] = []
        self.opened: list[tuple[Path, bytes]] = []
        self.confirm_answer = True
        self.confirmations: list[str] = []


@pytest.fixture
def tab(qtbot, sample_file: EvaluationFile):
    ctx = TabContext(sample_file, QUndoStack(), ChangeHub())
    widget = EvidenceTab(ctx)
    qtbot.addWidget(widget)
    rec = Recorder()
    widget.show_message = lambda title, text, error: rec.messages.append((text, error))

    def opener(path: Path) -> bool:
        rec.opened.append((path, path.read_bytes()))
        return True

    def confirm(title: str, text: str) -> bool:
        rec.confirmations.append(text)
        return rec.confirm_answer

    widget.opener = opener
    widget.confirm = confirm
    widget.rec = rec  # type: ignore[attr-defined]
    widget.resize(1200, 700)
    return widget


def attach(tab: EvidenceTab, qtbot, item: int, paths: list[Path]) -> int:
    """Attach as the tab does: files read and hashed on a worker thread, stored on the GUI
    thread; returns how many were attached."""
    with qtbot.waitSignal(tab.attached, timeout=30_000) as done:
        tab.attach_files(item, paths)
    settle()
    return done.args[0]


def item_id(tab: EvidenceTab, code: str, name: str) -> int:
    settle()
    return next(it.id for it in store.items(tab.ctx.ef, code) if it.name == name)


def test_models_pass_the_model_tester(
    tab: EvidenceTab, qtmodeltester, tmp_path: Path, qtbot
) -> None:
    tab.select_indicator("A12")
    attach(tab, qtbot, item_id(tab, "A12", "项目申报书"), [_file(tmp_path / "a.pdf", b"a")])
    qtmodeltester.check(tab.items_model)
    qtmodeltester.check(tab.tree_model)


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_shows_items_of_the_selected_indicator_and_overall_coverage(tab: EvidenceTab) -> None:
    total = len(store.items(tab.ctx.ef))
    assert f"0/{total} = 0.00%" in tab.coverage_label.text()
    tab.select_indicator("A12")
    assert tab.current_code() == "A12"
    names = [it.name for it in tab.items_model.items()]
    assert names == ["项目申报书", "立项批复文件", "可行性研究报告", "专家论证意见"]
    assert "A12" in tab.indicator_label.text() and "0/4" in tab.indicator_label.text()
    tab.select_indicator("D41")
    assert [it.name for it in tab.items_model.items()] == ["问卷及统计结果"]


def test_attach_with_the_dialog_open_and_remove(tab: EvidenceTab, qtbot, tmp_path: Path) -> None:
    content = os.urandom(20_000)
    src = _file(tmp_path / "立项批复（宁发改〔2021〕12号）.pdf", content)
    tab.select_indicator("A12")
    tab.select_item(item_id(tab, "A12", "立项批复文件"))
    tab.choose_files = lambda: [str(src)]
    with qtbot.waitSignal(
        tab.ctx.hub.changed, check_params_cb=lambda change: change.what == CHANGED_EVIDENCE
    ):
        tab.attach_dialog()

    it = next(i for i in tab.items_model.items() if i.name == "立项批复文件")
    assert it.status == STATUS_PROVIDED
    assert [f.original_name for f in it.files] == [src.name]
    assert it.files[0].attached_by == "测试员"
    assert "1/4" in tab.indicator_label.text()
    # The new file is selected: who attached it and when are shown in its row.
    index = tab.items_view.currentIndex()
    assert index.data(FILE_ID_ROLE) == it.files[0].id
    row = [tab.items_model.index(index.row(), col, index.parent()).data() for col in range(7)]
    assert row[0] == src.name and row[4] == "测试员" and row[5]

    path = tab.open_selected()
    ((opened_path, opened_bytes),) = tab.rec.opened
    assert opened_path == path and opened_path.name == src.name
    assert opened_bytes == content  # the extracted copy equals what was attached

    tab.rec.confirm_answer = False
    assert not tab.remove_selected_file()
    assert store.item(tab.ctx.ef, it.id).files  # nothing removed without confirmation
    tab.rec.confirm_answer = True
    qtbot.keyClick(tab.items_view, Qt.Key.Key_Delete)  # the Delete key asks, then removes
    assert src.name in tab.rec.confirmations[-1]
    after = store.item(tab.ctx.ef, it.id)
    assert after.files == () and after.status == STATUS_MISSING
    assert store.blob_count(tab.ctx.ef) == 0


def drag_pos(pos):
    """QDragEnterEvent/QDragMoveEvent take a QPoint up to PySide6 6.11, a QPointF from 6.12."""
    try:
        QDragMoveEvent(
            QPoint(),
            Qt.DropAction.CopyAction,
            QMimeData(),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        return QPoint(pos)
    except TypeError:
        return QPointF(pos)


def _drop(widget, pos, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        drag_pos(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(
        drag_pos(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, move)
    assert move.isAccepted()
    drop = QDropEvent(
        QPointF(pos),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def test_drag_and_drop_files_onto_an_item(tab: EvidenceTab, qtbot, tmp_path: Path) -> None:
    tab.show()
    qtbot.waitExposed(tab)
    tab.select_indicator("A12")
    target = tab.items_model.item_row(item_id(tab, "A12", "可行性研究报告"))
    pos = tab.items_view.visualRect(target).center()
    files = [
        _file(tmp_path / "可研报告 第1册.pdf", b"one"),
        _file(tmp_path / "可研报告 第2册.pdf", b"two"),
    ]
    with qtbot.waitSignal(tab.attached, timeout=30_000):
        _drop(tab.items_view.viewport(), pos, files)
    settle()
    it = store.item(tab.ctx.ef, item_id(tab, "A12", "可行性研究报告"))
    assert sorted(f.original_name for f in it.files) == ["可研报告 第1册.pdf", "可研报告 第2册.pdf"]
    assert it.status == STATUS_PROVIDED
    assert tab.rec.messages == []


def test_text_drops_are_refused(tab: EvidenceTab) -> None:
    mime = QMimeData()
    mime.setText("not a file")
    enter = QDragEnterEvent(
        drag_pos(QPoint(10, 10)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(tab.items_view.viewport(), enter)
    assert not enter.isAccepted()


def test_dropping_an_unreadable_file_reports_it_and_keeps_the_others(
    tab: EvidenceTab, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab.show()
    qtbot.waitExposed(tab)
    tab.select_indicator("D41")
    good = _file(tmp_path / "问卷统计.xlsx", b"ok")
    bad = _file(tmp_path / "被锁定的问卷.xlsx", b"locked")

    def opener(path: Path):
        if path.name == bad.name:
            raise PermissionError(13, "denied")
        return path.open("rb")

    tab.opener_rb = opener
    # Dropped on empty space below the only item: it goes to that item.
    pos = tab.items_view.viewport().rect().bottomLeft() + QPoint(20, -5)
    with qtbot.waitSignal(tab.attached, timeout=30_000):
        _drop(tab.items_view.viewport(), pos, [good, bad])
    it = store.item(tab.ctx.ef, item_id(tab, "D41", "问卷及统计结果"))
    assert [f.original_name for f in it.files] == ["问卷统计.xlsx"]
    ((text, error),) = tab.rec.messages
    assert error and "被锁定的问卷.xlsx" in text


def test_large_file_shows_progress_and_can_be_cancelled(
    tab: EvidenceTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    monkeypatch.setattr(store, "CHUNK_SIZE", 1024)
    src = _file(tmp_path / "大文件.bin", os.urandom(50_000))
    target = item_id(tab, "A31", "预算评审意见")
    # 取消 pressed while the file is being read: nothing is stored.
    with qtbot.waitSignal(tab.attached, timeout=30_000) as done:
        task = tab.attach_files(target, [src])
        task.cancel()
    assert done.args[0] == 0
    assert store.item(tab.ctx.ef, target).files == ()
    assert store.blob_count(tab.ctx.ef) == 0
    ((text, error),) = tab.rec.messages
    assert error and "cancelled" in text  # English source in tests
    # Without a cancel the progress runs to the end and the file is stored.
    shown: list[int] = []
    with qtbot.waitSignal(tab.attached, timeout=30_000) as done:
        task = tab.attach_files(target, [src])
        task.progress.connect(shown.append)
    assert done.args[0] == 1
    assert shown and shown[-1] == 1000 and shown == sorted(shown)
    assert store.item(tab.ctx.ef, target).files[0].size == 50_000


def test_status_and_note_edits_are_undoable(tab: EvidenceTab, qtbot) -> None:
    tab.select_indicator("A12")
    target = item_id(tab, "A12", "专家论证意见")
    # 不适用 without a reason is refused in place; nothing is pushed.
    assert not tab.set_status(target, STATUS_NA, "")
    assert tab.detail_error.text()
    assert tab.ctx.undo.count() == 0

    with qtbot.waitSignal(tab.ctx.hub.changed):
        assert tab.set_status(target, STATUS_NA, "投资额未达专家论证标准")
    assert store.item(tab.ctx.ef, target).status == STATUS_NA
    assert "0/3" in tab.indicator_label.text()  # 不适用 leaves the denominator

    tab.select_item(target)
    tab.note_edit.setText("见会议纪要")
    assert tab.apply_details()
    assert store.item(tab.ctx.ef, target).note == "见会议纪要"

    tab.ctx.undo.undo()
    assert store.item(tab.ctx.ef, target).note == ""
    tab.ctx.undo.undo()
    settle()
    it = store.item(tab.ctx.ef, target)
    assert (it.status, it.na_reason) == (STATUS_MISSING, "")
    assert "0/4" in tab.indicator_label.text()
    tab.ctx.undo.redo()
    assert store.item(tab.ctx.ef, target).status == STATUS_NA


def test_add_and_remove_items_with_undo(tab: EvidenceTab, tmp_path: Path, qtbot) -> None:
    tab.select_indicator("C21")
    tab.ask_text = lambda title, label, text: "  二期项目验收报告 "
    new_id = tab.add_item()
    assert new_id is not None
    assert [it.name for it in tab.items_model.items()] == ["各项目验收报告", "二期项目验收报告"]
    tab.ctx.undo.undo()
    settle()
    assert [it.name for it in tab.items_model.items()] == ["各项目验收报告"]
    tab.ctx.undo.redo()
    settle()
    assert store.item(tab.ctx.ef, new_id).name == "二期项目验收报告"  # same id back

    tab.select_item(new_id)
    assert tab.remove_item()
    assert [it.name for it in tab.items_model.items()] == ["各项目验收报告"]
    tab.ctx.undo.undo()
    settle()
    assert store.item(tab.ctx.ef, new_id).name == "二期项目验收报告"

    # An item with files goes only after a confirmation naming the files, and for good.
    attach(tab, qtbot, new_id, [_file(tmp_path / "验收.pdf", b"v")])
    tab.select_item(new_id)
    count = tab.ctx.undo.count()
    assert tab.remove_item()
    assert "1" in tab.rec.confirmations[-1]
    assert tab.ctx.undo.count() == count
    assert store.blob_count(tab.ctx.ef) == 0


def test_item_tied_to_a_project(tab: EvidenceTab) -> None:
    project = tab.ctx.ef.projects()[1]
    tab.select_indicator("C21")
    tab.select_item(item_id(tab, "C21", "各项目验收报告"))
    tab.project_combo.setCurrentIndex(tab.project_combo.findData(project.id))
    assert tab.apply_details()
    it = tab.items_model.items()[0]
    assert it.project_id == project.id
    assert tab.items_model.index(0, 2).data() == project.name


def verify(tab: EvidenceTab, qtbot):
    with qtbot.waitSignal(tab.verified, timeout=30_000) as done:
        tab.verify()
    return done.args[0]


def test_verify_button_reports_a_changed_blob(tab: EvidenceTab, tmp_path: Path, qtbot) -> None:
    tab.select_indicator("B12")
    attach(
        tab, qtbot, item_id(tab, "B12", "预算批复文件"), [_file(tmp_path / "批复.pdf", b"x" * 100)]
    )
    report = verify(tab, qtbot)
    assert report.ok and not tab.rec.messages[-1][1]
    tab.ctx.ef.db.execute("UPDATE blobs SET data = ?", [b"y" * 100])
    report = verify(tab, qtbot)
    text, error = tab.rec.messages[-1]
    assert not report.ok and error and "批复.pdf" in text


def test_export_buttons(tab: EvidenceTab, tmp_path: Path, qtbot) -> None:
    attach(tab, qtbot, item_id(tab, "A11", "项目申报书"), [_file(tmp_path / "申报书.pdf", b"s")])
    tab.choose_save_path = lambda suggested: str(tmp_path / suggested)
    assert tab.export_checklist() == tmp_path / "佐证材料清单.xlsx"
    assert (tmp_path / "佐证材料清单.xlsx").stat().st_size > 0
    tab.choose_directory = lambda: str(tmp_path / "附件")
    with qtbot.waitSignal(tab.exported, timeout=30_000):
        tab.export_attachments()
    assert (
        tmp_path / "附件" / "A11 立项依据充分性" / "项目申报书" / "申报书.pdf"
    ).read_bytes() == b"s"


def test_refreshes_when_another_tab_changes_evidence(tab: EvidenceTab, tmp_path: Path) -> None:
    tab.select_indicator("B11")
    store.attach(
        tab.ctx.ef, item_id(tab, "B11", "资金下达文件"), _file(tmp_path / "下达.pdf", b"d")
    )
    tab.ctx.hub.announce(CHANGED_EVIDENCE)
    settle()
    assert tab.items_model.items()[0].files[0].original_name == "下达.pdf"
    assert tab.current_code() == "B11"


def test_translation_is_complete() -> None:
    ts = ET.parse(ROOT / "i18n" / "evidence_zh_CN.ts")
    unfinished = [
        m.findtext("source")
        for m in ts.iter("message")
        if m.find("translation").get("type") == "unfinished"
        or not ("".join(m.find("translation").itertext())).strip()
    ]
    assert unfinished == []
    assert (ROOT / "i18n" / "evidence_zh_CN.qm").exists()


def test_screenshot(
    qtbot, sample_file: EvaluationFile, tmp_path: Path, artifacts_dir: Path
) -> None:
    from jixiao.ui.fonts import ensure_cjk_font
    from jixiao.ui.i18n import install_translators, remove_translators

    app = QApplication.instance()
    ensure_cjk_font(app)
    translators = install_translators(app, "zh_CN")
    try:
        ef = sample_file
        a12 = store.items(ef, "A12")
        store.attach(
            ef, a12[0].id, _file(tmp_path / "南京市政务信息化项目申报书.pdf", os.urandom(45_000))
        )
        store.attach(
            ef,
            a12[1].id,
            _file(tmp_path / "立项批复（宁发改〔2021〕12号）.pdf", os.urandom(200_000)),
        )
        store.update_item(
            ef, a12[3].id, status=STATUS_NA, na_reason="单个项目投资额未达专家论证标准"
        )
        for it in store.items(ef, "B12"):
            store.update_item(ef, it.id, status=STATUS_PROVIDED, note="纸质材料已归档")
        widget = EvidenceTab(TabContext(ef, QUndoStack(), ChangeHub()))
        qtbot.addWidget(widget)
        widget.resize(1250, 720)
        widget.show()
        qtbot.waitExposed(widget)
        widget.select_indicator("A12")
        widget.select_item(a12[1].id)
        assert widget.coverage_label.text().startswith("佐证完整率")
        assert widget.grab().save(str(artifacts_dir / "evidence_tab.png"))
    finally:
        remove_translators(app, translators)
