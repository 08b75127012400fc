"""Checking extracted claims against the knowledge base and the chemistry module.

Each claim gets a verdict (agrees, disagrees, not_covered), the reasons, and
the knowledge-base sources the verdict rests on. The label is the reference
where there is one; otherwise the other sources. When the checked page is
itself one of the knowledge base's sources, its own claims are left out, so
a page cannot vouch for itself.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peptidekit.claims.check_base import CheckerBase, Finding
from peptidekit.claims.check_doses import DoseChecks
from peptidekit.claims.check_durations import DurationChecks
from peptidekit.claims.check_identity import IdentityChecks
from peptidekit.claims.extract import Claim, extract
from peptidekit.claims.text import SourceText, load
from peptidekit.errors import QuantityError
from peptidekit.knowledge.loader import KnowledgeBase, default_knowledge
from peptidekit.knowledge.lookup import name_key, text_fingerprint
from peptidekit.knowledge.schema import Compound

SEVERITY = {"high": 0, "medium": 1, "low": 2, "info": 3, "none": 4}
KIND_WORDS = {
    "draw": "syringe reading",
    "concentration": "reconstituted concentration",
    "conversion": "unit conversion",
    "half_life": "half-life",
    "effect_duration": "how long the effect lasts",
    "pmid": "PubMed reference",
    "pmc": "PubMed Central reference",
    "doi": "DOI reference",
}
"""Each claim kind in plain words, where its name is not already plain."""


def kind_words(kind: str) -> str:
    return KIND_WORDS.get(kind, kind.replace("_", " "))


COMPOUND_FREE = (
    "sequence", "formula", "weight", "pmid", "pmc", "doi", "concentration", "conversion", "draw",
)  # fmt: skip
"""Claim kinds checked without knowing the page's compound."""


@dataclass
class Report:
    compound: str | None
    detected_by: str
    page_source: str | None
    findings: list[Finding]
    original: str = ""
    """The page as given: spans are character offsets into it; ``byte_span`` the same in
    its UTF-8 bytes (they differ once a character is not ASCII)."""
    source: SourceText | None = None
    """The page's readable text, mapped onto ``original`` (the one parse of the page)."""

    def to_dict(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.verdict] = counts.get(f.verdict, 0) + 1
        to_byte = _byte_offsets(self.original)
        return {
            "compound": self.compound,
            "detected_by": self.detected_by,
            "page_source": self.page_source,
            "counts": counts,
            "findings": [
                {**f.to_dict(), "byte_span": [to_byte(f.start), to_byte(f.end)]}
                for f in self.findings
            ],
        }


def _byte_offsets(text: str) -> Callable[[int], int]:
    """Character offset -> UTF-8 byte offset, in one pass over the text (none if ASCII)."""
    if text.isascii():
        return lambda i: i
    from array import array
    from itertools import accumulate

    cumulative = array("q", [0])  # 8 bytes a character, not a list of int objects
    cumulative.extend(accumulate(len(ch.encode("utf-8")) for ch in text))
    return lambda i: cumulative[i]


RELATIVE = re.compile(
    r"(?:\bfrom|\bof|\bon|\bthan|\blike|\bparent|\bversus|\bvs\.?)\s{1,3}(?:the\s{1,2})?"
    r"(?:natural\s{1,2}|parent\s{1,2}|immune\s{1,2})?(?:peptide\s{1,2})?$",
    re.I,
)
"""Just before a name: it is mentioned as another's parent or comparison."""

_NAME_PATTERNS: dict[int, tuple[re.Pattern[str], dict[str, str], object]] = {}


def _name_pattern(kb: KnowledgeBase) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every compound name, longest first (so 'N-acetyl Selank
    amidate' wins over the 'Selank' inside it), built once per knowledge base."""
    found = _NAME_PATTERNS.get(id(kb))
    if found is None or found[2] is not kb.compounds:  # a new knowledge base at that id
        owners = {
            name_key(n): compound.id
            for compound in kb.compounds.values()
            for n in (compound.name, *compound.aliases)
            if len(n) > 3
        }
        alternatives = [
            r"[\s_-]{1,3}".join(re.escape(word) for word in key.split())
            for key in sorted(owners, key=len, reverse=True)
        ]
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)
        found = _NAME_PATTERNS[id(kb)] = (pattern, owners, kb.compounds)
    return found[0], found[1]


def detect_compound(text: str, kb: KnowledgeBase) -> tuple[Compound | None, str]:
    """The compound a page names most, the longest names first: 'Selank' inside
    'N-acetyl Selank amidate' counts for the amidate, not for Selank."""
    pattern, owners = _name_pattern(kb)
    scores: dict[str, int] = dict.fromkeys(kb.compounds, 0)
    for match in pattern.finditer(text):
        if RELATIVE.search(text, max(0, match.start() - 30), match.start()):
            continue  # 'derived from tuftsin', 'longer than Selank': not what the page is about
        scores[owners[name_key(match.group(0))]] += 1
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
    fingerprint = text_fingerprint(text)
    page = next(
        (
            s.id
            for s in kb.sources.values()
            if (page_file and s.file == page_file) or s.fingerprint == fingerprint
        ),
        None,
    )
    checker = _Checker(kb, target, page, source_text)
    findings = [checker.check(c) for c in extract(source_text.text)]
    findings.sort(key=lambda f: (SEVERITY[f.severity], f.start))
    return Report(target.name if target else None, detected_by, page, findings, text, source_text)


class _Checker(DoseChecks, DurationChecks, IdentityChecks):
    """Every family of checks, and which one handles each kind of claim."""

    def __init__(
        self, kb: KnowledgeBase, compound: Compound | None, page: str | None, source: SourceText
    ) -> None:
        super().__init__(kb, compound, page, source)
        self._mentions: tuple[list[int], list[str]] | None = None
        self.handlers: dict[str, Callable[[Claim, Finding], None]] = {
            "dose": self._dose,
            "drops": self._drops,
            "strength": self._strength,
            "concentration": self._concentration,
            "conversion": self._conversion,
            "draw": self._draw,
            "course": self._course,
            "break": self._break,
            "half_life": self._half_life,
            "effect_duration": self._effect_duration,
            "storage": self._storage,
            "sequence": self._sequence,
            "residues": self._residues,
            "formula": self._formula,
            "weight": self._weight,
            "pmid": self._pmid,
            "pmc": self._pmc,
            "doi": self._doi,
        }
        """Each claim kind and what checks it; a kind not listed is reported unchecked."""

    def _sentence_compound(self, claim: Claim) -> Compound | None:
        """The one compound the claim's sentence names before it, if exactly one."""
        from peptidekit.claims.context import sentence_span

        if self._mentions is None:  # every compound name on the page, found once
            pattern, owners = _name_pattern(self.kb)
            found = [(m.start(), owners[name_key(m.group(0))]) for m in pattern.finditer(
                self.source.text)]  # fmt: skip
            self._mentions = ([s for s, _ in found], [c for _, c in found])
        starts, ids = self._mentions
        if not starts:
            return None
        lo, _ = sentence_span(self.source.text, claim.start, claim.end, 160)
        # the names before the figure (its subject: 'Semax 200 mcg'), never one after it
        # ('a half-life of 2 hours, longer than Selank's' is not about Selank)
        named = set(ids[bisect_left(starts, lo) : bisect_left(starts, claim.start)])
        return self.kb.compounds[named.pop()] if len(named) == 1 else None

    def check(self, claim: Claim) -> Finding:
        start, end = self.source.span(claim.start, claim.end)
        finding = Finding(claim, start, end)
        handler = self.handlers.get(claim.kind)
        page_compound = self.compound
        if claim.kind not in COMPOUND_FREE:
            # a page about two compounds: each figure is judged against the one its sentence
            # names (the page's compound when it names none, or several)
            own = self._sentence_compound(claim)
            if own is not None and own is not page_compound:
                self.compound = own
                finding.normalised["compound"] = own.name
        try:
            if handler is None:
                finding.reasons.append(f"{claim.kind} claims are not checked")
            elif self.compound is None and claim.kind not in COMPOUND_FREE:
                finding.reasons.append("no compound detected; give the compound")
            else:
                try:
                    handler(claim, finding)
                except QuantityError as error:  # a unit the registry does not know
                    finding.set("not_covered", "info", f"not checked: {error.message}")
        finally:
            self.compound = page_compound
        return finding


__all__ = ["CheckerBase", "Finding", "Report", "check_text", "detect_compound"]
