"""Exports of a plan: iCalendar (one event per dose, with an alarm) and safe CSV."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from peptidekit.csvsafe import safe_cell, safe_csv
from peptidekit.protocol.plan import Plan
from peptidekit.protocol.stack import StackPlan
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


def to_csv(plan: Plan | StackPlan) -> str:
    """Every dose, one row each (a stack's components in time order, each named)."""
    if isinstance(plan, StackPlan):
        rows = plan.dose_rows()
    else:
        spec = plan.schedule.spec
        rows = [
            {**row, "compound": spec.compound or "", "route": spec.route}
            for row in plan.dose_rows()
        ]
    return safe_csv(
        CSV_COLUMNS,
        ([row[c] or "" if c == "compound" else row[c] for c in CSV_COLUMNS] for row in rows),
    )


def to_ics(
    plan: Plan | StackPlan, *, stamp: dt.datetime | None = None, alarm_minutes: int = 0
) -> bytes:
    """An iCalendar file with one event per dose in the plan's time zone, each with an
    alarm; a stack's components share one calendar, each event naming its compound."""
    from icalendar import Calendar

    plans = plan.plans if isinstance(plan, StackPlan) else (plan,)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    title = plan.name if isinstance(plan, StackPlan) else plans[0].schedule.spec.compound
    calendar = Calendar()
    calendar.add("prodid", "-//peptidekit//dose plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{title or 'peptide'} plan")
    for number, component in enumerate(plans):
        _add_events(calendar, component, stamp, alarm_minutes, "" if number == 0 else f"|{number}")
    calendar.add_missing_timezones()
    ics: bytes = calendar.to_ical()
    return ics


def _add_events(
    calendar: Any, plan: Plan, stamp: dt.datetime, alarm_minutes: int, salt: str
) -> None:
    from icalendar import Alarm, Event

    spec = plan.schedule.spec
    name = spec.compound or "peptide"
    seed = hashlib.sha256(
        f"{name}|{spec.route}|{spec.start}|{spec.tz}|{len(plan.schedule.doses)}{salt}".encode()
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
