"""Report export times for the sample (goal: ≤ 1 s each on the reference machine, 2 cores).

    python bench/report.py

Prints the first call (fonts and python-docx loaded) and the median of the following calls for:
building the report (figures from the data), .docx export, PDF export, and a signed PDF.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jixiao.export.report_export import export_report
from jixiao.export.signing import create_self_signed_pkcs12, load_pkcs12
from jixiao.importers.sample import create_sample
from jixiao.storage import report_store

GOAL = 1.0


def timed(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    start = time.perf_counter()
    fn()
    first = time.perf_counter() - start
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return first, statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ef = create_sample(folder / "sample.jixiao")
        cert = load_pkcs12(create_self_signed_pkcs12(folder / "u.pfx", "pw"), "pw")
        steps = [
            ("build report (figures from the data)", lambda: report_store.build(ef)),
            ("export .docx", lambda: export_report(ef, folder / "r.docx")),
            ("export .pdf", lambda: export_report(ef, folder / "r.pdf", font_dirs=[])),
            (
                "export signed .pdf",
                lambda: export_report(ef, folder / "s.pdf", cert=cert, font_dirs=[]),
            ),
        ]
        print(f"{'step':<38}{'first':>9}{'median':>9}  goal ≤ {GOAL:.1f} s")
        for label, fn in steps:
            first, median = timed(fn)
            verdict = "ok" if median <= GOAL else "SLOW"
            print(f"{label:<38}{first:>8.3f}s{median:>8.3f}s  {verdict}")
        pages = export_report(ef, folder / "r.pdf", font_dirs=[]).pages
        size = (folder / "r.docx").stat().st_size / 1024
        print(f"PDF pages: {pages}; .docx size: {size:.0f} KB")
        ef.close()


if __name__ == "__main__":
    main()
