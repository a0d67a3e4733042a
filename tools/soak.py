"""Run the GUI soak (tools/soak_driver.py) for any number of events on a fresh copy of the
sample and print events per second and the results.

    QT_QPA_PLATFORM=offscreen python tools/soak.py --events 20000 --seed 7
    Xvfb :99 & DISPLAY=:99 QT_QPA_PLATFORM=xcb python tools/soak.py --events 20000

(On Debian the xcb platform plugin of the PySide6 wheels needs libxcb-cursor0,
libxcb-icccm4 and libxcb-keysyms1 besides xvfb; the offscreen platform needs nothing.)

Exit status 0 when there was no crash, no exception escaped a slot, the file's integrity
check is ok and the score sheet recomputes to what is shown; 1 otherwise. A hard crash ends
the process (faulthandler prints the Python stacks to stderr).
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report-every", type=int, default=1000)
    args = parser.parse_args(argv)
    faulthandler.enable()

    from PySide6.QtWidgets import QApplication
    from soak_driver import SoakDriver, make_window

    from jixiao.importers.sample import create_sample
    from jixiao.ui.garbage import GarbageCollector

    app = QApplication.instance() or QApplication([sys.argv[0]])
    collector = GarbageCollector(app)  # as the program: GC on the GUI thread only
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        path = Path(tmp) / "soak.jixiao"
        create_sample(path).close()
        window = make_window(path, Path(tmp) / "settings.ini")
        started = time.perf_counter()

        def progress(i: int) -> None:
            if (i + 1) % args.report_every == 0:
                rate = (i + 1) / (time.perf_counter() - started)
                print(f"  {i + 1} events, {rate:.0f} events/s", flush=True)

        with SoakDriver(window, args.seed) as driver:
            result = driver.run(args.events, progress)
        elapsed = time.perf_counter() - started
        result = driver.finish()
        window.close()
        app.processEvents()
        del collector
        gc.collect()
    print(
        f"seed {result.seed}: {result.events} events in {elapsed:.1f} s "
        f"({result.events / elapsed:.0f} events/s), {result.dialogs_answered} dialogs/menus "
        f"answered, platform {app.platformName()}"
    )
    print("events by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(result.by_kind.items())))
    print(f"integrity_check: {result.integrity}")
    print(f"score sheet shown {result.total_shown!r}, recomputed {result.total_recomputed!r}")
    print(f"score form matched the selected indicator after all {result.misfile_checks} events")
    print(f"exceptions in slots: {len(result.exceptions)}")
    for text in result.exceptions:
        print(text)
    print("SOAK-OK" if result.ok else "SOAK-FAILED")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
