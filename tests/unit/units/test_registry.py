"""The in-house unit registry: exact factors and dimension safety."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptidekit.errors import PeptidekitError, UnknownUnitError
from peptidekit.units import DimensionalityError, ureg


@pytest.mark.parametrize(
    ("value", "unit", "target", "expected"),
    [
        (1, "mg", "mcg", 1000),
        (1, "g", "mg", 1000),
        (1, "L", "mL", 1000),
        (50, "uL", "mL", 0.05),
        (1, "d", "h", 24),
        (2, "wk", "d", 14),
        (0.15, "g/dL", "mg/mL", 1.5),  # 0.15 % w/v
        (1, "1/h", "1/min", 1 / 60),
        (80, "%", "", 0.8),
    ],
)
def test_conversions_by_hand(value: float, unit: str, target: str, expected: float) -> None:
    assert ureg.Quantity(value, unit).m_as(target) == pytest.approx(expected, rel=1e-15)


def test_mg_to_mcg_is_exact() -> None:
    assert ureg.Quantity(0.25, "mg").m_as("mcg") == 250.0


@pytest.mark.parametrize(
    ("unit", "target"), [("mg", "mL"), ("IU", "mg"), ("IU", "mL"), ("h", "mg")]
)
def test_different_dimensions_never_convert(unit: str, target: str) -> None:
    with pytest.raises(DimensionalityError):
        ureg.Quantity(1, unit).to(target)


def test_arithmetic_keeps_dimensions() -> None:
    concentration = ureg.Quantity(5, "mg") / ureg.Quantity(2, "mL")
    assert concentration.check("[mass] / [volume]")
    assert concentration.m_as("mg/mL") == pytest.approx(2.5)
    volume = ureg.Quantity(250, "mcg") / concentration
    assert volume.check("[volume]")
    assert volume.m_as("mL") == pytest.approx(0.1)
    assert ureg.Quantity(1, "mg") + ureg.Quantity(500, "mcg") == ureg.Quantity(1.5, "mg")
    assert ureg.Quantity(1, "mg") > ureg.Quantity(999, "mcg")
    with pytest.raises(DimensionalityError):
        _ = ureg.Quantity(1, "mg") + ureg.Quantity(1, "mL")


def test_unknown_units_are_refused() -> None:
    with pytest.raises(UnknownUnitError, match="'grain' is not in"):
        ureg.Quantity(1, "grain")


def test_registry_errors_belong_to_the_hierarchy() -> None:
    # each is a PeptidekitError (one line, exit 2 / HTTP 400), never a bare KeyError
    for attempt in (
        lambda: ureg.Quantity(1, "grain"),
        lambda: ureg.Quantity(1, "mg").to("mL"),
        lambda: ureg.Quantity(1, "mg").check("[colour]"),
    ):
        with pytest.raises(PeptidekitError) as caught:
            attempt()
        assert isinstance(caught.value, ValueError)
        assert caught.value.to_dict()["input"]


@given(st.floats(min_value=1e-6, max_value=1e6), st.sampled_from(["mg", "mcg", "g", "ng"]))
def test_round_trip_through_another_unit(value: float, unit: str) -> None:
    quantity = ureg.Quantity(value, unit)
    assert quantity.to("mcg").to(unit).magnitude == pytest.approx(value, rel=1e-14)


@given(
    st.floats(min_value=1e-6, max_value=1e6),
    st.sampled_from(["mg", "mcg", "g", "ng"]),
    st.sampled_from(["mg", "mcg", "g", "ng"]),
)
def test_equality_is_symmetric_and_agrees_with_hash(value: float, first: str, second: str) -> None:
    # before: __eq__ converted into the left side's unit and __hash__ used base units,
    # so equal quantities could hash differently and a == b could differ from b == a
    a = ureg.Quantity(value, first)
    b = a.to(second)
    assert (a == b) == (b == a)
    if a == b:
        assert hash(a) == hash(b)
    assert len({a, b}) == (1 if a == b else 2)


def test_one_thousand_mcg_equals_one_mg_exactly() -> None:
    assert ureg.Quantity(1000, "mcg") == ureg.Quantity(1, "mg")
    assert hash(ureg.Quantity(1000, "mcg")) == hash(ureg.Quantity(1, "mg"))
    assert ureg.Quantity(999, "mcg") < ureg.Quantity(1, "mg")
