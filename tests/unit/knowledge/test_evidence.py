"""The evidence summary: the grading rule on hand-built studies, then the shipped data."""

from __future__ import annotations

import pytest

from peptidekit.knowledge.evidence import StudyLine, evidence_summary, grade
from peptidekit.knowledge.loader import KnowledgeBase


def study(
    n: int | None = 60,
    *,
    randomised: bool = True,
    placebo: bool = False,
    read: bool = True,
    comparator: str | None = "x",
    direction: str = "benefit",
) -> StudyLine:
    return StudyLine(
        "s",
        "t",
        "d",
        n,
        comparator,
        direction,
        "f",
        read,
        randomised,
        placebo,
        ("src",),
        controlled=comparator is not None,
    )


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ((), "not graded"),
        ((study(120, placebo=True), study(150, placebo=True)), "high"),
        ((study(120, placebo=True), study(150, placebo=True, direction="harm")), "low"),
        ((study(60), study(55)), "moderate"),
        ((study(60), study(40)), "low"),  # two randomised, but only one has n >= 50
        ((study(62),), "low"),
        ((study(randomised=False), study(randomised=False)), "low"),  # two controlled
        ((study(randomised=False, comparator=None),), "very low"),
        ((study(read=False),), "very low"),  # known only through secondary reports
    ],
)
def test_the_grading_rule(lines: tuple[StudyLine, ...], expected: str) -> None:
    assert grade(lines)[0] == expected


def test_two_randomised_trials_one_small_is_not_moderate() -> None:
    ranked, why = grade((study(60), study(40)))
    assert ranked == "low"
    assert "randomised" in why


def test_selank_anxiety_rests_on_one_randomised_trial_without_placebo(
    kb: KnowledgeBase,
) -> None:
    summary = {s.outcome: s for s in evidence_summary("selank", kb)}
    anxiety = summary["anxiety"]
    assert anxiety.grade == "low"
    assert "no placebo arm" in anxiety.why
    assert {s.study for s in anxiety.studies} == {
        "selank.study.zozulia-2008",
        "selank.study.medvedev-2014",
        "selank.study.pogodina-2024",
        "selank.study.verbenko-2019",
    }
    assert summary["tolerability"].grade == "very low"  # known only through a summary
    # animal studies never count: kasian-2017 (rats) is in no outcome
    assert all(
        line.study != "selank.study.kasian-2017" for s in summary.values() for line in s.studies
    )


def test_a_comparator_arm_counts_for_the_comparator_and_nothing_is_invented(
    kb: KnowledgeBase,
) -> None:
    [medazepam] = evidence_summary("medazepam", kb)
    assert (medazepam.outcome, medazepam.grade) == ("anxiety", "low")
    # phenazepam: one randomised trial read (2 mg/day vs afobazol, 36 + 30 = 66), no placebo
    # arm -> low; its arms in the Selank trials report nothing about phenazepam itself
    [phenazepam] = evidence_summary("phenazepam", kb)
    assert (phenazepam.outcome, phenazepam.grade) == ("anxiety", "low")
    assert [s.n for s in phenazepam.studies] == [36 + 30]
    assert "no placebo arm" in phenazepam.why


def test_semax_is_graded_only_from_what_is_entered(kb: KnowledgeBase) -> None:
    summary = {s.outcome: s for s in evidence_summary("semax", kb)}
    # recovery: one controlled study read (30 on Semax vs 80 on usual therapy, not stated to
    # be randomised) and one uncontrolled series: fewer than two controlled -> very low
    assert summary["recovery"].grade == "very low"
    assert [s.n for s in summary["recovery"].studies] == [30 + 80, 48]
    # cognition rests on a seller's account only: very low, and it says so
    assert summary["cognition"].grade == "very low"
    assert "secondary" in summary["cognition"].why
    assert not any(s.grade in ("high", "moderate", "low") for s in summary.values())
    assert any("not all that exists" in u for u in kb.compounds["semax"].unknowns)
