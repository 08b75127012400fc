"""Reconciliation: normalise comparable claims and find where sources disagree.

Doses are normalised to micrograms and to two bases: per administration (a
per-nostril figure counts twice, one dose into each nostril) and per day
(per-administration figures times the stated administrations a day). Then:

* a dose about 1000 times every other source's is a unit slip (mg for mcg);
* a per-nostril dose that equals the reference whole dose is a basis mix-up;
* per route, per-day ranges that differ (or do not even overlap) are listed;
* half-lives are compared in minutes; effect durations are shown beside them
  because they are often passed off as half-lives;
* strengths are compared in mg/mL, and one that equals another compound's
  labelled strength is named;
* a stated sequence is compared residue by residue with the known one.

Reference ranges come from claims marked ``reference`` (the label where there
is one); otherwise they are the envelope of the claims that are not
contradicted, and say so.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from peptidekit.chem import parse_sequence
from peptidekit.chem.residues import RESIDUES
from peptidekit.errors import PeptidekitError
from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.ranges import Range, ReferenceRange, fmt_range, overlaps, unit_slip
from peptidekit.knowledge.schema import TOPIC_KIND, Claim, Compound, Conflict, ConflictSide
from peptidekit.units import Kind, magnitude_in, parse_quantity

DISPLAY_UNIT = {"dose": "mcg", "strength": "mg/mL", "half_life": "min"}


def in_unit(claim: Claim, unit: str) -> Range:
    """The claim's amount as a (low, high) range in ``unit``."""
    assert claim.amount is not None
    one = _one(claim.amount.unit, _kind(claim), unit)
    return claim.amount.low * one, claim.amount.high * one


@lru_cache(maxsize=256)
def _one(written: str, kind: Kind, unit: str) -> float:
    """One ``written`` unit in ``unit`` (remembered: the same few units recur)."""
    return magnitude_in(parse_quantity(f"1 {written}", kind), unit)


def _kind(claim: Claim) -> Kind:
    return TOPIC_KIND[claim.topic]


def per_administration_mcg(claim: Claim) -> Range | None:
    """Micrograms per administration; a per-nostril figure counts for two nostrils."""
    if claim.amount is None or claim.topic != "dose":
        return None
    low, high = in_unit(claim, "mcg")
    if claim.amount.basis == "per_administration":
        return low, high
    if claim.amount.basis == "per_nostril":
        return 2 * low, 2 * high
    return None


def per_day_mcg(claim: Claim) -> Range | None:
    """Micrograms per day, from a per-day figure or a dose times its daily count."""
    if claim.amount is None or claim.topic != "dose":
        return None
    if claim.amount.basis == "per_day":
        return in_unit(claim, "mcg")
    per_admin = per_administration_mcg(claim)
    if per_admin is None or claim.amount.times_per_day is None:
        return None
    times_low, times_high = claim.amount.times_per_day
    return per_admin[0] * times_low, per_admin[1] * times_high


def cited(claims: Iterable[Claim]) -> str:
    """The distinct source ids of ``claims``, in order."""
    return ", ".join(dict.fromkeys(s.source for c in claims for s in c.sources))


def _claims_by_route_basis(
    claims: Iterable[Claim],
) -> dict[tuple[str | None, str | None], list[Claim]]:
    groups: dict[tuple[str | None, str | None], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.amount is None:
            continue
        routes: list[str | None] = [*claim.routes] or [None]
        for route in routes:
            groups[(route, claim.amount.basis)].append(claim)
    return groups


def reference_ranges(compound: Compound, topic: str = "dose") -> list[ReferenceRange]:
    """One reference range per route and basis for ``topic``."""
    unit = _unit_for_topic(compound, topic)
    out = []
    claims = [c for c in compound.claims if c.topic == topic]
    for (route, basis), group in sorted(
        _claims_by_route_basis(claims).items(), key=lambda kv: (kv[0][0] or "", kv[0][1] or "")
    ):
        chosen = [c for c in group if c.reference]
        origin = "reference"
        if not chosen:
            chosen = [c for c in group if c.status != "contradicted"]
            origin = "envelope"
        if not chosen:
            continue
        ranges = [in_unit(c, unit) for c in chosen]
        sources = tuple(dict.fromkeys(s.source for c in chosen for s in c.sources))
        if origin == "reference":
            note = f"from {', '.join(sources)} ({', '.join(sorted({c.evidence for c in chosen}))})"
        else:
            note = (
                f"no reference figure: envelope of {len(chosen)} claim(s) that are not "
                f"contradicted ({', '.join(sorted({c.evidence for c in chosen}))})"
            )
        out.append(
            ReferenceRange(
                topic=topic,
                route=route,
                basis=basis,
                low=min(r[0] for r in ranges),
                high=max(r[1] for r in ranges),
                unit=unit,
                claims=tuple(c.id for c in chosen),
                sources=sources,
                origin=origin,
                note=note,
                maximum=all(c.amount is not None and c.amount.maximum for c in chosen),
            )
        )
    return out


def _unit_for_topic(compound: Compound, topic: str) -> str:
    if topic in DISPLAY_UNIT:
        return DISPLAY_UNIT[topic]
    for claim in compound.claims:
        if claim.topic == topic and claim.amount is not None:
            return claim.amount.unit
    return ""


# ---------------------------------------------------------------- conflicts


def computed_conflicts(compound: Compound, kb: KnowledgeBase) -> list[Conflict]:
    """Every disagreement found by normalising the compound's quantitative claims."""
    found = [
        *_unit_slips(compound),
        *_per_nostril(compound),
        *_route_ranges(compound),
        *_half_lives(compound),
        *_strengths(compound, kb),
        *_sequences(compound),
    ]
    return [
        c.model_copy(update={"id": f"{compound.id}.computed.{c.kind}.{i}"})
        for i, c in enumerate(found, start=1)
    ]


def all_conflicts(compound: Compound, kb: KnowledgeBase) -> list[Conflict]:
    return [*computed_conflicts(compound, kb), *compound.conflicts]


def _conflict(kind: str, topic: str, summary: str, sides: list[ConflictSide]) -> Conflict:
    return Conflict.model_validate(
        {
            "id": "pending",
            "kind": kind,
            "topic": topic,
            "summary": summary,
            "sides": sides,
            "computed": True,
        }
    )


def _side(label: str, claims: Iterable[Claim]) -> ConflictSide:
    return ConflictSide(label=label, claims=[c.id for c in claims])


def _doses(compound: Compound) -> list[Claim]:
    return [c for c in compound.claims if c.topic == "dose" and c.amount is not None]


def _geometric_mid(claim: Claim) -> float:
    low, high = in_unit(claim, "mcg")
    return math.sqrt(low * high)


def _unit_slips(compound: Compound) -> list[Conflict]:
    doses = _doses(compound)
    out = []
    for claim in doses:
        others = [c for c in doses if c.id != claim.id]
        if len(others) < 2:
            continue
        typical = statistics.median(_geometric_mid(c) for c in others)
        middle = _geometric_mid(claim)
        ratio = math.log10(middle / typical)
        slip = unit_slip((middle, middle), (typical, typical))
        if slip is not None:
            _, wrote, meant = slip
            written = claim.amount.as_written if claim.amount and claim.amount.as_written else ""
            out.append(
                _conflict(
                    "unit_slip",
                    "dose unit",
                    f"{written or fmt_range(in_unit(claim, 'mcg'), 'mcg')} is about "
                    f"{10**ratio:.0f} times the median of the other {len(others)} dose "
                    f"claims: '{wrote}' was probably written for '{meant}'.",
                    [
                        _side(f"as written: {written}", [claim]),
                        _side("every other dose claim", others),
                    ],
                )
            )
    return out


def _reference_for(compound: Compound, route: str, basis: str) -> ReferenceRange | None:
    for ref in reference_ranges(compound):
        if ref.route == route and ref.basis == basis and ref.origin == "reference":
            return ref
    return None


def _per_nostril(compound: Compound) -> list[Conflict]:
    out: list[Conflict] = []
    whole = _reference_for(compound, "intranasal", "per_administration")
    per_nostril_ref = _reference_for(compound, "intranasal", "per_nostril")
    daily = _reference_for(compound, "intranasal", "per_day")
    if whole is None:
        return out
    for claim in _doses(compound):
        if claim.amount is None or claim.amount.basis != "per_nostril" or claim.reference:
            continue
        as_written = in_unit(claim, "mcg")
        doubled = per_administration_mcg(claim)
        assert doubled is not None
        if not (overlaps(as_written, (whole.low, whole.high)) and doubled[1] > whole.high):
            continue
        parts = [
            f"{fmt_range(as_written, 'mcg')} per nostril is the size of the reference dose for "
            f"both nostrils together ({fmt_range((whole.low, whole.high), 'mcg')}, "
            f"{', '.join(whole.sources)}); read per nostril it is "
            f"{fmt_range(doubled, 'mcg')} per administration"
        ]
        per_day = per_day_mcg(claim)
        if per_day and daily:
            parts.append(
                f"and up to {per_day[1]:.6g} mcg a day against a maximum of {daily.high:.6g}"
            )
        if per_nostril_ref and not overlaps(
            as_written, (per_nostril_ref.low, per_nostril_ref.high)
        ):
            parts.append(
                f"; the reference per nostril is "
                f"{fmt_range((per_nostril_ref.low, per_nostril_ref.high), 'mcg')}"
            )
        reference_ids = set(whole.claims) | set(per_nostril_ref.claims if per_nostril_ref else ())
        out.append(
            _conflict(
                "per_nostril_vs_per_administration",
                "intranasal dose basis",
                " ".join(parts).replace(" ;", ";") + ".",
                [
                    _side("per nostril, as written", [claim]),
                    _side(
                        "reference doses",
                        [c for c in compound.claims if c.id in reference_ids],
                    ),
                ],
            )
        )
    return out


def _route_ranges(compound: Compound) -> list[Conflict]:
    by_route: dict[str, dict[Range, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in _doses(compound):
        per_day = per_day_mcg(claim)
        maximum = claim.amount is not None and claim.amount.maximum
        if claim.status == "contradicted" or per_day is None or maximum:
            continue
        route: str
        for route in claim.routes:
            by_route[route][per_day].append(claim)
    out = []
    for route, ranges in sorted(by_route.items()):
        if len(ranges) < 2:
            continue
        keys = sorted(ranges)
        disjoint = any(not overlaps(a, b) for a in keys for b in keys if a < b)
        listed = "; ".join(f"{fmt_range(r, 'mcg')} ({cited(ranges[r])})" for r in keys)
        kind = "ranges_do_not_overlap" if disjoint else "ranges_differ"
        verb = "do not all overlap" if disjoint else "differ"
        out.append(
            _conflict(
                kind,
                f"{route} daily dose",
                f"{route.capitalize()} doses per day {verb}: {listed}.",
                [_side(f"{fmt_range(r, 'mcg')} per day", ranges[r]) for r in keys],
            )
        )
    return out


def _half_lives(compound: Compound) -> list[Conflict]:
    """Stated half-lives that do not overlap. A label's 'plasma levels fall within N
    minutes' is not a half-life: it is shown beside them, never counted among them."""
    claims = [c for c in compound.claims if c.topic == "half_life" and c.amount is not None]
    ranges: dict[Range, list[Claim]] = defaultdict(list)
    for claim in claims:
        ranges[in_unit(claim, "min")].append(claim)
    keys = sorted(ranges)
    if not any(not overlaps(a, b) for a in keys for b in keys if a < b):
        return []
    sides = [_side(f"{fmt_range(r, 'min')}", ranges[r]) for r in keys]
    falls = [
        c for c in compound.claims if c.topic == "plasma_disappearance" and c.amount is not None
    ]
    if falls:
        sides.append(_side("plasma levels fall over (not a half-life)", falls))
    effects = [c for c in compound.claims if c.topic == "effect_duration" and c.amount]
    if effects:
        sides.append(_side("effect duration (not a plasma half-life)", effects))
    listed = "; ".join(f"{fmt_range(r, 'min')} ({cited(ranges[r])})" for r in keys)
    return [
        _conflict(
            "half_life",
            "plasma half-life",
            f"Half-life figures do not agree: {listed}."
            + (
                " The label gives no half-life: only that plasma levels fall over "
                + "; ".join(f"{fmt_range(in_unit(c, 'min'), 'min')} ({cited([c])})" for c in falls)
                + "."
                if falls
                else ""
            )
            + (" Effect durations in hours are not half-lives." if effects else ""),
            sides,
        )
    ]


def _strengths(compound: Compound, kb: KnowledgeBase) -> list[Conflict]:
    claims = [c for c in compound.claims if c.topic == "strength" and c.amount is not None]
    values: dict[Range, list[Claim]] = defaultdict(list)
    for claim in claims:
        values[in_unit(claim, "mg/mL")].append(claim)
    if len(values) < 2:
        return []
    others = {
        in_unit(c, "mg/mL"): other
        for other in kb.compounds.values()
        if other.id != compound.id
        for c in other.claims
        if c.topic == "strength" and c.reference and c.amount is not None
    }
    sides = []
    for value in sorted(values):
        label = fmt_range(value, "mg/mL")
        if value in others and not any(c.reference for c in values[value]):
            label += f" (the labelled strength of {others[value].name})"
        sides.append(_side(label, values[value]))
    return [
        _conflict(
            "strength",
            "solution strength",
            "Strengths differ: " + "; ".join(s.label for s in sides) + ".",
            sides,
        )
    ]


def _sequences(compound: Compound) -> list[Conflict]:
    if not compound.sequence:
        return []
    known = parse_sequence(compound.sequence).residues
    canonical = [c for c in compound.claims if c.topic == "identity" and c.status == "supported"]
    out = []
    for claim in compound.claims:
        if claim.topic != "sequence" or not claim.value:
            continue
        try:
            stated = parse_sequence(claim.value).residues
        except PeptidekitError as error:
            summary = f"{claim.value!r} is not a valid sequence: {error.message}"
        else:
            diffs = [
                f"{i + 1} ({RESIDUES[s].three} for {RESIDUES[k].three})"
                for i, (s, k) in enumerate(zip(stated, known, strict=False))
                if s != k
            ]
            if not diffs and len(stated) == len(known):
                continue
            summary = f"{claim.value} differs from {known}"
            if diffs:
                summary += " at position(s) " + ", ".join(diffs)
            if len(stated) != len(known):
                summary += f"; it has {len(stated)} residues, not {len(known)}"
        out.append(
            _conflict(
                "sequence",
                "sequence",
                summary + ".",
                [_side(f"stated: {claim.value}", [claim]), _side(f"known: {known}", canonical)],
            )
        )
    return out
