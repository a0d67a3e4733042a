"""The UI keeps one pattern per concern (issue 12): small modules, one op base for undoable
writes, one helper for background work, no event loop spun by hand, no SQL in the UI."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "src" / "jixiao" / "ui"
MAX_LINES = 500


def ui_modules() -> list[Path]:
    return sorted(p for p in UI.rglob("*.py") if "__pycache__" not in p.parts)


def code_of(path: Path) -> str:
    """The module without comments (docstrings may name what is not done)."""
    return "\n".join(line.split("#")[0] for line in path.read_text(encoding="utf-8").splitlines())


def test_no_ui_module_is_over_500_lines() -> None:
    long = {
        str(p.relative_to(UI)): n
        for p in ui_modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_event_loop_spun_by_hand_in_the_ui() -> None:
    offenders = [
        str(p.relative_to(UI))
        for p in ui_modules()
        if re.search(r"\bprocessEvents\s*\(|\bQEventLoop\b", code_of(p))
    ]
    assert offenders == []


def test_one_undo_base_and_pushes_only_through_run_op() -> None:
    bases = [
        str(p.relative_to(UI)) for p in ui_modules() if re.search(r"\(QUndoCommand\)", code_of(p))
    ]
    assert bases == ["operations.py"]
    pushes = [
        str(p.relative_to(UI)) for p in ui_modules() if re.search(r"undo\.push\(", code_of(p))
    ]
    assert pushes == ["operations.py"]


def test_background_work_only_through_the_workers_module() -> None:
    threads = [
        str(p.relative_to(UI))
        for p in ui_modules()
        if re.search(r"\bQThread\b|\bthreading\b|QThreadPool", code_of(p))
    ]
    assert threads == ["workers.py"]


def test_the_ui_runs_no_sql() -> None:
    offenders = [
        str(p.relative_to(UI))
        for p in ui_modules()
        if re.search(r"\.execute\(|\bSELECT\b|\bUPDATE\b|\bINSERT\b", code_of(p))
    ]
    assert offenders == []


def test_change_notices_are_typed() -> None:
    offenders = [
        str(p.relative_to(UI))
        for p in ui_modules()
        if re.search(r"hub\.changed\.emit\(|hub\.announce\(\s*[\"']", code_of(p))
    ]
    assert offenders == []
