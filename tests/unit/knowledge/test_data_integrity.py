"""The shipped data: every claim sourced, every figure traceable, identity computed."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest
from pyteomics import mass as pyteomics_mass

from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.schema import KnowledgeFile

REQUIRED_COMPOUNDS = {
    "selank",
    "n-acetyl-selank-amidate",
    "tuftsin",
    "semax",
    "dsip",
    "phenazepam",
    "medazepam",
}


def test_required_compounds_are_present(kb: KnowledgeBase) -> None:
    assert set(kb.compounds) >= REQUIRED_COMPOUNDS


def test_every_record_names_at_least_one_known_source(kb: KnowledgeBase) -> None:
    for compound in kb.compounds.values():
        records = [
            *compound.claims,
            *compound.studies,
            *compound.stated_identity,
            *compound.identifiers,
        ]
        for record in records:
            assert record.sources, f"{compound.id}: {record} has no source"
            for citation in record.sources:
                assert citation.source in kb.sources, f"{compound.id}: unknown {citation.source}"


def test_every_quantitative_claim_has_evidence_status_and_unit(kb: KnowledgeBase) -> None:
    quantitative = [c for comp in kb.compounds.values() for c in comp.claims if c.amount]
    assert len(quantitative) > 40
    for claim in quantitative:
        assert claim.amount is not None
        assert claim.amount.unit
        assert claim.evidence
        assert claim.status in {"supported", "unverified", "contradicted"}
        if claim.topic == "dose":
            assert claim.amount.basis, f"{claim.id}: a dose needs its basis"


def test_each_of_the_five_pages_is_a_source_with_its_file(
    kb: KnowledgeBase, shared_sources: Path
) -> None:
    pages = {s.id: s for s in kb.sources.values() if s.file}
    assert sorted(pages) == ["src-000", "src-001", "src-002", "src-003", "src-004"]
    cited = {c.source for comp in kb.compounds.values() for cl in comp.claims for c in cl.sources}
    for source in pages.values():
        assert (shared_sources / str(source.file)).is_file()
        assert source.id in cited


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("–", "-").replace("µ", "u")).lower()


def test_figures_as_written_appear_in_the_cited_page(
    kb: KnowledgeBase, shared_sources: Path
) -> None:
    """A figure kept 'as written' must be on the page it cites, character for character."""
    checked = 0
    for compound in kb.compounds.values():
        for claim in compound.claims:
            if claim.amount is None or claim.amount.as_written is None:
                continue
            for citation in claim.sources:
                file = kb.sources[citation.source].file
                if file is None:
                    continue
                page = _normalise((shared_sources / file).read_text(encoding="utf-8"))
                assert _normalise(claim.amount.as_written) in page, (claim.id, file)
                checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("compound_id", "sequence", "caps"),
    [
        ("selank", "TKPRPGP", ("H-", "-OH")),
        ("tuftsin", "TKPR", ("H-", "-OH")),
        ("semax", "MEHFPGP", ("H-", "-OH")),
        ("dsip", "WAGGDASGE", ("H-", "-OH")),
        ("n-acetyl-selank", "TKPRPGP", ("Ac-", "-OH")),
        ("n-acetyl-selank-amidate", "TKPRPGP", ("Ac-", "-NH2")),
    ],
)
def test_stated_formulas_match_an_independent_library(
    kb: KnowledgeBase, compound_id: str, sequence: str, caps: tuple[str, str]
) -> None:
    comp = dict(pyteomics_mass.std_aa_comp)
    comp["Ac-"] = pyteomics_mass.Composition(formula="C2H3O")
    comp["-NH2"] = pyteomics_mass.Composition(formula="NH2")
    parsed = [caps[0], *sequence, caps[1]]
    expected = pyteomics_mass.Composition(parsed_sequence=parsed, aa_comp=comp)
    compound = kb.compounds[compound_id]
    stated = [s for s in compound.stated_identity if s.formula]
    assert stated
    for entry in stated:
        assert pyteomics_mass.Composition(formula=entry.formula) == expected
        if entry.average_mass is not None:
            average = pyteomics_mass.calculate_mass(composition=expected, average=True)
            assert entry.average_mass == pytest.approx(average, abs=0.1)


def test_shipped_json_schema_is_current() -> None:
    shipped = resources.files("peptidekit.knowledge").joinpath("data/knowledge.schema.json")
    assert json.loads(shipped.read_text()) == KnowledgeFile.model_json_schema(), (
        "regenerate with: peptidekit knowledge-schema > "
        "src/peptidekit/knowledge/data/knowledge.schema.json"
    )


def test_unknowns_are_stated_for_the_compound_without_data(kb: KnowledgeBase) -> None:
    nasa = kb.compounds["n-acetyl-selank-amidate"]
    assert any("pharmacokinetic" in u for u in nasa.unknowns)
    assert not [c for c in nasa.claims if c.topic in ("half_life", "plasma_disappearance")]


def test_source_fingerprints_are_those_of_the_shared_pages(
    kb: KnowledgeBase, shared_sources: Path
) -> None:
    from peptidekit.knowledge.lookup import text_fingerprint

    pages = [s for s in kb.sources.values() if s.file]
    assert len(pages) == 5
    for source in pages:
        text = (shared_sources / str(source.file)).read_text(encoding="utf-8")
        assert source.fingerprint == text_fingerprint(text), source.id
        # another copy of the same page (CRLF, trailing spaces) has the same fingerprint
        assert text_fingerprint(text.replace("\n", " \r\n")) == source.fingerprint
