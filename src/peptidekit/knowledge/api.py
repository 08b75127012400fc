"""The knowledge-base API that the calculators, planner, PK engine and web app use.

Every result carries the claim it comes from, its sources, evidence type and
status, so that a caller can always say where a number came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peptidekit.errors import unknown_name
from peptidekit.knowledge.loader import KnowledgeBase, default_knowledge
from peptidekit.knowledge.ranges import ReferenceRange
from peptidekit.knowledge.reconcile import in_unit, reference_ranges
from peptidekit.knowledge.schema import Basis, Claim, Compound, StorageCondition
from peptidekit.units import Quantity, ureg
from peptidekit.vocabulary import FORMS, ROUTES

MEASURED_EVIDENCE = frozenset({"label", "rct", "open_label"})
PK_TOPICS = (
    "bioavailability",
    "absorption",
    "plasma_disappearance",
    "half_life",
    "effect_duration",
)
BASES: tuple[str, ...] = Basis.__args__  # type: ignore[attr-defined]


def _compound(compound: str | Compound, kb: KnowledgeBase | None) -> Compound:
    if isinstance(compound, Compound):
        return compound
    return (kb or default_knowledge()).compound(compound)


def _check(what: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise unknown_name(what, value, list(choices))


def dose_claims(
    compound: str | Compound,
    route: str | None = None,
    basis: str | None = None,
    *,
    kb: KnowledgeBase | None = None,
) -> list[Claim]:
    """Every quantitative dose claim for a compound, optionally by route and basis."""
    _check("route", route, ROUTES)
    _check("basis", basis, BASES)
    return [
        c
        for c in _compound(compound, kb).claims
        if c.topic == "dose"
        and c.amount is not None
        and (route is None or route in c.routes)
        and (basis is None or c.amount.basis == basis)
    ]


def dose_reference(
    compound: str | Compound, route: str, basis: str, *, kb: KnowledgeBase | None = None
) -> ReferenceRange | None:
    """The reference dose range for a route and basis, or None if no source gives one."""
    _check("route", route, ROUTES)
    _check("basis", basis, BASES)
    for ref in reference_ranges(_compound(compound, kb)):
        if ref.route == route and ref.basis == basis:
            return ref
    return None


def reference_quantities(ref: ReferenceRange) -> tuple[Quantity, Quantity]:
    """The reference range as two quantities of the package's unit registry."""
    return ureg.Quantity(ref.low, ref.unit), ureg.Quantity(ref.high, ref.unit)


@dataclass(frozen=True)
class ShelfLife:
    form: str
    storage: str | None
    days_low: float
    days_high: float
    claim: Claim

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "storage": self.storage,
            "days_low": self.days_low,
            "days_high": self.days_high,
            "claim": self.claim.id,
            "statement": self.claim.statement,
            "sources": [s.source for s in self.claim.sources],
            "evidence": self.claim.evidence,
            "status": self.claim.status,
            "note": self.claim.note,
        }


def shelf_life(
    compound: str | Compound,
    form: str,
    storage: str | None = None,
    *,
    kb: KnowledgeBase | None = None,
) -> list[ShelfLife]:
    """Shelf-life figures by form and storage, each with its claim; empty if unknown."""
    _check("form", form, FORMS)
    _check("storage", storage, StorageCondition.__args__)  # type: ignore[attr-defined]
    out = []
    for claim in _compound(compound, kb).claims:
        if claim.topic != "storage" or claim.amount is None or claim.form != form:
            continue
        if storage is not None and claim.storage != storage:
            continue
        low, high = in_unit(claim, "d")
        out.append(ShelfLife(form, claim.storage, low, high, claim))
    return out


@dataclass(frozen=True)
class PkParameter:
    name: str
    low: float
    high: float
    unit: str
    routes: tuple[str, ...]
    claim: Claim
    measured: bool
    """True for label or trial figures; False for vendor claims and secondary reports."""

    @property
    def caveat(self) -> str | None:
        if self.name == "effect_duration":
            return "an effect-duration claim, not a plasma half-life"
        if not self.measured:
            return f"a {self.claim.evidence.replace('_', ' ')}, not a measurement"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "routes": list(self.routes),
            "claim": self.claim.id,
            "sources": [s.source for s in self.claim.sources],
            "evidence": self.claim.evidence,
            "status": self.claim.status,
            "measured": self.measured,
            "caveat": self.caveat,
        }


def pk_parameters(
    compound: str | Compound, *, kb: KnowledgeBase | None = None
) -> list[PkParameter]:
    """Pharmacokinetic figures with their source; durations in minutes, fractions in %."""
    out = []
    for claim in _compound(compound, kb).claims:
        if claim.topic not in PK_TOPICS or claim.amount is None:
            continue
        unit = "percent" if claim.topic == "bioavailability" else "min"
        low, high = in_unit(claim, unit)
        out.append(
            PkParameter(
                name=claim.topic,
                low=low,
                high=high,
                unit="%" if unit == "percent" else unit,
                routes=tuple(claim.routes),
                claim=claim,
                measured=claim.evidence in MEASURED_EVIDENCE and claim.status == "supported",
            )
        )
    return out


def volume_default(
    compound: str | Compound | None, topic: str, *, kb: KnowledgeBase | None = None
) -> tuple[Quantity, Claim] | None:
    """The default drop or spray volume (``drop_volume`` / ``spray_volume``) with its claim.

    A figure for the compound's own product comes first; otherwise the general
    device figure (a pharmacopoeial dropper, a typical metered pump).
    """
    _check("volume topic", topic, ("drop_volume", "spray_volume"))
    kb = kb or default_knowledge()
    own = [] if compound is None else _compound(compound, kb).claims
    claims = [c for c in own if c.topic == topic and c.amount is not None]
    claims.sort(key=lambda c: not c.reference)
    claims += [c for c in kb.devices if c.topic == topic and c.amount is not None]
    if not claims:
        return None
    low, _high = in_unit(claims[0], "uL")
    return ureg.Quantity(low, "microliter"), claims[0]
