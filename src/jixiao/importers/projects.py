"""Read a project list (项目登记表) from xlsx / xls / csv into ``Project`` objects.

The steps are separate so the GUI can show each one to the user:

1. ``read_table`` (jixiao.importers.tables) gives every cell as text;
2. ``match_headers`` finds the header row and maps columns to fields, saying which
   matches it is unsure of (the GUI then shows its column-mapping dialog);
3. ``parse_table`` turns the rows into projects and lists every problem as
   (row, column, value, why) — nothing is written;
4. ``classify`` tells what ``EvaluationFile.upsert_projects`` would add / update / leave.

The cell parsers (``parse_amount``, ``parse_date``, ``parse_flag`` ...) are also used by
the registry tab for edits typed into the table, so a value means the same everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from jixiao.core.errors import UserError
from jixiao.core.numbers import ZERO, fmt_money
from jixiao.core.projects import PROJECT_FIELDS, STATUSES, Project, validate_project
from jixiao.importers.tables import ImportFileError, Table, column_letter, read_table

__all__ = [
    "AMOUNT_UNITS",
    "COLUMNS",
    "ColumnSpec",
    "HeaderMatch",
    "ImportFileError",
    "ImportPreview",
    "RowProblem",
    "align_amounts",
    "canonical_amount",
    "classify",
    "load_project_list",
    "match_headers",
    "parse_amount",
    "parse_date",
    "parse_flag",
    "parse_on_time",
    "parse_status",
    "parse_table",
]

# Kinds of cells.
TEXT, INT, MONEY, DATE, FLAG, TRISTATE, STATUS, DERIVED = (
    "text",
    "int",
    "money",
    "date",
    "flag",
    "tristate",
    "status",
    "derived",
)

# How amounts in the file are read: from the header (元 / 万元, default 万元), or forced.
UNIT_AUTO, UNIT_WAN, UNIT_YUAN = "auto", "wan", "yuan"
AMOUNT_UNITS = {
    UNIT_AUTO: "按表头判断（未注明按万元）",
    UNIT_WAN: "万元",
    UNIT_YUAN: "元（除以 10,000 折算为万元）",
}
TEN_THOUSAND = Decimal(10000)
# 1 分 = 0.000001 万元: amounts are kept to that precision and no finer, so float noise
# from a spreadsheet (0.30000000000000004) never makes a re-import look like a change.
AMOUNT_STEP = Decimal("0.000001")


@dataclass(frozen=True)
class ColumnSpec:
    field: str  # Project attribute ('' for the derived execution rate)
    header: str  # the header written by the template and the export
    kind: str
    aliases: tuple[str, ...] = ()  # other headers that mean the same (normalised form)
    required: bool = False


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("seq", "序号", INT, ("序号", "编号", "no", "no.", "序", "行号")),
    ColumnSpec(
        "name", "项目名称", TEXT, ("项目名称", "项目", "项目名", "名称", "项目全称"), required=True
    ),
    ColumnSpec(
        "unit",
        "建设单位",
        TEXT,
        (
            "建设单位",
            "单位",
            "项目单位",
            "实施单位",
            "责任单位",
            "项目建设单位",
            "单位名称",
            "承担单位",
        ),
        required=True,
    ),
    ColumnSpec(
        "batch",
        "批次/文号",
        TEXT,
        (
            "批次/文号",
            "批次",
            "文号",
            "批次文号",
            "下达文号",
            "批次或文号",
            "资金文号",
            "批复文号",
            "批次、文号",
        ),
    ),
    ColumnSpec(
        "domain", "领域", TEXT, ("领域", "所属领域", "类别", "项目类别", "项目类型", "行业领域")
    ),
    ColumnSpec(
        "budget",
        "预算金额(万元)",
        MONEY,
        (
            "预算金额",
            "预算",
            "预算数",
            "年初预算",
            "下达金额",
            "预算资金",
            "安排金额",
            "批复金额",
            "项目预算",
        ),
    ),
    ColumnSpec(
        "adjusted_budget",
        "调整后预算(万元)",
        MONEY,
        ("调整后预算", "调整后预算数", "调整预算", "调整后预算金额", "预算调整数"),
    ),
    ColumnSpec(
        "funds_in_place",
        "到位资金(万元)",
        MONEY,
        ("到位资金", "资金到位", "到位金额", "实际到位", "到位数", "资金到位数"),
    ),
    ColumnSpec(
        "paid",
        "实际支付(万元)",
        MONEY,
        (
            "实际支付",
            "支付金额",
            "已支付",
            "实际支出",
            "执行金额",
            "支出金额",
            "实际支付金额",
            "已支付金额",
            "支付数",
            "执行数",
        ),
    ),
    ColumnSpec("", "执行率", DERIVED, ("执行率", "预算执行率", "支付率")),
    ColumnSpec("status", "状态", STATUS, ("状态", "项目状态", "建设状态", "进展", "项目进展")),
    ColumnSpec(
        "planned_date",
        "计划完成日期",
        DATE,
        ("计划完成日期", "计划完成时间", "计划完成", "计划完工日期", "计划竣工日期"),
    ),
    ColumnSpec(
        "accepted_date",
        "实际验收日期",
        DATE,
        ("实际验收日期", "验收日期", "验收时间", "实际验收时间", "完成验收日期"),
    ),
    ColumnSpec(
        "sampled", "纳入抽查", FLAG, ("纳入抽查", "抽查", "是否抽查", "抽查项目", "是否纳入抽查")
    ),
    ColumnSpec(
        "planned_output", "计划产出", FLAG, ("计划产出", "是否计划产出", "计划", "纳入计划")
    ),
    ColumnSpec("completed", "已完成", FLAG, ("已完成", "是否完成", "完成", "已完成产出")),
    ColumnSpec("acceptance_due", "应验收", FLAG, ("应验收", "是否应验收", "应验收项目")),
    ColumnSpec(
        "accepted", "已验收", FLAG, ("已验收", "验收合格", "是否验收", "已验收合格", "是否验收合格")
    ),
    ColumnSpec(
        "on_time",
        "按期完成",
        TRISTATE,
        ("按期完成", "是否按期完成", "按时完成", "按期", "是否按期"),
    ),
    ColumnSpec("note", "备注", TEXT, ("备注", "说明", "备注说明")),
)
SPEC_BY_FIELD = {spec.field: spec for spec in COLUMNS if spec.field}
IMPORTABLE = tuple(spec for spec in COLUMNS if spec.kind != DERIVED)

TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "对", "t", "是的"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "✗", "✘", "x", "无", "不", "f", "不是"}
BLANK_WORDS = {"", "-", "—", "/", "／", "空", "无需", "不适用", "n/a", "na", "未到期"}
STATUS_ALIASES = {
    "建设中": "在建",
    "在建中": "在建",
    "实施中": "在建",
    "未完成": "在建",
    "试运行中": "试运行",
    "验收": "已验收",
    "已完成验收": "已验收",
    "验收完成": "已验收",
    "完成验收": "已验收",
    "运行": "投入运行",
    "已运行": "投入运行",
    "运行中": "投入运行",
    "已投入运行": "投入运行",
    "上线运行": "投入运行",
    "已终止": "终止",
    "取消": "终止",
    "已取消": "终止",
    "中止": "终止",
}
TOTAL_LABELS = ("合计", "总计", "小计", "汇总")
EXAMPLE_PREFIX = "示例："  # the template's example row (export.projects_xlsx.EXAMPLE)


class CellError(UserError, ValueError):
    """A cell that cannot be read; the message (Chinese) says why."""


# ---------------------------------------------------------------------------- cell parsers
def _clean(text: str, *, fold: bool = True) -> str:
    # NFKC folds full-width digits and letters (１２．５, ＹＥＳ) for numbers, dates and flags;
    # names and notes keep their full-width punctuation（）：exactly as typed.
    text = (unicodedata.normalize("NFKC", text) if fold else text).strip()
    # A leading apostrophe is how the export neutralises = + - @ (formula injection).
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def canonical_amount(value: Decimal) -> Decimal:
    """An amount in 万元 as stored: at most 6 decimals (1 分), at least 2 ("1000.00")."""
    value = value.quantize(AMOUNT_STEP)
    text = format(value, "f").rstrip("0")
    whole, _, frac = text.partition(".")
    return Decimal(f"{whole}.{frac.ljust(2, '0')}")


def parse_amount(text: str, *, yuan: bool = False, optional: bool = False) -> Decimal | None:
    """'17,641.06' → Decimal('17641.06'); '176,410,600 元' with yuan → 17641.06 (万元).

    Empty cells are 0 (or None when ``optional``). Negative amounts are returned as read;
    ``validate_project`` refuses them with its own message.
    """
    raw = _clean(text)
    cleaned = raw.replace(",", "").replace(" ", "").replace("¥", "").replace("￥", "")
    if cleaned.endswith("万元"):
        cleaned = cleaned[:-2]
    elif cleaned.endswith("元"):
        cleaned, yuan = cleaned[:-1], True
    elif cleaned.endswith("万"):
        cleaned = cleaned[:-1]
    if cleaned in BLANK_WORDS:
        return None if optional else canonical_amount(ZERO)
    if cleaned.startswith("(") and cleaned.endswith(")"):  # accounting negative: (1,000.00)
        cleaned = "-" + cleaned[1:-1]
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellError("不是金额数字") from None
    if not value.is_finite():
        raise CellError("不是金额数字")
    if yuan:
        value = value / TEN_THOUSAND
    return canonical_amount(value)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(text: str) -> date | None:
    """'2021-01-28', '2021/1/28', '2021.1.28', '2021年1月28日', '20210128' or an Excel serial
    number (44224); empty → None."""
    raw = _clean(text)
    if raw in BLANK_WORDS:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.match(raw)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return date(y, mo, d)
            except ValueError:
                raise CellError("日期不存在") from None
    if re.fullmatch(r"\d{5}(\.0+)?", raw):  # a date cell read as its serial number
        serial = int(float(raw))
        if 20000 <= serial <= 80000:
            return _EXCEL_EPOCH + timedelta(days=serial)
    try:
        return datetime.fromisoformat(raw).date()
    except ValueError:
        raise CellError("不是有效日期（应为 2021-06-30 这样的格式）") from None


def parse_flag(text: str) -> bool:
    """是/否, √/×, Y/N, 1/0, TRUE/FALSE; empty is 否."""
    raw = _clean(text).lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS or raw in BLANK_WORDS:
        return False
    raise CellError("应为“是”或“否”")


def parse_on_time(text: str) -> bool | None:
    """按期完成: 是 / 否 / 空 (未到期、不适用)."""
    raw = _clean(text).lower()
    if raw in BLANK_WORDS:
        return None
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise CellError("应为“是”“否”或留空（未到期）")


def parse_status(text: str) -> str:
    raw = _clean(text).replace(" ", "")
    if not raw:
        return "在建"
    if raw in STATUSES:
        return raw
    if raw in STATUS_ALIASES:
        return STATUS_ALIASES[raw]
    raise CellError(f"状态应为 {' / '.join(STATUSES)} 之一")


def parse_int(text: str) -> int:
    raw = _clean(text)
    if not raw:
        return 0
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation:
        raise CellError("序号应为整数") from None
    if value != value.to_integral_value() or value < 0:
        raise CellError("序号应为非负整数")
    return int(value)


def parse_text(text: str) -> str:
    return _clean(text, fold=False)


# ---------------------------------------------------------------------------- cell formats
def format_amount(value: Decimal | None) -> str:
    return (
        ""
        if value is None
        else fmt_money(value)
        if value == value.quantize(Decimal("0.01"))
        else f"{value:,}"
    )


def format_flag(value: bool) -> str:
    return "是" if value else "否"


def format_on_time(value: bool | None) -> str:
    return "" if value is None else format_flag(value)


def format_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def cell_value(project: Project, field_name: str) -> str:
    """A field as text in the import/export format (amounts without thousands separators)."""
    spec = SPEC_BY_FIELD[field_name]
    value = getattr(project, field_name)
    if spec.kind == MONEY:
        return "" if value is None else format(value, "f")
    if spec.kind == DATE:
        return format_date(value)
    if spec.kind == FLAG:
        return format_flag(value)
    if spec.kind == TRISTATE:
        return format_on_time(value)
    if spec.kind == INT:
        return str(value) if value else ""
    return str(value)


def parse_cell(field_name: str, text: str, *, yuan: bool = False) -> Any:
    """Parse one cell for ``field_name``; raises CellError with the Chinese reason."""
    kind = SPEC_BY_FIELD[field_name].kind
    if kind == MONEY:
        return parse_amount(text, yuan=yuan, optional=field_name == "adjusted_budget")
    if kind == DATE:
        return parse_date(text)
    if kind == FLAG:
        return parse_flag(text)
    if kind == TRISTATE:
        return parse_on_time(text)
    if kind == STATUS:
        return parse_status(text)
    if kind == INT:
        return parse_int(text)
    return parse_text(text)


# ---------------------------------------------------------------------------- headers
def normalise_header(text: str) -> tuple[str, str | None]:
    """('预算金额', '万元') from '预算金额（万元）'; the unit is '元', '万元' or None."""
    h = unicodedata.normalize("NFKC", text).strip().lower()
    h = re.sub(r"\s+", "", h).replace("／", "/").replace("\\", "/")
    unit = None
    m = re.search(r"[(\[【]?(万元|元)[)\]】]?$", h)
    if m:
        unit = m.group(1)
        h = h[: m.start()]
    h = re.sub(r"[(\[【][^)\]】]*[)\]】]", "", h)  # other remarks in brackets: 状态（在建/…）
    h = h.strip("*:：")
    return h, unit


@dataclass
class HeaderMatch:
    header_row: int  # index into Table.rows
    headers: list[str]  # the header row as in the file
    mapping: dict[int, str]  # column index -> field ('' = 执行率, ignored)
    yuan_columns: set[int] = field(default_factory=set)  # money columns whose header says 元
    unsure: dict[int, str] = field(
        default_factory=dict
    )  # column index -> why the match is doubtful
    missing: list[str] = field(default_factory=list)  # required fields with no column

    @property
    def confident(self) -> bool:
        return not self.unsure and not self.missing

    def field_columns(self) -> dict[str, int]:
        return {f: c for c, f in self.mapping.items() if f}


def _match_one(header: str) -> tuple[str | None, bool]:
    """(field, sure) for one header cell."""
    base, _ = normalise_header(header)
    if not base:
        return None, True
    for spec in COLUMNS:
        if base == spec.header.split("(")[0] or base in spec.aliases:
            return spec.field, True
    # Fuzzy: the longest alias contained in the header (项目预算金额合计 → 预算金额), or a
    # header contained in an alias; the user confirms such guesses in the mapping dialog.
    best: tuple[int, str] | None = None
    for spec in COLUMNS:
        for alias in spec.aliases:
            if len(alias) >= 2 and (alias in base or (len(base) >= 2 and base in alias)):
                score = len(alias)
                if best is None or score > best[0]:
                    best = (score, spec.field)
    return (best[1], False) if best else (None, True)


def match_headers(rows: list[list[str]], *, scan: int = 15) -> HeaderMatch:
    """Find the header row among the first ``scan`` rows (a title line may come first) and
    map its columns to project fields."""
    best_row, best_hits = 0, -1
    for index, row in enumerate(rows[:scan]):
        hits = sum(1 for cell in row if _match_one(cell)[0] is not None and _match_one(cell)[1])
        if hits > best_hits:
            best_row, best_hits = index, hits
    headers = list(rows[best_row]) if rows else []
    mapping: dict[int, str] = {}
    unsure: dict[int, str] = {}
    yuan: set[int] = set()
    taken: dict[str, int] = {}
    for col, header in enumerate(headers):
        target, sure = _match_one(header)
        if target is None:
            continue
        if target in taken:
            unsure[col] = f"与第 {column_letter(taken[target])} 列都像“{_label(target)}”"
            continue
        taken[target] = col
        mapping[col] = target
        if not sure:
            unsure[col] = f"猜测为“{_label(target)}”"
        if target and SPEC_BY_FIELD[target].kind == MONEY and normalise_header(header)[1] == "元":
            yuan.add(col)
    missing = [spec.field for spec in COLUMNS if spec.required and spec.field not in taken]
    return HeaderMatch(best_row, headers, mapping, yuan, unsure, missing)


def _label(field_name: str) -> str:
    return SPEC_BY_FIELD[field_name].header if field_name else "执行率"


# ---------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class RowProblem:
    row: int  # file row number (1-based, as Excel shows it)
    column: str  # e.g. "F 预算金额(万元)"
    value: str
    why: str
    error: bool = True  # False: a warning that does not stop the import

    def __str__(self) -> str:
        kind = "错误" if self.error else "提醒"
        where = f"第 {self.row} 行" + (f" {self.column} 列" if self.column else "")
        value = f"“{self.value}”" if self.value else ""
        return f"{kind}：{where}{value}：{self.why}"


@dataclass
class ImportPreview:
    table: Table
    match: HeaderMatch
    amount_unit: str
    projects: list[Project]
    rows: list[int]  # file row number of each project
    problems: list[RowProblem]
    skipped: int = 0  # blank and totals rows

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.error]

    @property
    def warnings(self) -> list[RowProblem]:
        return [p for p in self.problems if not p.error]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.projects)


def _is_total_row(cells: Iterable[str]) -> bool:
    first = next((c.strip() for c in cells if c.strip()), "")
    return first.replace(" ", "").startswith(TOTAL_LABELS)


def parse_table(table: Table, match: HeaderMatch, *, amount_unit: str = UNIT_AUTO) -> ImportPreview:
    """Turn the rows below the header into projects, collecting every problem."""
    columns = match.field_columns()
    problems: list[RowProblem] = []
    projects: list[Project] = []
    row_numbers: list[int] = []
    skipped = 0
    for spec_field in match.missing:
        problems.append(RowProblem(match.header_row + 1, "", "", f"缺少“{_label(spec_field)}”列"))
    for col, header in enumerate(match.headers):
        if header.strip() and col not in match.mapping:
            problems.append(
                RowProblem(
                    match.header_row + 1,
                    f"{column_letter(col)} {header.strip()}",
                    "",
                    "未识别的列，已忽略（可在列对应中指定）",
                    error=False,
                )
            )
    if "budget" not in columns:
        problems.append(
            RowProblem(
                match.header_row + 1,
                "",
                "",
                "缺少“预算金额”列：新项目的预算记为 0，已登记项目保持原有金额",
                error=False,
            )
        )

    def column_name(col: int) -> str:
        header = match.headers[col].strip() if col < len(match.headers) else ""
        return f"{column_letter(col)} {header}".strip()

    seen: dict[tuple[str, str], int] = {}
    for index in range(match.header_row + 1, len(table.rows)):
        cells = table.rows[index]
        row_no = index + 1
        mapped = [cells[c] for c in columns.values() if c < len(cells)]
        if not any(c.strip() for c in mapped):
            skipped += 1
            continue
        if _is_total_row(cells):
            skipped += 1
            continue
        values: dict[str, Any] = {}
        row_errors = False
        for field_name, col in columns.items():
            text = cells[col] if col < len(cells) else ""
            yuan = amount_unit == UNIT_YUAN or (
                amount_unit == UNIT_AUTO and col in match.yuan_columns
            )
            try:
                values[field_name] = parse_cell(field_name, text, yuan=yuan)
            except CellError as exc:
                problems.append(RowProblem(row_no, column_name(col), text.strip(), str(exc)))
                row_errors = True
        project = Project(name=values.pop("name", ""), unit=values.pop("unit", ""), **values)
        errors, warnings = validate_project(project)
        for field_name, message in errors:
            col = columns.get(field_name)
            problems.append(
                RowProblem(
                    row_no,
                    column_name(col) if col is not None else _label(field_name),
                    cells[col].strip() if col is not None and col < len(cells) else "",
                    message,
                )
            )
            row_errors = True
        # Warnings only on otherwise good rows: "paid above budget" next to a negative
        # budget is noise.
        for field_name, message in [] if row_errors else warnings:
            col = columns.get(field_name)
            problems.append(
                RowProblem(
                    row_no,
                    column_name(col) if col is not None else _label(field_name),
                    cells[col].strip() if col is not None and col < len(cells) else "",
                    message,
                    error=False,
                )
            )
        if not row_errors and project.name.startswith(EXAMPLE_PREFIX):
            problems.append(
                RowProblem(
                    row_no,
                    column_name(columns["name"]),
                    project.name,
                    "这是空白模板中的示例行，如不是真实项目请删除后再导入",
                    error=False,
                )
            )
        key = project.key()
        if key in seen and all(key):
            problems.append(
                RowProblem(
                    row_no,
                    column_name(columns["name"]),
                    project.name,
                    f"与第 {seen[key]} 行重复（同一建设单位下同名项目）",
                )
            )
            row_errors = True
        seen.setdefault(key, row_no)
        if not row_errors:
            projects.append(project)
            row_numbers.append(row_no)
    if not projects and not any(p.error for p in problems):
        problems.append(RowProblem(match.header_row + 2, "", "", "表头下面没有项目数据"))
    problems.sort(key=lambda p: (p.row, p.column))
    return ImportPreview(table, match, amount_unit, projects, row_numbers, problems, skipped)


def load_project_list(
    path: str | Path,
    *,
    amount_unit: str = UNIT_AUTO,
    sheet: str | None = None,
    mapping: dict[int, str] | None = None,
    progress: Callable[[int], None] | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> ImportPreview:
    """Read and check a project list; raises ImportFileError for unreadable files."""
    table = read_table(path, sheet=sheet, progress=progress, should_cancel=should_cancel)
    match = match_headers(table.rows)
    if mapping is not None:
        match = with_mapping(match, mapping)
    return parse_table(table, match, amount_unit=amount_unit)


def with_mapping(match: HeaderMatch, mapping: dict[int, str]) -> HeaderMatch:
    """The match after the user confirmed or changed the column mapping."""
    clean = {c: f for c, f in mapping.items() if f is not None and (f == "" or f in SPEC_BY_FIELD)}
    fields_taken = [f for f in clean.values() if f]
    if len(fields_taken) != len(set(fields_taken)):
        raise ValueError("同一字段只能对应一列")
    yuan = {
        c
        for c, f in clean.items()
        if f and SPEC_BY_FIELD[f].kind == MONEY and normalise_header(match.headers[c])[1] == "元"
    }
    missing = [spec.field for spec in COLUMNS if spec.required and spec.field not in fields_taken]
    return HeaderMatch(match.header_row, match.headers, clean, yuan, {}, missing)


# ---------------------------------------------------------------------------- against the file
class Classification(NamedTuple):
    added: int
    updated: int
    unchanged: int


def _comparable(project: Project) -> tuple[Any, ...]:
    return tuple(
        (
            getattr(project, name).strip()
            if isinstance(getattr(project, name), str)
            else getattr(project, name)
        )
        for name in (
            "name",
            "unit",
            "batch",
            "domain",
            "budget",
            "adjusted_budget",
            "funds_in_place",
            "paid",
            "status",
            "planned_date",
            "accepted_date",
            "sampled",
            "planned_output",
            "completed",
            "acceptance_due",
            "accepted",
            "on_time",
            "note",
            "extra",
        )
    ) + tuple(
        str(getattr(project, name)) if getattr(project, name) is not None else None
        for name in ("budget", "adjusted_budget", "funds_in_place", "paid")
    )


MONEY_FIELDS = ("budget", "adjusted_budget", "funds_in_place", "paid")


def align_amounts(
    existing: Iterable[Project], incoming: Iterable[Project], provided: Iterable[str] | None = None
) -> list[Project]:
    """Prepare incoming projects for ``upsert_projects``.

    An incoming amount gets the stored text when the value is equal ("1000" vs "1000.00"), so
    re-importing an unchanged list reports "unchanged" whatever the file's number format. When
    ``provided`` names the fields the file has columns for, every other field of a project that
    is already registered keeps its stored value: a list with only 项目名称 / 建设单位 / 实际支付
    updates payments and must not wipe budgets, dates and flags.
    """
    by_key = {p.key(): p for p in existing}
    keep = (
        None
        if provided is None
        else [f for f in PROJECT_FIELDS if f not in set(provided) | {"id", "name", "unit", "seq"}]
    )
    out = []
    for project in incoming:
        old = by_key.get(project.key())
        if old is not None:
            if keep:
                project = project.with_changes(**{name: getattr(old, name) for name in keep})
            same = {
                name: getattr(old, name)
                for name in MONEY_FIELDS
                if getattr(old, name) is not None
                and getattr(project, name) is not None
                and getattr(old, name) == getattr(project, name)
            }
            if same:
                project = project.with_changes(**same)
        out.append(project)
    return out


def classify(
    existing: Iterable[Project], incoming: Iterable[Project], provided: Iterable[str] | None = None
) -> Classification:
    """What upsert_projects would do with ``align_amounts(existing, incoming, provided)``."""
    existing = list(existing)
    incoming = align_amounts(existing, incoming, provided)
    by_key = {p.key(): p for p in existing}
    added = updated = unchanged = 0
    for project in incoming:
        old = by_key.get(project.key())
        if old is None:
            added += 1
        elif _comparable(old) == _comparable(project) and (
            not project.seq or project.seq == old.seq
        ):
            unchanged += 1
        else:
            updated += 1
    return Classification(added, updated, unchanged)
