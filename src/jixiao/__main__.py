"""Entry point: ``jixiao`` (GUI) or ``jixiao COMMAND ...`` (headless)."""

from __future__ import annotations

import sys


def wants_gui(argv: list[str]) -> bool:
    args = [a for a in argv if a not in ("-platform", "offscreen", "minimal")]
    if not args:
        return True
    first = args[0]
    return first in ("gui", "--smoke-test") or first.endswith(".jixiao")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_gui(argv):
        from jixiao import app  # Qt is imported only when a window is wanted

        return app.main(argv)
    from jixiao import cli

    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main())
