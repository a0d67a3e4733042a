"""Helpers shared by the CLI sub-commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from jixiao.core.errors import UserError
from jixiao.storage.evaluation_file import EvaluationFile


class CommandError(UserError):
    """A command that cannot run; the message (Chinese) goes to stderr."""


def open_file(path: str) -> EvaluationFile:
    if not Path(path).exists():
        raise CommandError(f"找不到评价文件：{path}")
    return EvaluationFile.open(path)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
