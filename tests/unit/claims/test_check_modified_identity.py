"""Formula and mass claims for modified peptides outside the knowledge base, and TB-500."""

from __future__ import annotations

import pytest

from peptidekit.claims.check import check_text
from peptidekit.knowledge.loader import KnowledgeBase


def _identity(text: str, kb: KnowledgeBase) -> list[tuple[str, str]]:
    report = check_text(text, kb=kb)
    return [
        (f.verdict, " ".join(f.reasons))
        for f in report.findings
        if f.claim.kind in ("formula", "weight")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # DrugBank DB13928
        "Semaglutide (C187H291N45O59) has a molecular weight of 4113.6 g/mol.",
        # the tirzepatide record: C225H348N48O68, 4813.527
        "Tirzepatide has the formula C225H348N48O68 and a weight of 4813.5 g/mol.",
        # PubChem CID 439302
        "Oxytocin is C43H66N12O12S2, 1007.2 Da.",
        # HRMS 888.49 (Esposito 2012), a monoisotopic figure
        "The fragment Ac-LKKTETQ was measured at 888.49 Da.",
        "BPC-157, C62H98N16O22.",
    ],
)
def test_record_values_agree(text: str, kb: KnowledgeBase) -> None:
    found = _identity(text, kb)
    assert found
    assert all(verdict == "agrees" for verdict, _ in found), found


def test_retatrutide_agrees_and_says_the_records_disagree(kb: KnowledgeBase) -> None:
    [(verdict, reason)] = _identity("Retatrutide: C221H342N46O68.", kb)
    assert verdict == "agrees"
    assert "C227H354N48O69" in reason


@pytest.mark.parametrize(
    ("text", "wrong_for"),
    [
        ("Thymosin beta-4 (TB-500) is a 43-amino-acid peptide. Molecular weight: 889.0 g/mol.",
         "not of thymosin beta-4"),
        ("TB-500 is the fragment Ac-LKKTETQ of thymosin beta-4. Its mass is 4963.5 Da.",
         "not of TB-500 fragment"),
        ("Thymosin Beta-4 research vial. Formula: C38H68N10O14.", "not of thymosin beta-4"),
    ],
)  # fmt: skip
def test_the_fragment_and_the_full_peptide_mixed_up_are_flagged(
    text: str, wrong_for: str, kb: KnowledgeBase
) -> None:
    [(verdict, reason)] = _identity(text, kb)
    assert verdict == "disagrees"
    assert reason.startswith("mix-up")
    assert wrong_for in reason


@pytest.mark.parametrize(
    "text",
    [
        "TB-500 is a synthetic version of thymosin beta-4. Molecular weight 4963.5 g/mol.",
        "TB-500 is a fragment (Ac-LKKTETQ, residues 17-23 of thymosin beta-4), 889.0 g/mol.",
    ],
)
def test_each_molecule_with_its_own_mass_is_not_flagged(text: str, kb: KnowledgeBase) -> None:
    [(verdict, _)] = _identity(text, kb)
    assert verdict == "agrees"


def test_a_modified_peptides_formula_given_for_the_pages_compound_is_wrong(
    kb: KnowledgeBase,
) -> None:
    [(verdict, reason)] = _identity("Selank is an anxiolytic. Selank: C187H291N45O59.", kb)
    assert verdict == "disagrees"
    assert "formula of semaglutide" in reason
    assert "not of Selank" in reason
