"""Checks run on the dose actually delivered at the device's marks (issue: a rounded-up
dose passed the labelled daily maximum unwarned; ties went up without a word)."""

from __future__ import annotations

import pytest

from peptidekit.dosing.nasal import Device, nasal_dose
from peptidekit.dosing.plausibility import check_dose, labelled_ceiling
from peptidekit.dosing.reconstitution import reconstitute
from peptidekit.dosing.rounding import round_count
from peptidekit.knowledge.index import dose_index
from peptidekit.units import Kind, parse_quantity, ureg

STRENGTH = parse_quantity("0.15%", Kind.CONCENTRATION)  # 1.5 mg/mL (label-selank)
SPRAY = Device("spray", ureg.Quantity(100, "uL"), "test")
DROP = Device("drop", ureg.Quantity(50, "uL"), "test")


def test_label_ceiling_is_the_smallest_labelled_limit() -> None:
    # label-selank states one limit: 900-2700 mcg is what may ('допустимо') be given in a
    # day. Its '2-3 drops into each nostril' has no 'no more than' (kb-audit-2, A4), so it
    # is no cap: 7 a day -> 2700 / 7 = 385.7 mcg each; 4 a day -> 675; once a day -> 2700
    mcg, why = labelled_ceiling("selank", "intranasal", 7)  # type: ignore[misc]
    assert mcg == pytest.approx(2700 / 7)
    assert "label-selank" in why
    assert labelled_ceiling("selank", "intranasal", 1)[0] == pytest.approx(2700)  # type: ignore[index]
    assert labelled_ceiling("selank", "intranasal", 4)[0] == pytest.approx(2700 / 4)  # type: ignore[index]
    assert labelled_ceiling("selank", "subcutaneous", 2) is None  # no labelled figure
    # Semax: '2-3 drops (no more)' into each nostril, 2 x 3 x 50 mcg = 300 mcg at once
    assert labelled_ceiling("semax", "intranasal", 3)[0] == pytest.approx(300)  # type: ignore[index]


def test_a_tie_that_would_pass_the_daily_maximum_rounds_down_and_says_why() -> None:
    # 375 mcg at 150 mcg a spray is 2.5 sprays; 3 sprays (450 mcg) x 7 = 3150 mcg a day,
    # over 2700 (the ceiling for 7 a day is 385.7 mcg): 2 sprays = 300 mcg, said.
    ceiling = labelled_ceiling("selank", "intranasal", 7)
    result = nasal_dose(STRENGTH, SPRAY, dose=parse_quantity("375mcg"), per_day=7, ceiling=ceiling)
    assert result.count == 2
    assert result.delivered_dose_mcg == pytest.approx(300)
    codes = [w.code for w in result.warnings]
    assert "rounded_down_to_limit" in codes
    delivered = ureg.Quantity(result.delivered_dose_mcg, "mcg")
    assert "over_daily_maximum" not in {
        w.code for w in check_dose("selank", "intranasal", delivered, per_day=7)
    }


def test_a_dose_asked_above_the_ceiling_is_not_hidden_by_rounding_down() -> None:
    # 800 mcg asked, 4 a day: already over 675; rounding must not disguise it
    ceiling = labelled_ceiling("selank", "intranasal", 4)
    result = nasal_dose(STRENGTH, DROP, dose=parse_quantity("800mcg"), ceiling=ceiling)
    assert result.count == 11  # 800 / 75 = 10.67 -> 11 drops, the nearest
    delivered = ureg.Quantity(result.delivered_dose_mcg, "mcg")
    codes = {w.code for w in check_dose("selank", "intranasal", delivered, per_day=4)}
    assert "over_daily_maximum" in codes  # 4 x 825 = 3300 mcg > 2700


def test_a_halfway_draw_says_which_way_it_went() -> None:
    # 5 mg in 3 mL, 250 mcg = 0.15 mL = 15 units: halfway between the 14 and 16 marks
    result = reconstitute(
        parse_quantity("5mg"), parse_quantity("3mL"), parse_quantity("250mcg"), barrel_ml=1.0
    )
    assert result.tick_units == 16
    halfway = [w for w in result.warnings if w.code == "halfway_rounded_up"]
    assert halfway
    assert "between 14 and 16" in halfway[0].message


def test_a_syringe_tie_over_a_ceiling_goes_down() -> None:
    # 15 units at 16.667 mcg a unit; a ceiling of 260 mcg: 16 units (266.7) is over it
    ticks, warnings = round_count(15.0, 50 / 3, (260.0, "a test limit"), what="units", step=2.0)
    assert ticks == 14
    assert warnings[0].code == "rounded_down_to_limit"
    assert "a test limit" in warnings[0].message


def test_forty_drops_warn_past_the_labels_volume_per_nostril() -> None:
    # Semax's label: '2-3 drops (no more)' a nostril, 150 mcg at 1 mg/mL = 150 uL.
    # Selank's label gives 2-3 drops a nostril with no 'no more than': no volume limit.
    limit = dose_index().per_nostril_volume("semax")
    assert limit is not None
    assert limit[0] == pytest.approx(150)
    assert dose_index().per_nostril_volume("selank") is None
    weak = parse_quantity("0.01%", Kind.CONCENTRATION)
    many = nasal_dose(weak, DROP, count=40, max_per_nostril_ul=limit)
    assert "over_label_volume_per_nostril" in {w.code for w in many.warnings}
    label = nasal_dose(STRENGTH, DROP, count=6, max_per_nostril_ul=limit)  # 3 + 3 drops
    assert "over_label_volume_per_nostril" not in {w.code for w in label.warnings}


def test_days_per_vial_beyond_the_shelf_life_are_warned() -> None:
    # 10 mg in 2 mL, 250 mcg a day = 0.05 mL: 40 doses, but a 28-day shelf life
    result = reconstitute(
        parse_quantity("10mg"),
        parse_quantity("2mL"),
        parse_quantity("250mcg"),
        barrel_ml=0.3,
        per_day=1,
        dead_space=parse_quantity("0mL", allow_zero=True),
        shelf_life=(28.0, "test shelf life"),
    )
    assert result.days_per_vial == 40
    found = [w for w in result.warnings if w.code == "outlasts_shelf_life"]
    assert found
    assert "12 doses" in found[0].message
