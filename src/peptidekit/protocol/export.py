"""Exports of a plan: iCalendar (one event per dose, with an alarm) and safe CSV."""

from __future__ import annotations

import datetime as dt
import hashlib

from peptidekit.csvsafe import safe_cell, safe_csv
from peptidekit.protocol.plan import Plan
from peptidekit.results import DISCLAIMER

__all__ = ["CSV_COLUMNS", "safe_cell", "to_csv", "to_ics"]

CSV_COLUMNS = (
    "number",
    "cycle",
    "day_of_course",
    "date",
    "time",
    "local",
    "utc",
    "compound",
    "route",
    "dose_mcg",
    "delivered_mcg",
    "draw",
    "phase",
    "note",
)


def to_csv(plan: Plan) -> str:
    spec = plan.schedule.spec
    rows = (
        {**row, "compound": spec.compound or "", "route": spec.route} for row in plan.dose_rows()
    )
    return safe_csv(CSV_COLUMNS, ([row[c] for c in CSV_COLUMNS] for row in rows))


def to_ics(plan: Plan, *, stamp: dt.datetime | None = None, alarm_minutes: int = 0) -> bytes:
    """An iCalendar file with one event per dose in the plan's time zone, each with an alarm."""
    from icalendar import Alarm, Calendar, Event

    spec = plan.schedule.spec
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    name = spec.compound or "peptide"
    calendar = Calendar()
    calendar.add("prodid", "-//peptidekit//dose plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{name} plan")
    seed = hashlib.sha256(
        f"{name}|{spec.route}|{spec.start}|{spec.tz}|{len(plan.schedule.doses)}".encode()
    ).hexdigest()[:12]
    for dose in plan.schedule.doses:
        event = Event()
        event.add("uid", f"{seed}-{dose.number}@peptidekit")
        event.add("dtstamp", stamp)
        event.add("dtstart", dose.at)
        event.add("duration", dt.timedelta(minutes=5))
        delivery = plan.delivery(dose)
        text = f"{name} {dose.to_dict()['dose']} ({spec.route})" + (
            "" if delivery is None else f": {delivery.draw}"
        )
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
