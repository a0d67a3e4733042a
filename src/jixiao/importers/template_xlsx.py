"""Read an indicator system prepared in Excel (layout in docs/template-format.md).

Everything wrong with a row is collected and reported at once, each problem naming the row
and the column in Chinese ("第 7 行“权重”列：……"), so a user can fix the sheet in one pass.
Weight sums and other consistency checks are left to ``core.templates.validate_system``:
a sheet with a weight mismatch still loads (published sheets carry such mismatches).
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from jixiao.core.model import (
    DEFAULT_GRADES,
    NA_AWARD,
    NA_RESCALE,
    GradeBand,
    Indicator,
    IndicatorSystem,
)
from jixiao.core.numbers import ZERO, NumberError, parse_decimal
from jixiao.core.rules import RULE_KINDS, Rule, RuleFormatError, rule_from_json
from jixiao.core.templates import TemplateError
from jixiao.export.template_xlsx import (
    COL_CRITERIA,
    COL_EVIDENCE,
    COL_LEVEL1,
    COL_LEVEL2,
    COL_LEVEL3,
    COL_PARAMS,
    COL_RULE,
    COL_TARGET,
    COL_WEIGHT,
    INFO_DESCRIPTION,
    INFO_GRADES,
    INFO_NA,
    INFO_NAME,
    INFO_TITLE,
    NA_TEXT,
    REQUIRED_COLUMNS,
    SHEET_INFO,
)


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based, as Excel shows it
    column: str  # header text, "" for the whole row
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行“{self.column}”列" if self.column else f"第 {self.row} 行"
        return f"{where}：{self.message}"


class TemplateXlsxError(TemplateError):
    """The sheet cannot be turned into a system; ``problems`` lists every bad row."""

    def __init__(self, filename: str, problems: list[RowProblem]):
        self.filename = filename
        self.problems = problems
        shown = "；".join(str(p) for p in problems[:20])
        more = f"（另有 {len(problems) - 20} 处）" if len(problems) > 20 else ""
        super().__init__(f"{filename}：{shown}{more}")


# The 规则 column accepts the kind ("deduction") or its Chinese title ("扣分制") and a few
# words people actually write in sheets.
RULE_ALIASES: dict[str, str] = {cls.title: kind for kind, cls in RULE_KINDS.items()}
RULE_ALIASES.update(
    {
        "逐项": "checklist",
        "比率": "rate",
        "比例": "rate",
        "扣分": "deduction",
        "分档": "bands",
        "达标": "binary",
        "是否": "binary",
        "定性": "qualitative",
        "酌情": "manual",
        "人工": "manual",
    }
)

_KEY_ALIASES = {
    "target": "target",
    "目标值": "target",
    "目标": "target",
    "标准值": "target",
    "direction": "direction",
    "方向": "direction",
    "unit": "unit",
    "单位": "unit",
    "per": "per",
    "每处扣分": "per",
    "每次扣分": "per",
    "扣分": "per",
    "bands": "bands",
    "分档": "bands",
    "label": "label",
    "名称": "label",
    "标签": "label",
    "source": "source",
    "数据来源": "source",
    "来源": "source",
}
_DIRECTIONS = {
    "higher": "higher",
    "高": "higher",
    "正向": "higher",
    "越高越好": "higher",
    "lower": "lower",
    "低": "lower",
    "反向": "lower",
    "越低越好": "lower",
}
_OPTION = re.compile(r"^\s*([A-Za-z\u4e00-\u9fff]+)\s*[=＝]\s*(.*?)\s*$")
_ITEM_POINTS = re.compile(r"^(.*?)[（(]\s*([0-9０-９.．]+)\s*分\s*[）)]\s*$")
_CODE_NAME = re.compile(r"^\s*([0-9A-Za-z][0-9A-Za-z._\-]*)[\s\u3000]*(.*?)\s*$")
_BAND = re.compile(r"^\s*[≥>=]*\s*([^:：→]+?)\s*[:：→]\s*(.+?)\s*$")


def rule_kind(text: str) -> str | None:
    text = text.strip()
    if text.lower() in RULE_KINDS:
        return text.lower()
    return RULE_ALIASES.get(text)


def rule_from_text(kind: str, text: str) -> Rule:
    """Parse the 参数 cell for a rule of ``kind``; raise RuleFormatError (Chinese) if unusable."""
    text = (text or "").strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RuleFormatError(f"参数不是有效的 JSON：{exc.msg}") from None
        if not isinstance(data, dict):
            raise RuleFormatError("参数 JSON 应为对象")
        if data.setdefault("kind", kind) != kind:
            raise RuleFormatError(f"参数 JSON 的规则类型 {data['kind']} 与“规则”列 {kind} 不一致")
        return rule_from_json(data)

    data: dict[str, Any] = {"kind": kind}
    items: list[dict[str, str]] = []
    lines = [line for line in re.split(r"\r?\n", text) if line.strip()]
    if kind != "checklist":
        # Outside checklists options may also share a line: "target=100%; direction=lower".
        lines = [part for line in lines for part in re.split(r"[;；]", line) if part.strip()]
    for line in lines:
        match = _OPTION.match(line)
        key = _KEY_ALIASES.get(match.group(1).lower() if match else "")
        if kind == "checklist" and key not in ("label", "source"):
            items.append(_checklist_item(line))
            continue
        if match is None or key is None:
            raise RuleFormatError(f"无法识别的参数“{line.strip()}”（应为 键=值，如 per=0.5）")
        value = match.group(2)
        if key == "direction":
            if value.strip().lower() not in _DIRECTIONS:
                raise RuleFormatError(f"direction 应为 higher 或 lower，而不是“{value}”")
            data["direction"] = _DIRECTIONS[value.strip().lower()]
        elif key == "bands":
            data["bands"] = _bands(value)
        else:
            data[key] = value
    if kind == "checklist":
        data["items"] = items
    return rule_from_json(data)


def _checklist_item(line: str) -> dict[str, str]:
    line = line.strip().lstrip("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳").strip()
    match = _ITEM_POINTS.match(line)
    if match:
        return {"text": match.group(1).strip(), "points": match.group(2)}
    return {"text": line}


def _bands(text: str) -> list[dict[str, str]]:
    out = []
    for part in re.split(r"[,，、]", text):
        if not part.strip():
            continue
        match = _BAND.match(part)
        if not match:
            raise RuleFormatError(f"分档“{part.strip()}”应写成 下限:得分，如 90%:7")
        out.append({"min": match.group(1), "points": match.group(2)})
    return out


def cell_text(value: Any, number_format: str = "") -> str:
    """A cell as text; numbers shown as Excel shows them (0.9 with a % format → "90%")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        number = _cell_decimal(value)
        if "%" in number_format:
            return f"{(number * 100).normalize():f}%"
        return f"{number.normalize():f}"
    return str(value).strip()


def _cell_decimal(value: int | float) -> Decimal:
    # repr gives the shortest text that round-trips, i.e. what the user typed (0.4, not 0.40000000000000002).
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def split_code_name(text: str) -> tuple[str, str] | None:
    match = _CODE_NAME.match(text)
    if not match:
        return None
    return match.group(1), match.group(2)


@dataclass
class _Pending:
    indicator: Indicator
    implicit_weight: bool = False  # created from a deeper row's reference: weight = Σ children


def read_template_xlsx(path: str | Path) -> IndicatorSystem:
    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise TemplateError(f"找不到模板文件：{path}") from None
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise TemplateError(f"{path.name} 不是有效的 xlsx 文件：{exc}") from None
    try:
        return _read(wb, path)
    finally:
        wb.close()


def _read(wb: Any, path: Path) -> IndicatorSystem:
    sheet, header_row, columns = _find_header(wb, path)
    problems: list[RowProblem] = []
    roots: list[Indicator] = []
    pending: dict[str, _Pending] = {}
    current: list[Indicator | None] = [None, None]  # the level-1 and level-2 in force
    seen: set[str] = set()  # every code met, also on rows with problems

    for row_index, row in enumerate(sheet.iter_rows(min_row=header_row + 1), start=header_row + 1):
        cells = {name: (row[i] if i < len(row) else None) for name, i in columns.items()}

        def text(name: str, cells: dict[str, Any] = cells) -> str:
            cell = cells.get(name)
            if cell is None:
                return ""
            return cell_text(cell.value, getattr(cell, "number_format", "") or "")

        levels = [text(COL_LEVEL1), text(COL_LEVEL2), text(COL_LEVEL3)]
        if not any(levels):
            if any(text(c) for c in (COL_TARGET, COL_WEIGHT, COL_CRITERIA, COL_RULE, COL_PARAMS)):
                problems.append(
                    RowProblem(row_index, "", "没有填写指标（一级、二级、三级指标列都为空）")
                )
            continue
        level = max(i for i, v in enumerate(levels) if v) + 1
        column = (COL_LEVEL1, COL_LEVEL2, COL_LEVEL3)[level - 1]
        row_problems: list[RowProblem] = []

        # Upper columns filled on a deeper row name its parents (Excel users often fill down).
        for upper in range(level - 1):
            if not levels[upper]:
                continue
            parsed = split_code_name(levels[upper])
            upper_col = (COL_LEVEL1, COL_LEVEL2)[upper]
            if parsed is None:
                row_problems.append(
                    RowProblem(row_index, upper_col, f"“{levels[upper]}”应写成“编码 名称”")
                )
                continue
            code, name = parsed
            existing = current[upper]
            if existing is not None and existing.code == code:
                continue
            if code in seen:
                row_problems.append(
                    RowProblem(
                        row_index, upper_col, f"{code} 已在前面出现过，同一指标的下级指标应连续排列"
                    )
                )
                continue
            seen.add(code)
            node = Indicator(code=code, name=name, weight=ZERO)
            pending[code] = _Pending(node, implicit_weight=True)
            if upper == 0:
                roots.append(node)
                current[0], current[1] = node, None
            elif current[0] is None:
                row_problems.append(RowProblem(row_index, upper_col, "前面没有一级指标"))
            else:
                current[0].children.append(node)
                current[1] = node

        parsed = split_code_name(levels[level - 1])
        code, name = parsed if parsed else ("", "")
        if parsed is None:
            row_problems.append(
                RowProblem(
                    row_index,
                    column,
                    f"“{levels[level - 1]}”应写成“编码 名称”，如“A11 立项依据充分性”",
                )
            )
        elif not name:
            row_problems.append(RowProblem(row_index, column, f"{code} 没有指标名称"))
        elif code in seen:
            row_problems.append(RowProblem(row_index, column, f"指标编码 {code} 重复"))
        if code:
            seen.add(code)

        weight = ZERO
        weight_text = text(COL_WEIGHT)
        if not weight_text:
            row_problems.append(
                RowProblem(row_index, COL_WEIGHT, f"{code or '该指标'} 没有填写权重")
            )
        else:
            try:
                weight = parse_decimal(weight_text, what="权重")
                if weight < 0:
                    row_problems.append(
                        RowProblem(row_index, COL_WEIGHT, f"权重不能为负数：{weight_text}")
                    )
            except NumberError as exc:
                row_problems.append(RowProblem(row_index, COL_WEIGHT, str(exc)))

        rule: Rule | None = None
        kind_text = text(COL_RULE)
        params = text(COL_PARAMS)
        if kind_text:
            kind = rule_kind(kind_text)
            if kind is None:
                names = "、".join(f"{k}（{c.title}）" for k, c in RULE_KINDS.items())
                row_problems.append(
                    RowProblem(row_index, COL_RULE, f"未知的规则“{kind_text}”，可用：{names}")
                )
            else:
                try:
                    rule = rule_from_text(kind, params)
                except RuleFormatError as exc:
                    row_problems.append(RowProblem(row_index, COL_PARAMS, str(exc)))
        elif params:
            row_problems.append(RowProblem(row_index, COL_RULE, "填写了参数但没有填写规则"))
        if level < 3 and rule is not None:
            row_problems.append(
                RowProblem(
                    row_index, COL_RULE, f"{code} 是{'一二'[level - 1]}级指标，不能设置评分规则"
                )
            )

        if level > 1 and current[level - 2] is None:
            row_problems.append(
                RowProblem(
                    row_index,
                    column,
                    f"{code or levels[level - 1]} 前面没有{'一二'[level - 2]}级指标",
                )
            )

        if row_problems:
            problems.extend(row_problems)
            if level < 3:
                # A placeholder keeps the rows below attached, so one bad group row does
                # not bury the report under "前面没有二级指标" for each of its children.
                placeholder = Indicator(code=code, name=name, weight=ZERO)
                if level == 1:
                    current[0], current[1] = placeholder, None
                else:
                    current[1] = placeholder
            continue

        evidence = [e.strip() for e in re.split(r"\r?\n|[；;]", text(COL_EVIDENCE)) if e.strip()]
        node = Indicator(
            code=code,
            name=name,
            weight=weight,
            target=text(COL_TARGET),
            criteria=_multiline(cells.get(COL_CRITERIA)),
            rule=rule,
            evidence=evidence,
        )
        pending[code] = _Pending(node)
        if level == 1:
            roots.append(node)
            current[0], current[1] = node, None
        else:
            parent = current[level - 2]
            assert parent is not None
            parent.children.append(node)
            if level == 2:
                current[1] = node

    for item in pending.values():
        if item.implicit_weight:
            item.indicator.weight = _implicit_weight(item.indicator)
    if not pending and not problems:
        problems.append(RowProblem(header_row + 1, "", "表中没有指标"))
    if problems:
        raise TemplateXlsxError(path.name, problems)

    system = IndicatorSystem(name=path.stem, title=path.stem, roots=roots)
    _read_info(wb, system, path)
    return system


def _implicit_weight(node: Indicator) -> Decimal:
    if not node.children:
        return node.weight
    return sum(
        (_implicit_weight(c) if c.children and c.weight == 0 else c.weight for c in node.children),
        ZERO,
    )


def _multiline(cell: Any) -> str:
    if cell is None or cell.value is None:
        return ""
    # Keep the line breaks inside 评分标准 (①…\n②…); only trim the ends.
    return (
        str(cell.value).replace("\r\n", "\n").strip()
        if isinstance(cell.value, str)
        else cell_text(cell.value)
    )


def _find_header(wb: Any, path: Path) -> tuple[Any, int, dict[str, int]]:
    """The sheet and row holding the column headers (a title row above them is allowed)."""
    for sheet in wb.worksheets:
        if sheet.title == SHEET_INFO:
            continue
        for row_index, row in enumerate(
            sheet.iter_rows(min_row=1, max_row=10, values_only=True), start=1
        ):
            names = [str(v).strip() if v is not None else "" for v in row]
            if COL_LEVEL1 in names and COL_LEVEL3 in names:
                columns = {
                    name: names.index(name)
                    for name in (*REQUIRED_COLUMNS, COL_EVIDENCE)
                    if name in names
                }
                missing = [name for name in REQUIRED_COLUMNS if name not in columns]
                if missing:
                    raise TemplateXlsxError(
                        path.name,
                        [
                            RowProblem(
                                row_index,
                                "",
                                f"缺少列：{'、'.join(missing)}（工作表“{sheet.title}”）",
                            )
                        ],
                    )
                return sheet, row_index, columns
    raise TemplateError(
        f"{path.name}：前 10 行中找不到表头（应包含 {'、'.join(REQUIRED_COLUMNS)}）"
    )


def _read_info(wb: Any, system: IndicatorSystem, path: Path) -> None:
    if SHEET_INFO not in wb.sheetnames:
        return
    problems: list[RowProblem] = []
    for row_index, row in enumerate(wb[SHEET_INFO].iter_rows(min_row=1, values_only=True), start=1):
        if not row or row[0] is None:
            continue
        key = str(row[0]).strip()
        value = cell_text(row[1]) if len(row) > 1 else ""
        if isinstance(row[1] if len(row) > 1 else None, str):
            value = str(row[1]).replace("\r\n", "\n").strip()
        if key == INFO_NAME and value:
            system.name = value
        elif key == INFO_TITLE:
            system.title = value
        elif key == INFO_DESCRIPTION:
            system.description = value
        elif key == INFO_NA and value:
            policy = {v: k for k, v in NA_TEXT.items()}.get(value, value)
            if policy not in (NA_AWARD, NA_RESCALE):
                problems.append(
                    RowProblem(
                        row_index,
                        "内容",
                        f"不适用指标的处理应为“{NA_TEXT[NA_AWARD]}”或“{NA_TEXT[NA_RESCALE]}”，而不是“{value}”",
                    )
                )
            else:
                system.na_policy = policy
        elif key == INFO_GRADES and value:
            try:
                system.grades = parse_grades(value)
            except ValueError as exc:
                problems.append(RowProblem(row_index, "内容", str(exc)))
    if problems:
        raise TemplateXlsxError(f"{path.name}（{SHEET_INFO}）", problems)


def parse_grades(text: str) -> tuple[GradeBand, ...]:
    """ "优≥90；良≥80；中≥60；差≥0" → grade bands."""
    bands = []
    for part in re.split(r"[;；,，\n]", text):
        if not part.strip():
            continue
        match = re.match(r"^\s*(\S+?)\s*(?:≥|>=|：|:)\s*([0-9]+(?:\.[0-9]+)?)\s*$", part)
        if not match:
            raise TemplateError(f"等级“{part.strip()}”应写成 名称≥下限，如 优≥90")
        bands.append(GradeBand(match.group(1), Decimal(match.group(2))))
    return tuple(bands) or DEFAULT_GRADES
