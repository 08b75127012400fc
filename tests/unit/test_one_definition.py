"""Each rule is defined once: the disclaimer, the routes, the unit slip; and no message
from the core names a command-line flag (the CLI words fields as flags itself)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from peptidekit.knowledge.ranges import unit_slip
from peptidekit.results import DISCLAIMER

SRC = Path(__file__).resolve().parents[2] / "src" / "peptidekit"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def _strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_core_or_web_message_names_a_command_line_flag() -> None:
    found = [
        f"{path.relative_to(SRC)}:{line}: {text!r}"
        for path in sorted(SRC.rglob("*.py"))
        if "cli" not in path.relative_to(SRC).parts
        for line, text in _strings(path)
        if FLAG.search(text)
    ]
    assert found == []


def test_the_disclaimer_is_written_once() -> None:
    files = [
        str(p.relative_to(SRC))
        for p in [*SRC.rglob("*.py"), *SRC.rglob("*.html")]
        if DISCLAIMER in p.read_text()
    ]
    assert files == ["results.py"]


def test_the_routes_are_listed_once() -> None:
    # 'intraperitoneal' appears in the list of routes and in the claim checker's words
    files = sorted(
        str(p.relative_to(SRC))
        for p in [*SRC.rglob("*.py"), *SRC.rglob("*.html")]
        if re.search(r"[\"']intramuscular[\"'], *[\"']", p.read_text())
    )
    assert files == ["vocabulary.py"]


@pytest.mark.parametrize(
    ("value", "plausible", "slip"),
    [
        ((250_000, 500_000), (300, 900), (1000.0, "mg", "mcg")),  # 250-500 mg for mcg
        ((0.3, 0.9), (300, 900), (0.001, "mcg", "mg")),  # 0.3-0.9 mcg for mg
        ((3000, 9000), (300, 900), None),  # 10x is a decimal slip, not a unit slip
        ((300, 900), (300, 900), None),
        ((100_000, 100_000), (300, 900), None),  # 192x: too far from 1000x (316x-3162x)
    ],
)
def test_one_unit_slip_rule_by_hand(
    value: tuple[float, float], plausible: tuple[float, float], slip: object
) -> None:
    assert unit_slip(value, plausible) == slip
