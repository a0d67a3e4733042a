"""A bureau's own project list (not our template) on a fresh evaluation from the nanjing
template: 是否完成 / 验收情况 written many ways, dates in 实际完成时间, amounts in 元, and no
计划产出 / 应验收 / 到位资金 columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.hostile_files import bureau_rows, write_csv, write_xlsx
from jixiao.cli import main
from jixiao.storage.evaluation_file import EvaluationFile


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    path = tmp_path / "区政务信息化.jixiao"
    assert (
        main(
            ["init", str(path), "--template", "nanjing-2021", "--fund", "区专项", "--year", "2021"]
        )
        == 0
    )
    return path


def scores(path: Path) -> dict[str, tuple[str, str]]:
    with EvaluationFile.open(path) as ef:
        return {s.code: (str(s.score), s.reason) for s in ef.score_sheet().indicators}


def test_bureau_list_scores_c11_c21_from_its_columns_and_b11_is_not_zero(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    lst = write_xlsx(tmp_path / "项目完成情况.xlsx", bureau_rows())
    assert main(["projects", "import", str(fresh), str(lst)]) == 0
    out, err = capsys.readouterr()
    # The mapping chosen is printed; the date column is not taken as a yes/no field.
    assert "是否完成→已完成" in err and "验收情况→已验收" in err
    assert "实际完成时间→实际完成时间" in err
    assert "没有“到位资金(万元)”列" in err
    assert "得分变化：" in out and "C11" in out and "C21" in out
    s = scores(fresh)
    assert s["C11"][0] == "8.13"  # 26 / 32 completed = 81.25%
    assert s["C21"][0] == "7.50"  # 24 / 32 accepted = 75.00% (every project due by default)
    # B11 needs 到位资金: not derivable, shown as 未录入 with the column that would supply it.
    assert s["B11"][0] == "0" and s["B11"][1].startswith("未录入（")
    assert "到位资金" in s["B11"][1] and "%" not in s["B11"][1]
    assert "预算资金到位率（项目登记）：未录入" in out
    with EvaluationFile.open(fresh) as ef:
        p = ef.projects()[0]
        first = bureau_rows()[2]
        assert p.budget * 10000 == int(str(first[4]).replace(",", ""))  # 元 → 万元
        b11 = ef.score_sheet().by_code()["B11"]
        assert b11.status == "missing"  # 未录入, not a 0% deduction


def test_a_later_list_with_funds_in_place_makes_b11_derivable(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = bureau_rows()
    assert main(["projects", "import", str(fresh), str(write_xlsx(tmp_path / "a.xlsx", rows))]) == 0
    funds = [["项目名称", "项目单位", "到位资金（元）"]] + [[r[1], r[2], r[4]] for r in rows[2:]]
    capsys.readouterr()
    assert main(["projects", "import", str(fresh), str(write_csv(tmp_path / "b.csv", funds))]) == 0
    out = capsys.readouterr().out
    assert "B11 预算资金到位率：0.00 → 2.00" in out
    s = scores(fresh)
    assert s["B11"][0] == "2.00" and s["C11"][0] == "8.13"  # the first list's data kept


def test_cli_map_and_value_options_are_used_and_remembered(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["项目", "单位", "金额（万元）", "进度", "验收"],
        ["甲", "单位1", "100", "done", "初验"],
    ]
    lst = write_csv(tmp_path / "odd.csv", rows)
    assert main(["projects", "import", str(fresh), str(lst), "--map", "进度=已完成"]) == 1
    err = capsys.readouterr().err
    assert "第 2 行 D 进度 列“done”：不是“是/否”类取值" in err  # named, never read as 否
    args = ["--map", "进度=已完成", "--map", "金额=预算金额", "--value", "done=是"]
    assert main(["projects", "import", str(fresh), str(lst), *args]) == 0
    with EvaluationFile.open(fresh) as ef:
        (p,) = ef.projects()
        assert p.completed and not p.accepted and str(p.budget) == "100.00"
    # The same headers next time: the mapping and the words are remembered.
    rows[1][0] = "乙"
    assert main(["projects", "import", str(fresh), str(write_csv(lst, rows))]) == 0
    assert "沿用上次" in capsys.readouterr().err
    with EvaluationFile.open(fresh) as ef:
        assert [p.completed for p in ef.projects()] == [True, True]


def test_cli_map_errors_are_chinese(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lst = write_csv(tmp_path / "l.csv", [["项目名称", "建设单位"], ["甲", "单位"]])
    assert main(["projects", "import", str(fresh), str(lst), "--map", "不存在=已完成"]) != 0
    assert "表头中没有“不存在”列" in capsys.readouterr().err
    assert main(["projects", "import", str(fresh), str(lst), "--map", "项目名称=胡说"]) != 0
    assert "不认识的字段“胡说”" in capsys.readouterr().err


def test_registry_summary_shows_no_rate_for_absent_data(fresh: Path, tmp_path: Path) -> None:
    lst = write_xlsx(tmp_path / "l.xlsx", bureau_rows())
    assert main(["projects", "import", str(fresh), str(lst)]) == 0
    with EvaluationFile.open(fresh) as ef:
        summary = ef.registry_summary()
    assert summary.funds_in_place_rate is None  # "—" in the registry tab, never 0.00%
    assert summary.completion_rate is not None and summary.acceptance_rate is not None
    described = dict(summary.describe())
    assert described["计划完成率"].startswith("81.25%")


def test_blank_cells_and_short_rows_never_blank_stored_values(
    fresh: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = bureau_rows()
    rows[2][9] = "重点项目"
    assert main(["projects", "import", str(fresh), str(write_xlsx(tmp_path / "a.xlsx", rows))]) == 0
    again = [list(r) for r in rows]
    again[2][6] = ""  # 是否完成 left blank
    again[2][9] = ""  # 备注 left blank
    again[2][5] = "9,999"  # 实际支付 changed: the only change
    assert main(["projects", "import", str(fresh), str(write_csv(tmp_path / "b.csv", again))]) == 0
    with EvaluationFile.open(fresh) as ef:
        p = next(p for p in ef.projects() if p.name == "政务信息化项目01")
        assert p.completed and p.note == "重点项目" and str(p.paid) == "0.9999"
    short = [rows[1], [rows[2][0], rows[2][1], rows[2][2]]]  # a CSV row ending after 项目单位
    capsys.readouterr()
    assert main(["projects", "import", str(fresh), str(write_csv(tmp_path / "c.csv", short))]) == 1
    err = capsys.readouterr().err
    assert "第 2 行" in err and "这一行只有 3 列" in err and "评价文件未改动" in err
