"""Journal logic on plain values: GAD-7, adherence, site rotation, warnings, trends.

Nothing here touches the database; peptidekit.store feeds it rows as views.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfo

from peptidekit.errors import InputError, UnknownNameError
from peptidekit.results import ResultWarning
from peptidekit.units.dates import zone
from peptidekit.vocabulary import DOSE_STATUSES

if TYPE_CHECKING:
    from peptidekit.journal.facts import DoseFacts

GAD7_BANDS = ((0, 4, "minimal"), (5, 9, "mild"), (10, 14, "moderate"), (15, 21, "severe"))
"""Spitzer RL et al., Arch Intern Med 2006;166:1092-1097 (GAD-7 severity cut-offs)."""
GAD7_QUESTION = "Over the last 2 weeks, how often have you been bothered by the following?"
GAD7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)
GAD7_ANSWERS = ("Not at all", "Several days", "More than half the days", "Nearly every day")
"""The seven items and the answer scale (0-3) of the GAD-7, Spitzer et al. 2006."""

DEFAULT_SITES = (
    "abdomen-left",
    "abdomen-right",
    "thigh-left",
    "thigh-right",
    "arm-left",
    "arm-right",
)
EXPIRY_WARNING_DAYS = 7
LOW_STOCK_DOSES = 3


def gad7_score(items: Sequence[int]) -> tuple[int, str]:
    """(score 0-21, severity) from the seven item answers, each 0-3."""
    if len(items) != 7 or any(not isinstance(i, int) or not 0 <= i <= 3 for i in items):
        raise InputError(
            f"GAD-7 answers {list(items)!r}: expected seven whole numbers from 0 to 3",
            input=str(list(items)),
            expected="seven answers, each 0 (not at all) to 3 (nearly every day)",
        )
    score = sum(items)
    return score, gad7_band(score)


def gad7_band(score: int) -> str:
    """The severity band of a GAD-7 score 0-21."""
    return next(name for low, high, name in GAD7_BANDS if low <= score <= high)


class PlannedView(NamedTuple):
    """A planned dose as the reports read it (a tuple: a year of them is made per page)."""

    id: str
    protocol_id: str
    cycle: int
    due_at: dt.datetime
    amount_mcg: float


@dataclass(frozen=True)
class EventView:
    id: str
    planned_dose_id: str | None
    status: str
    at: dt.datetime
    amount_mcg: float
    site: str | None = None


@dataclass
class Tally:
    planned: int = 0
    taken: int = 0
    skipped: int = 0
    missed: int = 0
    upcoming: int = 0

    @property
    def adherence_percent(self) -> float | None:
        due = self.planned - self.upcoming
        return None if due == 0 else 100.0 * self.taken / due

    def to_dict(self) -> dict[str, Any]:
        return {
            "planned": self.planned,
            "taken": self.taken,
            "skipped": self.skipped,
            "missed": self.missed,
            "upcoming": self.upcoming,
            "adherence_percent": self.adherence_percent,
        }


@dataclass
class AdherenceReport:
    total: Tally
    by_day: dict[str, Tally] = field(default_factory=dict)
    by_course: dict[int, Tally] = field(default_factory=dict)
    missed: list[PlannedView] = field(default_factory=list)
    unplanned_taken: int = 0
    by_protocol: dict[str, Tally] = field(default_factory=dict)
    """Per protocol (its name), each course of each protocol apart: 'name, course 2'."""
    by_compound: dict[str, Tally] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total.to_dict(),
            "by_day": {day: t.to_dict() for day, t in sorted(self.by_day.items())},
            "by_course": {str(c): t.to_dict() for c, t in sorted(self.by_course.items())},
            "by_protocol": {k: t.to_dict() for k, t in sorted(self.by_protocol.items())},
            "by_compound": {k: t.to_dict() for k, t in sorted(self.by_compound.items())},
            "missed": [{"id": m.id, "due_at": m.due_at.isoformat()} for m in self.missed],
            "unplanned_taken": self.unplanned_taken,
        }


OUTCOMES: tuple[str, ...] = tuple(s for s in DOSE_STATUSES if s != "wasted")
"""What a planned dose can come to (a wasted dose leaves its planned dose open)."""


def adherence(
    planned: Sequence[PlannedView],
    outcome: Mapping[str, str],
    unplanned_taken: int,
    now: dt.datetime,
    tz: str,
    protocols: Mapping[str, tuple[str, str | None]] | None = None,
) -> AdherenceReport:
    """Planned against taken, by local day and by course, and (given ``protocols``:
    id -> (name, compound)) by protocol and course and by compound. ``outcome`` maps a
    planned dose's id to 'taken' or 'skipped'; a planned dose without one that is
    already due counts as missed. ``unplanned_taken`` counts taken doses linked to none."""
    zone = ZoneInfo(tz)
    report = AdherenceReport(Tally(), unplanned_taken=unplanned_taken)
    # count (day, course, protocol, state) first, then fill the tallies: a year of doses
    # is a thousand rows and this runs on every journal page
    counts: Counter[tuple[str, int, str, str]] = Counter()
    days: dict[dt.date, str] = {}
    for dose in planned:
        local = dose.due_at.astimezone(zone).date()
        day = days.get(local) or days.setdefault(local, local.isoformat())
        state = outcome.get(dose.id) or ("missed" if dose.due_at <= now else "upcoming")
        counts[(day, dose.cycle, dose.protocol_id, state)] += 1
        if state == "missed":
            report.missed.append(dose)
    for (day, cycle, protocol, state), n in counts.items():
        tallies = [
            report.total,
            report.by_day.setdefault(day, Tally()),
            report.by_course.setdefault(cycle, Tally()),
        ]
        if protocols is not None and protocol in protocols:
            name, compound = protocols[protocol]
            tallies.append(report.by_protocol.setdefault(f"{name}, course {cycle}", Tally()))
            tallies.append(report.by_compound.setdefault(compound or "no compound", Tally()))
        for tally in tallies:
            tally.planned += n
            setattr(tally, state, getattr(tally, state) + n)
    return report


def suggest_site(
    history: Sequence[EventView], sites: Sequence[str] = DEFAULT_SITES
) -> tuple[str, str]:
    """The next injection site: one never used, else the one used longest ago."""
    last_used: dict[str, dt.datetime] = {}
    for event in history:
        newer = event.site not in last_used or event.at > last_used[str(event.site)]
        if event.site and event.status == "taken" and newer:
            last_used[event.site] = event.at
    for site in sites:
        if site not in last_used:
            return site, "not used yet"
    site = min(sites, key=lambda s: last_used[s])
    return site, f"last used {last_used[site]:%Y-%m-%d %H:%M} UTC, the longest ago"


@dataclass(frozen=True)
class StockView:
    id: str
    compound: str
    kind: str
    remaining_mcg: float
    amount_mcg: float
    discard_by: dt.datetime | None


def stock_warnings(
    vials: Sequence[StockView], now: dt.datetime, typical_dose_mcg: dict[str, float]
) -> list[ResultWarning]:
    out = []
    for vial in vials:
        label = f"{vial.kind} {vial.id[:8]} ({vial.compound})"
        if vial.remaining_mcg <= 0:
            continue
        if vial.discard_by is not None:
            left = vial.discard_by - now
            if left <= dt.timedelta(0):
                out.append(
                    ResultWarning(
                        "expired",
                        f"{label} passed its discard-by time {vial.discard_by:%Y-%m-%d %H:%M} "
                        f"UTC with {vial.remaining_mcg:.4g} mcg left",
                    )
                )
            elif left <= dt.timedelta(days=EXPIRY_WARNING_DAYS):
                out.append(
                    ResultWarning(
                        "expires_soon",
                        f"{label} must be discarded by {vial.discard_by:%Y-%m-%d %H:%M} "
                        f"UTC ({left.days} days), {vial.remaining_mcg:.4g} mcg left",
                    )
                )
        dose = typical_dose_mcg.get(vial.compound)
        if dose and vial.remaining_mcg < LOW_STOCK_DOSES * dose:
            out.append(
                ResultWarning(
                    "low_stock",
                    f"{label} has {vial.remaining_mcg:.4g} mcg left, fewer than "
                    f"{LOW_STOCK_DOSES} doses of {dose:.4g} mcg",
                )
            )
    return out


def score_trend(points: Sequence[tuple[dt.datetime, float]], tz: str = "UTC") -> dict[str, Any]:
    """First, last and the least-squares slope per week of scores over time; the daily
    means are by the day in ``tz`` (a 02:11 Moscow check-in is on its Moscow day)."""
    if not points:
        return {"count": 0, "first": None, "last": None, "slope_per_week": None}
    ordered = sorted(points)
    t0 = ordered[0][0]
    xs = [(t - t0).total_seconds() / 604800 for t, _ in ordered]
    ys = [v for _, v in ordered]
    slope = None
    if len(ordered) > 1 and max(xs) > min(xs):
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
    local_zone = zone(tz)
    by_day: dict[str, list[float]] = defaultdict(list)
    for t, v in ordered:
        by_day[t.astimezone(local_zone).date().isoformat()].append(v)
    return {
        "count": len(ordered),
        "first": {"at": ordered[0][0].isoformat(), "score": ys[0]},
        "last": {"at": ordered[-1][0].isoformat(), "score": ys[-1]},
        "slope_per_week": slope,
        "daily_mean": {d: sum(v) / len(v) for d, v in by_day.items()},
    }


REPEAT_WINDOW = dt.timedelta(hours=2)
"""Two doses of a compound closer than this are warned when no protocol says otherwise."""


@dataclass(frozen=True)
class DoseLogContext:
    """What a new dose log is checked against (all amounts in mcg, as delivered)."""

    compound: str | None
    route: str | None
    delivered_mcg: float
    tolerance_mcg: float
    """How far rounding to the device's marks may move a dose (one tick; 0 without)."""
    planned_mcg: float | None
    nearest_other: dt.timedelta | None
    """Time to the nearest other taken dose of the compound, either side."""
    repeat_window: dt.timedelta
    day_total_mcg: float
    """Taken doses of the compound on this local day, this one included."""


def repeat_window(times: Sequence[str]) -> dt.timedelta:
    """Half the shortest gap between a protocol's daily times (12 h for once a day)."""
    minutes = sorted(int(t[:2]) * 60 + int(t[3:5]) for t in times)
    if not minutes:
        return REPEAT_WINDOW
    gaps = [b - a for a, b in pairwise(minutes)]
    gaps.append(minutes[0] + 1440 - minutes[-1])
    return dt.timedelta(minutes=min(gaps) / 2)


def dose_log_warnings(ctx: DoseLogContext, facts: DoseFacts | None = None) -> list[ResultWarning]:
    """Warnings about a dose being logged: off the plan, repeated, over the reference
    (``facts``: the compound's, from the knowledge base; None for one it does not know)."""
    out: list[ResultWarning] = []
    if ctx.planned_mcg is not None and (
        abs(ctx.delivered_mcg - ctx.planned_mcg) > ctx.tolerance_mcg + 1e-6
    ):
        out.append(
            ResultWarning(
                "differs_from_planned",
                f"{ctx.delivered_mcg:.4g} mcg differs from the planned {ctx.planned_mcg:.4g} mcg "
                f"by more than rounding to the syringe's marks ({ctx.tolerance_mcg:.4g} mcg)",
            )
        )
    if ctx.nearest_other is not None and ctx.nearest_other < ctx.repeat_window:
        minutes = ctx.nearest_other.total_seconds() / 60
        window = ctx.repeat_window.total_seconds() / 3600
        out.append(
            ResultWarning(
                "repeated_dose",
                f"another {ctx.compound or ''} dose is logged {minutes:.0f} min from this one, "
                f"closer than {window:.4g} h: is it the same dose logged twice?".replace("  ", " "),
            )
        )
    if ctx.compound and ctx.route and facts is not None:
        with suppress(UnknownNameError):  # a route the knowledge base does not know
            out += facts.dose_warnings(ctx.route, ctx.delivered_mcg, ctx.day_total_mcg)
    return out


PROFILE_NAME_MAX = 80
"""A profile name has 1 to this many characters (it labels every page and export)."""


def profile_name(text: str) -> str:
    """A profile name as typed, trimmed: 1 to 80 characters, no control characters;
    the one rule the CLI, the web pages and the API all go through (the store calls it)."""
    name = text.strip()
    if not name or len(name) > PROFILE_NAME_MAX or any(ord(c) < 32 or ord(c) == 127 for c in name):
        shown = name if len(name) <= 40 else name[:40] + "..."
        raise InputError(
            f"profile name {shown!r}: expected 1 to {PROFILE_NAME_MAX} characters"
            " with no control characters",
            input=shown,
            expected=f"a name of 1 to {PROFILE_NAME_MAX} characters, e.g. me",
        ).at("name")
    return name


EARLIEST = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2199, 12, 31, tzinfo=dt.UTC)
"""Journal times must fall in this range (far from the calendar's ends)."""


def check_journal_time(value: dt.datetime, name: str, text: str) -> dt.datetime:
    """``value`` if it lies between 1970 and 2199, else an error naming the input."""
    try:
        inside = EARLIEST <= value.astimezone(dt.UTC) <= LATEST
    except OverflowError:
        inside = False
    if not inside:
        error = InputError(
            f"{name} {text!r} is outside the years 1970 to 2199",
            input=text,
            expected="a time between 1970-01-01 and 2199-12-31",
        )
        raise error.at(name) if name.isidentifier() else error
    return value


def day_range(
    first: dt.date, last: dt.date, tz: str, names: tuple[str, str] = ("from", "to")
) -> tuple[dt.datetime, dt.datetime]:
    """[first day's midnight, the midnight after the last day) in ``tz``, within the
    journal's years; an error naming the field otherwise (``--to 9999-12-31`` included)."""
    zone_info = zone(tz)
    start = dt.datetime.combine(first, dt.time(), tzinfo=zone_info)
    check_journal_time(start, names[0], first.isoformat())
    latest = LATEST.date() - dt.timedelta(days=1)
    if last > latest or last < first:
        raise InputError(
            f"{names[1]} {last.isoformat()!r}: expected a day from {first} to {latest}",
            input=last.isoformat(),
            expected=f"a day on or after {names[0]}, by {latest}",
        ).at(names[1])
    return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=zone_info)


def parse_when(text: str | None, tz: str) -> dt.datetime:
    """'now', 'YYYY-MM-DD HH:MM' in the profile's zone, or ISO 8601 with an offset."""
    if text is None or text.strip().lower() == "now":
        return dt.datetime.now(dt.UTC)
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise InputError(
            f"at {text!r} is not a time; expected 'YYYY-MM-DD HH:MM' (profile's zone) or ISO 8601",
            input=text,
            expected="YYYY-MM-DD HH:MM",
        ).at("at") from error
    value = value if value.tzinfo else value.replace(tzinfo=zone(tz))
    return check_journal_time(value, "at", text)
