"""Time to recompute a score sheet: the Nanjing sample, and a synthetic 1,000-project evaluation.

Targets on the reference machine (2 cores): ≤ 2 ms and ≤ 50 ms.
    python bench/score.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from jixiao.core.evaluate import evaluate
from jixiao.core.projects import Project, summarize
from jixiao.importers import template_library
from jixiao.importers.sample import create_sample, project_from_dict, sample_data


def timed(fn, repeat: int = 50) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def main() -> None:
    data = sample_data()
    system = template_library.resolve("nanjing-2021")
    projects = [project_from_dict(p) for p in data["projects"]]
    sat = data["survey"]["fallback_satisfaction"]

    def sample_pure() -> None:
        derived = summarize(projects).derived_inputs()
        derived["satisfaction_rate"] = sat
        evaluate(system, data["inputs"], derived)

    big = [
        Project(
            name=f"项目{i}",
            unit=f"单位{i % 60}",
            budget=Decimal("123.45"),
            paid=Decimal("100.01"),
            funds_in_place=Decimal("123.45"),
            sampled=i % 3 == 0,
            planned_output=True,
            completed=i % 5 != 0,
            acceptance_due=True,
            accepted=i % 7 != 0,
            on_time=i % 2 == 0,
        )
        for i in range(1000)
    ]

    def big_pure() -> None:
        derived = summarize(big).derived_inputs()
        derived["satisfaction_rate"] = sat
        evaluate(system, data["inputs"], derived)

    with tempfile.TemporaryDirectory() as tmp:
        ef = create_sample(Path(tmp) / "s.jixiao")
        file_ms = timed(ef.score_sheet, 30)
        ef.upsert_projects(big)
        big_file_ms = timed(ef.score_sheet, 10)
        ef.close()

    print(
        f"sample sheet, in memory (summarize + evaluate): "
        f"{timed(sample_pure):7.3f} ms  (target ≤ 2 ms)"
    )
    print(f"sample sheet, read from the .jixiao file:       {file_ms:7.3f} ms")
    print(
        f"1,000 projects, in memory:                      "
        f"{timed(big_pure, 20):7.3f} ms  (target ≤ 50 ms)"
    )
    print(f"1,040 projects, read from the .jixiao file:     {big_file_ms:7.3f} ms")


if __name__ == "__main__":
    main()
