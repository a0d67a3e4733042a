"""What one tab changes, the score sheet shows at once — in the whole main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from jixiao.ui.models.projects_model import COL_PAID
from jixiao.ui.models.score_model import COL_EVIDENCE, COL_SCORE


def cell(window, code: str, column: int) -> str:
    QApplication.processEvents()  # change notices reach the other tabs on the next loop turn
    return window.score_tab.model.index_for_code(code).siblingAtColumn(column).data()


def test_editing_paid_in_the_registry_moves_b12_on_the_score_sheet(main_window) -> None:
    registry = main_window.tab(0)
    model = registry.model
    row = max(
        range(model.rowCount()),
        key=lambda r: float(model.index(r, COL_PAID).data().replace(",", "")),
    )
    assert model.setData(model.index(row, COL_PAID), "0")
    assert cell(main_window, "B12", COL_SCORE) != "1.89"
    assert not main_window.score_tab.summary.total_text().startswith("总分 90.23")
    main_window.undo.undo()
    assert cell(main_window, "B12", COL_SCORE) == "1.89"
    assert main_window.score_tab.summary.total_text() == "总分 90.23 · 优"


def test_attaching_all_evidence_clears_the_marker(main_window, tmp_path: Path, qtbot) -> None:
    from jixiao.storage import evidence

    assert cell(main_window, "B12", COL_EVIDENCE) == "缺失"
    tab = main_window.tab(1)
    for i, item in enumerate(evidence.items(main_window.ef, "B12")):
        path = tmp_path / f"凭证{i}.pdf"
        path.write_bytes(f"%PDF-1.4 证据 {i}".encode())
        with qtbot.waitSignal(tab.attached, timeout=30_000) as done:
            tab.attach_files(item.id, [path])
        assert done.args[0] == 1
    assert cell(main_window, "B12", COL_EVIDENCE) == ""
    assert cell(main_window, "B11", COL_EVIDENCE) == "缺失"
