"""The registry tab on the Nanjing sample: model contract, edits through the undo stack and
the audit log, the score sheet following, filters, clipboard, import and export."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QApplication, QDialog

from jixiao.core.projects import DENOMINATOR_ADJUSTED, Project
from jixiao.importers.projects import match_headers
from jixiao.importers.tables import read_table
from jixiao.ui.context import CHANGED_PROJECTS, ChangeHub, TabContext
from jixiao.ui.dialogs.column_mapping_dialog import ColumnMappingDialog
from jixiao.ui.dialogs.import_preview_dialog import ImportPreviewDialog
from jixiao.ui.dialogs.project_dialog import ProjectDialog
from jixiao.ui.fonts import ensure_cjk_font
from jixiao.ui.models.projects_model import (
    COL_BUDGET,
    COL_NAME,
    COL_PAID,
    COL_RATE,
    COL_STATUS,
    COL_UNIT,
    ProjectFilterProxy,
    ProjectsModel,
)
from jixiao.ui.tabs.registry_tab import RegistryTab


def settle() -> None:
    """Let the change notices reach the tabs (they are delivered on the next loop turn)."""
    QApplication.processEvents()


@pytest.fixture
def tab(qtbot, sample_file) -> RegistryTab:
    ensure_cjk_font(QApplication.instance())
    messages: list[str] = []
    ctx = TabContext(sample_file, QUndoStack(), ChangeHub(), status=messages.append)
    widget = RegistryTab(ctx)
    widget.messages = messages  # type: ignore[attr-defined]
    widget.show_error = lambda title, text: messages.append(
        f"ERROR {text}"
    )  # no modal box in tests
    qtbot.addWidget(widget)
    widget.resize(1500, 800)
    return widget


def score(ef, code: str) -> str:
    settle()
    return next(str(s.score) for s in ef.score_sheet().indicators if s.code == code)


def cell(tab: RegistryTab, row: int, column: int) -> QModelIndex:
    settle()
    return tab.proxy.index(row, column)


def row_of(tab: RegistryTab, name: str) -> int:
    settle()
    for r in range(tab.proxy.rowCount()):
        if cell(tab, r, COL_NAME).data() == name:
            return r
    raise AssertionError(name)


def test_model_passes_qtmodeltester(qtmodeltester, sample_file) -> None:
    model = ProjectsModel(sample_file.projects(), commit=lambda old, new: None)
    qtmodeltester.check(model, force_py=True)
    proxy = ProjectFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(search="南京市")
    qtmodeltester.check(proxy, force_py=True)


def test_tab_shows_sample_and_summary(tab: RegistryTab) -> None:
    assert RegistryTab.title()
    assert tab.proxy.rowCount() == 40
    assert cell(tab, 0, COL_BUDGET).data() == "657.73"
    assert cell(tab, 0, COL_RATE).data() == "100.00%"
    v = tab.summary.values
    assert v["projects"].text() == "40" and v["units"].text() == "16"
    assert v["budget"].text() == "18,700.00" and v["paid"].text() == "17,641.06"
    assert v["execution"].text() == "94.34%"
    assert v["completion"].text().startswith("81.25%") and "13/16" in v["completion"].text()
    assert v["acceptance"].text().startswith("93.75%") and v["timeliness"].text().startswith(
        "58.33%"
    )


def test_editing_paid_changes_b12_with_undo_and_audit(tab: RegistryTab, qtbot) -> None:
    ef = tab.ctx.ef
    assert score(ef, "B12") == "1.89"
    row = next(
        r
        for r in range(tab.proxy.rowCount())
        if Decimal(cell(tab, r, COL_PAID).data(Qt.ItemDataRole.EditRole) or 0)
        < Decimal(cell(tab, r, COL_BUDGET).data(Qt.ItemDataRole.EditRole))
    )
    project = tab.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 1)
    gap = Decimal("18700.00") - Decimal("17641.06")
    with qtbot.waitSignal(tab.ctx.hub.changed) as signal:
        assert tab.proxy.setData(cell(tab, row, COL_PAID), str(project.paid + gap))
    assert signal.args[0].what == CHANGED_PROJECTS
    assert signal.args[0].project_ids == (project.id,)
    assert score(ef, "B12") == "2.00"  # 100% executed
    assert tab.summary.values["execution"].text() == "100.00%"
    assert ef.audit_log(1)[0].action == "project.update"
    assert tab.ctx.undo.count() == 1
    tab.ctx.undo.undo()
    assert score(ef, "B12") == "1.89"
    assert tab.summary.values["execution"].text() == "94.34%"
    assert ef.project(project.id).paid == project.paid
    tab.ctx.undo.redo()
    assert score(ef, "B12") == "2.00"


def test_invalid_edits_are_refused_in_chinese(tab: RegistryTab) -> None:
    before = tab.ctx.ef.projects()
    assert not tab.proxy.setData(cell(tab, 0, COL_BUDGET), "-1")
    assert not tab.proxy.setData(cell(tab, 0, COL_BUDGET), "很多")
    assert not tab.proxy.setData(cell(tab, 0, COL_UNIT), "")
    assert not tab.proxy.setData(cell(tab, 0, COL_STATUS), "完工了")
    errors = [m for m in tab.messages if m.startswith("ERROR")]
    assert any("预算金额不能为负数" in m for m in errors)
    assert any("不是金额数字" in m for m in errors)
    assert any("建设单位不能为空" in m for m in errors)
    assert any("状态应为" in m for m in errors)
    assert tab.ctx.ef.projects() == before and tab.ctx.undo.count() == 0
    # paid above budget is a warning, not a refusal
    assert tab.proxy.setData(cell(tab, 0, COL_PAID), "700")
    assert any("实际支付超过预算金额" in m for m in tab.messages)
    assert cell(tab, 0, COL_PAID).data(Qt.ItemDataRole.ToolTipRole) == "实际支付超过预算金额"


def test_add_edit_delete_through_dialog_and_undo(tab: RegistryTab, monkeypatch) -> None:
    def fill(dialog: QDialog) -> int:
        assert isinstance(dialog, ProjectDialog)
        dialog.name.setText("新建数据中台")
        dialog.unit.setCurrentText("南京市大数据管理局")
        dialog.budget.setText("1,000")
        dialog.paid.setText("1200")
        dialog.planned_date.setText("2021-13-01")
        assert not dialog.validate()  # bad date keeps the dialog open
        assert "不是有效日期" in dialog.messages() or "日期不存在" in dialog.messages()
        dialog.planned_date.setText("2021-12-01")
        dialog.accept()
        assert "实际支付超过预算金额" in dialog.messages()  # warned, but saved
        return dialog.result()

    monkeypatch.setattr(tab, "exec_dialog", fill)
    tab.add_project()
    ef = tab.ctx.ef
    added = next(p for p in ef.projects() if p.name == "新建数据中台")
    assert added.budget == Decimal("1000") and added.seq == 41
    assert tab.proxy.rowCount() == 41 and tab.current_project().id == added.id

    def rename(dialog: QDialog) -> int:
        dialog.name.setText("新建数据中台（二期）")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(tab, "exec_dialog", rename)
    tab.edit_current()
    assert ef.project(added.id).name == "新建数据中台（二期）"

    tab.select_project(added.id)
    monkeypatch.setattr(tab, "confirm", lambda title, text: False)
    tab.delete_selected()
    assert len(ef.projects()) == 41  # declined
    monkeypatch.setattr(tab, "confirm", lambda title, text: "新建数据中台（二期）" in text)
    tab.delete_selected()
    assert len(ef.projects()) == 40 and tab.proxy.rowCount() == 40
    actions = [e.action for e in ef.audit_log(3)]
    assert actions == ["project.delete", "project.update", "project.add"]
    undo = tab.ctx.undo
    undo.undo()  # delete
    assert ef.project(added.id).name == "新建数据中台（二期）"
    undo.undo()  # rename
    undo.undo()  # add
    assert len(ef.projects()) == 40 and tab.proxy.rowCount() == 40
    undo.redo()
    assert ef.project(added.id).name == "新建数据中台"


def test_duplicate_add_is_refused(tab: RegistryTab, monkeypatch) -> None:
    first = tab.ctx.ef.projects()[0]

    def fill(dialog: QDialog) -> int:
        dialog.name.setText(first.name)
        dialog.unit.setCurrentText(first.unit)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(tab, "exec_dialog", fill)
    tab.add_project()
    assert any("已有同名项目" in m for m in tab.messages) and tab.ctx.undo.count() == 0


def test_search_and_filters(tab: RegistryTab, qtbot) -> None:
    tab.search.setText("驾驶舱")  # QTest.keyClicks only takes ASCII
    assert tab.proxy.rowCount() == 1
    assert "1" in tab.shown.text() and "40" in tab.shown.text()
    tab.search.clear()
    tab.unit_filter.setCurrentIndex(tab.unit_filter.findData("南京市大数据管理局"))
    units = {cell(tab, r, COL_UNIT).data() for r in range(tab.proxy.rowCount())}
    assert units == {"南京市大数据管理局"} and tab.proxy.rowCount() > 1
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("投入运行"))
    statuses = {cell(tab, r, COL_STATUS).data() for r in range(tab.proxy.rowCount())}
    assert statuses <= {"投入运行"}
    tab.unit_filter.setCurrentIndex(0)
    tab.status_filter.setCurrentIndex(0)
    tab.batch_filter.setCurrentIndex(tab.batch_filter.findData("宁数管〔2021〕37号"))
    assert 0 < tab.proxy.rowCount() < 40
    tab.batch_filter.setCurrentIndex(0)
    assert tab.proxy.rowCount() == 40
    tab.table.sortByColumn(COL_BUDGET, Qt.SortOrder.DescendingOrder)
    budgets = [Decimal(cell(tab, r, COL_BUDGET).data(Qt.ItemDataRole.EditRole)) for r in range(40)]
    assert budgets == sorted(budgets, reverse=True)


def test_keyboard_and_ctrl_c_copies_tab_separated(tab: RegistryTab, qtbot) -> None:
    tab.show()
    qtbot.waitExposed(tab)
    table = tab.table
    table.setFocus()
    table.setCurrentIndex(cell(tab, 0, COL_NAME))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    qtbot.keyClick(table, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    lines = [line.split("\t") for line in text.split("\n")]
    assert len(lines) == 2 and all(len(line) == 2 for line in lines)
    assert lines[0] == [cell(tab, 1, COL_NAME).data(), cell(tab, 1, COL_UNIT).data()]
    assert lines[1] == [cell(tab, 2, COL_NAME).data(), cell(tab, 2, COL_UNIT).data()]


def test_delete_key_asks_then_deletes(tab: RegistryTab, qtbot, monkeypatch) -> None:
    tab.show()
    tab.activateWindow()
    qtbot.waitActive(tab)
    asked: list[str] = []
    monkeypatch.setattr(tab, "confirm", lambda title, text: asked.append(text) or True)
    tab.table.setFocus()
    tab.select_project(tab.ctx.ef.projects()[2].id)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert asked and "“我的南京”提档升级" in asked[0]
    assert len(tab.ctx.ef.projects()) == 39 and tab.proxy.rowCount() == 39


def test_denominator_selector_is_stored_and_undoable(tab: RegistryTab) -> None:
    ef = tab.ctx.ef
    tab.set_denominator(DENOMINATOR_ADJUSTED)
    assert ef.get_setting("execution_denominator") == DENOMINATOR_ADJUSTED
    assert ef.audit_log(1)[0].action == "setting.set"
    tab.ctx.undo.undo()
    settle()
    assert ef.execution_denominator == "budget"
    assert tab.summary.denominator.currentData() == "budget"


def import_file(tab: RegistryTab, qtbot, path: Path):
    """Import as the user does: the file is read on a worker thread, then mapped, previewed
    and stored on the GUI thread; returns the report (None: nothing imported)."""
    with qtbot.waitSignal(tab.import_finished, timeout=30_000) as finished:
        tab.import_file(path)
    settle()
    return finished.args[0]


def test_import_through_preview_then_undo(
    tab: RegistryTab, tmp_path: Path, monkeypatch, qtbot
) -> None:
    path = tmp_path / "清单.csv"
    path.write_text(
        "项目,单位,预算（元）,实际支付（元）,状态\n"
        '南京市城市运行智能化监测调度综合平台（领导驾驶舱）,南京市大数据管理局,"6,577,300",6577300,投入运行\n'
        '新的平台,南京市民政局,"1,000,000",500000,在建\n',
        encoding="gbk",
    )
    seen: list[ImportPreviewDialog] = []

    def accept(dialog: QDialog) -> int:
        assert isinstance(dialog, ImportPreviewDialog)
        seen.append(dialog)
        assert len(dialog.preview.projects) == 2 and dialog.import_button.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(tab, "exec_dialog", accept)
    report = import_file(tab, qtbot, path)
    # The existing project's amounts and status equal the file's; its other fields are not in
    # the file and are kept, so it is unchanged.
    assert report is not None and (report.added, report.updated, report.unchanged) == (1, 0, 1)
    ef = tab.ctx.ef
    kept = next(p for p in ef.projects() if p.name.startswith("南京市城市运行"))
    assert kept.sampled and kept.batch == "宁数管〔2021〕28号"
    new = next(p for p in ef.projects() if p.name == "新的平台")
    assert new.budget == Decimal("100") and new.paid == Decimal("50")
    assert (
        tab.proxy.rowCount() == 41 and "新增 1" not in tab.last_message
    )  # English source in tests
    assert ef.audit_log(1)[0].action == "project.import"
    again = import_file(tab, qtbot, path)
    assert again is not None and (again.added, again.updated, again.unchanged) == (0, 0, 2)
    tab.ctx.undo.undo()
    tab.ctx.undo.undo()
    settle()
    assert len(ef.projects()) == 40 and score(ef, "B12") == "1.89"
    assert all(p.name != "新的平台" for p in ef.projects())


def test_preview_lists_problems_and_blocks_import(
    qtbot, tmp_path: Path, sample_file, artifacts_dir: Path
) -> None:
    ensure_cjk_font(QApplication.instance())
    path = tmp_path / "有问题的清单.csv"
    path.write_text(
        "序号,项目名称,建设单位,预算金额(万元),实际支付,计划完成日期,纳入抽查\n"
        '1,平台甲,单位甲,"1,200.00",1300,2021-06-30,是\n'
        "2,,单位乙,100,50,2021-02-30,否\n"
        "3,平台丙,单位丙,-5,0,,也许\n",
        encoding="utf-8-sig",
    )
    table = read_table(path)
    from jixiao.ui.i18n import install_translators, remove_translators

    translators = install_translators(QApplication.instance(), "zh_CN")
    try:
        dialog = ImportPreviewDialog(table, match_headers(table.rows), sample_file.projects())
        qtbot.addWidget(dialog)
        dialog.resize(1000, 560)
        dialog.show()
        dialog.grab().save(str(artifacts_dir / "registry_import_preview.png"))
    finally:
        remove_translators(QApplication.instance(), translators)
    model = dialog.problems_model
    rows = [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]
    assert rows[1][:4] == ["3", "B 项目名称", "", "项目名称不能为空"] or any(
        r[:4] == ["3", "B 项目名称", "", "项目名称不能为空"] for r in rows
    )
    assert any(r[0] == "3" and r[1].startswith("F") and r[2] == "2021-02-30" for r in rows)
    assert any(r[0] == "4" and r[1].startswith("D") and r[2] == "-5" for r in rows)
    assert any(r[0] == "4" and r[1].startswith("G") and r[2] == "也许" for r in rows)
    assert any(r[0] == "2" and r[1].startswith("E") and "超过" in r[3] for r in rows)
    assert not dialog.import_button.isEnabled()


def test_mapping_dialog_resolves_unknown_headers(qtbot, tmp_path: Path, sample_file) -> None:
    path = tmp_path / "odd.csv"
    path.write_text('名单,负责方,钱（元）\n平台甲,单位甲,"20,000"\n', encoding="utf-8")
    table = read_table(path)
    match = match_headers(table.rows)
    assert not match.confident
    dialog = ColumnMappingDialog(table, match)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.set_field(0, "name")
    assert not ok.isEnabled()  # unit still missing
    dialog.set_field(1, "unit")
    dialog.set_field(2, "budget")
    assert ok.isEnabled()
    dialog.accept()
    result = dialog.result_match()
    assert result is not None and result.field_columns() == {"name": 0, "unit": 1, "budget": 2}
    preview = ImportPreviewDialog(table, result, [], amount_unit=dialog.amount_unit())
    qtbot.addWidget(preview)
    assert preview.preview.projects[0].budget == Decimal("2.00")  # header says 元


def test_export_and_template_from_tab(tab: RegistryTab, tmp_path: Path) -> None:
    xlsx = tab.export_file(tmp_path / "登记.xlsx")
    csv = tab.export_file(tmp_path / "登记.csv")
    template = tab.save_template(tmp_path / "模板")
    assert xlsx and xlsx.exists() and csv and csv.read_bytes().startswith(b"\xef\xbb\xbf")
    assert template == tmp_path / "模板.xlsx" and template.exists()


def test_external_change_refreshes(tab: RegistryTab) -> None:
    ef = tab.ctx.ef
    ef.add_project(Project(name="外部新增", unit="某单位", budget=Decimal("1")))
    tab.ctx.hub.announce(CHANGED_PROJECTS)
    settle()
    assert tab.proxy.rowCount() == 41 and tab.summary.values["projects"].text() == "41"


def test_screenshot_in_chinese(tab: RegistryTab, qtbot, artifacts_dir: Path) -> None:
    from jixiao.ui.i18n import install_translators, remove_translators

    app = QApplication.instance()
    translators = install_translators(app, "zh_CN")
    try:
        widget = RegistryTab(tab.ctx)
        qtbot.addWidget(widget)
        widget.resize(1500, 820)
        widget.show()
        qtbot.waitExposed(widget)
        assert widget.title() == "项目登记" or widget.title() == "Project registry"
        widget.grab().save(str(artifacts_dir / "registry_tab.png"))
        if widget.title() == "项目登记":
            assert widget.model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "项目名称"
    finally:
        remove_translators(app, translators)


def test_unreadable_list_is_reported_and_nothing_changes(
    tab: RegistryTab, tmp_path: Path, qtbot
) -> None:
    bad = tmp_path / "坏文件.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")
    assert import_file(tab, qtbot, bad) is None
    assert any("坏文件.xlsx" in m for m in tab.messages if m.startswith("ERROR"))
    assert len(tab.ctx.ef.projects()) == 40 and tab.ctx.undo.count() == 0


def test_deleting_many_rescores_once_and_keeps_stored_scores_right(tab: RegistryTab) -> None:
    from jixiao.ui.tabs.registry_tab import DeleteProjectsCommand

    ef = tab.ctx.ef
    # the two projects that were paid less than budgeted: without them execution is 100 %
    underpaid = [p for p in ef.projects() if p.paid < p.budget]
    assert tab.run(DeleteProjectsCommand(tab.ctx, underpaid))
    stored = ef.db.execute("SELECT score FROM scores WHERE code = 'B12'").fetchone()[0]
    assert stored == score(ef, "B12") == "2.00"
    assert [e.action for e in ef.audit_log(len(underpaid))] == ["project.delete"] * len(underpaid)
    assert "_refresh_scores" not in vars(ef)  # the deferral is undone
    tab.ctx.undo.undo()
    assert ef.db.execute("SELECT score FROM scores WHERE code = 'B12'").fetchone()[0] == "1.89"
    assert len(ef.projects()) == 40


def test_renaming_a_unit_updates_filter_and_summary(tab: RegistryTab) -> None:
    assert tab.proxy.setData(cell(tab, 0, COL_UNIT), "南京市新成立的单位")
    settle()
    assert tab.unit_filter.findData("南京市新成立的单位") > 0
    assert tab.summary.values["units"].text() == "17"
    assert tab.ctx.ef.projects()[0].unit == "南京市新成立的单位"
    tab.ctx.undo.undo()
    settle()
    assert tab.unit_filter.findData("南京市新成立的单位") < 0
    assert tab.summary.values["units"].text() == "16"
