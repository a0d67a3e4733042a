"""The evaluation file on real media: refused files untouched, read-only media, full disks,
locks between programs, and the one-file promise."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jixiao.cli.main import main
from jixiao.core.projects import Project
from jixiao.storage import database, lockfile
from jixiao.storage.database import NewerFileError, StorageError
from jixiao.storage.evaluation_file import EvaluationFile, FileLockedError
from jixiao.storage.migrations import SCHEMA_VERSION


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def project(n: int) -> Project:
    return Project(name=f"并发项目{n}", unit="测试单位", budget=1, paid=1)  # type: ignore[arg-type]


# ------------------------------------------------------------------ open without touching
@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_newer_file_refused_byte_for_byte(sample_path: Path, journal: str) -> None:
    conn = sqlite3.connect(sample_path)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 40}")
    conn.close()
    before = sha(sample_path)
    with pytest.raises(NewerFileError, match="文件未做任何修改"):
        EvaluationFile.open(sample_path)
    assert main(["score", str(sample_path)]) == 1
    assert sha(sample_path) == before


@pytest.mark.parametrize("app_id", [0, 1234])
def test_foreign_sqlite_file_refused_byte_for_byte(tmp_path: Path, app_id: int) -> None:
    path = tmp_path / "other.jixiao"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute(f"PRAGMA application_id = {app_id}")
    conn.commit()
    conn.close()
    before = sha(path)
    with pytest.raises(StorageError, match="不是绩效自评工作台的评价文件"):
        EvaluationFile.open(path)
    assert sha(path) == before and not Path(f"{path}-wal").exists()


def test_our_files_carry_the_application_id(sample_path: Path) -> None:
    assert database.read_header(sample_path).application_id == database.APPLICATION_ID


# ------------------------------------------------------------------ one complete file
def test_copying_only_the_main_file_of_an_open_evaluation_keeps_every_action(
    sample_path: Path, tmp_path: Path
) -> None:
    with EvaluationFile.open(sample_path, lock=True) as ef:
        ef.set_input("D11", {"count": 2})
        ef.add_project(project(1))
        ef.set_setting("note", "第三个操作")
        copy = tmp_path / "U盘" / "copy.jixiao"
        copy.parent.mkdir()
        shutil.copyfile(sample_path, copy)  # the user copies while the program runs
        assert not Path(f"{sample_path}-wal").exists()
        expected = ef.content_fingerprint
    with EvaluationFile.open(copy) as other:
        assert other.input_for("D11") == {"count": 2}
        assert other.get_setting("note") == "第三个操作"
        assert other.signing_blockers() == [] and other.content_fingerprint == expected


def test_a_wal_file_from_an_older_version_is_switched_to_a_rollback_journal(
    sample_path: Path,
) -> None:
    conn = sqlite3.connect(sample_path)
    conn.execute("PRAGMA journal_mode = wal")
    conn.close()
    with EvaluationFile.open(sample_path) as ef:
        assert ef.db.execute("PRAGMA journal_mode").fetchone()[0] in ("truncate", "delete")


def test_network_mounts_are_recognised(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n//server/绩效 /mnt/share cifs rw 0 0\n", encoding="utf-8"
    )
    assert database.mount_fstype(Path("/mnt/share/a.jixiao"), str(mounts)) == "cifs"
    assert database.mount_fstype(Path("/home/a.jixiao"), str(mounts)) == "ext4"
    assert database.is_network_path(Path(r"\\server\绩效\2021.jixiao"))


# ------------------------------------------------------------------ read-only
def _can_chattr(path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0


def test_immutable_file_opens_read_only_scores_and_exports(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jixiao.storage import evidence as store

    with EvaluationFile.open(sample_path) as ef:
        store.items(ef)  # seeded while writable: the read-only view shows the same items
    if not _can_chattr(sample_path):
        pytest.skip("chattr +i is not available here (needs root and a supporting filesystem)")
    try:
        before = sha(sample_path)
        assert main(["score", str(sample_path)]) == 0
        out = tmp_path / "out" / "sheet.pdf"
        assert main(["export-pdf", str(sample_path), "--out", str(out)]) == 0 and out.exists()
        assert main(["check", str(sample_path)]) == 0
        assert "只读" in capsys.readouterr().out
        code = main(["evidence", "status", str(sample_path), "A12", "项目申报书", "已提供"])
        err = capsys.readouterr().err
        assert code == 1 and "只读" in err and "Traceback" not in err
        with EvaluationFile.open(sample_path) as ef:
            assert ef.readonly
            with pytest.raises(StorageError, match="只读"):
                ef.set_setting("x", "1")
        assert sha(sample_path) == before
    finally:
        subprocess.run(["chattr", "-i", str(sample_path)], check=False)


def test_read_only_folder_and_file(sample_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "a.jixiao"
    shutil.copy(sample_path, path)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as root: permissions do not stop writes (see immutable test)")
        before = sha(path)
        with EvaluationFile.open(path) as ef:
            assert ef.readonly and ef.score_sheet().total > 0
        assert sha(path) == before and sorted(p.name for p in folder.iterdir()) == ["a.jixiao"]
    finally:
        folder.chmod(0o755)


def test_read_only_medium(sample_path: Path, tmp_path: Path) -> None:
    """A real read-only mount (tmpfs remounted ro): the journal cannot even be created."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount here (needs root)")
    try:
        shutil.copy(sample_path, mnt / "a.jixiao")
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        with EvaluationFile.open(mnt / "a.jixiao") as ef:
            assert ef.readonly and "文件" in ef.readonly_reason
            assert ef.score_sheet().total > 0 and ef.signing_blockers() == []
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


# ------------------------------------------------------------------ full disk, I/O errors
def test_full_disk_gives_a_chinese_message_and_loses_nothing(sample_path: Path) -> None:
    with EvaluationFile.open(sample_path) as ef:
        before = len(ef.projects())
        pages = ef.db.execute("PRAGMA page_count").fetchone()[0]
        ef.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite now reports 'full'
        many = [project(n) for n in range(3000)]
        with pytest.raises(StorageError, match=r"磁盘已满.*nanjing-2021\.jixiao"):
            ef.upsert_projects(many)
        assert len(ef.projects()) == before
    with EvaluationFile.open(sample_path) as ef:
        assert len(ef.projects()) == before and ef.signing_blockers() == []


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("database or disk is full", "磁盘已满"),
        ("disk I/O error", "磁盘或网络错误"),
        ("attempt to write a readonly database", "只读"),
        ("database is locked", "正被另一个程序写入"),
    ],
)
def test_each_sqlite_failure_has_its_own_message(message: str, expected: str) -> None:
    text = database.describe_error(sqlite3.OperationalError(message), Path("/d/评价.jixiao"))
    assert expected in text and "评价.jixiao" in text


def test_evidence_export_on_a_full_disk_leaves_no_part_file(
    sample_path: Path, tmp_path: Path
) -> None:
    from jixiao.storage import evidence as store

    big = tmp_path / "大附件.bin"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    with EvaluationFile.open(sample_path) as ef:
        store.attach(ef, store.items(ef, "A12")[0].id, big)
    mnt = tmp_path / "small"
    mnt.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a small filesystem here (needs root)")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "jixiao", "evidence", "export", str(sample_path), str(mnt)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 1
        assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
        assert not [p for p in mnt.rglob("*") if p.name.endswith(".part")]
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


# ------------------------------------------------------------------ locks
def test_second_program_is_told_who_has_the_file(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jixiao.storage import evidence as store

    with EvaluationFile.open(sample_path) as ef:
        store.items(ef)  # seeded before the other program took the file
    lockfile.lock_path(sample_path).write_text(
        json.dumps(
            {"user": "张三", "machine": "PC-01", "pid": 4242, "time": "2026-03-02T14:05:00"}
        ),
        encoding="utf-8",
    )
    with pytest.raises(FileLockedError, match=r"文件正由 张三（PC-01）于 .*14:05 打开"):
        EvaluationFile.open(sample_path, lock=True)
    with EvaluationFile.open(sample_path, readonly=True) as ef:  # the read-only view
        assert ef.readonly and ef.score_sheet().total > 0
    assert main(["score", str(sample_path)]) == 0  # reading is fine
    capsys.readouterr()
    code = main(["evidence", "status", str(sample_path), "A12", "项目申报书", "已提供"])
    err = capsys.readouterr().err
    assert code == 1 and "文件正由 张三（PC-01）" in err and "--take-over" in err
    # Another machine's lock cannot be judged stale: the user confirms with --take-over.
    assert (
        main(["--take-over", "evidence", "status", str(sample_path), "A12", "项目申报书", "已提供"])
        == 0
    )
    assert not lockfile.lock_path(sample_path).exists()


def test_lock_left_by_a_crashed_program_on_this_machine_is_stale(sample_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lockfile.lock_path(sample_path).write_text(
        json.dumps(
            {
                "user": "我",
                "machine": lockfile.machine_name(),
                "pid": dead.pid,
                "time": "2026-03-02T14:05:00",
            }
        ),
        encoding="utf-8",
    )
    holder = lockfile.read_lock(sample_path)
    assert holder is not None and holder.is_stale()
    with EvaluationFile.open(sample_path, lock=True, take_over=True) as ef:
        assert ef.holds_lock and lockfile.read_lock(sample_path).is_ours()  # type: ignore[union-attr]
    assert not lockfile.lock_path(sample_path).exists()  # removed at close


def test_live_lock_on_this_machine_cannot_be_taken_over(sample_path: Path) -> None:
    with EvaluationFile.open(sample_path, lock=True):
        child = subprocess.run(
            [
                sys.executable,
                "-m",
                "jixiao",
                "--take-over",
                "evidence",
                "status",
                str(sample_path),
                "A12",
                "项目申报书",
                "已提供",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert child.returncode == 1 and "不能接管" in child.stderr


WRITER = """
import sys
from jixiao.storage.evaluation_file import EvaluationFile
from jixiao.core.projects import Project
from jixiao.storage.database import StorageError
path, first, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ok = failed = 0
for n in range(first, first + count):
    try:
        with EvaluationFile.open(path) as ef:
            ef.add_project(Project(name=f"并发项目{n}", unit="测试单位", budget=1, paid=1))
        ok += 1
    except StorageError as exc:
        failed += 1
        print(exc, file=sys.stderr)
print(ok, failed)
"""


def test_75_concurrent_writes_from_three_processes_all_land(sample_path: Path) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(sample_path), str(i * 25), "25"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(3)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [r[0].split() for r in results] == [["25", "0"]] * 3, results
    with EvaluationFile.open(sample_path) as ef:
        names = {p.name for p in ef.projects()}
        assert {f"并发项目{n}" for n in range(75)} <= names
        assert ef.signing_blockers() == []


def test_reads_do_not_wait_behind_a_writer(sample_path: Path) -> None:
    """Another program holds the write lock (a long import): `score` still answers."""
    with EvaluationFile.open(sample_path) as ef, ef.transaction():
        ef.set_setting("importing", "1")
        start = time.monotonic()
        reader = subprocess.run(
            [sys.executable, "-m", "jixiao", "score", str(sample_path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        waited = time.monotonic() - start
    assert reader.returncode == 0 and "合计" in reader.stdout
    assert waited < database.BUSY_TIMEOUT_MS / 1000  # it did not sit out the busy timeout


def test_a_writer_gives_up_after_the_timeout_with_a_message(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(sample_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            EvaluationFile.open(sample_path) as ef,
            pytest.raises(StorageError, match="正被另一个程序写入"),
        ):
            ef.set_setting("x", "1")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_connections_refuse_other_threads(sample_path: Path) -> None:
    import threading

    errors: list[BaseException] = []
    with EvaluationFile.open(sample_path) as ef:

        def worker() -> None:
            try:
                ef.score_sheet()
            except BaseException as exc:  # recorded for the assertion
                errors.append(exc)

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    assert errors and isinstance(errors[0], sqlite3.ProgrammingError)
