"""The patterns that made the checker miss on pages it had never seen (issue #16), one
test each: what a number means, context, compounds, identity and spellings."""

from __future__ import annotations

import pytest

from peptidekit.claims.check import check_text, detect_compound
from peptidekit.claims.extract import extract
from peptidekit.knowledge.loader import KnowledgeBase


def kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in extract(text)]


def findings(text: str, kb: KnowledgeBase) -> dict[str, tuple[str, str, str]]:
    report = check_text(text, kb=kb)
    return {
        text[f.start : f.end]: (f.claim.kind, f.verdict, "; ".join(f.reasons))
        for f in report.findings
    }


@pytest.mark.parametrize(
    "text",
    [
        "Each 10 mg vial is reconstituted with 2 mL.",
        "Supplied as 4.5 mg per bottle.",
        "One drop holds 75 mcg per drop of Selank.",
        "Vial contains: 5 mg lyophilised Selank.",
    ],
)
def test_contents_and_per_drop_figures_are_not_doses(text: str) -> None:
    assert [k for k, _ in kinds(text) if k == "dose"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Selank 0.15% nasal drops with 1 mg/mL methylparaben.",
        "Reconstitute with bacteriostatic water (0.9% benzyl alcohol).",
        "In rats, 0.093% of the dose per gram of brain was found after nasal dosing.",
    ],
)
def test_excipients_and_unrelated_percentages_are_not_strengths(text: str) -> None:
    strengths = [t for k, t in kinds(text) if k == "strength"]
    assert all(t.startswith("0.15") for t in strengths)


def test_a_daily_total_is_read_per_day(kb: KnowledgeBase) -> None:
    found = findings("Selank drops: 36 drops a day = 2700 mcg, the upper end.", kb)
    assert "per day" in found["2700 mcg"][2] or found["2700 mcg"][1] == "agrees"
    [dose] = [c for c in extract("36 drops a day = 2700 mcg") if c.kind == "dose"]
    assert dose.value["basis"] == "per_day"


def test_a_parenthesis_about_sprays_does_not_rebase_the_dose() -> None:
    [dose] = [c for c in extract("Selank 300 mcg (6 sprays per nostril) twice a day.")
              if c.kind == "dose"]  # fmt: skip
    assert dose.value["basis"] == "per_administration"
    [nostril] = [c for c in extract("Selank 150 mcg per nostril twice a day.") if c.kind == "dose"]
    assert nostril.value["basis"] == "per_nostril"


def test_approx_does_not_end_the_sentence() -> None:
    [dose] = [c for c in extract("Intranasal Selank, approx. 300 mcg three times daily.")
              if c.kind == "dose"]  # fmt: skip
    assert dose.value["route"] == "intranasal"
    assert dose.value["times_per_day"] == (3.0, 3.0)


def test_a_value_alone_on_its_line_takes_the_label_above() -> None:
    [dose] = [c for c in extract("Nasal dose\n300 mcg\n") if c.kind == "dose"]
    assert dose.value["route"] == "intranasal"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Duration: 2-4 weeks.", "course"),
        ("Use within 6 months of opening.", "storage"),
        ("Cycle: 30 days on, 30 days off.", "course"),
        ("Take it for 14 days without a break.", "course"),
        ("Follow a 7-day course.", "course"),
        # what lasts is the course, not an effect
        ("A typical course lasts 14 days, followed by a break of 7 days.", "course"),
        ("The course of treatment usually runs for 10 days.", "course"),
        ("Each cycle takes about 3 weeks.", "course"),
        ("The calming effect lasts 4-6 hours.", "effect_duration"),
        ("Effects last up to 6 hours after the course.", "effect_duration"),
    ],
)
def test_durations_get_the_right_kind(text: str, kind: str) -> None:
    assert next(k for k, _ in kinds(text)) == kind


def test_on_and_off_in_one_line() -> None:
    assert [k for k, _ in kinds("Cycle: 30 days on, 30 days off.")] == ["course", "break"]


def test_the_longest_name_wins(kb: KnowledgeBase) -> None:
    text = "N-acetyl Selank amidate is stronger. N-acetyl Selank amidate lasts longer than Selank."
    compound, _ = detect_compound(text, kb)
    assert compound is not None
    assert compound.id == "n-acetyl-selank-amidate"


def test_a_sequence_fragment_is_not_a_whole_sequence() -> None:
    assert [k for k, _ in kinds("It ends in Pro-Gly-Pro, like Semax.")] == []
    assert [k for k, _ in kinds("Tuftsin is Thr-Lys-Pro-Arg.")] == ["sequence"]


def test_residue_words_are_checked(kb: KnowledgeBase) -> None:
    found = findings("Selank is a hexapeptide used for anxiety.", kb)
    assert found["hexapeptide"][1] == "disagrees"
    assert "7 residues, not 6" in found["hexapeptide"][2]
    assert findings("Selank is a heptapeptide.", kb)["heptapeptide"][1] == "agrees"


def test_an_amidate_half_life_is_unsupported(kb: KnowledgeBase) -> None:
    found = findings("N-acetyl Selank amidate has a half-life of 2 hours.", kb)
    kind, verdict, reason = found["2 hours"]
    assert (kind, verdict) == ("half_life", "disagrees")
    assert reason.startswith("unsupported: No pharmacokinetic data")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selank 250 micrograms per dose, intranasal.", ("dose", "250 micrograms")),
        ("Selank drops 0,15% solution (European decimal comma).", ("strength", "0,15%")),
    ],
)
def test_spellings_are_read(text: str, expected: tuple[str, str]) -> None:
    assert expected in kinds(text)


def test_each_nostril_is_per_nostril() -> None:
    [dose] = [c for c in extract("Selank 150 mcg each nostril.") if c.kind == "dose"]
    assert dose.value["basis"] == "per_nostril"


def test_each_figure_is_judged_against_the_compound_its_sentence_names(
    kb: KnowledgeBase,
) -> None:
    text = (
        "Selank is the calming half of the stack. Selank 300 mcg three times a day, nasal. "
        "Selank drops are 0.15%. Semax 200 mcg per dose, nasal, twice a day."
    )
    found = findings(text, kb)
    # 200 mcg is below Selank's 300-450 mcg but inside Semax's 200-300 mcg
    assert found["200 mcg"][1] == "agrees"
    assert "200-300 mcg" in found["200 mcg"][2]
    assert found["300 mcg"][1] == "agrees"


def test_a_vulgar_fraction_is_read(kb: KnowledgeBase) -> None:
    # ½ mg = 500 mcg of Selank at one instillation: inside the 300-900 mcg single dose
    # (no Selank record caps one instillation: kb-audit-2, A4); 5 mg would be outside it
    [dose] = [c for c in extract("Selank ½ mg per dose, nasal.") if c.kind == "dose"]
    assert (dose.value["low"], dose.value["unit"]) == (0.5, "mg")
    assert findings("Selank ½ mg per dose, nasal.", kb)["½ mg"][1] == "agrees"


def test_a_reference_cited_for_something_it_is_not_about(kb: KnowledgeBase) -> None:
    # PMID 18454096 is the 2008 Selank vs medazepam trial, not a monoamine paper
    text = "Selank raises serotonin and dopamine in the brain (PMID 18454096)."
    _kind, verdict, reason = findings(text, kb)["18454096"]
    assert verdict == "disagrees"
    assert "monoamines" in reason
    # cited for what it is about: fine; an author named Gabaeva is not 'GABA'
    fine = "Selank reduced anxiety as well as medazepam (PMID 18454096)."
    assert findings(fine, kb)["18454096"][1] == "agrees"
    gaba = "Zozulya AA, Gabaeva MV et al. Selank review. PMID 19149820"
    assert findings(gaba, kb)["19149820"][1] == "agrees"


def test_a_parent_named_often_does_not_take_the_page(kb: KnowledgeBase) -> None:
    text = (
        "Selank is derived from tuftsin. It builds on the natural peptide tuftsin, "
        "an analogue of tuftsin with Pro-Gly-Pro added. Selank drops are 0.15%."
    )
    compound, why = detect_compound(text, kb)
    assert compound is not None
    assert compound.id == "selank", why
