"""Imports run one way: core ← columns ← storage ← importers / export ← ui / cli / app, and no
two modules import each other (directly or round a loop). For the directions every import
counts: module level, inside functions and under TYPE_CHECKING. For loops every import that
runs counts, function-level ones included; names imported only for annotations do not.

The checker is tested on itself: each reverse import that was once in the code base is put back
into a copy of the sources, and the check must catch it."""

from __future__ import annotations

import ast
import functools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

# What each part of the package may import (besides itself). The top-level helpers: jixiao
# (the version), jixiao.paths (bundled resources and user folders; no jixiao imports).
BASE = {"jixiao", "paths"}
ALLOWED: dict[str, set[str]] = {
    "core": {"jixiao"},
    "paths": set(),
    "columns": {"jixiao", "core"},
    "storage": BASE | {"core"},
    "importers": BASE | {"core", "columns", "storage"},
    "export": BASE | {"core", "columns", "storage"},
    "cli": BASE | {"core", "columns", "storage", "importers", "export"},
    "ui": BASE | {"core", "columns", "storage", "importers", "export"},
    "app": BASE | {"core", "columns", "storage", "importers", "export", "ui"},
    "__main__": {"app", "cli"},
    "jixiao": set(),
}


def module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _typing_only(tree: ast.AST) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:`` (annotations only: never run)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            for statement in node.body:
                inside.update(id(n) for n in ast.walk(statement))
    return inside


def imported_modules(path: Path, src: Path, *, typing: bool = True) -> Iterator[tuple[int, str]]:
    """(line, module) for every jixiao import in the file; ``from a import b`` names a.b when
    b is a module. ``typing=False`` leaves out the imports under ``if TYPE_CHECKING:``."""
    name = module_name(path, src)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = set() if typing else _typing_only(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                as_module = src / Path(*candidate.split("."))
                if as_module.with_suffix(".py").is_file() or (as_module / "__init__.py").is_file():
                    yield node.lineno, candidate
                else:
                    yield node.lineno, base


def module_edges(path: Path, src: Path, *, typing: bool = True) -> dict[str, int]:
    """{imported jixiao module: first line} of one file."""
    edges: dict[str, int] = {}
    for line, target in imported_modules(path, src, typing=typing):
        if target == "jixiao" or target.startswith("jixiao."):
            edges.setdefault(target, line)
    return edges


def import_graph(src: Path, *, typing: bool = True) -> dict[str, dict[str, int]]:
    """module → {imported jixiao module: first line}. Directions count every import, the
    annotations' too; cycles leave out ``if TYPE_CHECKING:`` (a tab and its undo commands may
    name each other's types without either loading the other first)."""
    return {
        module_name(path, src): module_edges(path, src, typing=typing)
        for path in sorted((src / "jixiao").rglob("*.py"))
    }


def part(module: str) -> str:
    """The layer a module belongs to: jixiao.storage.surveys → storage."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "jixiao"


def direction_violations(graph: dict[str, dict[str, int]]) -> list[str]:
    problems = []
    for module, edges in graph.items():
        layer = part(module)
        for target, line in edges.items():
            other = part(target)
            if other != layer and other not in ALLOWED[layer]:
                problems.append(f"{module}:{line} imports {target} ({layer} → {other})")
    return sorted(problems)


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan). A package's __init__ that
    re-exports its own modules is not a loop worth reporting, so edges from a package to its
    submodules are left out."""
    edges = {
        m: [t for t in targets if t in graph and not t.startswith(m + ".")]
        for m, targets in graph.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


@functools.cache
def source_graph(*, typing: bool = True) -> dict[str, dict[str, int]]:
    return import_graph(SRC, typing=typing)


def test_every_part_has_a_rule() -> None:
    graph = source_graph()
    assert {part(m) for m in graph} <= set(ALLOWED)
    assert len(graph) > 80  # the whole package was read


def test_imports_run_one_way() -> None:
    assert direction_violations(source_graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(source_graph(typing=False)) == []


# The reverse imports the code base once had (issue 13), each put back into a copy.
REINTRODUCED = [
    (
        "storage/surveys.py",
        "from jixiao.importers.survey import ParsedSurvey\n",
        "storage → importers",
    ),
    (
        "importers/template_xlsx.py",
        "from jixiao.export.template_xlsx import COLUMNS\n",
        "importers → export",
    ),
    (
        "export/projects_xlsx.py",
        "from jixiao.importers.projects import COLUMNS as C\n",
        "export → importers",
    ),
    ("core/evaluate.py", "import jixiao.storage.database\n", "core → storage"),
    ("storage/database.py", "from jixiao.ui import main_window\n", "storage → ui"),
    (
        "export/pdf_common.py",
        "def _story():\n    from jixiao.export.pdf_seed import story\n    return story\n",
        "cycle",
    ),
]


@pytest.mark.parametrize(("file", "code", "what"), REINTRODUCED, ids=[r[0] for r in REINTRODUCED])
def test_the_check_catches_a_reintroduced_reverse_import(
    tmp_path: Path, file: str, code: str, what: str
) -> None:
    src = tmp_path / "src"
    shutil.copytree(SRC / "jixiao", src / "jixiao", ignore=shutil.ignore_patterns("__pycache__"))
    target = src / "jixiao" / file
    target.write_text(target.read_text(encoding="utf-8") + "\n\n" + code, encoding="utf-8")
    # The sources' graph with the changed file read again (the rest is as it was).
    typing = what != "cycle"
    graph = {
        **source_graph(typing=typing),
        module_name(target, src): module_edges(target, src, typing=typing),
    }
    if what == "cycle":
        assert ["jixiao.export.pdf_common", "jixiao.export.pdf_seed"] in [
            [m for m in group if m.endswith(("pdf_common", "pdf_seed"))] for group in cycles(graph)
        ]
    else:
        problems = direction_violations(graph)
        assert len(problems) == 1 and f"({what})" in problems[0], problems
        assert problems[0].startswith("jixiao." + file[:-3].replace("/", "."))


def test_relative_and_function_level_imports_are_seen(tmp_path: Path) -> None:
    pkg = tmp_path / "jixiao" / "core"
    pkg.mkdir(parents=True)
    (tmp_path / "jixiao" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "jixiao" / "storage").mkdir()
    (tmp_path / "jixiao" / "storage" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "jixiao" / "storage" / "db.py").write_text("", encoding="utf-8")
    (pkg / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..storage import db\n"
        "def f():\n    from . import b\n",
        encoding="utf-8",
    )
    (pkg / "b.py").write_text("def g():\n    import jixiao.core.a\n", encoding="utf-8")
    # c names a's types only under TYPE_CHECKING while a imports c: no loop at run time.
    (pkg / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from jixiao.core import a\n",
        encoding="utf-8",
    )
    (pkg / "a.py").write_text(
        (pkg / "a.py").read_text(encoding="utf-8") + "from jixiao.core import c\n",
        encoding="utf-8",
    )
    graph = import_graph(tmp_path)
    assert graph["jixiao.core.a"] == {
        "jixiao.storage.db": 3,
        "jixiao.core.b": 5,
        "jixiao.core.c": 6,
    }
    assert direction_violations(graph) == [
        "jixiao.core.a:3 imports jixiao.storage.db (core → storage)"
    ]
    assert cycles(graph) == [["jixiao.core.a", "jixiao.core.b", "jixiao.core.c"]]
    assert cycles(import_graph(tmp_path, typing=False)) == [["jixiao.core.a", "jixiao.core.b"]]


# ---------------------------------------------------------------- the UI never runs SQL
SQL = re.compile(
    r"\.execute(many)?\(|\bsqlite3\b|sqlite_utils|\.db\[|\bSELECT\b|\bINSERT\b|\bUPDATE\b"
)


def test_the_ui_runs_no_sql() -> None:
    offenders = set()
    for path in [*(SRC / "jixiao" / "ui").rglob("*.py"), SRC / "jixiao" / "app.py"]:
        if SQL.search(path.read_text(encoding="utf-8")):
            offenders.add(path.relative_to(SRC / "jixiao").as_posix())
    assert offenders == set()
