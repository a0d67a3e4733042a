"""Time from process start to the first painted main window on the sample, next to a bare
PySide6 window with four tabs, side by side; and peak memory (goals: ≤ 2× and ≤ 120 MiB).

    python bench/startup.py [PAIRS]
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

# The program's own start (jixiao.app.main): the window is shown and painted first, then the
# file is opened (QTimer.singleShot(0, open_initial_file)). "first paint" is that window;
# "sample painted" is the same process carrying on until the opened sample is painted.
APP = textwrap.dedent("""
    import time, resource, sys
    t0 = time.perf_counter()
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from PySide6.QtCore import QTimer
    from jixiao.app import build_window
    from jixiao.ui.fonts import ensure_cjk_font
    from jixiao.ui.settings import AppSettings
    app = QApplication(sys.argv)
    ensure_cjk_font(app)
    window = build_window(app, AppSettings(Path(sys.argv[2]) / "s.ini"))
    window.resize(1400, 860)
    window.show()
    def painted():
        window.grab()
        if sys.argv[3] == "first":
            return done()
        from jixiao.storage.evaluation_file import EvaluationFile
        window.set_file(EvaluationFile.open(sys.argv[1]))
        QTimer.singleShot(0, lambda: (window.grab(), done()))
    def done():
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

    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp:
        sample = os.path.join(tmp, "s.jixiao")
        create_sample(sample).close()
        run(BARE)  # warm the file cache for both sides
        run(APP, sample, tmp, "first")
        bare, first, data = [], [], []
        for _ in range(pairs):  # side by side: one of each in turn, so load hits both alike
            bare.append(run(BARE))
            first.append(run(APP, sample, tmp, "first"))
            data.append(run(APP, sample, tmp, "sample"))
    rows = [
        ("bare PySide6 window with four tabs", bare),
        ("Jixiao main window, first paint", first),
        ("Jixiao with the sample painted", data),
    ]
    print(f"whole-process wall time, median of {pairs} pairs (ratio: median of the pairs' ratios)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    for label, runs in rows:
        median = statistics.median(t for t, _ in runs)
        peak = max(m for _, m in runs)
        # The median of each pair's ratio, which a load change during the run moves least.
        ratio = statistics.median(t / b for (t, _), (b, _) in zip(runs, bare, strict=True))
        print(f"{label:36} {median:.3f} s  ×{ratio:.2f}  peak {peak:.0f} MiB")
    print("goals: first paint ≤ 2× the bare window, peak memory ≤ 120 MiB")


if __name__ == "__main__":
    main()
