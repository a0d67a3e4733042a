"""``jixiao evidence add|list|status|verify|export`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import main as cli_main
from jixiao.storage import evidence as store
from jixiao.storage.evaluation_file import EvaluationFile


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    out = []
    for name, data in [("项目申报书（终稿）.pdf", b"A" * 5000), ("立项批复 2021.pdf", b"B" * 3000)]:
        path = tmp_path / name
        path.write_bytes(data)
        out.append(path)
    return out


def test_add_list_verify_export(sample_path: Path, files: list[Path], tmp_path: Path) -> None:
    result = run("evidence", "add", str(sample_path), "A12", str(files[0]), "--item", "项目申报书")
    assert result.returncode == 0, result.stderr
    assert "已附加 项目申报书（终稿）.pdf" in result.stdout
    assert "A12 佐证完整率 1/4 = 25.00%" in result.stdout

    # Several files in one go, to a new item created by --item.
    result = run(
        "evidence",
        "add",
        str(sample_path),
        "C21",
        str(files[0]),
        str(files[1]),
        "--item",
        "二期验收报告",
    )
    assert result.returncode == 0, result.stderr
    assert "已新建佐证材料：C21 二期验收报告" in result.stdout
    assert "内容已存在，未重复存储" in result.stdout

    result = run("evidence", "list", str(sample_path))
    assert result.returncode == 0, result.stderr
    assert "A12 立项程序规范性  （1/4 = 25.00%）" in result.stdout
    assert "[已提供] 项目申报书" in result.stdout
    assert "佐证完整率 2/38 = 5.26%" in result.stdout  # 37 default items + the new one

    data = json.loads(run("evidence", "list", str(sample_path), "--json", "--code", "C21").stdout)
    assert [it["name"] for it in data["items"]] == ["各项目验收报告", "二期验收报告"]
    assert [f["name"] for f in data["items"][1]["files"]] == [
        "项目申报书（终稿）.pdf",
        "立项批复 2021.pdf",
    ]

    result = run("evidence", "verify", str(sample_path))
    assert result.returncode == 0, result.stderr
    assert "校验通过：2 个文件内容" in result.stdout

    out = tmp_path / "导出"
    result = run("evidence", "export", str(sample_path), str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "佐证材料清单.xlsx").exists()
    assert (
        out / "C21 项目验收合格率" / "二期验收报告" / "立项批复 2021.pdf"
    ).read_bytes() == b"B" * 3000


def test_verify_exits_non_zero_on_a_mismatch(sample_path: Path, files: list[Path], capsys) -> None:
    assert cli_main(["evidence", "add", str(sample_path), "D41", str(files[1])]) == 0
    with EvaluationFile.open(sample_path) as ef:
        ef.db.execute("UPDATE blobs SET data = ?", [b"X" * 3000])
    capsys.readouterr()
    assert cli_main(["evidence", "verify", str(sample_path)]) == 1
    err = capsys.readouterr().err
    assert "内容被改动" in err and "D41 问卷及统计结果 / 立项批复 2021.pdf" in err


def test_add_needs_item_when_ambiguous_and_is_all_or_nothing(
    sample_path: Path, files: list[Path], tmp_path: Path, capsys
) -> None:
    assert cli_main(["evidence", "add", str(sample_path), "A12", str(files[0])]) == 1
    assert "请用 --item 指定：项目申报书、立项批复文件" in capsys.readouterr().err

    missing = tmp_path / "不存在.pdf"
    assert (
        cli_main(
            [
                "evidence",
                "add",
                str(sample_path),
                "A12",
                str(files[0]),
                str(missing),
                "--item",
                "项目申报书",
            ]
        )
        == 1
    )
    assert "不存在.pdf" in capsys.readouterr().err
    assert cli_main(["evidence", "add", str(sample_path), "Z99", str(files[0])]) == 1
    assert "没有三级指标 Z99" in capsys.readouterr().err
    with EvaluationFile.open(sample_path) as ef:
        assert store.blob_count(ef) == 0


def test_status_command(sample_path: Path, capsys) -> None:
    assert cli_main(["evidence", "status", str(sample_path), "A12", "专家论证意见", "不适用"]) == 1
    assert "理由" in capsys.readouterr().err
    assert (
        cli_main(
            [
                "evidence",
                "status",
                str(sample_path),
                "A12",
                "专家论证意见",
                "不适用",
                "--reason",
                "未达论证金额",
            ]
        )
        == 0
    )
    assert (
        cli_main(["evidence", "status", str(sample_path), "A12", "可行性研究报告", "已提供"]) == 0
    )
    with EvaluationFile.open(sample_path) as ef:
        assert store.coverage_by_code(ef)["A12"].text() == "1/3 = 33.33%"
        assert "A12" in store.codes_with_missing_evidence(ef)


def test_compact_command(sample_path: Path, files: list[Path], capsys) -> None:
    assert cli_main(["evidence", "compact", str(sample_path)]) == 0
    assert "没有可回收的空间" in capsys.readouterr().out
    assert cli_main(["evidence", "add", str(sample_path), "D41", str(files[0])]) == 0
    with EvaluationFile.open(sample_path) as ef:
        (f,) = store.items(ef, "D41")[0].files
        store.remove_file(ef, f.id)
    capsys.readouterr()
    assert cli_main(["evidence", "compact", str(sample_path)]) == 0
    assert "已回收" in capsys.readouterr().out
