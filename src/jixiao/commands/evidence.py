"""``jixiao evidence ...``: registered by its issue's module (placeholder until then)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Nothing yet: the evidence commands arrive with their issue."""
