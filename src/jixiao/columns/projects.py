"""The project list's columns (项目登记表): one spec per column with its header, the kind of
cell and the other headers that mean the same, and how a field is written as cell text.

Shared by the reader (jixiao.importers.projects) and the writer (jixiao.export.projects_xlsx),
so a file the program writes reads back the same; neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from jixiao.core.numbers import fmt_money
from jixiao.core.projects import Project

# Kinds of cells.
DONE_DATE = "done_date"  # 实际完成时间: not a Project field, derives 已完成 / 按期完成
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
        (
            "到位资金",
            "资金到位",
            "到位金额",
            "实际到位",
            "到位数",
            "资金到位数",
            "已到位资金",
            "到位资金数",
            "实际到位资金",
        ),
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
        "planned_output",
        "计划产出",
        FLAG,
        ("计划产出", "是否计划产出", "计划", "纳入计划", "是否计划内", "计划内项目"),
    ),
    ColumnSpec(
        "completed",
        "已完成",
        FLAG,
        (
            "已完成",
            "是否完成",
            "完成",
            "已完成产出",
            "完成情况",
            "是否已完成",
            "完成状态",
            "项目完成情况",
            "是否完工",
        ),
    ),
    ColumnSpec("acceptance_due", "应验收", FLAG, ("应验收", "是否应验收", "应验收项目")),
    ColumnSpec(
        "accepted",
        "已验收",
        FLAG,
        (
            "已验收",
            "验收合格",
            "是否验收",
            "已验收合格",
            "是否验收合格",
            "验收情况",
            "验收结果",
            "验收状态",
            "是否通过验收",
            "验收",
        ),
    ),
    ColumnSpec(
        "on_time",
        "按期完成",
        TRISTATE,
        ("按期完成", "是否按期完成", "按时完成", "按期", "是否按期"),
    ),
    ColumnSpec("note", "备注", TEXT, ("备注", "说明", "备注说明")),
)
DONE_DATE_SPEC = ColumnSpec(
    DONE_DATE,
    "实际完成时间",
    DATE,
    (
        "实际完成时间",
        "实际完成日期",
        "完成时间",
        "完成日期",
        "实际完工日期",
        "竣工日期",
        "实际竣工日期",
        "完工时间",
    ),
)
# What a header can be matched to: the template's columns plus 实际完成时间 (not stored as a
# column of its own, it derives 已完成 / 按期完成).
MATCHABLE: tuple[ColumnSpec, ...] = (*COLUMNS, DONE_DATE_SPEC)
SPEC_BY_FIELD = {spec.field: spec for spec in MATCHABLE if spec.field}
IMPORTABLE = tuple(spec for spec in COLUMNS if spec.kind != DERIVED)


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
