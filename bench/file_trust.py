"""Write latency by journal mode, and what the tamper evidence costs, on the sample and on a
file with 10,000 projects.

    python bench/file_trust.py [--projects 10000] [--edits 30]

Prints, per file: the median and worst time of one small user action (a project note edited:
one transaction with its audit row, re-scoring and the content stamp) in the program's mode
(rollback journal, TRUNCATE), in DELETE mode, and in WAL with a checkpoint after every action
(what the "one complete file" promise would need in WAL); the cost of the content stamp alone
for that action; verifying the whole file (what open and `jixiao check` do); and opening.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from jixiao.core.projects import Project
from jixiao.importers.sample import create_sample
from jixiao.storage import integrity
from jixiao.storage.evaluation_file import EvaluationFile


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def make_file(folder: Path, projects: int) -> Path:
    path = folder / f"bench-{projects}.jixiao"
    create_sample(path).close()
    if projects:
        with EvaluationFile.open(path) as ef:
            ef.upsert_projects(
                Project(
                    name=f"项目{n:05d}",
                    unit=f"单位{n % 97:02d}",
                    budget=Decimal("12.50"),
                    paid=Decimal("11.25"),
                )
                for n in range(projects)
            )
    return path


RUN = [0]


def edits(ef: EvaluationFile, count: int, *, checkpoint: bool = False) -> list[float]:
    times = []
    RUN[0] += 1
    projects = ef.projects()[:count]
    for n, project in enumerate(projects):
        start = time.perf_counter()
        ef.update_project(project.with_changes(note=f"备注{RUN[0]}-{n}"))
        if checkpoint:
            ef.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        times.append(time.perf_counter() - start)
    return times


def line(label: str, times: list[float]) -> None:
    print(f"  {label:<44}median {ms(statistics.median(times))}   worst {ms(max(times))}")


def bench(path: Path, count: int) -> None:
    print(f"{path.name} ({path.stat().st_size / 1e6:.1f} MB)")
    start = time.perf_counter()
    ef = EvaluationFile.open(path)
    print(f"  {'open (checks + full verification)':<44}{ms(time.perf_counter() - start)}")
    with ef:
        line("action, rollback journal (TRUNCATE)", edits(ef, count))
        ef.db.execute("PRAGMA journal_mode = DELETE")
        line("action, rollback journal (DELETE)", edits(ef, count))
        ef.db.execute("PRAGMA journal_mode = WAL")
        ef.db.execute("PRAGMA synchronous = NORMAL")
        line("action, WAL (no checkpoint: -wal holds work)", edits(ef, count))
        line("action, WAL + checkpoint after each action", edits(ef, count, checkpoint=True))
        ef.db.execute("PRAGMA journal_mode = TRUNCATE")
        ef.db.execute("PRAGMA synchronous = FULL")
        conn = ef.db.conn
        stamps, verifies = [], []
        for _ in range(count):
            conn.execute("BEGIN")
            start = time.perf_counter()
            integrity.stamp(conn, {"projects": {0}})  # one bucket, as a one-row edit
            stamps.append(time.perf_counter() - start)
            conn.execute("ROLLBACK")
        line("content stamp alone (one project changed)", stamps)
        for _ in range(min(count, 5)):
            start = time.perf_counter()
            ef.outside_changes()
            verifies.append(time.perf_counter() - start)
        line("verify whole file (open, jixiao check)", verifies)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for projects in (0, args.projects):
            bench(make_file(Path(tmp), projects), args.edits)


if __name__ == "__main__":
    main()
