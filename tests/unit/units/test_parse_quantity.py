"""The quantity parser: every accepted spelling, every refusal, and round trips."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptidekit.errors import (
    AmbiguousNumberError,
    MissingUnitError,
    PeptidekitError,
    QuantityError,
    UnitKindError,
)
from peptidekit.units import (
    Kind,
    format_quantity,
    kind_of,
    magnitude_in,
    parse_count,
    parse_quantity,
    ureg,
)


@pytest.mark.parametrize(
    ("text", "kind", "unit", "value"),
    [
        ("250mcg", Kind.MASS, "microgram", 250),
        ("250 µg", Kind.MASS, "microgram", 250),  # micro sign U+00B5
        ("250 μg", Kind.MASS, "microgram", 250),  # Greek mu U+03BC
        ("250 ug", Kind.MASS, "microgram", 250),
        ("0.25 mg", Kind.MASS, "microgram", 250),
        ("0.25 MG", Kind.MASS, "microgram", 250),  # not megagrams
        ("5mg", Kind.MASS, "milligram", 5),
        ("2 mL", Kind.VOLUME, "milliliter", 2),
        ("2ml", Kind.VOLUME, "milliliter", 2),
        ("50 uL", Kind.VOLUME, "milliliter", 0.05),
        ("1 cc", Kind.VOLUME, "milliliter", 1),
        ("1.5 mg/mL", Kind.CONCENTRATION, "mg/mL", 1.5),
        ("1500 mcg/mL", Kind.CONCENTRATION, "mg/mL", 1.5),
        ("1.5 mg per ml", Kind.CONCENTRATION, "mg/mL", 1.5),
        # % w/v is grams per 100 mL: 0.15 g / 100 mL = 1.5 mg/mL
        ("0.15%", Kind.CONCENTRATION, "mg/mL", 1.5),
        ("0.1 % w/v", Kind.CONCENTRATION, "mg/mL", 1.0),
        ("8h", Kind.DURATION, "hour", 8),
        ("14 d", Kind.DURATION, "hour", 14 * 24),
        ("30 min", Kind.DURATION, "hour", 0.5),
        ("2 weeks", Kind.DURATION, "day", 14),
        ("1.5/h", Kind.RATE, "1/hour", 1.5),
        ("0.3 1/h", Kind.RATE, "1/hour", 0.3),
        ("0.05 per min", Kind.RATE, "1/hour", 3.0),
        ("100 IU", Kind.ACTIVITY, "IU", 100),
        ("80%", Kind.FRACTION, "dimensionless", 0.8),
        ("0.8", Kind.FRACTION, "dimensionless", 0.8),
        ("１０ mg", Kind.MASS, "milligram", 10),  # full-width digits
        ("2.5e2 mcg", Kind.MASS, "microgram", 250),
        (".5 mL", Kind.VOLUME, "milliliter", 0.5),
    ],
)
def test_accepted_spellings(text: str, kind: Kind, unit: str, value: float) -> None:
    quantity = parse_quantity(text, kind)
    assert magnitude_in(quantity, unit) == pytest.approx(value, rel=1e-12)
    assert kind_of(quantity) is kind


def test_kind_is_taken_from_the_unit_when_not_given() -> None:
    assert kind_of(parse_quantity("250 mcg")) is Kind.MASS
    assert kind_of(parse_quantity("2 mL")) is Kind.VOLUME
    assert kind_of(parse_quantity("1.5 mg/mL")) is Kind.CONCENTRATION


REFUSALS = [
    ("250", Kind.MASS, MissingUnitError, "bare number"),
    ("  42 ", None, MissingUnitError, "bare number"),
    ("1,000", Kind.MASS, AmbiguousNumberError, "comma"),
    ("1,000 mcg", Kind.MASS, AmbiguousNumberError, "comma"),
    ("1,5 mg", Kind.MASS, AmbiguousNumberError, "comma"),
    ("1.000 mg", Kind.MASS, AmbiguousNumberError, "locale"),
    ("-5 mg", Kind.MASS, QuantityError, "negative"),
    ("0 mg", Kind.MASS, QuantityError, "greater than zero"),
    ("0 mL", Kind.VOLUME, QuantityError, "greater than zero"),
    ("nan mg", Kind.MASS, QuantityError, "finite"),
    ("NaN", None, QuantityError, "finite"),
    ("inf mg", Kind.MASS, QuantityError, "finite"),
    ("1e999 mg", Kind.MASS, QuantityError, "finite"),
    ("2 mL", Kind.MASS, UnitKindError, "volume"),
    ("250 mcg", Kind.VOLUME, UnitKindError, "mass"),
    ("1.5 mg/mL", Kind.MASS, UnitKindError, "concentration"),
    ("10 IU", Kind.MASS, UnitKindError, "International Units"),
    ("10 IU", Kind.VOLUME, UnitKindError, "International Units"),
    ("10 units", Kind.VOLUME, QuantityError, "syringe"),
    ("10u", Kind.MASS, QuantityError, "syringe"),  # pint would read ten daltons
    ("10 U", None, QuantityError, "syringe"),
    ("1 gr", Kind.MASS, QuantityError, "unknown"),  # pint would read a grain, 64.8 mg
    ("3 months", Kind.DURATION, QuantityError, "no fixed length"),
    ("0.15%", Kind.MASS, QuantityError, "%"),
    ("150%", Kind.FRACTION, QuantityError, ""),
    ("1.5", Kind.FRACTION, MissingUnitError, "bare number"),
    ("mg", Kind.MASS, QuantityError, "number"),
    ("", Kind.MASS, QuantityError, "empty"),
    ("250 mcg 2", Kind.MASS, QuantityError, "unknown"),
    ("1 000 mcg", Kind.MASS, QuantityError, "unknown"),
]


@pytest.mark.parametrize(("text", "kind", "error", "phrase"), REFUSALS)
def test_refusals_name_the_input_and_what_was_expected(
    text: str, kind: Kind | None, error: type[QuantityError], phrase: str
) -> None:
    with pytest.raises(error) as caught:
        parse_quantity(text, kind)
    message = caught.value.message
    assert repr(text) in message
    assert phrase in message
    assert "expected" in message
    assert caught.value.input == text
    assert caught.value.expected
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, PeptidekitError)


def test_zero_is_accepted_only_when_the_caller_allows_it() -> None:
    assert magnitude_in(parse_quantity("0 h", Kind.DURATION, allow_zero=True), "h") == 0


def test_wrong_kind_error_says_what_it_found() -> None:
    with pytest.raises(UnitKindError) as caught:
        parse_quantity("2 mL", Kind.MASS)
    assert caught.value.actual == "volume"
    assert caught.value.to_dict()["code"] == "wrong_unit_kind"


def test_iu_is_never_a_mass_or_volume_even_in_the_registry() -> None:
    iu = parse_quantity("10 IU", Kind.ACTIVITY)
    assert not iu.check("[mass]")
    assert not iu.check("[volume]")


def test_percent_is_refused_without_a_kind() -> None:
    with pytest.raises(QuantityError, match="concentration"):
        parse_quantity("0.15%")


MASS_UNITS = ["mcg", "mg", "g", "ng", "ug"]
VOLUME_UNITS = ["mL", "uL", "L"]
finite_positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False, allow_infinity=False)
grams = st.floats(min_value=1e-9, max_value=1e3, allow_nan=False, allow_infinity=False)
millilitres = st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(grams, st.sampled_from(MASS_UNITS))
def test_mass_round_trip_through_text(value: float, unit: str) -> None:
    quantity = ureg.Quantity(value, "g").to(parse_quantity(f"1 {unit}", Kind.MASS).units)
    again = parse_quantity(format_quantity(quantity, digits=17), Kind.MASS)
    assert magnitude_in(again, "mcg") == pytest.approx(magnitude_in(quantity, "mcg"), rel=1e-15)


@given(millilitres, st.sampled_from(VOLUME_UNITS), st.sampled_from(VOLUME_UNITS))
def test_volume_conversion_round_trip(ml: float, first: str, second: str) -> None:
    value = ureg.Quantity(ml, "mL").m_as(parse_quantity(f"1 {first}").units)
    quantity = parse_quantity(f"{value!r} {first}", Kind.VOLUME)
    back = quantity.to(parse_quantity(f"1 {second}").units).to(quantity.units)
    assert back.magnitude == pytest.approx(value, rel=1e-12)


@given(finite_positive)
def test_mg_mcg_factor_is_exactly_one_thousand(value: float) -> None:
    mg = parse_quantity(f"{value!r} mg", Kind.MASS)
    assert magnitude_in(mg, "mcg") == pytest.approx(value * 1000, rel=1e-15)


@given(st.text(max_size=40))
def test_arbitrary_text_either_parses_or_raises_a_quantity_error(text: str) -> None:
    with contextlib.suppress(QuantityError):
        quantity = parse_quantity(text)
        assert quantity.magnitude > 0


def test_display_uses_mcg_not_the_micro_sign() -> None:
    assert format_quantity(parse_quantity("250 µg", Kind.MASS)) == "250 mcg"
    assert format_quantity(parse_quantity("0.15%", Kind.CONCENTRATION), "mg/mL") == "1.5 mg/mL"
    assert format_quantity(parse_quantity("1.5/h", Kind.RATE)) == "1.5 1/h"


# ------------------------------------------------------------------ digits and bounds
@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("250\u00b9 mcg", "superscript one"),  # read as 2501 mcg before
        ("1\u2070 mg", "superscript zero"),  # read as 10 mg before
        ("\u00bd mg", "vulgar fraction one half"),
        ("\u0662\u0665\u0660 mcg", "arabic-indic digit two"),
        ("\u2460 mL", "circled digit one"),
    ],
)
def test_digits_other_than_0_to_9_are_refused_by_name(text: str, named: str) -> None:
    with pytest.raises(QuantityError, match=named):
        parse_quantity(text)
    with pytest.raises(QuantityError, match=named):
        parse_count(text.split()[0], "--per-day")


def test_full_width_digits_are_plainly_the_same_number() -> None:
    assert parse_quantity("\uff12\uff15\uff10 mcg", Kind.MASS).m_as("mcg") == 250


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        ("1e308 mg", Kind.MASS, "larger than 1 kg"),  # was inf mcg, then OverflowError
        ("1001 g", Kind.MASS, "larger than 1 kg"),
        ("1e-300 mg", Kind.MASS, "smaller than 1 ng"),
        ("1001 L", Kind.VOLUME, "larger than 1000 L"),
        ("3654 d", Kind.DURATION, "larger than 10 years"),
        ("1e300 mg/mL", Kind.CONCENTRATION, "larger than 1000 mg/mL"),
        ("2/s", Kind.RATE, "larger than 3600/h"),
    ],
)
def test_values_beyond_each_kinds_bounds_are_refused(text: str, kind: Kind, phrase: str) -> None:
    with pytest.raises(QuantityError, match=phrase):
        parse_quantity(text, kind)


def test_bounds_themselves_are_accepted() -> None:
    # the limits are inclusive: 1 kg, 1000 L and 3653 days (10 years) are the largest
    assert parse_quantity("1 kg", Kind.MASS).m_as("g") == 1000
    assert parse_quantity("1000 L", Kind.VOLUME).m_as("mL") == 1_000_000
    assert parse_quantity("3653 d", Kind.DURATION).m_as("d") == 3653
