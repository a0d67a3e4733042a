"""Kill a writing process mid-transaction many times; the file must stay intact with every
committed change present."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

WRITER = r"""
import sys
from decimal import Decimal
from jixiao.core.projects import Project
from jixiao.storage.evaluation_file import EvaluationFile
ef = EvaluationFile.open(sys.argv[1], user="crash")
start = int(sys.argv[2])
for i in range(start, start + 100000):
    project = Project(
        name=f"压力测试项目 {i}", unit="测试单位", budget=Decimal("10.00"), paid=Decimal(i % 10)
    )
    ef.add_project(project)
    print(i, flush=True)
"""


def test_killed_writer_never_corrupts_or_loses_commits(sample_path: Path) -> None:
    rng = random.Random(7)
    committed: list[int] = []
    next_start = 0
    for _ in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(sample_path), str(next_start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()  # writing has begun (however slow the machine is)
        time.sleep(rng.uniform(0.0, 0.4))  # then kill it at a random point mid-stream
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        numbers = [int(line) for line in (first + out).split()]
        committed.extend(numbers)
        next_start = (max(numbers) + 1) if numbers else next_start + 1000
        conn = sqlite3.connect(sample_path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = {
            row[0] for row in conn.execute("SELECT name FROM projects WHERE unit = '测试单位'")
        }
        conn.close()
        assert {f"压力测试项目 {i}" for i in committed} <= names
    assert len(committed) > 10
