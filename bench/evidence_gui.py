"""Attach a large file through the evidence tab as the GUI does, and measure how long the GUI
thread is blocked: a 10 ms QTimer records the gaps between its ticks, and the progress the
dialog receives is counted by phase (reading on the worker, storing in the file).

    QT_QPA_PLATFORM=offscreen python bench/evidence_gui.py [--size-mb 100]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from jixiao.importers.sample import create_sample
from jixiao.storage import evidence as store
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.ui.context import ChangeHub, TabContext
from jixiao.ui.tabs.evidence_tab import EvidenceTab

MB = 1024 * 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sample = root / "bench.jixiao"
        create_sample(sample).close()
        source = root / "大文件.bin"
        block = os.urandom(MB)
        with source.open("wb") as fh:
            for i in range(args.size_mb):
                fh.write(i.to_bytes(8, "little") + block[8:])
        ef = EvaluationFile.open(sample, user="bench")
        tab = EvidenceTab(TabContext(ef, QUndoStack(), ChangeHub()))
        tab.show_message = lambda title, text, error: print("message:", text)
        tab.show()
        item = store.items(ef, "A12")[0].id

        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        done: list[int] = []
        tab.attached.connect(done.append)
        start = time.perf_counter()
        timer.start()
        tab.attach_files(item, [source])
        while not done:
            app.processEvents()  # the benchmark's own loop, not the program's
            time.sleep(0.001)
        elapsed = time.perf_counter() - start
        settle_until = time.perf_counter() + 0.1  # the tick after a block at the very end
        while time.perf_counter() < settle_until:
            app.processEvents()
            time.sleep(0.001)
        timer.stop()
        job = getattr(tab, "copy_job", None)
        print(f"file: {args.size_mb} MB; attached {done[0]} in {elapsed:.2f} s")
        worst = sorted(gaps, reverse=True)[:3]
        print(
            "longest the GUI thread was blocked: "
            + ", ".join(f"{g * 1000:.0f}" for g in worst)
            + " ms (three worst)"
        )
        print(f"event-loop turns every 10 ms timer: {len(gaps)} ticks")
        print(f"copy ran in steps with progress: {'yes' if job is not None else 'no'}")
        tab.close()
        ef.close()


if __name__ == "__main__":
    main()
