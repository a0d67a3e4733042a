"""`jixiao export-pdf` and `jixiao verify-pdf` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from jixiao.cli import main
from jixiao.export.signing import create_self_signed_pkcs12


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cert")
    p12 = create_self_signed_pkcs12(folder / "unit.pfx", "pa ss", common_name="李复核")
    password = folder / "password.txt"
    password.write_text("pa ss\n", encoding="utf-8")
    return p12, password


def text_of(pdf: Path) -> str:
    return "".join("".join((p.extract_text() or "").split()) for p in PdfReader(pdf).pages)


def test_export_unsigned_seed_layout(sample_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "评分表.pdf"
    assert (
        main(["export-pdf", str(sample_path), "--out", str(out), "--font-dir", str(tmp_path)]) == 0
    )
    message = capsys.readouterr().out
    assert "已导出" in message and "90.23" in message and "未签名" in message
    text = text_of(out)
    assert "2021年南京市政务信息化专项资金绩效自评价评分表" in text and "综合得分90.23分" in text
    assert main(["verify-pdf", str(out)]) == 3
    assert "没有数字签名" in capsys.readouterr().out


def test_export_signed_then_verify_then_tamper(
    sample_path: Path, tmp_path: Path, cert, capsys
) -> None:
    p12, password = cert
    out = tmp_path / "signed.pdf"
    rc = main(
        [
            "export-pdf",
            str(sample_path),
            "--out",
            str(out),
            "--layout",
            "national",
            "--landscape",
            "--appendix",
            "evidence,audit",
            "--sign",
            str(p12),
            "--password-file",
            str(password),
        ]
    )
    assert rc == 0
    assert "已由“李复核”签名" in capsys.readouterr().out
    assert "项目支出绩效自评表" in text_of(out)

    assert main(["verify-pdf", str(out)]) == 0
    report = capsys.readouterr().out
    assert "签署人：李复核" in report and "签署时间：" in report
    assert "完整（签名后未被修改）" in report and "证书未受信任（自签名）" in report

    data = bytearray(out.read_bytes())
    data[len(data) // 4] ^= 0x01  # a byte inside the signed range
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    assert main(["verify-pdf", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "签名验证未通过" in captured.err or "无法验证" in captured.out


def test_fingerprint_matches_score_json(sample_path: Path, tmp_path: Path, capsys) -> None:
    import json

    assert main(["score", str(sample_path), "--json"]) == 0
    fingerprint = json.loads(capsys.readouterr().out)["fingerprint"]
    out = tmp_path / "x.pdf"
    assert (
        main(["export-pdf", str(sample_path), "--out", str(out), "--font-dir", str(tmp_path)]) == 0
    )
    assert fingerprint[:16] in capsys.readouterr().out
    assert f"数据指纹{fingerprint[:16]}" in text_of(out)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--appendix", "photos"], "未知的附件"),
        (["--sign", "missing.p12", "--password-file", "pw.txt"], "找不到密码文件"),
        (["--sign", "CERT"], "--password-file"),
        (["--password-file", "pw.txt"], "只能与 --sign 一起使用"),
    ],
)
def test_bad_options_fail_with_chinese_messages(
    sample_path: Path, tmp_path: Path, capsys, cert, extra: list[str], message: str
) -> None:
    extra = [str(cert[0]) if e == "CERT" else e for e in extra]
    out = tmp_path / "x.pdf"
    assert main(["export-pdf", str(sample_path), "--out", str(out), *extra]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_wrong_password_writes_nothing(sample_path: Path, tmp_path: Path, cert, capsys) -> None:
    p12, _ = cert
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope", encoding="utf-8")
    out = tmp_path / "x.pdf"
    assert (
        main(
            [
                "export-pdf",
                str(sample_path),
                "--out",
                str(out),
                "--sign",
                str(p12),
                "--password-file",
                str(wrong),
            ]
        )
        == 1
    )
    assert "密码错误" in capsys.readouterr().err and not out.exists()


def test_missing_inputs(tmp_path: Path, capsys) -> None:
    assert (
        main(["export-pdf", str(tmp_path / "none.jixiao"), "--out", str(tmp_path / "x.pdf")]) == 1
    )
    assert "找不到评价文件" in capsys.readouterr().err
    assert main(["verify-pdf", str(tmp_path / "none.pdf")]) == 1
    assert "找不到 PDF 文件" in capsys.readouterr().err


def test_verify_against_the_evaluation_file(
    sample_path: Path, tmp_path: Path, cert, capsys
) -> None:
    p12, password = cert
    out = tmp_path / "signed.pdf"
    assert (
        main(
            [
                "export-pdf",
                str(sample_path),
                "--out",
                str(out),
                "--sign",
                str(p12),
                "--password-file",
                str(password),
            ]
        )
        == 0
    )
    assert main(["verify-pdf", str(out), "--file", str(sample_path)]) == 0
    assert "数据一致" in capsys.readouterr().out

    from jixiao.storage.evaluation_file import EvaluationFile

    with EvaluationFile.open(sample_path) as ef:  # the scores change after the PDF was signed
        ef.set_input("D41", {"override": "7", "reason": "复核后调整"})
    assert main(["verify-pdf", str(out), "--file", str(sample_path)]) == 4
    captured = capsys.readouterr()
    assert "不一致" in captured.out and "数据指纹与评价文件不一致" in captured.err
