"""A protocol as typed by a person, parsed strictly into a :class:`ProtocolSpec`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from peptidekit.errors import InputError
from peptidekit.units import Kind, Quantity, parse_count, parse_quantity
from peptidekit.units.dates import (
    WEEKDAYS,
    parse_date,
    parse_days,
    parse_times,
    parse_weekdays,
    zone,
)

__all__ = [  # the general time parsing lives in units.dates; re-exported for old imports
    "WEEKDAYS",
    "ProtocolSpec",
    "TitrationStep",
    "parse_date",
    "parse_days",
    "parse_times",
    "parse_titration",
    "parse_weekdays",
    "spec_from_text",
    "zone",
]

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
