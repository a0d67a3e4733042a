"""`jixiao report` as a user runs it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from docx import Document

from jixiao.cli import main
from jixiao.export.signing import create_self_signed_pkcs12
from jixiao.storage import report_store
from jixiao.storage.evaluation_file import EvaluationFile


def test_report_to_docx_and_signed_pdf(sample_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "报告.docx"
    assert main(["report", str(sample_path), "--out", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    assert any("预算执行率94.34%" in p.text for p in Document(str(out)).paragraphs)

    p12 = create_self_signed_pkcs12(tmp_path / "u.pfx", "pw", common_name="李复核")
    password = tmp_path / "pw.txt"
    password.write_text("pw\n", encoding="utf-8")
    pdf = tmp_path / "报告.pdf"
    args = ["report", str(sample_path), "--out", str(pdf), "--sign", str(p12)]
    assert main([*args, "--password-file", str(password), "--font-dir", str(tmp_path)]) == 0
    assert "李复核" in capsys.readouterr().out
    assert main(["verify-pdf", str(pdf), "--file", str(sample_path)]) == 0


def test_bad_options_say_what_is_wrong(sample_path: Path, tmp_path: Path, capsys) -> None:
    assert main(["report", str(sample_path), "--out", str(tmp_path / "r.txt")]) == 1
    assert "应以 .docx 或 .pdf 结尾" in capsys.readouterr().err
    p12 = tmp_path / "x.p12"
    assert (
        main(["report", str(sample_path), "--out", str(tmp_path / "r.docx"), "--sign", str(p12)])
        == 1
    )
    assert "只能用于导出 PDF" in capsys.readouterr().err
    assert not (tmp_path / "r.docx").exists()


def test_stale_typed_figure_is_reported_after_export(
    sample_path: Path, tmp_path: Path, capsys
) -> None:
    with EvaluationFile.open(sample_path) as ef:
        text = report_store.section_text(ef, "2.2").replace("{{综合得分}}", "90.23")
        report_store.set_section_text(ef, "2.2", text)
        project = next(p for p in ef.projects() if p.paid + 100 <= p.budget)
        ef.update_project(project.with_changes(paid=project.paid + Decimal(100)))
        total = ef.score_sheet().total
    assert main(["report", str(sample_path), "--out", str(tmp_path / "r.docx")]) == 5
    err = capsys.readouterr().err
    assert f"报告中的 90.23 与当前数据 {total} 不一致（综合评价绩效得分）" in err
    assert "（二）评价结论" in err
    assert main(["report", str(sample_path)]) == 5
    assert "经综合评定" in capsys.readouterr().out
