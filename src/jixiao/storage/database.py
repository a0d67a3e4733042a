"""Opening an evaluation file: checks before touching, journal mode, write lock, migrations.

The file is inspected (header bytes, then a read-only connection) before anything could write
to it, so a newer or foreign file is refused byte for byte unchanged. Evaluation files use a
rollback journal: after every committed action the ``.jixiao`` alone holds all the work (a
copy to a USB stick taken while the program runs is complete), and it is the mode that is safe
on network shares, where WAL's shared memory does not work.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Generator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from jixiao.core.errors import UserError
from jixiao.storage.migrations import MIGRATIONS, SCHEMA_VERSION

FILE_SUFFIX = ".jixiao"
APPLICATION_ID = 0x4A58_4941  # "JXIA": lets us recognise our files
BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afs", "ceph", "glusterfs", "9p", "davfs"}


class StorageError(UserError):
    """A file that cannot be opened or written (Chinese, user-facing message)."""


class NewerFileError(StorageError):
    pass


class ReadOnlyError(StorageError):
    """A write attempted on a file opened read-only."""


# ------------------------------------------------------------------ error messages
def describe_error(exc: BaseException, path: Path) -> str:
    """One Chinese sentence per kind of SQLite/OS failure, naming the file."""
    text = str(exc).lower()
    name = Path(path).name
    if "full" in text or getattr(exc, "errno", None) == 28:
        return (
            f"磁盘已满，无法保存到 {name}（{Path(path).parent}）。刚才的操作已撤销，文件中已保存"
            "的数据没有丢失；请腾出磁盘空间后重试。"
        )
    if "locked" in text or "busy" in text:
        return (
            f"文件 {name} 正被另一个程序写入，等待 {BUSY_TIMEOUT_MS // 1000} 秒后仍未释放。"
            "刚才的操作没有保存，请稍后重试。"
        )
    if "readonly" in text or "read-only" in text or getattr(exc, "errno", None) in (13, 30):
        return (
            f"文件 {name} 是只读的（文件属性、所在文件夹或磁盘不允许写入），刚才的操作没有保存。"
            "可以查看、评分和导出 PDF；如需修改，请把文件复制到可写的位置。"
        )
    if "i/o" in text or isinstance(exc, OSError):
        return (
            f"读写文件 {name} 时出错（磁盘或网络错误：{exc}）。刚才的操作已撤销；请检查磁盘或网络"
            "连接后重试。"
        )
    if "not a database" in text or "malformed" in text:
        return f"文件 {name} 已损坏或不是有效的评价文件（{exc}）"
    return f"无法读写文件 {name}：{exc}"


# ------------------------------------------------------------------ inspecting without touching
@dataclass(frozen=True)
class FileHeader:
    user_version: int
    application_id: int
    wal: bool


def read_header(path: Path) -> FileHeader:
    """The SQLite header read as plain bytes: nothing can be written by looking."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StorageError(f"无法读取文件 {path.name}：{exc.strerror or exc}") from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise StorageError(f"文件 {path.name} 不是绩效自评工作台的评价文件")
    return FileHeader(
        user_version=int.from_bytes(header[60:64], "big"),
        application_id=int.from_bytes(header[68:72], "big"),
        wal=header[18] == 2 or header[19] == 2,
    )


def newer_message(path: Path, version: int) -> str:
    return (
        f"文件 {path.name} 由更新版本的绩效自评工作台创建（数据版本 {version}，"
        f"本程序支持到 {SCHEMA_VERSION}）。请升级程序后再打开；文件未做任何修改。"
    )


def foreign_message(path: Path) -> str:
    return f"文件 {path.name} 不是绩效自评工作台的评价文件；文件未做任何修改。"


def is_network_path(path: Path) -> bool:
    """UNC path or mapped network drive (Windows), network mount (Linux /proc/mounts)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if not drive:
            return False
        drive_remote = 4
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
    return mount_fstype(path) in NETWORK_FS or mount_fstype(path).startswith("fuse.sshfs")


def mount_fstype(path: Path, mounts_file: str = "/proc/mounts") -> str:
    try:
        lines = Path(mounts_file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    target = os.path.realpath(path)
    best, fstype = "", ""
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, fstype = point, parts[2]
    return fstype


def writable_reason(path: Path) -> str:
    """Why ``path`` cannot be written ('' when it can): the file, its folder, the medium."""
    if not os.access(path, os.W_OK):
        return f"文件 {path.name} 是只读的"
    if not os.access(path.parent, os.W_OK):
        return f"文件 {path.name} 所在的文件夹不可写（无法创建日志文件）"
    return ""


# ------------------------------------------------------------------ the connection
class Database(sqlite_utils.Database):
    """sqlite-utils with write transactions that take the write lock up front.

    ``BEGIN IMMEDIATE`` waits for the lock under the busy timeout; sqlite-utils' deferred
    ``BEGIN`` upgrades a read lock later, and SQLite then fails at once ("database is locked")
    instead of waiting, because waiting could deadlock.
    """

    path: Path
    readonly: bool = False
    readonly_reason: str = ""
    before_write: Callable[[], None] | None = None
    after_begin: Callable[[], None] | None = None
    before_commit: Callable[[], None] | None = None

    @contextlib.contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        if self.readonly:
            raise ReadOnlyError(readonly_message(self.path, self.readonly_reason))
        if self.before_write is not None:
            self.before_write()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StorageError(describe_error(exc, self.path)) from None
        try:
            if self.after_begin is not None:
                self.after_begin()
            yield self
            if self.before_commit is not None:
                self.before_commit()
            self.conn.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise StorageError(describe_error(exc, self.path)) from None
            raise


def readonly_message(path: Path, reason: str) -> str:
    why = f"（{reason}）" if reason else ""
    return (
        f"文件 {Path(path).name} 以只读方式打开{why}，不能修改。可以查看、评分、导出 PDF 和验证；"
        "如需修改，请把文件复制到可写的位置，或等对方关闭后再打开。"
    )


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path.resolve()))}?{query}"


def _raw_connect(target: str, *, uri: bool) -> sqlite3.Connection:
    # Connections belong to the thread that opened them (the GUI thread in the app): sqlite3's
    # default check_same_thread=True makes a worker that touches one fail loudly.
    conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, uri=uri)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _open_readonly(path: Path) -> sqlite3.Connection:
    """A connection that never writes: ``mode=ro``, or ``immutable=1`` where even the lock and
    shared-memory files cannot be made (a read-only medium)."""
    try:
        conn = _raw_connect(_uri(path, mode="ro"), uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if "unable to open" not in str(exc):
            # A writer holds it, or a crashed one left a journal to roll back: reading the
            # file as immutable could see half a transaction.
            raise
        conn = _raw_connect(_uri(path, mode="ro", immutable="1"), uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _check_identity(conn: sqlite3.Connection, path: Path) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewerFileError(newer_message(path, version))
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'evaluation'"
    ).fetchone()
    if app_id not in (0, APPLICATION_ID) or not has_table:
        raise StorageError(foreign_message(path))
    return version


def journal_mode_for(path: Path) -> str:
    # TRUNCATE avoids re-creating the journal file on every commit (slow on Windows); DELETE on
    # a share, where a left-over zero-length journal confuses some SMB servers' locking.
    return "DELETE" if is_network_path(path) else "TRUNCATE"


def open_database(
    path: Path, *, create: bool = False, readonly: bool = False, readonly_reason: str = ""
) -> Database:
    """Open (or create) ``path`` and bring its schema up to date.

    Read-only files and media open read-only (``db.readonly``); writes then raise
    ReadOnlyError. A newer or foreign file is refused untouched; before migrating an older
    file, a copy is put beside it (``name.jixiao.bak-v1-20260101T120000``).
    """
    path = Path(path)
    if not create and not path.exists():
        raise StorageError(f"找不到文件：{path}")
    if create and path.exists():
        raise StorageError(f"文件已存在：{path}")
    if create and not path.parent.is_dir():
        raise StorageError(f"文件夹不存在：{path.parent}")
    version = 0
    if not create:
        header = read_header(path)
        if header.user_version > SCHEMA_VERSION:
            raise NewerFileError(newer_message(path, header.user_version))
        if header.application_id not in (0, APPLICATION_ID):
            raise StorageError(foreign_message(path))
        reason = readonly_reason if readonly else writable_reason(path)
        try:
            probe = _open_readonly(path)
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StorageError(
                    f"文件 {path.name} 正被另一个程序写入，等待 {BUSY_TIMEOUT_MS // 1000} 秒后"
                    "仍未释放，暂时无法打开；请稍后重试。文件未做任何修改。"
                ) from None
            raise StorageError(describe_error(exc, path)) from None
        try:
            version = _check_identity(probe, path)
        except sqlite3.DatabaseError as exc:
            probe.close()
            raise StorageError(describe_error(exc, path)) from None
        except BaseException:
            probe.close()
            raise
        if reason:
            if version < SCHEMA_VERSION:
                probe.close()
                raise StorageError(
                    f"文件 {path.name} 需要升级到新的数据版本才能打开，但{reason}；"
                    "请把它复制到可写的位置再打开。文件未做任何修改。"
                )
            return _wrap(probe, path, readonly=True, reason=reason)
        probe.close()
    try:
        conn = _raw_connect(str(path), uri=False)
    except sqlite3.DatabaseError as exc:
        raise StorageError(describe_error(exc, path)) from None
    db = _wrap(conn, path, readonly=False, reason="")
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        mode = journal_mode_for(path)
        if conn.execute("PRAGMA journal_mode").fetchone()[0].upper() != mode:
            conn.execute(f"PRAGMA journal_mode = {mode}")
        conn.execute("PRAGMA synchronous = FULL")
        # A write transaction that fits in the page cache holds only a RESERVED lock until
        # commit, so readers in other processes are not shut out while it runs.
        conn.execute("PRAGMA cache_size = -65536")
        if version < SCHEMA_VERSION:
            if version > 0:
                _backup_before_migration(db, path, version)
            _migrate(db, version)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StorageError(describe_error(exc, path)) from None
    except BaseException:
        db.close()
        raise
    return db


def _wrap(conn: sqlite3.Connection, path: Path, *, readonly: bool, reason: str) -> Database:
    db = Database(conn)
    db.path = path
    db.readonly = readonly
    db.readonly_reason = reason
    return db


def _backup_before_migration(db: sqlite_utils.Database, path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.bak-v{version}-{stamp}")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def _migrate(db: Database, version: int) -> None:
    from jixiao.storage import integrity

    for number in range(version, SCHEMA_VERSION):
        # One transaction per step, user_version included, so a crash leaves a whole version.
        with db.atomic():
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # The content fingerprint covers whatever the later migrations added.
    with db.atomic():
        integrity.stamp(db.conn, None)


def backup_to(db: sqlite_utils.Database, target: Path) -> None:
    """Copy the open database to ``target`` with SQLite's online backup API."""
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    try:
        if tmp.exists():
            tmp.unlink()
        dest = sqlite3.connect(str(tmp))
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        tmp.replace(target)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(describe_error(exc, target)) from None


def copy_file(source: Path, target: Path) -> None:
    shutil.copy2(source, target)
