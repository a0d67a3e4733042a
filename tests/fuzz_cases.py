"""Seeded generator of malformed import files (project lists, survey exports, templates) and
the checks every importer must pass on them. Used by tests/importers/test_fuzz_imports.py (a
few hundred cases per importer) and bench/fuzz_imports.py (thousands).

Each case goes through the real CLI command in-process. A case passes when:
- no exception escapes the command (only our Chinese user errors are printed);
- every "错误：" line printed contains Chinese (no Python message passed through);
- an accepted import that changed any score listed the change ("得分变化：" naming each code).
Aborts and time are measured by the bench script, which runs cases in a child process.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from importers.hostile_files import bureau_rows, wjx_index_rows, write_csv, write_xlsx
from jixiao.cli import main
from jixiao.paths import templates_dir
from jixiao.storage.evaluation_file import EvaluationFile

CJK = re.compile(r"[\u4e00-\u9fff]")
NASTY_VALUES = [
    "#DIV/0!",
    "1_000",
    "1e999999999",
    "12345678901234567890123",
    "-5",
    "NaN",
    "inf",
    "",
    " ",
    "∞",
    "１２３",
    "(1,000.00)",
    "¥1,000",
    "0x10",
    "是否",
    "√√",
    "=SUM(A1:A3)",
    "\x00",
    "'=1+1",
    "2021-02-30",
    "99999",
    "-0",
    "1.2.3",
    "初验",
    "已验收",
    "验收不合格",
    "N/A",
    "—",
    "\u202e",
    "a" * 40_000,
    "🙂",
    "1" * 400,
    "1,2,3",
    "true",
    "2021年13月1日",
]
XLSX_ONLY = [("e", "#DIV/0!"), ("e", "#N/A"), ("f", "A1*2", None), ("n", "inf"), ("n", "1e400")]


@dataclass
class Outcome:
    kind: str
    case: int
    mutation: str
    rc: int | None
    problem: str = ""  # empty when the case passed


def _mutate_rows(rng: random.Random, rows: list[list[object]], xlsx: bool) -> tuple[list, str]:
    rows = [list(r) for r in rows]
    what = rng.choice(
        [
            "cell",
            "cell",
            "cell",
            "short",
            "drop_col",
            "swap_header",
            "dup_row",
            "blank_header",
            "extra_cols",
            "remove_rows",
            "header_only",
            "shuffle_header",
        ]
    )
    if what == "cell" and len(rows) > 1:
        for _ in range(rng.randint(1, 4)):
            r = rng.randrange(len(rows))
            c = rng.randrange(max(1, len(rows[r])))
            pool = NASTY_VALUES + (XLSX_ONLY if xlsx else [])
            value = rng.choice(pool)
            if c < len(rows[r]):
                rows[r][c] = value
    elif what == "short":
        r = rng.randrange(1, len(rows))
        rows[r] = rows[r][: rng.randrange(0, max(1, len(rows[r])))]
    elif what == "drop_col":
        c = rng.randrange(len(rows[-1]))
        rows = [row[:c] + row[c + 1 :] for row in rows]
    elif what == "swap_header":
        h = next((r for r in rows if len(r) > 3), rows[0])
        i, j = rng.randrange(len(h)), rng.randrange(len(h))
        h[i], h[j] = h[j], h[i]
    elif what == "dup_row":
        rows.append(list(rows[-1]))
    elif what == "blank_header":
        h = next((r for r in rows if len(r) > 3), rows[0])
        h[rng.randrange(len(h))] = ""
    elif what == "extra_cols":
        for row in rows:
            row.extend(rng.choice(NASTY_VALUES[:12]) for _ in range(rng.randint(1, 5)))
    elif what == "remove_rows":
        rows = rows[: rng.randint(0, len(rows))]
    elif what == "header_only":
        rows = rows[:2]
    elif what == "shuffle_header":
        h = next((r for r in rows if len(r) > 3), rows[0])
        rng.shuffle(h)
    return rows, what


def _bytes_mutation(rng: random.Random, path: Path) -> str:
    data = bytearray(path.read_bytes())
    what = rng.choice(["truncate", "flip", "pdf", "png", "empty", "docx", "zip_other"])
    if what == "truncate" and data:
        data = data[: rng.randrange(len(data))]
    elif what == "flip" and data:
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif what == "pdf":
        data = bytearray(b"%PDF-1.3\n1 0 obj<</Type/Catalog>>endobj\n" + bytes(data[:200]))
    elif what == "png":
        data = bytearray(b"\x89PNG\r\n\x1a\n" + bytes(200))
    elif what == "empty":
        data = bytearray()
    elif what in ("docx", "zip_other"):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/document.xml" if what == "docx" else "a.txt", "x")
        data = bytearray(buf.getvalue())
    path.write_bytes(bytes(data))
    return what


def _far(rng: random.Random, path: Path, rows: list[list[object]]) -> str:
    ref = rng.choice(["XFD1048576", "XFD3000", "ZZ70000", "A2000000", "AAA1"])
    write_xlsx(path, rows, far_cells=[(ref, "x")])
    return f"far:{ref}"


def _scores(path: Path) -> dict[str, str]:
    with EvaluationFile.open(path) as ef:
        sheet = ef.score_sheet()
        out = {s.code: f"{s.score}|{s.reason}" for s in sheet.indicators}
        out["总分"] = str(sheet.total)
        return out


def run_cli(argv: list[str]) -> tuple[int | None, str, str, str]:
    out, err = io.StringIO(), io.StringIO()
    escaped = ""
    rc: int | None = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = main(argv)
        except SystemExit as exc:  # argparse
            rc = int(exc.code or 0)
        except BaseException as exc:
            escaped = f"{type(exc).__name__}: {exc}"[:300]
    return rc, out.getvalue(), err.getvalue(), escaped


def _judge(rc: int | None, out: str, err: str, escaped: str, before: dict, after: dict) -> str:
    if escaped:
        return f"异常逃出：{escaped}"
    for line in err.splitlines():
        if line.startswith("错误：") and not CJK.search(line[3:]):
            return f"非中文错误：{line[:200]}"
        if "Traceback" in line:
            return "traceback"
    changed = [code for code in after if before.get(code) != after.get(code) and code != "总分"]
    if rc != 0 and before != after:
        return f"失败的导入改动了评分：{changed[:5]}"
    if rc == 0 and changed:
        if "得分变化：" not in out:
            return f"评分改变但未列出：{changed[:5]}"
        missing = [c for c in changed if c not in out]
        if missing:
            return f"评分改变但未列出这些指标：{missing[:5]}"
    return ""


def project_case(seed: int, work: Path, base_file: Path) -> Outcome:
    rng = random.Random(seed)
    target = work / "eval.jixiao"
    shutil.copyfile(base_file, target)
    rows: list[list[object]] = bureau_rows(rng.randint(1, 12), seed)
    if rng.random() < 0.3:
        rows = rows[1:]  # no title line
    xlsx = rng.random() < 0.5
    rows, what = _mutate_rows(rng, rows, xlsx)
    path = work / ("list.xlsx" if xlsx else "list.csv")
    if xlsx and rng.random() < 0.08:
        what = _far(rng, path, rows)
    elif xlsx:
        write_xlsx(path, rows)
    else:
        encoding = rng.choice(["utf-8-sig", "gbk", "utf-8"])
        try:
            write_csv(path, rows, encoding=encoding)
        except UnicodeEncodeError:  # a nasty value GBK cannot hold
            write_csv(path, rows, encoding="utf-8")
    if rng.random() < 0.1:
        what += "+" + _bytes_mutation(rng, path)
    argv = ["projects", "import", str(target), str(path)]
    if rng.random() < 0.3:
        argv += ["--map", rng.choice(["验收情况=已验收", "是否完成=已完成", "备注=忽略", "X=Y"])]
    if rng.random() < 0.2:
        argv += ["--value", rng.choice(["初验=是", "done=否", "bad"])]
    argv += ["--no-remember"]
    before = _scores(target)
    rc, out, err, escaped = run_cli(argv)
    return Outcome(
        "projects", seed, what, rc, _judge(rc, out, err, escaped, before, _scores(target))
    )


def survey_case(seed: int, work: Path, base_file: Path) -> Outcome:
    rng = random.Random(seed)
    target = work / "eval.jixiao"
    shutil.copyfile(base_file, target)
    rows: list[list[object]] = [list(r) for r in wjx_index_rows(rng.randint(1, 40), seed)]
    if rng.random() < 0.4:  # the 按选项文本 form
        names = ["非常满意", "满意", "一般", "不满意", "非常不满意"]
        for row in rows[1:]:
            for c in range(7, 11):
                if str(row[c]).lstrip("-").isdigit() and int(row[c]) > 0:
                    row[c] = names[int(row[c]) - 1]
    xlsx = rng.random() < 0.5
    rows, what = _mutate_rows(rng, rows, xlsx)
    path = work / ("survey.xlsx" if xlsx else "survey.csv")
    if xlsx and rng.random() < 0.08:
        what = _far(rng, path, rows)
    elif xlsx:
        write_xlsx(path, rows)
    else:
        write_csv(path, rows, encoding="utf-8-sig")
    if rng.random() < 0.1:
        what += "+" + _bytes_mutation(rng, path)
    argv = ["survey", "import", str(target), str(path)]
    if rng.random() < 0.6:
        argv += ["--options", "非常满意,满意,一般,不满意,非常不满意"]
    if rng.random() < 0.3:
        argv += ["--question", rng.choice(["5", "2", "9", "2,3"])]
    if rng.random() < 0.2:
        argv += ["--satisfied", rng.choice(["非常满意", "5", "满意,一般"])]
    before = _scores(target)
    rc, out, err, escaped = run_cli(argv)
    return Outcome("survey", seed, what, rc, _judge(rc, out, err, escaped, before, _scores(target)))


def _mutate_json(rng: random.Random, value: object, depth: int = 0) -> object:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if rng.random() < 0.006:
                continue
            out[k] = _mutate_json(rng, v, depth + 1)
        return out
    if isinstance(value, list):
        return [_mutate_json(rng, v, depth + 1) for v in value if rng.random() > 0.004]
    if rng.random() < 0.008:
        return rng.choice(
            [[], {}, None, True, 1e308, -1, "1e999999999", ["a"], "", "x" * 100, 10**30, "NaN"]
        )
    return value


def template_case(seed: int, work: Path, base_file: Path) -> Outcome:
    rng = random.Random(seed)
    data = json.loads((templates_dir() / "nanjing-2021.json").read_text(encoding="utf-8"))
    what = rng.choice(["json", "json", "deep", "xlsx", "xlsx_bytes"])
    path = work / f"t{seed}.json"
    if what == "json":
        path.write_text(json.dumps(_mutate_json(rng, data), ensure_ascii=False), encoding="utf-8")
    elif what == "deep":
        n = rng.choice([40, 500, 5000])
        path.write_text('{"indicators": ' + "[" * n + "]" * n + "}", encoding="utf-8")
    else:
        path = work / f"t{seed}.xlsx"
        rc, _, err, escaped = run_cli(["template", "export", "nanjing-2021", "--out", str(path)])
        if escaped or rc:
            return Outcome("template", seed, what, rc, f"导出失败：{escaped or err[:200]}")
        if what == "xlsx_bytes":
            what += "+" + _bytes_mutation(rng, path)
        else:
            what = _far(rng, path, [["编码", "名称", "权重"], ["A", "决策", "20"]])
    rc, out, err, escaped = run_cli(["template", "import", str(path), "--check-only"])
    return Outcome("template", seed, what, rc, _judge(rc, out, err, escaped, {}, {}))


CASES: dict[str, Callable[[int, Path, Path], Outcome]] = {
    "projects": project_case,
    "survey": survey_case,
    "template": template_case,
}
