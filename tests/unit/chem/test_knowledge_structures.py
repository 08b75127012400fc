"""Each knowledge-base peptide has a ProForma structure; its formula and mass match the records."""

from __future__ import annotations

import pytest
from pyteomics import proforma as pyteomics_proforma

from peptidekit.chem import analyse, analyse_proforma
from peptidekit.knowledge.loader import KnowledgeBase, check_identity, load_knowledge
from peptidekit.knowledge.schema import Compound


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return load_knowledge(tmp_path_factory.mktemp("no-user-data"))


def _peptides(kb: KnowledgeBase) -> list[Compound]:
    """The peptides whose structure a record gives (all but those marked structure_unknown)."""
    return [c for c in kb.compounds.values() if c.kind == "peptide" and not c.structure_unknown]


def test_only_p021_has_no_structure_and_it_states_none(kb: KnowledgeBase) -> None:
    unknown = [c for c in kb.compounds.values() if c.kind == "peptide" and c.structure_unknown]
    assert [c.id for c in unknown] == ["p021"]  # no public record gives P021's structure
    for compound in unknown:
        assert compound.structure is None
        assert compound.sequence is None
        assert compound.stated_identity == []  # nothing stated that could not be checked


def test_every_peptide_has_a_structure_that_is_its_sequence(kb: KnowledgeBase) -> None:
    peptides = _peptides(kb)
    assert len(peptides) >= 7
    for compound in peptides:
        assert compound.structure, f"{compound.id} has no ProForma structure"
        assert compound.sequence is not None
        mine = analyse_proforma(compound.structure)
        assert mine.formula == analyse(compound.sequence).formula, compound.id


def test_stated_formula_and_mass_are_computed_from_the_structure(kb: KnowledgeBase) -> None:
    checked = 0
    for compound in _peptides(kb):
        assert compound.structure is not None
        result = analyse_proforma(compound.structure)
        for stated in compound.stated_identity:
            cited = [c.source for c in stated.sources]
            assert cited, compound.id
            if stated.formula is not None:
                assert result.formula == stated.formula, (compound.id, cited)
                checked += 1
            if stated.average_mass is not None:
                assert result.average_mass == pytest.approx(stated.average_mass, abs=0.1)
        # A second engine reads the same structure (names as Formula: tags, see golden tests).
        text = compound.structure.replace("[Acetyl]", "[Formula:C2H2O]").replace(
            "[Amidated]", "[Formula:HNO-1]"
        )
        theirs = pyteomics_proforma.ProForma.parse(text).mass
        assert result.monoisotopic_mass == pytest.approx(theirs, abs=1e-4)
    assert checked >= 6


def test_a_structure_that_disagrees_with_its_sequence_is_a_problem(kb: KnowledgeBase) -> None:
    selank = kb.compounds["selank"]
    wrong = selank.model_copy(update={"structure": "[Acetyl]-TKPRPGP"})
    problems = check_identity(wrong)
    assert problems
    assert "is not sequence" in problems[0]
    tagged = selank.model_copy(update={"structure": "TK[+42.0106]PRPGP"})
    assert "mass tag" in check_identity(tagged)[0]
