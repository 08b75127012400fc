"""Dates, whole days, times of day and time zones as a person types them, read strictly.

General time parsing used by the protocols, the journal and the adapters alike (it lived
in ``protocol/spec.py``, which re-exports it); errors name the field they read.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peptidekit.errors import InputError
from peptidekit.units.parse import Kind, parse_quantity

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


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
