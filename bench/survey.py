"""Survey import speed and memory.

    .venv/bin/python bench/survey.py                 # 100,000 responses × 20 questions
    .venv/bin/python bench/survey.py --rows 20000    # smaller run
    .venv/bin/python bench/survey.py --write-sample  # (re)write the sample survey:
                                                     # resources/sample/wjx-satisfaction-2021.csv

Generates a 问卷星-style export as xlsx and csv, then times, in the same run:
  * a bare read into a list of rows (python-calamine ``iter_rows`` for xlsx, ``list(csv.reader)``
    for csv, with Python's default settings),
  * ``load_survey`` + ``analyse`` (what the Survey tab does before showing the results),
  * storing the survey with its raw responses in an evaluation file.
Goals: import ≤ 1.3 × bare calamine read, ≤ 1.5 × bare csv read. Peak memory via tracemalloc
(Python allocations) and ru_maxrss (whole process).
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jixiao.core.survey import FORMAT_WJX, QuestionRule, SurveyConfig  # noqa: E402
from jixiao.importers.survey import load_survey  # noqa: E402

META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
SCALE = ["非常满意", "满意", "比较满意", "一般", "不满意", "非常不满意"]
SAMPLE = ROOT / "resources" / "sample" / "wjx-satisfaction-2021.csv"


def wjx_rows(n: int, questions: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    header = [*META, *(f"{q}、您对项目第{q}方面工作的满意程度" for q in range(1, questions + 1))]
    rows = [header]
    for i in range(1, n + 1):
        minute = i % 60
        rows.append(
            [
                str(i),
                f"2021/11/{1 + i % 28} 10:{minute:02d}:{i % 60:02d}",
                f"{30 + i % 400}秒",
                "手机提交" if i % 3 else "微信",
                "直接访问",
                f"58.213.{i % 256}.{(i * 7) % 256}(江苏-南京)",
                *(
                    rng.choices(SCALE, weights=(50, 38, 6, 3, 2, 1))[0]
                    if rng.random() > 0.01
                    else "(跳过)"
                    for _ in range(questions)
                ),
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    for row in rows:
        ws.append([int(c) if c.isdigit() and len(c) < 10 else c for c in row])
    wb.save(path)


def write_sample(path: Path = SAMPLE) -> None:
    """The sample evaluation's survey: exactly 4,379 satisfied of 5,000 valid answers (87.58%),
    plus answers that are left out of the denominator: 12 skipped, 9 blank, 15 不了解."""
    rng = random.Random(2021)
    answers = (
        ["非常满意"] * 2617
        + ["满意"] * 1762
        + ["比较满意"] * 389
        + ["一般"] * 160
        + ["不满意"] * 52
        + ["非常不满意"] * 20
        + ["(跳过)"] * 12
        + ["(空)"] * 9
        + ["不了解"] * 15
    )
    assert sum(a in ("非常满意", "满意") for a in answers) == 4379
    assert sum(a in SCALE for a in answers) == 5000
    rng.shuffle(answers)
    identities = ["社会公众", "企业", "机关事业单位工作人员"]
    rows = [
        [
            *META,
            "1、您的身份是",
            "2、您对南京市政务信息化项目建设成效的总体满意程度",
            "3、您对项目还有哪些意见和建议？",
        ]
    ]
    for i, answer in enumerate(answers, start=1):
        second = rng.randrange(20, 600)
        rows.append(
            [
                str(i),
                f"2021/12/{1 + i * 20 // len(answers):d} "
                f"{8 + i % 12}:{i % 60:02d}:{(i * 13) % 60:02d}",
                f"{second}秒",
                rng.choice(["手机提交", "微信", "链接"]),
                "直接访问",
                f"{rng.choice(['58.213', '221.226', '114.222'])}"
                f".{rng.randrange(256)}.{rng.randrange(256)}(江苏-南京)",
                "(跳过)" if answer == "(跳过)" else rng.choice(identities),
                answer,
                rng.choice(["(空)"] * 9 + ["希望进一步简化办事流程", "系统运行稳定，使用方便"]),
            ]
        )
    write_csv(path, rows)
    print(f"wrote {path} ({len(rows) - 1} responses)")


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def bare_calamine(path: Path) -> int:
    import python_calamine

    # The rows are kept, as any import must keep them.
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = list(wb.get_sheet_by_index(0).iter_rows())
    wb.close()
    return len(rows)


def bare_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return len(list(csv.reader(fh)))


def import_survey(path: Path, questions: int) -> float:
    """What the tab does before showing results: read, recognise, count ``questions`` of the
    questions as satisfaction questions (usually 1; all 20 is the worst case)."""
    parsed = load_survey(path)
    config = SurveyConfig(
        parsed.layout.header_row, tuple(QuestionRule(len(META) + q) for q in range(questions))
    )
    result = parsed.analyse(config)
    assert parsed.format == FORMAT_WJX, parsed.format
    return float(result.rate or 0)


def store(path: Path, questions: int, work: Path) -> None:
    from jixiao.importers import template_library
    from jixiao.storage import surveys
    from jixiao.storage.evaluation_file import EvaluationFile

    target = work / f"bench-{path.suffix[1:]}.jixiao"
    target.unlink(missing_ok=True)
    system = template_library.resolve("nanjing-2021")
    with EvaluationFile.create(target, system, fund="基准", year=2021, unit="基准") as ef:
        parsed = load_survey(path)
        config = SurveyConfig(
            parsed.layout.header_row, tuple(QuestionRule(len(META) + q) for q in range(questions))
        )
        surveys.add_survey(ef, parsed, "基准", config)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--write-sample", action="store_true")
    parser.add_argument("--no-store", action="store_true", help="skip the evaluation-file write")
    args = parser.parse_args()
    if args.write_sample:
        write_sample()
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = wjx_rows(args.rows, args.questions)
        csv_path, xlsx_path = work / "wjx.csv", work / "wjx.xlsx"
        start = time.perf_counter()
        write_csv(csv_path, rows)
        print(
            f"generated csv  {csv_path.stat().st_size / 1e6:6.1f} MB "
            f"in {time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        write_xlsx(xlsx_path, rows)
        print(
            f"generated xlsx {xlsx_path.stat().st_size / 1e6:6.1f} MB "
            f"in {time.perf_counter() - start:.1f} s"
        )
        rows.clear()
        print(f"{args.rows:,} responses × {args.questions} questions")
        for path, bare, goal in ((xlsx_path, bare_calamine, 1.3), (csv_path, bare_csv, 1.5)):
            # Best of 3 for both, measured alternately, so neither side gets a warm cache
            # the other lacks.
            bare_times, one_times, all_times = [], [], []
            for _ in range(3):
                bare_times.append(timed(lambda p=path, b=bare: b(p))[0])
                one_times.append(timed(lambda p=path: import_survey(p, 1))[0])
                all_times.append(timed(lambda p=path: import_survey(p, args.questions))[0])
            tb, t1, ta = min(bare_times), min(one_times), min(all_times)
            tracemalloc.start()
            bare(path)
            _, bare_peak = tracemalloc.get_traced_memory()
            tracemalloc.reset_peak()
            import_survey(path, args.questions)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            kind = "calamine" if bare is bare_calamine else "csv module"
            print(
                f"{path.suffix[1:]:>4}: bare {kind} read {tb:6.2f} s "
                f"(peak {bare_peak / 1e6:.0f} MB)"
            )
            print(
                f"      import, 1 satisfaction question   {t1:6.2f} s = "
                f"{t1 / tb:4.2f}× (goal ≤ {goal}×)"
            )
            print(
                f"      import, all {args.questions} questions counted "
                f"{ta:6.2f} s = {ta / tb:4.2f}×"
                f" | peak Python memory {peak / 1e6:6.1f} MB"
            )
            if not args.no_store:
                ts, _ = timed(lambda p=path: store(p, args.questions, work))
                print(
                    "      store in evaluation file (load + count + write raw responses) "
                    f"{ts:6.2f} s"
                )
        print(f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
