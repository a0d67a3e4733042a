"""Generators of hostile and realistic import files (used by the tests and bench/fuzz_imports.py).

A minimal xlsx is written by hand (zipfile + XML) so a test can put a cell anywhere, give a
formula without a cached value or an error cell — things openpyxl would not write.
"""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def col_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# A raw cell: text, or ("f", formula, cached or None), ("e", "#DIV/0!"), ("n", "1e400").
Cell = object


def _cell_xml(ref: str, value: Cell) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, tuple):
        kind = value[0]
        if kind == "f":
            cached = "" if value[2] is None else f"<v>{escape(str(value[2]))}</v>"
            return f'<c r="{ref}"><f>{escape(value[1])}</f>{cached}</c>'
        if kind == "e":
            return f'<c r="{ref}" t="e"><v>{escape(value[1])}</v></c>'
        if kind == "n":
            return f'<c r="{ref}"><v>{escape(value[1])}</v></c>'
        if kind == "style":
            return f'<c r="{ref}" s="0"/>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Cell]],
    *,
    far_cells: Iterable[tuple[str, Cell]] = (),
    dimension: str | None = None,
) -> Path:
    """Rows from A1, plus ``far_cells`` such as ("XFD1048576", "x") placed anywhere."""
    body = []
    far = sorted(far_cells, key=lambda rc: _row_of(rc[0]))
    for r, row in enumerate(rows, start=1):
        cells = "".join(_cell_xml(f"{col_letters(c)}{r}", v) for c, v in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    for ref, value in far:
        body.append(f'<row r="{_row_of(ref)}">{_cell_xml(ref, value)}</row>')
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{''.join(body)}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def _row_of(ref: str) -> int:
    return int("".join(ch for ch in ref if ch.isdigit()))


# ---------------------------------------------------------------------------- realistic files
BUREAU_HEADER = [
    "序号",
    "项目名称",
    "项目单位",
    "下达文号",
    "预算金额（元）",
    "实际支付金额（元）",
    "是否完成",
    "实际完成时间",
    "验收情况",
    "备注",
]
_DONE = ["是", "√", "已完成", "是", "完成", "Y"]
_NOT_DONE = ["否", "×", "未完成", "N"]
_ACCEPTED = ["已验收", "验收合格", "通过验收", "是", "√"]
_NOT_ACCEPTED = ["未验收", "验收不合格", "初验", "否"]


def bureau_rows(count: int = 32, seed: int = 7) -> list[list[Cell]]:
    """A bureau's own list: 是否完成 / 验收情况 written many ways, dates in 实际完成时间,
    amounts in 元, no 计划产出 / 应验收 / 到位资金 columns. 26 of 32 completed (81.25%),
    of which 24 accepted (92.31% of the completed)."""
    rng = random.Random(seed)
    rows: list[list[Cell]] = [["某区2021年政务信息化项目完成情况表"], BUREAU_HEADER]
    for i in range(count):
        done = i < 26
        accepted = i < 24
        budget = rng.randrange(200_000, 9_000_000, 100)
        paid = budget if done else budget * rng.randrange(30, 90) // 100
        rows.append(
            [
                i + 1,
                f"政务信息化项目{i + 1:02d}",
                f"区单位{i % 9 + 1}",
                "区财〔2021〕12号",
                f"{budget:,}",
                str(paid),
                rng.choice(_DONE if done else _NOT_DONE),
                f"2021-{(i % 12) + 1:02d}-15" if done else "",
                rng.choice(_ACCEPTED if accepted else _NOT_ACCEPTED) if done else "",
                "",
            ]
        )
    return rows


def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str = "utf-8-sig") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows([["" if c is None else str(c) for c in r] for r in rows])
    return path


WJX_QUESTIONS = [
    "1、您的身份",
    "2、您对政务信息化项目办事便捷程度的满意度",
    "3、您对系统运行稳定性的满意度",
    "4、您对工作人员服务态度的满意度",
    "5、您对本项目的总体满意度",
    "6、您的意见和建议",
]


def wjx_index_rows(respondents: int = 500, seed: int = 11) -> list[list[str]]:
    """问卷星 "按选项序号" export: 1 = 非常满意 … 5 = 非常不满意, -3 for a question not
    shown, -2 skipped by logic. Overall question (第5题): 414 of 500 answered 1 or 2 → 82.80%.
    """
    rng = random.Random(seed)
    header = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", *WJX_QUESTIONS]
    rows = [header]
    overall = [1] * 250 + [2] * 164 + [3] * 50 + [4] * 24 + [5] * 12
    rng.shuffle(overall)
    for n in range(respondents):
        other = [str(rng.choice([1, 1, 2, 2, 2, 3, 4, -3])) for _ in range(3)]
        rows.append(
            [
                str(n + 1),
                f"2021/11/{n % 28 + 1:02d} 10:{n % 60:02d}:00",
                f"{60 + n % 200}秒",
                "手机提交",
                "直接访问",
                f"10.0.{n // 250}.{n % 250}(江苏-南京)",
                str(rng.choice([1, 2, 3])),
                *other,
                str(overall[n]),
                "" if n % 7 else "希望继续优化",
            ]
        )
    # Skip codes on the overall question must not count: extra respondents who skipped it.
    for n in range(respondents, respondents + 20):
        rows.append(
            [
                str(n + 1),
                "2021/11/30 10:00:00",
                "70秒",
                "手机提交",
                "直接访问",
                "10.1.0.1(江苏-南京)",
                "1",
                "1",
                "2",
                "1",
                "-3" if n % 2 else "-2",
                "",
            ]
        )
    return rows
