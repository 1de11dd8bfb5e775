"""The package's shape, checked from the source: no import cycles (function-level imports
included), and the UI reaches only services, domain and config."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit
COACH = Path(__file__).resolve().parents[2] / "coach"
UI_MAY_NOT_IMPORT = ("coach.store", "coach.knowledge", "coach.llm", "coach.generation")


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path) -> set[str]:
    """Every ``coach...`` module this file imports, at any depth (inside functions too).

    ``from coach.x import y`` counts as importing ``coach.x.y`` when that is a module, else
    ``coach.x``. ``TYPE_CHECKING`` blocks count too: a cycle there is still a tangle."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("coach")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.startswith("coach"):
                found |= {f"{module}.{a.name}" for a in node.names} | {module}
    return found


def graph(root: Path) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    edges: dict[str, set[str]] = {}
    for name, path in files.items():
        targets = {t for t in imports_of(path, root) if t in files and t != name}
        # a package's __init__ is imported with any of its modules; only count direct edges
        edges[name] = targets
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycles():
    assert cycles(graph(COACH)) == []


def test_the_cycle_check_finds_a_cycle_hidden_in_a_function(tmp_path):
    root = tmp_path / "coach"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "a.py").write_text("from coach.b import thing\n")
    (root / "b.py").write_text("def thing():\n    from coach import a\n    return a\n")
    (root / "c.py").write_text("from . import a\n")
    assert cycles(graph(root)) == [["coach.a", "coach.b"]]


def test_the_ui_imports_only_services_domain_and_config():
    offenders = {
        module_name(path, COACH): sorted(
            t for t in imports_of(path, COACH) if t.startswith(UI_MAY_NOT_IMPORT)
        )
        for path in (COACH / "ui").rglob("*.py")
    }
    assert {name: bad for name, bad in offenders.items() if bad} == {}


COMPOSITION = {"coach.ui.app", "coach.ui.launch"}  # where the container is opened into doors


def test_screens_get_a_door_not_the_container():
    holders = {
        module_name(path, COACH)
        for path in (COACH / "ui").rglob("*.py")
        if "coach.services.container" in imports_of(path, COACH)
    }
    assert holders <= COMPOSITION, holders - COMPOSITION


def type_names(root: Path) -> dict[str, list[str]]:
    """Module-level classes and ``Literal`` aliases by name, with the modules defining them."""
    found: dict[str, list[str]] = {}
    for path in root.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            name = None
            if isinstance(node, ast.ClassDef):
                name = node.name
            elif (isinstance(node, ast.Assign) and len(node.targets) == 1
                  and isinstance(node.targets[0], ast.Name)
                  and isinstance(node.value, ast.Subscript)
                  and getattr(node.value.value, "id", "") == "Literal"):  # fmt: skip
                name = node.targets[0].id
            if name:
                found.setdefault(name, []).append(module_name(path, root))
    return found


def test_no_two_types_share_a_name():
    """Two ``Agenda`` classes (one stored, one generated) were easy to mix up."""
    assert {n: m for n, m in type_names(COACH).items() if len(m) > 1} == {}


def test_the_name_check_sees_a_duplicate(tmp_path):
    root = tmp_path / "coach"
    root.mkdir()
    (root / "a.py").write_text("class Agenda:\n    pass\n")
    (root / "b.py").write_text("from typing import Literal\nAgenda = Literal['x']\n")
    assert {k: sorted(v) for k, v in type_names(root).items()} == {"Agenda": ["coach.a", "coach.b"]}
