"""The pure core never imports an adapter's library (web framework, CLI, database)."""

from __future__ import annotations

import ast
from pathlib import Path

import peptidekit

PACKAGE = Path(peptidekit.__file__).parent
ADAPTERS = {"cli", "web", "store"}
ADAPTER_LIBRARIES = {
    "click",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "sqlite3",
}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
            if node.module.split(".")[0] == "peptidekit" and len(node.module.split(".")) > 1:
                roots.add("peptidekit." + node.module.split(".")[1])
    return roots


def test_core_modules_import_no_adapter() -> None:
    core = [
        p
        for p in PACKAGE.rglob("*.py")
        if p.relative_to(PACKAGE).parts[0] not in ADAPTERS and p.name != "__main__.py"
    ]
    assert len(core) > 30  # the walk found the package
    offenders = {}
    for path in core:
        roots = imported_roots(path)
        bad = (roots & ADAPTER_LIBRARIES) | {
            r
            for r in roots
            if r.removeprefix("peptidekit.") in ADAPTERS and r.startswith("peptidekit.")
        }
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = sorted(bad)
    assert offenders == {}


def test_web_pages_and_api_do_not_import_the_app() -> None:
    # the app includes the routers; a router importing the app back was an import cycle.
    # Read from the import graph (every import, inside functions too), not the text.
    from tests.unit.test_import_graph import graph

    importers = {
        source
        for source, targets in graph().items()
        if any(target == "peptidekit.web.app" for target, _ in targets)
    }
    web = {m for m in importers if m.startswith("peptidekit.web.")}
    assert web == set()
    for module in ("pages", "api", "services", "rendering"):
        assert f"peptidekit.web.{module}" not in importers, module


def test_each_package_names_its_public_api() -> None:
    import importlib

    for package in ("dosing", "protocol", "pk", "ops", "units", "chem", "knowledge"):
        module = importlib.import_module(f"peptidekit.{package}")
        assert module.__all__, package
        for name in module.__all__:
            assert getattr(module, name) is not None, f"peptidekit.{package}.{name}"
