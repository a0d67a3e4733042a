"""Cell text breaks between Chinese characters, never inside a number or a percentage."""

from __future__ import annotations

import itertools
import re

import pytest

from jixiao.export.pdf_fonts import bundled_font, register
from jixiao.export.pdf_wrap import atoms, break_lines

TEXTS = [
    "预算执行率 94.34%，扣 0.57 分。",
    "项目预算执行率94.34%，低于100%，扣0.11分。资金17,641.06万元",
    "实际支付金额为37.24万元，预算执行率为86.20%，偏差原因分析：年初预算数40万元。",
    "17,641.06 / 18,700.00 = 94.34%",
    "新建灌溉渠道≥266米，亩均增产75公斤",
]
NUMBER = re.compile(r"[≥≤]?\d[\d,]*(?:\.\d+)?%?")


@pytest.fixture(scope="module")
def font() -> str:
    return register(bundled_font())


def test_atoms_keep_numbers_whole() -> None:
    assert "94.34%" in atoms("执行率94.34%，")
    assert "17,641.06" in atoms("资金17,641.06万元")
    assert "≥266" in atoms("≥266米")


@pytest.mark.parametrize("text", TEXTS)
def test_no_line_ends_inside_a_number(font, text) -> None:
    numbers = NUMBER.findall(text)
    widest = max(len(n) for n in numbers) * 6  # 9 pt digits are under 6 pt wide
    for width in range(widest, 320, 3):
        lines = [line for _, line in break_lines(text, [width], font, 9)]
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        for before, after in itertools.pairwise(lines):
            joined = before + after
            for match in NUMBER.finditer(joined):
                assert not match.start() < len(before) < match.end(), (width, before, after)


def test_a_cell_with_line_breaks_keeps_numbers_whole_too(font) -> None:
    from jixiao.export.pdf_common import Styles, TextSink
    from jixiao.export.pdf_fonts import bundled_font

    sink = TextSink(Styles(font), bundled_font())
    text = "第一行：执行率94.34%\n第二行：支付17,641.06万元，执行率94.34%，扣0.11分。"
    for width in range(60, 200, 4):
        para = sink.para(text)
        para.wrap(width, 1000)
        lines = ["".join(words) for _, words in para.blPara.lines]
        assert lines[0].startswith("第一行") and any(li.startswith("第二行") for li in lines)
        for before, after in itertools.pairwise(lines):
            for match in NUMBER.finditer(before + after):
                assert not match.start() < len(before) < match.end(), (width, before, after)
