"""Identity and references: sequences, formulas, molecular weights, PMID, PMC, DOI."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

from peptidekit.chem import PeptideProperties, analyse, parse_sequence
from peptidekit.chem.references import (
    ReferenceCompound,
    matching_formula,
    matching_mass,
    subject,
)
from peptidekit.claims.check_base import (
    CheckerBase,
    Finding,
    has_caps,
    identity_sources,
)
from peptidekit.claims.context import sentence_span
from peptidekit.claims.extract import Claim
from peptidekit.claims.values import TextValue, WeightValue
from peptidekit.errors import PeptidekitError
from peptidekit.knowledge.schema import Compound, Source

CITATION_TOPICS = {
    "monoamines": ("monoamine*", "serotonin*", "dopamine*", "noradrenaline"),
    "BDNF": ("bdnf", "neurotrophic"),
    "cytokines": ("il-6", "interleukin*", "cytokine*"),
    "gene expression": ("gene expression", "genes"),
    "enkephalins": ("enkephalin*",),
    "memory": ("memory", "learning"),
    "GABA": ("gaba",),
    "pharmacokinetics": ("half-life", "pharmacokinetic*", "bioavailab*"),
    "stroke": ("stroke", "ischemi*", "ischaemi*"),
}
"""Topics a page may say a reference shows, by the words that name them (a trailing '*'
marks a stem; other words match whole)."""


@lru_cache(maxsize=256)
def _analysed(sequence: str) -> PeptideProperties:
    """A knowledge-base sequence's properties, computed once: a page of formulas asks for
    every compound's formula once per claim."""
    return analyse(sequence)


RESIDUE_WORDS = {
    "di": 2, "tri": 3, "tetra": 4, "penta": 5, "hexa": 6, "hepta": 7, "octa": 8,
    "nona": 9, "deca": 10,
}  # fmt: skip


def rounding(written: str, value: float) -> float:
    """How far a mass as written may be from the computed one: half a dalton, or half its
    last written place when it ends in zeros ('850 daltons' for 848.8: rounded to tens),
    but never more than 1% (so '800' is not DSIP's 848.8)."""
    digits = re.match(r"\d{1,9}(?:\.\d{1,9})?", written)
    if digits is None or "." in digits.group(0):
        return 0.5
    zeros = len(digits.group(0)) - len(digits.group(0).rstrip("0"))
    return max(0.5, min(10.0**zeros / 2, value * 0.01))


class IdentityChecks(CheckerBase):
    def _peptides(self) -> list[tuple[Compound, str]]:
        out = []
        for c in self.kb.compounds.values():
            if c.sequence:
                peptide = parse_sequence(c.sequence)
                out.append((c, peptide.notation))
        return out

    def _sequence(self, claim: Claim, f: Finding) -> None:
        try:
            stated = parse_sequence(_text(claim))
        except PeptidekitError as error:
            f.set("disagrees", "medium", f"not a valid sequence: {error.message}")
            return
        f.normalised["sequence"] = stated.notation
        peptides = self._peptides()
        exact = [c for c, notation in peptides if notation == stated.notation]
        same_residues = [
            c
            for c, notation in peptides
            if parse_sequence(notation).residues == stated.residues and not has_caps(_text(claim))
        ]
        # an exact match (caps included) first; caps left unstated match the residues,
        # preferring the compound the page is about
        candidates = exact or sorted(same_residues, key=lambda c: c is not self.compound)
        if candidates:
            match = candidates[0]
            f.set("agrees", "none", f"the sequence of {match.name}", identity_sources(match))
            return
        if self.compound is None or not self.compound.sequence:
            shuffled = [  # another order of a known peptide's residues: a swap, not a new one
                (c, parse_sequence(notation).residues)
                for c, notation in peptides
                if sorted(parse_sequence(notation).residues) == sorted(stated.residues)
            ]
            if shuffled:
                known, residues = shuffled[0]
                moved = [
                    f"{i + 1} ({a} for {b})"
                    for i, (a, b) in enumerate(zip(stated.residues, residues, strict=True))
                    if a != b
                ]
                f.set(
                    "disagrees",
                    "medium",
                    f"{known.name}'s residues in another order: {residues} differs at "
                    f"position(s) " + ", ".join(moved),
                    identity_sources(known),
                )
                return
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
        f.set("disagrees", "medium", reason, identity_sources(self.compound))

    def _residues(self, claim: Claim, f: Finding) -> None:
        """'hexapeptide' against the number of residues of the page's compound."""
        stated = RESIDUE_WORDS[_text(claim)]
        f.normalised["residues"] = stated
        if self.compound is None or not self.compound.sequence:
            f.set("not_covered", "info", "no peptide sequence to count residues of")
            return
        count = len(parse_sequence(self.compound.sequence).residues)
        if count == stated:
            f.set("agrees", "none", f"{self.compound.name} has {count} residues",
                  identity_sources(self.compound))  # fmt: skip
        else:
            f.set(
                "disagrees",
                "medium",
                f"{self.compound.name} has {count} residues, not {stated}",
                identity_sources(self.compound),
            )

    def _belongs_elsewhere(self, claim: Claim, f: Finding, owner: Compound, what: str) -> bool:
        """A formula or mass of another compound than the page's, with that compound not
        named in the sentence: stated as the page compound's, it is wrong."""
        if self.compound is None or owner.id == self.compound.id:
            return False
        text = self.source.text
        lo, hi = sentence_span(text, claim.start, claim.end, 200)
        sentence = text[lo:hi].lower()
        for page_name in (self.compound.name, *self.compound.aliases):
            sentence = sentence.replace(page_name.lower(), " ")  # 'Selank' in 'N-acetyl Selank..'

        names = [n.lower() for n in (owner.name, *owner.aliases) if len(n) > 3]
        if any(n in sentence for n in names):
            return False
        f.set(
            "disagrees",
            "medium",
            f"that is the {what} of {owner.name}, not of {self.compound.name}",
            identity_sources(owner),
        )
        return True

    def _formula(self, claim: Claim, f: Finding) -> None:
        for compound in self.kb.compounds.values():
            computed = (
                _analysed(compound.sequence).formula if compound.sequence else compound.formula
            )
            if computed == _text(claim):
                if self._belongs_elsewhere(claim, f, compound, "formula"):
                    return
                f.set(
                    "agrees", "none", f"the formula of {compound.name}", identity_sources(compound)
                )
                return
        reference = matching_formula(_text(claim))
        if reference is not None:
            self._modified_identity(claim, f, reference, "formula", _text(claim))
            return
        expected = ""
        if self.compound is not None and self.compound.sequence:
            expected = f"; {self.compound.name} is {_analysed(self.compound.sequence).formula}"
        f.set("disagrees", "medium", "matches no known compound's formula" + expected)

    def _weight(self, claim: Claim, f: Finding) -> None:
        value = cast(WeightValue, claim.value)["value"]
        tolerance = rounding(claim.text, value)
        # the nearest mass first, the page's compound first among those a rounding covers
        peptides = sorted(
            (c for c in self.kb.compounds.values() if c.sequence),
            key=lambda c: (
                abs(_analysed(c.sequence or "").average_mass - value) > 0.5
                and c is not self.compound,
                abs(_analysed(c.sequence or "").average_mass - value),
            ),
        )
        for compound in peptides:
            assert compound.sequence is not None
            average = _analysed(compound.sequence).average_mass
            if abs(average - value) <= tolerance:
                if self._belongs_elsewhere(claim, f, compound, "average mass"):
                    return
                f.set(
                    "agrees",
                    "none",
                    f"the average mass of {compound.name} ({average:.2f})",
                    identity_sources(compound),
                )
                return
        reference = matching_mass(value)
        if reference is not None:
            self._modified_identity(claim, f, reference, "mass", f"{value:g} Da")
            return
        if self.compound is not None and self.compound.sequence:
            average = _analysed(self.compound.sequence).average_mass
            f.set(
                "disagrees",
                "medium",
                f"{value:g} is not {self.compound.name}'s average mass ({average:.2f} Da)",
            )
        else:
            f.set("not_covered", "info", "matches no known peptide's mass")

    def _modified_identity(
        self, claim: Claim, f: Finding, ref: ReferenceCompound, what: str, stated: str
    ) -> None:
        """A formula or mass of a modified peptide outside the knowledge base: agrees, or
        belongs to another compound, or is the other molecule of a shared name (TB-500)."""
        text = self.source.text
        lo, hi = sentence_span(text, claim.start, claim.end, 200)
        sentence = text[lo:hi]
        record = f"{ref.name}: {ref.source}"
        computed = (
            f"{ref.formula}, {ref.average_mass:.2f} Da average, {ref.monoisotopic_mass:.4f} Da "
            f"monoisotopic, computed from {ref.structure}"
        )
        meant = subject(ref, sentence, text)
        if meant is not None and meant is not ref:
            f.set(
                "disagrees",
                "medium",
                f"mix-up: {stated} is the {what} of {ref.name} ({computed}), not of "
                f"{meant.name} ({meant.formula}, {meant.average_mass:.2f} Da); sellers call "
                f"both '{ref.shared_name}'",
                [record, f"{meant.name}: {meant.source}"],
            )
            return
        if self.compound is not None and not ref.named_in(sentence):
            f.set(
                "disagrees",
                "medium",
                f"that is the {what} of {ref.name} ({computed}), not of {self.compound.name}",
                [record],
            )
            return
        note = f"; {ref.conflict}" if ref.conflict else ""
        if meant is None and ref.mixup is not None:
            note += f"; '{ref.shared_name}' is sold as both {ref.name} and {ref.mixup}"
        f.set("agrees", "none", f"the {what} of {ref.name} ({computed}){note}", [record])

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
        off_topic = self._off_topic(f, source)
        if off_topic is not None:
            f.set(
                "disagrees",
                "low",
                f"the page cites {value} for {off_topic}; it is {source.title} "
                f"({source.authors or ''} {source.year or ''}), which is not about that".replace(
                    " )", ")"
                ),
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

    def _off_topic(self, f: Finding, source: Source) -> str | None:
        """A topic the citation's own line claims for the paper that neither its title nor
        anything the knowledge base cites it for is about, else None."""
        text = self.source.text
        lo = text.rfind("\n", 0, f.claim.start) + 1
        hi = text.find("\n", f.claim.end)
        line = text[lo : hi if hi != -1 else len(text)].lower()
        cited_for = [
            c.statement
            for compound in self.kb.compounds.values()
            for c in compound.claims
            if any(x.source == source.id for x in c.sources)
        ]
        cited_for += [
            f"{s.title} {s.outcome}"
            for compound in self.kb.compounds.values()
            for s in compound.studies
            if any(x.source == source.id for x in s.sources)
        ]
        about = " ".join([source.title, *cited_for]).lower()
        for topic, words in CITATION_TOPICS.items():
            said = re.compile(
                r"\b(?:"
                + "|".join(
                    re.escape(w[:-1]) if w.endswith("*") else re.escape(w) + r"\b" for w in words
                )
                + r")",
                re.I,
            )
            if said.search(line) and not said.search(about):  # 'Gabaeva' is not GABA
                return topic
        return None

    def _pmid(self, claim: Claim, f: Finding) -> None:
        self._reference_id(f, "pmid", _text(claim))

    def _pmc(self, claim: Claim, f: Finding) -> None:
        self._reference_id(f, "pmc", _text(claim))

    def _doi(self, claim: Claim, f: Finding) -> None:
        self._reference_id(f, "doi", _text(claim))


def _text(claim: Claim) -> str:
    """The text of a sequence, formula, PMID, PMC or DOI claim."""
    return cast(TextValue, claim.value)["value"]
