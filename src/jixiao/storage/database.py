"""Opening an evaluation file: pragmas, schema version, migrations with a backup copy."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import sqlite_utils

from jixiao.core.errors import UserError
from jixiao.storage.migrations import MIGRATIONS, SCHEMA_VERSION

FILE_SUFFIX = ".jixiao"
APPLICATION_ID = 0x4A58_4941  # "JXIA": lets us recognise our files


class StorageError(UserError):
    """A file that cannot be opened or written (Chinese, user-facing message)."""


class NewerFileError(StorageError):
    pass


def connect(path: Path) -> sqlite_utils.Database:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=10, check_same_thread=False)
        db = sqlite_utils.Database(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":  # e.g. a network share: stay in rollback-journal mode
            conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"无法打开文件 {path.name}：它不是有效的评价文件（{exc}）") from None
    return db


def schema_version(db: sqlite_utils.Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def open_database(path: Path, *, create: bool = False) -> sqlite_utils.Database:
    """Open (or create) ``path`` and bring its schema up to date.

    A file from a newer Jixiao is refused and left untouched; before migrating an older
    file, a copy is put beside it (``name.jixiao.bak-v1-20260101T120000``).
    """
    path = Path(path)
    if not create and not path.exists():
        raise StorageError(f"找不到文件：{path}")
    if create and path.exists():
        raise StorageError(f"文件已存在：{path}")
    if create and not path.parent.is_dir():
        raise StorageError(f"文件夹不存在：{path.parent}")
    if not create:
        _check_header(path)
    db = connect(path)
    try:
        version = schema_version(db)
        if version > SCHEMA_VERSION:
            raise NewerFileError(
                f"文件 {path.name} 由更新版本的绩效自评工作台创建（数据版本 {version}，"
                f"本程序支持到 {SCHEMA_VERSION}）。请升级程序后再打开；文件未做任何修改。"
            )
        if not create:
            app_id = int(db.execute("PRAGMA application_id").fetchone()[0])
            if app_id not in (0, APPLICATION_ID) or not db["evaluation"].exists():
                raise StorageError(f"文件 {path.name} 不是绩效自评工作台的评价文件")
        if version < SCHEMA_VERSION:
            if version > 0:
                _backup_before_migration(db, path, version)
            _migrate(db, version)
    except BaseException:
        db.close()
        raise
    return db


def _check_header(path: Path) -> None:
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != b"SQLite format 3\x00":
        raise StorageError(f"文件 {path.name} 不是绩效自评工作台的评价文件")


def _backup_before_migration(db: sqlite_utils.Database, path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.bak-v{version}-{stamp}")
    # The backup API copies a consistent snapshot, including pages still in the WAL.
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def _migrate(db: sqlite_utils.Database, version: int) -> None:
    for number in range(version, SCHEMA_VERSION):
        # One transaction per step, user_version included, so a crash leaves a whole version.
        with db.atomic():
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def backup_to(db: sqlite_utils.Database, target: Path) -> None:
    """Copy the open database to ``target`` with SQLite's online backup API."""
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    if tmp.exists():
        tmp.unlink()
    dest = sqlite3.connect(str(tmp))
    try:
        db.conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    tmp.replace(target)


def copy_file(source: Path, target: Path) -> None:
    shutil.copy2(source, target)
