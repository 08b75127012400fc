"""Each claim read into a frame before it is judged (issue 29): what its number measures,
whose it is, by which route, and the words that qualify it. The checks read the frame;
the frame is reported with each finding, so a reader sees how the figure was taken.

What a number measures comes from its kind and basis (``MEASURES``). Whose it is: the
compound its sentence names before it, else the compound in scope (its section's
heading, ``claims.structure``), else the page's (its title, else the name it gives most).
Qualifiers are the words of its sentence that change what it can be compared with: a
figure measured in vitro or in animals is not a human pharmacokinetic figure; a dose used
in trials of patients (stroke) is the clinical product's, not the everyday label's; a
modified form ('amidate', 'N-acetyl') is another compound than its parent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MEASURES = {
    ("dose", "per_administration"): "dose per administration",
    ("dose", "per_nostril"): "dose per nostril",
    ("dose", "per_day"): "dose per day",
    ("dose", "per_kg"): "dose per kg of body weight",
    ("drops", None): "drops or sprays per administration",
    ("strength", None): "product strength (labelled concentration)",
    ("concentration", None): "concentration made up by reconstitution",
    ("draw", None): "syringe reading",
    ("conversion", None): "unit conversion",
    ("course", None): "duration of a course",
    ("break", None): "duration of a break",
    ("effect_duration", None): "duration of an effect",
    ("onset", None): "time to onset",
    ("storage", None): "storage time",
    ("half_life", None): "half-life",
    ("temperature", None): "temperature",
    ("sequence", None): "identity: sequence",
    ("residues", None): "identity: length",
    ("formula", None): "identity: formula",
    ("weight", None): "identity: molecular mass",
    ("pmid", None): "citation",
    ("pmc", None): "citation",
    ("doi", None): "citation",
}

QUALIFIERS = [
    (
        "in vitro",
        re.compile(r"\bin[ -]vitro\b|\bex vivo\b|cell cultures?|\bin plasma samples\b", re.I),
    ),
    (
        "in animals",
        re.compile(
            r"\bin (?:rats?|mice|rodents?|animals?|dogs?|rabbits?)\b|"
            r"\banimal (?:studies|models?)\b",
            re.I,
        ),
    ),
    (
        "in trials of patients",
        re.compile(
            r"\b(?:clinical|neurological|stroke|hospital) (?:trials?|studies|use|patients)\b|"
            r"\btrials? (?:used|gave|of)\b|\bin (?:stroke|patients?)\b|\bischaemi|\bischemi",
            re.I,
        ),
    ),
    ("modified form", re.compile(r"\bamidated?\b|\bN-acetyl(?:ated)?\b|\bNA-", re.I)),
]
"""Words of a claim's sentence that change what it is compared with, in a frame's words."""


QUALIFIER_ANY = re.compile("|".join(f"(?:{p.pattern})" for _, p in QUALIFIERS), re.I)


@dataclass(frozen=True)
class Frame:
    measures: str
    """What the number measures ('dose per day', 'storage time', 'identity: formula')."""
    compound: str | None
    """Whose it is: the compound's name, or None when no compound applies or is known."""
    compound_from: str
    """How that was decided: 'its sentence', 'its section', 'the page', 'not needed'."""
    route: str | None = None
    qualifiers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "measures": self.measures,
            "compound": self.compound,
            "compound_from": self.compound_from,
            "route": self.route,
            "qualifiers": list(self.qualifiers),
        }


def measures(kind: str, basis: str | None) -> str:
    return MEASURES.get((kind, basis)) or MEASURES.get((kind, None)) or kind.replace("_", " ")


def qualifiers(sentence: str) -> tuple[str, ...]:
    """The qualifiers a claim's sentence states."""
    if not QUALIFIER_ANY.search(sentence):  # one pass: most sentences state none
        return ()
    return tuple(name for name, pattern in QUALIFIERS if pattern.search(sentence))
