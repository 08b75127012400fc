"""Durations shown in the unit a person reads: minutes, hours or days."""

from __future__ import annotations

import pytest

from peptidekit.units import readable_hours


@pytest.mark.parametrize(
    ("hours", "shown"),
    [
        (4 / 60, "4 min"),  # Semax's claimed 4-minute half-life, never '0.06667 h'
        (0.06455, "3.87 min"),  # 0.06455 h x 60 = 3.873 min
        (30 / 3600, "30 s"),
        (2.5, "2.5 h"),
        (47.9, "47.9 h"),
        (72, "3 d"),
        (None, "n/a"),
    ],
)
def test_readable_hours(hours: float | None, shown: str) -> None:
    assert readable_hours(hours) == shown
