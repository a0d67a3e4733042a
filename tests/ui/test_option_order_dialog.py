"""A 问卷星 "按选项序号" export in the survey dialog: nothing is counted until the user says
which number is which option; then the overall question gives 82.80%."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from importers.hostile_files import wjx_index_rows, write_xlsx
from jixiao.importers.survey import load_survey
from jixiao.ui.dialogs.option_order_dialog import OptionOrderDialog
from jixiao.ui.dialogs.survey_mapping_dialog import SurveyMappingDialog
from jixiao.ui.fonts import ensure_cjk_font


def test_numbered_export_asks_for_the_option_order(qtbot, tmp_path: Path) -> None:
    ensure_cjk_font(QApplication.instance())
    parsed = load_survey(write_xlsx(tmp_path / "问卷星序号.xlsx", wjx_index_rows()))
    dialog = SurveyMappingDialog(parsed)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 700)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "请说明选项顺序" in dialog.preview.text() and not ok.isEnabled()
    assert dialog.order_button.isVisible()

    def answer(child: QDialog) -> int:
        assert isinstance(child, OptionOrderDialog)
        child.show()
        QTest.mouseClick(child.fill_button, Qt.MouseButton.LeftButton)
        assert child.options()[:2] == ["非常满意", "满意"]
        assert child.satisfied() == ["非常满意", "满意"]
        child.grab().save(str(tmp_path / "option-order.png"))
        QTest.mouseClick(
            child.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        return child.result()

    dialog.exec_child = answer  # type: ignore[method-assign]
    QTest.mouseClick(dialog.order_button, Qt.MouseButton.LeftButton)
    assert "82.80%" in dialog.preview.text() and ok.isEnabled()
    texts = [dialog.options.item(r, 0).text() for r in range(dialog.options.rowCount())]
    assert "1（非常满意）" in texts and "5（非常不满意）" in texts  # numbers with their texts
    dialog.grab().save(str(tmp_path / "survey-mapping.png"))
    (rule,) = dialog.config().questions
    assert rule.options[0] == "非常满意" and rule.satisfied == ("非常满意", "满意")


def test_the_survey_dialog_lists_the_score_change_before_import(
    qtbot, tmp_path: Path, sample_file
) -> None:
    from jixiao.importers.impact import survey_import_impact

    rows = wjx_index_rows()
    rows[0][10] = "5、您对本项目的总体满意度（1=非常满意 2=满意 3=一般 4=不满意 5=非常不满意）"
    parsed = load_survey(write_xlsx(tmp_path / "问卷星序号.xlsx", rows))
    dialog = SurveyMappingDialog(parsed)
    qtbot.addWidget(dialog)
    dialog.impact_of = lambda result, weight: survey_import_impact(  # as the tab sets it
        sample_file, "新问卷", result, weight
    )
    dialog._update_preview()
    text = dialog.preview.text()
    assert "82.80%" in text and "Score changes:" in text and "→" in text
