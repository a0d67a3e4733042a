"""Malformed templates are refused in Chinese naming the place, never with a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from importers.hostile_files import write_xlsx
from jixiao.cli import main
from jixiao.core.templates import TemplateError
from jixiao.importers import template_library
from jixiao.paths import templates_dir

NANJING = json.loads((templates_dir() / "nanjing-2021.json").read_text(encoding="utf-8"))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _mutated(mutate) -> str:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(NANJING))
    mutate(data)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 500 + "]" * 500, "嵌套超过"),
        ('{"indicators": ' + "[" * 5000 + "]" * 5000 + "}", "嵌套超过"),
        (_mutated(lambda d: d["indicators"][0].__setitem__("weight", 1e300)), "超出范围"),
        (_mutated(lambda d: d["indicators"][0].__setitem__("name", ["a", "b"])), "应为文字"),
        (_mutated(lambda d: d["indicators"][0].__setitem__("children", "abc")), "应为列表"),
        (_mutated(lambda d: d.__setitem__("grades", "优")), "等级设置有误|格式不正确"),
        (
            _mutated(
                lambda d: d["indicators"][0]["children"][0]["children"][0].__setitem__(
                    "rule", ["rate"]
                )
            ),
            "A11：规则应为对象",
        ),
    ],
)
def test_malformed_json_templates_are_refused(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, "坏模板.json", text)
    with pytest.raises(TemplateError, match=expected):
        template_library.load_template_file(path)


def test_huge_exponent_is_refused(tmp_path: Path) -> None:
    text = json.dumps(NANJING, ensure_ascii=False).replace(
        '"weight": "2"', '"weight": 1e999999999', 1
    )
    with pytest.raises(TemplateError, match="超出范围"):
        template_library.load_template_file(_write(tmp_path, "e.json", text))


def test_damaged_and_far_reaching_xlsx_templates_are_refused(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "t.xlsx", [["编码", "名称", "权重"], ["A", "决策", "20"]])
    data = bytearray(good.read_bytes())
    start = data.find(b"xl/worksheets/sheet1.xml") + 30
    data[start : start + 30] = bytes(30)
    damaged = tmp_path / "坏.xlsx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(TemplateError, match=r"坏.xlsx"):
        template_library.load_template_file(damaged)
    far = write_xlsx(tmp_path / "远.xlsx", [["编码"]], far_cells=[("XFD1048576", "x")])
    with pytest.raises(TemplateError, match=r"远.xlsx.*XFD1048576"):
        template_library.load_template_file(far)


def test_names_colliding_as_file_names_need_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _mutated(lambda d: d.__setitem__("name", "a/b"))
    second = _mutated(lambda d: d.__setitem__("name", "a_b"))
    assert main(["template", "import", str(_write(tmp_path, "1.json", first))]) == 0
    assert main(["template", "import", str(_write(tmp_path, "2.json", second))]) != 0
    assert "与模板库中的模板“a/b”的文件名相同" in capsys.readouterr().err
    assert template_library.find_user_template("a/b") is not None  # not overwritten
    assert main(["template", "import", str(tmp_path / "2.json"), "--replace"]) == 0
    assert template_library.find_user_template("a_b") is not None
