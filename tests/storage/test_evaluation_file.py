from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core.rules import InputError
from jixiao.importers import template_library
from jixiao.storage.database import NewerFileError, StorageError
from jixiao.storage.evaluation_file import EvaluationFile, ProjectError
from jixiao.storage.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_sample_file_scores_90_23(sample_file: EvaluationFile) -> None:
    sheet = sample_file.score_sheet()
    assert f"{sheet.total:.2f}" == "90.23" and sheet.grade == "优"
    stored = dict(sample_file.db.execute("SELECT code, score FROM scores").fetchall())
    assert stored["B12"] == "1.89" and len(stored) == 21


def test_editing_a_project_changes_b12(sample_file: EvaluationFile) -> None:
    project = max(sample_file.projects(), key=lambda p: p.paid)
    sample_file.update_project(project.with_changes(paid=Decimal(0)))
    b12 = sample_file.score_sheet().by_code()["B12"]
    rate = ((Decimal("17641.06") - project.paid) / Decimal("18700.00")).quantize(Decimal("0.0001"))
    assert b12.score == (Decimal(2) * rate).quantize(Decimal("0.01"))
    assert b12.score < Decimal("1.89")
    log = sample_file.audit_log(limit=1)[0]
    assert log.action == "project.update" and "paid" in (log.new_value or "")


def test_derived_input_can_be_replaced_with_a_reason(sample_file: EvaluationFile) -> None:
    with pytest.raises(InputError, match="理由"):
        sample_file.set_input("B12", {"numerator": "1", "denominator": "2", "replace_derived": " "})
    sample_file.set_input(
        "B12", {"numerator": "18700", "denominator": "18700", "replace_derived": "以财政决算数为准"}
    )
    assert sample_file.score_sheet().by_code()["B12"].score == Decimal("2.00")
    assert sample_file.audit_log(limit=1)[0].reason == "以财政决算数为准"


def test_invalid_input_is_refused_and_nothing_changes(sample_file: EvaluationFile) -> None:
    before = sample_file.input_for("B22")
    with pytest.raises(InputError, match=r"B22.*超过权重"):
        sample_file.set_input("B22", {"score": "11", "reason": "x"})
    assert sample_file.input_for("B22") == before


def test_override_is_audited_with_old_and_new(sample_file: EvaluationFile) -> None:
    sample_file.set_input("C31", {"override": "7", "reason": "疫情不可抗力"})
    entry = sample_file.audit_log(limit=1)[0]
    assert (entry.action, entry.target, entry.reason, entry.user) == (
        "input.override",
        "C31",
        "疫情不可抗力",
        "测试员",
    )
    c31 = sample_file.score_sheet().by_code()["C31"]
    assert (c31.computed, c31.score) == (Decimal("5.83"), Decimal("7.00"))


def test_duplicate_project_refused(sample_file: EvaluationFile) -> None:
    existing = sample_file.projects()[0]
    with pytest.raises(ProjectError, match="同名项目"):
        sample_file.add_project(existing.with_changes(id=None, seq=0))


def test_upgrade_from_schema_v1_fixture(tmp_path: Path) -> None:
    path = tmp_path / "old.jixiao"
    shutil.copy(FIXTURES / "schema-v1.jixiao", path)
    with EvaluationFile.open(path) as ef:
        assert ef.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert f"{ef.score_sheet().total:.2f}" == "90.23"
        assert len(ef.projects()) == 40
        assert ef.db["evidence_items"].exists() and ef.db["surveys"].exists()
    backups = list(tmp_path.glob("old.jixiao.bak-v1-*"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("PRAGMA user_version").fetchone()[0] == 1


def test_file_from_a_newer_version_is_refused_and_untouched(
    tmp_path: Path, sample_path: Path
) -> None:
    conn = sqlite3.connect(sample_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = sample_path.read_bytes()
    with pytest.raises(NewerFileError, match="更新版本"):
        EvaluationFile.open(sample_path)
    assert sample_path.read_bytes() == before


def test_not_an_evaluation_file(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.jixiao"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(StorageError, match=r"notes\.jixiao"):
        EvaluationFile.open(bogus)


def test_backup_copy_is_a_complete_file(sample_file: EvaluationFile, tmp_path: Path) -> None:
    sample_file.set_input("D11", {"count": 2})
    target = tmp_path / "copy.jixiao"
    sample_file.backup_to(target)
    with EvaluationFile.open(target) as copy:
        assert copy.score_sheet().by_code()["D11"].score == Decimal("4.00")


def test_create_from_national_template(tmp_path: Path) -> None:
    system = template_library.resolve("national-2020")
    with EvaluationFile.create(
        tmp_path / "n.jixiao", system, fund="某专项", year=2024, unit="某局"
    ) as ef:
        assert ef.meta().title == "2024年某专项项目支出绩效自评表"
        sheet = ef.score_sheet()
        assert sheet.total == 0 and all(i.status == "missing" for i in sheet.indicators)


def test_registry_summary_follows_own_writes_rollbacks_and_other_connections(
    sample_file, sample_path
) -> None:
    first = sample_file.registry_summary()
    project = sample_file.projects()[0]
    sample_file.update_project(project.with_changes(paid=project.paid + 1))
    assert sample_file.registry_summary().paid == first.paid + 1
    with pytest.raises(RuntimeError), sample_file.transaction():
        sample_file.update_project(project.with_changes(paid=project.paid + 100))
        assert sample_file.registry_summary().paid == first.paid + 100
        raise RuntimeError("abandon")
    assert sample_file.registry_summary().paid == first.paid + 1
    other = sqlite3.connect(sample_path)
    with other:
        other.execute("UPDATE projects SET paid = '0' WHERE id = ?", [project.id])
    other.close()
    assert sample_file.registry_summary().paid == first.paid - project.paid
