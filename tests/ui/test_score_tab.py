"""The score sheet in the main window, driven as a user drives it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jixiao.ui.models.score_model import COL_COMPUTED, COL_SCORE, OVERRIDE_BRUSH
from jixiao.ui.widgets.input_editor import OverrideDialog


def settle() -> None:
    """Let the change notices reach the tabs (they are delivered on the next loop turn)."""
    QApplication.processEvents()


def score_text(window, code: str, column: int = COL_SCORE) -> str:
    settle()
    model = window.score_tab.model
    return model.index_for_code(code).siblingAtColumn(column).data()


def test_sample_shows_total_and_grade(main_window) -> None:
    assert main_window.score_tab.summary.total_text() == "总分 90.23 · 优"
    assert score_text(main_window, "B12") == "1.89"
    assert score_text(main_window, "C") == "23.34"
    assert main_window.windowTitle().endswith("— 绩效自评工作台")
    assert main_window.tabs.tabText(main_window.tabs.count() - 1) == "评分表"


def test_typing_an_input_rescores_at_once(main_window, qtbot) -> None:
    tab = main_window.score_tab
    tab.select_code("D15")
    editor = tab.editor
    numerator, denominator, value = (
        editor._fields[k] for k in ("numerator", "denominator", "value")
    )
    value.clear()
    qtbot.keyClicks(numerator, "9")
    qtbot.keyClicks(denominator, "10")
    denominator.editingFinished.emit()
    assert score_text(main_window, "D15") == "4.50"
    assert tab.summary.total_text() == "总分 89.73 · 良"


def test_changing_b12_inputs_moves_score_and_total(main_window) -> None:
    tab = main_window.score_tab
    tab.select_code("B12")
    tab.editor.submitted.emit(
        {"numerator": "18000", "denominator": "18700.00", "replace_derived": "以决算数为准"}
    )
    assert score_text(main_window, "B12") == "1.93"  # 96.26% × 2
    assert tab.summary.total_text() == "总分 90.27 · 优"


def test_invalid_input_is_refused_beside_the_field(main_window, qtbot) -> None:
    tab = main_window.score_tab
    tab.select_code("D15")
    tab.editor.submitted.emit({"numerator": "3", "denominator": "0"})
    assert "分母为 0" in tab.editor.error.text()
    assert score_text(main_window, "D15") == "5.00"
    assert main_window.ef.input_for("D15") == {"value": "100%"}


def test_override_needs_a_reason_and_looks_different(main_window, qtbot) -> None:
    dialog = OverrideDialog("10")
    qtbot.addWidget(dialog)
    dialog.value.setText("7")
    dialog._accept()
    assert dialog.result() == 0 and "理由" in dialog.error.text()

    tab = main_window.score_tab
    tab.select_code("C31")
    tab.editor.submitted.emit({"override": "7", "reason": "疫情属不可抗力"})
    assert score_text(main_window, "C31") == "7.00"
    assert score_text(main_window, "C31", COL_COMPUTED) == "5.83"
    index = tab.model.index_for_code("C31").siblingAtColumn(COL_SCORE)
    assert index.data(Qt.ItemDataRole.BackgroundRole) == OVERRIDE_BRUSH
    assert "已调整为 7" in tab.editor.override_label.text()
    assert main_window.ef.audit_log(limit=1)[0].reason == "疫情属不可抗力"


def test_undo_redo_restore_values_and_totals(main_window) -> None:
    tab = main_window.score_tab
    tab.select_code("D11")
    tab.editor.submitted.emit({"count": 4})
    assert tab.summary.total_text() == "总分 88.23 · 良"
    main_window.undo.undo()
    settle()
    assert tab.summary.total_text() == "总分 90.23 · 优"
    assert main_window.ef.input_for("D11") == {"count": 0}
    main_window.undo.redo()
    assert score_text(main_window, "D11") == "3.00"
    actions = [e.reason for e in main_window.ef.audit_log(limit=3)]
    assert "撤销" in actions or "Undo" in actions


def test_audit_log_dialog_lists_changes(main_window, qtbot) -> None:
    from jixiao.ui.dialogs.audit_log_dialog import AuditLogDialog

    main_window.score_tab.select_code("D12")
    main_window.score_tab.editor.submitted.emit({"count": 1})
    dialog = AuditLogDialog(main_window.ef.audit_log(), main_window)
    qtbot.addWidget(dialog)
    first = [dialog.model.index(0, c).data() for c in range(7)]
    assert first[1] == "测试员" and first[2] == "录入变更" and first[3] == "D12"
    assert '"count": 1' in first[5]


def test_editing_b12_via_registry_data_follows(main_window) -> None:
    ef = main_window.ef
    project = max(ef.projects(), key=lambda p: p.paid)
    ef.update_project(project.with_changes(paid=Decimal(0)))
    main_window.hub.announce("projects")
    assert score_text(main_window, "B12") != "1.89"


def test_standard_dialog_buttons_are_chinese(main_window, qtbot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text() for b in box.buttons()}
    assert texts == {"确定", "取消"} or texts == {"确定(&O)", "取消(&C)"}


def test_not_applicable_needs_a_reason_then_awards_the_weight(main_window, qtbot) -> None:
    tab = main_window.score_tab
    tab.select_code("D13")
    editor = tab.editor
    editor.na_check.setChecked(True)
    assert "理由" in editor.error.text()
    assert main_window.ef.input_for("D13") == {"count": 0}
    editor.na_reason.setText("本年度无城市数字化转型类项目")  # QTest cannot type non-ASCII
    editor.na_reason.editingFinished.emit()
    assert main_window.ef.input_for("D13")["na"] is True
    assert score_text(main_window, "D13") == "3.00"  # the seed template awards the weight
    reason = tab.model.index_for_code("D13").siblingAtColumn(6).data()
    assert "不适用" in reason and "本年度无城市数字化转型类项目" in reason


def test_a_rate_over_100_percent_is_confirmed_with_a_checkbox_and_undone(
    main_window, qtbot
) -> None:
    from PySide6.QtCore import QPoint

    tab = main_window.score_tab
    tab.select_code("D15")
    editor = tab.editor
    assert editor.over_check.isHidden()  # not offered for a plausible rate
    numerator, denominator, value = (
        editor._fields[k] for k in ("numerator", "denominator", "value")
    )
    value.clear()
    qtbot.keyClicks(numerator, "15")
    qtbot.keyClicks(denominator, "10")
    denominator.editingFinished.emit()
    settle()
    assert "超过 100%" in editor.error.text()
    assert main_window.ef.input_for("D15") == {"value": "100%"}  # refused, nothing stored
    box = editor.over_check
    assert not box.isHidden() and not box.isChecked()
    assert box.text().startswith("确认超过 100%")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    settle()
    assert main_window.ef.input_for("D15") == {
        "numerator": "15",
        "denominator": "10",
        "accept_over": "是",
    }
    assert score_text(main_window, "D15") == "5.00"
    assert not editor.over_check.isHidden() and editor.over_check.isChecked()
    main_window.undo.undo()
    settle()
    assert main_window.ef.input_for("D15") == {"value": "100%"}
    main_window.undo.redo()
    settle()
    assert main_window.ef.input_for("D15")["accept_over"] == "是"
