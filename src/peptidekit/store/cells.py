"""The journal's structured cells (a blend's components, a protocol's spec) read strictly.

One definition for both directions of trust: an import checks a file's cells with
these before anything is written, and reading a row already in the database uses
them too, so a bad row (from an older version, or edited by hand) is reported by
table, row and column instead of failing somewhere later.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from peptidekit.errors import StoredDataError

MAX_COMPONENTS = 6
"""Components of one blend vial (the planner's stacks allow six)."""
MAX_MCG = 1e12
TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


class CellError(ValueError):
    """A cell that does not hold what its column means; ``column`` may be a spec field."""

    def __init__(self, column: str, problem: str) -> None:
        super().__init__(problem)
        self.column, self.problem = column, problem


def _amount(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 < value <= MAX_MCG
    )


def components(text: str | None) -> list[tuple[str, float]]:
    """A blend's ``[[compound, mcg], ...]`` (empty for a single compound)."""
    if text is None:
        return []
    expected = f"a JSON list of 2 to {MAX_COMPONENTS} [compound, mcg] pairs"
    try:
        parsed = json.loads(text) if isinstance(text, str) and len(text) <= 10_000 else None
    except ValueError:
        parsed = None
    if (
        not isinstance(parsed, list)
        or not 2 <= len(parsed) <= MAX_COMPONENTS
        or any(not isinstance(p, list) or len(p) != 2 for p in parsed)
    ):
        raise CellError("components", f"{_short(text)} is not {expected}")
    out = []
    for number, (name, mcg) in enumerate(parsed, start=1):
        if not isinstance(name, str) or not name.strip() or len(name) > 80:
            raise CellError("components", f"component {number}'s name {_short(name)} is not a name")
        if not _amount(mcg):
            raise CellError(
                "components",
                f"component {number}'s amount {_short(mcg)} is not a positive number of mcg",
            )
        out.append((name, float(mcg)))
    return out


def stored_components(table: str, row: str, text: str | None) -> list[tuple[str, float]]:
    """``components`` of a row read from the database: a bad cell names its row."""
    try:
        return components(text)
    except CellError as problem:
        raise StoredDataError(table, row[:8], problem.column, problem.problem) from None


def spec_times(spec: Any) -> list[str]:
    """A protocol spec's daily times, ``["08:00", "20:00"]``: 1 to 24 distinct HH:MM."""
    times = spec.get("times") if isinstance(spec, dict) else None
    if (
        not isinstance(times, list)
        or not 1 <= len(times) <= 24
        or any(not isinstance(t, str) or TIME.fullmatch(t) is None for t in times)
        or len(set(times)) != len(times)
    ):
        raise CellError("spec.times", f"{_short(times)} is not a list of 1 to 24 HH:MM times")
    return list(times)


def stored_spec_times(row: str, spec: Any) -> list[str]:
    try:
        return spec_times(spec)
    except CellError as problem:
        raise StoredDataError("protocols", row[:8], problem.column, problem.problem) from None


def _whole(spec: dict[str, Any], name: str, low: int, high: int) -> int:
    value = spec.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CellError(f"spec.{name}", f"{_short(value)} is not a whole number {low}-{high}")
    return value


def check_spec(spec: Any) -> None:
    """Every field a protocol's stored spec holds (what ``spec_to_json`` writes)."""
    if not isinstance(spec, dict):
        raise CellError("spec", f"{_short(spec)} is not an object")
    known = {
        "compound", "route", "dose_mcg", "times", "course_days", "break_days", "cycles",
        "start", "tz", "every_days", "weekdays", "titration",
    }  # fmt: skip
    unknown = sorted(set(spec) - known)
    if unknown:
        raise CellError("spec", f"unknown field(s) {unknown}")
    spec_times(spec)
    for name in ("compound", "route", "tz"):
        value = spec.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > 80):
            raise CellError(f"spec.{name}", f"{_short(value)} is not a name")
    if not _amount(spec.get("dose_mcg")):
        raise CellError("spec.dose_mcg", f"{_short(spec.get('dose_mcg'))} is not a positive dose")
    _whole(spec, "course_days", 1, 3653)
    _whole(spec, "break_days", 0, 3653)
    _whole(spec, "cycles", 1, 1000)
    _whole(spec, "every_days", 1, 3653)
    start = spec.get("start")
    try:
        day = dt.date.fromisoformat(start) if isinstance(start, str) else None
    except ValueError:
        day = None
    if day is None or not 1970 <= day.year <= 2199:
        raise CellError("spec.start", f"{_short(start)} is not a date between 1970 and 2199")
    weekdays = spec.get("weekdays")
    if weekdays is not None and (
        not isinstance(weekdays, list)
        or not weekdays
        or any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in weekdays)
    ):
        raise CellError("spec.weekdays", f"{_short(weekdays)} is not a list of days 0-6")
    steps = spec.get("titration", [])
    if not isinstance(steps, list) or len(steps) > 100:
        raise CellError("spec.titration", f"{_short(steps)} is not a list of steps")
    for step in steps:
        if not isinstance(step, dict) or set(step) != {"dose_mcg", "days"}:
            raise CellError("spec.titration", f"{_short(step)} is not a step {{dose_mcg, days}}")
        if not _amount(step["dose_mcg"]):
            raise CellError("spec.titration", f"{_short(step['dose_mcg'])} is not a positive dose")
        _whole(step, "days", 1, 3653)


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
