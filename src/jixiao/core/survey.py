"""Satisfaction surveys: recognise an export's layout, count satisfied answers, combine surveys.

Pure functions on a grid of text cells (see ``jixiao.importers.tables``); no files, no Qt.

Terms: a *respondent* is a non-empty data row (after dropping duplicates when asked);
per question an answer is *blank*, *skipped* (问卷星 "(跳过)", or -2/-3 in the 按选项序号
export), *invalid* (excluded option, several answers to one question, not a number where
a number is expected) or *valid*; only valid answers form the denominator.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from typing import Any

from jixiao.core.errors import UserError
from jixiao.core.numbers import fmt_pct, q_rate

FORMAT_WJX = "wjx"  # 问卷星, answers as option texts
FORMAT_WJX_INDEX = "wjx_index"  # 问卷星 按选项序号: answers as option numbers, -2/-3 skipped
FORMAT_TENCENT = "tencent"  # 腾讯问卷
FORMAT_GENERIC = "generic"
FORMAT_NAMES = {
    FORMAT_WJX: "问卷星（按选项文本）",
    FORMAT_WJX_INDEX: "问卷星（按选项序号）",
    FORMAT_TENCENT: "腾讯问卷",
    FORMAT_GENERIC: "通用表格",
}

KIND_META = "meta"
KIND_QUESTION = "question"
KIND_EMPTY = "empty"

MODE_OPTIONS = "options"
MODE_THRESHOLD = "threshold"

COMBINE_COUNT = "count"  # pooled: Σ satisfied / Σ valid, i.e. weighted by answer count
COMBINE_WEIGHTS = "weights"  # Σ wᵢ·rateᵢ / Σ wᵢ with weights chosen by the user

DEFAULT_SATISFIED = ("非常满意", "满意")
MULTI_SEPARATOR = "┋"  # 问卷星 joins the answers of a multi-select question with it

# Options in the order a 5-point satisfaction scale is usually printed (for the chart).
SCALE_ORDER = (
    "非常满意",
    "很满意",
    "满意",
    "比较满意",
    "基本满意",
    "一般",
    "不太满意",
    "比较不满意",
    "不满意",
    "很不满意",
    "非常不满意",
    "不了解",
    "不清楚",
    "说不清",
)
SKIP_TEXTS = {"(跳过)", "（跳过）", "跳过"}
SKIP_CODES = {"-2", "-3"}  # 按选项序号: -2 skipped by logic, -3 not shown / not answered
BLANK_TEXTS = {"(空)", "（空）"}  # 问卷星 prints an unanswered optional question like this

WJX_META = {
    "序号",
    "提交答卷时间",
    "所用时间",
    "来源",
    "来源详情",
    "来自IP",
    "总分",
    "答题序号",
    "用户ID",
    "答卷编号",
    "自定义字段",
    "地理位置",
    "昵称",
    "微信昵称",
}
TENCENT_META = {
    "编号",
    "开始答题时间",
    "结束答题时间",
    "答题时长",
    "IP",
    "用户ID",
    "来源",
    "自定义字段",
    "微信昵称",
    "省份",
    "城市",
}
# "1、题干" (问卷星), "1.题干" (腾讯问卷), "Q1：题干", and matrix rows such as "5(服务态度)".
_QUESTION_RE = re.compile(r"^\s*[Qq]?(\d+)\s*(?:[、．.:：]|(?=[(（]))\s*(.*)$", re.S)
_GENERIC_META_RE = re.compile(
    r"(序号|编号|^id$|答卷|提交|时间|日期|用时|时长|^ip|ip$|ip地址|来源|渠道|地理位置|地区|省份|城市|"
    r"总分|得分|昵称|姓名|手机|电话|openid|设备|浏览器|操作系统|自定义)",
    re.I,
)
_ID_HEADERS = ("序号", "编号", "答卷编号", "答题序号", "用户ID", "ID", "id")
_NUMBER_RE = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)")
_INT_RE = re.compile(r"^-?\d+$")


class SurveyError(UserError, ValueError):
    """A survey that cannot be analysed (Chinese, user-facing)."""


# ---------------------------------------------------------------------------- layout
@dataclass(frozen=True)
class Column:
    index: int
    header: str
    kind: str  # KIND_META / KIND_QUESTION / KIND_EMPTY
    number: str = ""  # question number from the header ("2" for "2、您对……")
    title: str = ""  # question text without its number

    @property
    def label(self) -> str:
        return f"第{self.number}题" if self.number else (self.header or f"第{self.index + 1}列")


@dataclass(frozen=True)
class SurveyLayout:
    format: str
    header_row: int  # 0-based index into the table's rows
    columns: tuple[Column, ...]
    id_column: int | None = None
    ip_column: int | None = None

    def questions(self) -> list[Column]:
        return [c for c in self.columns if c.kind == KIND_QUESTION]

    def column(self, index: int) -> Column:
        return self.columns[index]

    def find_question(self, key: str) -> list[Column]:
        """Columns for ``--question N``: by question number, else by header text."""
        key = key.strip()
        found = [c for c in self.questions() if c.number == key]
        return found or [c for c in self.questions() if c.header.strip() == key]


def _clean(cell: str) -> str:
    return cell.replace("\ufeff", "").strip()


def detect_header_row(rows: Sequence[Sequence[str]], scan: int = 30) -> int:
    """The row that names the columns: a signature row of a known exporter, else the first
    row with the most text (non-numeric) cells that has a data row below it."""
    limit = min(len(rows), scan)
    for i in range(limit):
        cells = {_clean(c) for c in rows[i]}
        if (
            {"序号", "提交答卷时间"} <= cells
            or {"编号", "开始答题时间"} <= cells
            or ("来自IP" in cells and "序号" in cells)
            or ("答题时长" in cells and "编号" in cells)
        ):
            return i
    best, best_score = -1, 1
    for i in range(limit):
        texts = [c for c in (_clean(c) for c in rows[i]) if c and not _NUMBER_RE.fullmatch(c)]
        score = len(texts)
        if score > best_score and i + 1 < len(rows):
            best, best_score = i, score
    if best < 0:
        raise SurveyError(
            "找不到表头：前 30 行中没有一行包含两个以上的列名。请在表格中保留列名行，或手动指定表头所在行"
        )
    return best


def detect_layout(rows: Sequence[Sequence[str]], header_row: int | None = None) -> SurveyLayout:
    if not rows:
        raise SurveyError("表格没有内容")
    if header_row is None:
        header_row = detect_header_row(rows)
    if not 0 <= header_row < len(rows):
        raise SurveyError(f"表头行 {header_row + 1} 超出表格范围（共 {len(rows)} 行）")
    header = [_clean(c) for c in rows[header_row]]
    names = set(header)
    if "提交答卷时间" in names or ("序号" in names and "来自IP" in names):
        fmt = FORMAT_WJX
    elif "开始答题时间" in names or (
        "编号" in names and ("答题时长" in names or "结束答题时间" in names)
    ):
        fmt = FORMAT_TENCENT
    else:
        fmt = FORMAT_GENERIC
    data = rows[header_row + 1 :]
    columns: list[Column] = []
    for index, name in enumerate(header):
        match = _QUESTION_RE.match(name)
        if not name and not any(index < len(r) and r[index].strip() for r in data):
            columns.append(Column(index, name, KIND_EMPTY))
        elif fmt in (FORMAT_WJX, FORMAT_TENCENT):
            is_meta = (
                name in WJX_META or name in TENCENT_META or name.startswith("地理位置") or not match
            )
            if is_meta and name:
                columns.append(Column(index, name, KIND_META))
            elif match:
                columns.append(
                    Column(index, name, KIND_QUESTION, match.group(1), match.group(2).strip())
                )
            else:
                columns.append(Column(index, name, KIND_QUESTION, "", name))
        elif match and not _GENERIC_META_RE.search(name.split("、")[0]):
            columns.append(
                Column(index, name, KIND_QUESTION, match.group(1), match.group(2).strip())
            )
        elif name and _GENERIC_META_RE.search(name) and not _looks_like_question(name):
            columns.append(Column(index, name, KIND_META))
        else:
            columns.append(Column(index, name, KIND_QUESTION, "", name or f"第{index + 1}列"))
    if fmt == FORMAT_WJX and _answers_are_option_numbers(data, columns):
        fmt = FORMAT_WJX_INDEX
    id_column = next((header.index(h) for h in _ID_HEADERS if h in header), None)
    if id_column is None:  # e.g. "受访者编号", "答卷ID"
        id_column = next(
            (
                c.index
                for c in columns
                if c.kind == KIND_META
                and ("编号" in c.header or "序号" in c.header or c.header.upper().endswith("ID"))
            ),
            None,
        )
    ip_column = next(
        (i for i, h in enumerate(header) if h in ("来自IP", "IP", "IP地址", "填写者IP")), None
    )
    return SurveyLayout(fmt, header_row, tuple(columns), id_column, ip_column)


def _looks_like_question(header: str) -> bool:
    # "您对办理时间是否满意？" names a time but asks a question.
    return "满意" in header or header.rstrip().endswith(("?", "？")) or header.startswith("您")


def _answers_are_option_numbers(data: Sequence[Sequence[str]], columns: Sequence[Column]) -> bool:
    questions = [c.index for c in columns if c.kind == KIND_QUESTION]
    seen = False
    for row in data[:500]:
        for index in questions:
            cell = row[index].strip() if index < len(row) else ""
            if not cell:
                continue
            if not _INT_RE.match(cell):
                return False
            seen = True
    return seen


def with_kinds(layout: SurveyLayout, kinds: dict[int, str]) -> SurveyLayout:
    """The layout with some columns re-marked as metadata or question by the user."""
    columns = []
    for column in layout.columns:
        kind = kinds.get(column.index, column.kind)
        if kind == KIND_QUESTION and not column.title:
            column = replace(column, title=column.header or f"第{column.index + 1}列")
        columns.append(replace(column, kind=kind))
    return replace(layout, columns=tuple(columns))


def suggest_satisfaction_questions(layout: SurveyLayout) -> list[int]:
    """Question columns whose wording asks about satisfaction (满意)."""
    found = [c.index for c in layout.questions() if "满意" in c.header]
    return found


# ---------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class QuestionRule:
    """What counts as satisfied for one question column."""

    column: int
    mode: str = MODE_OPTIONS
    satisfied: tuple[str, ...] = DEFAULT_SATISFIED
    excluded: tuple[str, ...] = ()  # answers left out as invalid (e.g. 不了解)
    threshold: Decimal | None = None  # MODE_THRESHOLD: satisfied when value ≥ threshold
    scale_min: Decimal | None = None  # MODE_THRESHOLD: values outside [min, max] are invalid
    scale_max: Decimal | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "mode": self.mode,
            "satisfied": list(self.satisfied),
            "excluded": list(self.excluded),
            "threshold": None if self.threshold is None else str(self.threshold),
            "scale_min": None if self.scale_min is None else str(self.scale_min),
            "scale_max": None if self.scale_max is None else str(self.scale_max),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuestionRule:
        def dec(key: str) -> Decimal | None:
            value = data.get(key)
            return None if value in (None, "") else Decimal(str(value))

        return cls(
            column=int(data["column"]),
            mode=data.get("mode", MODE_OPTIONS),
            satisfied=tuple(data.get("satisfied", DEFAULT_SATISFIED)),
            excluded=tuple(data.get("excluded", ())),
            threshold=dec("threshold"),
            scale_min=dec("scale_min"),
            scale_max=dec("scale_max"),
        )

    def describe(self) -> str:
        if self.mode == MODE_THRESHOLD:
            text = f"≥ {self.threshold}"
            if self.scale_min is not None or self.scale_max is not None:
                text += (
                    f"（有效范围 {self.scale_min if self.scale_min is not None else '…'}–"
                    f"{self.scale_max if self.scale_max is not None else '…'}）"
                )
            return text
        return "、".join(self.satisfied) or "（未选择）"


@dataclass(frozen=True)
class DuplicatePolicy:
    by_id: bool = True  # the same respondent ID (序号 / 编号) twice
    by_ip_answers: bool = False  # the same IP with identical answers to every question
    drop: bool = True  # leave the later copies out of the counts

    def to_json(self) -> dict[str, bool]:
        return {"by_id": self.by_id, "by_ip_answers": self.by_ip_answers, "drop": self.drop}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DuplicatePolicy:
        return cls(
            bool(data.get("by_id", True)),
            bool(data.get("by_ip_answers", False)),
            bool(data.get("drop", True)),
        )


@dataclass(frozen=True)
class SurveyConfig:
    header_row: int
    questions: tuple[QuestionRule, ...]
    duplicates: DuplicatePolicy = field(default_factory=DuplicatePolicy)
    kinds: dict[int, str] = field(default_factory=dict)  # user's changes to column kinds

    def to_json(self) -> dict[str, Any]:
        return {
            "header_row": self.header_row,
            "questions": [q.to_json() for q in self.questions],
            "duplicates": self.duplicates.to_json(),
            "kinds": {str(k): v for k, v in sorted(self.kinds.items())},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SurveyConfig:
        return cls(
            header_row=int(data.get("header_row", 0)),
            questions=tuple(QuestionRule.from_json(q) for q in data.get("questions", [])),
            duplicates=DuplicatePolicy.from_json(data.get("duplicates", {})),
            kinds={int(k): v for k, v in data.get("kinds", {}).items()},
        )


def default_rule(column: int, answers: Iterable[str], fmt: str) -> QuestionRule:
    """Option texts 非常满意 + 满意; for option-number exports 1 + 2 (the usual order
    非常满意, 满意, 一般, ... — the user sees the numbers in the distribution and can change it)."""
    if fmt == FORMAT_WJX_INDEX:
        return QuestionRule(column, MODE_OPTIONS, ("1", "2"))
    present = set(answers) - SKIP_TEXTS - BLANK_TEXTS
    excluded = tuple(a for a in ("不了解", "不清楚", "说不清", "不知道") if a in present)
    numbers = [Decimal(m.group(1)) for a in present if (m := _NUMBER_RE.fullmatch(a))]
    if (
        not present & set(DEFAULT_SATISFIED)
        and len(numbers) >= 2
        and len(numbers) * 2 >= len(present)
    ):
        # A numeric scale (a stray "不知道" is then invalid): ≥ 4 on a 5-point scale, ≥ 8 on 10.
        top = max(numbers)
        threshold = (top * Decimal("0.8")).to_integral_value() if top > 1 else top
        return QuestionRule(column, MODE_THRESHOLD, (), excluded, threshold)
    return QuestionRule(column, MODE_OPTIONS, DEFAULT_SATISFIED, excluded)


def default_config(
    rows: Sequence[Sequence[str]], layout: SurveyLayout, questions: Sequence[int] | None = None
) -> SurveyConfig:
    chosen = list(questions) if questions is not None else suggest_satisfaction_questions(layout)
    if questions is None and not chosen and len(layout.questions()) == 1:
        chosen = [layout.questions()[0].index]
    data = rows[layout.header_row + 1 :]
    rules = []
    for index in chosen:
        answers = {_clean(r[index]) for r in data[:2000] if index < len(r) and r[index].strip()}
        rules.append(default_rule(index, answers, layout.format))
    return SurveyConfig(layout.header_row, tuple(rules))


# ---------------------------------------------------------------------------- results
BLANK, SKIPPED, INVALID, VALID, SATISFIED = range(5)


@dataclass(frozen=True)
class QuestionResult:
    column: int
    label: str
    title: str
    rule: QuestionRule
    respondents: int
    valid: int
    satisfied: int
    blank: int
    skipped: int
    invalid: int
    distribution: tuple[tuple[str, int], ...]  # every non-blank answer with its count, scale order

    @property
    def rate(self) -> Decimal | None:
        return q_rate(Decimal(self.satisfied) / Decimal(self.valid)) if self.valid else None

    @property
    def rate_text(self) -> str:
        return fmt_pct(Decimal(self.satisfied) / Decimal(self.valid)) if self.valid else "—"

    def to_json(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "label": self.label,
            "title": self.title,
            "rule": self.rule.to_json(),
            "respondents": self.respondents,
            "valid": self.valid,
            "satisfied": self.satisfied,
            "blank": self.blank,
            "skipped": self.skipped,
            "invalid": self.invalid,
            "distribution": [list(p) for p in self.distribution],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuestionResult:
        return cls(
            column=data["column"],
            label=data["label"],
            title=data["title"],
            rule=QuestionRule.from_json(data["rule"]),
            respondents=data["respondents"],
            valid=data["valid"],
            satisfied=data["satisfied"],
            blank=data["blank"],
            skipped=data["skipped"],
            invalid=data["invalid"],
            distribution=tuple((str(a), int(n)) for a, n in data["distribution"]),
        )


@dataclass(frozen=True)
class Duplicate:
    row_no: int  # file row (1-based) of the later copy
    first_row_no: int  # file row it repeats
    reason: str  # "id" or "ip"

    def describe(self) -> str:
        why = "答卷编号相同" if self.reason == "id" else "IP 相同且答案完全相同"
        return f"第 {self.row_no} 行与第 {self.first_row_no} 行重复（{why}）"


@dataclass(frozen=True)
class SurveyResult:
    format: str
    rows: int  # non-empty data rows in the file
    respondents: int  # rows counted (duplicates dropped when the policy says so)
    duplicates: tuple[Duplicate, ...]
    dropped: int
    questions: tuple[QuestionResult, ...]

    @property
    def valid(self) -> int:
        return sum(q.valid for q in self.questions)

    @property
    def satisfied(self) -> int:
        return sum(q.satisfied for q in self.questions)

    @property
    def excluded(self) -> int:
        return sum(q.blank + q.skipped + q.invalid for q in self.questions)

    @property
    def ratio(self) -> Decimal | None:
        return Decimal(self.satisfied) / Decimal(self.valid) if self.valid else None

    @property
    def rate(self) -> Decimal | None:
        ratio = self.ratio
        return None if ratio is None else q_rate(ratio)

    @property
    def rate_text(self) -> str:
        ratio = self.ratio
        return "—" if ratio is None else fmt_pct(ratio)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "rows": self.rows,
            "respondents": self.respondents,
            "duplicates": [[d.row_no, d.first_row_no, d.reason] for d in self.duplicates],
            "dropped": self.dropped,
            "questions": [q.to_json() for q in self.questions],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SurveyResult:
        return cls(
            format=data["format"],
            rows=data["rows"],
            respondents=data["respondents"],
            duplicates=tuple(Duplicate(int(a), int(b), str(c)) for a, b, c in data["duplicates"]),
            dropped=data["dropped"],
            questions=tuple(QuestionResult.from_json(q) for q in data["questions"]),
        )


def classify(answer: str, rule: QuestionRule, fmt: str) -> int:
    """BLANK / SKIPPED / INVALID / VALID (not satisfied) / SATISFIED for one cleaned answer."""
    if not answer or answer in BLANK_TEXTS:
        return BLANK
    if answer in SKIP_TEXTS or (fmt == FORMAT_WJX_INDEX and answer in SKIP_CODES):
        return SKIPPED
    if answer in rule.excluded or MULTI_SEPARATOR in answer:
        return INVALID
    if rule.mode == MODE_THRESHOLD:
        match = _NUMBER_RE.match(answer)
        if not match:
            return INVALID
        try:
            value = Decimal(match.group(1))
        except InvalidOperation:
            return INVALID
        if (rule.scale_min is not None and value < rule.scale_min) or (
            rule.scale_max is not None and value > rule.scale_max
        ):
            return INVALID
        return SATISFIED if rule.threshold is not None and value >= rule.threshold else VALID
    if fmt == FORMAT_WJX_INDEX and not _INT_RE.match(answer):
        return INVALID
    return SATISFIED if answer in rule.satisfied else VALID


def find_duplicates(
    data: Sequence[tuple[int, Sequence[str]]], layout: SurveyLayout, policy: DuplicatePolicy
) -> list[Duplicate]:
    """Later copies of a respondent; the first occurrence is kept."""
    found: list[Duplicate] = []
    by_id: dict[str, int] = {}
    by_ip: dict[tuple[str, ...], int] = {}
    question_columns = [c.index for c in layout.questions()]
    id_col, ip_col = layout.id_column, layout.ip_column
    for row_no, row in data:
        if policy.by_id and id_col is not None:
            key = row[id_col].strip() if id_col < len(row) else ""
            if key:
                if key in by_id:
                    found.append(Duplicate(row_no, by_id[key], "id"))
                    continue
                by_id[key] = row_no
        if policy.by_ip_answers and ip_col is not None:
            ip = row[ip_col].strip() if ip_col < len(row) else ""
            if ip:
                # 问卷星 writes "1.2.3.4(江苏-南京)": the address alone identifies the device.
                ip_key = (
                    ip.split("(")[0].split("（")[0].strip(),
                    *(row[i].strip() if i < len(row) else "" for i in question_columns),
                )
                if ip_key in by_ip:
                    found.append(Duplicate(row_no, by_ip[ip_key], "ip"))
                    continue
                by_ip[ip_key] = row_no
    return found


def data_rows(rows: Sequence[Sequence[str]], header_row: int) -> list[tuple[int, Sequence[str]]]:
    """(file row number, cells) of every non-empty row below the header."""
    out = []
    for offset, row in enumerate(rows[header_row + 1 :], start=header_row + 2):
        # any() runs in C; the strip() check only matters for rows of blanks and spaces.
        if any(row) and (row[0].strip() or any(cell.strip() for cell in row)):
            out.append((offset, row))
    return out


def analyse(
    data: Sequence[tuple[int, Sequence[str]]], layout: SurveyLayout, config: SurveyConfig
) -> SurveyResult:
    """Count every chosen question of a survey. ``data`` is ``data_rows(...)``."""
    if not config.questions:
        raise SurveyError("尚未选择满意度题目：请至少勾选一道题")
    duplicates = find_duplicates(data, layout, config.duplicates)
    if config.duplicates.drop and duplicates:
        drop = {d.row_no for d in duplicates}
        kept = [(n, r) for n, r in data if n not in drop]
    else:
        kept = list(data)
    results = []
    cells = [row for _, row in kept]
    width = min(map(len, cells), default=0)
    for rule in config.questions:
        if not 0 <= rule.column < len(layout.columns):
            raise SurveyError(f"第 {rule.column + 1} 列不存在")
        column = layout.columns[rule.column]
        index = rule.column
        if index < width:
            # Counted in C (Counter over itemgetter), then classified once per distinct answer.
            counts = Counter(map(itemgetter(index), cells))
        else:
            counts = Counter(row[index] if index < len(row) else "" for row in cells)
        tally = [0, 0, 0, 0, 0]
        distribution: Counter[str] = Counter()
        for raw, n in counts.items():
            answer = _clean(raw)
            tally[classify(answer, rule, layout.format)] += n
            if answer and answer not in BLANK_TEXTS:
                distribution[answer] += n
        results.append(
            QuestionResult(
                column=index,
                label=column.label,
                title=column.title or column.header,
                rule=rule,
                respondents=len(kept),
                valid=tally[VALID] + tally[SATISFIED],
                satisfied=tally[SATISFIED],
                blank=tally[BLANK],
                skipped=tally[SKIPPED],
                invalid=tally[INVALID],
                distribution=tuple(sorted(distribution.items(), key=answer_order)),
            )
        )
    return SurveyResult(
        format=layout.format,
        rows=len(data),
        respondents=len(kept),
        duplicates=tuple(duplicates),
        dropped=len(data) - len(kept),
        questions=tuple(results),
    )


def answer_order(item: tuple[str, int]) -> tuple[int, Decimal, str]:
    """Sort key for (answer, count): the satisfaction scale in its printed order, then
    numbers ascending, then other texts by count, skipped last."""
    answer, count = item
    if answer in SCALE_ORDER:
        return (0, Decimal(SCALE_ORDER.index(answer)), "")
    match = _NUMBER_RE.fullmatch(answer)
    if match:
        return (1, Decimal(match.group(1)), "")
    if answer in SKIP_TEXTS:
        return (3, Decimal(0), answer)
    return (2, Decimal(-count), answer)


def require_valid(result: SurveyResult, file_name: str) -> None:
    """Refuse a survey without a single valid answer (it cannot give a rate)."""
    for question in result.questions:
        if question.valid == 0:
            raise SurveyError(
                f"文件“{file_name}”的{question.label}（{question.title[:30]}）没有有效答案："
                f"空白 {question.blank}，跳过 {question.skipped}，无效 {question.invalid}"
            )


# ---------------------------------------------------------------------------- combining
@dataclass(frozen=True)
class Combined:
    mode: str
    numerator: int  # Σ satisfied (both modes, for display)
    denominator: int  # Σ valid
    ratio: Decimal  # unrounded for COMBINE_COUNT, weighted mean for COMBINE_WEIGHTS
    parts: tuple[tuple[str, Decimal | None], ...]  # (survey name, weight used)

    @property
    def rate(self) -> Decimal:
        return q_rate(self.ratio)

    @property
    def rate_text(self) -> str:
        return fmt_pct(self.ratio)

    def derived_input(self) -> dict[str, str]:
        """What the satisfaction indicator's rule reads (``set_derived``)."""
        if self.mode == COMBINE_WEIGHTS and len(self.parts) > 1:
            return {"value": str(self.rate)}
        return {"numerator": str(self.numerator), "denominator": str(self.denominator)}


def combine(
    parts: Sequence[tuple[str, SurveyResult, Decimal | None]], mode: str = COMBINE_COUNT
) -> Combined | None:
    """Combine several surveys (e.g. 社会公众 and 受益对象) into one rate.

    COMBINE_COUNT pools the answers (Σ satisfied / Σ valid): each survey counts by its
    number of answers. COMBINE_WEIGHTS averages the survey rates with the chosen weights
    (every survey needs a weight); the weighted rate is rounded half-up to 0.01%.
    """
    parts = [p for p in parts if p[1].valid]
    if not parts:
        return None
    numerator = sum(r.satisfied for _, r, _ in parts)
    denominator = sum(r.valid for _, r, _ in parts)
    if mode == COMBINE_WEIGHTS and len(parts) > 1:
        missing = [name for name, _, w in parts if w is None or w < 0]
        if missing:
            raise SurveyError(f"按权重合并需要为每份问卷填写权重（尚未填写：{'、'.join(missing)}）")
        weights = [w for _, _, w in parts if w is not None]
        total = sum(weights, Decimal(0))
        if total <= 0:
            raise SurveyError("按权重合并需要至少一份问卷的权重大于 0")
        ratio = (
            sum(
                (w * (r.ratio or Decimal(0)) for w, (_, r, _) in zip(weights, parts, strict=True)),
                Decimal(0),
            )
            / total
        )
        return Combined(
            mode,
            numerator,
            denominator,
            ratio,
            tuple((n, w) for (n, _, _), w in zip(parts, weights, strict=True)),
        )
    return Combined(
        COMBINE_COUNT if mode != COMBINE_WEIGHTS else mode,
        numerator,
        denominator,
        Decimal(numerator) / Decimal(denominator),
        tuple((n, None) for n, _, _ in parts),
    )
