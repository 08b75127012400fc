"""The planner checks and shows the dose delivered at the syringe's marks."""

from __future__ import annotations

import csv
import io

import pytest
from icalendar import Calendar

from peptidekit.protocol.export import to_csv, to_ics
from peptidekit.protocol.plan import make_plan, vial_source
from peptidekit.protocol.spec import TitrationStep, parse_times
from peptidekit.units import parse_quantity
from tests.unit.protocol.factories import spec


def _vial(diluent: str = "3mL", barrel: float = 1.0) -> object:
    return vial_source(
        parse_quantity("5mg"),
        parse_quantity(diluent),
        shelf_life_days=28,
        shelf_life_source="test",
        barrel_ml=barrel,
    )


def test_every_export_shows_the_draw_and_the_delivered_dose() -> None:
    # 5 mg in 3 mL = 1.667 mg/mL; 250 mcg = 15 units -> 16 units on 2-unit ticks
    # = 0.16 mL x 1666.7 mcg/mL = 266.7 mcg, by hand
    plan = make_plan(spec(course_days=2), _vial())  # type: ignore[arg-type]
    row = plan.to_dict()["doses"][0]
    assert row["delivered_mcg"] == pytest.approx(0.16 * 5000 / 3)
    assert row["draw"].startswith("draw 16 units (0.16 mL)")
    assert "266.7 mcg" in row["draw"]
    table = list(csv.DictReader(io.StringIO(to_csv(plan))))
    assert table[0]["draw"] == row["draw"]
    assert float(table[0]["delivered_mcg"]) == pytest.approx(266.6667, rel=1e-4)
    calendar = Calendar.from_ical(to_ics(plan))
    summaries = [str(e.get("summary")) for e in calendar.walk("VEVENT")]
    assert all("draw 16 units" in s for s in summaries)
    assert "tick_rounding" in {w.code for w in plan.warnings}  # +6.7% is said


def test_titration_steps_are_checked_against_the_daily_maximum() -> None:
    # three times a day at 1000 mcg = 3000 mcg a day, over the labelled 2700 (label-selank)
    titrating = spec(
        compound="Selank",
        route="intranasal",
        dose=parse_quantity("300mcg"),
        times=parse_times("08:00,14:00,20:00"),
        titration=(TitrationStep(parse_quantity("1000mcg"), 2),),
    )
    messages = [w.message for w in make_plan(titrating).warnings if w.code == "over_daily_maximum"]
    assert any("3 x 1000 mcg" in m for m in messages)


def test_leftover_of_a_used_up_vial_counts_as_waste() -> None:
    # 5 mg vial, 2000 mcg a day (0.8 mL of 2 mL on a 1 mL barrel): two doses take 4000,
    # the 1000 mcg left cannot make a third, so each vial wastes 1000 mcg
    plan = make_plan(
        spec(dose=parse_quantity("2000mcg"), course_days=4),
        _vial(diluent="2mL"),  # type: ignore[arg-type]
    )
    assert plan.supply is not None
    closed = [c for c in plan.supply.containers if c.closed_because == "used up"]
    assert len(closed) == 1
    assert closed[0].wasted_mcg == pytest.approx(1000)
    assert plan.supply.wasted_mcg == pytest.approx(1000)  # the last vial is still in use
