"""Schedules: daylight saving, leap day, weekdays from mid-week, titration, refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from peptidekit.errors import InputError, QuantityError
from peptidekit.protocol.schedule import build_schedule, local_datetime
from peptidekit.protocol.spec import (
    parse_days,
    parse_times,
    parse_titration,
    parse_weekdays,
)
from peptidekit.units import parse_quantity
from tests.unit.protocol.factories import spec


def test_every_other_day_across_the_new_york_dst_change() -> None:
    # 2026-11-01: clocks go back in New York. Start 2026-10-28, every 2 days at 08:00.
    schedule = build_schedule(
        spec(start=dt.date(2026, 10, 28), course_days=10, every_days=2, tz="America/New_York")
    )
    dates = [d.at.date() for d in schedule.doses]
    assert dates == [dt.date(2026, 10, 28) + dt.timedelta(days=2 * i) for i in range(5)]
    assert {d.at.strftime("%H:%M") for d in schedule.doses} == {"08:00"}
    # EDT (UTC-4) before the change, EST (UTC-5) after: 12:00 UTC then 13:00 UTC
    utc_hours = [d.at.astimezone(dt.UTC).hour for d in schedule.doses]
    assert utc_hours == [12, 12, 13, 13, 13]
    assert schedule.warnings == ()


def test_leap_day_is_a_calendar_day() -> None:
    daily = build_schedule(spec(start=dt.date(2028, 2, 27), course_days=4))
    assert [d.at.date().isoformat() for d in daily.doses] == [
        "2028-02-27",
        "2028-02-28",
        "2028-02-29",
        "2028-03-01",
    ]
    alternate = build_schedule(spec(start=dt.date(2028, 2, 27), course_days=5, every_days=2))
    assert [d.at.day for d in alternate.doses] == [27, 29, 2]


def test_weekdays_from_a_course_that_starts_on_a_wednesday() -> None:
    # 2026-12-02 is a Wednesday; a 14-day course ends Tuesday 2026-12-15
    schedule = build_schedule(
        spec(start=dt.date(2026, 12, 2), weekdays=parse_weekdays("mon,wed,fri"))
    )
    assert [d.at.date().day for d in schedule.doses] == [2, 4, 7, 9, 11, 14]
    assert {d.at.strftime("%a") for d in schedule.doses} == {"Mon", "Wed", "Fri"}


def test_titration_only_in_the_first_course() -> None:
    schedule = build_schedule(
        spec(
            course_days=5,
            break_days=2,
            cycles=2,
            dose=parse_quantity("300mcg"),
            titration=parse_titration("150mcg for 2d; 225mcg for 1d"),
        )
    )
    first = [(d.dose.m_as("mcg"), d.phase) for d in schedule.doses if d.cycle == 1]
    assert first == [
        (150, "titration"),
        (150, "titration"),
        (225, "titration"),
        (300, "maintenance"),
        (300, "maintenance"),
    ]
    assert {d.dose.m_as("mcg") for d in schedule.doses if d.cycle == 2} == {300}


def test_courses_breaks_and_cycles() -> None:
    schedule = build_schedule(spec(course_days=14, break_days=7, cycles=3))
    kinds = [(p.cycle, p.kind, p.first.isoformat(), p.days) for p in schedule.periods]
    assert kinds == [
        (1, "course", "2026-12-01", 14),
        (1, "break", "2026-12-15", 7),
        (2, "course", "2026-12-22", 14),
        (2, "break", "2027-01-05", 7),
        (3, "course", "2027-01-12", 14),
        (3, "break", "2027-01-26", 7),
    ]
    assert len(schedule.doses) == 42
    assert [d.number for d in schedule.doses] == list(range(1, 43))


def test_spring_forward_gap_moves_the_dose_and_says_so() -> None:
    at, note = local_datetime(dt.date(2026, 3, 8), dt.time(2, 30), "America/New_York")
    assert at.strftime("%H:%M") == "03:30"
    assert note is not None
    assert "does not exist" in note
    schedule = build_schedule(
        spec(
            start=dt.date(2026, 3, 8),
            course_days=1,
            times=parse_times("02:30"),
            tz="America/New_York",
        )
    )
    assert [w.code for w in schedule.warnings] == ["daylight_saving"]


def test_fall_back_repeated_hour_takes_the_first() -> None:
    at, note = local_datetime(dt.date(2026, 11, 1), dt.time(1, 30), "America/New_York")
    assert at.utcoffset() == dt.timedelta(hours=-4)  # still EDT
    assert note is not None
    assert "happens twice" in note


@pytest.mark.parametrize(
    ("call", "phrase"),
    [
        (lambda: parse_times("8am"), "not a 24-hour time"),
        (lambda: parse_times("24:00"), "not a 24-hour time"),
        (lambda: parse_times("08:00,08:00"), "repeats"),
        (lambda: parse_weekdays("mon,funday"), "not a weekday"),
        (lambda: parse_days("36h", "--course"), "whole number of days"),
        (lambda: parse_titration("150mcg 3d"), "DOSE for DAYS"),
        (lambda: spec(tz="Mars/Olympus"), "unknown time zone"),
        (lambda: spec(every_days=2, weekdays=frozenset({0})), "not both"),
        (lambda: spec(course_days=2, titration=parse_titration("150mcg for 3d")), "longer"),
        (lambda: spec(cycles=0), "cycles 0"),
        (lambda: spec(break_days=3_000_000, cycles=2), "end after the year 9999"),
    ],
)
def test_refusals(call: Any, phrase: str) -> None:
    with pytest.raises(InputError) as caught:
        call()
    assert phrase in caught.value.message


def test_days_refuse_months_and_commas() -> None:
    with pytest.raises(QuantityError, match="no fixed length"):
        parse_days("1 month", "--course")
    with pytest.raises(QuantityError, match="comma"):
        parse_days("1,5d", "--course")


def test_spec_from_text_reads_what_a_person_typed() -> None:
    from peptidekit.protocol.spec import spec_from_text

    typed = {
        "compound": "SELANK",
        "route": "intranasal",
        "dose": "0.3 mg",
        "times": "20:00,08:00",
        "course": "2 weeks",
        "break_": "7d",
        "cycles": "3",
        "start": "2026-12-01",
        "every": "",
        "weekdays": None,
        "titrate": "150mcg for 3d",
    }
    parsed = spec_from_text(typed, "Europe/Moscow")
    assert parsed.compound == "Selank"  # canonical name
    assert parsed.dose.m_as("mcg") == pytest.approx(300)
    assert parsed.times == (dt.time(8), dt.time(20))
    assert (parsed.course_days, parsed.break_days, parsed.cycles) == (14, 7, 3)
    assert parsed.every_days == 1
    assert parsed.weekdays is None
    assert parsed.titration[0].days == 3
    with pytest.raises(InputError, match="give every or weekdays, not both") as both:
        spec_from_text({**typed, "every": "2d", "weekdays": "mon"}, "UTC")
    assert both.value.field == "weekdays"
    with pytest.raises(InputError, match="course '36h'") as half:
        spec_from_text({**typed, "course": "36h"}, "UTC")
    assert half.value.field == "course"
