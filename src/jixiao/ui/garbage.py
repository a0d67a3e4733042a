"""Collect reference cycles on the GUI thread only.

Python's automatic collector runs in whichever thread allocates when a threshold is crossed —
for example a worker thread rendering a PDF or reading a survey — and freeing a Qt widget
caught in a cycle from that thread crashes the program. So, like Anki, the app turns the
automatic collector off and collects from a timer on the GUI thread instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000):
        super().__init__(parent)
        self.threshold = gc.get_threshold()[0]
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start(interval_ms)

    def check(self) -> None:
        # Same trigger as the automatic collector, only on this thread.
        if gc.get_count()[0] > self.threshold:
            gc.collect()
