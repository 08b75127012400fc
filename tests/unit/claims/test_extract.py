"""Extraction: claims, spans, HTML offsets, robustness, and linear-time patterns."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptidekit.claims import check as check_module
from peptidekit.claims import context as context_module
from peptidekit.claims import draws as draws_module
from peptidekit.claims import markup as markup_module
from peptidekit.claims import patterns as patterns_module
from peptidekit.claims import reconstitution as reconstitution_module
from peptidekit.claims import text as text_module
from peptidekit.claims.extract import extract
from peptidekit.claims.text import load


def kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, c.text) for c in extract(text)]


def test_doses_with_basis_route_and_frequency() -> None:
    [claim] = extract("Intranasal: 250–500 mcg per nostril, 2–3 times daily.")
    assert claim.kind == "dose"
    assert claim.value["low"] == 250
    assert claim.value["high"] == 500
    assert claim.value["basis"] == "per_nostril"
    assert claim.value["route"] == "intranasal"
    assert claim.value["times_per_day"] == (2, 3)


def test_mixed_unit_range_and_per_day() -> None:
    [claim] = extract("Injection SQ or IM: 250 mcg - 3 mg per day")
    assert (claim.value["low_unit"], claim.value["unit"], claim.value["basis"]) == (
        "mcg",
        "mg",
        "per_day",
    )
    assert claim.value["route"] == "subcutaneous"


def test_concentrations_are_not_doses_and_commas_are_not_misread() -> None:
    assert kinds("a 0.15% intranasal solution; 1.5 mg/mL drops") == [
        ("strength", "0.15%"),
        ("strength", "1.5 mg/mL"),
    ]
    # on a page, a comma before exactly three digits groups thousands (what English pages
    # mean by '2,700 mcg'); a comma before one or two digits is ambiguous and not read.
    # (Typed into a calculator, both are refused: an input must not be guessed.)
    [grouped] = extract("take 2,700 mcg a day")
    assert (grouped.text, grouped.value["low"], grouped.value["basis"]) == (
        "2,700 mcg", 2700.0, "per_day",
    )  # fmt: skip
    assert kinds("take 1,5 mg") == []
    assert kinds("75% of responders improved") == []


def test_sequences_formulas_weights_and_references() -> None:
    found = kinds(
        "Selank (Thr-Lys-Pro-Arg-Pro-Gly-Pro), sequence TKPRPGP, C33H57N11O9, 751.9 g/mol; "
        "see PMID: 18454096, PMC4757669 and doi 10.3389/fphar.2016.00031."
    )
    assert ("sequence", "Thr-Lys-Pro-Arg-Pro-Gly-Pro") in found
    assert ("sequence", "TKPRPGP") in found
    assert ("formula", "C33H57N11O9") in found
    assert ("weight", "751.9 g/mol") in found
    assert ("pmid", "18454096") in found
    assert ("pmc", "PMC4757669") in found
    assert ("doi", "10.3389/fphar.2016.00031.") in found or (
        "doi",
        "10.3389/fphar.2016.00031",
    ) in found


def test_durations_by_their_words() -> None:
    found = kinds(
        "Courses of 2–4 weeks, with 1–2 week breaks. The spray lasts for 90 days at room "
        "temperature. Its half-life is 5 hours. Peak effect about 2-4 h."
    )
    assert found == [
        ("course", "2–4 weeks"),
        ("break", "1–2 week"),
        ("storage", "90 days"),
        ("half_life", "5 hours"),
        ("effect_duration", "2-4 h"),
    ]


def test_html_spans_point_into_the_original() -> None:
    html = "<html><body><p>Dose: <b>250&ndash;500 mg</b> daily</p></body></html>"
    source = load(html)
    [claim] = extract(source.text)
    start, end = source.span(claim.start, claim.end)
    assert html[start:end] == "250&ndash;500 mg"


def test_prose_without_claims() -> None:
    assert extract("Selank is a peptide studied in Russia for anxiety. Talk to a doctor.") == []


@given(st.text(max_size=400))
def test_extraction_never_crashes_on_arbitrary_text(text: str) -> None:
    for claim in extract(text):
        assert 0 <= claim.start <= claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text


@given(st.text(alphabet="0123456789 -–.,%mgcuµLl/hdaysweekPTKR<>&;", max_size=300))
def test_extraction_survives_number_soup_and_html_soup(text: str) -> None:
    source = load("<p>" + text + "</p>")
    for claim in extract(source.text):
        start, end = source.span(claim.start, claim.end)
        assert 0 <= start <= end <= len(source.original)


def _all_patterns() -> list[re.Pattern[str]]:
    """Every compiled pattern of the extraction modules, wherever it is kept."""
    patterns: list[re.Pattern[str]] = []

    def collect(value: object) -> None:
        if isinstance(value, re.Pattern):
            patterns.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    for module in (
        patterns_module, context_module, draws_module, reconstitution_module, markup_module,
        text_module, check_module,
    ):  # fmt: skip
        for name, value in vars(module).items():
            if name.isupper():
                collect(value)
    return patterns


def test_the_pattern_list_is_complete() -> None:
    found = {p.pattern for p in _all_patterns()}
    for must in (
        patterns_module.PATTERNS["dose"],
        patterns_module.COMPOSITION,
        patterns_module.COURSE_LASTS,
        draws_module.SHAPES[0],
        reconstitution_module.VIAL_MASS,
        markup_module.REFERENCE,  # the HTML reader's
        markup_module.COMMENT_END,
        text_module.HTML_HINT,
    ):
        assert must.pattern in found


@pytest.mark.parametrize("pattern", _all_patterns(), ids=lambda p: p.pattern[:40])
def test_every_pattern_repeats_a_bounded_number_of_times(pattern: re.Pattern[str]) -> None:
    """No * or + (outside character classes): each match attempt is constant work,
    so extraction is linear in the length of the text."""
    source = re.sub(r"\\.", "", pattern.pattern)  # escaped characters are literals
    source = re.sub(r"\[[^\]]*\]", "", source)  # character classes
    assert "*" not in source
    assert "+" not in source
