"""Registry export: formatted xlsx with totals, CSV with BOM, formula neutralising, round trip."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from jixiao.core.projects import Project
from jixiao.export.projects_xlsx import export_csv, export_xlsx, neutralise, write_template
from jixiao.importers.projects import classify, load_project_list
from jixiao.importers.sample import create_sample


def test_xlsx_is_formatted_with_totals_row(sample_file, tmp_path: Path) -> None:
    projects = sample_file.projects()
    path = export_xlsx(projects, tmp_path / "out.xlsx", title="2021年项目登记")
    ws = load_workbook(path).active
    headers = [c.value for c in ws[2]]
    assert (
        headers[:3] == ["序号", "项目名称", "建设单位"]
        and "实际支付(万元)" in headers
        and "执行率" in headers
    )
    assert ws["A2"].font.bold and ws.freeze_panes == "C3" and ws.auto_filter.ref
    first = ws[3]
    budget_col = headers.index("预算金额(万元)")
    assert first[budget_col].number_format == "#,##0.00" and first[budget_col].value == 657.73
    assert first[headers.index("执行率")].number_format == "0.00%"
    total = ws[3 + len(projects)]
    assert total[0].value == "合计" and total[0].font.bold
    assert Decimal(str(total[budget_col].value)) == Decimal("18700.00")
    assert Decimal(str(total[headers.index("实际支付(万元)")].value)) == Decimal("17641.06")
    assert round(total[headers.index("执行率")].value, 4) == 0.9434  # the rate the score sheet uses
    assert total[headers.index("纳入抽查")].value == 16


def test_formula_like_text_is_neutralised(tmp_path: Path) -> None:
    evil = Project(
        name='=HYPERLINK("http://x")',
        unit="+单位",
        note="@SUM(A1)",
        batch="-1",
        budget=Decimal("1"),
    )
    assert (
        neutralise("=1") == "'=1" and neutralise("普通") == "普通" and neutralise("\t=1") == "'\t=1"
    )
    ws = load_workbook(export_xlsx([evil], tmp_path / "e.xlsx")).active
    row = [c for c in ws[2]]
    assert row[1].value == '\'=HYPERLINK("http://x")' and row[1].data_type == "s"
    assert row[2].value == "'+单位" and row[3].value == "'-1"
    text = export_csv([evil], tmp_path / "e.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",'+单位," in text and "'@SUM(A1)" in text
    # and they come back as typed
    back = load_project_list(tmp_path / "e.csv").projects[0]
    assert (back.name, back.unit, back.note, back.batch) == (
        evil.name,
        evil.unit,
        evil.note,
        evil.batch,
    )


def test_csv_has_bom_and_plain_numbers(sample_file, tmp_path: Path) -> None:
    path = export_csv(sample_file.projects(), tmp_path / "out.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("序号,项目名称,建设单位,批次/文号")
    assert "657.73" in lines[1] and "100.00%" in lines[1] and len(lines) == 41


def _key_values(projects: list[Project]) -> list[tuple]:
    return [
        (
            p.seq,
            p.name,
            p.unit,
            p.batch,
            p.domain,
            p.budget,
            p.adjusted_budget,
            p.funds_in_place,
            p.paid,
            p.status,
            p.planned_date,
            p.accepted_date,
            p.sampled,
            p.planned_output,
            p.completed,
            p.acceptance_due,
            p.accepted,
            p.on_time,
            p.note,
        )
        for p in projects
    ]


def test_export_import_round_trip(sample_file, tmp_path: Path) -> None:
    original = sample_file.projects()
    for name, writer in (("rt.xlsx", export_xlsx), ("rt.csv", export_csv)):
        path = writer(original, tmp_path / name)
        preview = load_project_list(path)
        assert preview.ok and not preview.errors, preview.problems[:3]
        assert _key_values(preview.projects) == _key_values(original)
        assert classify(original, preview.projects) == (0, 0, len(original))
        report = sample_file.upsert_projects(preview.projects)
        assert (report.added, report.updated) == (0, 0)
        # into a fresh evaluation: the same registry and the same score sheet
        target = create_sample(tmp_path / f"fresh-{name}.jixiao")
        try:
            with target.transaction():
                for p in target.projects():
                    target.delete_project(p.id)
            assert target.upsert_projects(preview.projects).added == len(original)
            assert _key_values(target.projects()) == _key_values(original)
            assert target.score_sheet().total == sample_file.score_sheet().total
        finally:
            target.close()


def test_template_has_headers_and_one_example_row(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    wb = load_workbook(path)
    ws = wb["项目登记"]
    assert [c.value for c in ws[1]][:3] == ["序号", "项目名称", "建设单位"]
    assert "执行率" not in [c.value for c in ws[1]]
    assert ws.max_row == 2 and ws.data_validations.dataValidation
    assert "填写说明" in wb.sheetnames
    preview = load_project_list(path)
    assert preview.ok and len(preview.projects) == 1 and preview.projects[0].status == "已验收"
    assert [p.why for p in preview.warnings] == [
        "这是空白模板中的示例行，如不是真实项目请删除后再导入"
    ]
