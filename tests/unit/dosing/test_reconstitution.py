"""Reconstitution: hand-computed cases, refusals, and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from peptidekit.dosing.reconstitution import diluent_for_units, reconstitute
from peptidekit.dosing.syringe import make_syringe
from peptidekit.errors import ImpossibleDoseError, InputError, UnitKindError
from peptidekit.units import Kind, parse_quantity, ureg


def q(text: str) -> object:
    return parse_quantity(text)


def test_five_mg_in_two_ml_at_250_mcg_by_hand() -> None:
    # 5 mg / 2 mL = 2.5 mg/mL; 0.25 mg / 2.5 mg/mL = 0.1 mL = 10 units on U-100
    r = reconstitute(q("5mg"), q("2mL"), q("250mcg"), barrel_ml=0.3)
    assert r.concentration_mg_per_ml == pytest.approx(2.5)
    assert r.volume_ml == pytest.approx(0.1)
    assert r.syringe_units == pytest.approx(10)
    assert r.tick_units == pytest.approx(10)
    assert r.delivered_dose_mcg == pytest.approx(250)
    assert r.dose_error_percent == pytest.approx(0, abs=1e-9)
    assert r.mcg_per_unit == pytest.approx(25)  # 2.5 mg/mL / 100 units/mL
    assert r.doses_per_vial == 20  # 2 mL / 0.1 mL


def test_dead_space_and_days_per_vial_by_hand() -> None:
    r = reconstitute(
        q("5mg"), q("2mL"), q("250mcg"), barrel_ml=0.3, dead_space=q("0.07mL"), per_day=2
    )
    assert r.doses_per_vial == math.floor(2 / (0.1 + 0.07))  # 11
    assert r.days_per_vial == 5


def test_tick_rounding_on_each_barrel_by_hand() -> None:
    # 5 mg in 3 mL = 1.6667 mg/mL; 250 mcg = 0.15 mL = 15 units
    # 1 mL barrel, 2-unit ticks: nearest tick 16 units -> 16/100 mL x 1.6667 = 266.67 mcg
    r = reconstitute(q("5mg"), q("3mL"), q("250mcg"), barrel_ml=1.0)
    assert r.syringe_units == pytest.approx(15)
    assert r.tick_units == 16
    assert r.delivered_dose_mcg == pytest.approx(16 / 100 * 5 / 3 * 1000)
    assert r.dose_error_percent == pytest.approx((16 / 15 - 1) * 100)
    assert "tick_rounding" in {w.code for w in r.warnings}
    # the 0.3 mL barrel has 0.5-unit ticks: 15 units is on a tick
    assert reconstitute(q("5mg"), q("3mL"), q("250mcg"), barrel_ml=0.3).tick_units == 15


def test_u40_needs_a_tick_and_uses_40_units_per_ml() -> None:
    with pytest.raises(InputError, match="give the tick spacing") as caught:
        reconstitute(q("5mg"), q("2mL"), q("250mcg"), barrel_ml=1.0, scale="U-40")
    assert caught.value.field == "tick"
    r = reconstitute(q("5mg"), q("2mL"), q("250mcg"), barrel_ml=1.0, scale="U-40", tick_units=1)
    assert r.syringe_units == pytest.approx(4)  # 0.1 mL x 40 units/mL


def test_smallest_barrel_holding_the_draw_is_chosen_and_said() -> None:
    r = reconstitute(q("5mg"), q("2mL"), q("1mg"))  # 0.4 mL: needs the 0.5 mL barrel
    assert r.syringe.barrel_ml == 0.5
    assert r.syringe.chosen_automatically
    assert "syringe_chosen" in {w.code for w in r.warnings}


@pytest.mark.parametrize(
    ("vial", "diluent", "dose", "barrel", "phrase"),
    [
        ("5mg", "2mL", "6mg", 1.0, "more than the whole vial"),
        ("5mg", "2mL", "900mcg", 0.3, "split it into 2 draws of 18 units"),
        ("10mg", "0.5mL", "50mcg", 0.3, "below the smallest tick"),
    ],
)
def test_impossible_draws_are_refused_with_what_to_do(
    vial: str, diluent: str, dose: str, barrel: float, phrase: str
) -> None:
    with pytest.raises(ImpossibleDoseError) as caught:
        reconstitute(q(vial), q(diluent), q(dose), barrel_ml=barrel)
    assert phrase in caught.value.message
    assert caught.value.suggestion


def test_below_the_smallest_tick_suggests_a_dilution_that_works() -> None:
    with pytest.raises(ImpossibleDoseError) as caught:
        reconstitute(q("10mg"), q("0.5mL"), q("50mcg"), barrel_ml=0.3)
    # 10 ticks of 0.5 units = 5 units = 0.05 mL; 50 mcg in 0.05 mL = 1 mg/mL; 10 mg -> 10 mL
    assert "with 10 mL of diluent" in caught.value.suggestion
    r = reconstitute(q("10mg"), q("10mL"), q("50mcg"), barrel_ml=0.3)
    assert r.tick_units == 5


def test_mg_written_for_mcg_names_the_slip() -> None:
    with pytest.raises(ImpossibleDoseError, match="did you mean 250 mcg"):
        reconstitute(q("5mg"), q("2mL"), q("250mg"))


def test_quantities_of_the_wrong_kind_are_refused() -> None:
    with pytest.raises(UnitKindError, match="diluent"):
        reconstitute(q("5mg"), q("2mg"), q("250mcg"))


def test_diluent_for_units_by_hand() -> None:
    # 10 units = 0.1 mL; 250 mcg in 0.1 mL = 2.5 mg/mL; 5 mg / 2.5 mg/mL = 2 mL
    plan = diluent_for_units(q("5mg"), q("250mcg"), 10)
    assert plan.diluent_ml == pytest.approx(2)
    rows = {row.diluent_ml: row for row in plan.table}
    assert rows[2.0].result is not None
    assert rows[2.0].result.syringe_units == pytest.approx(10)
    assert rows[4.0].result is not None
    assert rows[4.0].result.syringe_units == pytest.approx(20)


def test_diluent_table_marks_unmeasurable_rows() -> None:
    plan = diluent_for_units(q("50mg"), q("100mcg"), 10, barrel_ml=0.3)
    # 50 mg in 0.5 mL = 100 mg/mL: 100 mcg = 0.001 mL = 0.1 units, below a tick
    assert plan.table[0].result is None
    assert plan.table[0].problem is not None
    assert "below the smallest tick" in plan.table[0].problem


masses_mg = st.floats(min_value=0.5, max_value=50)
volumes_ml = st.floats(min_value=0.5, max_value=10)
doses_mcg = st.floats(min_value=10, max_value=5000)


@given(masses_mg, volumes_ml, doses_mcg, st.sampled_from([0.3, 0.5, 1.0]))
def test_draw_times_concentration_is_the_dose(
    vial: float, diluent: float, dose: float, barrel: float
) -> None:
    try:
        r = reconstitute(
            ureg.Quantity(vial, "mg"),
            ureg.Quantity(diluent, "mL"),
            ureg.Quantity(dose, "mcg"),
            barrel_ml=barrel,
        )
    except ImpossibleDoseError:
        assume(False)
        return
    assert r.volume_ml * r.concentration_mg_per_ml * 1000 == pytest.approx(dose, rel=1e-12)
    tick = make_syringe(barrel).tick_units
    assert abs(r.tick_units - r.syringe_units) <= tick / 2 + 1e-9
    assert r.delivered_dose_mcg == pytest.approx(
        r.tick_units / 100 * r.concentration_mg_per_ml * 1000
    )


@given(st.floats(min_value=0, max_value=100), st.sampled_from([0.5, 1.0, 2.0]))
def test_nearest_tick_never_errs_by_more_than_half_a_tick(units: float, tick: float) -> None:
    syringe = make_syringe(1.0, tick_units=tick)
    nearest = syringe.nearest_tick(units)
    assert abs(nearest - units) <= tick / 2 + 1e-9
    assert (nearest / tick) == pytest.approx(round(nearest / tick))


def test_parse_then_compute_refuses_zero_diluent_at_the_parser() -> None:
    with pytest.raises(Exception, match="greater than zero"):
        parse_quantity("0mL", Kind.VOLUME)
