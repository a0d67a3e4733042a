"""Tamper evidence: a hash-chained audit log and a fingerprint of the scored content.

Every program write re-stamps (in the same transaction) the digests of the tables it changed,
found by temporary triggers that exist only on this program's own connection: an edit made
with another SQLite tool changes a table without changing its stored digest, and an audit
row rewritten or deleted breaks the chain. This is evidence, not a lock: someone who knows the
scheme can recompute it; the point is that an ordinary edit behind the program's back is seen
before anyone signs.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

ZERO_HASH = "0" * 64
TRUST_VERSION = 4  # the schema version that introduced the stamp (m004)
# Tables whose content is not scored content: the chain covers the log, and the stamp itself.
EXCLUDED = {"audit_log", "integrity"}
# Large content is covered through its hash, not re-read on every check.
COLUMNS_OVERRIDE = {"blobs": "id, sha256, size"}

TABLE_LABELS = {
    "evaluation": "评价基本信息",
    "indicators": "指标体系与权重",
    "inputs": "录入数据",
    "scores": "得分",
    "projects": "项目台账",
    "settings": "设置",
    "surveys": "满意度问卷",
    "survey_responses": "问卷答卷",
    "evidence_items": "佐证材料清单",
    "evidence_files": "佐证材料文件",
    "blobs": "佐证材料文件内容",
    "<schema>": "表结构",
}


def label(table: str) -> str:
    return f"{TABLE_LABELS.get(table, table)}（{table}）" if table in TABLE_LABELS else table


@dataclass(frozen=True)
class Problem:
    where: str  # table name, "audit_log" or "<schema>"
    text: str  # Chinese


# ------------------------------------------------------------------ content digests
def content_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows if r[0] not in EXCLUDED]


BUCKET_BITS = 8  # rows 0-255, 256-511, ... of a table keyed by an INTEGER PRIMARY KEY


def rowid_key(conn: sqlite3.Connection, table: str) -> bool:
    """True when the table's rowid is its INTEGER PRIMARY KEY (stable under VACUUM), so its
    digest can be kept per bucket of rows and only changed buckets re-read."""
    pk = [r for r in conn.execute(f'PRAGMA main.table_info("{table}")') if r[5]]
    return len(pk) == 1 and str(pk[0][2]).upper() == "INTEGER"


def table_state(
    conn: sqlite3.Connection,
    table: str,
    old: list[object] | None = None,
    buckets: set[int] | None = None,
) -> list[object]:
    """[digest, rows, {bucket: [digest, rows]}]; with ``old`` and ``buckets`` only those
    buckets are read again."""
    if table == "<schema>":
        rows = conn.execute(
            "SELECT type, name, tbl_name, sql FROM main.sqlite_master "
            "WHERE name NOT LIKE 'sqlite_%' AND name NOT IN ('integrity') ORDER BY type, name"
        ).fetchall()
        return [_digest(rows), len(rows), {}]
    columns = COLUMNS_OVERRIDE.get(table, "*")
    if not rowid_key(conn, table):
        cursor = conn.execute(f'SELECT {columns} FROM main."{table}" LIMIT 0')
        order = ", ".join(str(i) for i in range(1, len(cursor.description) + 1))
        rows = conn.execute(f'SELECT {columns} FROM main."{table}" ORDER BY {order}').fetchall()
        return [_digest(rows), len(rows), {}]
    sql = f'SELECT rowid >> {BUCKET_BITS}, {columns} FROM main."{table}"'
    if (
        old is not None
        and buckets is not None
        and len(old) > 2
        and isinstance(old[2], dict)
        and old[2]
    ):
        parts: dict[str, list[object]] = dict(old[2])
        for bucket in buckets:
            lo, hi = bucket << BUCKET_BITS, (bucket + 1) << BUCKET_BITS
            rows = conn.execute(
                f"{sql} WHERE rowid >= ? AND rowid < ? ORDER BY rowid", [lo, hi]
            ).fetchall()
            if rows:
                parts[str(bucket)] = [_digest(rows), len(rows)]
            else:
                parts.pop(str(bucket), None)
    else:
        parts = {}
        cursor = conn.execute(f"{sql} ORDER BY rowid")
        current: list[tuple[object, ...]] = []
        key = None
        for row in cursor:
            if row[0] != key and current:
                parts[str(key)] = [_digest(current), len(current)]
                current = []
            key = row[0]
            current.append(row)
        if current:
            parts[str(key)] = [_digest(current), len(current)]
    ordered = sorted(parts.items(), key=lambda kv: int(kv[0]))
    total = sum(int(v[1]) for _, v in ordered)  # type: ignore[call-overload]
    return [_digest([(k, v[0]) for k, v in ordered]), total, parts]


def table_digest(conn: sqlite3.Connection, table: str) -> tuple[str, int]:
    state = table_state(conn, table)
    return str(state[0]), int(state[1])  # type: ignore[call-overload]


def _digest(rows: list[tuple[object, ...]]) -> str:
    return hashlib.sha256(repr(rows).encode("utf-8", "surrogatepass")).hexdigest()


def compute(conn: sqlite3.Connection, tables: list[str] | None = None) -> dict[str, list[object]]:
    names = ["<schema>", *content_tables(conn)] if tables is None else tables
    return {name: table_state(conn, name) for name in names}


def fingerprint(digests: dict[str, list[object]]) -> str:
    return hashlib.sha256(
        json.dumps(sorted((k, v[0]) for k, v in digests.items())).encode()
    ).hexdigest()


# ------------------------------------------------------------------ audit chain
def entry_hash(prev: str, row: dict[str, object]) -> str:
    payload = [
        prev,
        row["id"],
        row["at"],
        row["user"],
        row["action"],
        row["target"],
        row["old_value"],
        row["new_value"],
        row["reason"],
    ]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


def audit_head(conn: sqlite3.Connection) -> tuple[str, int]:
    row = conn.execute("SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    return (row[0] if row else ZERO_HASH), int(count)


def chain_all(conn: sqlite3.Connection) -> None:
    """(Re)link every audit row: at the upgrade of an older file, and when a person accepts
    a broken chain (the acceptance itself is then the next, audited, link)."""
    prev = ZERO_HASH
    rows = _audit_rows(conn)
    for row in rows:
        digest = entry_hash(prev, row)
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?, entry_hash = ? WHERE id = ?",
            [prev, digest, row["id"]],
        )
        prev = digest


def _audit_rows(conn: sqlite3.Connection) -> list[dict[str, object]]:
    cursor = conn.execute("SELECT * FROM audit_log ORDER BY id")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor]


def verify_chain(conn: sqlite3.Connection, head: str, count: int) -> list[Problem]:
    problems: list[Problem] = []
    prev = ZERO_HASH
    rows = _audit_rows(conn)
    for row in rows:
        if row["prev_hash"] != prev:
            problems.append(
                Problem("audit_log", f"调整记录第 {row['id']} 条之前的记录被删除或改写（链条断开）")
            )
        elif entry_hash(prev, row) != row["entry_hash"]:
            problems.append(
                Problem(
                    "audit_log",
                    f"调整记录第 {row['id']} 条（{row['action']} {row['target']}）的内容被改写",
                )
            )
        prev = str(row["entry_hash"])
        if len(problems) >= 5:
            break
    if not problems and (prev != head or len(rows) != count):
        problems.append(
            Problem(
                "audit_log",
                f"调整记录被删除或追加（应有 {count} 条，实有 {len(rows)} 条）",
            )
        )
    return problems


# ------------------------------------------------------------------ the stamp
def _stored(conn: sqlite3.Connection) -> dict[str, object] | None:
    cursor = conn.execute("SELECT * FROM integrity WHERE id = 1")
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def has_integrity(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'integrity'"
        ).fetchone()
    )


def stamp(
    conn: sqlite3.Connection,
    dirty: dict[str, set[int] | None] | set[str] | None,
    unaccepted: list[str] | None = None,
) -> None:
    """Record the digests of ``dirty`` tables (all when None; a set of row buckets per table
    where known) and the audit head. Call inside the write transaction that made the change."""
    stored = _stored(conn)
    digests: dict[str, list[object]] = json.loads(str(stored["digests_json"])) if stored else {}
    tables = set(content_tables(conn))
    if dirty is None or stored is None:
        digests = compute(conn)
    else:
        if isinstance(dirty, set):
            dirty = {name: None for name in dirty}
        for name in list(digests):
            if name != "<schema>" and name not in tables:
                del digests[name]  # a table dropped by a migration
        for name in tables - set(digests):
            dirty[name] = None
        dirty["<schema>"] = None
        for name, buckets in dirty.items():
            if name in tables or name == "<schema>":
                digests[name] = table_state(conn, name, digests.get(name), buckets)
    head, count = audit_head(conn)
    pending = json.loads(str(stored["unaccepted_json"])) if stored else []
    if unaccepted is not None:
        pending = unaccepted
    conn.execute(
        "INSERT OR REPLACE INTO integrity (id, fingerprint, digests_json, audit_head, "
        "audit_count, unaccepted_json, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
        [
            fingerprint(digests),
            json.dumps(digests),
            head,
            count,
            json.dumps(pending, ensure_ascii=False),
            datetime.now().isoformat(timespec="seconds"),
        ],
    )


def verify(conn: sqlite3.Connection) -> list[Problem]:
    """What changed behind the program's back since its last write (empty: nothing)."""
    stored = _stored(conn) if has_integrity(conn) else None
    if stored is None:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version < TRUST_VERSION:
            return []  # an older file, opened read-only: it never had a stamp
        return [Problem("integrity", "文件的完整性记录被删除")]
    expected: dict[str, list[object]] = json.loads(str(stored["digests_json"]))
    actual = compute(conn)
    problems: list[Problem] = []
    for name in sorted(set(expected) | set(actual)):
        if name not in actual:
            problems.append(Problem(name, f"{label(name)} 被删除"))
        elif name not in expected:
            problems.append(Problem(name, f"新增了数据表 {name}"))
        elif expected[name][0] != actual[name][0]:
            before, after = expected[name][1], actual[name][1]
            rows = f"，行数 {before} → {after}" if before != after else ""
            problems.append(Problem(name, f"{label(name)} 的内容被修改{rows}"))
    if fingerprint(expected) != stored["fingerprint"]:
        problems.append(Problem("integrity", "完整性记录本身被改写"))
    problems += verify_chain(conn, str(stored["audit_head"]), int(stored["audit_count"]))
    return problems


def unaccepted(conn: sqlite3.Connection) -> list[str]:
    """Changes found earlier and recorded in the file, not yet accepted by a person."""
    if not has_integrity(conn):
        return []
    stored = _stored(conn)
    return list(json.loads(str(stored["unaccepted_json"]))) if stored else []


def current_fingerprint(conn: sqlite3.Connection) -> str:
    stored = _stored(conn) if has_integrity(conn) else None
    return str(stored["fingerprint"]) if stored else ""


def install_dirty_triggers(conn: sqlite3.Connection) -> None:
    """Temporary triggers (this connection only) that note which tables, and which buckets of
    rows, a write touched."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS jx_dirty (name TEXT, bucket INTEGER)")
    conn.execute("CREATE INDEX IF NOT EXISTS temp.jx_dirty_key ON jx_dirty (name, bucket)")
    for table in content_tables(conn):
        keyed = rowid_key(conn, table)
        for op in ("INSERT", "UPDATE", "DELETE"):
            rows = {"INSERT": ["NEW"], "UPDATE": ["OLD", "NEW"], "DELETE": ["OLD"]}[op]
            body = []
            for ref in rows:
                bucket = f"({ref}.rowid >> {BUCKET_BITS})" if keyed else "-1"
                # No constraint and no conflict clause: an outer INSERT OR ROLLBACK/ABORT would
                # impose its own policy on the trigger's statement.
                body.append(
                    f"INSERT INTO jx_dirty SELECT '{table}', {bucket} WHERE NOT EXISTS "
                    f"(SELECT 1 FROM jx_dirty WHERE name = '{table}' AND bucket = {bucket});"
                )
            trigger = f"jx_dirty_{table}_{op.lower()}"
            conn.execute(
                f'CREATE TEMP TRIGGER IF NOT EXISTS "{trigger}" AFTER {op} ON main."{table}" '
                f"BEGIN {' '.join(body)} END"
            )


def take_dirty(conn: sqlite3.Connection) -> dict[str, set[int] | None]:
    dirty: dict[str, set[int] | None] = {}
    for name, bucket in conn.execute("SELECT name, bucket FROM temp.jx_dirty"):
        if bucket is None or bucket < 0:
            dirty[name] = None
        elif name not in dirty or dirty[name] is not None:
            dirty.setdefault(name, set()).add(int(bucket))  # type: ignore[union-attr]
    conn.execute("DELETE FROM temp.jx_dirty")
    return dirty
