"""What every family of claim checks shares: findings, the checked page's context and
the knowledge-base lookups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from peptidekit.claims.extract import Claim
from peptidekit.claims.frames import Frame
from peptidekit.claims.text import SourceText
from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.ranges import Range, fmt_range
from peptidekit.knowledge.reconcile import in_unit, per_administration_mcg, per_day_mcg
from peptidekit.knowledge.schema import Claim as KBClaim
from peptidekit.knowledge.schema import Compound
from peptidekit.units import Kind, parse_quantity


@lru_cache(maxsize=256)
def unit_factor(unit: str, kind: Kind, target: str) -> float:
    """How many ``target`` units one ``unit`` is, through the one unit registry; an
    unknown unit is refused (QuantityError), never guessed. (Remembered: a dense page
    asks for the same few units thousands of times.)"""
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
    frame: Frame | None = None
    """What the claim's number was read as before it was judged (``claims.frames``)."""

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
            "frame": self.frame.to_dict() if self.frame else None,
        }


class CheckerBase:
    """The page being checked, its compound and the knowledge base."""

    def __init__(
        self, kb: KnowledgeBase, compound: Compound | None, page: str | None, source: SourceText
    ) -> None:
        self.kb, self.compound, self.page, self.source = kb, compound, page, source
        self._topics: dict[tuple[str, str], list[KBClaim]] = {}

    def others(self, claims: list[KBClaim]) -> list[KBClaim]:
        """Claims resting on at least one source other than the checked page."""
        return [c for c in claims if any(s.source != self.page for s in c.sources)]

    def _topic(self, topic: str) -> list[KBClaim]:
        """The compound's usable claims on a topic (found once per page)."""
        assert self.compound is not None
        key = (self.compound.id, topic)
        if key not in self._topics:
            self._topics[key] = self.others(
                [
                    c
                    for c in self.compound.claims
                    if c.topic == topic and c.amount is not None and c.status != "contradicted"
                ]
            )
        return self._topics[key]

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


def listed_ranges(ranges: list[tuple[KBClaim, Range]]) -> str:
    return ", ".join(dict.fromkeys(fmt_range(r, "mcg") for _, r in ranges))


def dose_on_basis(claim: KBClaim, basis: str) -> Range | None:
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


def has_caps(text: str) -> bool:
    return bool(re.match(r"\s*(?:Ac|H)-", text, re.I) or re.search(r"-(?:NH2|OH)\s*$", text, re.I))


def identity_sources(compound: Compound) -> list[str]:
    return list(dict.fromkeys(s.source for st in compound.stated_identity for s in st.sources))
