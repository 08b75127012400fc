from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptidekit.dosing.nasal import Device, calibrate, nasal_dose
from peptidekit.errors import ImpossibleDoseError, InputError
from peptidekit.units import Kind, parse_quantity, ureg

STRENGTH = parse_quantity("0.15%", Kind.CONCENTRATION)
DROP = Device("drop", ureg.Quantity(50, "uL"), "test")


def test_label_instillation_by_hand() -> None:
    # label: 2-3 drops per nostril = 300-450 mcg; 450 mcg = 6 drops of 75 mcg
    result = nasal_dose(
        STRENGTH, DROP, dose=parse_quantity("450mcg"), bottle=parse_quantity("3mL"), per_day=3
    )
    assert result.mcg_per_unit == pytest.approx(75)
    assert (result.count, result.per_nostril) == (6, (3, 3))
    # 3 mL / (6 x 0.05 mL) = 10 doses; at 3 a day, 3 days
    assert (result.doses_per_bottle, result.bottle_life_days) == (10, 3)


def test_odd_drop_count_says_how_to_split() -> None:
    result = nasal_dose(STRENGTH, DROP, dose=parse_quantity("225mcg"))
    assert (result.count, result.per_nostril) == (3, (2, 1))
    assert "uneven_split" in {w.code for w in result.warnings}


def test_rounding_to_whole_drops_reports_the_error() -> None:
    result = nasal_dose(STRENGTH, DROP, dose=parse_quantity("250mcg"))
    # 250 / 75 = 3.33 -> 3 drops = 225 mcg, -10%
    assert result.count == 3
    assert result.dose_error_percent == pytest.approx(-10)
    assert "whole_units_rounding" in {w.code for w in result.warnings}


def test_reverse_dose_of_a_number_of_sprays() -> None:
    spray = Device("spray", ureg.Quantity(100, "uL"), "test")
    result = nasal_dose(STRENGTH, spray, count=4)
    assert result.delivered_dose_mcg == pytest.approx(4 * 150)
    assert result.dose_error_percent is None


def test_calibration_text() -> None:
    device = calibrate("3mL/60 drops")
    assert device.kind == "drop"
    assert device.volume.m_as("uL") == pytest.approx(50)
    assert calibrate("1 mL / 10 sprays").volume.m_as("uL") == pytest.approx(100)
    for bad in ("3mL", "60 drops/3mL", "3mL/60", "3mL/sixty drops", "3mL/0 drops", "3 mg/60 drops"):
        with pytest.raises(InputError):
            calibrate(bad)


def test_dose_below_half_a_drop_is_refused() -> None:
    with pytest.raises(ImpossibleDoseError, match="less than half of one drop"):
        nasal_dose(STRENGTH, DROP, dose=parse_quantity("30mcg"))


def test_dose_and_count_together_are_refused() -> None:
    with pytest.raises(InputError, match="either a dose or a number"):
        nasal_dose(STRENGTH, DROP, dose=parse_quantity("300mcg"), count=4)


@given(st.floats(min_value=40, max_value=5000))
def test_whole_drops_are_within_half_a_drop(dose: float) -> None:
    result = nasal_dose(STRENGTH, DROP, dose=ureg.Quantity(dose, "mcg"))
    assert abs(result.delivered_dose_mcg - dose) <= 75 / 2 + 1e-9
    assert sum(result.per_nostril) == result.count
