"""Supply over a schedule, checks against the label, and the ICS and CSV exports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from icalendar import Calendar

from peptidekit.dosing.nasal import Device
from peptidekit.protocol.export import safe_cell, to_csv, to_ics
from peptidekit.protocol.plan import Plan, bottle_source, make_plan, vial_source
from peptidekit.protocol.schedule import build_schedule
from peptidekit.protocol.spec import parse_times
from peptidekit.units import Kind, parse_quantity, ureg
from tests.unit.protocol.factories import spec


def test_vial_expires_before_it_is_used_up() -> None:
    # 10 mg vial, 250 mcg a day for 40 days, 28-day shelf life once reconstituted:
    # vial 1 serves days 1-29 (opened 08:00 day 1, discard by 08:00 day 29, inclusive),
    # i.e. 29 doses = 7250 mcg, and 2750 mcg are wasted; vial 2 serves the other 11.
    source = vial_source(
        parse_quantity("10mg"),
        parse_quantity("2mL"),
        shelf_life_days=28,
        shelf_life_source="test",
        barrel_ml=0.3,
    )
    plan = make_plan(spec(course_days=40), source)
    assert plan.supply is not None
    first, second = plan.supply.containers
    assert (first.doses, second.doses) == (29, 11)
    assert first.closed_because == "expired"
    assert first.remaining_mcg == pytest.approx(10_000 - 29 * 250)
    assert plan.supply.wasted_mcg == pytest.approx(2750)
    [warning] = [w for w in plan.warnings if w.code == "expires_before_used_up"]
    assert "2750 mcg unused" in warning.message
    assert first.discard_by == dt.datetime(2026, 12, 29, 8, 0, tzinfo=first.opened.tzinfo)


def test_dead_space_is_taken_from_the_vial() -> None:
    # 5 mg in 2 mL = 2.5 mg/mL; each 250 mcg draw takes 0.1 mL + 0.07 mL dead space
    # = 0.17 mL = 425 mcg; 14 doses need 5950 mcg: two vials
    source = vial_source(
        parse_quantity("5mg"),
        parse_quantity("2mL"),
        shelf_life_days=28,
        shelf_life_source="test",
        barrel_ml=0.3,
        dead_space=parse_quantity("0.07mL"),
    )
    plan = make_plan(spec(), source)
    assert plan.supply is not None
    assert plan.supply.used_mcg == pytest.approx(14 * 425)
    assert plan.supply.delivered_mcg == pytest.approx(14 * 250)
    assert [c.doses for c in plan.supply.containers] == [11, 3]  # floor(5000 / 425) = 11


def test_nasal_bottles_for_the_label_regimen() -> None:
    # 0.15%, 50 uL drops: 300 mcg = 4 drops = 0.2 mL; 3 mL bottle = 15 doses;
    # 3 a day for 14 days = 42 doses: 3 bottles
    device = Device("drop", ureg.Quantity(50, "uL"), "test")
    source = bottle_source(
        parse_quantity("3mL"),
        parse_quantity("0.15%", Kind.CONCENTRATION),
        device,
        shelf_life_days=None,
        shelf_life_source="none known",
    )
    plan = make_plan(
        spec(
            route="intranasal", dose=parse_quantity("300mcg"), times=parse_times("8:00,14:00,20:00")
        ),
        source,
    )
    assert plan.supply is not None
    assert [c.doses for c in plan.supply.containers] == [15, 15, 12]
    assert "shelf_life_unknown" in {w.code for w in plan.warnings}


def test_label_checks_for_selank() -> None:
    plan = make_plan(
        spec(
            compound="Selank",
            route="intranasal",
            dose=parse_quantity("900mcg"),
            times=parse_times("08:00,12:00,16:00,20:00"),
            course_days=21,
            break_days=3,
            cycles=2,
        )
    )
    codes = [w.code for w in plan.warnings]
    assert codes == [
        "over_daily_maximum",  # 4 x 900 = 3600 mcg, over the 2700 mcg 'permissible' a day
        # no over_labelled_cap: 900 mcg at once is the label's own single dose, and no
        # Selank label copy says 'no more than 2-3 drops' (kb-audit-2, A4)
        "course_longer_than_label",
        "break_shorter_than_label",
    ]


def test_ics_round_trips_through_a_parser() -> None:
    plan = make_plan(
        spec(course_days=10, every_days=2, tz="America/New_York", start=dt.date(2026, 10, 28))
    )
    stamp = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    calendar = Calendar.from_ical(to_ics(plan, stamp=stamp))
    events = calendar.walk("VEVENT")
    assert len(events) == len(plan.schedule.doses) == 5
    for event, dose in zip(events, plan.schedule.doses, strict=True):
        start = event.decoded("dtstart")
        assert start == dose.at
        assert str(start.tzinfo) == "America/New_York"
        assert start.strftime("%H:%M") == "08:00"
        [alarm] = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert "not medical advice" in str(event["description"])
    assert len({str(e["uid"]) for e in events}) == 5
    assert calendar.walk("VTIMEZONE")  # the zone travels with the file
    assert to_ics(plan, stamp=stamp) == to_ics(plan, stamp=stamp)  # deterministic


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Selank", "Selank"),
        (300.0, "300.0"),
        (None, ""),
    ],
)
def test_csv_cells_cannot_start_a_formula(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


def test_csv_export_neutralises_a_hostile_compound_name() -> None:
    schedule = build_schedule(spec(compound='=HYPERLINK("x")', course_days=2))
    rows = list(csv.DictReader(io.StringIO(to_csv(Plan(schedule, None, ())))))
    assert len(rows) == 2
    assert rows[0]["compound"] == '\'=HYPERLINK("x")'
    assert rows[0]["date"] == "2026-12-01"
    assert rows[0]["utc"] == "2026-12-01T05:00:00+00:00"  # 08:00 Moscow = 05:00 UTC
