"""Packages import downward only: every import of every module is read and checked against
the layers written once in ``arena/layers.py``. A failure names the file, the line and the
import, so the fix (a hook, or moving the piece down) is clear."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

import arena
from arena.layers import LAYERS, level_of

PACKAGE = Path(arena.__file__).parent


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    target: str
    source_unit: str
    target_unit: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.target}"


def _unit_of_path(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    if len(parts) > 1:
        return parts[0]
    return "arena" if parts[0] == "__init__.py" else path.stem


def _unit_of_module(module: str) -> str | None:
    """``arena.members.views`` -> "members", ``arena.db`` -> "db", ``arena`` -> "arena"."""
    parts = module.split(".")
    if parts[0] != "arena":
        return None
    if len(parts) == 1:
        return "arena"
    return parts[1]


def _is_part_of_arena(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _targets(node: ast.AST, path: Path) -> list[str]:
    """The arena modules an import statement reaches (``from arena import db`` reaches db)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    module = node.module or ""
    if node.level:  # relative: resolve against this module's package
        package = _module_name(path).split(".")
        if path.name != "__init__.py":
            package = package[:-1]
        base = package[: len(package) - (node.level - 1)]
        module = ".".join([*base, module] if module else base)
    if module == "arena":
        return [
            f"arena.{alias.name}" if _is_part_of_arena(alias.name) else "arena"
            for alias in node.names
        ]
    return [module]


def all_imports() -> list[Import]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source_unit = _unit_of_path(path)
        relative = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(node, path):
                target_unit = _unit_of_module(target)
                if target_unit is not None:
                    found.append(Import(relative, node.lineno, target, source_unit, target_unit))
    return found


def test_every_module_has_a_layer():
    units = {_unit_of_path(path) for path in PACKAGE.rglob("*.py")}
    missing = []
    for unit in sorted(units):
        try:
            level_of(unit)
        except KeyError:
            missing.append(unit)
    assert missing == [], f"add these to arena/layers.py: {missing}"


def test_no_module_imports_a_higher_layer():
    upward = [
        f"{imp} ({imp.source_unit} is layer {level_of(imp.source_unit)}, "
        f"{imp.target_unit} is layer {level_of(imp.target_unit)})"
        for imp in all_imports()
        if level_of(imp.target_unit) > level_of(imp.source_unit)
    ]
    assert upward == [], "upward imports:\n" + "\n".join(upward)


def _cycle_from(start: str, edges: dict[str, set[str]]) -> list[str] | None:
    """A path start -> ... -> start through the edges, or None."""
    stack, seen = [(start, [start])], set()
    while stack:
        unit, trail = stack.pop()
        for nxt in sorted(edges.get(unit, ())):
            if nxt == start:
                return [*trail, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*trail, nxt]))
    return None


def test_siblings_of_one_layer_import_each_other_without_a_cycle():
    sideways = [
        imp
        for imp in all_imports()
        if imp.source_unit != imp.target_unit
        and level_of(imp.source_unit) == level_of(imp.target_unit)
    ]
    edges: dict[str, set[str]] = {}
    for imp in sideways:
        edges.setdefault(imp.source_unit, set()).add(imp.target_unit)
    problems = []
    for unit in sorted(edges):
        cycle = _cycle_from(unit, edges)
        if cycle:
            pairs = set(zip(cycle, cycle[1:], strict=False))
            where = [str(i) for i in sideways if (i.source_unit, i.target_unit) in pairs]
            problems.append(" -> ".join(cycle) + ":\n  " + "\n  ".join(where))
    assert problems == [], "cycles between siblings:\n" + "\n".join(problems)


def test_the_layers_name_each_package_once():
    names = [unit for layer in LAYERS for unit in layer]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("from arena.members.models import Member", ["arena.members.models"]),
        ("from arena import db, create_app", ["arena.db", "arena"]),
        ("import arena.models", ["arena.models"]),
    ],
)
def test_the_reader_sees_every_kind_of_import(line, expected):
    """The check itself: absolute, package-level and plain imports are all read."""
    node = ast.parse(line).body[0]
    assert _targets(node, PACKAGE / "members" / "views.py") == expected


def test_the_reader_resolves_relative_imports_and_imports_inside_functions():
    tree = ast.parse("def f():\n    from .models import Member\n")
    nodes = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert _targets(nodes[0], PACKAGE / "members" / "views.py") == ["arena.members.models"]
