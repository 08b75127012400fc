"""Exports of a plan: iCalendar (one event per dose, with an alarm) and safe CSV."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator

from peptidekit.csvsafe import safe_cell, safe_csv
from peptidekit.protocol.plan import Plan
from peptidekit.protocol.stack import StackPlan
from peptidekit.results import DISCLAIMER

__all__ = ["CSV_COLUMNS", "ics_chunks", "safe_cell", "to_csv", "to_ics"]

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
    return b"".join(ics_chunks(plan, stamp=stamp, alarm_minutes=alarm_minutes))


def ics_chunks(
    plan: Plan | StackPlan, *, stamp: dt.datetime | None = None, alarm_minutes: int = 0
) -> Iterator[bytes]:
    """``to_ics`` in pieces of a few hundred events, to stream. The calendar's head and
    its VTIMEZONE come from the icalendar library; the events, all alike, are written
    here line by line (RFC 5545 escaping and folding): the library took 7 s for a
    year's 17,568 doses, mostly folding lines one character at a time."""
    plans = plan.plans if isinstance(plan, StackPlan) else (plan,)
    stamp = (stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)).astimezone(dt.UTC)
    title = plan.name if isinstance(plan, StackPlan) else plans[0].schedule.spec.compound
    yield _head(plans, f"{title or 'peptide'} plan")
    trigger = _duration(-dt.timedelta(minutes=alarm_minutes))
    for number, component in enumerate(plans):
        salt = "" if number == 0 else f"|{number}"
        lines: list[str] = []
        for n, event in enumerate(_events(component, stamp, trigger, salt), start=1):
            lines += event
            if n % 500 == 0:
                yield _crlf(lines)
                lines = []
        yield _crlf(lines)
    yield b"END:VCALENDAR\r\n"


def _head(plans: tuple[Plan, ...], name: str) -> bytes:
    """BEGIN:VCALENDAR, its properties and a VTIMEZONE for each zone used."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//peptidekit//dose plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for plan in plans:
        if plan.schedule.doses:
            probe = Event()  # names the zone, so that its VTIMEZONE is added
            probe.add("dtstart", plan.schedule.doses[0].at)
            calendar.add_component(probe)
    calendar.add_missing_timezones()
    calendar.subcomponents = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    head: bytes = calendar.to_ical()
    return head.removesuffix(b"END:VCALENDAR\r\n")


def _events(plan: Plan, stamp: dt.datetime, trigger: str, salt: str) -> Iterator[list[str]]:
    from icalendar.timezone.tzid import tzid_from_dt

    spec = plan.schedule.spec
    name = spec.compound or "peptide"
    doses = plan.schedule.doses
    seed = hashlib.sha256(
        f"{name}|{spec.route}|{spec.start}|{spec.tz}|{len(doses)}{salt}".encode()
    ).hexdigest()[:12]
    tzid = tzid_from_dt(doses[0].at) if doses else None
    dtstamp = f"DTSTAMP:{stamp:%Y%m%dT%H%M%S}Z"
    for dose in doses:
        delivery = plan.delivery(dose)
        text = _text(
            f"{name} {dose.to_dict()['dose']} ({spec.route})"
            + ("" if delivery is None else f": {delivery.draw}")
        )
        if tzid == "UTC":
            start = f"DTSTART:{dose.at.astimezone(dt.UTC):%Y%m%dT%H%M%S}Z"
        else:
            start = f"DTSTART;TZID={tzid}:{dose.at:%Y%m%dT%H%M%S}"
        description = _text(
            f"Dose {dose.number}, cycle {dose.cycle}, day {dose.day_of_course} of "
            f"{spec.course_days}. {DISCLAIMER}"
        )
        yield [
            "BEGIN:VEVENT",
            _fold(f"SUMMARY:{text}"),
            start,
            "DURATION:PT5M",
            dtstamp,
            f"UID:{seed}-{dose.number}@peptidekit",
            _fold(f"DESCRIPTION:{description}"),
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            _fold(f"DESCRIPTION:{text}"),
            f"TRIGGER:{trigger}",
            "END:VALARM",
            "END:VEVENT",
        ]


def _crlf(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode() if lines else b""


def _text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and newline escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str, limit: int = 75) -> str:
    """A content line folded to at most ``limit`` octets a line (RFC 5545 3.1), never
    inside a character or between a backslash and the character it escapes."""
    if line.isascii():  # one octet a character: cut by slices
        if len(line) < limit:
            return line
        cuts, at = [], 0
        while len(line) - at >= limit:
            end = at + limit - 1
            if line[end - 1] == "\\" and end - 1 > at + 1:
                end -= 1
            cuts.append(line[at:end])
            at = end
        return "\r\n ".join([*cuts, line[at:]])
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode())
        if current and size + width >= limit:
            carry = [current.pop()] if len(current) > 1 and current[-1] == "\\" else []
            pieces.append("".join(current))
            current, size = carry, sum(len(c.encode()) for c in carry)
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _duration(td: dt.timedelta) -> str:
    """An RFC 5545 DURATION (``P0D``, ``-PT15M``, ``-P1DT2H``)."""
    sign = "-" if td.days < 0 else ""
    td = -td if td.days < 0 else td
    hours, minutes, seconds = td.seconds // 3600, td.seconds % 3600 // 60, td.seconds % 60
    time = "T" if td.seconds else ""
    time += f"{hours}H" if hours else ""
    time += f"{minutes}M" if minutes or (hours and seconds) else ""
    time += f"{seconds}S" if seconds else ""
    if td.days == 0 and time:
        return f"{sign}P{time}"
    return f"{sign}P{td.days}D{time}"
