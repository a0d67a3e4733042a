"""PDF export and signing times.

Goals on the reference machine (2 cores): the sample's score table ≤ 0.5 s; signing ≤ 1 s.
Also a synthetic 200-indicator sheet (no goal; should stay a few seconds at most).
    python bench/pdf.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from jixiao.core.evaluate import evaluate
from jixiao.core.model import Indicator, IndicatorSystem
from jixiao.core.rules import ManualRule
from jixiao.export.pdf_common import ExportOptions, ReportData, collect
from jixiao.export.pdf_export import render
from jixiao.export.signing import (
    create_self_signed_pkcs12,
    load_pkcs12,
    sign_rendered,
    verify_bytes,
)
from jixiao.importers.sample import create_sample
from jixiao.storage.evaluation_file import EvaluationFile

OPTIONS = ExportOptions(font_dirs=[])


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first call, median of the following calls) in seconds."""
    start = time.perf_counter()
    fn()
    first = time.perf_counter() - start
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return first, statistics.median(samples)


def synthetic(level3: int = 200) -> ReportData:
    per_level2 = max(1, level3 // 40)
    roots, inputs = [], {}
    for a in range(4):
        l1 = Indicator(code=chr(65 + a), name=f"一级指标{a + 1}", weight=Decimal(0))
        for b in range(10):
            l2 = Indicator(code=f"{l1.code}{b + 1}", name=f"二级指标{b + 1}", weight=Decimal(0))
            for c in range(per_level2):
                code = f"{l2.code}-{c + 1}"
                l2.children.append(
                    Indicator(
                        code=code,
                        name=f"三级指标第{c + 1}项",
                        weight=Decimal("0.5"),
                        target="≥95%",
                        rule=ManualRule(),
                        criteria="①按规定程序执行；②材料齐全、审批手续完备；③达到预期要求得权重分，否则酌情扣分。",
                    )
                )
                inputs[code] = {"score": "0.4", "reason": "部分资料不全，扣 0.1 分。"}
            l2.weight = sum((x.weight for x in l2.children), Decimal(0))
            l1.children.append(l2)
        l1.weight = sum((x.weight for x in l1.children), Decimal(0))
        roots.append(l1)
    system = IndicatorSystem(name="synthetic", title="合成评分表", roots=roots)
    return ReportData(
        title="合成专项资金绩效自评价评分表",
        fund="合成",
        year=2022,
        unit="某某局",
        system=system,
        sheet=evaluate(system, inputs),
        export_date=date.today(),
        source_name="synthetic.jixiao",
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.jixiao"
        create_sample(path).close()
        with EvaluationFile.open(path) as ef:
            first, median = timed(lambda: render(collect(ef), OPTIONS), repeat=10)
            data = collect(ef)
            _, collect_median = timed(lambda: collect(ef), repeat=10)
        rendered = render(data, OPTIONS)
        print(
            f"sample export (collect + render, {rendered.pages} pages, "
            f"{len(rendered.data) / 1024:.0f} KB): "
            f"first {first * 1000:.0f} ms, then median {median * 1000:.0f} ms   (goal ≤ 500 ms)"
        )
        print(f"  of which collect from the file: median {collect_median * 1000:.0f} ms")
        both = ExportOptions(font_dirs=[], appendices=frozenset({"evidence", "audit"}))
        _, appendix_median = timed(lambda: render(data, both), repeat=5)
        print(f"sample export with both appendices: median {appendix_median * 1000:.0f} ms")

        big = synthetic(200)
        big_first, big_median = timed(lambda: render(big, OPTIONS), repeat=3)
        big_pages = render(big, OPTIONS).pages
        print(
            f"200-indicator sheet ({big_pages} pages): first {big_first * 1000:.0f} ms, "
            f"median {big_median * 1000:.0f} ms"
        )

        p12 = create_self_signed_pkcs12(Path(tmp) / "bench.p12", "bench")
        _, cert_median = timed(lambda: load_pkcs12(p12, "bench"), repeat=5)
        cert = load_pkcs12(p12, "bench")
        sign_first, sign_median = timed(lambda: sign_rendered(rendered, cert), repeat=10)
        print(
            f"signing (PAdES, visible field, RSA-2048): first {sign_first * 1000:.0f} ms, "
            f"median {sign_median * 1000:.0f} ms; "
            f"loading the .p12: median {cert_median * 1000:.0f} ms"
            "   (goal ≤ 1000 ms)"
        )
        signed = sign_rendered(rendered, cert)
        _, verify_median = timed(lambda: verify_bytes(signed), repeat=10)
        print(f"verification: median {verify_median * 1000:.0f} ms")


if __name__ == "__main__":
    main()
