"""A protocol with sensible defaults, for tests to vary one thing at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from peptidekit.protocol.spec import ProtocolSpec, parse_times
from peptidekit.units import parse_quantity


def spec(**changes: Any) -> ProtocolSpec:
    base: dict[str, Any] = {
        "route": "subcutaneous",
        "dose": parse_quantity("250mcg"),
        "times": parse_times("08:00"),
        "course_days": 14,
        "break_days": 0,
        "cycles": 1,
        "start": dt.date(2026, 12, 1),
        "tz": "Europe/Moscow",
    }
    return ProtocolSpec(**{**base, **changes})
