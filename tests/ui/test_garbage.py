from __future__ import annotations

import gc


def test_collector_turns_automatic_gc_off_and_collects_on_the_gui_thread(qapp, qtbot) -> None:
    from jixiao.ui.garbage import GarbageCollector

    was_enabled = gc.isenabled()
    gc.enable()
    collector = GarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled()

        class Node:
            pass

        for _ in range(collector.threshold + 50):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle only the collector frees
        assert gc.get_count()[0] > collector.threshold
        qtbot.waitUntil(lambda: gc.get_count()[0] < collector.threshold, timeout=2000)
    finally:
        collector.timer.stop()
        if was_enabled:
            gc.enable()
