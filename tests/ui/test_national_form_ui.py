"""The national form in the GUI: evaluation properties, the indicator texts under the input form,
the warning strip, and the confirmation before signing an inconsistent sheet — driven by clicks
and typing, as a person does."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from jixiao.export.signing import create_self_signed_pkcs12
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.storage.national_form import import_inputs, load_form, note_for, set_value
from jixiao.ui.context import ChangeHub, TabContext
from jixiao.ui.dialogs.evaluation_properties_dialog import EvaluationPropertiesDialog
from jixiao.ui.dialogs.export_pdf_dialog import ExportPdfDialog

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "national"


def type_text(widget: QWidget, text: str) -> None:
    """Typing as an input method commits it: QTest.keyClicks cannot send Chinese characters."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def farmland(tmp_path) -> EvaluationFile:
    """The published sheet whose weights add to 110 and whose printed total is not the sum."""
    from jixiao.core.templates import system_from_json

    template = json.loads((FIXTURES / "farmland-template.json").read_text(encoding="utf-8"))
    ef = EvaluationFile.create(
        tmp_path / "farm.jixiao",
        system_from_json(template),
        fund="高标准农田建设项目",
        year=2023,
        unit="临沧市农业农村局",
        user="测试员",
    )
    for line in (FIXTURES / "farmland-form.tsv").read_text(encoding="utf-8").splitlines():
        key, value = line.split("\t")
        set_value(ef, key, value)
    inputs = json.loads((FIXTURES / "farmland-inputs.json").read_text(encoding="utf-8"))
    import_inputs(ef, inputs)
    yield ef
    ef.close()


def test_properties_dialog_from_the_edit_menu_stores_what_is_typed(
    main_window, qtbot, tmp_path, artifacts_dir
) -> None:
    action = main_window.properties_action
    assert action.isEnabled() and action.text() == "评价属性(&P)…"
    shown: list[EvaluationPropertiesDialog] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EvaluationPropertiesDialog)
        shown.append(dialog)
        dialog.text_edits["主管部门"].clear()
        type_text(dialog.text_edits["主管部门"], "南京市大数据管理局")
        type_text(dialog.text_edits["实施单位"], "南京市信息中心")
        qtbot.mouseClick(dialog.date_box, Qt.MouseButton.LeftButton)
        dialog.date_edit.setDate(QDate(2022, 3, 15))
        type_text(dialog.expected_edit, "推进政务信息化项目建设")
        type_text(dialog.fund_edits["资金.当年财政拨款.年初预算数"], "18700")
        assert not dialog.fund_edits["资金.年度资金总额.年初预算数"].isEnabled()  # registry
        dialog.denominator_combo.setCurrentIndex(dialog.denominator_combo.findData("全年预算"))
        dialog.grab().save(str(artifacts_dir / "evaluation_properties_dialog.png"))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    action.trigger()
    assert shown and shown[0].result() == shown[0].DialogCode.Accepted
    form = load_form(main_window.ef)
    assert form.text("主管部门") == "南京市大数据管理局"
    assert form.text("实施单位") == "南京市信息中心"
    assert form.evaluation_date == date(2022, 3, 15)
    assert form.text("预期目标") == "推进政务信息化项目建设"
    assert form.funds[("当年财政拨款", "年初预算数")] == Decimal(18700)
    assert main_window.ef.execution_denominator == "adjusted_budget"
    # The sample has no adjusted budgets, so 全年预算 gives the same 94.34% and total.
    assert main_window.score_tab.summary.total_text() == "总分 90.23 · 优"


def test_bad_amount_is_refused_in_the_dialog_and_nothing_is_written(sample_file, qtbot) -> None:
    ctx = TabContext(sample_file, QUndoStack(), ChangeHub())
    dialog = EvaluationPropertiesDialog(ctx)
    qtbot.addWidget(dialog)
    type_text(dialog.text_edits["项目负责人"], "张三")
    type_text(dialog.fund_edits["资金.其他资金.全年执行数"], "十万")
    dialog.save()
    assert "资金.其他资金.全年执行数" in dialog.error_label.text()
    assert load_form(sample_file).text("项目负责人") == ""  # all or nothing


def test_indicator_texts_are_typed_under_the_input_form(main_window, qtbot, artifacts_dir) -> None:
    tab = main_window.score_tab
    tab.select_code("D41")
    texts = tab.texts
    assert texts.isEnabled() and texts.actual_edit.text() == ""
    qtbot.mouseClick(texts.actual_edit, Qt.MouseButton.LeftButton)
    type_text(texts.actual_edit, "87.58%")
    qtbot.mouseClick(texts.deviation_edit.viewport(), Qt.MouseButton.LeftButton)
    type_text(texts.deviation_edit, "加强宣传，提升群众知晓度。")
    qtbot.mouseClick(texts.save_button, Qt.MouseButton.LeftButton)
    assert texts.message.text() == "已保存"
    note = note_for(main_window.ef, "D41")
    assert note.actual == "87.58%" and note.deviation == "加强宣传，提升群众知晓度。"
    main_window.grab().save(str(artifacts_dir / "score_tab_indicator_texts.png"))
    tab.select_code("A11")  # another indicator: the same fields, refilled in place
    assert texts.actual_edit.text() == "" and texts is tab.texts
    tab.select_code("D41")
    assert texts.actual_edit.text() == "87.58%"
    tab.select_code("A")  # a level-1 group has no texts
    assert not texts.isEnabled()
    assert main_window.score_tab.summary.total_text() == "总分 90.23 · 优"  # texts never score


def test_warning_strip_shows_a_sheet_that_disagrees_with_itself(
    farmland, qtbot, artifacts_dir, zh_app
) -> None:
    from jixiao.ui.tabs.score_tab import ScoreTab

    ctx = TabContext(farmland, QUndoStack(), ChangeHub())
    tab = ScoreTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    assert tab.warnings.isVisible()
    text = tab.warnings.label.text()
    assert "一级指标权重合计 110，不等于 100" in text
    assert "公布的总分 96.50 不等于各项得分之和 107.87" in text
    tab.grab().save(str(artifacts_dir / "score_tab_warning_strip.png"))
    set_value(farmland, "公布总分", "107.87")
    ctx.hub.changed.emit("meta")
    assert "公布的总分" not in tab.warnings.label.text()


def test_sample_has_no_warning_strip(main_window) -> None:
    assert not main_window.score_tab.warnings.isVisible()


def test_signing_an_inconsistent_sheet_asks_first(
    farmland, qtbot, tmp_path, zh_app, artifacts_dir
) -> None:
    p12 = create_self_signed_pkcs12(tmp_path / "c.p12", "pw", common_name="王单位")
    ctx = TabContext(farmland, QUndoStack(), ChangeHub())
    dialog = ExportPdfDialog(ctx, opener=lambda path: None, font_dirs=[])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning_strip.isVisible() and "110" in dialog.warning_strip.label.text()
    dialog.grab().save(str(artifacts_dir / "export_pdf_dialog_warnings.png"))
    out = tmp_path / "farm.pdf"
    dialog.out_edit.setText(str(out))
    dialog.sign_group.setChecked(True)
    dialog.cert_edit.setText(str(p12))
    dialog.password_edit.setText("pw")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert asked and "一级指标权重合计 110" in asked[0]
    assert not out.exists() and "未签名" in dialog.error_label.text()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(dialog.exported, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert out.exists() and len(asked) == 2
