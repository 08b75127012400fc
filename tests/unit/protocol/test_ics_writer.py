"""The calendar writer (issue 30, point 7: 17,568 doses took 7.4 s through the icalendar
library's event objects). Its output is checked byte for byte against the same calendar
built event by event with the icalendar library, and its folding and escaping against
the library's own functions on generated text."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from peptidekit.protocol.export import _duration, _fold, _text, ics_chunks, to_ics
from peptidekit.protocol.stack import StackPlan
from peptidekit.results import DISCLAIMER
from peptidekit.web.routes import plan as services

STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def library_ics(plan: Any, stamp: dt.datetime, alarm_minutes: int = 0) -> bytes:
    """The calendar as the icalendar library writes it, one Event object per dose."""
    from icalendar import Alarm, Event

    plans = plan.plans if isinstance(plan, StackPlan) else (plan,)
    title = plan.name if isinstance(plan, StackPlan) else plans[0].schedule.spec.compound
    calendar = Calendar()
    calendar.add("prodid", "-//peptidekit//dose plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{title or 'peptide'} plan")
    for number, component in enumerate(plans):
        spec = component.schedule.spec
        name = spec.compound or "peptide"
        salt = "" if number == 0 else f"|{number}"
        key = f"{name}|{spec.route}|{spec.start}|{spec.tz}|{len(component.schedule.doses)}{salt}"
        seed = hashlib.sha256(key.encode()).hexdigest()[:12]
        for dose in component.schedule.doses:
            event = Event()
            event.add("uid", f"{seed}-{dose.number}@peptidekit")
            event.add("dtstamp", stamp)
            event.add("dtstart", dose.at)
            event.add("duration", dt.timedelta(minutes=5))
            delivery = component.delivery(dose)
            text = f"{name} {dose.to_dict()['dose']} ({spec.route})"
            text += "" if delivery is None else f": {delivery.draw}"
            event.add("summary", text)
            event.add(
                "description",
                f"Dose {dose.number}, cycle {dose.cycle}, day {dose.day_of_course} of "
                f"{spec.course_days}. {DISCLAIMER}",
            )
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", text)
            alarm.add("trigger", dt.timedelta(minutes=-alarm_minutes))
            event.add_component(alarm)
            calendar.add_component(event)
    calendar.add_missing_timezones()
    ics: bytes = calendar.to_ical()
    return ics


PLANS = [
    {"route": "subcutaneous", "dose": "250mcg", "times": "08:00,20:00", "course": "3d",
     "start": "2026-03-28", "tz": "Europe/Moscow", "compound": "selank", "vial": "5mg",
     "diluent": "2mL"},
    {"route": "intranasal", "dose": "300mcg", "times": "08:00", "course": "3d",
     "start": "2026-03-28", "tz": "UTC", "compound": "selank", "bottle": "3mL",
     "concentration": "0.15%"},
    {"route": "intranasal", "dose": "300mcg", "times": "01:30", "course": "4d",
     "start": "2026-10-31", "tz": "America/New_York"},  # over a DST change
    {"route": "intranasal", "dose": "300mcg", "times": "08:00", "course": "2d",
     "start": "2026-10-24", "tz": "Etc/UTC"},
]  # fmt: skip


@pytest.mark.parametrize("query", PLANS, ids=lambda q: q["tz"])
@pytest.mark.parametrize("alarm", [0, 15, 90, 1440])
def test_the_calendar_is_what_the_library_writes(query: dict[str, str], alarm: int) -> None:
    plan = services.make_plan(query)
    assert to_ics(plan, stamp=STAMP, alarm_minutes=alarm) == library_ics(plan, STAMP, alarm)


def test_a_stack_calendar_is_what_the_library_writes() -> None:
    stack = services.make_stack(
        {
            "components": "selank 300mcg intranasal 08:00,14:00 bottle=3mL concentration=0.15%\n"
            "semax 200mcg intranasal 08:00 bottle=3mL concentration=0.1%",
            "course": "5d",
            "start": "2026-12-01",
            "tz": "Europe/Moscow",
        }
    )
    ours = to_ics(stack, stamp=STAMP)
    assert ours == library_ics(stack, STAMP)
    events = Calendar.from_ical(ours).walk("VEVENT")
    assert len(events) == sum(len(p.schedule.doses) for p in stack.plans)


def test_a_long_calendar_comes_in_pieces_that_make_the_whole() -> None:
    query = {**PLANS[0], "times": ",".join(f"{h:02d}:00" for h in range(24)), "course": "60d"}
    plan = services.make_plan(query)
    pieces = list(ics_chunks(plan, stamp=STAMP))
    assert len(pieces) > 3  # 1,440 events in pieces of 500, head and end
    assert b"".join(pieces) == to_ics(plan, stamp=STAMP)
    lines = b"".join(pieces).split(b"\r\n")
    assert max(len(line) for line in lines) <= 75  # octets, RFC 5545 3.1
    assert len(Calendar.from_ical(b"".join(pieces)).walk("VEVENT")) == 1440


TEXT = st.text(
    alphabet=st.sampled_from("ab ,;\\:\nµé漢𝄞-"), min_size=0, max_size=300
)  # ASCII, escapes, and characters of 2, 3 and 4 octets


@given(TEXT)
def test_escaping_and_folding_match_the_library(value: str) -> None:
    from icalendar import Event

    event = Event()
    event.add("description", value)
    written = event.to_ical().decode()
    expected = written.removeprefix("BEGIN:VEVENT\r\n").removesuffix("\r\nEND:VEVENT\r\n")
    assert _fold(f"DESCRIPTION:{_text(value)}") == expected


@pytest.mark.parametrize(
    ("minutes", "expected"), [(0, "P0D"), (-15, "-PT15M"), (-90, "-PT1H30M"), (-1440, "-P1D")]
)
def test_alarm_durations(minutes: int, expected: str) -> None:
    assert _duration(dt.timedelta(minutes=minutes)) == expected
