"""Modified peptides outside the knowledge base, for identity checks: structure and record.

Read from ``chem/data/reference_compounds.yaml``. Each formula and mass is computed
from the ProForma structure; the record's formula is kept beside it and a test
checks that the two agree. ``mixup`` names a different molecule sold under a
shared name (the 7-residue TB-500 fragment and the 43-residue thymosin beta-4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from peptidekit.chem.peptidoform import analyse_proforma


@dataclass(frozen=True)
class ReferenceCompound:
    name: str
    aliases: tuple[str, ...]
    structure: str
    record_formula: str
    source: str
    formula: str
    monoisotopic_mass: float
    average_mass: float
    conflict: str | None = None
    mixup: str | None = None
    shared_name: str | None = None
    markers: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def named_in(self, text: str, *, markers: bool = False) -> bool:
        """Whether ``text`` names this compound (a name as a whole word, or a marker)."""
        return _any_word((*self.names(), *(self.markers if markers else ())), text)

    def markers_in(self, text: str) -> bool:
        return _any_word(self.markers, text)


def _any_word(words: tuple[str, ...], text: str) -> bool:
    return any(re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text, re.I) for w in words)


@cache
def reference_compounds() -> tuple[ReferenceCompound, ...]:
    """The shipped reference compounds (read once), each computed from its structure."""
    text = resources.files("peptidekit.chem").joinpath("data/reference_compounds.yaml")
    out = []
    for item in yaml.safe_load(text.read_text())["compounds"]:
        result = analyse_proforma(item["structure"])
        if result.formula is None or result.average_mass is None:
            raise ValueError(f"reference {item['name']}: {result.formula_note}")
        assert result.monoisotopic_mass is not None  # a formula implies its mass
        out.append(
            ReferenceCompound(
                name=item["name"],
                aliases=tuple(item.get("aliases", ())),
                structure=item["structure"],
                record_formula=item["formula"],
                source=item["source"],
                formula=result.formula,
                monoisotopic_mass=result.monoisotopic_mass,
                average_mass=result.average_mass,
                conflict=item.get("conflict"),
                mixup=item.get("mixup"),
                shared_name=item.get("shared_name"),
                markers=tuple(item.get("markers", ())),
            )
        )
    return tuple(out)


def by_name(name: str) -> ReferenceCompound:
    return next(c for c in reference_compounds() if c.name == name)


def matching_mass(value: float, tolerance: float = 0.5) -> ReferenceCompound | None:
    """The reference whose average mass is within ``tolerance`` Da, or whose monoisotopic
    mass is within a tenth of it (an HRMS figure such as 888.49)."""
    for compound in reference_compounds():
        if abs(compound.average_mass - value) <= tolerance:
            return compound
        if abs(compound.monoisotopic_mass - value) <= tolerance / 10:
            return compound
    return None


def matching_formula(formula: str) -> ReferenceCompound | None:
    return next((c for c in reference_compounds() if c.formula == formula), None)


def subject(ref: ReferenceCompound, sentence: str, page: str) -> ReferenceCompound | None:
    """Which of ``ref`` and its mix-up partner a claim is about, or None when unclear.

    The sentence's own name first; then what the page says its shared name is ('TB-500
    is the fragment Ac-LKKTETQ...': a marker word, else a name, in that sentence); then
    the one of the two names the page uses.
    """
    if ref.mixup is None:
        return ref
    pair = (ref, by_name(ref.mixup))
    said = [c for c in pair if c.named_in(sentence)]
    if len(said) > 1:  # both named: a marker word ('fragment', '43-amino') decides
        said = [c for c in pair if c.markers_in(sentence)]
        return said[0] if len(said) == 1 else None
    if said:
        return said[0]
    if ref.shared_name:
        shared = re.compile(r"[- ]?".join(map(re.escape, ref.shared_name.split("-"))), re.I)
        for line in re.split(r"(?<=[.!?])\s+|\n", page):
            if not shared.search(line):
                continue
            for found in (
                [c for c in pair if c.named_in(line, markers=True) and c.markers_in(line)],
                [c for c in pair if c.named_in(line)],
            ):
                if len(found) == 1:
                    return found[0]
    named = [c for c in pair if c.named_in(page)]
    return named[0] if len(named) == 1 else None
