"""Time from process start to the first painted main window on the sample, next to a bare
PySide6 window with four tabs, in one run; and peak memory (goals: ≤ 2× and ≤ 150 MiB).

    python bench/startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap

BARE = textwrap.dedent("""
    import time, resource, sys
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication, QTabWidget, QLabel
    from PySide6.QtCore import QTimer
    app = QApplication(sys.argv)
    tabs = QTabWidget()
    for name in ("a", "b", "c", "d"):
        tabs.addTab(QLabel(name), name)
    tabs.resize(1400, 860); tabs.show()
    def painted():
        tabs.grab()
        print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        app.quit()
    QTimer.singleShot(0, painted)
    app.exec()
""")

APP = textwrap.dedent("""
    import time, resource, sys
    t0 = time.perf_counter()
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from PySide6.QtCore import QTimer
    from jixiao.app import build_window
    from jixiao.ui.fonts import ensure_cjk_font
    from jixiao.ui.settings import AppSettings
    from jixiao.storage.evaluation_file import EvaluationFile
    app = QApplication(sys.argv)
    ensure_cjk_font(app)
    window = build_window(app, AppSettings(Path(sys.argv[2]) / "s.ini"))
    window.resize(1400, 860)
    window.set_file(EvaluationFile.open(sys.argv[1]))
    window.show()
    def painted():
        window.grab()
        print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        app.quit()
    QTimer.singleShot(0, painted)
    app.exec()
""")


def run(code: str, *args: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = __import__("time").perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    wall = __import__("time").perf_counter() - start
    _inner, rss_kib = out.stdout.split()
    return wall, int(rss_kib) / 1024


def main() -> None:
    from jixiao.importers.sample import create_sample

    with tempfile.TemporaryDirectory() as tmp:
        sample = os.path.join(tmp, "s.jixiao")
        create_sample(sample).close()
        bare = [run(BARE) for _ in range(3)]
        app = [run(APP, sample, tmp) for _ in range(3)]
    bare_t = statistics.median(t for t, _ in bare)
    app_t = statistics.median(t for t, _ in app)
    print(
        f"bare PySide6 window with four tabs: {bare_t:.3f} s to first paint, peak {max(m for _, m in bare):.0f} MiB"
    )
    print(
        f"Jixiao main window on the sample:   {app_t:.3f} s to first paint, peak {max(m for _, m in app):.0f} MiB"
    )
    print(f"ratio {app_t / bare_t:.2f}× (goal ≤ 2×); peak memory goal ≤ 150 MiB")


if __name__ == "__main__":
    main()
