"""Each number read into a frame before it is judged (issue 29): whose it is (its sentence,
its section, the page's title), what it measures, its route and qualifiers, and the
numbers that are no claim. Every sentence here is written for this test."""

from __future__ import annotations

import pytest

from peptidekit.claims.check import check_text
from peptidekit.claims.extract import extract
from peptidekit.knowledge.loader import KnowledgeBase


def found(
    text: str, kb: KnowledgeBase, compound: str | None = None
) -> dict[str, tuple[str, str, object]]:
    report = check_text(text, compound=compound, kb=kb)
    return {f.claim.text: (f.verdict, " ".join(f.reasons), f.frame) for f in report.findings}


def test_each_dose_takes_the_route_written_after_it() -> None:
    first, second = (c for c in extract("Take 200 mcg intranasal or 250 mcg SC each morning."))
    assert (first.text, first.value["route"]) == ("200 mcg", "intranasal")
    assert (second.text, second.value["route"]) == ("250 mcg", "subcutaneous")


def test_a_section_heading_puts_its_compound_in_scope(kb: KnowledgeBase) -> None:
    page = "# Selank guide\n\nSelank is taken as drops.\n\n## Semax\n\nA dose is 200-300 mcg.\n"
    verdict, _, frame = found(page, kb)["200-300 mcg"]
    assert frame.compound == "Semax"  # type: ignore[attr-defined]
    assert frame.compound_from == "its section"  # type: ignore[attr-defined]
    assert verdict == "agrees"  # Semax's label: 200-300 mcg at one instillation


def test_the_title_names_the_page_compound_however_often_others_are_named(
    kb: KnowledgeBase,
) -> None:
    page = "<title>Semax drops</title><p>Unlike Selank, Selank or Selank, one dose is 250 mcg.</p>"
    report = check_text(page, kb=kb)
    assert report.compound == "Semax"
    assert "title" in report.detected_by


def test_another_compounds_subject_is_not_checked(kb: KnowledgeBase) -> None:
    text = "Selank is a heptapeptide.[2] Dihexa is a potent hexapeptide."
    verdict, why, _ = found(text, kb)["hexapeptide"]
    assert verdict == "not_covered"
    assert "Dihexa" in why
    assert found(text, kb)["heptapeptide"][0] == "agrees"


@pytest.mark.parametrize(
    "text",
    [
        "In vitro, Semax has a half-life of 15 minutes.",
        "In rats, Semax has a half-life of 3 hours.",
    ],
)
def test_half_lives_measured_in_vitro_or_in_animals_are_not_human_figures(
    text: str, kb: KnowledgeBase
) -> None:
    verdict, why, frame = next(iter(found(text, kb).values()))
    assert verdict == "not_covered"
    assert "not a human pharmacokinetic figure" in why
    assert frame.qualifiers  # type: ignore[attr-defined]


def test_a_trial_dose_and_another_products_dose_are_not_held_to_the_label(
    kb: KnowledgeBase,
) -> None:
    text = (
        "Semax users start at 0.1 mg/day; neurological trials used 6 mg/day in stroke "
        "patients. A 1% solution delivers 3,000 micrograms."
    )
    result = found(text, kb)
    assert result["0.1 mg/day"][0] == "disagrees"  # its own clause: below 400-900 mcg a day
    assert result["6 mg/day"][0] == "not_covered"
    assert "trials" in result["6 mg/day"][1]
    assert result["3,000 micrograms"][0] == "not_covered"
    assert "1% product" in result["3,000 micrograms"][1]


def test_a_modified_forms_half_life_is_that_compounds(kb: KnowledgeBase) -> None:
    text = (
        "Semax in its amidate form has its half-life extended from 4 minutes to about 60 minutes."
    )
    result = found(text, kb)
    assert result["4 minutes"][0] == "agrees"  # the parent's: a vendor's 4 minutes
    verdict, why, frame = result["60 minutes"]  # the change's second end: a half-life too
    assert verdict == "disagrees"
    assert why.startswith("unsupported")
    assert frame.compound == "N-acetyl Semax amidate"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "sequence"),
    [
        (
            "Wirkstoff: Methionylglutamylhistidylphenylalanylprolylglycylprolin",
            "Met-Glu-His-Phe-Pro-Gly-Pro",
        ),
        (
            "substanceThreonyl lysyl-prolyl-arginyl-prolyl-glycine-Proline",
            "Thr-Lys-Pro-Arg-Pro-Gly-Pro",
        ),
    ],
)
def test_chemical_names_glued_spaced_or_german_are_read(text: str, sequence: str) -> None:
    [claim] = extract(text)
    assert (claim.kind, claim.value["value"]) == ("sequence", sequence)


def test_a_molar_mass_is_no_dose_and_a_rounded_mass_agrees(kb: KnowledgeBase) -> None:
    assert [c.kind for c in extract("Molar mass | 751.887 g·mol−1 |")] == ["weight"]
    assert found("DSIP has a molecular weight of 850 daltons.", kb)["850 daltons"][0] == "agrees"
    assert found("DSIP has a molecular weight of 870 daltons.", kb)["870 daltons"][0] == "disagrees"


def test_a_range_of_strengths_is_no_products_strength() -> None:
    assert [
        c.text for c in extract("Solutions of 0.1–0.3% suit daily use; a 1% solution too.")
    ] == ["1%"]


@pytest.mark.parametrize(
    ("text", "kind", "written", "value"),
    [
        ("Semax 0,1 Prozent Lösung für die Nase und der Tag mit der die das und oder bei nicht.",
         "strength", "0,1 Prozent", 0.1),
        ("Selank: 200 bis 600 Mikrogramm pro Tag.", "dose",
         "200 bis 600 Mikrogramm pro Tag", 600.0),
        ("Раствор 1 мг в 1 мл, по 250 мкг в каждую ноздрю.", "strength", "1 мг в 1 мл", 1.0),
        ("Дозировка: от 0,25 до 0,5 мг в день, курс 14 дней.", "dose",
         "0,25 до 0,5 мг в день", 0.5),
        ("The solution holds 1 mg per millilitre.", "strength", "1 mg per millilitre", 1.0),
    ],
)  # fmt: skip
def test_units_and_numbers_in_german_and_russian(
    text: str, kind: str, written: str, value: float
) -> None:
    claims = {c.text: c for c in extract(text)}
    claim = claims[written]
    assert claim.kind == kind
    assert claim.value.get("high", claim.value.get("value")) == value


def test_russian_durations_and_daily_words() -> None:
    claims = {c.text: c for c in extract("Дозировка: от 0,25 до 0,5 мг в день, курс 14 дней.")}
    assert claims["0,25 до 0,5 мг в день"].value["basis"] == "per_day"
    assert (claims["14 дней"].kind, claims["14 дней"].value["unit"]) == ("course", "days")


def test_a_daily_range_label_reads_per_day() -> None:
    [dose] = extract("• Common daily range: 300–800 mcg")
    assert dose.value["basis"] == "per_day"


def test_the_frame_is_reported(kb: KnowledgeBase) -> None:
    [finding] = check_text("Semax 250 mcg intranasal.", kb=kb).to_dict()["findings"]
    assert finding["frame"]["measures"] == "dose per administration"
    assert finding["frame"]["compound"] == "Semax"
    assert finding["frame"]["route"] == "intranasal"
