"""The 2026-11 audit of the knowledge base against public records
(shared/research/kb-audit.md): one test per finding, so none can come back."""

from __future__ import annotations

from typing import Any

import pytest

from peptidekit.dosing.plausibility import check_dose, labelled_ceiling
from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.reconcile import all_conflicts
from peptidekit.knowledge.schema import Claim
from peptidekit.units import parse_quantity


def claim(kb: KnowledgeBase, compound: str, claim_id: str) -> Claim:
    return next(c for c in kb.compounds[compound].claims if c.id == claim_id)


def conflict(kb: KnowledgeBase, compound: str, conflict_id: str) -> Any:
    return next(c for c in kb.compounds[compound].conflicts if c.id == conflict_id)


def test_1_il6_the_study_reports_both_directions(kb: KnowledgeBase) -> None:
    primary = claim(kb, "selank", "selank.mechanism.il6-primary")
    assert "suppressed IL-6 gene expression" in primary.statement
    assert "concentration" in primary.statement
    assert "rose" in primary.statement
    assert claim(kb, "selank", "selank.mechanism.il6-stimulates").status != "contradicted"
    assert "both directions" in conflict(kb, "selank", "selank.conflict.il6-direction").summary


def test_2_daily_figure_worded_and_the_per_instillation_figure(kb: KnowledgeBase) -> None:
    daily = claim(kb, "selank", "selank.dose.label-daily")
    assert "labelled maximum" not in daily.statement
    assert "upper end" in daily.statement
    # round one made '2-3 drops into each nostril' a 450 mcg cap; round two (kb-audit-2,
    # A4) found no 'no more than' in any Selank label copy: it is arithmetic, not enforced
    figure = claim(kb, "selank", "selank.dose.label-instillation")
    assert figure.amount is not None
    assert (figure.amount.high, figure.amount.maximum) == (450, False)  # 2 x 3 x 75 mcg
    assert labelled_ceiling("selank", "intranasal", 1)[0] == 2700  # type: ignore[index]
    assert check_dose("selank", "intranasal", parse_quantity("600mcg"), 1) == []


def test_3_fda_503a_timeline(kb: KnowledgeBase) -> None:
    selank = claim(kb, "selank", "selank.regulatory.fda-503a")
    assert "2023-09-29" in selank.statement
    assert "2024-09-27" in selank.statement
    assert selank.status == "supported"
    for compound, cid in (
        ("semax", "semax.regulatory.fda-503a"),
        ("dsip", "dsip.regulatory.fda-503a"),
    ):
        assert "2023-09-29" in claim(kb, compound, cid).statement


def test_4_phenazepam_label_dose_range_and_year(kb: KnowledgeBase) -> None:
    label = claim(kb, "phenazepam", "phenazepam.dose.label")
    assert label.amount is not None
    # 0.5-1 mg stays as the usual dose; round two (kb-audit-2, A3) found labelled single
    # doses up to 2.5-3 mg, so it is no longer the reference range
    assert (label.amount.low, label.amount.high, label.reference) == (0.5, 1, False)
    assert "1974 or 1975" in kb.compounds["phenazepam"].category
    # 1 mg and 2 mg (2-3 mg once or twice a day for raised muscle tone) are labelled
    assert check_dose("phenazepam", "oral", parse_quantity("1mg"), 3) == []
    assert check_dose("phenazepam", "oral", parse_quantity("2mg"), 2) == []
    # 4 mg at once is above the 3 mg top (and 10 x 0.4 mg, within 0.25-3 mg: named)
    assert [w.code for w in check_dose("phenazepam", "oral", parse_quantity("4mg"))] == [
        "likely_decimal_slip"
    ]


def test_5_tuftsin_from_igg_in_the_spleen_is_documented(kb: KnowledgeBase) -> None:
    spleen = claim(kb, "tuftsin", "tuftsin.identity.spleen")
    assert (spleen.evidence, spleen.status) == ("secondary", "supported")
    assert "najjar-1970" in {s.source for s in spleen.sources}


def test_6_no_mutagenic_effects_is_on_the_label(kb: KnowledgeBase) -> None:
    toxicity = claim(kb, "selank", "selank.toxicity.page-002")
    assert (toxicity.evidence, toxicity.status) == ("label", "supported")
    assert "label-selank" in {s.source for s in toxicity.sources}


def test_7_page_002_is_not_cited_for_pro_gly_pro(kb: KnowledgeBase) -> None:
    sequence = claim(kb, "selank", "selank.identity.heptapeptide")
    assert "src-002" not in {s.source for s in sequence.sources}
    assert claim(kb, "selank", "selank.identity.page-002-gly-pro").status == "contradicted"


def test_8_the_half_life_conflict_lists_no_plasma_disappearance_as_a_half_life(
    kb: KnowledgeBase,
) -> None:
    [found] = [c for c in all_conflicts(kb.compounds["selank"], kb) if c.kind == "half_life"]
    half_life_sides = [s for s in found.sides if "not a" not in s.label]
    assert "selank.pk.plasma-disappearance" not in {c for s in half_life_sides for c in s.claims}


def test_9_page_004_only_references_are_unverified(kb: KnowledgeBase) -> None:
    for source_id, pmid in (("zozulya-2009", "19149820"), ("kolik-2017", "29098180")):
        source = kb.sources[source_id]
        assert (source.pmid, source.status) == (pmid, "unverified")


def test_10_medvedev_2015_design(kb: KnowledgeBase) -> None:
    study = next(s for s in kb.compounds["selank"].studies if s.id == "selank.study.medvedev-2015")
    assert "randomised" in study.design
    assert study.n == 70
    assert all(arm.n is None for arm in study.arms)  # the 30/40 split is unverified
    assert "unverified" in (study.note or "")


def test_11_bdnf_conflict_does_not_say_selank_lowers_bdnf(kb: KnowledgeBase) -> None:
    summary = conflict(kb, "selank", "selank.conflict.bdnf-direction").summary
    assert "prevented an ethanol-induced BDNF rise" in summary
    assert "go both ways" not in summary


def test_russian_registration_2026_is_reported_not_fact(kb: KnowledgeBase) -> None:
    for compound, cid in (
        ("selank", "selank.regulatory.russia-2026-cancellation"),
        ("semax", "semax.regulatory.russia-2026-cancellation"),
    ):
        reported = claim(kb, compound, cid)
        assert reported.status == "unverified"
        assert "reported" in reported.statement


def test_every_source_records_when_it_was_last_checked(kb: KnowledgeBase) -> None:
    missing = [s.id for s in kb.sources.values() if s.origin == "builtin" and not s.checked]
    assert missing == []


DOSSIER_ONLY = 10
"""Claims that rest on the research dossier alone after the audit (was 14: the 1.6 mg/mL
strength, the swapped sequence and Semax's two half-lives were traced to public pages)."""


def test_dossier_only_claims_are_listed_and_marked(kb: KnowledgeBase) -> None:
    alone = [
        c
        for compound in kb.compounds.values()
        for c in compound.claims
        if {s.source for s in c.sources} <= {"dossier"}
    ]
    unmarked = [c.id for c in alone if not c.dossier_only]
    assert unmarked == [], "trace a public source or mark dossier_only: true"
    assert len(alone) == DOSSIER_ONLY
    marked_but_traced = [
        c.id
        for compound in kb.compounds.values()
        for c in compound.claims
        if c.dossier_only and {s.source for s in c.sources} - {"dossier"}
    ]
    assert marked_but_traced == []


@pytest.mark.parametrize(
    ("claim_id", "source"),
    [
        ("selank.strength.seller-1.6", "nootropicsbase-selank"),
        ("selank.sequence.seller-swapped", "drdoping-selank"),
    ],
)
def test_the_two_traceable_seller_figures_cite_their_pages(
    kb: KnowledgeBase, claim_id: str, source: str
) -> None:
    assert source in {s.source for s in claim(kb, "selank", claim_id).sources}
