"""Formulas in ProForma's ``Formula:`` syntax: element symbols with signed counts.

``C2H2O``, ``HNO-1`` and ``H-2 O-1`` (spaces allowed) are read; counts may be
negative because a modification can remove atoms. Isotope brackets
(``[13C2]``) are refused, since the element tables hold natural elements only.
"""

from __future__ import annotations

import re
from collections import Counter

from peptidekit.chem.composition import AVERAGE_MASS
from peptidekit.errors import InputError

_TOKEN = re.compile(r"([A-Z][a-z]?)\s*(-?\d+)?\s*")
MAX_COUNT = 100_000
"""Largest element count one formula may give (a bound on work and on absurd input)."""


def scan_formula(text: str) -> tuple[Counter[str], None] | tuple[None, tuple[int, str]]:
    """The element counts of ``text``, or ``(None, (offset, problem))`` at the first fault."""
    elements: Counter[str] = Counter()
    offset = len(text) - len(text.lstrip())
    if not text.strip():
        return None, (0, "an empty formula; expected element symbols with counts, e.g. C2H2O")
    while offset < len(text):
        if text[offset] == "[":
            return None, (offset, "isotope formulas ([13C2]) are not supported")
        match = _TOKEN.match(text, offset)
        if not match:
            return None, (
                offset,
                f"{text[offset]!r} is not an element symbol; expected e.g. C2H2O or H-1N-1O",
            )
        element, count = match[1], match[2]
        if element not in AVERAGE_MASS:
            return None, (
                offset,
                f"element {element!r} is not supported; expected one of "
                + ", ".join(sorted(AVERAGE_MASS)),
            )
        number = int(count) if count else 1
        if abs(number) > MAX_COUNT:
            return None, (offset, f"count {number} is over the bound of {MAX_COUNT:,} atoms")
        elements[element] += number
        offset = match.end()
    return elements, None


def parse_proforma_formula(text: str) -> Counter[str]:
    """Element counts of a ProForma formula (empty text is no change)."""
    if not text.strip():
        return Counter()
    elements, problem = scan_formula(text)
    if elements is None:
        assert problem is not None
        raise InputError(
            f"formula {text!r}: {problem[1]}",
            input=text,
            expected="element symbols with signed counts, e.g. C2H2O or H-1N-1O",
        )
    return elements


def format_delta(elements: Counter[str]) -> str:
    """A composition change in ProForma syntax, Hill order (``C2H2O``, ``HNO-1``)."""
    order = sorted(elements)
    if "C" in elements:
        order = ["C", *(["H"] if "H" in elements else []), *[e for e in order if e not in "CH"]]
    parts = []
    for element in order:
        count = elements[element]
        if count:
            parts.append(element + ("" if count == 1 else str(count)))
    return "".join(parts)
