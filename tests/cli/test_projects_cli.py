"""``jixiao projects import|export|template``."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.storage.evaluation_file import EvaluationFile


def b12(path: Path) -> str:
    with EvaluationFile.open(path) as ef:
        return next(str(s.score) for s in ef.score_sheet().indicators if s.code == "B12")


def test_export_then_import_reports_unchanged(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "list.xlsx"
    assert main(["projects", "export", str(sample_path), str(out)]) == 0
    assert "已导出 40 个项目" in capsys.readouterr().out
    assert main(["projects", "import", str(sample_path), str(out)]) == 0
    assert "新增 0，更新 0，不变 40" in capsys.readouterr().out
    csv_out = tmp_path / "list.csv"
    assert main(["projects", "export", str(sample_path), str(csv_out)]) == 0
    assert main(["projects", "import", str(sample_path), str(csv_out)]) == 0
    assert "新增 0，更新 0，不变 40" in capsys.readouterr().out


def test_import_changes_the_score(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert b12(sample_path) == "1.89"
    lst = tmp_path / "fix.csv"
    # The largest gap: pay out everything of every project in one update list.
    with EvaluationFile.open(sample_path) as ef:
        lines = ["项目名称,建设单位,预算金额,到位资金,实际支付"] + [
            f"{p.name},{p.unit},{p.budget},{p.funds_in_place},{p.budget}" for p in ef.projects()
        ]
    lst.write_text("\n".join(lines), encoding="utf-8")
    assert main(["projects", "import", str(sample_path), str(lst), "--dry-run"]) == 0
    assert "将新增 0" in capsys.readouterr().out and b12(sample_path) == "1.89"
    assert main(["projects", "import", str(sample_path), str(lst)]) == 0
    assert "更新" in capsys.readouterr().out
    assert b12(sample_path) == "2.00"


def test_bad_list_prints_problems_and_writes_nothing(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lst = tmp_path / "bad.csv"
    lst.write_text(
        "项目名称,建设单位,预算金额,实际支付\n新平台,单位甲,100,50\n坏平台,,abc,1\n", encoding="gbk"
    )
    with EvaluationFile.open(sample_path) as ef:
        before = len(ef.projects())
    assert main(["projects", "import", str(sample_path), str(lst)]) == 1
    err = capsys.readouterr().err
    assert "bad.csv 错误：第 3 行 C 预算金额 列“abc”：不是金额数字" in err
    assert "第 3 行 B 建设单位 列：建设单位不能为空" in err
    assert "未导入" in err
    with EvaluationFile.open(sample_path) as ef:
        assert len(ef.projects()) == before  # all or nothing: the good row was not written either


def test_missing_list_and_template(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["projects", "import", str(sample_path), str(tmp_path / "nope.xlsx")]) == 1
    assert "找不到文件" in capsys.readouterr().err
    template = tmp_path / "模板.xlsx"
    assert main(["projects", "template", str(template)]) == 0 and template.exists()
    assert main(["projects", "export", str(sample_path), str(tmp_path / "x.pdf")]) == 1
    assert "只能导出为 .xlsx 或 .csv" in capsys.readouterr().err
