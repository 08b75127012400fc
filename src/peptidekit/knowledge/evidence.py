"""The evidence behind each outcome of a compound: its human studies, graded by a stated
rule from their design and size. No human study, no grade.

The rule (``EVIDENCE_RULE``), applied to the human studies of one compound and outcome
that the knowledge base records (a comparator's arm in another compound's trial counts
for the comparator too):

- high: two or more randomised, placebo-controlled trials that were read (status
  supported), each with at least 100 people, agreeing in direction;
- moderate: two or more randomised trials that were read, each with at least 50 people,
  agreeing in direction;
- low: at least one randomised trial that was read, where the above do not hold (one
  trial, trials too small, or trials that disagree), or two or more controlled studies
  that were read (open-label with a comparator) agreeing in direction;
- very low: anything else with people: an uncontrolled or single open-label study, or
  studies known only through secondary reports (status unverified);
- not graded: no human study in the knowledge base (animal and cell studies never count).

A randomised trial without a placebo arm shows how a compound compares with its
comparator, not that it beats no treatment; the summary says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peptidekit.knowledge.loader import KnowledgeBase
    from peptidekit.knowledge.schema import Study

GRADES = ("high", "moderate", "low", "very low", "not graded")
HUMAN = ("rct", "open_label", "secondary", "label")
EVIDENCE_RULE = (
    "high: 2+ randomised placebo-controlled trials read, each n >= 100, agreeing; "
    "moderate: 2+ randomised trials read, each n >= 50, agreeing; "
    "low: any other randomised trial read (one, too small, or disagreeing), or 2+ "
    "controlled open-label studies read, agreeing; "
    "very low: any other human evidence (uncontrolled, single open-label, or known only "
    "through secondary reports); not graded: no human study. Animal and cell studies "
    "never count."
)


@dataclass(frozen=True)
class StudyLine:
    study: str
    title: str
    design: str
    n: int | None
    comparator: str | None
    direction: str
    finding: str
    read: bool
    """Status supported: the report itself was read, not only a secondary account."""
    randomised: bool
    placebo: bool
    sources: tuple[str, ...]


@dataclass(frozen=True)
class OutcomeSummary:
    outcome: str
    grade: str
    why: str
    studies: tuple[StudyLine, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "grade": self.grade,
            "why": self.why,
            "studies": [vars(s) for s in self.studies],
        }


def _line(study: Study, direction: str, finding: str) -> StudyLine:
    design = study.design.lower()
    randomised = study.evidence == "rct" or ("randomi" in design and "not stated" not in design)
    return StudyLine(
        study=study.id,
        title=study.title,
        design=study.design,
        n=study.n,
        comparator=study.comparator,
        direction=direction,
        finding=finding,
        read=study.status == "supported",
        randomised=randomised,
        placebo=bool(study.comparator and "placebo" in study.comparator.lower()),
        sources=tuple(s.source for s in study.sources),
    )


def grade(lines: tuple[StudyLine, ...]) -> tuple[str, str]:
    """The grade of one outcome's studies, by EVIDENCE_RULE, with the reason."""
    if not lines:
        return "not graded", "no human study in the knowledge base"
    directions = {line.direction for line in lines}
    agree = len(directions) == 1
    read_rcts = [line for line in lines if line.read and line.randomised]
    placebo_rcts = [line for line in read_rcts if line.placebo and (line.n or 0) >= 100]
    big_rcts = [line for line in read_rcts if (line.n or 0) >= 50]
    controlled = [line for line in lines if line.read and line.comparator]
    if agree and len(placebo_rcts) >= 2:
        return "high", f"{len(placebo_rcts)} placebo-controlled randomised trials, n >= 100"
    if agree and len(big_rcts) >= 2:
        return "moderate", f"{len(big_rcts)} randomised trials, n >= 50 each"
    if len(read_rcts) == 1:
        rct = read_rcts[0]
        vs = "no placebo arm" if not rct.placebo else "placebo-controlled"
        return "low", f"one randomised trial (n = {rct.n or 'not stated'}; {vs})"
    if read_rcts:
        why = "that disagree" if not agree else "fewer than two with n >= 50"
        return "low", f"{len(read_rcts)} randomised trials, {why}"
    if agree and len(controlled) >= 2:
        return "low", f"{len(controlled)} controlled studies that agree"
    unread = sum(1 for line in lines if not line.read)
    why = f"{len(lines)} human stud{'y' if len(lines) == 1 else 'ies'}"
    if controlled:
        why += f", {len(controlled)} of them controlled"
    if unread:
        why += f", {unread} known only through secondary reports"
    if not read_rcts and not controlled:
        why += "; none randomised or controlled"
    return "very low", why


def evidence_summary(compound_id: str, kb: KnowledgeBase) -> list[OutcomeSummary]:
    """Every outcome with human evidence for the compound (its own studies, and its arms
    in other compounds' trials), graded; then the outcomes with none."""
    by_outcome: dict[str, list[StudyLine]] = {}
    for owner in kb.compounds.values():
        for study in owner.studies:
            if study.evidence not in HUMAN:
                continue
            for found in study.outcomes:
                about = found.compounds or [owner.id]
                if compound_id in about:
                    by_outcome.setdefault(found.outcome, []).append(
                        _line(study, found.direction, found.finding)
                    )
    out = []
    for outcome, lines in sorted(by_outcome.items()):
        ranked, why = grade(tuple(lines))
        out.append(OutcomeSummary(outcome, ranked, why, tuple(lines)))
    return sorted(out, key=lambda s: (GRADES.index(s.grade), s.outcome))
