"""The user's corrections to a project list's column mapping, in words a user types:
``--map "验收情况=已验收"`` and ``--value "初验=否"`` on the CLI, remembered per header set."""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.importers import mapping_memory
from jixiao.importers.projects import (
    MATCHABLE,
    YES_NO_WORDS,
    HeaderMatch,
    flag_key,
    normalise_header,
    with_mapping,
)
from jixiao.importers.tables import column_letter

IGNORE_WORDS = {"忽略", "不导入", "-", "无", "ignore"}


class MappingError(ValueError):
    """A --map / --value the program cannot understand (Chinese)."""


def field_for(text: str) -> str | None:
    """'已验收', '实际支付(万元)', 'accepted' → field; '忽略' → None."""
    raw = text.strip()
    if raw.lower() in IGNORE_WORDS:
        return None
    base, _ = normalise_header(raw)
    for spec in MATCHABLE:
        if raw == spec.field or base == normalise_header(spec.header)[0]:
            return spec.field
    for spec in MATCHABLE:
        if base in spec.aliases:
            return spec.field
    names = "、".join(normalise_header(s.header)[0] for s in MATCHABLE if s.field)
    raise MappingError(f"不认识的字段“{text}”：可用的字段有 {names}，或写“忽略”")


def column_for(match: HeaderMatch, text: str) -> int:
    """A header text as in the file, or a column letter such as "G"."""
    raw = text.strip()
    for col, header in enumerate(match.headers):
        if header.strip() == raw:
            return col
    wanted = normalise_header(raw)[0]
    found = [
        c for c, h in enumerate(match.headers) if h.strip() and normalise_header(h)[0] == wanted
    ]
    if len(found) == 1:
        return found[0]
    if re.fullmatch(r"[A-Za-z]{1,3}", raw):
        for col in range(len(match.headers)):
            if column_letter(col) == raw.upper():
                return col
    headers = "、".join(h.strip() for h in match.headers if h.strip())
    raise MappingError(f"表头中没有“{text}”列（第 {match.header_row + 1} 行的表头：{headers}）")


def parse_words(items: Iterable[str]) -> dict[str, bool]:
    """'初验=否', '√=是' → {'初验': False, '√': True}."""
    out: dict[str, bool] = {}
    for item in items:
        text, sep, value = item.rpartition("=")
        if not sep or not text.strip():
            raise MappingError(f"取值对应“{item}”应写成“单元格内容=是”或“单元格内容=否”")
        if value.strip() not in ("是", "否"):
            raise MappingError(f"取值对应“{item}”的右边应为“是”或“否”")
        out[flag_key(text)] = value.strip() == "是"
    return out


def apply(
    match: HeaderMatch,
    maps: Iterable[str] = (),
    values: Iterable[str] = (),
    *,
    recall: bool = True,
) -> tuple[HeaderMatch, bool]:
    """The match after remembered and typed corrections; True when a remembered mapping
    was used."""
    maps, values = list(maps), list(values)
    mapping = dict(match.mapping)
    words: dict[str, bool] = {}
    recalled = False
    if recall and not maps:
        memory = mapping_memory.recall(match.headers)
        if memory is not None:
            mapping, words = memory
            recalled = True
    for item in maps:
        header, sep, target = item.rpartition("=")
        if not sep or not header.strip():
            raise MappingError(f"列对应“{item}”应写成“表头=字段”，例如“验收情况=已验收”")
        col = column_for(match, header)
        field_name = field_for(target)
        for other, taken in list(mapping.items()):
            if taken == field_name and other != col:
                del mapping[other]  # the typed column wins over a guess
        if field_name is None:
            mapping.pop(col, None)
        else:
            mapping[col] = field_name
    words.update(parse_words(values))
    if not (maps or values or recalled):
        return match, False
    return with_mapping(match, mapping, words), recalled


def remember(match: HeaderMatch) -> None:
    custom = {k: v for k, v in match.words.items() if YES_NO_WORDS.get(k) != v}
    mapping_memory.remember(match.headers, match.mapping, custom)
