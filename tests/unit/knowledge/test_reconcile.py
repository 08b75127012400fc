"""Reconciliation on the shipped Selank data and on small hand-made compounds."""

from __future__ import annotations

from typing import Any

import pytest

from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.reconcile import (
    all_conflicts,
    computed_conflicts,
    per_administration_mcg,
    per_day_mcg,
    reference_ranges,
)
from peptidekit.knowledge.schema import Claim, Compound
from peptidekit.knowledge.views import conflicts_dict


def sources_of_sides(conflict: dict[str, Any]) -> list[set[str]]:
    return [set(side["sources"]) for side in conflict["sides"]]


@pytest.fixture(scope="module")
def selank_conflicts(kb: KnowledgeBase) -> list[dict[str, Any]]:
    conflicts: list[dict[str, Any]] = conflicts_dict(kb.compound("selank"), kb)["conflicts"]
    return conflicts


def by_kind(conflicts: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [c for c in conflicts if c["kind"] == kind]


def test_mg_for_mcg_in_page_000(selank_conflicts: list[dict[str, Any]]) -> None:
    [slip] = by_kind(selank_conflicts, "unit_slip")
    first, others = sources_of_sides(slip)
    assert first == {"src-000"}
    assert {"label-selank", "src-002", "src-003", "src-004"} <= others
    # 250-500 mg has a geometric mean of sqrt(250*500) mg; about 1000x the others
    assert "250 to 500 mg" in slip["summary"]
    assert "'mg' was probably written for 'mcg'" in slip["summary"]


def test_per_nostril_dose_in_page_002_against_the_label(
    selank_conflicts: list[dict[str, Any]],
) -> None:
    [conflict] = by_kind(selank_conflicts, "per_nostril_vs_per_administration")
    assert sources_of_sides(conflict) == [{"src-002"}, {"label-selank"}]
    # 250-500 per nostril doubles to 500-1000 per administration; x3 a day = 3000 > 2700
    assert "500-1000 mcg per administration" in conflict["summary"]
    assert "up to 3000 mcg a day against a maximum of 2700" in conflict["summary"]


def test_three_different_injection_ranges(selank_conflicts: list[dict[str, Any]]) -> None:
    [sc] = [c for c in selank_conflicts if c["topic"] == "subcutaneous daily dose"]
    assert sc["kind"] == "ranges_differ"
    assert sources_of_sides(sc) == [{"src-002"}, {"src-004"}, {"src-003"}]
    # per day by hand: 002 250-750 x1; 004 250-500 x1-3 = 250-1500; 003 250 mcg-3 mg
    assert [s["label"] for s in sc["sides"]] == [
        "250-750 mcg per day",
        "250-1500 mcg per day",
        "250-3000 mcg per day",
    ]


def test_half_life_figures_and_the_effect_duration(
    selank_conflicts: list[dict[str, Any]],
) -> None:
    [conflict] = by_kind(selank_conflicts, "half_life")
    labels = [s["label"] for s in conflict["sides"]]
    # seller 3-5 min; 0.3 h = 18 min; 1 h = 60 min. The label's 5-5.5 min is how fast
    # plasma levels fall, not a half-life: shown beside them, never among them (audit 8)
    assert labels[:3] == ["3-5 min", "18 min", "60 min"]
    assert labels[3] == "plasma levels fall over (not a half-life)"
    assert labels[4] == "effect duration (not a plasma half-life)"
    assert {"label-selank"} in sources_of_sides(conflict)
    assert (
        "The label gives no half-life: only that plasma levels fall over 5-5.5 min"
        in (conflict["summary"])
    )


@pytest.mark.parametrize(
    ("topic", "popular", "primary"),
    [
        ("BDNF", {"src-001", "src-002", "src-003", "src-004"}, {"inozemtseva-2008", "kolik-2019"}),
        ("serotonin", {"src-000", "src-003"}, {"narkevich-2008"}),
    ],
)
def test_mechanism_direction_claims(
    selank_conflicts: list[dict[str, Any]], topic: str, popular: set[str], primary: set[str]
) -> None:
    [conflict] = [c for c in selank_conflicts if c["topic"] == topic]
    assert conflict["kind"] == "mechanism_direction"
    sides = sources_of_sides(conflict)
    assert sides[0] == popular
    assert set().union(*sides[1:]) == primary


def test_strength_that_belongs_to_semax(selank_conflicts: list[dict[str, Any]]) -> None:
    [conflict] = by_kind(selank_conflicts, "strength")
    labels = [s["label"] for s in conflict["sides"]]
    assert labels == ["1 mg/mL (the labelled strength of Semax)", "1.5 mg/mL", "1.6 mg/mL"]


def test_swapped_sequence_names_the_positions(selank_conflicts: list[dict[str, Any]]) -> None:
    swapped, chemical_name = [c for c in by_kind(selank_conflicts, "sequence") if c["computed"]]
    assert "position(s) 5 (Gly for Pro), 6 (Pro for Gly)" in swapped["summary"]
    # the page's second garbling (kb-audit-2, A10): Thr-Lys-Arg-Pro-Pro-Gly-Pro
    assert "position(s) 3 (Arg for Pro), 4 (Pro for Arg)" in chemical_name["summary"]


def test_every_conflict_side_cites_sources(selank_conflicts: list[dict[str, Any]]) -> None:
    assert len(selank_conflicts) >= 10
    for conflict in selank_conflicts:
        assert len(conflict["sides"]) >= 2
        for side in conflict["sides"]:
            assert side["sources"]
            assert side["claims"]


def test_reference_ranges_come_from_the_label(kb: KnowledgeBase) -> None:
    refs = {(r.route, r.basis): r for r in reference_ranges(kb.compound("selank"))}
    nasal = refs[("intranasal", "per_administration")]
    assert (nasal.low, nasal.high, nasal.unit) == (300, 900, "mcg")
    assert nasal.origin == "reference"
    assert nasal.sources == ("label-selank",)
    daily = refs[("intranasal", "per_day")]
    assert (daily.low, daily.high) == (900, 2700)
    sc = refs[("subcutaneous", "per_administration")]
    assert sc.origin == "envelope"
    assert "no reference figure" in sc.note
    # envelope of 002 (250-750) and 004 (250-500); 000's contradicted mg figure is left out
    assert (sc.low, sc.high) == (250, 750)


# ------------------------------------------------------- synthetic compounds


def dose(cid: str, low: float, high: float, unit: str, basis: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": cid,
        "topic": "dose",
        "statement": "test",
        "amount": {
            "low": low,
            "high": high,
            "unit": unit,
            "basis": basis,
            **extra.pop("amount", {}),
        },
        "routes": extra.pop("routes", ["subcutaneous"]),
        "sources": [{"source": "dossier"}],
        "evidence": "vendor_claim",
        "status": extra.pop("status", "unverified"),
        **extra,
    }


def compound(*claims: dict[str, Any]) -> Compound:
    return Compound.model_validate(
        {
            "id": "x",
            "name": "X",
            "kind": "peptide",
            "category": "test",
            "sequence": "GG",
            "summary": "test",
            "claims": list(claims),
        }
    )


def kinds(kb: KnowledgeBase, comp: Compound) -> list[str]:
    return [c.kind for c in computed_conflicts(comp, kb)]


def test_a_tenfold_difference_is_not_called_a_unit_slip(kb: KnowledgeBase) -> None:
    comp = compound(
        dose("a", 100, 200, "mcg", "per_administration"),
        dose("b", 150, 300, "mcg", "per_administration"),
        dose("c", 1.5, 3, "mg", "per_administration"),
    )
    assert "unit_slip" not in kinds(kb, comp)


def test_mcg_written_for_mg_is_found_too(kb: KnowledgeBase) -> None:
    comp = compound(
        dose("a", 10, 20, "mg", "per_administration"),
        dose("b", 15, 30, "mg", "per_administration"),
        dose("c", 10, 20, "mcg", "per_administration"),
    )
    [slip] = [c for c in computed_conflicts(comp, kb) if c.kind == "unit_slip"]
    assert slip.sides[0].claims == ["c"]
    assert "'mcg' was probably written for 'mg'" in slip.summary


def test_ranges_that_do_not_overlap(kb: KnowledgeBase) -> None:
    comp = compound(
        dose("a", 100, 200, "mcg", "per_day"),
        dose("b", 300, 400, "mcg", "per_day"),
    )
    assert kinds(kb, comp) == ["ranges_do_not_overlap"]


def test_identical_ranges_are_not_a_conflict(kb: KnowledgeBase) -> None:
    comp = compound(
        dose("a", 100, 200, "mcg", "per_day"),
        dose("b", 0.1, 0.2, "mg", "per_day"),
    )
    assert kinds(kb, comp) == []


def test_per_day_and_per_administration_arithmetic() -> None:
    claim = Claim.model_validate(
        dose("a", 250, 500, "mcg", "per_nostril", amount={"times_per_day": [2, 3]})
    )
    assert per_administration_mcg(claim) == (500, 1000)
    assert per_day_mcg(claim) == (1000, 3000)
    no_count = Claim.model_validate(dose("b", 250, 500, "mcg", "per_administration"))
    assert per_day_mcg(no_count) is None


def test_curated_and_computed_conflicts_are_both_listed(kb: KnowledgeBase) -> None:
    selank = kb.compound("selank")
    every = all_conflicts(selank, kb)
    assert {c.computed for c in every} == {True, False}
    assert len(every) == len(computed_conflicts(selank, kb)) + len(selank.conflicts)
