"""The checker's package is a layer below ``peptidekit.ops``: nothing in ``claims`` imports
``ops`` (``claims.batch`` used to import ``ops.knowledge``, which imports ``claims.check``:
a cycle). Read from the source with the standard library's parser, imports inside
functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import peptidekit.claims

CLAIMS = Path(peptidekit.claims.__file__).parent


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_reader_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from peptidekit.ops.knowledge import read_page\n")
    assert imported(module) == {"peptidekit.ops.knowledge"}


def test_no_claims_module_imports_ops() -> None:
    modules = sorted(CLAIMS.glob("*.py"))
    assert len(modules) > 10
    offenders = {
        path.name: sorted(n for n in imported(path) if n.split(".")[:2] == ["peptidekit", "ops"])
        for path in modules
    }
    assert {name: found for name, found in offenders.items() if found} == {}
