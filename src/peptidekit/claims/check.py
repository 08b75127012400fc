"""Checking extracted claims against the knowledge base and the chemistry module.

Each claim gets a verdict (agrees, disagrees, not_covered), the reasons, and
the knowledge-base sources the verdict rests on. The label is the reference
where there is one; otherwise the other sources. When the checked page is
itself one of the knowledge base's sources, its own claims are left out, so
a page cannot vouch for itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from peptidekit.chem import analyse, parse_sequence
from peptidekit.claims.extract import Claim, extract
from peptidekit.claims.text import SourceText, load
from peptidekit.errors import PeptidekitError, QuantityError
from peptidekit.knowledge.loader import KnowledgeBase, default_knowledge
from peptidekit.knowledge.lookup import name_key
from peptidekit.knowledge.ranges import Range, fmt_range, overlaps, unit_slip
from peptidekit.knowledge.reconcile import in_unit, per_administration_mcg, per_day_mcg
from peptidekit.knowledge.schema import Claim as KBClaim
from peptidekit.knowledge.schema import Compound
from peptidekit.units import Kind, parse_quantity

SEVERITY = {"high": 0, "medium": 1, "low": 2, "info": 3, "none": 4}
COMPOUND_FREE = ("sequence", "formula", "weight", "pmid", "pmc", "doi")
"""Claim kinds checked without knowing the page's compound."""


def _factor(unit: str, kind: Kind, target: str) -> float:
    """How many ``target`` units one ``unit`` is, through the one unit registry; an
    unknown unit is refused (QuantityError), never guessed."""
    return parse_quantity(f"1 {unit.lower()}", kind).m_as(target)


@dataclass
class Finding:
    claim: Claim
    start: int
    end: int
    verdict: str = "not_covered"
    severity: str = "info"
    reasons: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    normalised: dict[str, Any] = field(default_factory=dict)

    def set(
        self, verdict: str, severity: str, reason: str, sources: list[str] | None = None
    ) -> None:
        self.verdict, self.severity = verdict, severity
        self.reasons.append(reason)
        self.sources.extend(s for s in (sources or []) if s not in self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.claim.kind,
            "span": [self.start, self.end],
            "text": self.claim.text,
            "value": self.claim.value,
            "normalised": self.normalised,
            "verdict": self.verdict,
            "severity": self.severity,
            "reasons": self.reasons,
            "sources": self.sources,
        }


@dataclass
class Report:
    compound: str | None
    detected_by: str
    page_source: str | None
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
        return {
            "compound": self.compound,
            "detected_by": self.detected_by,
            "page_source": self.page_source,
            "counts": counts,
            "findings": [f.to_dict() for f in self.findings],
        }


def detect_compound(text: str, kb: KnowledgeBase) -> tuple[Compound | None, str]:
    lowered = text.lower()
    scores: dict[str, int] = {}
    for compound in kb.compounds.values():
        names = {name_key(n) for n in (compound.name, *compound.aliases) if len(n) > 3}
        scores[compound.id] = sum(
            len(re.findall(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", lowered)) for n in names
        )
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] == 0:
        return None, "no compound named in the text"
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None, f"{ranked[0][0]} and {ranked[1][0]} are named equally often"
    top = kb.compounds[ranked[0][0]]
    return top, f"named {ranked[0][1]} times ({top.name})"


def check_text(
    text: str,
    *,
    compound: str | None = None,
    page_file: str | None = None,
    kb: KnowledgeBase | None = None,
) -> Report:
    """Extract and check every claim in ``text`` (plain or HTML)."""
    kb = kb or default_knowledge()
    source_text = load(text)
    if compound is not None:
        target: Compound | None = kb.compound(compound)
        detected_by = "given"
    else:
        target, detected_by = detect_compound(source_text.text, kb)
    page = next((s.id for s in kb.sources.values() if page_file and s.file == page_file), None)
    checker = _Checker(kb, target, page, source_text)
    findings = [checker.check(c) for c in extract(source_text.text)]
    findings.sort(key=lambda f: (SEVERITY[f.severity], f.start))
    return Report(target.name if target else None, detected_by, page, findings)


class _Checker:
    def __init__(
        self, kb: KnowledgeBase, compound: Compound | None, page: str | None, source: SourceText
    ) -> None:
        self.kb, self.compound, self.page, self.source = kb, compound, page, source
        self.handlers: dict[str, Callable[[Claim, Finding], None]] = {
            "dose": self._dose,
            "drops": self._drops,
            "strength": self._strength,
            "course": self._course,
            "break": self._break,
            "half_life": self._half_life,
            "effect_duration": self._effect_duration,
            "storage": self._storage,
            "sequence": self._sequence,
            "formula": self._formula,
            "weight": self._weight,
            "pmid": self._pmid,
            "pmc": self._pmc,
            "doi": self._doi,
        }
        """Each claim kind and what checks it; a kind not listed is reported unchecked."""

    def others(self, claims: list[KBClaim]) -> list[KBClaim]:
        """Claims resting on at least one source other than the checked page."""
        return [c for c in claims if any(s.source != self.page for s in c.sources)]

    def check(self, claim: Claim) -> Finding:
        start, end = self.source.span(claim.start, claim.end)
        finding = Finding(claim, start, end)
        handler = self.handlers.get(claim.kind)
        if handler is None:
            finding.reasons.append(f"{claim.kind} claims are not checked")
        elif self.compound is None and claim.kind not in COMPOUND_FREE:
            finding.reasons.append("no compound detected; give the compound")
        else:
            try:
                handler(claim, finding)
            except QuantityError as error:  # a unit the registry does not know: not guessed
                finding.set("not_covered", "info", f"not checked: {error.message}")
        return finding

    # ------------------------------------------------------------ helpers
    def _topic(self, topic: str) -> list[KBClaim]:
        assert self.compound is not None
        return self.others(
            [
                c
                for c in self.compound.claims
                if c.topic == topic and c.amount is not None and c.status != "contradicted"
            ]
        )

    def _reference(self, topic: str, route: str | None, basis: str | None) -> list[KBClaim]:
        return [
            c
            for c in self._topic(topic)
            if c.reference
            and (route is None or route in c.routes)
            and (basis is None or (c.amount is not None and c.amount.basis == basis))
        ]

    @staticmethod
    def _ids(claims: list[KBClaim]) -> list[str]:
        return list(dict.fromkeys(s.source for c in claims for s in c.sources))

    # ------------------------------------------------------------ doses
    def _dose(self, claim: Claim, f: Finding) -> None:
        v = claim.value
        low = v["low"] * _factor(v["low_unit"], Kind.MASS, "mcg")
        high = v["high"] * _factor(v["unit"], Kind.MASS, "mcg")
        self._check_mcg(f, (low, high), v["basis"], v["route"], v["times_per_day"], claim.text)

    def _drops(self, claim: Claim, f: Finding) -> None:
        v = claim.value
        strength = self._reference("strength", "intranasal", None)
        volume_topic = "drop_volume" if v["device"] == "drop" else "spray_volume"
        volumes = (
            [c for c in self.compound.claims if c.topic == volume_topic and c.amount]
            if (self.compound)
            else []
        )
        volumes += [c for c in self.kb.devices if c.topic == volume_topic]
        if not strength or not volumes:
            f.reasons.append(
                f"no strength or {v['device']} volume is known to convert {v['device']}s"
            )
            return
        per_unit = in_unit(strength[0], "mg/mL")[0] * in_unit(volumes[0], "uL")[0]  # mcg
        f.normalised["mcg_per_unit"] = per_unit
        f.reasons.append(
            f"at {in_unit(strength[0], 'mg/mL')[0]:g} mg/mL and "
            f"{in_unit(volumes[0], 'uL')[0]:g} uL "
            f"a {v['device']}, one {v['device']} is {per_unit:g} mcg"
        )
        f.sources.extend(self._ids([strength[0], volumes[0]]))
        basis = "per_nostril" if v["per_nostril"] else "per_administration"
        self._check_mcg(
            f,
            (v["low"] * per_unit, v["high"] * per_unit),
            basis,
            "intranasal",
            v["times_per_day"],
            claim.text,
        )

    def _check_mcg(
        self,
        f: Finding,
        dose: Range,
        basis: str,
        route: str | None,
        times: tuple[float, float] | None,
        written: str,
    ) -> None:
        f.normalised.update(
            low_mcg=dose[0], high_mcg=dose[1], basis=basis, route=route, times_per_day=times
        )
        ranges = [
            (c, r)
            for c in self._topic("dose")
            if (route is None or not c.routes or route in c.routes)
            and (r := _on_basis(c, basis)) is not None
        ]
        if not ranges:
            f.set(
                "not_covered",
                "info",
                f"no {route or 'any-route'} dose {basis.replace('_', ' ')} in the knowledge base",
            )
            return
        # a 1000-fold unit slip: the figure read in the other unit fits the sources
        slips = [(c, s) for c, r in ranges if (s := unit_slip(dose, r)) is not None]
        if slips and not any(overlaps(dose, r) for _, r in ranges):
            factor, wrote, meant = slips[0][1]
            shifted = (dose[0] / factor, dose[1] / factor)
            fits = [c for c, _ in slips]
            f.set(
                "disagrees",
                "high",
                f"unit slip: {written} is {factor:g}x {fmt_range(shifted, 'mcg')}; the sources "
                f"give {_listed(ranges)}: "
                f"'{wrote}' written for '{meant}'?",
                self._ids(fits),
            )
            return
        refs = [(c, r) for c, r in ranges if c.reference]
        whole = self._reference("dose", "intranasal", "per_administration")
        if basis == "per_nostril" and whole:
            label = in_unit(whole[0], "mcg")
            doubled = (2 * dose[0], 2 * dose[1])
            if overlaps(dose, label) and doubled[1] > label[1]:
                f.set(
                    "disagrees",
                    "high",
                    f"per nostril vs per administration: {fmt_range(dose, 'mcg')} per nostril is "
                    f"the label's dose for both nostrils ({fmt_range(label, 'mcg')}); read per "
                    f"nostril it doubles it to {fmt_range(doubled, 'mcg')}",
                    self._ids(whole),
                )
                self._daily(f, dose, basis, route, times)
                return
        target = refs or ranges
        inside = [c for c, r in target if r[0] - 1e-9 <= dose[0] and dose[1] <= r[1] + 1e-9]
        touching = [c for c, r in target if overlaps(dose, r)]
        what = "the label" if refs else "the sources"
        span = _listed(target)
        if inside:
            f.set("agrees", "none", f"within {what} ({span})", self._ids(inside))
        elif touching:
            f.set("disagrees", "low", f"partly outside {what} ({span})", self._ids(touching))
        else:
            f.set(
                "disagrees",
                "medium",
                f"outside every range given by {what} ({span})",
                self._ids([c for c, _ in target]),
            )
        self._daily(f, dose, basis, route, times)

    def _daily(
        self,
        f: Finding,
        dose: Range,
        basis: str,
        route: str | None,
        times: tuple[float, float] | None,
    ) -> None:
        if times is None or basis == "per_day":
            return
        per_admin = (2 * dose[0], 2 * dose[1]) if basis == "per_nostril" else dose
        daily = (per_admin[0] * times[0], per_admin[1] * times[1])
        f.normalised["daily_mcg"] = list(daily)
        for ref in self._reference("dose", route, "per_day"):
            maximum = in_unit(ref, "mcg")[1]
            if daily[1] > maximum:
                f.set(
                    "disagrees",
                    "high" if f.severity == "high" else "medium",
                    f"up to {fmt_range((daily[1], daily[1]), 'mcg')} a day, over the labelled "
                    f"daily maximum of {fmt_range((maximum, maximum), 'mcg')}",
                    self._ids([ref]),
                )

    # ------------------------------------------------------------ strengths
    def _strength(self, claim: Claim, f: Finding) -> None:
        v = claim.value
        text = f"{v['value']} {v['unit']}" if v["unit"] != "%" else f"{v['value']}%"
        mg_ml = parse_quantity(text, Kind.CONCENTRATION).m_as("mg/mL")
        f.normalised["mg_per_ml"] = mg_ml
        refs = self._reference("strength", None, None)
        if not refs:
            f.set("not_covered", "info", "no labelled strength in the knowledge base")
            return
        label = in_unit(refs[0], "mg/mL")[0]
        if math.isclose(mg_ml, label, rel_tol=1e-6):
            f.set("agrees", "none", f"the labelled strength ({label:g} mg/mL)", self._ids(refs))
            return
        for other in self.kb.compounds.values():
            for c in other.claims:
                if (
                    other is not self.compound
                    and c.topic == "strength"
                    and c.reference
                    and math.isclose(in_unit(c, "mg/mL")[0], mg_ml, rel_tol=1e-6)
                ):
                    f.set(
                        "disagrees",
                        "medium",
                        f"{mg_ml:g} mg/mL is the labelled strength of {other.name}, not of "
                        f"{self.compound.name if self.compound else 'this compound'} "
                        f"({label:g} mg/mL)",
                        self._ids([*refs, c]),
                    )
                    return
        f.set(
            "disagrees",
            "medium",
            f"{mg_ml:g} mg/mL is not the labelled {label:g} mg/mL",
            self._ids(refs),
        )

    # ------------------------------------------------------------ durations
    def _days(self, claim: Claim) -> tuple[float, float]:
        unit = claim.value["unit"]
        if unit in ("month", "months"):
            # n calendar months last from round(n x 30.4375) - 2 to + 1 days
            # (3 months: 89 days from February to 92 from July)
            return (
                round(claim.value["low"] * 30.4375) - 2.0,
                round(claim.value["high"] * 30.4375) + 1.0,
            )
        factor = _factor(unit, Kind.DURATION, "d")
        return claim.value["low"] * factor, claim.value["high"] * factor

    def _course_like(self, claim: Claim, f: Finding, topic: str) -> None:
        days = self._days(claim)
        f.normalised["days"] = list(days)
        refs = [c for c in self._topic(topic) if c.reference]
        others = self._topic(topic)
        if not refs and not others:
            f.set("not_covered", "info", f"no {topic} length in the knowledge base")
            return
        target = refs or others
        ranges = [in_unit(c, "d") for c in target]
        what = "the label's" if refs else "the sources'"
        listed = ", ".join(fmt_range(r, "d") for r in ranges)
        if any(r[0] - 1e-9 <= days[0] and days[1] <= r[1] + 1e-9 for r in ranges):
            f.set("agrees", "none", f"within {what} {topic} ({listed})", self._ids(target))
        elif topic == "course" and days[1] > max(r[1] for r in ranges):
            f.set("disagrees", "low", f"longer than {what} {topic} ({listed})", self._ids(target))
        else:
            f.set("disagrees", "low", f"differs from {what} {topic} ({listed})", self._ids(target))

    def _course(self, claim: Claim, f: Finding) -> None:
        self._course_like(claim, f, "course")

    def _break(self, claim: Claim, f: Finding) -> None:
        self._course_like(claim, f, "break")

    def _half_life(self, claim: Claim, f: Finding) -> None:
        minutes = tuple(d * 1440 for d in self._days(claim))
        f.normalised["minutes"] = list(minutes)
        assert self.compound is not None
        known = [
            c
            for c in self.compound.claims
            if c.amount is not None
            and c.topic in ("half_life", "plasma_disappearance")
            and c.status != "contradicted"
        ]
        known = self.others(known)
        if not known:
            f.set("not_covered", "info", "no half-life in the knowledge base")
            return
        ranges = [(c, in_unit(c, "min")) for c in known]
        if any(overlaps((minutes[0], minutes[1]), r) for _, r in ranges):
            f.set(
                "agrees",
                "none",
                "matches " + ", ".join(fmt_range(r, "min") for _, r in ranges),
                self._ids([c for c, r in ranges if overlaps((minutes[0], minutes[1]), r)]),
            )
            return
        for factor, unit in ((60.0, "hours for minutes"), (1 / 60, "minutes for seconds")):
            shifted = (minutes[0] / factor, minutes[1] / factor)
            if any(overlaps(shifted, r) for _, r in ranges):
                f.set(
                    "disagrees",
                    "medium",
                    f"half-life in the wrong unit? {claim.text} is {factor:g}x the known "
                    f"{', '.join(fmt_range(r, 'min') for _, r in ranges)} ({unit})",
                    self._ids(known),
                )
                return
        f.set(
            "disagrees",
            "medium",
            f"not the known {', '.join(fmt_range(r, 'min') for _, r in ranges)}",
            self._ids(known),
        )

    def _effect_duration(self, claim: Claim, f: Finding) -> None:
        f.normalised["hours"] = [d * 24 for d in self._days(claim)]
        known = self._topic("effect_duration")
        note = "an effect-duration claim, not a plasma half-life"
        plasma = self._topic("plasma_disappearance")
        if plasma:
            note += f" (plasma levels: {fmt_range(in_unit(plasma[0], 'min'), 'min')}, label)"
        if known:
            f.set(
                "agrees",
                "info",
                f"{note}; other sources say {fmt_range(in_unit(known[0], 'h'), 'h')}",
                self._ids(known),
            )
        else:
            f.set("not_covered", "info", note, self._ids(plasma))

    def _storage(self, claim: Claim, f: Finding) -> None:
        days = self._days(claim)
        f.normalised.update(
            days=list(days), form=claim.value.get("form"), storage=claim.value.get("storage")
        )
        known = [
            c
            for c in self._topic("storage")
            if claim.value.get("form") in (None, c.form)
            and claim.value.get("storage") in (None, c.storage)
        ]
        if not known:
            f.set("not_covered", "info", "no other source gives this storage figure")
            return
        ranges = [in_unit(c, "d") for c in known]
        if any(overlaps(days, r) for r in ranges):
            f.set(
                "agrees",
                "none",
                "matches " + ", ".join(fmt_range(r, "d") for r in ranges),
                self._ids(known),
            )
        else:
            f.set(
                "disagrees",
                "low",
                "differs from " + ", ".join(fmt_range(r, "d") for r in ranges),
                self._ids(known),
            )

    # ------------------------------------------------------------ identity
    def _peptides(self) -> list[tuple[Compound, str]]:
        out = []
        for c in self.kb.compounds.values():
            if c.sequence:
                peptide = parse_sequence(c.sequence)
                out.append((c, peptide.notation))
        return out

    def _sequence(self, claim: Claim, f: Finding) -> None:
        try:
            stated = parse_sequence(claim.value["value"])
        except PeptidekitError as error:
            f.set("disagrees", "medium", f"not a valid sequence: {error.message}")
            return
        f.normalised["sequence"] = stated.notation
        peptides = self._peptides()
        exact = [c for c, notation in peptides if notation == stated.notation]
        same_residues = [
            c
            for c, notation in peptides
            if parse_sequence(notation).residues == stated.residues
            and not _has_caps(claim.value["value"])
        ]
        # an exact match (caps included) first; caps left unstated match the residues,
        # preferring the compound the page is about
        candidates = exact or sorted(same_residues, key=lambda c: c is not self.compound)
        if candidates:
            match = candidates[0]
            f.set("agrees", "none", f"the sequence of {match.name}", _identity_ids(match))
            return
        if self.compound is None or not self.compound.sequence:
            f.set("not_covered", "info", "matches no known sequence")
            return
        residues = parse_sequence(self.compound.sequence).residues
        diffs = [
            f"{i + 1} ({a} for {b})"
            for i, (a, b) in enumerate(zip(stated.residues, residues, strict=False))
            if a != b
        ]
        reason = f"differs from {self.compound.name}'s {residues}"
        if diffs:
            reason += " at position(s) " + ", ".join(diffs)
        if len(stated) != len(residues):
            reason += f"; {len(stated)} residues, not {len(residues)}"
        f.set("disagrees", "medium", reason, _identity_ids(self.compound))

    def _formula(self, claim: Claim, f: Finding) -> None:
        for compound in self.kb.compounds.values():
            computed = analyse(compound.sequence).formula if compound.sequence else compound.formula
            if computed == claim.value["value"]:
                f.set("agrees", "none", f"the formula of {compound.name}", _identity_ids(compound))
                return
        expected = ""
        if self.compound is not None and self.compound.sequence:
            expected = f"; {self.compound.name} is {analyse(self.compound.sequence).formula}"
        f.set("disagrees", "medium", "matches no known compound's formula" + expected)

    def _weight(self, claim: Claim, f: Finding) -> None:
        value = claim.value["value"]
        for compound in self.kb.compounds.values():
            if not compound.sequence:
                continue
            average = analyse(compound.sequence).average_mass
            if abs(average - value) <= 0.5:
                f.set(
                    "agrees",
                    "none",
                    f"the average mass of {compound.name} ({average:.2f})",
                    _identity_ids(compound),
                )
                return
        if self.compound is not None and self.compound.sequence:
            average = analyse(self.compound.sequence).average_mass
            f.set(
                "disagrees",
                "medium",
                f"{value:g} is not {self.compound.name}'s average mass ({average:.2f} Da)",
            )
        else:
            f.set("not_covered", "info", "matches no known peptide's mass")

    # ------------------------------------------------------------ references
    def _reference_id(self, f: Finding, field_name: str, value: str) -> None:
        wanted = value.lower().rstrip(".")
        sources = [
            s for s in self.kb.sources.values() if (getattr(s, field_name) or "").lower() == wanted
        ]
        if not sources:
            f.set("not_covered", "info", f"{value} is not in the knowledge base (not checked)")
            return
        source = sources[0]
        if source.note and "not checked" in source.note:
            f.set(
                "not_covered",
                "info",
                f"{value} is in the knowledge base only as cited ({source.note})",
                [source.id],
            )
            return
        context = self.source.text[max(0, f.claim.start - 200) : f.claim.end + 40].lower()
        for compound in self.kb.compounds.values():
            for c in compound.claims:
                if c.topic != "citation" or c.status != "contradicted" or value not in c.statement:
                    continue
                quoted = re.findall(r"'([^']{3,200})'", c.statement)
                words = [w for q in quoted for w in re.findall(r"[A-Za-z]{6,}", q)]
                if any(w.lower() in context for w in words):
                    f.set(
                        "disagrees",
                        "medium",
                        f"misattributed: {value} is {source.title} "
                        f"({source.authors or ''} {source.year or ''}), not what this page says",
                        [source.id],
                    )
                    return
        f.set(
            "agrees",
            "none",
            f"{value} is {source.title} ({source.authors or ''} {source.year or ''})".replace(
                " )", ")"
            ),
            [source.id],
        )

    def _pmid(self, claim: Claim, f: Finding) -> None:
        self._reference_id(f, "pmid", claim.value["value"])

    def _pmc(self, claim: Claim, f: Finding) -> None:
        self._reference_id(f, "pmc", claim.value["value"])

    def _doi(self, claim: Claim, f: Finding) -> None:
        self._reference_id(f, "doi", claim.value["value"])


def _listed(ranges: list[tuple[KBClaim, Range]]) -> str:
    return ", ".join(dict.fromkeys(fmt_range(r, "mcg") for _, r in ranges))


def _on_basis(claim: KBClaim, basis: str) -> Range | None:
    """A knowledge-base dose on the checked claim's basis, converting where exact."""
    if claim.amount is None:
        return None
    if claim.amount.basis == basis:
        return in_unit(claim, "mcg")
    if basis == "per_day":
        return per_day_mcg(claim)
    if basis == "per_administration":
        return per_administration_mcg(claim)
    return None


def _has_caps(text: str) -> bool:
    return bool(re.match(r"\s*(?:Ac|H)-", text, re.I) or re.search(r"-(?:NH2|OH)\s*$", text, re.I))


def _identity_ids(compound: Compound) -> list[str]:
    return list(dict.fromkeys(s.source for st in compound.stated_identity for s in st.sources))
