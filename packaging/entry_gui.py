"""Frozen entry point of Jixiao(.exe), the windowed program: the same as the `jixiao-gui` script."""

import sys

from jixiao.app import main

if __name__ == "__main__":
    sys.exit(main())
