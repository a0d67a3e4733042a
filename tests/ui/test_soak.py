"""The GUI soak: a seeded random user over the real main window on the sample (see
tools/soak_driver.py). After every event no exception may have escaped a slot and the window
must be alive; at the end the file passes PRAGMA integrity_check and the score sheet
recomputes to what it shows. 4 seeds × 500 events here; tools/soak.py runs any number."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from soak_driver import SoakDriver, make_window

EVENTS = 500


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_user_cannot_break_the_window(cjk_app, qtbot, tmp_path, sample_path, seed) -> None:
    window = make_window(sample_path, tmp_path / "settings.ini")
    qtbot.addWidget(window)
    with SoakDriver(window, seed) as driver:
        result = driver.run(EVENTS)
    result = driver.finish()
    assert result.exceptions == []
    assert result.events == EVENTS
    assert result.integrity == "ok"
    assert result.total_shown == result.total_recomputed
    # It really did things a person does, dialogs included.
    assert set(result.by_kind) >= {"click_row", "type_text", "press_key", "undo_redo"}
    assert result.dialogs_answered > 0
    window.close()
