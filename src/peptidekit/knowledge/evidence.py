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

"Agreeing" is computed among the studies that qualify for that grade only: an unread or
uncontrolled report never stops two agreeing trials, nor makes them "disagree". Each
reason names the studies that qualified and why each other one did not (not read,
not randomised, no placebo arm, too small, uncontrolled). Randomisation and a placebo
arm are what the study record states (``randomised``, ``placebo``; an ``rct`` is
randomised), never guessed from the comparator's or the design's wording.

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
    "through secondary reports); not graded: no human study. Agreement is judged among "
    "the studies that qualify for a grade only; a study counts as read only when its own "
    "report (abstract at least) was read. Animal and cell studies never count."
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
    controlled: bool = False
    """It had a comparison group (a comparator or more than one arm)."""


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
    return StudyLine(
        study=study.id,
        title=study.title,
        design=study.design,
        n=study.n,
        comparator=study.comparator,
        direction=direction,
        finding=finding,
        read=study.status == "supported",
        randomised=study.randomised or study.evidence == "rct",
        placebo=study.placebo,
        sources=tuple(s.source for s in study.sources),
        controlled=bool(study.comparator) or len(study.arms) > 1,
    )


def _agree(lines: list[StudyLine]) -> bool:
    return len({line.direction for line in lines}) == 1


def _name(line: StudyLine) -> str:
    return line.study.rsplit(".", 1)[-1]


def _describe(line: StudyLine) -> str:
    """'zozulia-2008 (randomised, no placebo arm, n = 62)'; 'as reported' when not read."""
    design = (
        "randomised" if line.randomised else "controlled" if line.controlled else "uncontrolled"
    )
    if not line.read:
        design += " as reported"
    parts = [
        design,
        *(["placebo arm"] if line.placebo else (["no placebo arm"] if line.randomised else [])),
        f"n = {line.n}" if line.n else "n not stated",
    ]
    return f"{_name(line)} ({', '.join(parts)})"


def _why_not(line: StudyLine, need: str, min_n: int = 0, placebo: bool = False) -> str:
    """Why ``line`` did not qualify for a tier needing 'rct' or 'controlled' studies."""
    if not line.read:
        return "not read (known only through secondary reports)"
    if need == "rct" and not line.randomised:
        return "not randomised" if line.controlled else "uncontrolled"
    if need == "controlled" and not line.controlled:
        return "uncontrolled"
    if placebo and not line.placebo:
        return "no placebo arm"
    if (line.n or 0) < min_n:
        return f"n below {min_n}"
    return "does not meet the grade's other conditions"


def _reason(
    head: str,
    counted: list[StudyLine],
    lines: tuple[StudyLine, ...],
    need: str,
    min_n: int = 0,
    placebo: bool = False,
) -> str:
    """The head, then the studies that qualified and why each other one did not."""
    why = head + "; counted (read): " + (", ".join(_describe(s) for s in counted) or "none")
    left = [s for s in lines if s not in counted]
    if left:
        why += "; left out: " + ", ".join(
            f"{_describe(s)}: {_why_not(s, need, min_n, placebo)}" for s in left
        )
    return why


def grade(lines: tuple[StudyLine, ...]) -> tuple[str, str]:
    """The grade of one outcome's studies, by EVIDENCE_RULE, with the reason. Agreement is
    judged among the studies that qualify for each grade, never over all of them."""
    if not lines:
        return "not graded", "no human study in the knowledge base"
    read_rcts = [line for line in lines if line.read and line.randomised]
    placebo_rcts = [line for line in read_rcts if line.placebo and (line.n or 0) >= 100]
    big_rcts = [line for line in read_rcts if (line.n or 0) >= 50]
    controlled = [line for line in lines if line.read and line.controlled]
    if len(placebo_rcts) >= 2 and _agree(placebo_rcts):
        head = f"{len(placebo_rcts)} placebo-controlled randomised trials read, n >= 100, agreeing"
        return "high", _reason(head, placebo_rcts, lines, "rct", 100, placebo=True)
    if len(big_rcts) >= 2 and _agree(big_rcts):
        head = f"{len(big_rcts)} randomised trials read, n >= 50 each, agreeing"
        return "moderate", _reason(head, big_rcts, lines, "rct", 50)
    if len(read_rcts) == 1:
        rct = read_rcts[0]
        vs = "no placebo arm" if not rct.placebo else "placebo-controlled"
        head = f"one randomised trial read (n = {rct.n or 'not stated'}; {vs})"
        return "low", _reason(head, read_rcts, lines, "rct")
    if read_rcts:
        pool = big_rcts if len(big_rcts) >= 2 else read_rcts
        why = "that disagree" if not _agree(pool) else "fewer than two with n >= 50"
        return "low", _reason(
            f"{len(read_rcts)} randomised trials read, {why}", read_rcts, lines, "rct"
        )
    if len(controlled) >= 2 and _agree(controlled):
        head = f"{len(controlled)} controlled studies read, agreeing"
        return "low", _reason(head, controlled, lines, "controlled")
    head = (
        f"{len(lines)} human stud{'y' if len(lines) == 1 else 'ies'}; no randomised trial read"
        + (", and fewer than two agreeing controlled studies read" if controlled else "")
    )
    return "very low", _reason(head, controlled, lines, "controlled")


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
