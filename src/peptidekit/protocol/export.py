"""Exports of a plan: iCalendar (one event per dose, with an alarm) and safe CSV."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from peptidekit.protocol.plan import DISCLAIMER, Plan

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
    "phase",
    "note",
)


def to_csv(plan: Plan) -> str:
    spec = plan.schedule.spec
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for dose in plan.schedule.doses:
        row = {**dose.to_dict(), "compound": spec.compound or "", "route": spec.route}
        writer.writerow([safe_cell(row[column]) for column in CSV_COLUMNS])
    return out.getvalue()


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
        text = f"{name} {dose.to_dict()['dose']} ({spec.route})"
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
