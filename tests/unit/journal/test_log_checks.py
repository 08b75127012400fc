"""A logged dose is the draw at the syringe's marks, and odd logs are warned, on SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from peptidekit.errors import ConfirmationNeededError, InputError
from peptidekit.journal.core import repeat_window
from peptidekit.store.journal import Journal, SyringeChoice
from tests.unit.journal.test_journal import add_vial, at, spec


@pytest.fixture
def ana(journal: Journal) -> Journal:
    journal.create_profile("ana", "Europe/Moscow")
    return journal


def test_the_vial_gives_the_draw_not_the_typed_dose(ana: Journal) -> None:
    # 5 mg in 3 mL on a 1 mL barrel: 250 mcg is 15 units, drawn as 16 = 266.67 mcg
    vial = add_vial(ana, volume_ml=3.0)
    logged = ana.log_dose(
        "ana", at=at(1, 6), amount_mcg=250, vial_id=vial, syringe=SyringeChoice(1.0)
    )
    assert logged.event.amount_mcg == pytest.approx(0.16 * 5000 / 3)
    assert logged.event.asked_mcg == 250
    assert logged.event.draw_units == 16
    assert logged.draw is not None
    assert logged.draw.startswith("16 units on a 1 mL")
    assert ana.vials("ana")[0].remaining_mcg == pytest.approx(5000 - 0.16 * 5000 / 3)


def test_a_dose_far_from_the_plan_or_repeated_is_warned(ana: Journal) -> None:
    ana.add_protocol("ana", spec(), "course")  # 250 mcg at 08:00 and 20:00 Moscow
    vial = add_vial(ana)
    first = ana.log_dose("ana", at=at(1, 5), amount_mcg=250, vial_id=vial)
    assert first.warnings == ()
    # 2500 mcg against the planned 250 at 20:00 Moscow (17:00 UTC)
    big = ana.log_dose("ana", at=at(1, 17), amount_mcg=2500, vial_id=vial)
    assert "differs_from_planned" in {w.code for w in big.warnings}
    # 30 minutes after the first: a repeat (08:00 and 20:00: the window is 6 hours)
    again = ana.log_dose("ana", at=at(1, 5, 30), amount_mcg=250, vial_id=vial)
    assert "repeated_dose" in {w.code for w in again.warnings}
    # on the break day (3 Dec) nothing is planned; the route is the one the profile's
    # protocols use for Selank, so 2500 mcg is still checked: 10x the sources' 250-750 mcg
    unplanned = ana.log_dose("ana", at=at(3, 9), amount_mcg=2500, compound="Selank")
    assert unplanned.event.planned_dose_id is None
    assert unplanned.event.route == "subcutaneous"
    assert "likely_decimal_slip" in {w.code for w in unplanned.warnings}


def test_without_confirmation_a_warned_dose_is_not_written(ana: Journal) -> None:
    vial = add_vial(ana)
    ana.log_dose("ana", at=at(1, 5), amount_mcg=250, vial_id=vial, route="subcutaneous")
    with pytest.raises(ConfirmationNeededError) as refused:
        ana.log_dose("ana", at=at(1, 5, 20), amount_mcg=250, vial_id=vial, confirm=False)
    assert refused.value.warnings[0]["code"] == "repeated_dose"
    assert len(ana.history("ana")) == 1
    assert ana.vials("ana")[0].remaining_mcg == pytest.approx(4750)


def test_a_day_over_the_labelled_maximum_is_warned(ana: Journal) -> None:
    # intranasal Selank: at most 2700 mcg a day (label); 3 x 1000 mcg from a bottle
    bottle = add_vial(ana, kind="bottle", amount_mcg=4500.0, volume_ml=3.0)
    codes: set[str] = set()
    for hour in (5, 11, 17):
        logged = ana.log_dose(
            "ana", at=at(2, hour), amount_mcg=1000, vial_id=bottle, route="intranasal"
        )
        codes |= {w.code for w in logged.warnings}
    assert "above_reference_range" in codes  # 1000 > 900 per administration
    assert "over_daily_maximum" in codes  # 3000 > 2700 on 2 Dec


def test_journal_times_far_from_the_calendar_are_refused(ana: Journal) -> None:
    for when in (
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC),
        dt.datetime.min.replace(tzinfo=dt.UTC),
    ):
        with pytest.raises(InputError, match="1970 to 2199"):
            ana.log_dose("ana", at=when, amount_mcg=250)


def test_repeat_window_is_half_the_shortest_gap() -> None:
    assert repeat_window(["08:00", "20:00"]) == dt.timedelta(hours=6)
    assert repeat_window(["08:00", "14:00", "20:00"]) == dt.timedelta(hours=3)
    assert repeat_window(["09:00"]) == dt.timedelta(hours=12)
