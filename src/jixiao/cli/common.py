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


# Set from the global ``--take-over`` option by cli.main: the user confirmed that the lock
# record beside the file is left over by a program that is gone.
TAKE_OVER = {"confirmed": False}


def open_file(path: str, *, warn: bool = True) -> EvaluationFile:
    """Open for reading and writing where possible. Writes refuse (Chinese message) on a
    read-only file or medium, and while someone else has the file open for editing."""
    if not Path(path).exists():
        raise CommandError(f"找不到评价文件：{path}")
    ef = EvaluationFile.open(path, take_over=TAKE_OVER["confirmed"])
    if warn:
        changes = ef.outside_changes()
        if changes:
            print(
                f"警告：文件在本程序之外被修改：{'；'.join(changes)}"
                f"（签名前须用 jixiao check {path} --accept --reason … 确认）",
                file=sys.stderr,
            )
    return ef


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
