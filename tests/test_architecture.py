"""The import graph of src/orglife keeps the shape docs/architecture.md draws.

Every ``import`` and ``from … import`` in every module (also those inside functions) counts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "orglife"
PURE = {"documents", "review", "similarity", "errors"}
APPS = {"orgs", "audit", "meetings", "materials", "copycheck", "ledger"}
PROJECT = "site"


def _package(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    """Full names of what a module imports from orglife (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = ["orglife", *path.relative_to(SRC).with_suffix("").parts]
    if path.name == "__init__.py":
        here = here[:-1]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - node.level]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)
    return names


def _graph() -> dict[str, dict[str, set[str]]]:
    """package -> {module path: the names it imports}."""
    graph: dict[str, dict[str, set[str]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts or path.name == "__main__.py":
            continue
        graph.setdefault(_package(path), {})[str(path.relative_to(SRC))] = _imports(path)
    return graph


GRAPH = _graph()


def _targets(names: set[str]) -> set[str]:
    """The orglife packages among imported names."""
    return {n.split(".")[1] for n in names if n.startswith("orglife.") and n.count(".") >= 1}


def test_it_sees_every_package():
    assert PURE | APPS | {"core", PROJECT, "api", "cli"} <= set(GRAPH)


@pytest.mark.parametrize("package", sorted(PURE))
def test_it_keeps_the_pure_packages_free_of_django_and_apps(package):
    bad = {
        module: sorted(
            n
            for n in names
            if n.split(".")[0] == "django"
            or _targets({n}) & (APPS | {"core", PROJECT, "api", "cli"})
        )
        for module, names in GRAPH[package].items()
    }
    assert {m: b for m, b in bad.items() if b} == {}


@pytest.mark.parametrize("package", sorted(APPS | {"core"}))
def test_it_keeps_apps_and_core_off_the_project_package(package):
    bad = {m: sorted(_targets(n) & {PROJECT}) for m, n in GRAPH[package].items()}
    assert {m: b for m, b in bad.items() if b} == {}


def test_it_keeps_core_below_every_app():
    bad = {m: sorted(_targets(n) & (APPS | {"api", "cli"})) for m, n in GRAPH["core"].items()}
    assert {m: b for m, b in bad.items() if b} == {}


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle of a small directed graph, each once, starting from its least node."""
    cycles: list[list[str]] = []

    def walk(node: str, trail: list[str]) -> None:
        for nxt in sorted(edges.get(node, ())):
            if nxt == trail[0]:
                cycles.append([*trail, nxt])
            elif nxt not in trail and nxt > trail[0]:
                walk(nxt, [*trail, nxt])

    for start in sorted(edges):
        walk(start, [start])
    return cycles


def package_edges() -> dict[str, set[str]]:
    return {
        pkg: set().union(*(_targets(n) for n in modules.values())) - {pkg}
        for pkg, modules in GRAPH.items()
    }


def test_it_has_no_cycle_between_packages():
    assert find_cycles(package_edges()) == []


def test_it_finds_a_cycle_when_there_is_one():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_it_sees_the_arrows_the_architecture_draws():
    edges = package_edges()
    assert {"materials", "orgs", "core"} <= edges["materials"] | {"materials"}
    # The meeting aggregates everything: it sits on top, materials never import it.
    assert "meetings" not in edges["materials"] and "meetings" not in edges["ledger"]
    assert "materials" in edges["copycheck"]
    assert "orgs" in edges["meetings"]


def test_it_keeps_audit_at_the_bottom_and_unimported():
    """audit imports core and orgs only; no other app imports it (they use core.audit)."""
    up = {m: sorted(_targets(n) & (APPS - {"orgs", "audit"})) for m, n in GRAPH["audit"].items()}
    assert {m: b for m, b in up.items() if b} == {}
    into = {
        m: "audit"
        for pkg in APPS - {"audit"}
        for m, n in GRAPH[pkg].items()
        if "audit" in _targets(n)
    }
    assert into == {}
