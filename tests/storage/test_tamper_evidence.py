"""Edits made behind the program's back (any SQLite tool) are found before anyone signs."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jixiao.cli.main import main
from jixiao.storage import evidence as store
from jixiao.storage.evaluation_file import EvaluationFile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# (name, SQL an outside tool runs, the table the finding must name)
EDITS = [
    (
        "input value",
        'UPDATE inputs SET input_json = \'{"value": "1"}\' '
        "WHERE code = (SELECT code FROM inputs ORDER BY code LIMIT 1)",
        "inputs",
    ),
    ("input deleted", "DELETE FROM inputs WHERE code = (SELECT MAX(code) FROM inputs)", "inputs"),
    (
        "input override",
        "UPDATE inputs SET input_json = json_set(input_json, '$.override', '50') "
        "WHERE code = (SELECT MIN(code) FROM inputs)",
        "inputs",
    ),
    ("project paid", "UPDATE projects SET paid = '1' WHERE id = 3", "projects"),
    ("project deleted", "DELETE FROM projects WHERE id = 5", "projects"),
    (
        "project added",
        "INSERT INTO projects (name, unit) VALUES ('外来项目', '某单位')",
        "projects",
    ),
    (
        "setting",
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('execution_denominator', 'adjusted')",
        "settings",
    ),
    (
        "weight",
        "UPDATE indicators SET weight = '50' WHERE level = 3 AND "
        "code = (SELECT MIN(code) FROM indicators WHERE level = 3)",
        "indicators",
    ),
    (
        "rule",
        "UPDATE indicators SET rule_json = NULL WHERE level = 3 AND "
        "code = (SELECT MAX(code) FROM indicators WHERE level = 3)",
        "indicators",
    ),
    ("evaluation meta", "UPDATE evaluation SET fund = '别的资金'", "evaluation"),
    ("survey config", "UPDATE surveys SET config_json = '{}'", "surveys"),
    ("survey responses", "DELETE FROM survey_responses WHERE row_no % 2 = 0", "survey_responses"),
    ("evidence status", "UPDATE evidence_items SET status = 'provided'", "evidence_items"),
    ("evidence file hash", "UPDATE blobs SET sha256 = 'ab' || substr(sha256, 3)", "blobs"),
    (
        "stored scores",
        "UPDATE scores SET score = '99.00' WHERE code = (SELECT MIN(code) FROM scores)",
        "scores",
    ),
    ("audit row rewritten", "UPDATE audit_log SET reason = '无' WHERE id = 2", "audit_log"),
    ("audit row deleted", "DELETE FROM audit_log WHERE id = 3", "audit_log"),
    (
        "audit tail deleted",
        "DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)",
        "audit_log",
    ),
    ("trigger dropped", "DROP TRIGGER evidence_files_release_blob", "<schema>"),
    ("stamp deleted", "DELETE FROM integrity", "integrity"),
]


@pytest.fixture
def prepared(sample_path: Path, tmp_path: Path) -> Path:
    """The sample with an attachment, so evidence rows and blobs exist to be tampered with."""
    attachment = tmp_path / "批复.pdf"
    attachment.write_bytes(b"%PDF-1.4 evidence")
    with EvaluationFile.open(sample_path, user="测试员") as ef:
        item = store.items(ef, "A12")[0]
        store.attach(ef, item.id, attachment)
        assert ef.signing_blockers() == []
    return sample_path


def outside_edit(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        changed = conn.execute(sql)
        assert changed.rowcount != 0 or sql.startswith(("DROP", "INSERT")), sql
    conn.close()


@pytest.mark.parametrize(("sql", "table"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_each_kind_of_outside_edit_blocks_signing(prepared: Path, sql: str, table: str) -> None:
    outside_edit(prepared, sql)
    with EvaluationFile.open(prepared) as ef:
        blockers = ef.signing_blockers()
        assert blockers and blockers[0].startswith("文件在本程序之外被修改：")
        named = {"audit_log": "调整记录", "<schema>": "表结构", "integrity": "完整性记录"}
        assert named.get(table, f"（{table}）") in blockers[0]
    # Still flagged at the next open (it was recorded in the file, not only reported once).
    with EvaluationFile.open(prepared) as ef:
        assert ef.signing_blockers()
        assert any(e.action == "integrity.outside_change" for e in ef.audit_log())


def test_signing_refused_until_a_person_accepts_with_a_reason(
    prepared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jixiao.export.signing import create_self_signed_pkcs12

    cert = create_self_signed_pkcs12(tmp_path / "me.p12", "pw", "张评价")
    (tmp_path / "pw.txt").write_text("pw", encoding="utf-8")
    sign = ["--sign", str(cert), "--password-file", str(tmp_path / "pw.txt")]
    out = tmp_path / "signed.pdf"
    outside_edit(prepared, "UPDATE projects SET paid = '1' WHERE id = 3")

    assert main(["check", str(prepared)]) == 1
    assert "文件在本程序之外被修改：项目台账（projects） 的内容被修改" in capsys.readouterr().out
    assert main(["export-pdf", str(prepared), "--out", str(out), *sign]) == 1
    assert "不能签名" in capsys.readouterr().err and not out.exists()
    assert main(["check", str(prepared), "--accept"]) == 1  # no reason: refused
    assert "理由" in capsys.readouterr().err

    assert main(["check", str(prepared), "--accept", "--reason", "已与台账原件核对"]) == 0
    assert main(["export-pdf", str(prepared), "--out", str(out), *sign]) == 0
    with EvaluationFile.open(prepared) as ef:
        accept = next(e for e in ef.audit_log() if e.action == "integrity.accept")
        assert accept.reason == "已与台账原件核对" and "projects" in (accept.old_value or "")


def test_invalid_stored_inputs_block_signing(prepared: Path) -> None:
    with EvaluationFile.open(prepared) as ef:
        code = next(iter(ef.inputs()))
        ef.db.conn.execute(  # the program's own connection: no outside-change finding
            'UPDATE inputs SET input_json = \'{"override": "50"}\' WHERE code = ?', [code]
        )
        blockers = ef.signing_blockers()
    assert any(b.startswith("录入数据无效") and code in b for b in blockers)


def test_program_writes_keep_the_file_clean(prepared: Path) -> None:
    with EvaluationFile.open(prepared) as ef:
        project = ef.projects()[0]
        ef.update_project(project.with_changes(note="备注"))
        ef.set_setting("x", "1")
        ef.delete_project(ef.projects()[-1].id)
    with EvaluationFile.open(prepared) as ef:
        assert ef.signing_blockers() == []


def test_edit_by_another_tool_while_the_program_has_the_file_open(prepared: Path) -> None:
    with EvaluationFile.open(prepared, lock=True) as ef:
        outside_edit(prepared, "UPDATE projects SET paid = '1' WHERE id = 3")
        ef.set_setting("x", "1")  # the program's next write must not absorb the edit
        assert ef.signing_blockers()
    with EvaluationFile.open(prepared) as ef:
        assert any("projects" in t for t in ef.outside_changes())


def test_upgrade_from_v1_chains_existing_audit_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.jixiao"
    shutil.copy(FIXTURES / "schema-v1.jixiao", path)
    old_rows = sqlite3.connect(path).execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with EvaluationFile.open(path) as ef:
        assert ef.signing_blockers() == []
        rows = ef.db.execute("SELECT prev_hash, entry_hash FROM audit_log ORDER BY id").fetchall()
        assert len(rows) >= old_rows and all(h for _, h in rows)
        assert all(rows[i][0] == rows[i - 1][1] for i in range(1, len(rows)))
    outside_edit(path, "UPDATE audit_log SET user = '别人' WHERE id = 1")
    with EvaluationFile.open(path) as ef:
        assert any("第 1 条" in t for t in ef.outside_changes())
