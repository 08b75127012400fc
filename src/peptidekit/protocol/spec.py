"""A protocol as typed by a person, parsed strictly into a :class:`ProtocolSpec`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peptidekit.errors import InputError
from peptidekit.units import Kind, Quantity, parse_count, parse_quantity

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_TIMES_PER_DAY = 24
MAX_PLAN_DAYS = 3653
"""A plan may span at most 10 years, breaks included."""
MAX_PLANNED_DOSES = 20_000
"""At most this many doses in one plan (24 a day for over two years; 3 a day for 18)."""


@dataclass(frozen=True)
class TitrationStep:
    dose: Quantity
    days: int


@dataclass(frozen=True)
class ProtocolSpec:
    """Doses at wall-clock ``times`` in ``tz``, in courses separated by breaks."""

    route: str
    dose: Quantity
    times: tuple[dt.time, ...]
    course_days: int
    break_days: int
    cycles: int
    start: dt.date
    tz: str
    compound: str | None = None
    every_days: int = 1
    weekdays: frozenset[int] | None = None
    """0 = Monday ... 6 = Sunday; None = every ``every_days`` days."""
    titration: tuple[TitrationStep, ...] = field(default=())

    def __post_init__(self) -> None:
        for name, value, low in (
            ("course", self.course_days, 1),
            ("break", self.break_days, 0),
            ("cycles", self.cycles, 1),
            ("every", self.every_days, 1),
        ):
            if value < low:
                raise InputError(
                    f"{name} {value} must be at least {low}",
                    input=str(value),
                    expected=f"a whole number, {low} or more",
                ).at(name)
        if not self.times:
            raise InputError(
                "a protocol needs at least one time of day", input="", expected="08:00"
            ).at("times")
        if self.weekdays is not None and self.every_days != 1:
            raise InputError(
                "give every or weekdays, not both",
                input=f"every {self.every_days} d and weekdays",
                expected="one of them",
            ).at("weekdays")
        if sum(step.days for step in self.titration) > self.course_days:
            raise InputError(
                f"the titration ({sum(s.days for s in self.titration)} days) is longer than the "
                f"course ({self.course_days} days)",
                input=str([s.days for s in self.titration]),
                expected="titration days within the first course",
            ).at("titrate")
        zone(self.tz)
        try:
            self.start + dt.timedelta(days=self.cycles * self.cycle_days)
        except OverflowError as error:
            raise InputError(
                f"{self.cycles} cycles of {self.course_days} + {self.break_days} days from "
                f"{self.start} end after the year 9999",
                input=f"{self.cycles} x ({self.course_days} + {self.break_days}) days",
                expected="a plan that ends by 9999-12-31",
            ) from error
        self._bound_the_work()

    def _bound_the_work(self) -> None:
        """Refuse, before any work, a plan too long or with too many doses to build."""
        if len(self.times) > MAX_TIMES_PER_DAY:
            raise InputError(
                f"{len(self.times)} times a day: expected at most {MAX_TIMES_PER_DAY}",
                input=f"{len(self.times)} times",
                expected=f"at most {MAX_TIMES_PER_DAY} times a day",
            )
        span = self.cycles * self.course_days + (self.cycles - 1) * self.break_days
        if span > MAX_PLAN_DAYS:
            raise InputError(
                f"{self.cycles} cycles of {self.course_days} + {self.break_days} days span "
                f"{span} days: expected at most {MAX_PLAN_DAYS} (10 years)",
                input=f"{self.cycles} x ({self.course_days} + {self.break_days}) days",
                expected=f"a plan of at most {MAX_PLAN_DAYS} days",
            )
        days = self.dosing_days
        doses = self.most_doses
        if doses > MAX_PLANNED_DOSES:
            raise InputError(
                f"about {doses} doses ({self.cycles} cycles x {days} dosing days x "
                f"{len(self.times)} a day): expected at most {MAX_PLANNED_DOSES}",
                input=f"{doses} doses",
                expected=f"at most {MAX_PLANNED_DOSES} planned doses",
            )

    @property
    def dosing_days(self) -> int:
        """At most this many dosing days in a course (before any is built)."""
        if self.weekdays is not None:
            return -(-self.course_days * len(self.weekdays) // 7)
        return -(-self.course_days // self.every_days)

    @property
    def most_doses(self) -> int:
        """At most this many doses in the whole plan (before any is built)."""
        return self.cycles * self.dosing_days * len(self.times)

    @property
    def dose_amounts(self) -> tuple[Quantity, ...]:
        """The maintenance dose, then each titration step's."""
        return (self.dose, *(step.dose for step in self.titration))

    @property
    def cycle_days(self) -> int:
        return self.course_days + self.break_days


def spec_from_text(fields: Mapping[str, str | None], tz: str) -> ProtocolSpec:
    """A ProtocolSpec from what a person typed (CLI options or a web form).

    ``fields`` has route, dose, times, course and start, and optionally compound,
    break_, cycles, every, weekdays and titrate (None or empty: the default).
    Errors name the field (``error.field``); the adapters word it.
    The compound name is made canonical; an unknown one fails with suggestions.
    """

    def given(key: str) -> str | None:
        return fields.get(key) or None

    every, weekdays, titrate = given("every"), given("weekdays"), given("titrate")
    if every is not None and weekdays is not None:
        raise InputError(
            "give every or weekdays, not both",
            input=f"every {every} and weekdays {weekdays}",
            expected="one of them",
        ).at("weekdays")
    compound = given("compound")
    if compound is not None:
        from peptidekit.knowledge import default_knowledge

        compound = default_knowledge().compound(compound).name
    return ProtocolSpec(
        compound=compound,
        route=str(fields["route"]),
        dose=parse_quantity(str(fields["dose"]), Kind.MASS, name="dose"),
        times=parse_times(str(fields["times"])),
        course_days=parse_days(str(fields["course"]), "course"),
        break_days=parse_days(given("break_") or "0d", "break", allow_zero=True),
        cycles=int(parse_count(given("cycles") or "1", "cycles", integer=True)),
        start=parse_date(str(fields["start"]), "start"),
        tz=tz,
        every_days=1 if every is None else parse_days(every, "every"),
        weekdays=None if weekdays is None else parse_weekdays(weekdays),
        titration=() if titrate is None else parse_titration(titrate),
    )


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name``; anything else (a folder such as 'Asia', a path, an
    over-long or empty name) is an input error naming it."""
    try:
        if not isinstance(name, str) or not 0 < len(name) <= 64:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:
        shown = name if len(str(name)) <= 64 else f"{str(name)[:40]}... ({len(name)} characters)"
        raise InputError(
            f"unknown time zone {shown!r}; expected an IANA name such as Europe/Moscow or "
            "America/New_York",
            input=str(shown),
            expected="an IANA time zone name",
        ) from error


def parse_times(text: str) -> tuple[dt.time, ...]:
    """``08:00,14:00,20:00`` (24-hour HH:MM, comma-separated) in ascending order."""
    out = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*", part)
        if match is None:
            raise InputError(
                f"times {text!r}: {part.strip()!r} is not a 24-hour time; expected HH:MM "
                "such as 08:00,20:00",
                input=text,
                expected="24-hour HH:MM times separated by commas",
            ).at("times")
        out.append(dt.time(int(match[1]), int(match[2])))
    if len(set(out)) != len(out):
        raise InputError(
            f"times {text!r} repeats a time", input=text, expected="distinct times of day"
        ).at("times")
    return tuple(sorted(out))


def parse_days(text: str, name: str, *, allow_zero: bool = False) -> int:
    """A whole number of days from ``14d``, ``2 weeks`` or ``7 days``."""
    quantity = parse_quantity(text, Kind.DURATION, allow_zero=allow_zero, name=name)
    days = quantity.m_as("d")
    if abs(days - round(days)) > 1e-9:
        raise InputError(
            f"{name} {text!r} is not a whole number of days",
            input=text,
            expected="whole days, e.g. 14d or 2 weeks",
        ).at(name)
    return round(days)


def parse_weekdays(text: str) -> frozenset[int]:
    days = set()
    for part in text.split(","):
        key = part.strip().lower()[:3]
        if key not in WEEKDAYS:
            raise InputError(
                f"weekdays {text!r}: {part.strip()!r} is not a weekday; expected e.g. mon,wed,fri",
                input=text,
                expected="weekday names such as mon,wed,fri",
            ).at("weekdays")
        days.add(WEEKDAYS.index(key))
    return frozenset(days)


def parse_date(text: str, name: str = "start") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as error:
        raise InputError(
            f"{name} {text!r} is not a date; expected YYYY-MM-DD", input=text, expected="YYYY-MM-DD"
        ).at(name) from error


def parse_titration(text: str) -> tuple[TitrationStep, ...]:
    """``150mcg for 3d`` or several steps: ``150mcg for 3d; 225mcg for 2d``."""
    steps = []
    for part in re.split(r"\s*[;,]\s*|\s+then\s+", text.strip()):
        match = re.fullmatch(r"(?P<dose>.+?)\s+for\s+(?P<days>.+)", part.strip())
        if match is None:
            raise InputError(
                f"titrate {text!r}: {part!r} is not 'DOSE for DAYS'; expected e.g. "
                "'150mcg for 3d; 225mcg for 2d'",
                input=text,
                expected="steps like '150mcg for 3d'",
            ).at("titrate")
        try:
            dose = parse_quantity(match["dose"], Kind.MASS, name="titration dose")
            steps.append(TitrationStep(dose, parse_days(match["days"], "titration days")))
        except InputError as error:
            raise error.at("titrate") from None
    return tuple(steps)
