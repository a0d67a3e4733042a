"""Published-style 项目支出绩效自评表 entered through the CLI exactly as docs/template-format.md
describes, and the national PDF checked cell by cell (pypdf text, whitespace removed: reportlab
draws a table cell by cell, so a row's cells come out in order)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

import pdf_render
from jixiao.cli.main import main as cli_main
from jixiao.storage.evaluation_file import EvaluationFile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "national"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "template-format.md"


def compact(text: str) -> str:
    return "".join(text.split())


def pdf_text(path: Path) -> str:
    return compact("".join(p.extract_text() or "" for p in PdfReader(path).pages))


def enter(tmp_path: Path, name: str, fund: str, year: int, unit: str) -> Path:
    """init + one `jixiao set` per line of the form file + `inputs import`."""
    target = tmp_path / f"{name}.jixiao"
    template = FIXTURES / f"{name}-template.json"
    args = ["init", str(target), "--template", str(template), "--fund", fund]
    assert cli_main([*args, "--year", str(year), "--unit", unit]) == 0
    for line in (FIXTURES / f"{name}-form.tsv").read_text(encoding="utf-8").splitlines():
        key, value = line.split("\t")
        assert cli_main(["set", str(target), key, value]) == 0, key
    assert cli_main(["inputs", "import", str(target), str(FIXTURES / f"{name}-inputs.json")]) == 0
    return target


def init_args(target: Path, template: Path, fund: str, year: str) -> list[str]:
    return ["init", str(target), "--template", str(template), "--fund", fund, "--year", year]


def check_cells(text: str, expected: list[list[str]]) -> None:
    position = 0
    for row in expected:
        cells = compact("".join(row))
        found = text.find(cells, position)
        assert found >= 0, f"row not found in order: {row}"
        position = found + len(cells)


def test_county_school_sheet_is_reproduced_cell_by_cell(tmp_path, capsys, artifacts_dir) -> None:
    target = enter(
        tmp_path, "school", "农村义务教育学生营养改善计划补助资金", 2022, "永德县教育体育局"
    )
    assert cli_main(["score", str(target)]) == 0  # consistent: no warnings, exit 0
    capsys.readouterr()
    out = tmp_path / "school.pdf"
    assert cli_main(["export-pdf", str(target), "--layout", "national", "--out", str(out)]) == 0
    text = pdf_text(out)
    expected = json.loads((FIXTURES / "school-expected.json").read_text(encoding="utf-8"))
    check_cells(text, expected["rows"])
    # The form prints no codes, and the budget-execution indicator is not a row of its own.
    assert "C11" not in text and "Y11" not in text and text.count("预算执行率") == 0
    # 偏差原因 is what the unit wrote: D12 lost 2 points and its cell stays blank.
    assert "部分达成，扣2分" not in text and "扣" not in text
    pngs = pdf_render.render_pages(out, tmp_path, dpi=70)
    shutil.copy(pngs[0], artifacts_dir / "national_school_first_page.png")


def test_sheet_whose_weights_add_to_110_warns_everywhere(tmp_path, capsys) -> None:
    target = enter(tmp_path, "farmland", "2023年高标准农田建设项目", 2023, "临沧市农业农村局")
    capsys.readouterr()
    assert cli_main(["score", str(target)]) == 3
    err = capsys.readouterr().err
    assert "一级指标权重合计 110，不等于 100" in err
    assert "公布的总分 96.50 不等于各项得分之和 107.87" in err
    assert cli_main(["score", str(target), "--json"]) == 3
    payload = json.loads(capsys.readouterr().out)
    assert any("110" in w for w in payload["warnings"]) and payload["total"] == "107.87"
    out = tmp_path / "farm.pdf"
    assert cli_main(["export-pdf", str(target), "--layout", "national", "--out", str(out)]) == 0
    assert "一级指标权重合计 110" in capsys.readouterr().err
    text = pdf_text(out)
    expected = json.loads((FIXTURES / "farmland-expected.json").read_text(encoding="utf-8"))
    check_cells(text, expected["rows"])
    assert "2023年2023年" not in text
    assert "带动农民务工93.00%" not in text  # blank 偏差原因 printed blank


def test_signed_export_of_an_inconsistent_sheet_needs_accept_warnings(tmp_path, capsys) -> None:
    from jixiao.export.signing import create_self_signed_pkcs12

    target = enter(tmp_path, "farmland", "高标准农田建设项目", 2023, "临沧市农业农村局")
    (tmp_path / "pw").write_text("secret", encoding="utf-8")
    p12 = create_self_signed_pkcs12(tmp_path / "me.p12", "secret", common_name="测试员")
    out = tmp_path / "s.pdf"
    args = ["export-pdf", str(target), "--out", str(out), "--sign", str(p12)]
    args += ["--password-file", str(tmp_path / "pw")]
    capsys.readouterr()
    assert cli_main(args) == 1
    assert "--accept-warnings" in capsys.readouterr().err and not out.exists()
    assert cli_main([*args, "--accept-warnings"]) == 0 and out.exists()


def test_set_help_lists_every_key(capsys) -> None:
    with pytest.raises(SystemExit):
        cli_main(["set", "x.jixiao", "--help"])
    out = capsys.readouterr().out
    for key in ("主管部门", "实施单位", "评价日期", "预期目标", "实际完成情况", "执行率口径"):
        assert key in out
    assert "资金.当年财政拨款.年初预算数" in out and "资金.其他资金.全年执行数" in out


def test_set_refuses_bad_values_naming_the_key(tmp_path, capsys) -> None:
    target = tmp_path / "s.jixiao"
    assert cli_main(["init", str(target), "--sample", "nanjing-2021"]) == 0
    capsys.readouterr()
    assert cli_main(["set", str(target), "评价日期", "2023/3/15"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert cli_main(["set", str(target), "资金.当年财政拨款.年初预算数", "十万"]) == 1
    assert "资金.当年财政拨款.年初预算数" in capsys.readouterr().err
    assert cli_main(["set", str(target), "执行率口径", "调整后"]) == 1
    assert "年初预算 或 全年预算" in capsys.readouterr().err
    assert cli_main(["set", str(target), "部门", "x"]) == 1
    assert "未知的项目" in capsys.readouterr().err
    assert cli_main(["set", str(target), "评价日期", "2023-03-15"]) == 0
    assert "2023年3月15日" in capsys.readouterr().out


def test_execution_rate_denominator_is_the_same_in_header_and_score(tmp_path, capsys) -> None:
    """预算 40, 调整后预算 43.2, 支付 37.24: 86.20% against 全年预算, 93.10% against 年初."""
    target = tmp_path / "r.jixiao"
    template = FIXTURES / "school-template.json"
    assert cli_main(init_args(target, template, "某项目", "2023")) == 0
    for key, value in (
        ("资金.当年财政拨款.年初预算数", "40"),
        ("资金.当年财政拨款.全年预算数", "43.2"),
        ("资金.当年财政拨款.全年执行数", "37.24"),
    ):
        assert cli_main(["set", str(target), key, value]) == 0
    for words, rate, score in (("全年预算", "86.20%", "8.62"), ("年初预算", "93.10%", "9.31")):
        assert cli_main(["set", str(target), "执行率口径", words]) == 0
        out = tmp_path / f"{words}.pdf"
        assert cli_main(["export-pdf", str(target), "--layout", "national", "--out", str(out)]) == 0
        text = pdf_text(out)
        assert f"年度资金总额40.0043.2037.2410{rate}{score}" in text
        capsys.readouterr()
        cli_main(["score", str(target), "--json"])
        payload = json.loads(capsys.readouterr().out)
        y11 = next(i for i in payload["indicators"] if i["code"] == "Y11")
        assert y11["score"] == score and rate in y11["reason"]


def test_inputs_import_is_all_or_nothing(tmp_path, capsys) -> None:
    target = tmp_path / "s.jixiao"
    assert cli_main(["init", str(target), "--sample", "nanjing-2021"]) == 0
    with EvaluationFile.open(target) as ef:
        before = ef.inputs()
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {"B21": {"count": 0}, "Z99": {"met": True}, "B22": {"score": "99", "reason": "x"}}
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert cli_main(["inputs", "import", str(target), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err and "Z99" in err and "B22" in err
    with EvaluationFile.open(target) as ef:
        assert ef.inputs() == before  # B21 was valid, but nothing was written
    floats = tmp_path / "f.json"
    floats.write_text('{"B21": {"count": 0}, "D41": {"value": 0.9}}', encoding="utf-8")
    assert cli_main(["inputs", "import", str(target), str(floats)]) == 1
    assert "浮点数" in capsys.readouterr().err


def test_inputs_export_then_import_round_trips_with_texts_and_own_reasons(tmp_path, capsys) -> None:
    target = enter(tmp_path, "school", "营养改善计划", 2022, "永德县教育体育局")
    capsys.readouterr()
    assert cli_main(["inputs", "export", str(target)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["C11"]["actual"] == "1362人"
    assert exported["C12"]["reason"] == "公布表按 9 分计：供餐记录有 3 天缺失"
    copy = tmp_path / "copy.jixiao"
    template = FIXTURES / "school-template.json"
    assert cli_main(init_args(copy, template, "x", "2022")) == 0
    (tmp_path / "exported.json").write_text(json.dumps(exported, ensure_ascii=False), "utf-8")
    assert cli_main(["inputs", "import", str(copy), str(tmp_path / "exported.json")]) == 0
    with EvaluationFile.open(copy) as ef:
        overrides = [e for e in ef.audit_log() if e.action == "input.override"]
        assert [e.reason for e in overrides] == ["公布表按 9 分计：供餐记录有 3 天缺失"]
    with EvaluationFile.open(target) as a, EvaluationFile.open(copy) as b:
        assert a.score_sheet().total == b.score_sheet().total


def test_template_export_of_an_evaluation_file_gives_its_own_system(tmp_path, capsys) -> None:
    target = tmp_path / "s.jixiao"
    template = FIXTURES / "farmland-template.json"
    assert cli_main(init_args(target, template, "x", "2023")) == 0
    capsys.readouterr()
    assert cli_main(["template", "export", str(target)]) == 0
    exported = json.loads(capsys.readouterr().out)
    original = json.loads(template.read_text(encoding="utf-8"))
    assert [r["code"] for r in exported["indicators"]] == ["C", "D", "E", "Y"]
    assert exported["name"] == original["name"]


def test_rate_typed_as_the_form_prints_it() -> None:
    from decimal import Decimal

    from jixiao.core.rules import rule_from_json

    rule = rule_from_json({"kind": "rate", "target": "100"})
    assert rule.target == Decimal(1)  # 100%, never 10000%
    outcome = rule.compute(Decimal(10), {"value": "95"})
    assert outcome.measured == Decimal("0.95") and outcome.score == Decimal("9.5")
    with pytest.raises(ValueError, match="含义不明"):
        rule.compute(Decimal(10), {"value": "5"})


def test_docs_example_is_the_school_fixture() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for name in ("school-template.json", "school-inputs.json"):
        body = (FIXTURES / name).read_text(encoding="utf-8").strip()
        assert body in docs, f"docs/template-format.md lacks the fixture {name} verbatim"
    for line in (FIXTURES / "school-form.tsv").read_text(encoding="utf-8").splitlines():
        key, value = line.split("\t")
        assert f"jixiao set 营养餐.jixiao {key} " in docs and value in docs, key


def test_old_files_upgrade_with_unit_as_supervisor(tmp_path) -> None:
    source = Path(__file__).resolve().parents[1] / "fixtures" / "schema-v1.jixiao"
    copy = tmp_path / "old.jixiao"
    shutil.copy(source, copy)
    from jixiao.storage.national_form import load_form, notes

    with EvaluationFile.open(copy) as ef:
        unit = ef.meta().unit
        form = load_form(ef)
        assert form.text("主管部门") == unit and form.text("实施单位")
        assert notes(ef) == {}
        before = ef.score_sheet().total
    assert before is not None


def test_a_typed_total_the_registry_overrides_is_warned(tmp_path, capsys) -> None:
    target = tmp_path / "s.jixiao"
    assert cli_main(["init", str(target), "--sample", "nanjing-2021"]) == 0
    assert cli_main(["score", str(target)]) == 0
    assert cli_main(["set", str(target), "资金.年度资金总额.全年执行数", "17000"]) == 0
    capsys.readouterr()
    assert cli_main(["score", str(target)]) == 3
    assert "全年执行数 填写为 17000，但按项目登记表计为 17641.06" in capsys.readouterr().err
