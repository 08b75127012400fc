"""The import graph of ``src/peptidekit`` has no cycle and never runs up the layers.

Every ``import`` and ``from ... import`` of a peptidekit module is read with ``ast``:
at module level, inside functions, and under ``if TYPE_CHECKING:`` alike (a lazy
import is still a dependency). ``from peptidekit.a import b`` is an edge to the module
``peptidekit.a.b`` when there is one, else to ``peptidekit.a``.

The layers, lowest first; a module may import its own layer and those below it, never
one above:

0. foundations: ``errors``, ``vocabulary``, ``results``, ``lazy``, ``csvsafe``,
   ``files``, ``_version`` (plain values and messages, no domain knowledge);
1. ``units`` (the unit registry, the strict parser, dates and time zones);
2. ``chem`` (sequences, formulas, masses);
3. ``knowledge`` (the cited knowledge base and its indexes);
4. the rules on a knowledge base: ``dosing``, ``pk``, ``claims``;
5. ``protocol`` (schedules and plans made of doses);
6. ``journal`` (what was taken, against a repository interface);
7. ``ops`` (one request and one result per workflow);
8. the library: ``api`` and the package root ``peptidekit`` (which re-exports it);
9. adapters: ``cli``, ``web``, ``store`` (store implements the journal's repository
   over SQL, so it is an adapter like the others) and ``__main__``.

Within one layer, packages may import each other, but not both ways (the package graph
is acyclic too), and no two modules may import each other through any path.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "peptidekit"

LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names.split())
    for names in (
        "errors vocabulary results lazy csvsafe files _version",
        "units",
        "chem",
        "knowledge",
        "dosing pk claims",
        "protocol",
        "journal",
        "ops",
        "api <root>",
        "cli web store __main__",
    )
)

KNOWN_CYCLES: tuple[frozenset[str], ...] = ()
"""Cycles that still exist and are being removed by their owners; each entry must still
be a cycle (the test fails once it is gone, so the exception is removed with it). None
are left: cli/journal_cmd.py <-> cli/journal_fix_cmd.py and claims.batch -> ops.knowledge
(the two of #22) are gone."""

KNOWN_UPWARD: frozenset[tuple[str, str]] = frozenset()
"""Upward imports being removed by their owners (each must still exist)."""


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _nearest(name: str, known: Mapping[str, Path]) -> str | None:
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(name: str, path: Path, known: Mapping[str, Path]) -> set[tuple[str, int]]:
    """The peptidekit modules ``name`` imports, each with the line of its import."""
    out: set[tuple[str, int]] = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets: Iterable[str] = (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            targets = (
                f"{module}.{a.name}" if f"{module}.{a.name}" in known else module
                for a in node.names
            )
        else:
            continue
        for target in targets:
            if target == "peptidekit" or target.startswith("peptidekit."):
                found = _nearest(target, known)
                if found is not None and found != name:
                    out.add((found, node.lineno))
    return out


def graph() -> dict[str, set[tuple[str, int]]]:
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "<root>"


def layer_of(module: str) -> int:
    package = package_of(module)
    for rank, names in enumerate(LAYERS):
        if package in names:
            return rank
    raise AssertionError(f"{module}: package {package!r} is in no layer (add it to LAYERS)")


def cycles(edges: Mapping[str, Iterable[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def upward(edges: Mapping[str, Iterable[tuple[str, int]]]) -> dict[tuple[str, str], int]:
    """Every import of a module in a higher layer, with its line."""
    return {
        (source, target): line
        for source, targets in edges.items()
        for target, line in sorted(targets)
        if layer_of(target) > layer_of(source)
    }


def _names(edges: Mapping[str, set[tuple[str, int]]]) -> dict[str, set[str]]:
    return {source: {t for t, _ in targets} for source, targets in edges.items()}


def test_the_walk_reads_the_package() -> None:
    edges = _names(graph())
    assert len(edges) > 100
    # an import inside a function body is seen: ops.knowledge loads the knowledge base
    # only when asked
    assert "peptidekit.knowledge" in edges["peptidekit.ops.knowledge"]


def test_relative_and_function_level_imports_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "y.py"
    path.write_text(
        "from . import z\nfrom ..w import thing\ndef f():\n    import peptidekit.q.r\nimport json\n"
    )
    known = {name: Path() for name in ("peptidekit.x.z", "peptidekit.w", "peptidekit.q")}
    assert imports_of("peptidekit.x.y", path, known) == {
        ("peptidekit.x.z", 1),
        ("peptidekit.w", 2),
        ("peptidekit.q", 4),  # the nearest module that exists
    }


def test_the_cycle_finder_by_hand() -> None:
    # a -> b -> c -> a is one cycle; d -> a is not part of it; e -> e is no cycle of two
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges) == [frozenset({"a", "b", "c"})]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_layer_check_by_hand() -> None:
    edges = {
        "peptidekit.knowledge.index": {("peptidekit", 24), ("peptidekit.units", 30)},
        "peptidekit.cli.main": {("peptidekit.ops.plan", 3)},
    }
    assert upward(edges) == {("peptidekit.knowledge.index", "peptidekit"): 24}


def test_no_module_is_in_an_import_cycle() -> None:
    found = set(cycles(_names(graph())))
    for known in KNOWN_CYCLES:
        assert known in found, f"{sorted(known)} is no longer a cycle: remove its exception"
    assert sorted(sorted(c) for c in found - set(KNOWN_CYCLES)) == []


def test_no_package_imports_another_both_ways() -> None:
    by_package: dict[str, set[str]] = {}
    for source, targets in _names(graph()).items():
        known = {t for t in targets if (source, t) in KNOWN_UPWARD}
        by_package.setdefault(package_of(source), set()).update(
            package_of(t) for t in targets - known if package_of(t) != package_of(source)
        )
    assert [sorted(c) for c in cycles(by_package)] == []


def test_no_module_imports_a_higher_layer() -> None:
    found = upward(graph())
    for known in KNOWN_UPWARD:
        assert known in found, f"{known} no longer runs upward: remove its exception"
    assert {
        f"{source} (layer {layer_of(source)}) line {line} imports {target} "
        f"(layer {layer_of(target)})"
        for (source, target), line in found.items()
        if (source, target) not in KNOWN_UPWARD
    } == set()


def test_the_core_never_imports_an_adapter() -> None:
    # the adapters' libraries are checked by test_layering; here the adapters themselves
    adapters = LAYERS[-1]
    found = {
        (source, target)
        for source, targets in _names(graph()).items()
        if package_of(source) not in adapters
        for target in targets
        if package_of(target) in adapters
    }
    assert found == set()
