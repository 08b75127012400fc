"""The dose journal's rules: what a dose takes from its vial, what a blend draw
co-delivers, rounding to the syringe's marks, the checks and warnings, and the pages'
display-ready data. They run on a :mod:`peptidekit.journal.repository` interface; the
store gives them rows and writes what they decide, in one transaction.

A logged dose travels one way: its fields are parsed (:class:`DoseToLog`), its vial
and planned dose read, the knowledge base asked once (:class:`DoseKnowledge`), the draw
computed, the dose checked, and only then anything written.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peptidekit.errors import ConfirmationNeededError, RefusedError
from peptidekit.journal.core import (
    REPEAT_WINDOW,
    DoseLogContext,
    EventView,
    StockView,
    check_journal_time,
    dose_log_warnings,
    gad7_score,
    profile_name,
    repeat_window,
    score_trend,
    stock_warnings,
    suggest_site,
)
from peptidekit.journal.facts import DoseKnowledge
from peptidekit.journal.repository import (
    DoseLogTransaction,
    DoseToLog,
    LoggedDose,
    NewDose,
    PlannedRow,
    VialRow,
)
from peptidekit.results import ResultWarning
from peptidekit.units.dates import zone

if TYPE_CHECKING:
    from peptidekit.dosing.reconstitution import Reconstitution
    from peptidekit.dosing.syringe import SyringeChoice

AUTO_MATCH_WINDOW = dt.timedelta(hours=3)
"""A dose logged without a planned dose is linked to an open planned dose this close."""
STOCK_EPSILON_MCG = 1e-6
"""Float slack when comparing a vial's stock with a dose (a millionth of a mcg)."""


WarningsCheck = Callable[[Sequence[ResultWarning]], None]
"""Decides, before anything is written, whether a dose's warnings stop it (by raising)."""


def needs_confirmation(warnings: Sequence[ResultWarning]) -> ConfirmationNeededError:
    """The refusal of a dose whose warnings the person has not confirmed."""
    return ConfirmationNeededError(
        "this dose needs a confirmation: " + "; ".join(w.message for w in warnings),
        warnings=[w.to_dict() for w in warnings],
    )


def log_dose(
    tx: DoseLogTransaction,
    dose: DoseToLog,
    knowledge: DoseKnowledge | None = None,
    check_warnings: WarningsCheck | None = None,
) -> LoggedDose:
    """Log ``dose`` in the transaction ``tx``. From a reconstituted vial the dose is
    rounded to the syringe's marks (the finest standard barrel holding it unless the dose
    names one), and the delivered dose plus dead space is taken from the vial; a blend
    vial's draw delivers every component, each matched, checked and logged.

    Warnings (off the planned dose, a repeat, over the reference range or the daily
    maximum) come back with the result; with ``confirm=False`` they raise
    :class:`ConfirmationNeededError` instead, before anything is written
    (``check_warnings``, when given, decides instead)."""
    skipped = dose.status == "skipped"
    compound = dose.compound
    vial = None if dose.vial_id is None else tx.vial(dose.vial_id)
    blend = [] if vial is None else vial.blend()
    own_mcg = None if vial is None else vial.amount_mcg
    if vial is not None and blend:
        own_mcg = component(vial, blend, compound)
    elif vial is not None:
        compound = compound or vial.compound
    draw = None
    delivered = 0.0 if skipped else dose.amount_mcg
    if vial is not None and not skipped:
        check_vial(vial, dose.at)
        if own_mcg and vial.kind == "vial":
            draw = draw_at_marks(own_mcg, vial.volume_ml, dose.amount_mcg, dose.syringe)
            delivered = draw.delivered_dose_mcg
    planned = _planned(tx, dose, dose.planned_dose_id, compound)
    if compound is None and planned is not None:
        compound = tx.protocol_compound(planned.protocol_id)
    route = dose.route if dose.route is not None else _route(tx, planned, compound)
    co = (
        []
        if not blend or own_mcg is None or skipped
        else [(name, delivered * mcg / own_mcg) for name, mcg in blend if name != compound]
    )
    co_planned = [_planned(tx, dose, None, name) for name, _ in co]
    warnings: list[ResultWarning] = []
    if dose.status == "taken":
        knowledge = knowledge or DoseKnowledge.load()
        checked: list[tuple[str | None, float, Reconstitution | None, PlannedRow | None]] = [
            (compound, delivered, draw, planned),
            *((name, mcg, None, match) for (name, mcg), match in zip(co, co_planned, strict=True)),
        ]
        for name, mcg, drawn, match in checked:
            for w in _warnings(tx, knowledge, dose, mcg, drawn, match, name, route):
                if w not in warnings:
                    warnings.append(w)
        if warnings and check_warnings is not None:
            check_warnings(warnings)
        elif warnings and not dose.confirm:
            raise needs_confirmation(warnings)
    taken_from_vial = 0.0
    if vial is not None and own_mcg and not skipped:
        taken_from_vial = delivered + dose.dead_space_ml * own_mcg / vial.volume_ml
        taken_from_vial *= vial.amount_mcg / own_mcg  # a blend counts its first part
        tx.take(vial, taken_from_vial)
    event_id = uuid.uuid4().hex
    for (name, mcg), match in zip(co, co_planned, strict=True):
        tx.add_dose(
            NewDose(
                dose,
                route,
                planned_dose_id=None if match is None else match.id,
                status=dose.status,
                compound=name,
                amount_mcg=mcg,
                taken_from_vial_mcg=0.0,
                notes=f"co-delivered by the {compound} draw from a blend vial",
                draw_group=event_id,
            )
        )
    event = tx.add_dose(
        NewDose(
            dose,
            route,
            id=event_id,
            planned_dose_id=None if planned is None else planned.id,
            status=dose.status,
            compound=compound,
            amount_mcg=delivered,
            asked_mcg=None if skipped else dose.amount_mcg,
            draw_units=None if draw is None else draw.tick_units,
            taken_from_vial_mcg=taken_from_vial,
            notes=dose.notes,
        )
    )
    return LoggedDose(
        event,
        tuple(warnings),
        None if draw is None else f"{draw.tick_units:g} units on a {draw.syringe.label}",
        tuple(co),
    )


def _planned(
    tx: DoseLogTransaction, dose: DoseToLog, planned_id: str | None, compound: str | None
) -> PlannedRow | None:
    """The planned dose named (refused when it is another compound's), else the nearest
    open one of the compound within the window; a wasted dose is matched to none."""
    if planned_id is None:
        return None if dose.status == "wasted" else match_planned(tx, dose.at, compound)
    planned, planned_compound = tx.planned(planned_id)
    if compound and planned_compound and compound != planned_compound:
        raise RefusedError(
            f"the planned dose is {planned_compound}, not {compound}",
            input=planned_id,
            expected=f"a planned dose of {compound}",
        ).at("planned")
    return planned


def match_planned(
    tx: DoseLogTransaction, at: dt.datetime, compound: str | None
) -> PlannedRow | None:
    """The nearest open planned dose of the same compound within the window; a dose
    of no stated compound is matched only when every candidate is of one compound."""
    candidates = tx.open_planned(at - AUTO_MATCH_WINDOW, at + AUTO_MATCH_WINDOW, compound or None)
    if not candidates or (not compound and len({c for _, c in candidates}) > 1):
        return None
    return min((d for d, _ in candidates), key=lambda d: abs(d.due_at - at))


def _route(tx: DoseLogTransaction, planned: PlannedRow | None, compound: str | None) -> str | None:
    """The route of the planned dose, else the one route the profile's protocols use
    for this compound; None when that is not one route (never a guess between two)."""
    if planned is not None:
        return tx.protocol_route(planned.protocol_id)
    routes = tx.routes_of(compound)
    return routes.pop() if compound and len(routes) == 1 else None


def _warnings(
    tx: DoseLogTransaction,
    knowledge: DoseKnowledge,
    dose: DoseToLog,
    delivered: float,
    draw: Reconstitution | None,
    planned: PlannedRow | None,
    compound: str | None,
    route: str | None,
) -> list[ResultWarning]:
    """One compound's warnings: off its planned dose, a repeat within the protocol's
    window, over its range or cap, or the local day's total over the daily figures."""
    at = dose.at
    tz = zone(tx.profile.tz)
    day_start = at.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    nearby = tx.taken_between(
        compound,
        min(day_start, at - dt.timedelta(days=1)),
        max(day_start + dt.timedelta(days=1), at + dt.timedelta(days=1)),
    )
    day_total = delivered + sum(
        amount for when, amount in nearby if when.astimezone(tz).date() == day_start.date()
    )
    window = REPEAT_WINDOW
    if planned is not None:
        window = repeat_window(tx.protocol_times(planned.protocol_id))
    tick_mcg = 0.0 if draw is None else draw.syringe.tick_units * draw.mcg_per_unit
    return dose_log_warnings(
        DoseLogContext(
            compound=compound,
            route=route,
            delivered_mcg=delivered,
            tolerance_mcg=tick_mcg,
            planned_mcg=None if planned is None else planned.amount_mcg,
            nearest_other=min((abs(when - at) for when, _ in nearby), default=None),
            repeat_window=window,
            day_total_mcg=day_total,
        ),
        None if not compound else knowledge.facts(compound),
    )


def check_vial(vial: VialRow, at: dt.datetime) -> None:
    """Refused: a dose from a vial past its discard-by time, or before it was opened."""
    label = f"{vial.kind} {vial.id[:8]} ({vial.compound})"
    if vial.discard_by is not None and at > vial.discard_by:
        raise RefusedError(
            f"{label} expired: it had to be discarded by {vial.discard_by:%Y-%m-%d %H:%M} UTC",
            input=vial.id,
            expected="a vial within its discard-by time",
        )
    if at < vial.opened_at:
        raise RefusedError(
            f"{label} was not open yet at {at:%Y-%m-%d %H:%M} UTC",
            input=vial.id,
            expected="a dose after the vial was opened",
        )


def component(vial: VialRow, blend: list[tuple[str, float]], compound: str | None) -> float:
    """The mcg of ``compound`` in a blend vial; refused when it is not named or not in it."""
    names = [name for name, _ in blend]
    if compound not in names:
        why = "say which" if compound is None else f"{compound} is not one of them;"
        raise RefusedError(
            f"{vial.kind} {vial.id[:8]} is a blend of {' and '.join(names)}: {why} component "
            "the dose is for (it sets the draw; the others come with it)",
            input=compound or "",
            expected=" or ".join(names),
        ).at("compound")
    return dict(blend)[compound]


def draw_at_marks(
    content_mcg: float, volume_ml: float, dose_mcg: float, syringe: SyringeChoice | None
) -> Reconstitution:
    """The dose at the syringe's marks, the same arithmetic as the calculator and planner."""
    from peptidekit.dosing.reconstitution import reconstitute
    from peptidekit.dosing.syringe import SyringeChoice
    from peptidekit.units import ureg

    choice = syringe or SyringeChoice()
    return reconstitute(
        ureg.Quantity(content_mcg, "mcg"),
        ureg.Quantity(volume_ml, "mL"),
        ureg.Quantity(dose_mcg, "mcg"),
        barrel_ml=choice.barrel_ml,
        scale=choice.scale,
        tick_units=choice.tick_units,
        dead_space=ureg.Quantity(0, "mL"),
    )


# ---------------------------------------------------------------- profiles, check-ins
def new_profile(name: str, tz: str) -> str:
    """A new profile's name as it is stored (journal.core.profile_name), its zone an
    IANA zone (UnknownNameError otherwise)."""
    name = profile_name(name)
    zone(tz)
    return name


def profile_taken(name: str) -> RefusedError:
    return RefusedError(
        f"a profile named {name!r} already exists", input=name, expected="a new profile name"
    )


def checked_checkin(
    at: dt.datetime, gad7: Sequence[int], sleep_quality: int | None
) -> tuple[int, str]:
    """A check-in's GAD-7 score and severity band; a sleep quality outside 1-5 or a time
    outside the journal's years is refused."""
    score, band = gad7_score(gad7)
    if sleep_quality is not None and not 1 <= sleep_quality <= 5:
        raise RefusedError(
            f"sleep quality {sleep_quality} is not 1 to 5",
            input=str(sleep_quality),
            expected="1 (very poor) to 5 (very good)",
        )
    check_journal_time(at, "at", at.isoformat())
    return score, band


# ---------------------------------------------------------------- vials
@dataclass(frozen=True)
class NewVial:
    """A vial or bottle as it is recorded: a blend is named by its components and counts
    its first component's content; its discard-by time follows from the shelf life."""

    compound: str
    amount_mcg: float
    components: str | None
    """JSON [[compound, mcg], ...] for a blend, else None."""
    discard_by: dt.datetime | None


def new_vial(
    compound: str,
    amount_mcg: float,
    opened_at: dt.datetime,
    shelf_life_days: float | None,
    components: Sequence[tuple[str, float]] | None,
) -> NewVial:
    if components:
        compound = " + ".join(name for name, _ in components)
        amount_mcg = components[0][1]
    return NewVial(
        compound=compound,
        amount_mcg=amount_mcg,
        components=json.dumps([list(c) for c in components]) if components else None,
        discard_by=None
        if shelf_life_days is None
        else opened_at + dt.timedelta(days=shelf_life_days),
    )


# ---------------------------------------------------------------- today, warnings, trends
@dataclass(frozen=True)
class TodayDose:
    """A planned dose of today with its protocol."""

    id: str
    due_at: dt.datetime
    tz: str
    amount_mcg: float
    compound: str | None
    route: str | None
    protocol: str


def today_view(
    profile: str,
    local_date: dt.date,
    now: dt.datetime,
    planned: Sequence[TodayDose],
    status: Mapping[str | None, str],
    recent: Sequence[EventView],
    warnings: Sequence[ResultWarning],
) -> dict[str, Any]:
    """Today's checklist (each planned dose taken, skipped, missed or due), the next
    injection site with why, and the warnings, ready to show."""
    site, why = suggest_site(recent)
    checklist = [
        {
            "planned_dose_id": d.id,
            "due_local": d.due_at.astimezone(zone(d.tz)).isoformat(),
            "compound": d.compound,
            "route": d.route,
            "protocol": d.protocol,
            "amount_mcg": d.amount_mcg,
            "status": status.get(d.id) or ("missed" if d.due_at <= now else "due"),
        }
        for d in planned
    ]
    return {
        "profile": profile,
        "date": local_date.isoformat(),
        "checklist": checklist,
        "next_site": {"site": site, "why": why},
        "warnings": [w.to_dict() for w in warnings],
    }


def vial_warnings(
    vials: Sequence[VialRow], now: dt.datetime, typical_dose_mcg: dict[str, float]
) -> list[ResultWarning]:
    """Expired, soon expiring and low vials (low: under a few of the largest planned
    doses of the compound)."""
    views = [
        StockView(v.id, v.compound, v.kind, v.remaining_mcg, v.amount_mcg, v.discard_by)
        for v in vials
    ]
    return stock_warnings(views, now, typical_dose_mcg)


def trends_view(rows: Sequence[tuple[dt.datetime, int, float | None]], tz: str) -> dict[str, Any]:
    """The GAD-7 score's and the hours slept's trends from (time, score, hours) rows."""
    return {
        "gad7": score_trend([(at, float(score)) for at, score, _ in rows], tz),
        "sleep_hours": score_trend([(at, hours) for at, _, hours in rows if hours is not None], tz),
    }
