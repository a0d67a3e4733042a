"""Evidence (佐证材料) checklists: item statuses and coverage. Pure: no Qt, no SQL.

Each level-3 indicator has a list of required items (项目申报书, 立项批复文件 ...). An item is
已提供 (provided), 缺失 (missing) or 不适用 (not applicable, with a mandatory reason).
Coverage (佐证完整率) counts provided items over the items that apply: 不适用 items leave
the denominator, so 38 provided of 42 applicable items is 38/42 = 90.48%.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.errors import UserError
from jixiao.core.model import IndicatorSystem
from jixiao.core.numbers import fmt_pct, q_rate

STATUS_PROVIDED = "provided"
STATUS_MISSING = "missing"
STATUS_NA = "na"
STATUSES = (STATUS_PROVIDED, STATUS_MISSING, STATUS_NA)
STATUS_LABELS = {STATUS_PROVIDED: "已提供", STATUS_MISSING: "缺失", STATUS_NA: "不适用"}

MAX_FILE_SIZE = 200 * 1024 * 1024  # issue 5: files up to 200 MB each
MAX_NAME_LENGTH = 200


class EvidenceError(UserError, ValueError):
    """Evidence input that cannot be stored; the message is Chinese and user-facing."""


@dataclass(frozen=True)
class EvidenceFile:
    id: int
    item_id: int
    blob_id: int
    original_name: str
    mime: str
    size: int
    sha256: str
    attached_by: str
    attached_at: str
    note: str = ""


@dataclass(frozen=True)
class EvidenceItem:
    id: int
    code: str  # level-3 indicator code
    ord: int
    name: str
    status: str = STATUS_MISSING
    na_reason: str = ""
    note: str = ""
    project_id: int | None = None
    project_name: str = ""
    files: tuple[EvidenceFile, ...] = field(default_factory=tuple)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class Coverage:
    """佐证完整率: ``provided`` of ``required`` (items that apply); ``na`` items are excluded."""

    provided: int = 0
    required: int = 0
    na: int = 0

    @property
    def missing(self) -> int:
        return self.required - self.provided

    @property
    def rate(self) -> Decimal | None:
        """The ratio quantized half-up to the shown precision; None when nothing applies."""
        if not self.required:
            return None
        return q_rate(Decimal(self.provided) / Decimal(self.required))

    @property
    def complete(self) -> bool:
        return self.provided == self.required

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.provided + other.provided, self.required + other.required, self.na + other.na
        )

    def fraction_text(self) -> str:
        return f"{self.provided}/{self.required}"

    def percent_text(self) -> str:
        rate = self.rate
        return "—" if rate is None else fmt_pct(rate)

    def text(self) -> str:
        """``"38/42 = 90.48%"``; with nothing applicable, ``"0/0"``."""
        rate = self.rate
        return self.fraction_text() if rate is None else f"{self.fraction_text()} = {fmt_pct(rate)}"


def check_status(status: str, na_reason: str = "") -> None:
    if status not in STATUSES:
        raise EvidenceError(f"未知的佐证状态：{status}（可选：已提供、缺失、不适用）")
    if status == STATUS_NA and not na_reason.strip():
        raise EvidenceError("标为“不适用”必须填写理由")


def parse_status(text: str) -> str:
    """Accept a status key or its Chinese label (已提供 / 缺失 / 不适用)."""
    text = text.strip()
    if text in STATUSES:
        return text
    for key, label in STATUS_LABELS.items():
        if text == label:
            return key
    raise EvidenceError(f"未知的佐证状态：{text}（可选：已提供、缺失、不适用）")


def clean_item_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise EvidenceError("佐证材料名称不能为空")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise EvidenceError(f"佐证材料名称过长（最多 {MAX_NAME_LENGTH} 字）")
    return cleaned


def status_after_attach(status: str) -> str:
    """Attaching a file to a missing item provides it; 不适用 stays as the user set it."""
    return STATUS_PROVIDED if status == STATUS_MISSING else status


def status_after_last_file_removed(status: str) -> str:
    return STATUS_MISSING if status == STATUS_PROVIDED else status


def item_coverage(item: EvidenceItem) -> Coverage:
    if item.status == STATUS_NA:
        return Coverage(0, 0, 1)
    return Coverage(1 if item.status == STATUS_PROVIDED else 0, 1, 0)


def coverage(items: Iterable[EvidenceItem]) -> Coverage:
    total = Coverage()
    for item in items:
        total = total + item_coverage(item)
    return total


def coverage_by_code(items: Iterable[EvidenceItem]) -> dict[str, Coverage]:
    out: dict[str, Coverage] = {}
    for item in items:
        out[item.code] = out.get(item.code, Coverage()) + item_coverage(item)
    return out


def coverage_by_node(system: IndicatorSystem, items: Iterable[EvidenceItem]) -> dict[str, Coverage]:
    """Coverage for every indicator of the tree: a level-1/2 node sums its level-3 children."""
    per_leaf = coverage_by_code(items)
    out: dict[str, Coverage] = {}

    def visit(node) -> Coverage:  # type: ignore[no-untyped-def]
        if node.is_leaf:
            result = per_leaf.get(node.code, Coverage())
        else:
            result = Coverage()
            for child in node.children:
                result = result + visit(child)
        out[node.code] = result
        return result

    for root in system.roots:
        visit(root)
    return out


def codes_with_missing(items: Iterable[EvidenceItem]) -> set[str]:
    return {item.code for item in items if item.status == STATUS_MISSING}


def default_items(system: IndicatorSystem) -> list[tuple[str, int, str]]:
    """(code, ord, name) of the template's default items for every level-3 indicator."""
    out = []
    for node in system.leaves():
        seen: set[str] = set()
        for name in node.evidence:
            cleaned = " ".join(str(name).split())
            if cleaned and cleaned not in seen:
                seen.add(cleaned)
                out.append((node.code, len(seen) - 1, cleaned))
    return out


def format_size(size: int) -> str:
    """1536 → "1.5 KB"; sizes are shown the way file managers show them."""
    value = float(size)  # display only; never used in a score
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def safe_file_name(name: str, fallback: str = "未命名") -> str:
    """A name every desktop file system accepts (Windows is the strictest); keeps Chinese."""
    text = unicodedata.normalize("NFC", name)
    text = _ILLEGAL.sub("_", text).strip().rstrip(".")
    if not text or text in {".", ".."}:
        text = fallback
    stem = text.split(".")[0].upper()
    if stem in _RESERVED:
        text = "_" + text
    # Most file systems limit a name to 255 bytes; Chinese takes 3 bytes a character in UTF-8.
    while len(text.encode("utf-8")) > 240:
        head, dot, ext = text.rpartition(".")
        keep_ext = bool(dot and head and 0 < len(ext) <= 10)
        text = head[:-1] + "." + ext if keep_ext else text[:-1]
    return text


def unique_name(name: str, taken: set[str]) -> str:
    """``报告.pdf`` → ``报告 (2).pdf`` when taken (case-insensitively, as on Windows)."""
    lowered = {t.lower() for t in taken}
    if name.lower() not in lowered:
        return name
    head, dot, ext = name.rpartition(".")
    if not dot or not head:
        head, ext = name, ""
    n = 2
    while True:
        candidate = f"{head} ({n}).{ext}" if ext else f"{head} ({n})"
        if candidate.lower() not in lowered:
            return candidate
        n += 1
