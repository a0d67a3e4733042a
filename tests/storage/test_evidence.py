"""Evidence items and files stored inside the evaluation file (blobs, dedupe, 校验, rollback)."""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.core import evidence as core
from jixiao.core.evidence import STATUS_MISSING, STATUS_NA, STATUS_PROVIDED, EvidenceError
from jixiao.export.evidence_export import export_all, export_attachments, export_checklist_xlsx
from jixiao.importers import template_library
from jixiao.storage import evidence as store
from jixiao.storage.evaluation_file import EvaluationFile


def item_named(ef: EvaluationFile, code: str, name: str):
    return next(it for it in store.items(ef, code) if it.name == name)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def counts(ef: EvaluationFile) -> tuple[int, int, int]:
    db = ef.db
    return (
        db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0],
        db.execute("SELECT COUNT(*) FROM evidence_files").fetchone()[0],
        db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0],
    )


# ---------------------------------------------------------------------------- items
def test_defaults_are_seeded_from_the_template(sample_file: EvaluationFile) -> None:
    a12 = store.items(sample_file, "A12")
    assert [it.name for it in a12] == [
        "项目申报书",
        "立项批复文件",
        "可行性研究报告",
        "专家论证意见",
    ]
    assert all(it.status == STATUS_MISSING for it in a12)
    assert [it.name for it in store.items(sample_file, "C21")] == ["各项目验收报告"]
    total = len(store.items(sample_file))
    assert total == len(core.default_items(sample_file.system()))
    assert store.ensure_default_items(sample_file) == 0  # once only


def test_removed_defaults_stay_removed(sample_file: EvaluationFile) -> None:
    for it in store.items(sample_file, "A12"):
        store.remove_item(sample_file, it.id)
    assert store.items(sample_file, "A12") == []
    assert store.ensure_default_items(sample_file) == 0
    assert store.items(sample_file, "A12") == []


def test_new_file_gets_defaults(tmp_path: Path) -> None:
    system = template_library.resolve("national-2020")
    with EvaluationFile.create(
        tmp_path / "new.jixiao", system, fund="测试资金", year=2024, unit="某局"
    ) as ef:
        items = store.items(ef)
        assert items
        assert {it.code for it in items} <= {leaf.code for leaf in system.leaves()}
        assert store.overall_coverage(ef).provided == 0


def test_add_rename_status_note_and_project(sample_file: EvaluationFile) -> None:
    ef = sample_file
    project = ef.projects()[0]
    item_id = store.add_item(ef, "C21", "  验收报告（抽查）  ", project_id=project.id)
    it = store.item(ef, item_id)
    assert it.name == "验收报告（抽查）"
    assert it.project_name == project.name
    store.update_item(ef, item_id, name="验收报告", note="见第 3 册")
    with pytest.raises(EvidenceError, match="理由"):
        store.update_item(ef, item_id, status=STATUS_NA)
    store.update_item(ef, item_id, status=STATUS_NA, na_reason="本项目未到验收期")
    it = store.item(ef, item_id)
    assert (it.name, it.note, it.status, it.na_reason) == (
        "验收报告",
        "见第 3 册",
        STATUS_NA,
        "本项目未到验收期",
    )
    store.update_item(ef, item_id, status=STATUS_PROVIDED)
    assert store.item(ef, item_id).na_reason == ""  # a reason only belongs to 不适用
    entries = [e for e in ef.audit_log() if e.action.startswith("evidence.item")]
    assert {e.action for e in entries} == {"evidence.item_add", "evidence.item_update"}
    assert any(e.reason == "本项目未到验收期" for e in entries)
    # A project deleted from the registry leaves the item, untied.
    ef.delete_project(project.id)
    assert store.item(ef, item_id).project_id is None


def test_items_only_on_level3_indicators(sample_file: EvaluationFile) -> None:
    with pytest.raises(EvidenceError, match="三级指标"):
        store.add_item(sample_file, "A1", "材料")
    with pytest.raises(EvidenceError, match="不能为空"):
        store.add_item(sample_file, "A12", "   ")


# ---------------------------------------------------------------------------- files
def test_attach_open_remove(sample_file: EvaluationFile, tmp_path: Path) -> None:
    ef = sample_file
    content = os.urandom(300_000)
    src = write(tmp_path / "项目申报书 (终稿) 😀.pdf", content)
    it = item_named(ef, "A12", "项目申报书")
    result = store.attach(ef, it.id, src)
    assert result.size == len(content)
    assert result.sha256 == hashlib.sha256(content).hexdigest()
    assert not result.deduplicated

    it = store.item(ef, it.id)
    assert it.status == STATUS_PROVIDED  # attaching provides a missing item
    (f,) = it.files
    assert f.original_name == "项目申报书 (终稿) 😀.pdf"
    assert f.mime == "application/pdf"
    assert f.attached_by == "测试员"
    assert f.attached_at

    opened = store.extract_to_temp(ef, f.id)
    assert opened.name == "项目申报书 (终稿) 😀.pdf"
    assert opened.read_bytes() == content

    store.remove_file(ef, f.id)
    it = store.item(ef, it.id)
    assert it.files == ()
    assert it.status == STATUS_MISSING
    assert store.blob_count(ef) == 0
    actions = [e.action for e in ef.audit_log(5)]
    assert actions[:2] == ["evidence.detach", "evidence.attach"]


def test_file_names_in_any_encoding_or_normalisation(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    ef = sample_file
    item_id = item_named(ef, "A12", "项目申报书").id
    gbk = Path(os.fsdecode(bytes(tmp_path) + b"/" + "中文申报书.pdf".encode("gbk")))
    gbk.write_bytes(b"gbk")  # a name from a Windows archive unpacked on Linux
    nfd = write(tmp_path / "Cafe\u0301 résumé.pdf", b"nfd")  # macOS stores names decomposed
    store.attach(ef, item_id, gbk)
    store.attach(ef, item_id, nfd)
    names = [f.original_name for f in store.item(ef, item_id).files]
    assert names == ["中文申报书.pdf", "Café résumé.pdf"]
    assert names[1] == unicodedata.normalize("NFC", names[1])


def test_removed_content_space_is_reclaimed_by_compact(sample_path: Path, tmp_path: Path) -> None:
    with EvaluationFile.open(sample_path) as ef:
        result = store.attach(
            ef,
            item_named(ef, "A12", "项目申报书").id,
            write(tmp_path / "big.bin", os.urandom(3_000_000)),
        )
        store.remove_file(ef, result.file_id)
        assert store.free_bytes(ef) > 2_900_000
        assert store.compact(ef) > 2_900_000
        assert store.free_bytes(ef) == 0
        assert store.compact(ef) == 0
    assert sample_path.stat().st_size < 2_000_000


def test_attached_file_survives_reopening(sample_path: Path, tmp_path: Path) -> None:
    content = b"\x00\xff" * 700_000
    src = write(tmp_path / "资金支付凭证汇总表.xlsx", content)
    with EvaluationFile.open(sample_path) as ef:
        store.attach(ef, item_named(ef, "B12", "资金支付凭证汇总表").id, src)
    src.unlink()
    with EvaluationFile.open(sample_path) as ef:
        (f,) = item_named(ef, "B12", "资金支付凭证汇总表").files
        out = store.extract(ef, f.id, tmp_path / "out.xlsx")
        assert out.read_bytes() == content
        assert f.mime == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_identical_content_is_stored_once(sample_file: EvaluationFile, tmp_path: Path) -> None:
    ef = sample_file
    content = os.urandom(50_000)
    a = write(tmp_path / "申报书.pdf", content)
    b = write(tmp_path / "申报书-副本.pdf", content)
    first = store.attach(ef, item_named(ef, "A11", "项目申报书").id, a)
    second = store.attach(ef, item_named(ef, "A12", "项目申报书").id, b)
    assert second.deduplicated and second.blob_id == first.blob_id
    assert store.blob_count(ef) == 1
    assert len(store.evidence_rows(ef)) == len(
        store.items(ef)
    )  # two file rows replace two empty ones

    store.remove_file(ef, first.file_id)
    assert store.blob_count(ef) == 1  # still referenced by the second attachment
    assert store.extract_to_temp(ef, second.file_id).read_bytes() == content
    # Removing the item removes its files, and the now unreferenced content with them.
    store.remove_item(ef, item_named(ef, "A12", "项目申报书").id)
    assert store.blob_count(ef) == 0


def test_cascade_from_a_deleted_item_releases_the_blob(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    ef = sample_file
    it = item_named(ef, "A21", "绩效目标申报表")
    store.attach(ef, it.id, write(tmp_path / "t.txt", b"x" * 10))
    with ef.transaction():
        ef.db.execute(
            "DELETE FROM evidence_items WHERE id = ?", [it.id]
        )  # FK cascade, then trigger
    assert counts(ef)[:2] == (0, 0)


def test_large_file_is_streamed_in_chunks(
    sample_file: EvaluationFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ef = sample_file
    monkeypatch.setattr(store, "CHUNK_SIZE", 64 * 1024)
    content = os.urandom(1_000_003)
    src = write(tmp_path / "big.bin", content)
    reads: list[int] = []

    class Spy(io.FileIO):
        def read(self, size: int = -1) -> bytes:
            reads.append(size)
            return super().read(size)

    progress: list[tuple[int, int]] = []
    result = store.attach(
        ef,
        item_named(ef, "C11", "年度项目计划").id,
        src,
        opener=lambda p: Spy(str(p), "rb"),
        progress=lambda d, t: progress.append((d, t)),
    )
    assert reads and max(reads) == 64 * 1024  # never read whole
    # Two passes (hash, then store): progress runs once to the end, never backwards.
    assert progress[-1][0] == progress[-1][1] == 2 * len(content)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    chunks = list(store.iter_blob(ef, result.blob_id, 64 * 1024))
    assert max(map(len, chunks)) == 64 * 1024
    assert b"".join(chunks) == content


# ---------------------------------------------------------------------------- bad input
def test_failing_read_half_way_leaves_nothing(
    sample_file: EvaluationFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ef = sample_file
    monkeypatch.setattr(store, "CHUNK_SIZE", 1024)
    src = write(tmp_path / "坏盘上的文件.pdf", os.urandom(10_000))
    it = item_named(ef, "A12", "项目申报书")
    before = counts(ef)

    class Flaky(io.FileIO):
        calls = 0

        def read(self, size: int = -1) -> bytes:
            Flaky.calls += 1
            if Flaky.calls == 4:
                raise OSError(5, "Input/output error")
            return super().read(size)

    with pytest.raises(EvidenceError, match=re.escape("坏盘上的文件.pdf")):
        store.attach(ef, it.id, src, opener=lambda p: Flaky(str(p), "rb"))
    assert counts(ef) == before  # no blob, no file row, no audit row
    assert store.item(ef, it.id).status == STATUS_MISSING


def test_file_changed_between_hashing_and_storing_is_refused(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    ef = sample_file
    src = write(tmp_path / "正在编辑.docx", b"a" * 5000)
    item_id = item_named(ef, "A12", "项目申报书").id
    before = counts(ef)

    # Someone saves the document between the two passes (hashing on the worker thread,
    # storing on the GUI thread): same size, other bytes.
    contents = iter([b"a" * 5000, b"b" * 5000])
    with pytest.raises(EvidenceError, match=re.escape("正在编辑.docx")):
        store.attach(ef, item_id, src, opener=lambda p: io.BytesIO(next(contents)))
    assert counts(ef) == before


def test_cancel_from_progress_rolls_back(
    sample_file: EvaluationFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ef = sample_file
    monkeypatch.setattr(store, "CHUNK_SIZE", 1024)
    src = write(tmp_path / "x.bin", os.urandom(5000))
    item_id = item_named(ef, "A12", "项目申报书").id
    before = counts(ef)

    def cancel(done: int, total: int) -> None:
        if done > 2048:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        store.attach(ef, item_id, src, progress=cancel)
    assert counts(ef) == before


def test_unreadable_or_locked_file_names_the_file(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    src = write(tmp_path / "被占用的合同.docx", b"data")

    def locked(path: Path):
        raise PermissionError(13, "Permission denied", str(path))

    with pytest.raises(EvidenceError) as info:
        store.attach(sample_file, item_named(sample_file, "B22", "合同").id, src, opener=locked)
    assert "被占用的合同.docx" in str(info.value)
    assert "占用" in str(info.value) or "权限" in str(info.value)
    assert store.blob_count(sample_file) == 0


def test_missing_file_directory_and_size_limit(
    sample_file: EvaluationFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    item_id = item_named(sample_file, "B22", "合同").id
    with pytest.raises(EvidenceError, match=re.escape("找不到文件“不存在.pdf”")):
        store.attach(sample_file, item_id, tmp_path / "不存在.pdf")
    with pytest.raises(EvidenceError, match="文件夹"):
        store.attach(sample_file, item_id, tmp_path)
    monkeypatch.setattr(core, "MAX_FILE_SIZE", 100)
    with pytest.raises(EvidenceError, match="超过"):
        store.attach(sample_file, item_id, write(tmp_path / "大.bin", b"x" * 101))


def test_file_changing_size_while_read_is_refused(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    src = write(tmp_path / "growing.log", b"a" * 100)

    def grown(path: Path):
        return io.BytesIO(b"a" * 150)

    with pytest.raises(EvidenceError, match=re.escape("growing.log")):
        store.attach(sample_file, item_named(sample_file, "B22", "合同").id, src, opener=grown)
    assert store.blob_count(sample_file) == 0


# ---------------------------------------------------------------------------- 校验
def test_verify_passes_then_catches_a_changed_blob(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    ef = sample_file
    content = os.urandom(4096)
    result = store.attach(
        ef, item_named(ef, "B11", "资金下达文件").id, write(tmp_path / "下达文件.pdf", content)
    )
    assert store.verify(ef).ok
    # Someone edits the content behind the program's back (same size, one byte differs).
    changed = bytes([content[0] ^ 0xFF]) + content[1:]
    ef.db.execute("UPDATE blobs SET data = ? WHERE id = ?", [changed, result.blob_id])
    report = store.verify(ef)
    assert not report.ok
    (problem,) = report.problems
    assert problem.kind == "mismatch"
    assert "B11 资金下达文件 / 下达文件.pdf" in problem.message


def test_verify_reports_missing_and_truncated_content(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    ef = sample_file
    a = store.attach(
        ef, item_named(ef, "B11", "资金下达文件").id, write(tmp_path / "a.pdf", b"a" * 1000)
    )
    b = store.attach(
        ef, item_named(ef, "B11", "资金到位凭证").id, write(tmp_path / "b.pdf", b"b" * 1000)
    )
    ef.db.execute("UPDATE blobs SET data = ? WHERE id = ?", [b"a" * 10, a.blob_id])
    ef.db.execute("PRAGMA foreign_keys = OFF")
    try:
        ef.db.execute("DROP TRIGGER evidence_files_release_blob")  # simulate damage by another tool
        ef.db.execute("DELETE FROM blobs WHERE id = ?", [b.blob_id])
    finally:
        ef.db.execute("PRAGMA foreign_keys = ON")
    report = store.verify(ef)
    kinds = sorted(p.kind for p in report.problems)
    assert kinds == ["missing", "size"]
    assert "b.pdf" in report.summary() and "a.pdf" in report.summary()


# ---------------------------------------------------------------------------- summaries
def test_coverage_and_missing_codes(sample_file: EvaluationFile, tmp_path: Path) -> None:
    ef = sample_file
    total = len(store.items(ef))
    assert store.overall_coverage(ef).text() == f"0/{total} = 0.00%"
    a12 = store.items(ef, "A12")
    store.attach(ef, a12[0].id, write(tmp_path / "1.pdf", b"1"))
    store.attach(ef, a12[1].id, write(tmp_path / "2.pdf", b"2"))
    store.update_item(ef, a12[2].id, status=STATUS_PROVIDED, note="纸质件")
    store.update_item(ef, a12[3].id, status=STATUS_NA, na_reason="金额未达论证标准")
    assert store.coverage_by_code(ef)["A12"].text() == "3/3 = 100.00%"
    overall = store.overall_coverage(ef)
    assert (overall.provided, overall.required, overall.na) == (3, total - 1, 1)
    missing = store.codes_with_missing_evidence(ef)
    assert "A12" not in missing and "A11" in missing
    assert store.coverage_by_node(ef)["A1"].fraction_text() == "3/6"


def test_evidence_rows_for_the_score_sheet_and_pdf(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    ef = sample_file
    it = item_named(ef, "A12", "项目申报书")
    store.attach(ef, it.id, write(tmp_path / "申报书.pdf", b"abc"))
    rows = store.evidence_rows(ef)
    keys = {"code", "item", "status", "file_name", "sha256", "size", "attached_by", "attached_at"}
    assert all(set(r) == keys for r in rows)
    (row,) = [r for r in rows if r["file_name"]]
    assert row == {
        "code": "A12",
        "item": "项目申报书",
        "status": "已提供",
        "file_name": "申报书.pdf",
        "sha256": hashlib.sha256(b"abc").hexdigest(),
        "size": 3,
        "attached_by": "测试员",
        "attached_at": row["attached_at"],
    }
    empty = next(r for r in rows if r["code"] == "A12" and r["item"] == "立项批复文件")
    assert (empty["status"], empty["file_name"], empty["size"]) == ("缺失", "", None)


# ---------------------------------------------------------------------------- export
def test_export_checklist_and_attachment_tree(sample_file: EvaluationFile, tmp_path: Path) -> None:
    ef = sample_file
    store.attach(ef, item_named(ef, "A12", "项目申报书").id, write(tmp_path / "申报书.pdf", b"one"))
    store.attach(
        ef, item_named(ef, "A12", "项目申报书").id, write(tmp_path / "申报书 .pdf", b"two")
    )
    store.attach(
        ef, item_named(ef, "C21", "各项目验收报告").id, write(tmp_path / "=cmd|x.pdf", b"three")
    )
    store.update_item(
        ef, item_named(ef, "A12", "专家论证意见").id, status=STATUS_NA, na_reason="未达标准"
    )

    out = tmp_path / "导出"
    checklist, result = export_all(ef, out)
    files = sorted(p.relative_to(out).as_posix() for p in result.files)
    assert files == [
        "A12 立项程序规范性/项目申报书/申报书 .pdf",
        "A12 立项程序规范性/项目申报书/申报书.pdf",
        "C21 项目验收合格率/各项目验收报告/=cmd_x.pdf",
    ]
    assert (out / "A12 立项程序规范性/项目申报书/申报书.pdf").read_bytes() == b"one"

    wb = load_workbook(checklist)
    ws = wb["佐证材料清单"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:5] == ("指标编码", "指标名称", "佐证材料", "关联项目", "状态")
    a12 = [r for r in rows if r[0] == "A12"]
    assert len(a12) == 5  # two files on one item, plus three other items
    assert any(r[4] == "不适用" and r[5] == "未达标准" for r in a12)
    assert any(r[7] == "'=cmd|x.pdf" for r in rows)  # no formula injection
    summary = list(wb["完整率"].iter_rows(values_only=True))
    total = next(r for r in summary if r[0] == "合计")
    assert total[2:5] == (2, len(store.items(ef)) - 1, 1)


def test_export_twice_into_the_same_folder(sample_file: EvaluationFile, tmp_path: Path) -> None:
    ef = sample_file
    store.attach(ef, item_named(ef, "A12", "项目申报书").id, write(tmp_path / "a.pdf", b"1"))
    export_attachments(ef, tmp_path / "out")
    second = export_attachments(ef, tmp_path / "out")
    assert [p.name for p in second.files] == ["a (2).pdf"]  # never overwrites earlier exports


def test_checklist_to_a_folder_that_cannot_be_written(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    blocker = write(tmp_path / "not-a-dir", b"")
    with pytest.raises(EvidenceError, match=re.escape("清单.xlsx")):
        export_checklist_xlsx(sample_file, blocker / "清单.xlsx")


# ---------------------------------------------------------------------------- schema
def test_file_from_before_evidence_upgrades_and_seeds(sample_path: Path, tmp_path: Path) -> None:
    """A schema-1 file (no evidence tables yet) opens, migrates and gets its default items."""
    import sqlite3

    conn = sqlite3.connect(sample_path)
    with conn:
        for table in ("survey_responses", "surveys", "evidence_files", "evidence_items", "blobs"):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        conn.execute("DELETE FROM settings WHERE key LIKE 'evidence.%'")
    conn.execute("PRAGMA user_version = 1")
    conn.close()

    with EvaluationFile.open(sample_path, user="升级") as ef:
        assert ef.db.execute("PRAGMA user_version").fetchone()[0] >= 2
        assert [it.name for it in store.items(ef, "A12")][:2] == ["项目申报书", "立项批复文件"]
        store.attach(ef, store.items(ef, "A12")[0].id, write(tmp_path / "升级后.pdf", b"ok"))
        assert store.verify(ef).ok
    assert list(
        sample_path.parent.glob(sample_path.name + ".bak-v1-*")
    )  # copy kept before migrating
