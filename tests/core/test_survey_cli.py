"""``jixiao survey import|list|remove`` on the sample evaluation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.storage import surveys as store
from jixiao.storage.evaluation_file import EvaluationFile


def tencent_export(path: Path) -> Path:
    rows = [
        [
            "编号",
            "开始答题时间",
            "结束答题时间",
            "答题时长",
            "1.您的年龄",
            "2.您对项目的满意度",
            "3.打分（1-5）",
            "",
        ]
    ]
    answers = [
        ("非常满意", "5"),
        ("满意", "4"),
        ("比较满意", "4"),
        ("一般", "3"),
        ("不满意", "1"),
        ("", ""),
    ]
    for i, (text, score) in enumerate(answers, start=1):
        rows.append([str(i), "2021-12-01 10:00", "2021-12-01 10:01", "60", "30", text, score, ""])
    with path.open("w", encoding="gbk", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_import_prints_rates_and_updates_the_indicator(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tencent_export(tmp_path / "腾讯问卷.csv")
    code = main(
        [
            "survey",
            "import",
            str(sample_path),
            str(export),
            "--question",
            "2",
            "--satisfied",
            "非常满意,满意,比较满意",
            "--name",
            "受益对象",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "腾讯问卷" in out and "有效 5，满意 3，满意度 60.00%" in out and "空白 1" in out
    # Pooled with the sample's 4,379 / 5,000: 4,382 / 5,005 = 87.55% → still 6 points.
    assert "满意度 87.55%" in out and "D41 社会公众或受益对象满意度：6.00 分" in out
    with EvaluationFile.open(sample_path) as ef:
        assert [s.name for s in store.list_surveys(ef)] == ["社会公众满意度调查", "受益对象"]


def test_numeric_threshold_and_dry_run(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tencent_export(tmp_path / "scores.csv")
    assert (
        main(
            [
                "survey",
                "import",
                str(sample_path),
                str(export),
                "--question",
                "3",
                "--threshold",
                "4",
                "--dry-run",
            ]
        )
        == 0
    )
    assert "≥ 4；有效 5，满意 3，满意度 60.00%" in capsys.readouterr().out
    with EvaluationFile.open(sample_path) as ef:
        assert len(store.list_surveys(ef)) == 1


def test_bad_file_and_unknown_question_give_chinese_errors(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "报告.pdf"
    bad.write_bytes(b"%PDF-1.7\n\x00\x01\x02\x03" * 100)
    assert main(["survey", "import", str(sample_path), str(bad)]) == 1
    assert "“报告.pdf”不是表格文件" in capsys.readouterr().err
    assert (
        main(
            [
                "survey",
                "import",
                str(sample_path),
                str(tencent_export(tmp_path / "t.csv")),
                "--question",
                "9",
            ]
        )
        == 1
    )
    assert "没有第 9 题" in capsys.readouterr().err


def test_list_and_remove(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["survey", "list", str(sample_path)]) == 0
    assert "[1] 社会公众满意度调查" in capsys.readouterr().out
    assert main(["survey", "remove", str(sample_path), "1"]) == 0
    assert "满意度指标已清空" in capsys.readouterr().out
