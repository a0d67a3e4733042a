"""The Survey import tab driven as a user drives it: import through the worker thread, map,
see the rate and the score, undo, cancel, bad files."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from jixiao.storage import surveys as store
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.ui.context import CHANGED_SURVEYS, ChangeHub, TabContext
from jixiao.ui.tabs.survey_tab import SurveyTab

META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]


def wjx_xlsx(path: Path, answers: list[str]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*META, "1、您的身份", "2、您对项目的总体满意程度"])
    for i, answer in enumerate(answers, start=1):
        ws.append(
            [
                i,
                "2021/12/1 10:00:00",
                "60秒",
                "微信",
                "直接访问",
                f"10.0.0.{i % 250}",
                "企业",
                answer,
            ]
        )
    wb.save(path)
    return path


@pytest.fixture
def tab(zh_app, sample_file: EvaluationFile, qtbot) -> SurveyTab:
    # zh_app: the bundled CJK font and the zh_CN translations, as the program starts.
    hub = ChangeHub()
    widget = SurveyTab(TabContext(sample_file, QUndoStack(), hub))
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    return widget


def import_file(tab: SurveyTab, qtbot, path: Path):
    task = tab.start_import(path)
    assert tab.progress_box.isVisibleTo(tab)
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    return task


def test_title_and_sample_rate(tab: SurveyTab) -> None:
    assert SurveyTab.title() == "问卷导入"
    assert tab.table.rowCount() == 1
    assert tab.table.item(0, tab.S_RATE).text() == "87.58%"
    assert "87.58%" in tab.combined_label.text() and "6.00" in tab.combined_label.text()
    bars = tab.chart.bars()
    assert bars[0] == ("非常满意", 2617, "satisfied") and bars[2][2] == "other"


def test_import_through_the_worker_updates_rate_and_score(
    tab: SurveyTab, qtbot, tmp_path: Path, artifacts_dir: Path
) -> None:
    path = wjx_xlsx(
        tmp_path / "受益对象.xlsx",
        ["非常满意"] * 60 + ["满意"] * 35 + ["一般"] * 5 + ["(跳过)"] * 3,
    )
    changes: list[str] = []
    tab.ctx.hub.changed.connect(changes.append)
    import_file(tab, qtbot, path)
    dialog = tab.mapping_dialog
    assert dialog is not None and not tab.progress_box.isVisibleTo(tab)
    assert "有效答案 100 · 满意 95 · 满意度 95.00%" in dialog.preview.text()
    dialog.grab().save(str(artifacts_dir / "survey_mapping.png"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    assert tab.table.rowCount() == 2
    assert tab.table.item(1, tab.S_NAME).text() == "受益对象"
    assert tab.table.item(1, tab.S_RATE).text() == "95.00%"
    assert tab.table.item(1, tab.S_EXCL).text() == "3"
    # Pooled: (4,379 + 95) / (5,000 + 100) = 87.73%
    assert "87.73%" in tab.combined_label.text()
    assert CHANGED_SURVEYS in [change.what for change in changes]
    tab.table.selectRow(0)
    tab.layout().activate()  # the progress row was just hidden: settle the layout before the picture
    tab.grab().save(str(artifacts_dir / "survey_tab.png"))

    tab.ctx.undo.undo()
    QApplication.processEvents()  # the change notice arrives on the next loop turn
    assert tab.table.rowCount() == 1 and "87.58%" in tab.combined_label.text()
    tab.ctx.undo.redo()
    QApplication.processEvents()
    assert tab.table.rowCount() == 2 and "87.73%" in tab.combined_label.text()


def test_fairly_satisfied_can_be_ticked_in_the_dialog(
    tab: SurveyTab, qtbot, tmp_path: Path
) -> None:
    path = wjx_xlsx(tmp_path / "b.xlsx", ["满意"] * 7 + ["比较满意"] * 2 + ["不满意"])
    import_file(tab, qtbot, path)
    dialog = tab.mapping_dialog
    assert dialog is not None
    dialog.set_satisfied_options(["非常满意", "满意", "比较满意"])
    assert "90.00%" in dialog.preview.text()
    dialog.set_question_chosen(7, False)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.set_question_chosen(7, True)
    dialog.set_satisfied_options(["满意", "比较满意"])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    [_, added] = store.list_surveys(tab.ctx.ef)
    assert added.result.rate_text == "90.00%"
    assert added.config.questions[0].satisfied[:2] == ("满意", "比较满意")


def test_cancel_leaves_nothing_behind(tab: SurveyTab, qtbot, tmp_path: Path) -> None:
    rows = [
        [*META, "1、您对项目的满意程度"],
        *([str(i), "t", "60秒", "微信", "直接访问", "1.1.1.1", "满意"] for i in range(1, 30_001)),
    ]
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = len(tab.ctx.ef.audit_log())
    task = tab.start_import(path)
    cancelled: list[bool] = []
    task.cancelled.connect(lambda: cancelled.append(True))
    tab.cancel_import()
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    assert cancelled == [True]
    assert tab.mapping_dialog is None
    assert tab.import_button.isEnabled() and not tab.progress_box.isVisibleTo(tab)
    assert len(store.list_surveys(tab.ctx.ef)) == 1
    assert len(tab.ctx.ef.audit_log()) == before


def test_bad_file_shows_a_chinese_message_and_changes_nothing(
    tab: SurveyTab, qtbot, tmp_path: Path
) -> None:
    bad = tmp_path / "照片.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    import_file(tab, qtbot, bad)
    assert tab.mapping_dialog is None
    assert tab.error_label.isVisibleTo(tab)
    assert "“照片.xlsx”不是有效的 Excel 文件" in tab.error_label.text()
    assert len(store.list_surveys(tab.ctx.ef)) == 1


def test_remove_and_undo(tab: SurveyTab) -> None:
    tab.table.selectRow(0)
    tab.remove_selected()
    assert tab.table.rowCount() == 0
    assert "尚未导入问卷" in tab.combined_label.text()
    tab.ctx.undo.undo()
    QApplication.processEvents()  # the change notice arrives on the next loop turn
    assert tab.table.rowCount() == 1 and "87.58%" in tab.combined_label.text()


def test_edit_rules_of_a_stored_survey(tab: SurveyTab) -> None:
    tab.table.selectRow(0)
    tab.edit_selected()
    dialog = tab.mapping_dialog
    assert dialog is not None
    dialog.set_satisfied_options(["非常满意", "满意", "比较满意"])
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert tab.table.item(0, tab.S_RATE).text() == "95.36%"
    assert "7.00" in tab.combined_label.text()
    tab.ctx.undo.undo()
    QApplication.processEvents()  # the change notice arrives on the next loop turn
    assert tab.table.item(0, tab.S_RATE).text() == "87.58%"


def test_combine_mode_by_weights(tab: SurveyTab, qtbot, tmp_path: Path) -> None:
    path = wjx_xlsx(tmp_path / "c.xlsx", ["满意"] * 9 + ["不满意"])
    import_file(tab, qtbot, path)
    dialog = tab.mapping_dialog
    assert dialog is not None
    dialog.weight_edit.setText("1")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    [first, _] = store.list_surveys(tab.ctx.ef)
    store.update_survey(tab.ctx.ef, first.id, weight=Decimal("1"))
    tab.refresh()
    tab.combine_combo.setCurrentIndex(tab.combine_combo.findData("weights"))
    QApplication.processEvents()
    # (87.58% + 90%) / 2 = 88.79%
    assert "88.79%" in tab.combined_label.text()
    tab.ctx.undo.undo()
    QApplication.processEvents()  # the change notice arrives on the next loop turn
    assert tab.combine_combo.currentData() == "count"


def test_worker_reports_result_error_and_cancel(qtbot) -> None:
    from jixiao.importers.tables import ImportFileError
    from jixiao.ui.workers import Task

    def work(progress, should_cancel):
        progress(50)
        return "完成"

    task = Task(work)
    seen: list[object] = []
    task.progress.connect(seen.append)
    with qtbot.waitSignal(task.succeeded, timeout=10000) as blocker:
        task.start()
    assert blocker.args == ["完成"] and seen == [50]

    def bad(progress, should_cancel):
        raise ImportFileError("文件“x.xlsx”不是有效的 Excel 文件")

    task = Task(bad)
    with qtbot.waitSignal(task.failed, timeout=10000) as blocker:
        task.start()
    assert blocker.args == ["文件“x.xlsx”不是有效的 Excel 文件"]

    def slow(progress, should_cancel):
        while not should_cancel():
            QThread.msleep(5)
        return "不应送达"

    task = Task(slow)
    got: list[object] = []
    task.succeeded.connect(got.append)
    with qtbot.waitSignal(task.cancelled, timeout=10000):
        task.start()
        task.cancel()
    assert got == []


def test_choosing_another_sheet_reads_it(tab: SurveyTab, qtbot, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["本文件由问卷系统导出"])
    ws = wb.create_sheet("答卷")
    ws.append([*META, "1、您对项目的满意程度"])
    for i in range(1, 5):
        ws.append([i, "t", "60秒", "微信", "直接访问", f"1.1.1.{i}", "满意" if i < 4 else "一般"])
    path = tmp_path / "two-sheets.xlsx"
    wb.save(path)
    # The first sheet has no header row and no answers: a clear message, nothing imported.
    import_file(tab, qtbot, path)
    assert tab.mapping_dialog is None and "two-sheets.xlsx" in tab.error_label.text()

    task = tab.start_import(path, sheet="答卷")
    with qtbot.waitSignal(task.finished, timeout=30000):
        pass
    dialog = tab.mapping_dialog
    assert dialog is not None and dialog.sheet_combo.currentText() == "答卷"
    assert "75.00%" in dialog.preview.text()
    # Switching back goes through the worker again (and gives the message of that sheet).
    dialog.sheet_combo.setCurrentText("说明")
    assert tab.task is not None and not dialog.isVisible()
    with qtbot.waitSignal(tab.task.finished, timeout=30000):
        pass
    assert "找不到表头" in tab.error_label.text()


def test_marking_a_column_as_question_lets_it_be_chosen(
    tab: SurveyTab, qtbot, tmp_path: Path
) -> None:
    path = tmp_path / "generic.csv"
    with path.open("w", encoding="gbk", newline="") as fh:
        csv.writer(fh).writerows(
            [
                ["编号", "评价时间", "打分"],
                ["1", "2021-12-01", "5"],
                ["2", "2021-12-02", "3"],
                ["3", "2021-12-03", "4"],
            ]
        )
    import_file(tab, qtbot, path)
    dialog = tab.mapping_dialog
    assert dialog is not None
    assert dialog.config().questions[0].mode == "threshold"  # 打分 1–5: ≥ 4 counts as satisfied
    assert "66.67%" in dialog.preview.text()
    dialog.set_column_kind(2, "meta")
    assert dialog.config().questions == ()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.set_column_kind(2, "question")
    dialog.set_question_chosen(2, True)
    dialog.threshold_edit.setText("5")
    assert "33.33%" in dialog.preview.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert tab.table.item(1, tab.S_FORMAT).text() == "通用表格"
    assert tab.table.item(1, tab.S_RATE).text() == "33.33%"


def test_duplicates_are_reported_and_can_be_kept(tab: SurveyTab, qtbot, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([*META, "1、您对项目的满意程度"])
    for number, answer in ((1, "满意"), (1, "满意"), (2, "不满意"), (3, "满意")):
        ws.append([number, "t", "60秒", "微信", "直接访问", "1.1.1.1", answer])
    path = tmp_path / "dups.xlsx"
    wb.save(path)
    import_file(tab, qtbot, path)
    dialog = tab.mapping_dialog
    assert dialog is not None
    assert dialog.dup_label.text() == "发现 1 份，剔除 1 份"
    assert "第 3 行与第 2 行重复（答卷编号相同）" in dialog.dup_label.toolTip()
    assert "满意度 66.67%" in dialog.preview.text()
    dialog.dup_drop.setChecked(False)
    assert "满意度 75.00%" in dialog.preview.text()
    dialog.dup_drop.setChecked(True)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert tab.table.item(1, tab.S_DUP).text() == "1"
    assert "第 3 行与第 2 行重复" in tab.table.item(1, tab.S_DUP).toolTip()


def test_recount_from_stored_answers(tab: SurveyTab) -> None:
    messages: list[str] = []
    tab.ctx.status = messages.append
    tab.table.selectRow(0)
    assert tab.verify_selected()
    assert (
        messages[-1] == "社会公众满意度调查：已按保存的 5,036 份答卷重新核算，结果一致（87.58%）。"
    )
    # Someone altered a stored answer behind the program's back: the recount notices.
    tab.ctx.ef.db.execute(
        "UPDATE survey_responses SET values_json = replace(values_json, '一般', '满意') "
        "WHERE row_no = (SELECT MIN(row_no) FROM survey_responses WHERE values_json LIKE '%一般%')"
    )
    assert not tab.verify_selected()
    assert "87.60%" in tab.error_label.text() and "87.58%" in tab.error_label.text()
