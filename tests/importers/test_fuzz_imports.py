"""Seeded fuzzing of every importer through its CLI command (see tests/fuzz_cases.py):
0 escaped exceptions, only Chinese errors, and no accepted import that changed a score without
listing the change. bench/fuzz_imports.py runs thousands of cases in a child process and
also reports aborts and time."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz_cases import CASES

PER_IMPORTER = 200


@pytest.mark.parametrize("kind", sorted(CASES))
def test_fuzzed_imports_fail_only_in_chinese_and_never_change_a_score_silently(
    kind: str, sample_path: Path, tmp_path: Path
) -> None:
    failures = []
    accepted = 0
    for seed in range(PER_IMPORTER):
        work = tmp_path / str(seed)
        work.mkdir()
        outcome = CASES[kind](seed, work, sample_path)
        accepted += outcome.rc == 0
        if outcome.problem:
            failures.append(f"seed {seed} ({outcome.mutation}): {outcome.problem}")
    assert not failures, "\n".join(failures[:20])
    assert 0 < accepted < PER_IMPORTER  # the generator makes both good and bad files
