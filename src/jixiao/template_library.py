"""Built-in and user-saved indicator-system templates, found by name or path."""

from __future__ import annotations

import json
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
        return TemplateEntry(str(data.get("name") or path.stem), str(data.get("title", "")), path, builtin)
    except (OSError, ValueError):
        return TemplateEntry(path.stem, "（无法读取）", path, builtin)


def resolve(name_or_path: str) -> IndicatorSystem:
    """A template by built-in/user name, or a JSON file path."""
    for entry in all_templates():
        if entry.name == name_or_path:
            return load_template(entry.path)
    candidate = Path(name_or_path)
    if candidate.suffix.lower() == ".json" or candidate.exists():
        return load_template(candidate)
    names = "、".join(e.name for e in all_templates())
    raise TemplateError(f"没有名为 {name_or_path} 的模板（可用：{names}）")


def save_user_template(system: IndicatorSystem, directory: Path | None = None) -> Path:
    directory = directory or paths.user_templates_dir()
    target = directory / f"{system.name or 'template'}.json"
    target.write_text(json.dumps(system_to_json(system), ensure_ascii=False, indent=1), encoding="utf-8")
    return target
