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
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from peptidekit.claims.check_base import CheckerBase, Finding
from peptidekit.claims.check_doses import DoseChecks
from peptidekit.claims.check_durations import DurationChecks
from peptidekit.claims.check_identity import IdentityChecks
from peptidekit.claims.context import sentence_span
from peptidekit.claims.extract import Claim, extract
from peptidekit.claims.frames import Frame, measures, qualifiers
from peptidekit.claims.structure import MANY, Scope
from peptidekit.claims.text import SourceText, load
from peptidekit.errors import QuantityError
from peptidekit.knowledge.loader import KnowledgeBase, default_knowledge
from peptidekit.knowledge.lookup import name_key, text_fingerprint
from peptidekit.knowledge.reconcile import in_unit
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


STRENGTH_SAID = re.compile(
    r"(?<![\d.,])(\d{1,2}(?:[.,]\d{1,3})?)\s{0,2}(?:(%|percent|Prozent|процент)|"
    r"(mg|mcg|µg)\s{0,2}(?:/|per|pro)\s{0,2}ml)",
    re.I,
)
"""A product's strength written before a dose ('a 1% solution', '5 mg/mL drops')."""
FROM_BEFORE = re.compile(r"\bfrom\s{1,3}(?:about\s{1,2}|approximately\s{1,2})?$", re.I)
"""Just before a figure: where a change starts ('from 20 minutes to 60')."""
OWN_SUBJECT = ("residues", "half_life")
"""Claim kinds about what their sentence's subject is: another compound's are not checked."""
SUBJECT = re.compile(
    r"(?:^|(?<=[.;!?])\s{1,3}|(?<=\n))\W{0,3}([A-Z][\w-]{2,30})(?:\s{1,2}\([^)\n]{0,40}\))?"
    r"\s{1,2}(?:is|was|has|are)\b[^.\n]{0,80}$"
)
"""A sentence opening with its subject's name ('Dihexa is a potent hexapeptide')."""
NOT_NAMES = frozenset(
    ("It", "This", "That", "The", "Each", "Our", "Its", "Which", "There", "Here", "What", "Who")
)


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
    if compound is None and checker.scope.title is not None:
        # the page's title names one compound: that is what the page is about, however
        # often it names others (a Semax page comparing it with Selank all along)
        titled = kb.compounds[checker.scope.title]
        if titled is not target:
            checker.compound = target = titled
            detected_by = f"named in the page's title ({titled.name})"
    findings = [checker.check(c) for c in extract(source_text.text)]
    findings.sort(key=lambda f: (SEVERITY[f.severity], f.start))
    return Report(target.name if target else None, detected_by, page, findings, text, source_text)


class _Checker(DoseChecks, DurationChecks, IdentityChecks):
    """Every family of checks, and which one handles each kind of claim."""

    def __init__(
        self, kb: KnowledgeBase, compound: Compound | None, page: str | None, source: SourceText
    ) -> None:
        super().__init__(kb, compound, page, source)
        pattern, owners = _name_pattern(kb)
        text = source.text
        found = [  # every compound named on the page as a subject, found once
            (m.start(), owners[name_key(m.group(0))])
            for m in pattern.finditer(text)
            if not RELATIVE.search(text, max(0, m.start() - 30), m.start())
        ]
        self._mentions = ([s for s, _ in found], [c for _, c in found])
        self.scope = Scope(source, self._named)
        self._sentences: dict[tuple[int, int], tuple[int, int]] = {}
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

    def _sentence(self, claim: Claim) -> tuple[int, int]:
        """The claim's sentence (found once per claim)."""
        key = (claim.start, claim.end)
        if key not in self._sentences:
            self._sentences[key] = sentence_span(self.source.text, claim.start, claim.end, 160)
        return self._sentences[key]

    def _named(self, lo: int, hi: int) -> set[str]:
        """The compounds named in text[lo:hi] as subjects (not 'derived from tuftsin')."""
        starts, ids = self._mentions
        return set(ids[bisect_left(starts, lo) : bisect_left(starts, hi)])

    def _sentence_compound(self, claim: Claim) -> Compound | None:
        """The compound the claim is about: the one its sentence names before it (its
        subject: 'Semax 200 mcg'; never one after it: 'a half-life of 2 hours, longer
        than Selank's' is not about Selank), else the one in scope (its section's
        heading), else None (the page's compound)."""
        if not self._mentions[0]:
            return None
        lo, _ = self._sentence(claim)
        named = self._named(lo, claim.start)
        if len(named) == 1:
            return self.kb.compounds[named.pop()]
        if named:
            return None
        scoped = self.scope.at(claim.start)
        return self.kb.compounds[scoped] if scoped not in (None, MANY) else None

    def _frame(self, claim: Claim) -> Frame:
        """What the claim's number is, whose, by which route, with its qualifiers."""
        value: dict[str, Any] = dict(claim.value)
        said = qualifiers(self._clause(claim))
        whose: Compound | None = None
        if claim.kind in COMPOUND_FREE:
            how = "not needed"
        else:
            whose = self._sentence_compound(claim)
            how = "its sentence" if self._named_before(claim) else "its section"
            if whose is None:
                whose, how = self.compound, "the page"
            if "modified form" in said and claim.kind == "half_life":
                modified = self._modified(claim, whose)
                if modified is not whose:
                    whose, how = modified, "its sentence's modified form"
        return Frame(
            measures(claim.kind, value.get("basis")),
            whose.name if whose else None,
            how,
            value.get("route"),
            said,
        )

    def _clause(self, claim: Claim) -> str:
        """The claim's clause: its sentence up to the semicolons either side ('start at
        0.1 mg/day; trials used 0.6-1.2 mg/day in patients': each clause its own)."""
        text = self.source.text
        lo, hi = self._sentence(claim)
        cut = text.rfind(";", lo, claim.start)
        stop = text.find(";", claim.end, hi)
        return text[cut + 1 if cut != -1 else lo : stop if stop != -1 else hi]

    def _product_named(self, claim: Claim) -> str | None:
        """A strength other than the labelled one that the dose's clause gives before it
        ('a 1% solution delivers 3,000 micrograms'): the dose is that product's."""
        assert self.compound is not None
        text = self.source.text
        lo, _ = self._sentence(claim)
        cut = text.rfind(";", lo, claim.start)
        before = text[cut + 1 if cut != -1 else lo : claim.start]
        refs = self._reference("strength", None, None)
        if not refs:
            return None
        label = in_unit(refs[0], "mg/mL")[0]
        for said in STRENGTH_SAID.finditer(before):
            amount = float(said[1].replace(",", "."))
            mg_ml = amount * 10 if said[2] else amount * (1 if said[3].lower() == "mg" else 1e-3)
            if not math.isclose(mg_ml, label, rel_tol=1e-6):
                return said[0].strip()
        return None

    def _named_before(self, claim: Claim) -> bool:
        return bool(self._named(self._sentence(claim)[0], claim.start))

    def _modified(self, claim: Claim, base: Compound | None) -> Compound | None:
        """The modified form of ``base`` its sentence names ('the amidate modification
        ... its half-life'): the compound of the knowledge base whose name holds both the
        base's name and the modification's word; else ``base``."""
        if base is None or FROM_BEFORE.search(
            self.source.text, max(0, claim.start - 30), claim.start
        ):
            return base  # 'extends its half-life from 20 minutes to 60': 20 is the parent's
        lo, hi = self._sentence(claim)
        sentence = self.source.text[lo:hi].lower()
        words = [w for w in ("amidate", "amide", "n-acetyl") if w[:6] in sentence]
        forms = [
            c
            for c in self.kb.compounds.values()
            if c is not base
            and base.name.lower() in c.name.lower()
            and all(w[:6] in c.name.lower() for w in words)
        ]
        return min(forms, key=lambda c: len(c.name)) if words and forms else base

    def _unjudged(self, claim: Claim, frame: Frame) -> str | None:
        """Why a claim's frame says it is not compared with the knowledge base, if it is
        not: a half-life measured in vitro or in animals is no human pharmacokinetic
        figure; a dose from trials in patients is the clinical product's."""
        if claim.kind == "half_life":
            where = [q for q in frame.qualifiers if q in ("in vitro", "in animals")]
            if where:
                return (
                    f"a half-life measured {where[0]}, not a human pharmacokinetic figure "
                    "(not checked)"
                )
        if claim.kind == "dose" and "in trials of patients" in frame.qualifiers:
            return (
                "a dose used in trials of patients (a clinical product and setting), not "
                "judged against the everyday label's doses"
            )
        if claim.kind in ("dose", "drops") and self.compound is not None:
            product = self._product_named(claim)
            if product is not None:
                return (
                    f"a dose of the {product} product its sentence names, not judged against "
                    "the labelled product's doses"
                )
        return None

    def _other_subject(self, claim: Claim) -> str | None:
        """The name of what the claim's sentence is about when that is no compound of the
        knowledge base ('Dihexa is a potent hexapeptide'), else None."""
        text = self.source.text
        lo, _ = self._sentence(claim)
        said = SUBJECT.search(text[lo : claim.start])
        if said is None or said.group(1) in NOT_NAMES:
            return None
        pattern, _ = _name_pattern(self.kb)
        return None if pattern.fullmatch(said.group(1)) else said.group(1)

    def check(self, claim: Claim) -> Finding:
        start, end = self.source.span(claim.start, claim.end)
        finding = Finding(claim, start, end)
        handler = self.handlers.get(claim.kind)
        page_compound = self.compound
        if claim.kind in OWN_SUBJECT and self._sentence_compound(claim) is None:
            other = self._other_subject(claim)
            if other is not None:
                finding.frame = replace(
                    self._frame(claim), compound=None, compound_from=f"its sentence ({other})"
                )
                finding.set(
                    "not_covered",
                    "info",
                    f"about {other}, a compound the knowledge base does not hold (not checked)",
                )
                return finding
        finding.frame = frame = self._frame(claim)
        if frame.compound is not None and claim.kind not in COMPOUND_FREE:
            # a page about two compounds: each figure is judged against the one its sentence
            # names, else the one in scope (the page's compound when neither names one)
            own = next(c for c in self.kb.compounds.values() if c.name == frame.compound)
            if own is not page_compound:
                self.compound = own
                finding.normalised["compound"] = own.name
        unjudged = self._unjudged(claim, frame)
        if unjudged is not None:
            finding.set("not_covered", "info", unjudged)
            self.compound = page_compound
            return finding
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
