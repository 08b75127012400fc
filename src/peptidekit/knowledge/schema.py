"""The schema of the knowledge base: sources, claims, studies, conflicts, compounds.

Every fact is a :class:`Claim` that names at least one source, an evidence
type and a status. Quantities carry their unit, basis and route explicitly;
the unit is checked with the package's own quantity parser, so a data file
cannot hold a unit the calculators would not understand.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from peptidekit.errors import QuantityError
from peptidekit.units import Kind, parse_quantity
from peptidekit.vocabulary import Form, Route, Storage

Evidence = Literal[
    "rct",
    "open_label",
    "label",
    "animal",
    "in_vitro",
    "review",
    "secondary",
    "vendor_claim",
]
Status = Literal["supported", "unverified", "contradicted"]
Basis = Literal[
    "per_administration", "per_nostril", "per_day", "per_kg", "per_drop", "per_actuation"
]
StorageCondition = Storage
SourceKind = Literal[
    "web_page",
    "product_label",
    "journal_article",
    "database",
    "encyclopedia",
    "regulatory",
    "research_notes",
]
Topic = Literal[
    "identity",
    "regulatory",
    "mechanism",
    "indication",
    "dose",
    "frequency",
    "course",
    "break",
    "onset",
    "effect_duration",
    "half_life",
    "plasma_disappearance",
    "bioavailability",
    "absorption",
    "elimination",
    "strength",
    "formulation",
    "drop_volume",
    "spray_volume",
    "storage",
    "adverse_effect",
    "contraindication",
    "interaction",
    "toxicity",
    "combination",
    "comparison",
    "sequence",
    "study_report",
    "citation",
]
ConflictKind = Literal[
    "unit_slip",
    "per_nostril_vs_per_administration",
    "ranges_differ",
    "ranges_do_not_overlap",
    "half_life",
    "strength",
    "sequence",
    "mechanism_direction",
    "misattributed_reference",
    "regulatory_status",
    "study_design",
    "history",
]

# The kind of quantity each quantitative topic must carry.
TOPIC_KIND: dict[str, Kind] = {
    "dose": Kind.MASS,
    "frequency": Kind.RATE,
    "course": Kind.DURATION,
    "break": Kind.DURATION,
    "onset": Kind.DURATION,
    "effect_duration": Kind.DURATION,
    "half_life": Kind.DURATION,
    "plasma_disappearance": Kind.DURATION,
    "absorption": Kind.DURATION,
    "storage": Kind.DURATION,
    "bioavailability": Kind.FRACTION,
    "strength": Kind.CONCENTRATION,
    "drop_volume": Kind.VOLUME,
    "spray_volume": Kind.VOLUME,
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Strict):
    source: str
    locator: str | None = None
    """Where in the source: a section, table or page."""
    url: str | None = None
    """The address of the copy that was read, where a source (a label) has several."""
    limit_wording: str | None = None
    """For a claim that acts as a limit: the record's own limiting words as printed
    ('не более 2-3 капель', 'maximum daily dose 10 mg'), so the sentence can be found."""


class Source(Strict):
    id: str
    kind: SourceKind
    title: str
    site_kind: str | None = None
    file: str | None = None
    """For the five starting pages: the file name in shared/sources."""
    fingerprint: str | None = Field(default=None, pattern="^[0-9a-f]{16}$")
    """A page's text fingerprint (knowledge.lookup.text_fingerprint): a pasted copy of the
    page is recognised as this source."""
    checked: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$")
    """When the entry was last checked against the record itself: YYYY-MM-DD, or YYYY-MM
    where only the month is known (the 2026-11 audit)."""
    status: Status = "supported"
    """'unverified' for a reference no record of which was found."""
    date: dt.date | None = None
    authors: str | None = None
    journal: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    pmc: str | None = None
    note: str | None = None
    origin: Literal["builtin", "user"] = "builtin"

    @field_validator("pmid")
    @classmethod
    def _pmid_digits(cls, value: str | None) -> str | None:
        if value is not None and not value.isdigit():
            raise ValueError(f"PMID {value!r} must be digits only")
        return value

    @field_validator("pmc")
    @classmethod
    def _pmc_form(cls, value: str | None) -> str | None:
        if value is not None and not (value.startswith("PMC") and value[3:].isdigit()):
            raise ValueError(f"PMC id {value!r} must look like PMC1234567")
        return value


class Amount(Strict):
    """A quantity or range as a source states it, with unit and basis explicit."""

    low: float = Field(ge=0)
    high: float = Field(ge=0)
    unit: str
    basis: Basis | None = None
    maximum: bool = False
    """The figure is a limit that a cited record states as a limit (a citation with
    ``locator``, ``limit_wording`` and a URL or identifier; knowledge.limits checks it)."""
    times_per_day: tuple[float, float] | None = None
    """For doses: how many administrations a day the source pairs with it."""
    as_written: str | None = None
    """The figure exactly as printed (kept to show unit slips), never a sentence."""

    @model_validator(mode="after")
    def _ordered(self) -> Amount:
        if self.high < self.low:
            raise ValueError(f"range {self.low}-{self.high} {self.unit}: high is below low")
        if self.times_per_day and self.times_per_day[1] < self.times_per_day[0]:
            raise ValueError(f"times_per_day {self.times_per_day}: high is below low")
        return self

    def check_unit(self, kind: Kind) -> None:
        try:
            parse_quantity(f"1 {self.unit}", kind)
        except QuantityError as error:
            raise ValueError(f"unit {self.unit!r} is not {kind.value}: {error.message}") from error


class TemperatureRange(Strict):
    low_c: float
    high_c: float


class Claim(Strict):
    id: str
    topic: Topic
    statement: str
    """The fact in our own words."""
    sources: list[Citation] = Field(min_length=1)
    evidence: Evidence
    status: Status
    amount: Amount | None = None
    routes: list[Route] = Field(default_factory=list)
    form: Form | None = None
    storage: StorageCondition | None = None
    temperature: TemperatureRange | None = None
    feature: str | None = None
    """For comparison claims: the row of the comparison table."""
    value: str | None = None
    """A short textual value: a comparison cell, a sequence as a page wrote it."""
    reference: bool = False
    dossier_only: bool = False
    """The claim rests on the project's research dossier alone: no public record of it
    was traced (a test lists these and fails on a number with neither)."""
    """The reference figure for its topic, route and basis (the label where there is one)."""
    note: str | None = None

    @model_validator(mode="after")
    def _amount_matches_topic(self) -> Claim:
        if self.amount is not None:
            kind = TOPIC_KIND.get(self.topic)
            if kind is None:
                raise ValueError(f"claim {self.id}: topic {self.topic!r} takes no amount")
            self.amount.check_unit(kind)
        if self.topic == "comparison" and not (self.feature and self.value):
            raise ValueError(f"claim {self.id}: a comparison claim needs feature and value")
        if self.topic == "sequence" and not self.value:
            raise ValueError(f"claim {self.id}: a sequence claim needs the sequence as value")
        return self


class Arm(Strict):
    treatment: str
    n: int | None = Field(default=None, ge=1)


Outcome = Literal[
    "anxiety",
    "asthenia",
    "mood",
    "cognition",
    "sleep",
    "immune",
    "tolerability",
    "recovery",
    "adjustment",
]
Direction = Literal["benefit", "no_difference", "harm", "mixed"]


class StudyOutcome(Strict):
    """What a human study found for one outcome. ``compounds``: the compounds the finding
    is about, when not (only) the compound whose study it is (a comparator's arm)."""

    outcome: Outcome
    direction: Direction
    compounds: list[str] = Field(default_factory=list)
    finding: str


class Study(Strict):
    id: str
    title: str
    sources: list[Citation] = Field(min_length=1)
    design: str
    evidence: Evidence
    status: Status
    population: str
    n: int | None = Field(default=None, ge=1)
    arms: list[Arm] = Field(default_factory=list)
    comparator: str | None = None
    randomised: bool = False
    """Randomised, as its report (or, for an unread study, the account of it) states; an
    ``rct`` is randomised whatever this says."""
    placebo: bool = False
    """It had a placebo arm, as stated; never inferred from the comparator's text."""
    duration: str | None = None
    dosing: str | None = None
    scales: list[str] = Field(default_factory=list)
    outcome: str
    outcomes: list[StudyOutcome] = Field(default_factory=list)
    """The findings by outcome, for the evidence summary (human studies only)."""
    note: str | None = None

    @model_validator(mode="after")
    def _arms_add_up(self) -> Study:
        counted = [a.n for a in self.arms if a.n is not None]
        complete = bool(counted) and len(counted) == len(self.arms)
        if self.n is not None and complete and sum(counted) != self.n:
            raise ValueError(f"study {self.id}: arms add up to {sum(counted)}, not n={self.n}")
        return self


class ConflictSide(Strict):
    label: str
    claims: list[str] = Field(min_length=1)


class Conflict(Strict):
    id: str
    kind: ConflictKind
    topic: str
    summary: str
    sides: list[ConflictSide] = Field(min_length=2)
    computed: bool = False


class Identifier(Strict):
    scheme: Literal["cas", "pubchem_cid", "unii", "atc", "registration"]
    value: str
    sources: list[Citation] = Field(min_length=1)
    note: str | None = None


class StatedIdentity(Strict):
    """A formula or mass as a source states it; checked against the sequence."""

    formula: str | None = None
    average_mass: float | None = Field(default=None, gt=0)
    sources: list[Citation] = Field(min_length=1)
    evidence: Evidence
    note: str | None = None


class Compound(Strict):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    kind: Literal["peptide", "small_molecule", "nucleotide"]
    """'nucleotide' (NAD+): no residues; like a small molecule it carries a formula."""
    category: str
    sequence: str | None = None
    """For peptides: the notation with caps, e.g. H-TKPRPGP-OH."""
    structure_unknown: str | None = None
    """For a peptide whose structure no public record gives (P021): why, in plain words. It
    may then have no sequence; its formula and masses are not computed, and say so."""
    structure: str | None = None
    """For peptides: the structure in ProForma 2.0, e.g. [Acetyl]-TKPRPGP-[Amidated], with
    named blocks from chem/data/building_blocks.yaml; the formula and masses come from it."""
    formula: str | None = None
    """For small molecules and nucleotides: the Hill formula (peptides compute theirs)."""
    summary: str
    stated_identity: list[StatedIdentity] = Field(default_factory=list)
    identifiers: list[Identifier] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    studies: list[Study] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    unknowns: list[str] = Field(default_factory=list)
    """What is not known, said plainly (e.g. no PK data for this compound)."""
    origin: Literal["builtin", "user"] = "builtin"
    overrides_builtin: bool = False

    @model_validator(mode="after")
    def _identity_fields(self) -> Compound:
        if self.kind == "peptide" and not (
            self.sequence or self.structure or self.structure_unknown
        ):
            raise ValueError(
                f"compound {self.id}: a peptide needs a sequence (or structure_unknown saying "
                "why no record gives one)"
            )
        if self.kind != "peptide" and not self.formula:
            raise ValueError(f"compound {self.id}: a {self.kind} needs a formula")
        if self.kind != "peptide" and (self.sequence or self.structure):
            raise ValueError(f"compound {self.id}: a {self.kind} has no residues (no sequence)")
        return self


class Stack(Strict):
    """Compounds that sources describe taking together: a claim about a combination,
    with its own sources and evidence type (for these peptides, sellers' words)."""

    id: str
    name: str
    components: list[str] = Field(min_length=2)
    statement: str
    sources: list[Citation] = Field(min_length=1)
    evidence: Evidence
    status: Status
    note: str | None = None


class KnowledgeFile(Strict):
    """One YAML data file: sources, compounds, stacks and/or device figures."""

    sources: list[Source] = Field(default_factory=list)
    compounds: list[Compound] = Field(default_factory=list)
    devices: list[Claim] = Field(default_factory=list)
    """Figures about devices rather than compounds: drop and spray volumes."""
    stacks: list[Stack] = Field(default_factory=list)
