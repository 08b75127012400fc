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


def _fixed_lists() -> dict[str, frozenset[str]]:
    """Each fixed list of words the package has, by the module of its one definition."""
    from peptidekit.dosing.syringe import UNITS_PER_ML
    from peptidekit.ops.calculators import DEVICES
    from peptidekit.units.dates import WEEKDAYS
    from peptidekit.vocabulary import DOSE_STATUSES, FORMS, ROUTES, STORAGE

    return {
        "vocabulary.py ROUTES": frozenset(ROUTES),
        "vocabulary.py DOSE_STATUSES": frozenset(DOSE_STATUSES),
        "vocabulary.py STORAGE": frozenset(STORAGE),
        "vocabulary.py FORMS": frozenset(FORMS),
        "ops/calculators.py DEVICES": frozenset(DEVICES),
        "dosing/syringe.py UNITS_PER_ML": frozenset(UNITS_PER_ML),
        "units/dates.py WEEKDAYS": frozenset(WEEKDAYS),
    }


def _literal_lists(path: Path) -> list[tuple[int, frozenset[str]]]:
    """Every tuple, list or set written out of string constants in a module (a Literal[...]
    type is one too), with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        elements = None
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            elements = node.elts
        elif isinstance(node, ast.Dict):
            elements = [k for k in node.keys if k is not None]
        if elements and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elements
        ):
            found.append((node.lineno, frozenset(str(e.value) for e in elements)))  # type: ignore[attr-defined]
    return found


def test_each_fixed_list_is_written_out_once() -> None:
    """A literal collection holding a fixed list (all its words, or every word but one of a
    long one, and at most one other word) is its definition; a second one in another
    module is a copy. A map of synonyms ('sprays', 'puffs' -> 'spray') is not a copy."""
    lists = _fixed_lists()
    where: dict[str, set[str]] = {name: set() for name in lists}
    for path in sorted(SRC.rglob("*.py")):
        for _line, words in _literal_lists(path):
            for name, wanted in lists.items():
                need = len(wanted) if len(wanted) <= 3 else len(wanted) - 1
                if len(words & wanted) >= need and len(words - wanted) <= 1:
                    where[name].add(f"{path.relative_to(SRC)}")
    copies = {name: sorted(found) for name, found in where.items() if len(found) > 1}
    assert copies == {}


def test_the_fixed_list_finder_by_hand(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "A = ('taken', 'skipped', 'wasted')\nB = ['x', 1]\nC = {'drop': 1, 'spray': 2}\n"
    )
    assert _literal_lists(module) == [
        (1, frozenset({"taken", "skipped", "wasted"})),
        (3, frozenset({"drop", "spray"})),
    ]
