from __future__ import annotations

import logging
import sys

from jixiao.ui.errors import ErrorDialog, format_report, install_excepthook


def test_unexpected_error_is_logged_with_a_copyable_report(
    cjk_app, qtbot, tmp_path, monkeypatch
) -> None:
    log_file = tmp_path / "jixiao.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger("jixiao").addHandler(handler)
    shown = []
    monkeypatch.setattr(ErrorDialog, "exec", lambda self: shown.append(self.report.toPlainText()))
    old_hook = sys.excepthook
    try:
        install_excepthook()
        try:
            raise RuntimeError("磁盘已满")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
        logging.getLogger("jixiao").removeHandler(handler)
        handler.close()
    assert "RuntimeError: 磁盘已满" in log_file.read_text(encoding="utf-8")
    assert shown and "RuntimeError: 磁盘已满" in shown[0] and "Jixiao" in shown[0]


def test_report_names_version_and_platform() -> None:
    try:
        raise ValueError("x")
    except ValueError as exc:
        report = format_report(type(exc), exc, exc.__traceback__)
    assert report.startswith("Jixiao ") and sys.platform in report
