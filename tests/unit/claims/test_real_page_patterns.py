"""Patterns seen on real public pages about Selank that the corpus had not covered:
spelled-out units, composition lists, vial lists, caption-below cards, injection
context and reconstitution arithmetic. The sentences are our own, shaped like theirs."""

from __future__ import annotations

import pytest

from peptidekit.claims.check import check_text
from peptidekit.claims.extract import extract
from peptidekit.knowledge.loader import KnowledgeBase


def verdicts(text: str, kb: KnowledgeBase) -> dict[str, tuple[str, str, str]]:
    report = check_text(text, kb=kb, compound="selank")
    return {
        text[f.start : f.end]: (f.claim.kind, f.verdict, "; ".join(f.reasons))
        for f in report.findings
    }


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Sold in Russia as a nasal solution of 1.5 mg per ml.", "1.5 mg per ml"),
        ("The drops hold 1.5 milligrams per millilitre.", "1.5 milligrams per millilitre"),
        ("The nasal solution is 1.5 mg in 1 mL.", "1.5 mg in 1 mL"),
    ],
)
def test_a_concentration_spelled_with_per_is_a_strength(
    text: str, written: str, kb: KnowledgeBase
) -> None:
    found = verdicts(text, kb)
    assert found[written][:2] == ("strength", "agrees")  # the label's 1.5 mg/mL


def test_percent_spelled_out_is_a_strength(kb: KnowledgeBase) -> None:
    found = verdicts("It comes as a 0.15 percent intranasal solution.", kb)
    assert found["0.15 percent"][:2] == ("strength", "agrees")
    wrong = verdicts("The Russian nasal solution is 0.1 percent.", kb)
    assert wrong["0.1 percent"][1] == "disagrees"  # 1 mg/mL is Semax's strength


def test_per_kilogram_spelled_out_is_per_kg() -> None:
    text = "Rats received 80, 250 and 750 micrograms per kilogram."
    [dose] = [c for c in extract(text) if c.kind == "dose"]
    assert dose.value["basis"] == "per_kg"


@pytest.mark.parametrize(
    "text",
    [
        "Outside Russia it is sold as powder in 5 mg or 10 mg vials.",
        "Available in 5 mg and 10 mg bottles.",
    ],
)
def test_a_list_of_vial_sizes_is_not_a_dose(text: str) -> None:
    assert [c.text for c in extract(text) if c.kind == "dose"] == []


def test_a_composition_list_is_not_a_dose_and_its_per_ml_amount_is_a_strength(
    kb: KnowledgeBase,
) -> None:
    text = (
        "COMPOSITION\nPer 1 ml:\nActive ingredient: Selank (diacetate) - 1.5 mg\n"
        "Excipients: methyl parahydroxybenzoate (nipagin) - 1 mg, water to 1 ml\n"
    )
    found = verdicts(text, kb)
    assert found["1.5 mg"][:2] == ("strength", "agrees")  # 1.5 mg in each mL: the label's
    assert "1 mg" not in found  # the preservative is neither a dose nor a strength
    other = verdicts("Active substance: Selank - 1.6 mg.\nExcipients: nipagin 1 mg.", kb)
    assert all(kind != "dose" for kind, _, _ in other.values())


def test_a_card_whose_caption_is_below_the_value(kb: KnowledgeBase) -> None:
    text = (
        "at a glance\n200-300 mcg\nclinical dose per administration (intranasal)\n"
        "14 days\nstandard treatment cycle length\n0.1%\n"
        "typical concentration of the Russian nasal product\n"
    )
    found = verdicts(text, kb)
    assert found["0.1%"][:2] == ("strength", "disagrees")  # Selank is 0.15%
    assert found["14 days"][:2] == ("course", "agrees")
    [dose] = [c for c in extract(text) if c.kind == "dose"]
    assert dose.value["route"] == "intranasal"


def test_syringe_words_make_a_dose_subcutaneous() -> None:
    text = "At that strength, 10 units on a U-100 insulin syringe is 250 mcg."
    [dose] = [c for c in extract(text) if c.kind == "dose"]
    assert dose.value["route"] == "subcutaneous"


@pytest.mark.parametrize(
    ("text", "written", "verdict"),
    [
        # 5 mg / 2 mL = 2.5 mg/mL
        ("Add 2 mL of bacteriostatic water to a 5 mg vial for 2.5 mg/mL.", "2.5 mg/mL", "agrees"),
        # 5 mg / 3.33 mL = 1.502 mg/mL: rounded as written
        (
            "For a 5 mg vial, adding 3.33 ml of water gives 1.5 mg per ml.",
            "1.5 mg per ml",
            "agrees",
        ),
        # 10 mg / 2 mL = 5 mg/mL, not 2.5: a factor-of-two slip
        ("Mix a 10 mg vial with 2 mL of water to get 2.5 mg/mL.", "2.5 mg/mL", "disagrees"),
        # 5 mg / 2 mL = 2.5 mg/mL, not 25: a tenfold slip
        ("Reconstitute 5 mg with 2 mL, which makes 25 mg/mL.", "25 mg/mL", "disagrees"),
    ],
)
def test_a_reconstituted_concentration_is_checked_by_arithmetic_not_against_the_label(
    text: str, written: str, verdict: str, kb: KnowledgeBase
) -> None:
    kind, got, why = verdicts(text, kb)[written]
    assert (kind, got) == ("concentration", verdict)
    assert "labelled" not in why


def test_a_reconstituted_concentration_without_its_figures_is_not_judged(
    kb: KnowledgeBase,
) -> None:
    found = verdicts("Reconstitute with bacteriostatic water to 2.5 mg/mL.", kb)
    assert found["2.5 mg/mL"][:2] == ("concentration", "not_covered")


def test_semax_one_percent_is_a_labelled_product_not_an_error(kb: KnowledgeBase) -> None:
    report = check_text("Semax comes as 0.1% or 1% nasal drops.", kb=kb)
    found = {f.claim.text: (f.verdict, "; ".join(f.reasons)) for f in report.findings}
    assert found["0.1%"][0] == "agrees"
    # the 1% (10 mg/mL) stroke product is on the label too (semax.strength.label-1pct)
    assert found["1%"][0] == "agrees"
    assert "another labelled product" in found["1%"][1]
    wrong = check_text("Semax comes as 0.5% nasal drops.", kb=kb)
    assert [f.verdict for f in wrong.findings] == ["disagrees"]


def test_a_unit_conversion_is_checked_by_arithmetic(kb: KnowledgeBase) -> None:
    right = verdicts("Step 1: convert. 10 mg = 10,000 mcg.", kb)
    assert right["10 mg = 10,000 mcg"][:2] == ("conversion", "agrees")
    slip = verdicts("Step 1: convert. 10 mg = 1,000 mcg.", kb)  # 1 mg = 1000 mcg
    kind, verdict, why = slip["10 mg = 1,000 mcg"]
    assert (kind, verdict) == ("conversion", "disagrees")
    assert "10x" in why


def test_a_worked_reconstitution_finds_its_figures_lines_above(kb: KnowledgeBase) -> None:
    text = (
        "Reconstitution\nVial content: 10 mg Semax\nAdd: 2.0 mL bacteriostatic water\n"
        "Daily range: 300-800 mcg\nFinal concentration:\n5,000 mcg per mL\n"
    )
    found = verdicts(text, kb)
    assert "10 mg" not in found  # the vial's content is not a dose
    # 10 mg in 2.0 mL = 5 mg/mL = 5,000 mcg per mL; the 800 mcg dose is not taken for the vial
    kind, verdict, why = found["5,000 mcg per mL"]
    assert (kind, verdict) == ("concentration", "agrees")
    assert "10 mg in 2 mL" in why


def test_a_product_strength_on_a_reconstitution_page_is_still_a_strength(
    kb: KnowledgeBase,
) -> None:
    text = (
        "Reconstitute the powder with bacteriostatic water.\n"
        "The Russian nasal drops are 1.6 mg/mL.\n"
    )
    assert verdicts(text, kb)["1.6 mg/mL"][:2] == ("strength", "disagrees")  # label: 1.5


@pytest.mark.parametrize(
    ("text", "reading", "verdict"),
    [
        # 2.5 mg/mL: 10 units on U-100 = 0.1 mL = 250 mcg
        ("At 2.5 mg/mL: 10 units = 0.1 mL = 250 mcg.", "10 units = 0.1 mL", "agrees"),
        ("At 2.5 mg/mL: 10 units = 0.1 mL = 25 mcg.", "10 units = 0.1 mL", "disagrees"),
        # U-100: 10 units are 0.1 mL, never 1 mL
        ("On an insulin syringe 10 units = 1 mL.", "10 units = 1 mL", "disagrees"),
        # U-40: 10 units are 10/40 = 0.25 mL
        ("On a U-40 syringe, 10 units = 0.25 mL.", "10 units = 0.25 mL", "agrees"),
        # 1.67 mg/mL x 0.12 mL = 200.4 mcg: '200 mcg' as written rounds it
        ("Use 1.67 mg/mL.\n| 200 mcg | 12 units (0.12 mL) |", "12 units (0.12 mL)", "agrees"),
        # 1 unit = 0.01 mL; 0.01 mL x 1.67 mg/mL = 16.7 mcg (a per-unit figure, not a dose)
        ("At 1.67 mg/mL, 1 unit = 0.01 mL ≈ 16.7 mcg.", "1 unit = 0.01 mL ≈ 16.7 mcg", "agrees"),
        # no concentration on the page: the mass cannot be checked, the scale can
        ("500 mcg = 0.1 mL on the syringe.", "0.1 mL", "not_covered"),
    ],
)
def test_syringe_readings_are_checked_by_arithmetic(
    text: str, reading: str, verdict: str, kb: KnowledgeBase
) -> None:
    kind, got, why = verdicts(text, kb)[reading]
    assert (kind, got) == ("draw", verdict), why


def test_a_dose_beside_a_reading_is_still_a_dose(kb: KnowledgeBase) -> None:
    found = verdicts("Use 1.67 mg/mL.\n| 200 mcg | 12 units (0.12 mL) |", kb)
    assert found["200 mcg"][0] == "dose"


def test_a_chemical_name_is_read_as_a_sequence(kb: KnowledgeBase) -> None:
    # Selank is Thr-Lys-Pro-Arg-Pro-Gly-Pro (PubChem): the label's chemical name spells it
    right = "Selank (L-threonyl-L-lysyl-L-prolyl-L-arginyl-L-prolyl-glycyl-L-proline)"
    [(kind, verdict, _)] = verdicts(right, kb).values()
    assert (kind, verdict) == ("sequence", "agrees")
    # a seller's copy with Gly and Pro swapped at 5-6
    swapped = "Selank (threonyl-lysyl-prolyl-arginyl-glycyl-prolyl-proline diacetate)"
    [(kind, verdict, why)] = verdicts(swapped, kb).values()
    assert (kind, verdict) == ("sequence", "disagrees")
    assert "5 (G for P), 6 (P for G)" in why


def test_a_page_that_names_one_route_gives_it_to_its_unrouted_doses() -> None:
    injected = "Semax vial guide. Inject once daily.\nWeeks 1-2: 200 mcg\n"
    [dose] = [c for c in extract(injected) if c.kind == "dose"]
    assert dose.value["route"] == "subcutaneous"
    both = "Selank: nasal drops or an injection.\nWeeks 1-2: 200 mcg\n"
    [dose] = [c for c in extract(both) if c.kind == "dose"]
    assert dose.value["route"] is None  # two routes named: not guessed


@pytest.mark.parametrize(
    ("text", "doses"),
    [
        ("Selank 10mg\nA synthetic heptapeptide.", []),  # a product page's title
        ("N-Acetyl Selank Amidate 5mg\n", []),
        ("Take Selank 10mg\n", ["10mg"]),  # a dosing line, not a title
        ("Selank 250 mg\n", ["250 mg"]),  # hundreds of mg: a dose (a slip), never a title
    ],
)
def test_a_product_title_is_not_a_dose(text: str, doses: list[str]) -> None:
    assert [c.text for c in extract(text) if c.kind == "dose"] == doses


def test_each_half_of_the_nose_is_per_nostril(kb: KnowledgeBase) -> None:
    # Semax 0.1%: 2-3 drops x 50 uL x 1 mg/mL = 100-150 mcg a nostril, the label's
    text = "Semax 0.1%: 2-3 drops (no more) in each half of the nose 2-3 times a day."
    found = {f.claim.text: f for f in check_text(text, kb=kb).findings}
    assert found["2-3 drops"].verdict == "agrees"
    assert found["2-3 drops"].normalised["basis"] == "per_nostril"


def test_a_chemical_name_with_a_space_and_residues_out_of_order(kb: KnowledgeBase) -> None:
    # Semax is Met-Glu-His-Phe-Pro-Gly-Pro (PubChem)
    spaced = "methionyl-glutamyl-histidyl-phenylalanyl-prolyl glycyl-proline"
    [spaced_finding] = check_text(f"Semax: {spaced}.", kb=kb).findings
    assert (spaced_finding.claim.kind, spaced_finding.verdict) == ("sequence", "agrees")
    # no compound named on the page: a known peptide's residues in another order still are
    # a swap (Phe and Pro at 4-5), not an unknown peptide
    swapped = "methionyl-glutamyl-histidyl-prolyl-phenylalanyl-glycyl-proline"
    report = check_text(f"The active ingredient: {swapped}.", kb=kb)
    [finding] = report.findings
    assert finding.verdict == "disagrees"
    assert "Semax's residues in another order" in finding.reasons[0]
    assert "4 (P for F), 5 (F for P)" in finding.reasons[0]


def test_drops_of_the_one_percent_product_are_not_judged_as_the_everyday_drops(
    kb: KnowledgeBase,
) -> None:
    # 3 drops x 4 a day of the 0.1% drops would be 1.2 mg, over its 900 mcg; of the 1%
    # stroke product they are that product's own regimen, not a reference here
    text = "Semax nasal drops 1%.\nStroke: 3 drops in each nasal passage 4 times a day."
    found = {f.claim.text: f for f in check_text(text, kb=kb).findings}
    assert found["3 drops"].verdict == "not_covered"
    assert "another labelled product" in found["3 drops"].reasons[0]


def test_syringe_units_called_iu_are_flagged(kb: KnowledgeBase) -> None:
    # a peer-tool mistake (peer-tools.md, 13): units on an insulin syringe are volume
    # marks; 10 of them are 0.1 mL on U-100, right, but they are not International Units
    kind, verdict, why = verdicts("Draw 10 IU = 0.1 mL of the solution.", kb)["10 IU = 0.1 mL"]
    assert (kind, verdict) == ("draw", "disagrees")
    assert "International Units" in why
    report = check_text("Draw 10 IU = 0.1 mL of the solution.", kb=kb, compound="selank")
    assert report.findings[0].severity == "low"  # the arithmetic holds


def test_a_table_row_about_vials_holds_contents_not_doses() -> None:
    text = "| Dose | 100-300 mcg |\n| Vial sizes | 2 mg, 5 mg, 10 mg powder |\n"
    assert [c.text for c in extract(text) if c.kind == "dose"] == ["100-300 mcg"]
