"""Evidence items and their files, kept inside the evaluation file.

File content lives in ``blobs`` (one row per distinct SHA-256) and is written and read in
chunks through SQLite's incremental blob I/O (``Connection.blobopen``), so a 200 MB file is
never held in memory whole. Every write is one transaction with its audit-log row: a failure
half-way (an unreadable file, a full disk) leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import shutil
import sqlite3
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import sqlite_utils

from jixiao.core import evidence as core
from jixiao.core.evidence import (
    STATUS_MISSING,
    STATUS_NA,
    Coverage,
    EvidenceError,
    EvidenceFile,
    EvidenceItem,
)
from jixiao.storage.evaluation_file import EvaluationFile, now_text

CHUNK_SIZE = 1024 * 1024
SEEDED_SETTING = "evidence.seeded_codes"

# (bytes done, bytes total); raising from it cancels the operation (rolled back).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AttachResult:
    file_id: int
    blob_id: int
    sha256: str
    size: int
    deduplicated: bool  # the content was already stored: only a reference was added


@dataclass(frozen=True)
class VerifyProblem:
    kind: str  # "mismatch" | "missing" | "size"
    sha256: str
    files: tuple[str, ...]  # "A12 项目申报书 / 申报书.pdf"
    message: str


@dataclass(frozen=True)
class VerifyReport:
    blobs_checked: int
    bytes_checked: int
    problems: tuple[VerifyProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            return f"校验通过：{self.blobs_checked} 个文件内容（{core.format_size(self.bytes_checked)}）与记录的 SHA-256 一致。"
        return f"校验发现 {len(self.problems)} 处问题：\n" + "\n".join(
            p.message for p in self.problems
        )


# ------------------------------------------------------------------------------ items
def ensure_default_items(ef: EvaluationFile) -> int:
    """Seed the template's default items for every level-3 indicator not seeded yet.

    Codes already seeded are remembered in a setting, so items the user removed stay removed,
    and indicators added later by the indicator editor get their defaults on first use.
    Returns the number of items added.
    """
    system = ef.system()
    seeded = _seeded_codes(ef)
    leaves = {node.code for node in system.leaves()}
    todo = leaves - seeded
    if not todo:
        return 0
    with ef.transaction():
        have = {row[0] for row in ef.db.execute("SELECT DISTINCT code FROM evidence_items")}
        rows = [
            {"code": code, "ord": ord_, "name": name, "status": STATUS_MISSING}
            for code, ord_, name in core.default_items(system)
            if code in todo and code not in have
        ]
        if rows:
            ef.db["evidence_items"].insert_all(rows)
            ef.audit(
                "evidence.seed",
                f"{len({r['code'] for r in rows})} 个指标",
                None,
                f"{len(rows)} 项默认佐证材料",
                "",
            )
        ef.db.execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [SEEDED_SETTING, json.dumps(sorted(seeded | leaves), ensure_ascii=False)],
        )
    return len(rows)


def _seeded_codes(ef: EvaluationFile) -> set[str]:
    try:
        return set(json.loads(ef.get_setting(SEEDED_SETTING, "[]")))
    except ValueError:
        return set()


def items(ef: EvaluationFile, code: str | None = None) -> list[EvidenceItem]:
    """Items (with their files) in indicator-sheet order; seeds the defaults on first use."""
    ensure_default_items(ef)
    order = {node.code: i for i, node in enumerate(ef.system().leaves())}
    files_by_item: dict[int, list[EvidenceFile]] = {}
    sql = """SELECT f.*, b.size, b.sha256 FROM evidence_files f JOIN blobs b ON b.id = f.blob_id"""
    args: list[Any] = []
    if code is not None:
        sql += " JOIN evidence_items i ON i.id = f.item_id WHERE i.code = ?"
        args.append(code)
    for row in ef.db.query(sql + " ORDER BY f.attached_at, f.id", args):
        files_by_item.setdefault(row["item_id"], []).append(_file_from_row(row))
    sql = """SELECT i.*, COALESCE(p.name, '') AS project_name FROM evidence_items i
             LEFT JOIN projects p ON p.id = i.project_id"""
    args = []
    if code is not None:
        sql += " WHERE i.code = ?"
        args.append(code)
    out = [
        EvidenceItem(
            id=r["id"],
            code=r["code"],
            ord=r["ord"],
            name=r["name"],
            status=r["status"],
            na_reason=r["na_reason"],
            note=r["note"],
            project_id=r["project_id"],
            project_name=r["project_name"],
            files=tuple(files_by_item.get(r["id"], ())),
        )
        for r in ef.db.query(sql, args)
    ]
    # Codes no longer in the system (an indicator removed in the editor) sort last, kept visible.
    out.sort(key=lambda it: (order.get(it.code, len(order)), it.code, it.ord, it.id))
    return out


def item(ef: EvaluationFile, item_id: int) -> EvidenceItem:
    row = ef.db.execute("SELECT code FROM evidence_items WHERE id = ?", [item_id]).fetchone()
    if row is None:
        raise EvidenceError(f"佐证材料（编号 {item_id}）不存在")
    for found in items(ef, row[0]):
        if found.id == item_id:
            return found
    raise EvidenceError(f"佐证材料（编号 {item_id}）不存在")


def _file_from_row(row: dict[str, Any]) -> EvidenceFile:
    return EvidenceFile(
        id=row["id"],
        item_id=row["item_id"],
        blob_id=row["blob_id"],
        original_name=row["original_name"],
        mime=row["mime"],
        size=row["size"],
        sha256=row["sha256"],
        attached_by=row["attached_by"],
        attached_at=row["attached_at"],
        note=row["note"],
    )


def _leaf_name(ef: EvaluationFile, code: str) -> str:
    node = ef.system().find(code)
    if node is None or not node.is_leaf:
        raise EvidenceError(f"没有三级指标 {code}")
    return node.name


def _item_row(ef: EvaluationFile, item_id: int) -> dict[str, Any]:
    rows = list(ef.db.query("SELECT * FROM evidence_items WHERE id = ?", [item_id]))
    if not rows:
        raise EvidenceError(f"佐证材料（编号 {item_id}）不存在")
    return rows[0]


def _check_project(ef: EvaluationFile, project_id: int | None) -> None:
    if (
        project_id is not None
        and ef.db.execute("SELECT 1 FROM projects WHERE id = ?", [project_id]).fetchone() is None
    ):
        raise EvidenceError(f"项目（编号 {project_id}）不存在")


def add_item(
    ef: EvaluationFile,
    code: str,
    name: str,
    *,
    project_id: int | None = None,
    status: str = STATUS_MISSING,
    na_reason: str = "",
    note: str = "",
    item_id: int | None = None,
    ord_: int | None = None,
) -> int:
    """Add an item to a level-3 indicator; ``item_id``/``ord_`` restore a removed one (undo)."""
    ensure_default_items(ef)
    _leaf_name(ef, code)
    name = core.clean_item_name(name)
    core.check_status(status, na_reason)
    _check_project(ef, project_id)
    with ef.transaction():
        if ord_ is None:
            ord_ = ef.db.execute(
                "SELECT COALESCE(MAX(ord) + 1, 0) FROM evidence_items WHERE code = ?", [code]
            ).fetchone()[0]
        row: dict[str, Any] = {
            "code": code,
            "ord": ord_,
            "name": name,
            "project_id": project_id,
            "status": status,
            "na_reason": na_reason.strip() if status == STATUS_NA else "",
            "note": note,
        }
        if item_id is not None:
            row["id"] = item_id
        pk = int(ef.db["evidence_items"].insert(row).last_pk)
        ef.audit("evidence.item_add", code, None, name, "")
    return pk


def update_item(
    ef: EvaluationFile, item_id: int, reason: str = "", **changes: Any
) -> dict[str, Any]:
    """Change name / status / na_reason / note / project_id; returns the old values of what changed."""
    allowed = {"name", "status", "na_reason", "note", "project_id"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"unknown fields {unknown}")
    with ef.transaction():
        old = _item_row(ef, item_id)
        new = {**old, **changes}
        if "name" in changes:
            new["name"] = core.clean_item_name(new["name"])
        new["na_reason"] = str(new["na_reason"] or "").strip()
        core.check_status(new["status"], new["na_reason"])
        if new["status"] != STATUS_NA:
            new["na_reason"] = ""  # a reason only means something for 不适用
        if "project_id" in changes:
            _check_project(ef, new["project_id"])
        diff = {k: new[k] for k in allowed if new[k] != old[k]}
        if not diff:
            return {}
        ef.db["evidence_items"].update(item_id, diff)
        before = {k: old[k] for k in diff}
        ef.audit(
            "evidence.item_update",
            f"{old['code']} {old['name']}",
            _dumps(before),
            _dumps(diff),
            reason or (new["na_reason"] if new["status"] == STATUS_NA else ""),
        )
    return before


def remove_item(ef: EvaluationFile, item_id: int, reason: str = "") -> EvidenceItem:
    """Remove an item with its files (content whose last reference goes is deleted too)."""
    with ef.transaction():
        old = item(ef, item_id)
        ef.db.execute("DELETE FROM evidence_files WHERE item_id = ?", [item_id])
        ef.db.execute("DELETE FROM evidence_items WHERE id = ?", [item_id])
        ef.audit(
            "evidence.item_remove",
            f"{old.code} {old.name}",
            _dumps({"status": old.status, "files": [f.original_name for f in old.files]}),
            None,
            reason,
        )
    return old


# ------------------------------------------------------------------------------ files
@dataclass(frozen=True)
class PreparedFile:
    """A file read and hashed (on a worker thread), ready to be stored by ``attach_prepared``."""

    path: Path
    name: str
    size: int
    sha256: str


def _open_checked(
    path: Path, opener: Callable[[Path], BinaryIO] | None
) -> tuple[BinaryIO, str, int]:
    name = display_name(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise EvidenceError(f"找不到文件“{name}”（{path}）") from None
    except OSError as exc:
        raise EvidenceError(f"无法读取文件“{name}”：{_os_reason(exc)}") from None
    if path.is_dir():
        raise EvidenceError(f"“{name}”是文件夹，请选择文件")
    if st.st_size > core.MAX_FILE_SIZE:
        raise EvidenceError(
            f"文件“{name}”大小为 {core.format_size(st.st_size)}，超过单个文件 "
            f"{core.format_size(core.MAX_FILE_SIZE)} 的上限"
        )
    open_ = opener or (lambda p: p.open("rb"))
    try:
        return open_(path), name, st.st_size
    except OSError as exc:
        raise EvidenceError(f"无法读取文件“{name}”：{_os_reason(exc)}") from None


def prepare_file(
    path: str | Path,
    *,
    progress: Progress | None = None,
    opener: Callable[[Path], BinaryIO] | None = None,
) -> PreparedFile:
    """Check and hash the file at ``path``. Touches no database: safe on a worker thread.
    ``progress(done, size)``; raising from it cancels."""
    path = Path(path)
    fh, name, size = _open_checked(path, opener)
    try:
        sha, done = _hash_stream(fh, size, name, lambda n: progress and progress(n, size))
    finally:
        fh.close()
    return PreparedFile(path, name, done, sha)


def attach_prepared(
    ef: EvaluationFile,
    item_id: int,
    prepared: PreparedFile,
    *,
    progress: Progress | None = None,
    opener: Callable[[Path], BinaryIO] | None = None,
) -> AttachResult:
    """Attach a prepared file in one transaction with its audit row. Content already stored
    (same SHA-256) is only referenced; new content is copied in chunks while hashed again,
    so a file changed since it was prepared is refused and nothing is written."""
    name = prepared.name
    with ef.transaction():
        row = _item_row(ef, item_id)
        existing = ef.db.execute(
            "SELECT id FROM blobs WHERE sha256 = ?", [prepared.sha256]
        ).fetchone()
        if existing:
            blob_id, dedup = int(existing[0]), True
            if progress:
                progress(prepared.size, prepared.size)
        else:
            fh, _name, size = _open_checked(prepared.path, opener)
            try:
                if size != prepared.size:
                    raise _changed(name)
                blob_id = _write_blob(ef, fh, prepared.sha256, size, name, progress)
            finally:
                fh.close()
            dedup = False
        mime = mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"
        file_id = int(
            ef.db["evidence_files"]
            .insert(
                {
                    "item_id": item_id,
                    "blob_id": blob_id,
                    "original_name": name,
                    "mime": mime,
                    "attached_by": ef.user,
                    "attached_at": now_text(),
                    "note": "",
                }
            )
            .last_pk
        )
        status = core.status_after_attach(row["status"])
        if status != row["status"]:
            ef.db["evidence_items"].update(item_id, {"status": status})
        ef.audit(
            "evidence.attach",
            f"{row['code']} {row['name']}",
            None,
            _dumps({"file": name, "sha256": prepared.sha256, "size": prepared.size}),
            "",
        )
    return AttachResult(file_id, blob_id, prepared.sha256, prepared.size, dedup)


def attach(
    ef: EvaluationFile,
    item_id: int,
    path: str | Path,
    *,
    progress: Progress | None = None,
    opener: Callable[[Path], BinaryIO] | None = None,
) -> AttachResult:
    """Store the file at ``path`` and attach it to the item (already-stored content is reused).

    Two passes: the first only hashes, so content already stored costs no write (and leaves
    no freed pages behind); the second writes while hashing again. The GUI runs the first on
    a worker thread (``prepare_file``) and the second on its own (``attach_prepared``).
    """
    _item_row(ef, item_id)  # a missing item is reported before the file is read

    def half(offset: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, size: progress(offset * size + done, 2 * size)

    prepared = prepare_file(path, progress=half(0), opener=opener)
    return attach_prepared(ef, item_id, prepared, progress=half(1), opener=opener)


def display_name(path: Path) -> str:
    """The file name as text SQLite can store: NFC (macOS writes NFD), and bytes that are not
    UTF-8 (a Linux name from a GBK system, surfacing as surrogate escapes) replaced by �."""
    raw = os.fsencode(path.name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")  # the usual culprit: an archive unpacked from Windows
        except UnicodeDecodeError:
            text = raw.decode("utf-8", "replace")
    return unicodedata.normalize("NFC", text) or "未命名"


def _write_blob(
    ef: EvaluationFile, fh: BinaryIO, sha: str, size: int, name: str, progress: Progress | None
) -> int:
    """Copy the stream into a new ``zeroblob`` row in chunks, hashing again: a file changed
    since it was hashed is refused. The row is inserted with its final hash: an UPDATE of a
    blob row afterwards would make SQLite copy the whole record (the 100 MB content) in memory.
    """
    conn = ef.db.conn
    blob_id = int(
        conn.execute(
            "INSERT INTO blobs (sha256, size, created_at, data) VALUES (?, ?, ?, zeroblob(?))",
            [sha, size, now_text(), size],
        ).lastrowid
    )
    digest = hashlib.sha256()
    done = 0
    with conn.blobopen("blobs", "data", blob_id) as blob:
        for chunk in _chunks(fh, name):
            if done + len(chunk) > size:
                raise _changed(name)
            blob.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, size)
    if done != size or digest.hexdigest() != sha:
        raise _changed(name)
    return blob_id


def _chunks(fh: BinaryIO, name: str) -> Iterator[bytes]:
    while True:
        try:
            chunk = fh.read(CHUNK_SIZE)
        except OSError as exc:
            raise EvidenceError(f"读取文件“{name}”时出错：{_os_reason(exc)}") from None
        if not chunk:
            return
        yield chunk


def _hash_stream(
    fh: BinaryIO, expected: int, name: str, progress: Callable[[int], object]
) -> tuple[str, int]:
    digest = hashlib.sha256()
    done = 0
    for chunk in _chunks(fh, name):
        digest.update(chunk)
        done += len(chunk)
        if done > expected:
            raise _changed(name)
        progress(done)
    if done != expected:
        raise _changed(name)
    return digest.hexdigest(), done


def _changed(name: str) -> EvidenceError:
    return EvidenceError(f"文件“{name}”在读取过程中被修改，请关闭正在写入它的程序后重试")


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限，或文件正被其他程序占用（请关闭后重试）"
    if isinstance(exc, FileNotFoundError):
        return "文件不存在"
    if isinstance(exc, IsADirectoryError):
        return "这是文件夹"
    return exc.strerror or str(exc)


def total_stored_bytes(ef: EvaluationFile) -> int:
    """Bytes of stored content (what a verify reads)."""
    return int(ef.db.execute("SELECT COALESCE(SUM(size), 0) FROM blobs").fetchone()[0])


def total_attached_bytes(ef: EvaluationFile) -> int:
    """Bytes of all attachments, counting shared content once per attachment (an export)."""
    return int(
        ef.db.execute(
            "SELECT COALESCE(SUM(b.size), 0) FROM evidence_files f JOIN blobs b ON b.id = f.blob_id"
        ).fetchone()[0]
    )


def file_info(ef: EvaluationFile, file_id: int) -> EvidenceFile:
    rows = list(
        ef.db.query(
            """SELECT f.*, b.size, b.sha256 FROM evidence_files f
                               JOIN blobs b ON b.id = f.blob_id WHERE f.id = ?""",
            [file_id],
        )
    )
    if not rows:
        raise EvidenceError(f"附件（编号 {file_id}）不存在或其内容已丢失")
    return _file_from_row(rows[0])


@contextmanager
def read_only(path: str | Path) -> Iterator[sqlite_utils.Database]:
    """A read-only connection of its own to the evaluation file, for a worker thread (the
    file's main connection belongs to the GUI thread). In WAL mode it sees the last commit."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        yield sqlite_utils.Database(conn)
    finally:
        conn.close()


def iter_blob(ef: EvaluationFile, blob_id: int, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    return _iter_blob(ef.db, blob_id, chunk_size)


def _iter_blob(
    db: sqlite_utils.Database, blob_id: int, chunk_size: int = CHUNK_SIZE
) -> Iterator[bytes]:
    # Read-only handle: the content is streamed, never loaded whole.
    with db.conn.blobopen("blobs", "data", blob_id, readonly=True) as blob:
        while True:
            chunk = blob.read(chunk_size)
            if not chunk:
                return
            yield chunk


def extract(
    ef: EvaluationFile, file_id: int, target: str | Path, *, progress: Progress | None = None
) -> Path:
    """Write an attachment to ``target`` (via a ``.part`` file, so no half file is left)."""
    info = file_info(ef, file_id)
    return extract_blob(ef.db, info.blob_id, info.size, info.original_name, target, progress)


def extract_blob(
    db: sqlite_utils.Database,
    blob_id: int,
    size: int,
    original_name: str,
    target: str | Path,
    progress: Progress | None = None,
) -> Path:
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    done = 0
    try:
        with tmp.open("wb") as out:
            for chunk in _iter_blob(db, blob_id):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, size)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise EvidenceError(
            f"无法写出附件“{original_name}”到 {target.parent}：{exc.strerror or exc}"
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def extract_to_temp(ef: EvaluationFile, file_id: int) -> Path:
    """Extract into a fresh temporary folder under the original name (for the system viewer)."""
    info = file_info(ef, file_id)
    folder = Path(tempfile.mkdtemp(prefix="jixiao-evidence-"))
    name = core.safe_file_name(info.original_name, fallback=f"附件{file_id}")
    try:
        return extract(ef, file_id, folder / name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def remove_file(ef: EvaluationFile, file_id: int, reason: str = "") -> EvidenceFile:
    with ef.transaction():
        info = file_info(ef, file_id)
        row = _item_row(ef, info.item_id)
        ef.db.execute("DELETE FROM evidence_files WHERE id = ?", [file_id])
        # The trigger deletes the blob with its last reference; this covers files made without it.
        ef.db.execute(
            "DELETE FROM blobs WHERE id = ? AND NOT EXISTS "
            "(SELECT 1 FROM evidence_files WHERE blob_id = ?)",
            [info.blob_id, info.blob_id],
        )
        left = ef.db.execute(
            "SELECT COUNT(*) FROM evidence_files WHERE item_id = ?", [info.item_id]
        ).fetchone()[0]
        if not left:
            status = core.status_after_last_file_removed(row["status"])
            if status != row["status"]:
                ef.db["evidence_items"].update(info.item_id, {"status": status})
        ef.audit(
            "evidence.detach",
            f"{row['code']} {row['name']}",
            _dumps({"file": info.original_name, "sha256": info.sha256, "size": info.size}),
            None,
            reason,
        )
    return info


def blob_count(ef: EvaluationFile) -> int:
    return int(ef.db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0])


def free_bytes(ef: EvaluationFile) -> int:
    """Space left unused inside the file by removed content (reclaimed by ``compact``)."""
    pages = ef.db.execute("PRAGMA freelist_count").fetchone()[0]
    return int(pages) * int(ef.db.execute("PRAGMA page_size").fetchone()[0])


def compact(ef: EvaluationFile) -> int:
    """Rewrite the file without the space freed by removed attachments; returns bytes saved.

    SQLite keeps freed pages for reuse, so removing a 100 MB attachment does not shrink the
    file by itself. VACUUM needs free disk space about the size of the file.
    """
    before = free_bytes(ef)
    if before:
        ef.db.execute("VACUUM")
        ef.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return before


# ------------------------------------------------------------------------------ integrity
def verify(ef: EvaluationFile, progress: Progress | None = None) -> VerifyReport:
    """Re-hash every stored blob; report content that changed or went missing."""
    return verify_db(ef.db, progress)


def verify_stored(path: str | Path, progress: Progress | None = None) -> VerifyReport:
    """``verify`` through a read-only connection of its own: for a worker thread."""
    with read_only(path) as db:
        return verify_db(db, progress)


def verify_db(db: sqlite_utils.Database, progress: Progress | None = None) -> VerifyReport:
    labels: dict[int, list[str]] = {}
    problems: list[VerifyProblem] = []
    for row in db.query("""SELECT f.id, f.blob_id, f.original_name, i.code, i.name AS item,
                                     b.id AS present, b.sha256
                              FROM evidence_files f JOIN evidence_items i ON i.id = f.item_id
                              LEFT JOIN blobs b ON b.id = f.blob_id ORDER BY i.code, f.id"""):
        label = f"{row['code']} {row['item']} / {row['original_name']}"
        if row["present"] is None:
            problems.append(
                VerifyProblem(
                    "missing", "", (label,), f"内容缺失：{label}（文件内容已不在评价文件中）"
                )
            )
            continue
        labels.setdefault(row["blob_id"], []).append(label)
    blobs = list(db.query("SELECT id, sha256, size, length(data) AS actual FROM blobs ORDER BY id"))
    total = sum(b["actual"] or 0 for b in blobs)
    done = 0
    for b in blobs:
        names = tuple(labels.get(b["id"], [f"（未被引用的内容 {b['sha256'][:12]}）"]))
        shown = "、".join(names)
        if b["actual"] is None or b["actual"] != b["size"]:
            problems.append(
                VerifyProblem(
                    "size",
                    b["sha256"],
                    names,
                    f"大小不符：{shown}（记录 {b['size']} 字节，实际 {b['actual'] or 0} 字节）",
                )
            )
            done += b["actual"] or 0
            continue
        digest = hashlib.sha256()
        for chunk in _iter_blob(db, b["id"]):
            digest.update(chunk)
            done += len(chunk)
            if progress:
                progress(done, total)
        actual = digest.hexdigest()
        if actual != b["sha256"]:
            problems.append(
                VerifyProblem(
                    "mismatch",
                    b["sha256"],
                    names,
                    f"内容被改动：{shown}（SHA-256 应为 {b['sha256'][:16]}…，实际 {actual[:16]}…）",
                )
            )
    return VerifyReport(len(blobs), total, tuple(problems))


# ------------------------------------------------------------------------------ summaries
def coverage_by_code(ef: EvaluationFile) -> dict[str, Coverage]:
    return core.coverage_by_code(items(ef))


def coverage_by_node(ef: EvaluationFile) -> dict[str, Coverage]:
    return core.coverage_by_node(ef.system(), items(ef))


def overall_coverage(ef: EvaluationFile) -> Coverage:
    """佐证完整率 over the indicators of the current system."""
    leaves = {node.code for node in ef.system().leaves()}
    return core.coverage(it for it in items(ef) if it.code in leaves)


def codes_with_missing_evidence(ef: EvaluationFile) -> set[str]:
    """Level-3 codes with at least one 缺失 item (the score sheet marks them)."""
    leaves = {node.code for node in ef.system().leaves()}
    return core.codes_with_missing(items(ef)) & leaves


def evidence_rows(ef: EvaluationFile) -> list[dict[str, Any]]:
    """One row per attached file, plus one with empty file fields for each item without files.

    Keys: code, item, status (已提供 / 缺失 / 不适用), file_name, sha256, size (int or None),
    attached_by, attached_at. Used by the score sheet and the PDF report.
    """
    rows: list[dict[str, Any]] = []
    for it in items(ef):
        base = {"code": it.code, "item": it.name, "status": it.status_label}
        if not it.files:
            rows.append(
                {
                    **base,
                    "file_name": "",
                    "sha256": "",
                    "size": None,
                    "attached_by": "",
                    "attached_at": "",
                }
            )
        for f in it.files:
            rows.append(
                {
                    **base,
                    "file_name": f.original_name,
                    "sha256": f.sha256,
                    "size": f.size,
                    "attached_by": f.attached_by,
                    "attached_at": f.attached_at,
                }
            )
    return rows


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


__all__ = [
    "AttachResult",
    "EvidenceError",
    "VerifyProblem",
    "VerifyReport",
    "add_item",
    "attach",
    "codes_with_missing_evidence",
    "coverage_by_code",
    "coverage_by_node",
    "ensure_default_items",
    "evidence_rows",
    "extract",
    "extract_to_temp",
    "file_info",
    "item",
    "items",
    "overall_coverage",
    "remove_file",
    "remove_item",
    "update_item",
    "verify",
]
