"""Fuzz every importer with thousands of seeded malformed files and report.

    python bench/fuzz_imports.py [--cases 2000] [--kinds projects,survey,template]

Cases run in a child process (one per kind, restarted after a crash) with an address-space
cap of 1.5 GB, so an abort (SIGABRT from a failed allocation) or a hang is recorded against
its seed instead of taking the bench down. Reports per importer: cases, accepted, refused,
escaped exceptions / non-Chinese errors / silent score changes (must be 0), aborts (must be 0),
the slowest case and cases over 10 s (must be 0).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60

CHILD = r"""
import json, resource, shutil, sys, tempfile, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
sys.path.insert(0, {tests!r})
from fuzz_cases import CASES
from jixiao.importers.sample import create_sample
kind, start, stop, report = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
root = Path(tempfile.mkdtemp(prefix="fuzz-"))
base = root / "base.jixiao"
create_sample(base).close()
with open(report, "a", encoding="utf-8") as out:
    for seed in range(start, stop):
        out.write(json.dumps({{"seed": seed, "start": True}}) + "\n")
        out.flush()
        work = root / str(seed)
        work.mkdir()
        began = time.perf_counter()
        o = CASES[kind](seed, work, base)
        out.write(json.dumps({{"seed": seed, "rc": o.rc, "mutation": o.mutation,
                              "problem": o.problem, "seconds": time.perf_counter() - began}},
                             ensure_ascii=False) + "\n")
        out.flush()
        shutil.rmtree(work, ignore_errors=True)
shutil.rmtree(root, ignore_errors=True)
"""


def run_kind(kind: str, cases: int, first: int = 0) -> dict[str, object]:
    report = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JIXIAO_TEST": "1"}
    env["XDG_CONFIG_HOME"] = tempfile.mkdtemp()
    env["XDG_DATA_HOME"] = tempfile.mkdtemp()
    code = CHILD.format(tests=str(ROOT / "tests"))
    done: dict[int, dict] = {}
    aborts: list[str] = []
    seed = first
    cases += first
    began = time.perf_counter()
    while seed < cases:
        try:
            proc = subprocess.run(
                [sys.executable, "-c", code, kind, str(seed), str(cases), str(report)],
                capture_output=True,
                text=True,
                timeout=TIMEOUT * (cases - seed),
                env=env,
                check=False,
            )
            crashed = proc.returncode != 0
            detail = proc.stderr[-300:]
        except subprocess.TimeoutExpired:
            crashed, detail = True, "timeout"
        lines = [json.loads(x) for x in report.read_text(encoding="utf-8").splitlines()]
        for line in lines:
            if "rc" in line:
                done[line["seed"]] = line
        started = [x["seed"] for x in lines if x.get("start")]
        if not crashed:
            break
        last = max(started) if started else seed
        if last not in done:
            aborts.append(f"seed {last}: {detail.strip()}")
            done[last] = {"seed": last, "rc": None, "problem": "abort", "seconds": 0}
        seed = last + 1
    report.unlink(missing_ok=True)
    results = list(done.values())
    slow = max(results, key=lambda r: r["seconds"], default={"seconds": 0, "seed": None})
    return {
        "kind": kind,
        "cases": len(results),
        "accepted": sum(1 for r in results if r["rc"] == 0),
        "refused": sum(1 for r in results if r["rc"] not in (0, None)),
        "failures": [
            f"seed {r['seed']} ({r.get('mutation')}): {r['problem']}"
            for r in results
            if r["problem"] and r["problem"] != "abort"
        ],
        "aborts": aborts,
        "over_10s": [r["seed"] for r in results if r["seconds"] > 10],
        "slowest": f"{slow['seconds']:.2f} s (seed {slow['seed']})",
        "wall": f"{time.perf_counter() - began:.0f} s",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="cases per importer")
    parser.add_argument("--kinds", default="projects,survey,template")
    parser.add_argument("--first-seed", type=int, default=0, help="seeds first … first+cases-1")
    args = parser.parse_args()
    bad = 0
    for kind in args.kinds.split(","):
        r = run_kind(kind.strip(), args.cases, args.first_seed)
        print(
            f"{r['kind']:9} cases {r['cases']:5}  accepted {r['accepted']:5}  "
            f"refused {r['refused']:5}  failures {len(r['failures'])}  aborts {len(r['aborts'])}  "
            f"over 10 s {len(r['over_10s'])}  slowest {r['slowest']}  wall {r['wall']}"
        )
        for line in [*r["failures"][:20], *r["aborts"][:20]]:
            print("   ", line)
        bad += len(r["failures"]) + len(r["aborts"]) + len(r["over_10s"])
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
