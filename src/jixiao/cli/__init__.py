"""The headless ``jixiao COMMAND``: ``main`` builds the parser; each sub-command module has
``register(subparsers)``."""

from jixiao.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
