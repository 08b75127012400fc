"""Turn a :class:`ProtocolSpec` into dated doses, courses and breaks.

Times are wall-clock times in the protocol's time zone and stay so across
daylight-saving changes: a dose at 08:00 is at 08:00 local on both sides of
the change. "Every 2 days" counts calendar days from the course's first day,
never 48-hour blocks. A time that does not exist on a spring-forward day is
moved forward by the length of the gap (02:30 becomes 03:30), and said; a time that occurs
twice on a fall-back day is taken at its first occurrence, and said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peptidekit.protocol.spec import ProtocolSpec, zone
from peptidekit.results import ResultWarning
from peptidekit.units import Quantity, format_quantity

UTC = dt.UTC


@dataclass(frozen=True)
class PlannedDose:
    number: int
    cycle: int
    day_of_course: int
    at: dt.datetime
    """Aware datetime in the protocol's zone."""
    dose: Quantity
    phase: str
    """'titration' or 'maintenance'."""
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "cycle": self.cycle,
            "day_of_course": self.day_of_course,
            "date": self.at.date().isoformat(),
            "time": self.at.strftime("%H:%M"),
            "local": self.at.isoformat(),
            "utc": self.at.astimezone(UTC).isoformat(),
            "dose_mcg": self.dose.m_as("mcg"),
            "dose": format_quantity(self.dose),
            "phase": self.phase,
            "note": self.note,
        }


@dataclass(frozen=True)
class Period:
    cycle: int
    kind: str
    """'course' or 'break'."""
    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "cycle": self.cycle,
            "kind": self.kind,
            "first": self.first.isoformat(),
            "last": self.last.isoformat(),
            "days": self.days,
        }


@dataclass(frozen=True)
class Schedule:
    spec: ProtocolSpec
    doses: tuple[PlannedDose, ...]
    periods: tuple[Period, ...]
    warnings: tuple[ResultWarning, ...]


def local_datetime(day: dt.date, time: dt.time, tz_name: str) -> tuple[dt.datetime, str | None]:
    """``day`` at wall-clock ``time`` in the zone, with a note when DST bends it."""
    tz = zone(tz_name)
    wanted = dt.datetime.combine(day, time, tzinfo=tz)
    round_trip = wanted.astimezone(UTC).astimezone(tz)
    if round_trip.replace(tzinfo=None) != wanted.replace(tzinfo=None):
        # In a spring-forward gap: moved forward by the gap (02:30 becomes 03:30).
        after = round_trip
        return after, (
            f"{time:%H:%M} does not exist on {day} in {tz_name} (clocks go forward); "
            f"moved to {after:%H:%M}"
        )
    if wanted.replace(fold=1).utcoffset() != wanted.utcoffset():
        return wanted, (
            f"{time:%H:%M} happens twice on {day} in {tz_name} (clocks go back); "
            "planned at the first"
        )
    return wanted, None


def _dose_for(spec: ProtocolSpec, cycle: int, day_index: int) -> tuple[Quantity, str]:
    if cycle == 1:
        covered = 0
        for step in spec.titration:
            covered += step.days
            if day_index < covered:
                return step.dose, "titration"
    return spec.dose, "maintenance"


def _is_dosing_day(spec: ProtocolSpec, day: dt.date, day_index: int) -> bool:
    if spec.weekdays is not None:
        return day.weekday() in spec.weekdays
    return day_index % spec.every_days == 0


def build_schedule(spec: ProtocolSpec) -> Schedule:
    doses: list[PlannedDose] = []
    periods: list[Period] = []
    warnings: list[ResultWarning] = []
    for cycle in range(1, spec.cycles + 1):
        course_start = spec.start + dt.timedelta(days=(cycle - 1) * spec.cycle_days)
        course_end = course_start + dt.timedelta(days=spec.course_days - 1)
        periods.append(Period(cycle, "course", course_start, course_end))
        if spec.break_days:
            periods.append(
                Period(
                    cycle,
                    "break",
                    course_end + dt.timedelta(days=1),
                    course_end + dt.timedelta(days=spec.break_days),
                )
            )
        for day_index in range(spec.course_days):
            day = course_start + dt.timedelta(days=day_index)
            if not _is_dosing_day(spec, day, day_index):
                continue
            amount, phase = _dose_for(spec, cycle, day_index)
            for time in spec.times:
                at, note = local_datetime(day, time, spec.tz)
                doses.append(
                    PlannedDose(len(doses) + 1, cycle, day_index + 1, at, amount, phase, note)
                )
    if not doses:
        warnings.append(
            ResultWarning(
                "no_doses", "no day of any course matches the chosen days: nothing to plan"
            )
        )
    for dose in doses:
        if dose.note:
            warnings.append(ResultWarning("daylight_saving", f"dose {dose.number}: {dose.note}"))
    return Schedule(spec, tuple(doses), tuple(periods), tuple(warnings))
