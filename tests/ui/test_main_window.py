from __future__ import annotations

import subprocess
import sys

from jixiao.app import build_window, split_qt_args
from jixiao.ui.settings import AppSettings


def test_recent_files_are_remembered(cjk_app, qtbot, tmp_path, sample_path) -> None:
    settings = AppSettings(tmp_path / "s.ini")
    window = build_window(cjk_app, settings)
    qtbot.addWidget(window)
    assert window.open_path(sample_path)
    window.close()
    again = build_window(cjk_app, AppSettings(tmp_path / "s.ini"))
    qtbot.addWidget(again)
    assert [a.text() for a in again.recent_menu.actions()] == [str(sample_path.resolve())]
    assert AppSettings(tmp_path / "s.ini").last_file == str(sample_path.resolve())


def test_opening_a_broken_file_shows_a_message_and_keeps_running(
    cjk_app, qtbot, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    bad = tmp_path / "坏文件.jixiao"
    bad.write_bytes(b"not sqlite at all")
    window = build_window(cjk_app, AppSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    assert not window.open_path(bad)
    assert "坏文件.jixiao" in shown[0] and window.ef is None


def test_language_switch(main_window) -> None:
    main_window.set_language("en")
    assert main_window.tabs.tabText(main_window.tabs.count() - 1) == "Score sheet"
    assert main_window.score_tab.summary.total_text() == "Total 90.23 · 优"
    assert main_window.menuBar().actions()[0].text() == "&File"
    main_window.set_language("zh_CN")
    assert main_window.tabs.tabText(main_window.tabs.count() - 1) == "评分表"
    assert main_window.menuBar().actions()[0].text() == "文件(&F)"


def test_save_as_copies_with_backup_api_and_switches(main_window, tmp_path) -> None:
    target = tmp_path / "另存.jixiao"
    main_window.score_tab.select_code("D13")
    main_window.score_tab.editor.submitted.emit({"count": 2})
    main_window.save_as(target)
    assert main_window.ef.path == target
    assert main_window.score_tab.summary.total_text() == "总分 89.23 · 良"


def test_qt_arguments_are_passed_through() -> None:
    assert split_qt_args(["-platform", "offscreen", "--smoke-test"]) == (
        ["--smoke-test"],
        ["-platform", "offscreen"],
    )


def test_smoke_test_command_exits_zero(tmp_path) -> None:
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path),
        "HOME": str(tmp_path),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "SMOKE-OK" in result.stdout and "90.23" in result.stdout


def test_screenshots_of_every_tab(main_window, screenshot, qtbot) -> None:
    for i in range(main_window.tabs.count()):
        main_window.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        title = main_window.tabs.tabText(i)
        shown = main_window.tabs.currentWidget()
        expect = [title, "90.23"] if shown is main_window.score_tab else [title]
        screenshot(main_window, f"tab_{i}", expect=expect)


def test_command_line_forms_that_open_the_window() -> None:
    from jixiao.__main__ import wants_gui
    from jixiao.app import parse_args

    assert parse_args([]).file is None
    assert parse_args(["gui"]).file is None
    assert parse_args(["gui", "a.jixiao"]).file == "a.jixiao"
    assert (
        parse_args(["D:\\\\评价\\\\2021.jixiao"]).file == "D:\\\\评价\\\\2021.jixiao"
    )  # a double-clicked file
    assert parse_args(["--smoke-test"]).smoke_test
    assert (
        wants_gui([])
        and wants_gui(["x.jixiao"])
        and wants_gui(["gui"])
        and not wants_gui(["score", "x.jixiao"])
    )


def test_new_evaluation_from_the_national_template(cjk_app, qtbot, tmp_path, monkeypatch) -> None:
    from jixiao.importers import template_library
    from jixiao.ui.dialogs import new_evaluation_dialog

    target = tmp_path / "2024-某专项资金"
    system = template_library.resolve("national-2020")
    monkeypatch.setattr(
        new_evaluation_dialog,
        "ask_new_evaluation",
        lambda parent: (target, system, "某专项资金", 2024, "某局"),
    )
    window = build_window(cjk_app, AppSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.new_file()
    assert window.ef is not None and window.ef.path == target.with_suffix(".jixiao")
    assert window.ef.meta().title == "2024年某专项资金项目支出绩效自评表"  # as `jixiao init`
    assert window.score_tab.summary.total_text() == "总分 0.00 · 差"
    assert window.windowTitle().startswith("2024-某专项资金.jixiao")


def test_first_start_without_a_file_opens_the_sample(cjk_app, qtbot, tmp_path) -> None:
    """The README's first command starts the program with no file: the user lands on the sample
    (a copy in the data folder), with no question to answer first."""
    from jixiao.app import open_initial_file

    settings = AppSettings(tmp_path / "s.ini")
    window = build_window(cjk_app, settings)
    qtbot.addWidget(window)
    window.show()
    open_initial_file(window, settings, None)
    assert window.ef is not None
    assert window.score_tab.summary.total_text().endswith("90.23 · 优")
    assert "样例" in str(window.ef.path)
    assert window.statusBar().currentMessage()
