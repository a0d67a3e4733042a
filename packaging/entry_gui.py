"""Frozen entry point of Jixiao(.exe), the windowed program: the same as the `jixiao-gui` script.

For the build scripts only: with JIXIAO_SMOKE_SHOTS=<folder> set, `--smoke-test` also saves the
picture of every tab it paints there (tab01.png, ...), so a build can be looked at — e.g. that
Chinese renders with the bundled font under Wine, where no Chinese system font exists.
"""

import os
import sys


def save_smoke_shots(folder: str) -> None:
    from jixiao.ui.main_window import MainWindow

    os.makedirs(folder, exist_ok=True)
    original = MainWindow.grab
    count = [0]

    def grab(self, *args):  # type: ignore[no-untyped-def]
        pixmap = original(self, *args)
        count[0] += 1
        pixmap.save(os.path.join(folder, f"tab{count[0]:02d}.png"))
        return pixmap

    MainWindow.grab = grab  # type: ignore[method-assign]


if __name__ == "__main__":
    if os.environ.get("JIXIAO_SMOKE_SHOTS") and "--smoke-test" in sys.argv:
        save_smoke_shots(os.environ["JIXIAO_SMOKE_SHOTS"])
    from jixiao.app import main

    sys.exit(main())
