"""What the national 项目支出绩效自评表 (财预〔2020〕10号 附件2) holds beyond the score sheet:
the header (主管部门, 实施单位, 项目负责人, 联系电话), 评价日期, the 项目资金 table, 年度总体目标,
and the published total. Stored as ``form.<key>`` settings; this module only knows the values.

Keys are the Chinese words of the form, so `jixiao set FILE 主管部门 …` reads like the paper.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jixiao.core.numbers import NumberError, parse_decimal
from jixiao.core.projects import (
    DENOMINATOR_ADJUSTED,
    DENOMINATOR_BUDGET,
    DENOMINATOR_IN_PLACE,
    SOURCE_BUDGET_EXECUTION,
    RegistrySummary,
)

SETTING_PREFIX = "form."
DENOMINATOR_SETTING = "execution_denominator"  # shared with the registry and the report

FUND_ROWS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
FUND_ROW_LABELS = {
    "年度资金总额": "年度资金总额",
    "当年财政拨款": "其中：当年财政拨款",
    "上年结转资金": "上年结转资金",
    "其他资金": "其他资金",
}
FUND_COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
MONEY_UNITS = ("万元", "元")
TEN_THOUSAND = Decimal(10000)

# 执行率口径: the words the CLI and the dialog use, and the registry's denominators.
DENOMINATOR_WORDS = {
    "年初预算": DENOMINATOR_BUDGET,
    "全年预算": DENOMINATOR_ADJUSTED,
    "到位资金": DENOMINATOR_IN_PLACE,
}
DENOMINATOR_COLUMN = {DENOMINATOR_BUDGET: "年初预算数", DENOMINATOR_ADJUSTED: "全年预算数"}

TEXT_KEYS = {
    "主管部门": "header cell 主管部门",
    "实施单位": "header cell 实施单位",
    "项目负责人": "header cell 项目负责人（可空）",
    "联系电话": "header cell 联系电话（可空）",
    "预期目标": "年度总体目标：预期目标",
    "实际完成情况": "年度总体目标：实际完成情况",
}
OTHER_KEYS = {
    "评价日期": "YYYY-MM-DD，打印为 2023年3月15日；空：导出当天",
    "资金单位": "项目资金表的单位：万元（缺省）或 元",
    "执行率口径": "年初预算 或 全年预算（执行数除以哪一列）",
    "公布总分": "已公布表上印的总分（可空）；与各项得分之和不符时警告",
}


class FormError(ValueError):
    """A value the form cannot take; the message is Chinese and names the key."""


def all_keys() -> dict[str, str]:
    """Every key `jixiao set` accepts, with its meaning (the order of the form)."""
    keys: dict[str, str] = {**TEXT_KEYS, **OTHER_KEYS}
    for row in FUND_ROWS:
        for col in FUND_COLUMNS:
            keys[f"资金.{row}.{col}"] = f"项目资金表 {FUND_ROW_LABELS[row]} / {col}"
    return keys


@dataclass
class NationalForm:
    texts: dict[str, str] = field(default_factory=dict)
    evaluation_date: date | None = None
    money_unit: str = "万元"
    funds: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    published_total: Decimal | None = None

    def text(self, key: str) -> str:
        return self.texts.get(key, "")


def normalise(key: str, value: str) -> tuple[str, str]:
    """Check one `set` value; return (setting key, stored text). Empty text clears a key."""
    key = key.strip()
    value = value.strip()
    if key == "执行率口径":
        if value not in DENOMINATOR_WORDS:
            raise FormError(f"执行率口径应为 年初预算 或 全年预算，而不是“{value}”")
        return DENOMINATOR_SETTING, DENOMINATOR_WORDS[value]
    if key not in all_keys():
        raise FormError(f"未知的项目“{key}”（可用：{'、'.join(all_keys())}）")
    stored = value
    if key == "评价日期" and value:
        stored = parse_date(value).isoformat()
    elif key == "资金单位" and value and value not in MONEY_UNITS:
        raise FormError(f"资金单位应为 万元 或 元，而不是“{value}”")
    elif (key.startswith("资金.") or key == "公布总分") and value:
        try:
            number = parse_decimal(value, what=key)
        except NumberError as exc:
            raise FormError(str(exc)) from None
        if number < 0:
            raise FormError(f"{key}不能为负数：{value}")
        stored = str(number)
    return SETTING_PREFIX + key, stored


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise FormError(f"评价日期应写成 YYYY-MM-DD（如 2023-03-15），而不是“{text}”") from None


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def from_settings(settings: Mapping[str, str]) -> NationalForm:
    """Read the form from ``form.*`` settings (already validated when they were stored)."""
    get = {k.removeprefix(SETTING_PREFIX): v for k, v in settings.items() if v != ""}
    form = NationalForm(texts={k: get[k] for k in TEXT_KEYS if k in get})
    if "评价日期" in get:
        form.evaluation_date = date.fromisoformat(get["评价日期"])
    form.money_unit = get.get("资金单位", "万元")
    for row in FUND_ROWS:
        for col in FUND_COLUMNS:
            value = get.get(f"资金.{row}.{col}")
            if value is not None:
                form.funds[(row, col)] = Decimal(value)
    if "公布总分" in get:
        form.published_total = Decimal(get["公布总分"])
    return form


@dataclass(frozen=True)
class FundTable:
    unit: str  # 万元 / 元
    rows: list[tuple[str, list[Decimal | None]]]  # label, [年初预算数, 全年预算数, 全年执行数]
    base_column: str  # the column 执行率 divides by
    rate: Decimal | None  # 全年执行数 / base of the total row

    @property
    def total(self) -> list[Decimal | None]:
        return self.rows[0][1]


def fund_table(form: NationalForm, registry: RegistrySummary | None, denominator: str) -> FundTable:
    """The four rows × three columns: the registry's totals where it has projects, the
    entered figures otherwise; an empty total row is the sum of the rows entered under it."""
    base_column = DENOMINATOR_COLUMN.get(denominator, "全年预算数")
    scale = TEN_THOUSAND if form.money_unit == "元" else Decimal(1)  # the registry is in 万元
    rows: list[tuple[str, list[Decimal | None]]] = []
    for row in FUND_ROWS:
        values: list[Decimal | None] = [form.funds.get((row, col)) for col in FUND_COLUMNS]
        rows.append((FUND_ROW_LABELS[row], values))
    total = rows[0][1]
    if registry is not None and registry.projects:
        total[:] = [
            registry.budget * scale,
            registry.adjusted_budget * scale,
            registry.paid * scale,
        ]
    for i in range(len(FUND_COLUMNS)):
        if total[i] is None:
            parts = [values[i] for _, values in rows[1:] if values[i] is not None]
            if parts:
                total[i] = sum(parts, Decimal(0))
    if total[1] is None and total[0] is not None:
        total[1] = total[0]  # 全年预算数 not adjusted: the same as 年初
    base = total[FUND_COLUMNS.index(base_column)]
    executed = total[2]
    rate = executed / base if base and executed is not None else None
    if registry is not None and registry.projects:
        rate = registry.execution_rate  # exactly what the score uses, whatever the 口径
    return FundTable(form.money_unit, rows, base_column, rate)


def derived_execution(table: FundTable) -> dict[str, dict[str, str]]:
    """The budget-execution input computed from the entered 项目资金 table (same denominator)."""
    base = table.total[FUND_COLUMNS.index(table.base_column)]
    executed = table.total[2]
    if not base or executed is None:
        return {}
    return {SOURCE_BUDGET_EXECUTION: {"numerator": str(executed), "denominator": str(base)}}


def with_year(year: int, name: str) -> str:
    """ "2025年" + name, unless the name already starts with its year ("2025年度…")."""
    return name if name.startswith(f"{year}年") else f"{year}年{name}"


def undouble_year(text: str) -> str:
    """ "2025年2025年…" (a year put before a name that already had it) → "2025年…"."""
    return re.sub(r"(\d{4})年(?:度)?\s*\1年", r"\1年", text)


def default_title(fund: str, year: int) -> str:
    return f"{with_year(year, fund)}绩效自评价评分表"


def compose_title(fund: str, year: int, form_title: str) -> str:
    """ "2023年" + fund + the template's title, without "项目项目" or a doubled year."""
    head = with_year(year, fund)
    if head.endswith("项目") and form_title.startswith("项目"):
        head = head[: -len("项目")]
    return head + form_title
