"""Built-in and user-saved indicator-system templates, found by name or path.

User templates are JSON files in the user data directory; a template file to import may be
JSON (docs/template-format.md) or an xlsx sheet (jixiao.importers.template_xlsx).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from jixiao import paths
from jixiao.core.model import IndicatorSystem
from jixiao.core.templates import TemplateError, load_template, system_to_json


@dataclass(frozen=True)
class TemplateEntry:
    name: str
    title: str
    path: Path
    builtin: bool


def builtin_templates() -> list[TemplateEntry]:
    return [_entry(p, True) for p in sorted(paths.templates_dir().glob("*.json"))]


def user_templates(directory: Path | None = None) -> list[TemplateEntry]:
    directory = directory or paths.user_templates_dir()
    return [_entry(p, False) for p in sorted(directory.glob("*.json"))]


def all_templates() -> list[TemplateEntry]:
    out: list[TemplateEntry] = []
    for entry in builtin_templates() + _safe_user_templates():
        if entry.name not in {e.name for e in out}:
            out.append(entry)
    return out


def _safe_user_templates() -> list[TemplateEntry]:
    try:
        return user_templates()
    except OSError:
        return []


def _entry(path: Path, builtin: bool) -> TemplateEntry:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        return TemplateEntry(
            str(data.get("name") or path.stem), str(data.get("title", "")), path, builtin
        )
    except (OSError, ValueError):
        return TemplateEntry(path.stem, "（无法读取）", path, builtin)


def resolve(name_or_path: str) -> IndicatorSystem:
    """A template by built-in/user name, or a JSON or xlsx file path."""
    for entry in all_templates():
        if entry.name == name_or_path:
            return load_template(entry.path)
    candidate = Path(name_or_path)
    if candidate.suffix.lower() in (".json", ".xlsx") or candidate.exists():
        return load_template_file(candidate)
    names = "、".join(e.name for e in all_templates())
    raise TemplateError(f"没有名为 {name_or_path} 的模板（可用：{names}）")


def load_template_file(path: str | Path) -> IndicatorSystem:
    """Read a template from a .json or .xlsx file (TemplateError, Chinese, if unusable)."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from jixiao.importers.template_xlsx import read_template_xlsx  # openpyxl only when needed

        return read_template_xlsx(path)
    return load_template(path)


def is_builtin_name(name: str) -> bool:
    return any(entry.name == name for entry in builtin_templates())


def find_user_template(name: str, directory: Path | None = None) -> TemplateEntry | None:
    return next((e for e in user_templates(directory) if e.name == name), None)


def safe_file_stem(name: str) -> str:
    """A file name for a template name: keep Chinese, drop characters Windows refuses."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .")
    return stem or "template"


def save_user_template(
    system: IndicatorSystem,
    directory: Path | None = None,
    *,
    overwrite: bool = True,
    replace_collision: bool = False,
) -> Path:
    """Save ``system`` under its name in the user library.

    Refuses (TemplateError) a built-in's name, which the library would hide, and an existing
    user template unless ``overwrite``.
    """
    directory = directory or paths.user_templates_dir()
    name = system.name.strip()
    if not name:
        raise TemplateError("模板没有名称")
    if is_builtin_name(name):
        raise TemplateError(f"“{name}”是内置模板的名称，请另取一个名称")
    existing = find_user_template(name, directory)
    if existing is not None and not overwrite:
        raise TemplateError(f"模板库中已有名为“{name}”的模板")
    target = existing.path if existing is not None else directory / f"{safe_file_stem(name)}.json"
    if existing is None and target.exists() and not replace_collision:
        # "a/b" and "a_b" become the same file name: never overwrite another template silently.
        other = _entry(target, False).name
        raise TemplateError(
            f"模板名称“{name}”保存为文件 {target.name}，与模板库中的模板“{other}”的文件名相同；"
            "请另取名称（--name），或确认覆盖（--replace）"
        )
    tmp = target.with_suffix(".json.tmp")
    # Write aside then rename: a crash mid-write never leaves a half template in the library.
    tmp.write_text(
        json.dumps(system_to_json(system), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    tmp.replace(target)
    return target


def delete_user_template(name: str, directory: Path | None = None) -> None:
    entry = find_user_template(name, directory)
    if entry is None:
        raise TemplateError(f"模板库中没有名为“{name}”的自定义模板")
    entry.path.unlink()
