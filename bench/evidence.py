"""Attach, verify and extract a 100 MB evidence file: time, and peak memory above the idle
program (goal: < 50 MB; the content is streamed through SQLite's incremental blob I/O).

    python bench/evidence.py [--size-mb 100]

Peak memory is the kernel's high-water mark of the resident set (VmHWM in /proc/self/status),
reset before each step by writing "5" to /proc/self/clear_refs, so each figure is that step's
own peak minus the resident size just before it. tracemalloc's peak (Python objects only) is
shown beside it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jixiao.importers.sample import create_sample
from jixiao.storage import evidence as store
from jixiao.storage.evaluation_file import EvaluationFile

MB = 1024 * 1024


def proc_status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text(
            "5"
        )  # resets VmHWM to the current RSS (Linux ≥ 4.0)
        return True
    except OSError:
        return False


def measure(label: str, fn: Callable[[], Any]) -> Any:
    can_reset = reset_peak()
    rss_before = proc_status_kb("VmRSS") or 0
    tracemalloc.start()
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    hwm = proc_status_kb("VmHWM") or 0
    above = (hwm - rss_before) / 1024 if can_reset else float("nan")
    print(
        f"{label:<34} {elapsed:7.2f} s   peak RSS +{above:6.1f} MB above idle   "
        f"Python peak {py_peak / MB:5.1f} MB"
    )
    return result, elapsed, above


def make_file(path: Path, size: int) -> str:
    digest = hashlib.sha256()
    block = os.urandom(MB)
    with path.open("wb") as fh:
        for i in range(size // MB):
            # Each megabyte differs, so nothing downstream could shortcut repeated content.
            chunk = i.to_bytes(8, "little") + block[8:]
            fh.write(chunk)
            digest.update(chunk)
    return digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=100)
    args = parser.parse_args()
    size = args.size_mb * MB
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sample = root / "bench.jixiao"
        create_sample(sample).close()
        source = root / "佐证-大文件.bin"
        expected_sha = make_file(source, size)

        ef = EvaluationFile.open(sample, user="bench")
        item = store.items(ef, "A12")[0]
        print(f"file: {args.size_mb} MB; idle RSS {(proc_status_kb('VmRSS') or 0) / 1024:.1f} MB")

        result, t_attach, m_attach = measure(
            "attach (hash + store)", lambda: store.attach(ef, item.id, source)
        )
        assert result.sha256 == expected_sha
        other = store.items(ef, "A11")[0]
        dup, _, _ = measure(
            "attach same content again (dedupe)", lambda: store.attach(ef, other.id, source)
        )
        assert dup.deduplicated
        report, _, m_verify = measure("verify (re-hash every blob)", lambda: store.verify(ef))
        assert report.ok, report.summary()
        out = root / "extracted.bin"
        _, t_extract, m_extract = measure(
            "extract to a file", lambda: store.extract(ef, result.file_id, out)
        )
        with out.open("rb") as fh:
            assert hashlib.file_digest(fh, "sha256").hexdigest() == expected_sha
        ef.close()
        file_mb = sample.stat().st_size / MB
        print(f"evaluation file after: {file_mb:.1f} MB (content stored once)")
        print(
            f"throughput: attach {args.size_mb / t_attach:.0f} MB/s, "
            f"extract {args.size_mb / t_extract:.0f} MB/s"
        )
        worst = max(m_attach, m_verify, m_extract)
        print(
            f"goal < 50 MB above idle: {'met' if worst < 50 else 'NOT met'} (worst {worst:.1f} MB)"
        )


if __name__ == "__main__":
    main()
