"""The compounds the source pages name (#24, part 3): NAD+, P021, alprazolam, diazepam and
the two stacks of page 004. Golden values are written here with the record they come from;
the code's figures are compared with them, never copied from the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from peptidekit.chem import analyse
from peptidekit.chem.molecule import analyse_formula, is_formula
from peptidekit.errors import InputError
from peptidekit.knowledge.compare import comparison_table
from peptidekit.knowledge.limits import limit_claims, limit_record
from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.reconcile import all_conflicts, in_unit, reference_ranges
from peptidekit.knowledge.schema import Compound
from peptidekit.knowledge.views import identity_dict, monograph_dict

# --- NAD+: PubChem CID 5892 'Nadide', computed properties as quoted: C21H27N7O14P2, 663.4
NAD_FORMULA = "C21H27N7O14P2"
NAD_MW_PUBCHEM = 663.4
# Independent hand computation (IUPAC 2013 conventional atomic weights, rounded):
# 21 x 12.011 + 27 x 1.008 + 7 x 14.007 + 14 x 15.999 + 2 x 30.974 = 663.430
NAD_AVERAGE_BY_HAND = 21 * 12.011 + 27 * 1.008 + 7 * 14.007 + 14 * 15.999 + 2 * 30.974
# Most abundant isotopes (AME2016): 12C 12, 1H 1.00782503, 14N 14.00307401,
# 16O 15.99491462, 31P 30.97376199: 663.10912
NAD_MONO_BY_HAND = (
    21 * 12.0 + 27 * 1.00782503 + 7 * 14.00307401 + 14 * 15.99491462 + 2 * 30.97376199
)


def test_nad_formula_and_masses_are_pubchems_computed_by_the_chem_code() -> None:
    molecule = analyse_formula(NAD_FORMULA)
    assert molecule.formula == NAD_FORMULA
    assert dict(molecule.elements) == {"C": 21, "H": 27, "N": 7, "O": 14, "P": 2}
    assert molecule.average_mass == pytest.approx(NAD_MW_PUBCHEM, abs=0.05)
    assert molecule.average_mass == pytest.approx(NAD_AVERAGE_BY_HAND, abs=0.01)
    assert molecule.monoisotopic_mass == pytest.approx(NAD_MONO_BY_HAND, abs=1e-4)
    data = molecule.to_dict()
    assert data["net_charge"] is None
    assert data["isoelectric_point"] is None
    assert "no residues" in data["charge_note"]


def test_nad_in_the_knowledge_base_is_a_nucleotide_not_a_peptide(kb: KnowledgeBase) -> None:
    nad = kb.compound("NAD+")
    assert nad.id == "nad-plus"
    assert kb.compound("nadide").id == "nad-plus"
    assert nad.kind == "nucleotide"
    assert nad.sequence is None
    assert nad.structure is None
    identity = identity_dict(nad)
    assert identity["formula"] == NAD_FORMULA
    assert identity["average_mass"] == pytest.approx(NAD_AVERAGE_BY_HAND, abs=0.01)
    assert "sequence" not in identity
    assert "isoelectric_point" not in identity
    assert "no residues" in identity["computed_from"]
    [stated] = nad.stated_identity
    assert stated.formula == NAD_FORMULA
    assert stated.average_mass == NAD_MW_PUBCHEM
    assert "pubchem-nad" in {c.source for c in stated.sources}
    assert {(i.scheme, i.value) for i in nad.identifiers} >= {("pubchem_cid", "5892")}
    # no record gives a dose: nothing is a reference range, nothing is a limit
    assert reference_ranges(nad) == []
    assert limit_claims(nad.claims, None, "per_day") == []
    assert any("No labelled dose" in u for u in nad.unknowns)


def test_nad_typed_as_a_sequence_is_not_read_as_a_formula() -> None:
    # 'NAD' is also Asn-Ala-Asp; a formula needs a count, so the two never mix
    assert not is_formula("NAD")
    assert not is_formula("NAD+")
    assert not is_formula("TKPRPGP")
    assert analyse("NAD").formula == "C11H18N4O7"  # the tripeptide, by its residues
    assert is_formula(NAD_FORMULA)
    assert is_formula("formula:C2H6O")
    assert analyse_formula("formula: C2H6O").formula == "C2H6O"


@pytest.mark.parametrize(
    ("text", "says"),
    [("C21H27Xx7", "element 'Xx'"), ("C0H4", "count 0"), ("formula:", "not a molecular formula")],
)
def test_a_bad_formula_is_refused_naming_the_fault(text: str, says: str) -> None:
    with pytest.raises(InputError) as error:
        analyse_formula(text)
    assert says in error.value.message


def _compound(**fields: object) -> dict[str, object]:
    return {"id": "x", "name": "X", "category": "test", "summary": "s", **fields}


def test_the_schema_takes_a_compound_without_a_sequence_and_refuses_half_a_one() -> None:
    Compound.model_validate(_compound(kind="nucleotide", formula=NAD_FORMULA))
    with pytest.raises(ValidationError, match="a nucleotide needs a formula"):
        Compound.model_validate(_compound(kind="nucleotide"))
    with pytest.raises(ValidationError, match="has no residues"):
        Compound.model_validate(_compound(kind="nucleotide", formula="C2H6O", sequence="NAD"))
    with pytest.raises(ValidationError, match="structure_unknown"):
        Compound.model_validate(_compound(kind="peptide"))
    Compound.model_validate(_compound(kind="peptide", structure_unknown="no record gives it"))


# --- P021: what is known and what is not


def test_p021_has_no_invented_structure_and_says_the_records_disagree(kb: KnowledgeBase) -> None:
    p021 = kb.compound("P21")
    assert p021.id == "p021"
    assert kb.compound("Peptide 021").id == "p021"
    assert p021.sequence is None
    assert p021.structure is None
    assert p021.formula is None
    assert p021.structure_unknown
    assert "tetrapeptide" in p021.structure_unknown
    identity = identity_dict(p021)
    assert identity["formula"] is None
    assert identity["formula_note"].startswith("not known")
    [conflict] = [c for c in all_conflicts(p021, kb) if c.kind == "sequence"]
    assert len(conflict.sides) == 4
    # the seller's 10-20 mg is recorded as words only: never a range, never a limit
    [dose] = [c for c in p021.claims if c.topic == "dose"]
    assert dose.amount is None
    assert dose.evidence == "vendor_claim"
    assert reference_ranges(p021) == []
    assert {c.evidence for c in p021.claims if c.topic == "indication"} == {"animal"}
    assert monograph_dict(p021, kb)["identity"]["formula"] is None


# --- alprazolam and diazepam, from their US labels


def test_alprazolam_labelled_gad_maximum_is_4_mg_a_day_and_enforced(kb: KnowledgeBase) -> None:
    # US label 2.1: 'The maximum recommended dosage is 4 mg daily (in divided doses).'
    alprazolam = kb.compound("xanax")
    [limit] = limit_claims(alprazolam.claims, "oral", "per_day")
    assert limit.id == "alprazolam.dose.gad-maximum"
    assert in_unit(limit, "mcg") == (4000.0, 4000.0)
    record = limit_record(limit, kb.sources)
    assert "label-alprazolam-us" in record
    assert "4 mg daily" in record
    assert "setid=c89a5396-1d91-c7fa-e053-2995a90a9063" in record
    # starting dose 0.25-0.5 mg three times a day (2.1), the reference per administration
    start = next(c for c in alprazolam.claims if c.id == "alprazolam.dose.gad-start")
    assert start.amount is not None
    assert (start.amount.low, start.amount.high, start.amount.unit) == (0.25, 0.5, "mg")
    assert start.amount.times_per_day == (3, 3)
    assert not start.amount.maximum


def test_alprazolam_half_life_is_the_labels_range(kb: KnowledgeBase) -> None:
    # label, Clinical Pharmacology: 'about 11.2 hours (range: 6.3-26.9 hours)'
    claim = next(c for c in kb.compound("alprazolam").claims if c.id == "alprazolam.pk.half-life")
    assert in_unit(claim, "min") == pytest.approx((6.3 * 60, 26.9 * 60))
    assert claim.evidence == "label"


def test_diazepam_half_life_range_and_its_metabolite(kb: KnowledgeBase) -> None:
    diazepam = kb.compound("valium")
    lives = {c.id: in_unit(c, "h") for c in diazepam.claims if c.topic == "half_life"}
    # label: terminal phase 'half-life up to 48 hours'; DrugBank: '1 or 2 days' = 24-48 h
    assert lives == {"diazepam.pk.half-life-label": (48, 48), "diazepam.pk.half-life": (24, 48)}
    metabolite = next(c for c in diazepam.claims if c.id == "diazepam.pk.desmethyldiazepam")
    assert metabolite.amount is None
    assert "100 hours" in metabolite.statement
    # the two half-life claims agree, so no half-life conflict is computed
    assert not [c for c in all_conflicts(diazepam, kb) if c.kind == "half_life"]
    # labelled 2-10 mg, 2 to 4 times a day; the label states no maximum, so none is enforced
    [dose] = [c for c in diazepam.claims if c.id == "diazepam.dose.anxiety"]
    assert dose.amount is not None
    assert (dose.amount.low, dose.amount.high) == (2, 10)
    assert dose.amount.times_per_day == (2, 4)
    assert all(
        limit_claims(diazepam.claims, None, b) == [] for b in ("per_day", "per_administration")
    )


@pytest.mark.parametrize("name", ["alprazolam", "diazepam"])
def test_each_label_carries_the_boxed_warning(kb: KnowledgeBase, name: str) -> None:
    compound = kb.compound(name)
    [boxed] = [c for c in compound.claims if c.id.endswith("boxed-warning")]
    for words in ("opioids", "abuse, misuse and addiction", "physical dependence", "withdrawal"):
        assert words in boxed.statement
    citation = boxed.sources[0]
    assert kb.sources[citation.source].kind == "product_label"
    assert citation.locator == "Boxed warning"
    assert citation.url
    assert "dailymed.nlm.nih.gov" in citation.url


def test_compare_shows_labelled_doses_maxima_half_lives_dependence_and_sedation(
    kb: KnowledgeBase,
) -> None:
    names = ["selank", "semax", "alprazolam", "diazepam"]
    table = comparison_table([kb.compound(n) for n in names], kb).to_dict()
    rows = {row["feature"]: row["cells"] for row in table["rows"]}
    assert rows["dose (oral, per administration)"]["alprazolam"][0]["value"] == "0.25-0.5 mg"
    assert rows["dose (oral, per administration)"]["diazepam"][0]["value"] == "2-10 mg"
    assert rows["labelled maximum"]["alprazolam"] == [
        {"value": "4 mg per day (oral)", "sources": ["label-alprazolam-us"]}
    ]
    assert rows["labelled maximum"]["diazepam"] == []
    assert rows["half-life"]["alprazolam"][0]["value"].startswith("6.3-26.9 h")
    assert rows["half-life"]["diazepam"][1] == {
        "value": "24-48 h ('1 or 2 days')",
        "sources": ["drugbank-diazepam"],
    }
    for name in ("alprazolam", "diazepam"):
        for feature in ("sedation", "dependence risk"):
            cited = {s for cell in rows[feature][name] for s in cell["sources"]}
            assert f"label-{name}-us" in cited
            assert "src-001" in cited
    assert rows["sedation"]["selank"][0]["value"] == "no"


# --- the stacks page 004 names


@pytest.mark.parametrize(
    ("stack_id", "partner"), [("selank-nad", "nad-plus"), ("selank-p21", "p021")]
)
def test_page_004_stacks_are_recorded_with_what_is_not_known(
    kb: KnowledgeBase, stack_id: str, partner: str
) -> None:
    stack = kb.stacks[stack_id]
    assert stack.components == ["selank", partner]
    assert [(c.source, c.locator) for c in stack.sources] == [("src-004", "Best stacked with")]
    assert stack.evidence == "vendor_claim"
    assert stack.status == "unverified"
    assert stack.note
    assert stack.note.startswith("Nothing is known about the combination")
    assert stack in kb.stacks_with("selank")
    assert stack in kb.stacks_with(partner)


def test_page_004_names_the_partners_the_stacks_quote(
    kb: KnowledgeBase, shared_sources: Path
) -> None:
    page = kb.sources["src-004"].file
    assert page is not None
    text = (shared_sources / page).read_text(encoding="utf-8")
    assert "NAD+ (circadian/metabolic support); P21 (structural brain repair)" in text


@pytest.mark.parametrize(
    ("name", "mg", "words"),
    [
        # Ambien label 2: 'The total dose of AMBIEN should not exceed 10 mg once daily ...'
        ("ambien", 10, "should not exceed 10 mg once daily"),
        # eszopiclone label 2.1: '... should not exceed 3 mg, once daily ...'
        ("lunesta", 3, "should not exceed 3 mg, once daily"),
    ],
)
def test_z_drug_labelled_nightly_maximum_is_enforced(
    kb: KnowledgeBase, name: str, mg: float, words: str
) -> None:
    compound = kb.compound(name)
    [limit] = limit_claims(compound.claims, "oral", "per_day")
    assert in_unit(limit, "mcg") == (mg * 1000, mg * 1000)
    assert words in limit_record(limit, kb.sources)
    [boxed] = [c for c in compound.claims if c.id.endswith("boxed-warning")]
    assert "complex sleep behaviors" in boxed.statement


def test_eszopiclone_elderly_limit_is_words_only(kb: KnowledgeBase) -> None:
    # label 2.2: 'should not exceed 2 mg in elderly or debilitated patients': a limit for
    # those patients, so it carries no amount and is not enforced for everyone
    elderly = next(c for c in kb.compound("eszopiclone").claims if c.id.endswith("elderly"))
    assert elderly.amount is None
    assert "2 mg" in elderly.statement
