"""One regression test per mistake found in peer tools (shared/research/peer-tools.md)."""

from __future__ import annotations

import pytest

from peptidekit.dosing.nasal import Device, nasal_dose
from peptidekit.dosing.reconstitution import reconstitute
from peptidekit.errors import AmbiguousNumberError, QuantityError, UnitKindError
from peptidekit.units import Kind, parse_count, parse_quantity, ureg


def q(text: str, kind: Kind | None = None) -> object:
    return parse_quantity(text, kind)


def test_1_units_are_not_scaled_by_the_barrel() -> None:
    # peers: (mL / barrel mL) x 100 -> 0.1 mL on a 0.3 mL barrel shown as 33 units
    r = reconstitute(q("5mg"), q("2mL"), q("250mcg"), barrel_ml=0.3)
    assert r.syringe_units == pytest.approx(10)


def test_2_ml_is_units_over_100_whatever_the_barrel() -> None:
    for barrel in (0.3, 0.5, 1.0):
        r = reconstitute(q("5mg"), q("2mL"), q("250mcg"), barrel_ml=barrel)
        assert r.volume_ml == pytest.approx(r.syringe_units / 100)


def test_3_one_vial_one_concentration() -> None:
    # peers added per-peptide volumes over a shared blend vial; here one vial has one
    # concentration and the draw for a dose is dose / concentration, never a sum
    r = reconstitute(q("10mg"), q("2mL"), q("500mcg"), barrel_ml=0.3)
    assert r.volume_ml == pytest.approx(0.5 / 5)


def test_4_iu_and_mg_never_mix() -> None:
    with pytest.raises(UnitKindError):
        parse_quantity("100 IU", Kind.MASS)


def test_5_rounding_to_whole_units_shows_the_dose_error() -> None:
    # 2.4 units on a 1 mL barrel (2-unit ticks) -> 2 units, 16.7% under, and it says so
    r = reconstitute(q("10mg"), q("5mL"), q("48mcg"), barrel_ml=1.0)
    assert r.syringe_units == pytest.approx(2.4)
    assert r.tick_units == 2
    assert r.dose_error_percent == pytest.approx((2 / 2.4 - 1) * 100)
    assert "tick_rounding" in {w.code for w in r.warnings}


@pytest.mark.parametrize("text", ["0mL", "-1mL", "0 ml"])
def test_9_zero_or_negative_diluent_is_refused(text: str) -> None:
    with pytest.raises(QuantityError):
        parse_quantity(text, Kind.VOLUME)


def test_9_zero_dose_is_refused_not_a_crash() -> None:
    with pytest.raises(QuantityError, match="greater than zero"):
        parse_quantity("0mcg", Kind.MASS)


@pytest.mark.parametrize("text", ["1,000", "1,000 mcg"])
def test_10_thousands_separator_is_refused(text: str) -> None:
    with pytest.raises(AmbiguousNumberError):
        parse_quantity(text, Kind.MASS)
    with pytest.raises(QuantityError, match="comma"):
        parse_count(text.split()[0], "--units")


def test_13_syringe_units_are_never_iu() -> None:
    with pytest.raises(QuantityError, match="syringe"):
        parse_quantity("10 units", Kind.VOLUME)
    with pytest.raises(UnitKindError, match="International Units"):
        parse_quantity("10 IU", Kind.VOLUME)


def test_nasal_math_delivers_whole_drops() -> None:
    # 0.15% = 1.5 mg/mL; 50 uL drop = 75 mcg; 300 mcg = 4 drops, 2 per nostril
    drop = Device("drop", ureg.Quantity(50, "uL"), "test")
    result = nasal_dose(q("0.15%", Kind.CONCENTRATION), drop, dose=q("300mcg"))
    assert (result.count, result.per_nostril) == (4, (2, 2))
    assert result.delivered_dose_mcg == pytest.approx(300)
