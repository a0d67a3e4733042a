"""The evaluation file as a repository of core objects. Every user action is one
transaction that also writes its audit-log row and refreshes the stored scores."""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.core.errors import UserError
from jixiao.core.evaluate import (
    ScoreSheet,
    check_input,
    effective_input,
    evaluate,
    is_not_applicable,
)
from jixiao.core.model import Indicator, IndicatorSystem
from jixiao.core.national_form import derived_execution, evaluation_title, from_settings, fund_table
from jixiao.core.numbers import fmt2
from jixiao.core.projects import (
    DENOMINATOR_BUDGET,
    Project,
    RegistrySummary,
    summarize,
    validate_project,
)
from jixiao.core.rules import InputError, rule_from_json
from jixiao.core.templates import system_from_json, system_to_json, validate_system
from jixiao.storage import database, integrity, lockfile
from jixiao.storage.database import StorageError
from jixiao.storage.jsontext import dumps as _dumps
from jixiao.storage.lockfile import LockInfo

if TYPE_CHECKING:
    import sqlite_utils  # loaded by storage.database on the first open


class FileLockedError(StorageError):
    """Someone else has the file open for editing (the lock record beside it)."""

    def __init__(self, path: Path, info: LockInfo, hint: str = ""):
        super().__init__(f"{info.message()}：{Path(path).name}。{hint}".rstrip("。") + "。")
        self.info = info
        self.path = Path(path)


class OutsideChangeError(StorageError):
    """The file was changed behind the program's back and nobody has accepted it yet."""


def now_text() -> str:
    return datetime.now().isoformat(timespec="seconds")


@dataclass(frozen=True)
class EvaluationMeta:
    fund: str
    year: int
    unit: str
    title: str
    template_name: str
    created_at: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user: str
    action: str
    target: str
    old_value: str | None
    new_value: str | None
    reason: str


@dataclass(frozen=True)
class UpsertReport:
    added: int
    updated: int
    unchanged: int


class ProjectError(UserError, ValueError):
    """A project that fails validation; ``problems`` are (field, Chinese message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("；".join(msg for _, msg in problems))
        self.problems = problems


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some locked-down Windows sessions
        return "未知用户"


class EvaluationFile:
    def __init__(self, db: sqlite_utils.Database, path: Path, user: str = ""):
        self.db = db
        self.path = Path(path)
        self.closed = False
        self.user = user or default_user()
        self._batch_depth = 0
        self._refresh_pending = False
        # Every write re-scores, and the score sheet, its tab and the registry all need the
        # registry summary: reading 10,000 projects once per change instead of four times.
        self._summary_cache: tuple[tuple[int, int, str], RegistrySummary] | None = None
        self._projects_version = 0  # bumped by every project write of this object
        self.readonly = bool(getattr(db, "readonly", False))
        self.readonly_reason = str(getattr(db, "readonly_reason", ""))
        self.holds_lock = False
        self._outside: list[str] = []  # found inside a transaction, recorded at its commit
        self._data_version = 0
        if isinstance(db, database.Database) and not self.readonly:
            integrity.install_dirty_triggers(db.conn)
            db.before_write = self._before_write
            db.after_begin = self._after_begin
            db.before_commit = self._before_commit
            self._data_version = self._current_data_version()

    # ---------------------------------------------------------------- lifecycle
    @classmethod
    def create(
        cls,
        path: str | Path,
        system: IndicatorSystem,
        *,
        fund: str,
        year: int,
        unit: str,
        title: str = "",
        user: str = "",
    ) -> EvaluationFile:
        path = Path(path)
        db = database.open_database(path, create=True)
        ef = cls(db, path, user)
        try:
            with db.atomic():
                template = system_to_json(system)
                db["evaluation"].insert(
                    {
                        "id": 1,
                        "fund": fund,
                        "year": int(year),
                        "unit": unit,
                        "title": title or evaluation_title(fund, year, system.title),
                        "template_name": system.name,
                        "template_json": json.dumps(template, ensure_ascii=False),
                        "created_at": now_text(),
                    }
                )
                ef._write_system(system)
                ef._audit("evaluation.create", fund, None, f"{year} {unit}", "")
                ef._refresh_scores()
        except BaseException:
            db.close()
            path.unlink(missing_ok=True)
            raise
        return ef

    @classmethod
    def open(
        cls,
        path: str | Path,
        user: str = "",
        *,
        readonly: bool = False,
        lock: bool = False,
        take_over: bool = False,
        readonly_reason: str = "",
    ) -> EvaluationFile:
        """Open ``path``. ``lock``: open for editing in a long session (the GUI), leaving the
        lock record beside the file; FileLockedError if someone else holds it. ``take_over``:
        remove a lock record the user confirmed is left over. ``readonly``: never write."""
        path = Path(path)
        holder = lockfile.foreign_lock(path)
        if holder is not None and take_over:
            if holder.machine == lockfile.machine_name() and not holder.is_stale():
                raise FileLockedError(
                    path, holder, "该程序仍在本机运行，不能接管；请先在那里关闭文件"
                )
            lockfile.remove_lock(path, only_ours=False)
            holder = None
        if holder is not None and lock and not readonly:
            raise FileLockedError(path, holder, "可以只读打开，或打开一个副本")
        reason = (readonly_reason or "用户选择只读打开") if readonly else ""
        ef = cls(
            database.open_database(path, readonly=readonly, readonly_reason=reason), path, user
        )
        try:
            if lock and not ef.readonly:
                lockfile.write_lock(path, ef.user)
                ef.holds_lock = True
            ef._record_outside_changes_at_open(holder)
        except BaseException:
            ef.close()
            raise
        return ef

    def can_write(self) -> bool:
        """False in a read-only view, or while someone else has the file open for editing."""
        if self.readonly:
            return False
        return self.holds_lock or lockfile.foreign_lock(self.path) is None

    def acquire_lock(self) -> bool:
        """Leave the lock record for a long editing session (the GUI) unless read-only or
        someone else holds it; True when this object holds it."""
        if not self.holds_lock and not self.readonly and lockfile.foreign_lock(self.path) is None:
            with suppress(OSError):  # a folder we cannot write to: no record, SQLite still locks
                lockfile.write_lock(self.path, self.user)
                self.holds_lock = True
        return self.holds_lock

    def close(self) -> None:
        self.closed = True
        with suppress(Exception):
            self.db.close()
        if self.holds_lock:
            lockfile.remove_lock(self.path)
            self.holds_lock = False

    # ---------------------------------------------------------------- tamper evidence
    def _current_data_version(self) -> int:
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def _before_write(self) -> None:
        holder = lockfile.foreign_lock(self.path)
        if holder is not None and not self.holds_lock:
            raise FileLockedError(
                self.path,
                holder,
                "此时不能修改（只读）。如确认对方已退出，可用 --take-over 接管",
            )

    def _after_begin(self) -> None:
        version = self._current_data_version()
        if version != self._data_version:  # another connection wrote since our last look
            self._data_version = version
            self._outside += [p.text for p in integrity.verify(self.db.conn)]

    def _before_commit(self) -> None:
        dirty: dict[str, set[int] | None] | None = integrity.take_dirty(self.db.conn)
        unaccepted = None
        if self._outside:
            # Recorded as found, then the whole content re-stamped: the finding stays in the
            # file until accepted, and is not reported again as new at the next open.
            unaccepted = integrity.unaccepted(self.db.conn)
            unaccepted += [t for t in self._outside if t not in unaccepted]
            self._outside = []
            dirty = None
        integrity.stamp(self.db.conn, dirty, unaccepted)

    def _record_outside_changes_at_open(self, holder: LockInfo | None) -> None:
        """Changes made behind the program's back are written into the file (audited) the
        first time a writer sees them, so they stay flagged until a person accepts them."""
        if self.readonly or holder is not None:
            return
        if not self._verify():
            return
        with self.transaction():
            problems = integrity.verify(self.db.conn)  # again, now that no one else can write
            if not problems:
                return
            texts = [p.text for p in problems]
            if any(p.where == "audit_log" for p in problems):
                integrity.chain_all(self.db.conn)
            self._outside = texts
            self._audit("integrity.outside_change", self.path.name, None, "；".join(texts), "")

    def _verify(self) -> list[integrity.Problem]:
        """Verify one consistent snapshot: another program may commit between statements."""
        conn = self.db.conn
        if conn.in_transaction:
            return integrity.verify(conn)
        conn.execute("BEGIN")
        try:
            return integrity.verify(conn)
        finally:
            conn.execute("ROLLBACK")

    def outside_changes(self) -> list[str]:
        """Changes made outside this program that no person has accepted yet."""
        found = self._verify_texts()
        recorded = integrity.unaccepted(self.db.conn)
        return recorded + [t for t in found if t not in recorded]

    def _verify_texts(self) -> list[str]:
        try:
            return [p.text for p in self._verify()]
        except sqlite3.OperationalError as exc:
            raise StorageError(database.describe_error(exc, self.path)) from None

    def signing_blockers(self) -> list[str]:
        """Why this file must not be signed now (empty: it may be)."""
        blockers = []
        changes = self.outside_changes()
        if changes:
            blockers.append("文件在本程序之外被修改：" + "；".join(changes))
        fatal = [p for p in validate_system(self.system()) if p.fatal]
        blockers += [f"指标体系有错误：{p}" for p in fatal]
        sheet = self.score_sheet()
        blockers += [f"录入数据无效：{p}" for p in sheet.problems]
        return blockers

    def accept_outside_changes(self, reason: str) -> list[str]:
        """A person accepts the outside changes (with a reason, audited); returns them."""
        if not reason.strip():
            raise StorageError("接受文件外部修改必须填写理由")
        changes = self.outside_changes()
        if not changes:
            return []
        with self.transaction():
            problems = integrity.verify(self.db.conn)
            if any(p.where == "audit_log" for p in problems):
                integrity.chain_all(self.db.conn)
            self._outside = []
            self._audit("integrity.accept", self.path.name, "；".join(changes), None, reason)
            self._refresh_scores()
            integrity.take_dirty(self.db.conn)
            integrity.stamp(self.db.conn, None, [])
        return changes

    @property
    def content_fingerprint(self) -> str:
        return integrity.current_fingerprint(self.db.conn)

    def __enter__(self) -> EvaluationFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One user action. Nested calls join the outer transaction (savepoints)."""
        try:
            with self.db.atomic():
                yield
        except BaseException:
            self._summary_cache = None  # it may describe rows that were just rolled back
            raise

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many writes as one transaction with a single re-score at the end (e.g. undoing an
        import of 10,000 projects, which would otherwise re-score after every row)."""
        with self.transaction():
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1
            if self._batch_depth == 0 and self._refresh_pending:
                self._refresh_pending = False
                self._refresh_scores()

    def backup_to(self, target: str | Path) -> None:
        database.backup_to(self.db, Path(target))

    # ---------------------------------------------------------------- evaluation
    def meta(self) -> EvaluationMeta:
        row = self.db["evaluation"].get(1)
        return EvaluationMeta(
            row["fund"],
            row["year"],
            row["unit"],
            row["title"],
            row["template_name"],
            row["created_at"],
        )

    def set_meta(self, **changes: Any) -> None:
        allowed = {"fund", "year", "unit", "title"}
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"unknown fields {unknown}")
        with self.transaction():
            old = self.db["evaluation"].get(1)
            for key, value in changes.items():
                if old[key] != value:
                    self._audit(f"evaluation.{key}", key, str(old[key]), str(value), "")
            self.db["evaluation"].update(1, changes)
            self._refresh_scores()

    # ---------------------------------------------------------------- indicator system
    def system(self) -> IndicatorSystem:
        meta = json.loads(self.get_setting("system_meta", "{}")) or json.loads(
            self.db["evaluation"].get(1)["template_json"]
        )
        rows = list(self.db.query("SELECT * FROM indicators ORDER BY level, ord"))
        nodes: dict[str, Indicator] = {}
        roots: list[Indicator] = []
        for row in rows:
            node = Indicator(
                code=row["code"],
                name=row["name"],
                weight=Decimal(row["weight"]),
                target=row["target"],
                criteria=row["criteria"],
                rule=rule_from_json(json.loads(row["rule_json"])) if row["rule_json"] else None,
                evidence=json.loads(row["evidence_json"]),
            )
            nodes[row["code"]] = node
            if row["parent"] and row["parent"] in nodes:
                nodes[row["parent"]].children.append(node)
            else:
                roots.append(node)
        shell = system_from_json({**meta, "indicators": []})
        shell.roots = roots
        return shell

    def _write_system(self, system: IndicatorSystem) -> None:
        meta = system_to_json(system)
        meta.pop("indicators")
        self._put_setting("system_meta", json.dumps(meta, ensure_ascii=False))
        self.db.execute("DELETE FROM indicators")
        rows = []
        for level, node, ancestors in system.walk():
            siblings = ancestors[-1].children if ancestors else system.roots
            rows.append(
                {
                    "code": node.code,
                    "parent": ancestors[-1].code if ancestors else None,
                    "level": level,
                    "ord": siblings.index(node),
                    "name": node.name,
                    "target": node.target,
                    "weight": str(node.weight),
                    "criteria": node.criteria,
                    "rule_json": json.dumps(node.rule.to_json(), ensure_ascii=False)
                    if node.rule
                    else None,
                    "evidence_json": json.dumps(node.evidence, ensure_ascii=False),
                }
            )
        if rows:
            self.db["indicators"].insert_all(rows)

    def replace_system(self, system: IndicatorSystem, reason: str = "") -> list[str]:
        """Install an edited system; returns the codes whose inputs no longer fit and were
        dropped (the editor lists them to the user before calling this)."""
        dropped = self.inputs_not_fitting(system)
        with self.transaction():
            old = system_to_json(self.system())
            self._write_system(system)
            for code in dropped:
                self.db.execute("DELETE FROM inputs WHERE code = ?", [code])
            self._audit(
                "system.replace",
                system.name,
                json.dumps(old, ensure_ascii=False),
                json.dumps(system_to_json(system), ensure_ascii=False),
                reason,
            )
            self._refresh_scores()
        return dropped

    def inputs_not_fitting(self, system: IndicatorSystem) -> list[str]:
        leaves = {node.code: node for node in system.leaves()}
        derived = self.derived_inputs()
        bad = []
        for code, raw in self.inputs().items():
            node = leaves.get(code)
            if node is None:
                bad.append(code)
                continue
            effective, _ = effective_input(node, raw, derived)
            if not effective or is_not_applicable(effective):
                continue
            try:
                check_input(node, effective)
            except InputError:
                bad.append(code)
        return bad

    # ---------------------------------------------------------------- settings
    def get_setting(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def _put_setting(self, key: str, value: str) -> None:
        self.db["settings"].upsert({"key": key, "value": value}, pk="key")

    def set_setting(self, key: str, value: str, reason: str = "") -> None:
        with self.transaction():
            old = self.get_setting(key, "")
            if old == value:
                return
            self._put_setting(key, value)
            self._audit("setting.set", key, old, value, reason)
            self._refresh_scores()

    @property
    def execution_denominator(self) -> str:
        return self.get_setting("execution_denominator", DENOMINATOR_BUDGET)

    # ---------------------------------------------------------------- inputs and scores
    def inputs(self) -> dict[str, dict[str, Any]]:
        return {
            row["code"]: json.loads(row["input_json"])
            for row in self.db.query("SELECT code, input_json FROM inputs ORDER BY code")
        }

    def input_for(self, code: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT input_json FROM inputs WHERE code = ?", [code]).fetchone()
        return json.loads(row[0]) if row else None

    def set_input(
        self, code: str, raw: dict[str, Any] | None, *, reason: str = "", action: str = "input.set"
    ) -> None:
        """Store the raw input of a level-3 indicator (None clears it).

        Refuses (InputError, Chinese) anything the rule cannot score, so the file never
        holds an input that would break the sheet.
        """
        self.validate_input(code, raw)
        with self.transaction():
            old = self.input_for(code)
            if old == raw:
                return
            if raw is None:
                self.db.execute("DELETE FROM inputs WHERE code = ?", [code])
            else:
                self.db["inputs"].upsert(
                    {
                        "code": code,
                        "input_json": _dumps(raw),
                        "updated_at": now_text(),
                        "updated_by": self.user,
                    },
                    pk="code",
                )
            if raw and raw.get("override") not in (None, ""):
                action = "input.override"
            elif (
                old and old.get("override") not in (None, "") and not (raw and raw.get("override"))
            ):
                action = "input.override_removed"
            self._audit(
                action,
                code,
                _dumps(old) if old is not None else None,
                _dumps(raw) if raw is not None else None,
                reason
                or str((raw or {}).get("reason") or (raw or {}).get("replace_derived") or ""),
            )
            self._refresh_scores()

    def validate_input(self, code: str, raw: dict[str, Any] | None) -> None:
        """Raise InputError (Chinese, naming the indicator) if ``raw`` cannot be stored."""
        node = self.system().find(code)
        if node is None or not node.is_leaf:
            raise InputError(f"没有三级指标 {code}")
        if (
            raw is not None
            and "replace_derived" in raw
            and not str(raw["replace_derived"] or "").strip()
        ):
            raise InputError(f"{code} {node.name}：替换自动计算的数据必须填写理由")
        if raw is not None:
            effective, _ = effective_input(node, raw, self.derived_inputs())
            if effective and is_not_applicable(effective):
                if not str(effective.get("reason") or "").strip():
                    raise InputError(f"{code}：标为不适用必须填写理由")
            elif effective:
                try:
                    check_input(node, effective)
                except InputError as exc:
                    raise InputError(f"{code} {node.name}：{exc}") from None

    def set_inputs(self, inputs: dict[str, dict[str, Any]], reason: str = "") -> None:
        with self.transaction():
            for code, raw in inputs.items():
                self.set_input(code, raw, reason=reason)

    def derived_inputs(self) -> dict[str, dict[str, str]]:
        derived: dict[str, dict[str, str]] = {}
        for row in self.db.query("SELECT key, value FROM settings WHERE key LIKE 'derived.%'"):
            derived[row["key"].removeprefix("derived.")] = json.loads(row["value"])
        derived.update(self.form_derived_inputs())
        derived.update(self.registry_summary().derived_inputs())
        return derived

    def form_derived_inputs(self) -> dict[str, dict[str, str]]:
        """The budget-execution input from the national form's entered 项目资金 table."""
        rows = self.db.execute("SELECT key, value FROM settings WHERE key LIKE 'form.%'")
        table = fund_table(from_settings(dict(rows.fetchall())), None, self.execution_denominator)
        return derived_execution(table)

    def set_derived(self, source: str, raw: dict[str, str] | None, reason: str = "") -> None:
        """Publish a derived input (e.g. the survey module's satisfaction rate)."""
        key = f"derived.{source}"
        with self.transaction():
            old = self.get_setting(key, "")
            new = _dumps(raw) if raw is not None else ""
            if old == new:
                return
            if raw is None:
                self.db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                self._put_setting(key, new)
            self._audit("derived.set", source, old or None, new or None, reason)
            self._refresh_scores()

    def score_sheet(self) -> ScoreSheet:
        return evaluate(self.system(), self.inputs(), self.derived_inputs())

    def effective_inputs(self) -> dict[str, dict[str, Any]]:
        """Inputs as the rules see them (derived values filled in): what `inputs export` writes."""
        derived = self.derived_inputs()
        out = {}
        for node in self.system().leaves():
            raw, _ = effective_input(node, self.input_for(node.code), derived)
            if raw:
                raw = {k: v for k, v in raw.items() if k != "replace_derived"}
                out[node.code] = raw
        return out

    def _refresh_scores(self) -> None:
        if self._batch_depth:
            self._refresh_pending = True
            return
        sheet = self.score_sheet()
        stamp = now_text()
        self.db.execute("DELETE FROM scores")
        self.db["scores"].insert_all(
            [
                {
                    "code": s.code,
                    "computed": fmt2(s.computed) if s.computed is not None else None,
                    "score": fmt2(s.score),
                    "reason": s.reason,
                    "status": s.status,
                    "updated_at": stamp,
                }
                for s in sheet.indicators
            ]
        )

    # ---------------------------------------------------------------- projects
    def projects(self) -> list[Project]:
        cursor = self.db.execute("SELECT * FROM projects ORDER BY seq, id")
        columns = [d[0] for d in cursor.description]
        return [_project_from_row(dict(zip(columns, row, strict=True))) for row in cursor]

    def project(self, project_id: int) -> Project:
        row = self.db.execute("SELECT * FROM projects WHERE id = ?", [project_id]).fetchone()
        if row is None:
            raise StorageError(f"项目 {project_id} 不存在")
        cols = [d[0] for d in self.db.execute("SELECT * FROM projects LIMIT 0").description]
        return _project_from_row(dict(zip(cols, row, strict=True)))

    def registry_summary(self) -> RegistrySummary:
        # data_version moves when another connection commits; _projects_version when this one
        # writes projects (re-writing the scores table must not throw the summary away).
        key = (
            int(self.db.execute("PRAGMA data_version").fetchone()[0]),
            self._projects_version,
            self.execution_denominator,
        )
        if self._summary_cache is not None and self._summary_cache[0] == key:
            return self._summary_cache[1]
        summary = summarize(self.projects(), key[2])
        self._summary_cache = (key, summary)
        return summary

    def add_project(self, project: Project, reason: str = "") -> int:
        _check_project(project)
        self._projects_version += 1
        with self.transaction():
            row = _project_to_row(project)
            row.pop("id", None)
            if not project.seq:
                row["seq"] = (
                    (self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM projects").fetchone()[0])
                    + 1
                )
            self._ensure_unique(project)
            pk = self.db["projects"].insert(row).last_pk
            self._audit("project.add", project.name, None, _dumps(row), reason)
            self._refresh_scores()
            return int(pk)  # type: ignore[arg-type]  # an insert sets it

    def update_project(self, project: Project, reason: str = "") -> None:
        if project.id is None:
            raise StorageError("更新项目需要项目编号")
        _check_project(project)
        self._projects_version += 1
        with self.transaction():
            old = _project_to_row(self.project(project.id))
            new = _project_to_row(project)
            if old == new:
                return
            self._ensure_unique(project)
            self.db["projects"].update(project.id, new)
            changed = {k: (old[k], new[k]) for k in new if old.get(k) != new[k]}
            self._audit(
                "project.update",
                project.name,
                _dumps({k: v[0] for k, v in changed.items()}),
                _dumps({k: v[1] for k, v in changed.items()}),
                reason,
            )
            self._refresh_scores()

    def delete_project(self, project_id: int, reason: str = "") -> Project:
        self._projects_version += 1
        with self.transaction():
            old = self.project(project_id)
            self.db.execute("DELETE FROM projects WHERE id = ?", [project_id])
            self._audit("project.delete", old.name, _dumps(_project_to_row(old)), None, reason)
            self._refresh_scores()
            return old

    def restore_project(self, project: Project, reason: str = "") -> int:
        """Put a deleted project back with its old id (undo of a delete)."""
        self._projects_version += 1
        with self.transaction():
            row = _project_to_row(project)
            self.db["projects"].insert(row, replace=False)
            self._audit("project.add", project.name, None, _dumps(row), reason or "撤销删除")
            self._refresh_scores()
            return int(row["id"])

    def upsert_projects(self, projects: Iterable[Project], reason: str = "") -> UpsertReport:
        """Import a list: match on (name, unit); all or nothing."""
        items = list(projects)
        problems: list[tuple[str, str]] = []
        for index, project in enumerate(items, start=1):
            errors, _ = validate_project(project)
            problems.extend((f"第 {index} 条", msg) for _, msg in errors)
        if problems:
            raise ProjectError(problems)
        added = updated = unchanged = 0
        self._projects_version += 1
        with self.transaction():
            existing = {p.key(): p for p in self.projects()}
            next_seq = (
                (self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM projects").fetchone()[0]) + 1
            )
            new_rows = []
            for project in items:
                old = existing.get(project.key())
                if old is None:
                    row = _project_to_row(project)
                    row.pop("id", None)
                    if not row["seq"]:
                        row["seq"] = next_seq
                        next_seq += 1
                    new_rows.append(row)
                    added += 1
                    continue
                merged = project.with_changes(id=old.id, seq=project.seq or old.seq)
                before, after = _project_to_row(old), _project_to_row(merged)
                if before == after:
                    unchanged += 1
                    continue
                self.db["projects"].update(old.id, after)  # type: ignore[arg-type]
                updated += 1
            if new_rows:
                self.db["projects"].insert_all(new_rows, batch_size=500)
            self._audit(
                "project.import",
                f"{len(items)} 条",
                None,
                _dumps({"added": added, "updated": updated, "unchanged": unchanged}),
                reason,
            )
            self._refresh_scores()
        return UpsertReport(added, updated, unchanged)

    def _ensure_unique(self, project: Project) -> None:
        row = self.db.execute(
            "SELECT id FROM projects WHERE name = ? AND unit = ?",
            [project.name.strip(), project.unit.strip()],
        ).fetchone()
        if row and row[0] != project.id:
            raise ProjectError(
                [("name", f"建设单位“{project.unit}”下已有同名项目“{project.name}”")]
            )

    # ---------------------------------------------------------------- audit log
    def _audit(
        self, action: str, target: str, old: str | None, new: str | None, reason: str
    ) -> None:
        conn = self.db.conn
        last = conn.execute(
            "SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        prev = last[1] if last else integrity.ZERO_HASH
        row: dict[str, Any] = {
            "id": (last[0] + 1) if last else 1,
            "at": now_text(),
            "user": self.user,
            "action": action,
            "target": target,
            "old_value": old,
            "new_value": new,
            "reason": reason or "",
        }
        row["prev_hash"] = prev
        row["entry_hash"] = integrity.entry_hash(prev, row)
        self.db["audit_log"].insert(row)

    def audit(
        self, action: str, target: str, old: str | None, new: str | None, reason: str = ""
    ) -> None:
        """Record an action of another module (evidence, survey) inside its transaction."""
        self._audit(action, target, old, new, reason)

    def refresh_scores(self) -> None:
        """For modules that change derived inputs inside their own transaction."""
        self._refresh_scores()

    def audit_log(self, limit: int | None = None) -> list[AuditEntry]:
        sql = "SELECT * FROM audit_log ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [
            AuditEntry(
                r["id"],
                r["at"],
                r["user"],
                r["action"],
                r["target"],
                r["old_value"],
                r["new_value"],
                r["reason"],
            )
            for r in self.db.query(sql)
        ]


def _check_project(project: Project) -> None:
    errors, _ = validate_project(project)
    if errors:
        raise ProjectError(errors)


def _dec_or_none(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _date_or_none(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _project_from_row(row: dict[str, Any]) -> Project:
    return Project(
        id=row["id"],
        seq=row["seq"],
        name=row["name"],
        unit=row["unit"],
        batch=row["batch"],
        domain=row["domain"],
        budget=Decimal(row["budget"]),
        adjusted_budget=_dec_or_none(row["adjusted_budget"]),
        funds_in_place=Decimal(row["funds_in_place"]),
        paid=Decimal(row["paid"]),
        status=row["status"],
        planned_date=_date_or_none(row["planned_date"]),
        accepted_date=_date_or_none(row["accepted_date"]),
        sampled=bool(row["sampled"]),
        planned_output=bool(row["planned_output"]),
        completed=bool(row["completed"]),
        acceptance_due=bool(row["acceptance_due"]),
        accepted=bool(row["accepted"]),
        on_time=None if row["on_time"] is None else bool(row["on_time"]),
        note=row["note"],
        extra=json.loads(row["extra_json"]) if row["extra_json"] not in (None, "", "{}") else {},
    )


def _project_to_row(p: Project) -> dict[str, Any]:
    return {
        "id": p.id,
        "seq": p.seq,
        "name": p.name.strip(),
        "unit": p.unit.strip(),
        "batch": p.batch,
        "domain": p.domain,
        "budget": str(p.budget),
        "adjusted_budget": None if p.adjusted_budget is None else str(p.adjusted_budget),
        "funds_in_place": str(p.funds_in_place),
        "paid": str(p.paid),
        "status": p.status,
        "planned_date": p.planned_date.isoformat() if p.planned_date else None,
        "accepted_date": p.accepted_date.isoformat() if p.accepted_date else None,
        "sampled": int(p.sampled),
        "planned_output": int(p.planned_output),
        "completed": int(p.completed),
        "acceptance_due": int(p.acceptance_due),
        "accepted": int(p.accepted),
        "on_time": None if p.on_time is None else int(p.on_time),
        "note": p.note,
        "extra_json": json.dumps(p.extra, ensure_ascii=False, sort_keys=True),
    }
