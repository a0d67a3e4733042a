"""Project registry at scale: a synthetic 10,000-project list.

    python bench/registry.py [--projects 10000]

Prints: writing the list (xlsx, csv), reading + checking it (read_table + match + parse),
the all-or-nothing import (upsert_projects, one transaction, scores refreshed), a second
identical import (all unchanged), opening the registry tab (goal ≤ 0.3 s: reading the
projects, the model, the summary, the filter lists) and a search filter over all rows.
Peak memory: the kernel's high-water mark of the resident set (VmHWM, reset per step via
/proc/self/clear_refs where allowed), minus the resident size before the step. With
``--tracemalloc`` each step also reports tracemalloc's peak of Python objects (which slows
the step down several times, so times are then not comparable).
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from jixiao.core.projects import STATUSES, Project
from jixiao.export.projects_xlsx import export_csv, export_xlsx
from jixiao.importers.projects import align_amounts, load_project_list
from jixiao.importers.sample import create_sample

MB = 1024 * 1024


def proc_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_hwm() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


TRACEMALLOC = False


def measure(label: str, func: Callable[[], Any]) -> Any:
    reset = reset_hwm()
    before = proc_kb("VmRSS") or 0
    if TRACEMALLOC:
        tracemalloc.start()
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    python_note = ""
    if TRACEMALLOC:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        python_note = f"   Python peak {peak / MB:6.1f} MB"
    hwm = proc_kb("VmHWM") or 0
    rss_note = (
        f"RSS peak +{(hwm - before) / 1024:6.1f} MB"
        if reset
        else f"RSS high-water {hwm / 1024:6.1f} MB"
    )
    print(f"{label:<46}{elapsed:8.3f} s   {rss_note}{python_note}")
    return result


def synthetic(n: int, seed: int = 7) -> list[Project]:
    rng = random.Random(seed)
    units = [f"第{i:03d}建设单位" for i in range(120)]
    batches = [f"宁数管〔2021〕{i}号" for i in range(20, 60)]
    domains = ["城市治理", "政务服务", "公共安全", "民生福祉", "基础设施", "交通运输"]
    out = []
    for i in range(1, n + 1):
        budget = Decimal(rng.randint(1_000, 9_000_000)) / 100
        paid = (budget * Decimal(rng.randint(60, 100)) / 100).quantize(Decimal("0.01"))
        planned = date(2021, 1, 1) + timedelta(days=rng.randint(0, 364))
        accepted = rng.random() < 0.7
        out.append(
            Project(
                seq=i,
                name=f"合成项目{i:05d}：政务信息化平台建设",
                unit=rng.choice(units),
                batch=rng.choice(batches),
                domain=rng.choice(domains),
                budget=budget,
                funds_in_place=budget,
                paid=paid,
                status=rng.choice(STATUSES),
                planned_date=planned,
                accepted_date=planned + timedelta(days=rng.randint(-30, 60)) if accepted else None,
                sampled=rng.random() < 0.4,
                planned_output=True,
                completed=rng.random() < 0.85,
                acceptance_due=True,
                accepted=accepted,
                on_time=(rng.random() < 0.6) if accepted else None,
                note="" if rng.random() < 0.8 else "跨年度实施",
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also report Python-object peaks (slow)"
    )
    args = parser.parse_args()
    global TRACEMALLOC
    TRACEMALLOC = args.tracemalloc
    n = args.projects
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        projects = synthetic(n)
        xlsx = measure(
            f"write {n:,}-project xlsx", lambda: export_xlsx(projects, root / "list.xlsx")
        )
        csv = measure(f"write {n:,}-project csv", lambda: export_csv(projects, root / "list.csv"))
        print(
            f"  sizes: xlsx {xlsx.stat().st_size / MB:.1f} MB, csv {csv.stat().st_size / MB:.1f} MB"
        )
        preview = measure("read + check xlsx (preview)", lambda: load_project_list(xlsx))
        assert preview.ok and len(preview.projects) == n, preview.problems[:3]
        preview_csv = measure("read + check csv (preview)", lambda: load_project_list(csv))
        assert preview_csv.ok and len(preview_csv.projects) == n

        ef = create_sample(root / "bench.jixiao")
        with ef.transaction():
            for p in ef.projects():
                assert p.id is not None
                ef.delete_project(p.id)
        report = measure(
            "import (upsert, one transaction)",
            lambda: ef.upsert_projects(align_amounts(ef.projects(), preview.projects)),
        )
        assert report.added == n, report
        again = measure(
            "re-import same list (all unchanged)",
            lambda: ef.upsert_projects(align_amounts(ef.projects(), preview_csv.projects)),
        )
        assert again.unchanged == n, again

        from PySide6.QtGui import QUndoStack
        from PySide6.QtWidgets import QApplication

        from jixiao.ui.context import ChangeHub, TabContext
        from jixiao.ui.fonts import ensure_cjk_font
        from jixiao.ui.tabs.registry_tab import RegistryTab

        app = QApplication.instance() or QApplication([])
        ensure_cjk_font(app)
        ctx = TabContext(ef, QUndoStack(), ChangeHub())
        RegistryTab(ctx).deleteLater()  # warm up imports and Qt style caches once
        app.processEvents()

        def open_tab() -> RegistryTab:
            tab = RegistryTab(ctx)
            tab.resize(1400, 800)
            tab.show()
            app.processEvents()  # first paint of the visible rows
            return tab

        times = []
        for _ in range(3):
            start = time.perf_counter()
            tab = open_tab()
            times.append(time.perf_counter() - start)
            tab.close()
            tab.deleteLater()
            app.processEvents()
        tab = measure("open registry tab (construct + first paint)", open_tab)
        print(f"  open tab, 3 more runs: {', '.join(f'{t:.3f}' for t in times)} s (goal ≤ 0.3 s)")
        measure("search filter over all rows", lambda: tab.search.setText("合成项目0999"))
        print(f"  rows shown after search: {tab.proxy.rowCount()}")
        measure("refresh after a change (hub signal)", tab.refresh)
        from jixiao.ui.models.projects_model import COL_PAID
        from jixiao.ui.tabs.registry_tab import DeleteProjectsCommand, ImportProjectsCommand

        tab.search.clear()
        measure(
            "edit one paid cell (write + re-score + refresh)",
            lambda: tab.proxy.setData(tab.proxy.index(5, COL_PAID), "1.00"),
        )

        delete = DeleteProjectsCommand(ctx, ef.projects()[:500])
        measure("delete 500 selected projects", lambda: tab.run(delete))
        measure("undo that delete", ctx.undo.undo)
        ctx.undo.clear()
        with ef.transaction():
            ef.db.execute("DELETE FROM projects")
            ef.refresh_scores()
        tab.refresh()
        command = ImportProjectsCommand(ctx, preview.projects, "list.xlsx")
        measure("import through the tab (command + refresh)", lambda: tab.run(command))
        measure("undo the 10,000-project import", ctx.undo.undo)
        assert not ef.projects()
        tab.close()
        ef.close()
        print(f"process RSS high-water overall: {(proc_kb('VmHWM') or 0) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
