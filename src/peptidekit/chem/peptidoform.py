"""Formula, masses, composition, charge and pI of a ProForma peptidoform.

Composition is the sum of the residues, one water, every counted tag and the
convention of each untagged cross-link. A mass tag has no composition: the
formula and the average mass are then not computed (and say why); the
monoisotopic mass adds the tag's value, taken as a monoisotopic delta.

Charge counts the ionisable groups left after every modification and adds
the ones building blocks bring (a fatty diacid's free carboxyl, gamma-Glu's
alpha-carboxyl), each with the value of the pKa-set group named in the
vocabulary. Where a tag's effect on the groups is not known (a mass tag, a
formula with atoms other than C and H, a phosphate) charge and pI are not
computed, with the reason; nothing is guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from peptidekit.chem.charge import (
    DEFAULT_PKA_SET,
    NEGATIVE,
    POSITIVE,
    IonisableGroups,
    PkaSet,
    check_ph,
    isoelectric_point,
    pka_set,
)
from peptidekit.chem.composition import WATER, hill_formula, mass
from peptidekit.chem.formula import format_delta
from peptidekit.chem.proforma import (
    C_TERM,
    EXTRA_RESIDUES,
    N_TERM,
    Peptidoform,
    Site,
    Tag,
    parse_proforma,
)
from peptidekit.chem.residues import RESIDUES

_SIDE_CHAIN_NAME = {
    "K": "amine",
    "R": "guanidinium",
    "H": "imidazole",
    "D": "carboxyl",
    "E": "carboxyl",
    "C": "thiol",
    "Y": "phenol",
}


@dataclass(frozen=True)
class Group:
    where: str
    what: str
    pka: float
    basic: bool

    def describe(self) -> str:
        return f"{self.where} {self.what} (pKa {self.pka:g}, {'+' if self.basic else '-'})"


@dataclass(frozen=True)
class ChargeResult:
    groups: tuple[Group, ...] | None
    unknown: tuple[str, ...]


def _sum(form: Peptidoform) -> tuple[Counter[str], float, list[str]]:
    """Element counts of everything with a composition, the mass tags' sum, and those tags."""
    total: Counter[str] = Counter(WATER)
    extra, mass_tags = 0.0, []
    for site in form.residues:
        total.update(
            RESIDUES[site.letter].formula
            if site.letter in RESIDUES
            else EXTRA_RESIDUES.get(site.letter, {})
        )
    for tag in _all_tags(form):
        if tag.kind == "mass" and tag.mass is not None:
            extra += tag.mass
            mass_tags.append(f"the mass tag [{tag.text}] at position {tag.offset} gives no formula")
        elif tag.delta is not None and tag.counted:
            total.update(tag.delta)
    for link in form.links:
        total.update(link.delta)
    return total, extra, mass_tags


def composition(form: Peptidoform) -> tuple[Counter[str] | None, list[str]]:
    """Element counts, or ``None`` with the reasons they cannot be computed."""
    total, _, reasons = _sum(form)
    negative = [e for e, n in total.items() if n < 0]
    if negative:
        reasons.append(f"the modifications remove more {', '.join(negative)} than there is")
    return (None, reasons) if reasons else (+total, [])


def _all_tags(form: Peptidoform) -> list[Tag]:
    return [*form.n_term, *(t for s in form.residues for t in s.tags), *form.c_term]


def monoisotopic(form: Peptidoform) -> float | None:
    """Monoisotopic mass; mass tags add their value (read as monoisotopic deltas).

    ``None`` when the tags remove atoms that are not there (a negative count).
    """
    total, extra, _ = _sum(form)
    if any(count < 0 for count in total.values()):
        return None
    return mass(total, monoisotopic=True) + extra


def ionisable(form: Peptidoform, pkas: PkaSet) -> ChargeResult:
    """The groups counted for charge, or the reasons charge cannot be computed."""
    groups: dict[tuple[str, str], Group] = {}
    unknown: list[str] = []
    first, last = form.residues[0], form.residues[-1]
    n_key, c_key = (N_TERM, "amine"), (C_TERM, "carboxyl")
    groups[n_key] = Group("N-terminal", "amine", _terminal(pkas, first, True), True)
    groups[c_key] = Group("C-terminal", "carboxyl", _terminal(pkas, last, False), False)
    for site in form.residues:
        name = _SIDE_CHAIN_NAME.get(site.letter)
        if name and site.letter in POSITIVE + NEGATIVE:
            where = f"{site.letter}{site.index}"
            groups[(where, "side")] = Group(
                where, f"side-chain {name}", pkas.side_chain[site.letter], site.letter in POSITIVE
            )
        elif site.letter in ("U", "O", "X"):
            unknown.append(f"residue {site.letter}{site.index} has no pKa in the pKa sets")
    _apply(form.n_term, n_key, n_key, N_TERM, groups, unknown, pkas)
    _apply(form.c_term, c_key, n_key, C_TERM, groups, unknown, pkas)
    for site in form.residues:
        where = f"{site.letter}{site.index}"
        _apply(site.tags, (where, "side"), n_key, where, groups, unknown, pkas, site)
    for link in form.links:
        crosslink = any(
            t.block is not None and t.block.kind == "crosslink"
            for s in link.sites
            if s is not None
            for t in s.tags
            if t.label == link.label
        )
        if link.chemistry != "as tagged" or crosslink:
            for end in link.ends:
                groups.pop(_end_key(end), None)
    if unknown:
        return ChargeResult(None, tuple(unknown))
    return ChargeResult(tuple(groups.values()), ())


def _end_key(end: str) -> tuple[str, str]:
    if end == N_TERM:
        return (N_TERM, "amine")
    if end == C_TERM:
        return (C_TERM, "carboxyl")
    return (end, "side")


def _terminal(pkas: PkaSet, site: Site, n_terminal: bool) -> float:
    if any(t.block is not None and t.block.kind == "residue" and t.block.delta for t in site.tags):
        return pkas.n_term if n_terminal else pkas.c_term
    table = pkas.n_term_by_residue if n_terminal else pkas.c_term_by_residue
    return table.get(site.letter, pkas.n_term if n_terminal else pkas.c_term)


def _apply(
    tags: tuple[Tag, ...],
    key: tuple[str, str],
    n_key: tuple[str, str],
    where: str,
    groups: dict[tuple[str, str], Group],
    unknown: list[str],
    pkas: PkaSet,
    site: Site | None = None,
) -> None:
    caps = linkers = 0
    letter = site.letter if site else where
    for tag in tags:
        if not tag.counted or tag.kind in ("label", "info"):
            continue
        if tag.kind == "mass":
            unknown.append(f"the mass tag [{tag.text}] on {where} has unknown ionisable groups")
            continue
        if tag.kind == "formula":
            if tag.label is not None:
                unknown.append(
                    f"the formula tag [{tag.text}] on {where} does not say which "
                    "groups its cross-link joins"
                )
            elif tag.delta is not None and not set(+tag.delta) | set(-tag.delta) <= {"C", "H"}:
                unknown.append(
                    f"the formula tag [{tag.text}] on {where} may change an "
                    "ionisable group (only C/H-only formulas are taken as neutral)"
                )
            continue
        block = tag.block
        assert block is not None
        effect = block.charge
        if effect.unknown:
            unknown.append(f"{block.name} on {where}: {effect.unknown}")
            continue
        for lost in effect.consumes:
            groups.pop(n_key if lost == "n_amine" else key, None)
        caps += effect.chain == "cap"
        linkers += effect.chain == "linker"
        for number, analogue in enumerate(effect.added_at(letter), start=1):
            pka = pkas.c_term if analogue == "c_term" else pkas.side_chain[analogue]
            what = f"{block.name} carboxyl" + (f" {number}" if number > 1 else "")
            like = "the C-terminal carboxyl" if analogue == "c_term" else f"{analogue}'s side chain"
            groups[(where, f"{block.name}-{len(groups)}")] = Group(
                where, f"{what}, valued as {like}", pka, False
            )
    if caps or linkers:
        groups.pop(key, None)
        if caps != 1:
            problem = "ends in a linker's free amine" if caps == 0 else "has more than one end"
            unknown.append(f"the side chain on {where} {problem}; its groups are not known")


@dataclass(frozen=True)
class PeptidoformProperties:
    form: Peptidoform
    elements: Counter[str] | None
    formula_note: str | None
    monoisotopic_mass: float | None
    average_mass: float | None
    ph: float
    pka_set: str
    net_charge: float | None
    isoelectric_point: float | None
    charge_note: str | None
    groups: tuple[Group, ...]
    notes: tuple[str, ...]

    @property
    def formula(self) -> str | None:
        return None if self.elements is None else hill_formula(self.elements)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; key names are part of the public interface."""
        return {
            "notation": self.form.text,
            "sequence": self.form.sequence,
            "length": len(self.form),
            "formula": self.formula,
            "formula_note": self.formula_note,
            "composition": dict(sorted((self.elements or {}).items())),
            "monoisotopic_mass": _round(self.monoisotopic_mass, 5),
            "average_mass": _round(self.average_mass, 4),
            "ph": self.ph,
            "pka_set": self.pka_set,
            "net_charge": _round(self.net_charge, 3),
            "isoelectric_point": _round(self.isoelectric_point, 3),
            "charge_note": self.charge_note,
            "groups_counted": [g.describe() for g in self.groups],
            "modifications": _modifications(self.form),
            "cross_links": [
                {
                    "label": k.label,
                    "ends": list(k.ends),
                    "chemistry": k.chemistry,
                    "delta": format_delta(k.delta) or None,
                }
                for k in self.form.links
            ],
            "notes": list(self.notes),
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _modifications(form: Peptidoform) -> list[dict[str, Any]]:
    out = []
    places = [
        (N_TERM, form.n_term),
        *((f"{s.letter}{s.index}", s.tags) for s in form.residues),
        (C_TERM, form.c_term),
    ]
    for where, tags in places:
        for tag in tags:
            if tag.kind == "label":
                continue
            out.append(
                {
                    "at": where,
                    "tag": tag.text,
                    "name": tag.block.name if tag.block else None,
                    "kind": tag.block.kind if tag.block else tag.kind,
                    "delta": None if tag.delta is None else (format_delta(tag.delta) or "none"),
                    "mass_delta": tag.mass,
                    "counted": tag.counted,
                    "source": tag.block.source if tag.block else "as written",
                }
            )
    return out


def analyse_proforma(
    text: str | Peptidoform, *, ph: float = 7.4, pka_set_name: str = DEFAULT_PKA_SET
) -> PeptidoformProperties:
    """Every computable property of a ProForma peptidoform, and why the others are not."""
    form = parse_proforma(text) if isinstance(text, str) else text
    ph = check_ph(ph)
    pkas = pka_set(pka_set_name)
    elements, reasons = composition(form)
    charge = ionisable(form, pkas)
    notes = [
        f"cross-link #{k.label} ({k.ends[0]}-{k.ends[1]}) without chemistry on its ends "
        f"is read as a {k.chemistry} ({format_delta(k.delta)})"
        for k in form.links
        if k.chemistry != "as tagged"
    ]
    if any(t.kind == "mass" for t in _all_tags(form)):
        notes.append("mass tags are taken as monoisotopic deltas")
    if any(t.block is not None and t.block.name.startswith("D-") for t in _all_tags(form)):
        notes.append("D-amino acids have the composition of their L-forms")
    net = pi = None
    charge_note = None
    if charge.groups is None:
        charge_note = "cannot compute: " + "; ".join(charge.unknown)
    else:
        found = IonisableGroups(
            tuple(g.pka for g in charge.groups if g.basic),
            tuple(g.pka for g in charge.groups if not g.basic),
        )
        net = found.net_charge(ph)
        result = isoelectric_point(found)
        pi, charge_note = result.value, result.note
    return PeptidoformProperties(
        form=form,
        elements=elements,
        formula_note="cannot compute: " + "; ".join(reasons) if reasons else None,
        monoisotopic_mass=monoisotopic(form),
        average_mass=None if elements is None else mass(elements, monoisotopic=False),
        ph=ph,
        pka_set=pkas.name,
        net_charge=net,
        isoelectric_point=pi,
        charge_note=charge_note,
        groups=charge.groups or (),
        notes=tuple(notes),
    )
