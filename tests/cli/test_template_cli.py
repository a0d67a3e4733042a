"""``jixiao template import|export``: validate, print problems, save to the user library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli import main
from jixiao.export.template_xlsx import export_template_file
from jixiao.importers import template_library


def test_export_json_to_stdout_and_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", "export", "national-2020", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "national-2020" and data["not_applicable"] == "rescale"
    out = tmp_path / "n.json"
    assert main(["template", "export", "national-2020", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == data


def test_export_xlsx_then_import_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "南京.xlsx"
    assert main(["template", "export", "nanjing-2021", "--format", "xlsx", "--out", str(out)]) == 0
    assert load_workbook(out)["指标体系"]["C4"].value == "A11 立项依据充分性"
    # Same name as the built-in: refused, nothing saved.
    assert main(["template", "import", str(out)]) == 1
    assert "内置模板的名称" in capsys.readouterr().err
    assert template_library.user_templates() == []

    assert main(["template", "import", str(out), "--name", "南京-我的"]) == 0
    printed = capsys.readouterr().out
    assert "21 个三级指标" in printed and "检查通过" in printed and "已保存到模板库" in printed
    saved = template_library.resolve("南京-我的")
    original = template_library.resolve("nanjing-2021")
    saved.name = original.name
    assert saved == original
    # A second import under the same name needs --replace.
    assert main(["template", "import", str(out), "--name", "南京-我的"]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["template", "import", str(out), "--name", "南京-我的", "--replace"]) == 0


def test_export_xlsx_defaults_to_a_file_named_after_the_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["template", "export", "national-2020", "--format", "xlsx"]) == 0
    assert (tmp_path / "national-2020.xlsx").exists()


def test_import_prints_warnings_and_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = template_library.resolve("national-2020")
    data.name = "weights-off"
    data.roots[0].weight = data.roots[0].children[0].weight = data.roots[0].children[0].children[
        0
    ].weight = 20
    path = export_template_file(data, tmp_path / "off.json")
    assert main(["template", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "警告：一级指标权重合计 110.00，不等于 100" in out
        or "警告：一级指标权重合计 110，不等于 100" in out
    )
    assert template_library.find_user_template("weights-off") is not None


def test_import_with_fatal_problems_exits_non_zero_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads((template_library.builtin_templates()[1].path).read_text(encoding="utf-8"))
    data["name"] = "dup"
    data["indicators"][1]["children"][0]["children"][0]["code"] = "Y11"  # C11 becomes a second Y11
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["template", "import", str(path)]) == 1
    captured = capsys.readouterr()
    assert "错误：Y11：指标编码重复（出现 2 次）" in captured.out
    assert "未保存" in captured.err
    assert template_library.find_user_template("dup") is None


def test_import_xlsx_with_bad_rows_names_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.xlsx"
    main(["template", "export", "national-2020", "--out", str(out)])
    wb = load_workbook(out)
    ws = wb["指标体系"]
    ws["E4"] = "十分"  # Y11's weight
    wb.save(out)
    capsys.readouterr()
    assert main(["template", "import", str(out), "--name", "x"]) == 1
    assert "第 4 行“权重”列：权重不是数字：'十分'" in capsys.readouterr().err


def test_import_refuses_other_file_types(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b", encoding="utf-8")
    assert main(["template", "import", str(path)]) == 1
    assert "只能导入 .json 或 .xlsx" in capsys.readouterr().err
