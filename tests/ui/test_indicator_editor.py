"""The 指标体系 editor, driven as a user would: build a system, edit weights, save, undo."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from jixiao.core.model import NA_RESCALE, IndicatorSystem
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.ui.context import CHANGED_SYSTEM, ChangeHub, TabContext
from jixiao.ui.dialogs.indicator_editor import IndicatorEditorDialog

D = Decimal


@pytest.fixture
def ctx(sample_file: EvaluationFile) -> TabContext:
    return TabContext(sample_file, QUndoStack(), ChangeHub())


@pytest.fixture
def blank_ctx(tmp_path: Path):
    ef = EvaluationFile.create(
        tmp_path / "blank.jixiao",
        IndicatorSystem("blank", "项目支出绩效自评表", []),
        fund="某项目资金",
        year=2024,
        unit="某单位",
        user="测试员",
    )
    yield TabContext(ef, QUndoStack(), ChangeHub())
    ef.close()


def make_dialog(
    qtbot, ctx: TabContext, answers: list[bool] | None = None
) -> tuple[IndicatorEditorDialog, list[str]]:
    dialog = IndicatorEditorDialog(ctx.ef.system(), ctx=ctx)
    qtbot.addWidget(dialog)
    asked: list[str] = []
    replies = list(answers or [])

    def confirm(title: str, text: str) -> bool:
        asked.append(text)
        return replies.pop(0) if replies else True

    dialog.confirm = confirm
    dialog._inform = lambda title, text: asked.append(text)  # type: ignore[method-assign]
    return dialog, asked


def type_into(qtbot, edit, text: str) -> None:
    edit.selectAll()
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        # QTest cannot synthesise key events for Chinese characters (it aborts): an input
        # method would commit the text in one go, as setText does.
        edit.setText(text)


def fill(
    qtbot, dialog: IndicatorEditorDialog, code: str, name: str, weight: str, target: str = ""
) -> None:
    type_into(qtbot, dialog.code_edit, code)
    type_into(qtbot, dialog.name_edit, name)
    type_into(qtbot, dialog.weight_edit, weight)
    if target:
        type_into(qtbot, dialog.target_edit, target)


def set_kind(dialog: IndicatorEditorDialog, kind: str) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))


def set_cell(table, row: int, col: int, text: str) -> None:
    table.item(row, col).setText(text)


def ok_button(dialog: IndicatorEditorDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_a_national_self_evaluation_form_built_in_the_editor_scores_as_computed_by_hand(
    qtbot, blank_ctx
) -> None:
    dialog, asked = make_dialog(qtbot, blank_ctx)
    type_into(qtbot, dialog.system_title, "项目支出绩效自评表")
    dialog.na_policy.setCurrentIndex(dialog.na_policy.findData(NA_RESCALE))

    # 预算执行率 10
    dialog.add_button.click()
    fill(qtbot, dialog, "Y", "预算执行", "10")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "Y1", "预算执行率", "10")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "Y11", "预算执行率", "10", "100%")
    set_kind(dialog, "rate")
    type_into(qtbot, dialog.label_edit, "预算执行率")

    # 产出 50 = 数量 20 + 质量 20 + 时效 10
    dialog.select("Y")
    dialog.add_button.click()
    fill(qtbot, dialog, "C", "产出指标", "50")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "C1", "数量指标", "20")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "C11", "计划完成率", "20", "100%")
    set_kind(dialog, "rate")
    type_into(qtbot, dialog.label_edit, "计划完成率")
    dialog.select("C1")
    dialog.add_button.click()
    fill(qtbot, dialog, "C2", "质量指标", "20")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "C21", "验收合格", "20", "合格")
    set_kind(dialog, "checklist")
    set_cell(dialog.items_table, 0, 0, "通过竣工验收")
    set_cell(dialog.items_table, 0, 1, "10")
    dialog.add_item_button.click()
    set_cell(dialog.items_table, 1, 0, "质量检测合格")
    set_cell(dialog.items_table, 1, 1, "10")
    dialog.select("C2")
    dialog.add_button.click()
    fill(qtbot, dialog, "C3", "时效指标", "10")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "C31", "按期完成", "10", "按期")
    set_kind(dialog, "deduction")
    type_into(qtbot, dialog.deduction_per, "2")

    # 效益 30
    dialog.select("C")
    dialog.add_button.click()
    fill(qtbot, dialog, "E", "效益指标", "30")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "E1", "社会效益指标", "30")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "E11", "社会效益", "30", "达成年度目标")
    set_kind(dialog, "qualitative")

    # 满意度 10: ≥90% → 10, ≥80% → 8, else 0
    dialog.select("E")
    dialog.add_button.click()
    fill(qtbot, dialog, "S", "满意度指标", "10")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "S1", "服务对象满意度指标", "10")
    dialog.add_child_button.click()
    fill(qtbot, dialog, "S11", "服务对象满意度", "10", "≥90%")
    set_kind(dialog, "bands")
    set_cell(dialog.bands_table, 0, 0, "90%")
    set_cell(dialog.bands_table, 0, 1, "10")
    dialog.add_band_button.click()
    set_cell(dialog.bands_table, 1, 0, "80%")
    set_cell(dialog.bands_table, 1, 1, "8")
    type_into(qtbot, dialog.label_edit, "满意度")

    # The national order puts 预算执行率 last: move it down three times.
    dialog.select("Y")
    for _ in range(3):
        dialog.down_button.click()

    assert dialog.problems == []
    assert dialog.problems_label.text() in (
        "No problems: weights add up to 100.",
        "没有问题：权重合计 100。",
    )
    assert ok_button(dialog).isEnabled()
    received: list = []
    blank_ctx.hub.changed.connect(received.append)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert asked == []  # no inputs yet, nothing to confirm
    assert CHANGED_SYSTEM in [change.what for change in received]

    ef = blank_ctx.ef
    system = ef.system()
    assert [r.code for r in system.roots] == ["C", "E", "S", "Y"]
    assert [r.weight for r in system.roots] == [50, 30, 10, 10]
    assert system.na_policy == NA_RESCALE and system.title == "项目支出绩效自评表"

    ef.set_inputs(
        {
            "Y11": {
                "numerator": "17641.06",
                "denominator": "18700.00",
            },  # 94.34% × 10 = 9.434 → 9.43
            "C11": {"value": "0.8125"},  # 81.25% × 20 = 16.25
            "C21": {"met": [True, False]},  # 10
            "C31": {"count": 2},  # 10 − 2 × 2 = 6
            "E11": {"level": "部分达成", "score": "20"},  # 20 (range 18–24)
            "S11": {"value": "0.8758"},  # band ≥80% → 8
        }
    )
    sheet = ef.score_sheet()
    scores = {s.code: s.score for s in sheet.indicators}
    assert scores == {
        "C11": D("16.25"),
        "C21": D("10.00"),
        "C31": D("6.00"),
        "E11": D("20.00"),
        "S11": D("8.00"),
        "Y11": D("9.43"),
    }
    assert sheet.total == D("69.68")
    assert sheet.grade == "中"
    assert sheet.by_code()["Y11"].reason == "预算执行率 94.34%，扣 0.57 分。"


def test_editing_a_weight_rescores_and_undo_restores(qtbot, ctx: TabContext) -> None:
    assert ctx.ef.score_sheet().total == D("90.23")
    dialog, asked = make_dialog(qtbot, ctx)
    dialog.select("B11")
    type_into(qtbot, dialog.weight_edit, "1")
    # Live validation beside the field: B1's children now add up to 5.
    assert dialog.weight_error.isVisibleTo(dialog)
    assert "B1" in dialog.weight_error.text() and "5" in dialog.weight_error.text()
    assert any(p.code == "B1" for p in dialog.problems)
    dialog.select("B12")
    type_into(qtbot, dialog.weight_edit, "3")
    assert not dialog.weight_error.isVisibleTo(dialog)
    assert dialog.problems == []
    dialog.accept()
    assert asked == []

    sheet = ctx.ef.score_sheet()
    b = sheet.by_code()
    assert b["B11"].weight == D("1") and b["B11"].score == D("1.00")
    assert b["B12"].weight == D("3") and b["B12"].score == D("2.83")  # 3 × 94.34% = 2.8302
    assert sheet.total == D("90.17")  # 90.23 − 2 + 1 − 1.89 + 2.83
    assert ctx.ef.audit_log(1)[0].action == "system.replace"

    ctx.undo.undo()
    assert ctx.ef.score_sheet().total == D("90.23")
    ctx.undo.redo()
    assert ctx.ef.score_sheet().total == D("90.17")


def test_inputs_that_no_longer_fit_are_listed_before_saving(qtbot, ctx: TabContext) -> None:
    a11_input = ctx.ef.input_for("A11")
    assert a11_input is not None and len(a11_input["met"]) == 5
    dialog, asked = make_dialog(qtbot, ctx, answers=[False])
    dialog.select("A11")
    dialog.items_table.setCurrentCell(4, 0)
    dialog.remove_item_button.click()
    # Four items of 0.4 no longer make the weight 2: warned beside the rule and in the list.
    assert "1.6" in dialog.rule_error.text()
    assert any(p.code == "A11" and "1.6" in p.message for p in dialog.problems)
    dialog.items_table.item(0, 1).setText("0.8")
    assert dialog.problems == []

    dialog.accept()  # the user says no
    assert len(asked) == 1 and "A11 立项依据充分性" in asked[0]
    assert ctx.ef.input_for("A11") == a11_input
    assert len(ctx.ef.system().find("A11").rule.items) == 5
    assert dialog.result() != dialog.DialogCode.Accepted

    dialog.confirm = lambda title, text: True
    dialog.accept()
    assert ctx.ef.input_for("A11") is None
    assert len(ctx.ef.system().find("A11").rule.items) == 4
    assert ctx.ef.score_sheet().by_code()["A11"].status == "missing"

    ctx.undo.undo()
    assert ctx.ef.input_for("A11") == a11_input
    assert ctx.ef.score_sheet().total == D("90.23")


def test_renaming_a_code_keeps_its_input(qtbot, ctx: TabContext) -> None:
    b21 = ctx.ef.input_for("B21")
    assert b21 is not None and b21["count"] == 1
    dialog, asked = make_dialog(qtbot, ctx)
    dialog.select("B21")
    type_into(qtbot, dialog.code_edit, "B23")
    dialog.accept()
    assert asked == []  # nothing is lost, so nothing to confirm
    assert ctx.ef.input_for("B21") is None and ctx.ef.input_for("B23") == b21
    assert ctx.ef.score_sheet().total == D("90.23")
    ctx.undo.undo()
    assert ctx.ef.input_for("B21") == b21 and ctx.ef.system().find("B23") is None
    ctx.undo.redo()
    assert ctx.ef.input_for("B23") == b21 and ctx.ef.score_sheet().total == D("90.23")


def test_duplicate_codes_block_saving_and_are_named(qtbot, ctx: TabContext) -> None:
    dialog, asked = make_dialog(qtbot, ctx)
    dialog.select("A12")
    type_into(qtbot, dialog.code_edit, "A11")
    assert dialog.code_error.isVisibleTo(dialog)
    assert "A11" in dialog.code_error.text()
    fatal = [p for p in dialog.problems if p.fatal]
    assert [str(p) for p in fatal] == ["A11：指标编码重复（出现 2 次）"]
    assert dialog.problem_list.item(0).text().endswith("A11：指标编码重复（出现 2 次）")
    assert not ok_button(dialog).isEnabled()
    dialog.accept()
    assert asked and "A11" in asked[0]
    assert ctx.ef.system().find("A12") is not None  # nothing saved


def test_bad_numbers_are_shown_beside_the_field(qtbot, ctx: TabContext) -> None:
    dialog, _ = make_dialog(qtbot, ctx)
    dialog.select("B21")
    type_into(qtbot, dialog.deduction_per, "半分")
    assert dialog.rule_error.isVisibleTo(dialog) and "半分" in dialog.rule_error.text()
    assert not ok_button(dialog).isEnabled()
    type_into(qtbot, dialog.deduction_per, "0.25")
    assert not dialog.rule_error.isVisibleTo(dialog)
    type_into(qtbot, dialog.weight_edit, "三")
    assert "三" in dialog.weight_error.text()
    assert not ok_button(dialog).isEnabled()
    # A percentage typed as forms print it, without %, is that percentage (never 9000%).
    dialog.select("B12")
    type_into(qtbot, dialog.rate_target, "90")
    assert not dialog.rule_error.isVisibleTo(dialog)
    assert dialog.system().find("B12").rule.target == Decimal("0.9")
    type_into(qtbot, dialog.rate_target, "5")  # 5% or 500%? refused with a hint
    assert "5%" in dialog.rule_error.text() and "500%" in dialog.rule_error.text()
    type_into(qtbot, dialog.rate_target, "90%")
    assert not dialog.rule_error.isVisibleTo(dialog)


def test_reorder_indent_and_outdent(qtbot, ctx: TabContext) -> None:
    dialog, _ = make_dialog(qtbot, ctx)
    dialog.select("A12")
    dialog.up_button.click()
    system = dialog.system()
    assert [c.code for c in system.find("A1").children] == ["A12", "A11"]
    dialog.outdent_button.click()  # A12 becomes a level-2 indicator after A1
    system = dialog.system()
    assert [c.code for c in system.find("A").children] == ["A1", "A12", "A2", "A3"]
    assert any("A12" in str(p) and "没有下级指标" in str(p) for p in dialog.problems)
    dialog.indent_button.click()  # back under A1, at the end
    system = dialog.system()
    assert [c.code for c in system.find("A1").children] == ["A11", "A12"]
    assert dialog.problems == []
    dialog.select("A11")
    dialog.remove_button.click()
    assert dialog.system().find("A11") is None
    assert any(p.code == "A1" for p in dialog.problems)


def test_na_policy_and_grades_are_saved_with_the_system(qtbot, ctx: TabContext) -> None:
    dialog, _ = make_dialog(qtbot, ctx)
    assert dialog.grades_edit.text() == "优≥90；良≥80；中≥60；差≥0"
    dialog.na_policy.setCurrentIndex(dialog.na_policy.findData(NA_RESCALE))
    dialog.grades_edit.setText("优大于95")
    assert dialog.grades_error.isVisibleTo(dialog) and "优大于95" in dialog.grades_error.text()
    assert not ok_button(dialog).isEnabled()
    dialog.grades_edit.setText("优≥95；良≥80；中≥60；差≥0")
    assert ok_button(dialog).isEnabled()
    dialog.accept()
    assert ctx.ef.system().na_policy == NA_RESCALE
    sheet = ctx.ef.score_sheet()
    assert sheet.total == D("90.23") and sheet.grade == "良"
