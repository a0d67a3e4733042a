"""The headless commands of issue 2, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from jixiao.cli import main as cli_main


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=120
    )


def test_init_sample_then_score_json(tmp_path: Path) -> None:
    path = tmp_path / "n.jixiao"
    assert run("init", "--sample", "nanjing-2021", str(path)).returncode == 0
    result = run("score", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["total"], data["grade"]) == ("90.23", "优")
    assert data["title"] == "2021年南京市政务信息化专项资金绩效自评价评分表"
    assert [g["score"] for g in data["level1"]] == ["10.50", "17.39", "23.34", "39.00"]
    assert len(data["fingerprint"]) == 64


def test_exported_template_and_inputs_evaluate_to_the_same_sheet(tmp_path: Path, capsys) -> None:
    path = tmp_path / "n.jixiao"
    assert cli_main(["init", "--sample", "nanjing-2021", str(path)]) == 0
    capsys.readouterr()
    assert cli_main(["inputs", "export", str(path)]) == 0
    (tmp_path / "inputs.json").write_text(capsys.readouterr().out, encoding="utf-8")
    assert cli_main(["template", "export", "nanjing-2021"]) == 0
    (tmp_path / "t.json").write_text(capsys.readouterr().out, encoding="utf-8")
    assert cli_main(["score", str(path), "--json"]) == 0
    from_file = json.loads(capsys.readouterr().out)
    assert (
        cli_main(
            [
                "evaluate",
                "--template",
                str(tmp_path / "t.json"),
                "--inputs",
                str(tmp_path / "inputs.json"),
                "--json",
            ]
        )
        == 0
    )
    pure = json.loads(capsys.readouterr().out)
    for key in ("total", "grade", "level1", "level2", "indicators"):
        assert pure[key] == from_file[key]


def test_evaluate_reports_a_zero_denominator_in_chinese(tmp_path: Path, capsys) -> None:
    (tmp_path / "i.json").write_text(
        json.dumps({"B12": {"numerator": "1", "denominator": "0"}}), encoding="utf-8"
    )
    code = cli_main(
        ["evaluate", "--template", "nanjing-2021", "--inputs", str(tmp_path / "i.json")]
    )
    err = capsys.readouterr().err
    assert code != 0 and "B12" in err and "分母为 0" in err


def test_missing_file_is_a_chinese_error(tmp_path: Path, capsys) -> None:
    assert cli_main(["score", str(tmp_path / "nope.jixiao")]) != 0
    assert "找不到评价文件" in capsys.readouterr().err


def test_template_list_names_both_builtins(capsys) -> None:
    assert cli_main(["template", "list"]) == 0
    out = capsys.readouterr().out
    assert "nanjing-2021" in out and "national-2020" in out


def test_malformed_json_gets_a_chinese_message_not_a_traceback(tmp_path: Path, capsys) -> None:
    (tmp_path / "i.json").write_text('{"B12": "x"}', encoding="utf-8")
    assert (
        cli_main(["evaluate", "--template", "nanjing-2021", "--inputs", str(tmp_path / "i.json")])
        == 1
    )
    err = capsys.readouterr().err
    assert "i.json" in err and "B12" in err and "应为对象" in err
    (tmp_path / "t.json").write_text(
        '{"indicators": [{"code": "A", "weight": "100", "rule": "checklist"}]}', encoding="utf-8"
    )
    assert (
        cli_main(
            [
                "evaluate",
                "--template",
                str(tmp_path / "t.json"),
                "--inputs",
                str(tmp_path / "i.json"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "t.json" in err and "规则应为对象" in err and "Traceback" not in err


def test_json_floats_are_refused_as_the_docs_say(tmp_path: Path, capsys) -> None:
    (tmp_path / "i.json").write_text(
        '{"B12": {"numerator": 17641.06, "denominator": "18700.00"}}', encoding="utf-8"
    )
    args = ["evaluate", "--template", "nanjing-2021", "--inputs", str(tmp_path / "i.json")]
    assert cli_main(args) == 1
    err = capsys.readouterr().err
    assert "i.json" in err and "浮点数 17641.06" in err and '"17641.06"' in err


def test_init_from_a_template_needs_fund_and_year(tmp_path: Path, capsys) -> None:
    assert cli_main(["init", "--template", "national-2020", str(tmp_path / "n.jixiao")]) == 1
    assert "--fund" in capsys.readouterr().err
    assert (
        cli_main(
            [
                "init",
                "--template",
                "national-2020",
                "--fund",
                "某专项资金",
                "--year",
                "2024",
                "--unit",
                "某局",
                str(tmp_path / "n.jixiao"),
            ]
        )
        == 0
    )
    assert "2024年某专项资金项目支出绩效自评表" in capsys.readouterr().out
