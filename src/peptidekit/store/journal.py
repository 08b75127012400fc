"""The journal repository: every public method is one transaction, scoped to one profile.

Logging a dose takes its amount, plus dead space, from its vial in the same
transaction; a dose from an expired or empty vial is refused with the reason.
Nothing is written unless the whole operation succeeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peptidekit.dosing.reconstitution import Reconstitution, reconstitute
from peptidekit.dosing.syringe import SyringeChoice
from peptidekit.errors import ConfirmationNeededError, NotFoundError, OverdrawError, RefusedError
from peptidekit.journal.core import (
    REPEAT_WINDOW,
    AdherenceReport,
    DoseLogContext,
    EventView,
    PlannedView,
    StockView,
    adherence,
    check_journal_time,
    dose_log_warnings,
    gad7_score,
    profile_name,
    repeat_window,
    score_trend,
    stock_warnings,
    suggest_site,
)
from peptidekit.protocol.schedule import build_schedule
from peptidekit.protocol.spec import ProtocolSpec, zone
from peptidekit.results import ResultWarning
from peptidekit.store.cells import stored_spec_times
from peptidekit.store.corrections import Corrections
from peptidekit.store.db import transaction
from peptidekit.store.history import History
from peptidekit.store.models import (
    CheckIn,
    DoseEvent,
    PlannedDose,
    Profile,
    Protocol,
    Vial,
    new_id,
)
from peptidekit.units import ureg

AUTO_MATCH_WINDOW = dt.timedelta(hours=3)
"""A dose logged without a planned dose is linked to an open planned dose this close."""
STOCK_EPSILON_MCG = 1e-6
"""Float slack when comparing a vial's stock with a dose (a millionth of a mcg)."""


@dataclass(frozen=True)
class LoggedDose:
    event: DoseEvent
    warnings: tuple[ResultWarning, ...]
    draw: str | None
    """The draw at the syringe's marks, e.g. '10 units on a 0.3 mL U-100 syringe'."""
    co_delivered: tuple[tuple[str, float], ...] = ()
    """From a blend vial: (compound, mcg) of every other component the draw delivered."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Journal(Corrections, History):
    engine: Engine
    now: Callable[[], dt.datetime] = utcnow
    exact_ids: bool = False
    """True: rows are named by their full ids only (the web app); False: also by the
    first characters of one id (the CLI). See store.history."""

    # ------------------------------------------------------------ profiles
    def create_profile(self, name: str, tz: str) -> Profile:
        name = profile_name(name)
        zone(tz)
        with transaction(self.engine) as s:
            if s.scalar(select(Profile).where(Profile.name == name)) is not None:
                raise RefusedError(
                    f"a profile named {name!r} already exists",
                    input=name,
                    expected="a new profile name",
                )
            profile = Profile(name=name, tz=tz, created_at=self.now())
            s.add(profile)
            try:
                s.flush()
            except IntegrityError as error:  # created by another process meanwhile
                raise RefusedError(
                    f"a profile named {name!r} already exists",
                    input=name,
                    expected="a new profile name",
                ) from error
            return profile

    def profiles(self) -> list[Profile]:
        with transaction(self.engine, write=False) as s:
            return list(s.scalars(select(Profile).order_by(Profile.name)))

    def profile(self, name: str) -> Profile:
        with transaction(self.engine, write=False) as s:
            return self._profile(s, name)

    @staticmethod
    def _profile(s: Session, name: str, *, lock: bool = False) -> Profile:
        """The profile; ``lock`` holds its row until the transaction ends (PostgreSQL
        ``FOR UPDATE``; SQLite writers are already one at a time), so read-then-write
        steps of one profile never interleave across processes."""
        query = select(Profile).where(Profile.name == name)
        found = s.scalar(query.with_for_update() if lock else query)
        if found is None:
            raise NotFoundError("profile", name)
        return found

    # ------------------------------------------------------------ vials
    def add_vial(
        self,
        profile: str,
        *,
        compound: str,
        kind: str,
        amount_mcg: float,
        volume_ml: float,
        opened_at: dt.datetime,
        storage: str,
        shelf_life_days: float | None,
        shelf_life_source: str,
        lot: str | None = None,
        notes: str | None = None,
        components: Sequence[tuple[str, float]] | None = None,
        label_mcg: float | None = None,
        content_basis: str | None = None,
    ) -> Vial:
        """Record a vial or bottle; ``components`` (compound, mcg) makes it a blend, whose
        ``amount_mcg`` is then the first component's."""
        import json

        if components:
            compound = " + ".join(name for name, _ in components)
            amount_mcg = components[0][1]
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            vial = Vial(
                profile_id=p.id,
                components=json.dumps([list(c) for c in components]) if components else None,
                compound=compound,
                kind=kind,
                lot=lot,
                amount_mcg=amount_mcg,
                volume_ml=volume_ml,
                opened_at=opened_at,
                storage=storage,
                discard_by=None
                if shelf_life_days is None
                else opened_at + dt.timedelta(days=shelf_life_days),
                discard_source=shelf_life_source,
                remaining_mcg=amount_mcg,
                notes=notes,
                label_mcg=label_mcg,
                content_basis=content_basis,
            )
            s.add(vial)
            return vial

    def vials(self, profile: str) -> list[Vial]:
        with transaction(self.engine, write=False) as s:
            p = self._profile(s, profile)
            return list(
                s.scalars(select(Vial).where(Vial.profile_id == p.id).order_by(Vial.opened_at))
            )

    # ------------------------------------------------------------ protocols
    def add_protocol(self, profile: str, spec: ProtocolSpec, name: str) -> tuple[Protocol, int]:
        return self.add_protocols(profile, [(spec, name)])[0]

    def add_protocols(
        self, profile: str, protocols: Sequence[tuple[ProtocolSpec, str]]
    ) -> list[tuple[Protocol, int]]:
        """Protocols with their planned doses, all in one transaction (a stack is saved
        whole or not at all)."""
        schedules = [(spec, name, build_schedule(spec)) for spec, name in protocols]
        added = []
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            for spec, name, schedule in schedules:
                protocol = Protocol(
                    profile_id=p.id,
                    name=name,
                    compound=spec.compound,
                    route=spec.route,
                    spec=spec_to_json(spec),
                    created_at=self.now(),
                )
                s.add(protocol)
                s.flush()
                s.add_all(
                    PlannedDose(
                        profile_id=p.id,
                        protocol_id=protocol.id,
                        number=dose.number,
                        cycle=dose.cycle,
                        day_of_course=dose.day_of_course,
                        due_at=dose.at,
                        tz=spec.tz,
                        amount_mcg=dose.dose.m_as("mcg"),
                    )
                    for dose in schedule.doses
                )
                added.append((protocol, len(schedule.doses)))
        return added

    # ------------------------------------------------------------ doses
    def log_dose(
        self,
        profile: str,
        *,
        at: dt.datetime,
        amount_mcg: float,
        status: str = "taken",
        vial_id: str | None = None,
        dead_space_ml: float = 0.0,
        route: str | None = None,
        site: str | None = None,
        notes: str | None = None,
        planned_dose_id: str | None = None,
        compound: str | None = None,
        syringe: SyringeChoice | None = None,
        confirm: bool = True,
    ) -> LoggedDose:
        """Log a dose. From a reconstituted vial the dose is rounded to the syringe's
        marks (the finest standard barrel holding it unless ``syringe`` says), and the
        delivered dose plus dead space is taken from the vial in the same transaction,
        by one conditional UPDATE that can never overdraw it, whatever runs beside it.

        Warnings (off the planned dose, a repeat, over the reference range or the daily
        maximum) come back with the result; with ``confirm=False`` they raise
        :class:`ConfirmationNeededError` instead and nothing is written.
        """
        if status not in ("taken", "skipped", "wasted"):
            raise RefusedError(
                f"status {status!r} is not taken, skipped or wasted",
                input=status,
                expected="taken, skipped or wasted",
            )
        check_journal_time(at, "at", at.isoformat())
        with transaction(self.engine) as s:
            p = self._profile(s, profile, lock=True)
            vial = None if vial_id is None else self._vial(s, p.id, vial_id)
            blend = [] if vial is None else vial.blend()
            own_mcg = None if vial is None else vial.amount_mcg
            if vial is not None and blend:
                own_mcg = _component(vial, blend, compound)
            elif vial is not None:
                compound = compound or vial.compound
            draw = None
            delivered = 0.0 if status == "skipped" else amount_mcg
            if vial is not None and status != "skipped":
                _check_vial(vial, at)
            if vial is not None and own_mcg and vial.kind == "vial" and status != "skipped":
                draw = _draw(own_mcg, vial.volume_ml, amount_mcg, syringe)
                delivered = draw.delivered_dose_mcg
            planned = self._planned(s, p.id, at, planned_dose_id, status, compound)
            if compound is None and planned is not None:
                compound = s.scalar(
                    select(Protocol.compound).where(Protocol.id == planned.protocol_id)
                )
            if route is None:
                route = self._route(s, p.id, planned, compound)
            # a blend draw delivers every component: each is matched, checked and logged
            co = (
                []
                if not blend or own_mcg is None or status == "skipped"
                else [(name, delivered * mcg / own_mcg) for name, mcg in blend if name != compound]
            )
            co_planned = [self._planned(s, p.id, at, None, status, name) for name, _ in co]
            warnings: list[ResultWarning] = []
            if status == "taken":
                warnings = self._log_warnings(s, p, at, delivered, draw, planned, compound, route)
                for (name, mcg), match in zip(co, co_planned, strict=True):
                    for w in self._log_warnings(s, p, at, mcg, None, match, name, route):
                        if w not in warnings:
                            warnings.append(w)
                if warnings and not confirm:
                    raise ConfirmationNeededError(
                        "this dose needs a confirmation: " + "; ".join(w.message for w in warnings),
                        warnings=[w.to_dict() for w in warnings],
                    )
            taken_from_vial = 0.0
            if vial is not None and own_mcg and status != "skipped":
                taken_from_vial = delivered + dead_space_ml * own_mcg / vial.volume_ml
                taken_from_vial *= vial.amount_mcg / own_mcg  # a blend counts its first part
                _take(s, vial, taken_from_vial)
            event_id = new_id()
            for (name, mcg), match in zip(co, co_planned, strict=True):
                s.add(
                    DoseEvent(
                        profile_id=p.id,
                        planned_dose_id=None if match is None else match.id,
                        vial_id=vial_id,
                        status=status,
                        at=at,
                        tz=p.tz,
                        compound=name,
                        amount_mcg=mcg,
                        taken_from_vial_mcg=0.0,
                        route=route,
                        site=site,
                        notes=f"co-delivered by the {compound} draw from a blend vial",
                        draw_group=event_id,
                    )
                )
            event = DoseEvent(
                id=event_id,
                profile_id=p.id,
                planned_dose_id=None if planned is None else planned.id,
                vial_id=vial_id,
                status=status,
                at=at,
                tz=p.tz,
                compound=compound,
                amount_mcg=delivered,
                asked_mcg=None if status == "skipped" else amount_mcg,
                draw_units=None if draw is None else draw.tick_units,
                taken_from_vial_mcg=taken_from_vial,
                route=route,
                site=site,
                notes=notes,
            )
            s.add(event)
        return LoggedDose(
            event,
            tuple(warnings),
            None if draw is None else f"{draw.tick_units:g} units on a {draw.syringe.label}",
            tuple(co),
        )

    @staticmethod
    def _vial(s: Session, profile_id: str, vial_id: str) -> Vial:
        vial = s.scalar(select(Vial).where(Vial.profile_id == profile_id, Vial.id == vial_id))
        if vial is None:
            raise NotFoundError("vial", vial_id)
        return vial

    def _planned(
        self,
        s: Session,
        profile_id: str,
        at: dt.datetime,
        planned_id: str | None,
        status: str,
        compound: str | None,
    ) -> PlannedDose | None:
        if planned_id is None:
            return None if status == "wasted" else self._match_planned(s, profile_id, at, compound)
        found = s.execute(
            select(PlannedDose, Protocol.compound)
            .join(Protocol, Protocol.id == PlannedDose.protocol_id)
            .where(PlannedDose.profile_id == profile_id, PlannedDose.id == planned_id)
        ).first()
        if found is None:
            raise NotFoundError("planned dose", planned_id)
        planned, planned_compound = found
        if compound and planned_compound and compound != planned_compound:
            raise RefusedError(
                f"the planned dose is {planned_compound}, not {compound}",
                input=planned_id,
                expected=f"a planned dose of {compound}",
            ).at("planned")
        return planned

    @staticmethod
    def _route(
        s: Session, profile_id: str, planned: PlannedDose | None, compound: str | None
    ) -> str | None:
        """The route of the planned dose, else the one route the profile's protocols use
        for this compound; None when that is not one route (never a guess between two)."""
        if planned is not None:
            return s.scalar(select(Protocol.route).where(Protocol.id == planned.protocol_id))
        routes = set(
            s.scalars(
                select(Protocol.route).where(
                    Protocol.profile_id == profile_id, Protocol.compound == compound
                )
            )
        )
        return routes.pop() if compound and len(routes) == 1 else None

    @staticmethod
    def _log_warnings(
        s: Session,
        p: Profile,
        at: dt.datetime,
        delivered: float,
        draw: Reconstitution | None,
        planned: PlannedDose | None,
        compound: str | None,
        route: str | None,
    ) -> list[ResultWarning]:
        tz = zone(p.tz)
        day_start = at.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
        nearby = s.execute(
            select(DoseEvent.at, DoseEvent.amount_mcg).where(
                DoseEvent.profile_id == p.id,
                DoseEvent.status == "taken",
                DoseEvent.compound == compound if compound else DoseEvent.compound.is_(None),
                DoseEvent.at >= min(day_start, at - dt.timedelta(days=1)),
                DoseEvent.at < max(day_start + dt.timedelta(days=1), at + dt.timedelta(days=1)),
            )
        ).all()
        day_total = delivered + sum(
            amount for when, amount in nearby if when.astimezone(tz).date() == day_start.date()
        )
        window = REPEAT_WINDOW
        if planned is not None:
            spec = s.scalar(select(Protocol.spec).where(Protocol.id == planned.protocol_id))
            window = repeat_window(stored_spec_times(planned.protocol_id, spec))
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
            )
        )

    @staticmethod
    def _match_planned(
        s: Session, profile_id: str, at: dt.datetime, compound: str | None
    ) -> PlannedDose | None:
        """The nearest open planned dose of the same compound within the window; a dose
        of no stated compound is matched only when every candidate is of one compound."""
        done = select(DoseEvent.planned_dose_id).where(
            DoseEvent.profile_id == profile_id, DoseEvent.planned_dose_id.is_not(None)
        )
        query = (
            select(PlannedDose, Protocol.compound)
            .join(Protocol, Protocol.id == PlannedDose.protocol_id)
            .where(
                PlannedDose.profile_id == profile_id,
                PlannedDose.due_at >= at - AUTO_MATCH_WINDOW,
                PlannedDose.due_at <= at + AUTO_MATCH_WINDOW,
                PlannedDose.id.not_in(done),
            )
        )
        if compound:
            query = query.where(Protocol.compound == compound)
        candidates = s.execute(query).all()
        if not candidates or (not compound and len({c for _, c in candidates}) > 1):
            return None
        return min((d for d, _ in candidates), key=lambda d: abs(d.due_at - at))

    def history(
        self, profile: str, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> list[DoseEvent]:
        with transaction(self.engine, write=False) as s:
            p = self._profile(s, profile)
            query = select(DoseEvent).where(DoseEvent.profile_id == p.id)
            if start is not None:
                query = query.where(DoseEvent.at >= start)
            if end is not None:
                query = query.where(DoseEvent.at < end)
            return list(s.scalars(query.order_by(DoseEvent.at)))

    # ------------------------------------------------------------ reports
    def adherence(self, profile: str, start: dt.datetime, end: dt.datetime) -> AdherenceReport:
        with transaction(self.engine, write=False) as s:
            p = self._profile(s, profile)
            # one statement for the planned doses and their outcome (an index probe per
            # dose: both planners then use the (profile, planned dose) index), one count
            # for the rest; plain rows, never every event of the period as ORM objects
            outcome = (
                select(DoseEvent.status)
                .where(
                    DoseEvent.profile_id == PlannedDose.profile_id,
                    DoseEvent.planned_dose_id == PlannedDose.id,
                    DoseEvent.status.in_(("taken", "skipped")),
                )
                .limit(1)
                .scalar_subquery()
            )
            rows = (
                s.connection()
                .execute(
                    select(
                        PlannedDose.id,
                        PlannedDose.protocol_id,
                        PlannedDose.cycle,
                        PlannedDose.due_at,
                        PlannedDose.amount_mcg,
                        outcome,
                    ).where(
                        PlannedDose.profile_id == p.id,
                        PlannedDose.due_at >= start,
                        PlannedDose.due_at < end,
                    )
                )
                .all()
            )
            planned = [PlannedView._make(r[:5]) for r in rows]
            outcomes = {r[0]: r[5] for r in rows if r[5] is not None}
            unplanned = s.scalar(
                select(func.count()).where(
                    DoseEvent.profile_id == p.id,
                    DoseEvent.planned_dose_id.is_(None),
                    DoseEvent.draw_group.is_(None),  # a blend's other parts came with a dose
                    DoseEvent.status == "taken",
                    DoseEvent.at >= start - AUTO_MATCH_WINDOW,
                    DoseEvent.at < end + AUTO_MATCH_WINDOW,
                )
            )
            protocols = {
                pid: (name, compound)
                for pid, name, compound in s.execute(
                    select(Protocol.id, Protocol.name, Protocol.compound).where(
                        Protocol.profile_id == p.id
                    )
                )
            }
            return adherence(planned, outcomes, int(unplanned or 0), self.now(), p.tz, protocols)

    def today(self, profile: str) -> dict[str, Any]:
        """Today's planned doses with their state, the next site, and warnings."""
        now = self.now()
        with transaction(self.engine, write=False) as s:
            p = self._profile(s, profile)
            local = now.astimezone(zone(p.tz))
            start = local.replace(hour=0, minute=0, second=0, microsecond=0)
            end = start + dt.timedelta(days=1)
            rows = s.execute(
                select(PlannedDose, Protocol.compound, Protocol.route, Protocol.name)
                .join(Protocol, Protocol.id == PlannedDose.protocol_id)
                .where(
                    PlannedDose.profile_id == p.id,
                    PlannedDose.due_at >= start,
                    PlannedDose.due_at < end,
                )
                .order_by(PlannedDose.due_at, Protocol.compound)
            ).all()
            planned = [row[0] for row in rows]
            about = {row[0].id: row[1:] for row in rows}
            status: dict[str | None, str] = dict(
                list(
                    s.execute(
                        select(DoseEvent.planned_dose_id, DoseEvent.status).where(
                            DoseEvent.profile_id == p.id,
                            DoseEvent.planned_dose_id.in_([d.id for d in planned]),
                        )
                    )
                )
            )
            recent = [
                EventView(e.id, e.planned_dose_id, e.status, e.at, e.amount_mcg, e.site)
                for e in s.scalars(
                    select(DoseEvent)
                    .where(DoseEvent.profile_id == p.id, DoseEvent.site.is_not(None))
                    .order_by(DoseEvent.at.desc())
                    .limit(200)
                )
            ]
            site, why = suggest_site(recent)
            warnings = self._warnings(s, p.id, now)
        checklist = [
            {
                "planned_dose_id": d.id,
                "due_local": d.due_at.astimezone(zone(d.tz)).isoformat(),
                "compound": about[d.id][0],
                "route": about[d.id][1],
                "protocol": about[d.id][2],
                "amount_mcg": d.amount_mcg,
                "status": status.get(d.id) or ("missed" if d.due_at <= now else "due"),
            }
            for d in planned
        ]
        return {
            "profile": profile,
            "date": local.date().isoformat(),
            "checklist": checklist,
            "next_site": {"site": site, "why": why},
            "warnings": [w.to_dict() for w in warnings],
        }

    def warnings(self, profile: str) -> list[ResultWarning]:
        with transaction(self.engine, write=False) as s:
            return self._warnings(s, self._profile(s, profile).id, self.now())

    @staticmethod
    def _warnings(s: Session, profile_id: str, now: dt.datetime) -> list[ResultWarning]:
        vials = [
            StockView(v.id, v.compound, v.kind, v.remaining_mcg, v.amount_mcg, v.discard_by)
            for v in s.scalars(select(Vial).where(Vial.profile_id == profile_id))
        ]
        typical = {
            compound: amount
            for amount, compound in s.execute(
                select(func.max(PlannedDose.amount_mcg), Protocol.compound)
                .join(Protocol, Protocol.id == PlannedDose.protocol_id)
                .where(PlannedDose.profile_id == profile_id)
                .group_by(Protocol.compound)
            )
            if compound
        }
        return stock_warnings(vials, now, typical)

    # ------------------------------------------------------------ check-ins
    def checkin(
        self,
        profile: str,
        *,
        at: dt.datetime,
        gad7: Sequence[int],
        sleep_hours: float | None = None,
        sleep_quality: int | None = None,
        side_effects: str | None = None,
        notes: str | None = None,
    ) -> tuple[CheckIn, str]:
        score, band = gad7_score(gad7)
        if sleep_quality is not None and not 1 <= sleep_quality <= 5:
            raise RefusedError(
                f"sleep quality {sleep_quality} is not 1 to 5",
                input=str(sleep_quality),
                expected="1 (very poor) to 5 (very good)",
            )
        check_journal_time(at, "at", at.isoformat())
        with transaction(self.engine) as s:
            p = self._profile(s, profile, lock=True)
            row = CheckIn(
                profile_id=p.id,
                at=at,
                tz=p.tz,
                gad7_items=list(gad7),
                gad7_score=score,
                sleep_hours=sleep_hours,
                sleep_quality=sleep_quality,
                side_effects=side_effects,
                notes=notes,
            )
            s.add(row)
            return row, band

    def checkins(self, profile: str, limit: int = 10) -> list[CheckIn]:
        """The latest check-ins, newest first."""
        with transaction(self.engine, write=False) as s:
            p = self._profile(s, profile)
            return list(
                s.scalars(
                    select(CheckIn)
                    .where(CheckIn.profile_id == p.id)
                    .order_by(CheckIn.at.desc())
                    .limit(limit)
                )
            )

    def trends(self, profile: str) -> dict[str, Any]:
        with transaction(self.engine, write=False) as s:
            p = self._profile(s, profile)
            rows = list(
                s.execute(
                    select(CheckIn.at, CheckIn.gad7_score, CheckIn.sleep_hours).where(
                        CheckIn.profile_id == p.id
                    )
                )
            )
        return {
            "gad7": score_trend([(at, float(score)) for at, score, _ in rows], p.tz),
            "sleep_hours": score_trend(
                [(at, hours) for at, _, hours in rows if hours is not None], p.tz
            ),
        }


def _check_vial(vial: Vial, at: dt.datetime) -> None:
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


def _take(s: Session, vial: Vial, needed: float) -> None:
    """Take ``needed`` mcg from the vial in one statement that checks the stock as it
    writes it: concurrent writers can neither lose an update nor overdraw the vial."""
    left = Vial.remaining_mcg - needed
    changed = s.execute(
        update(Vial)
        .where(
            Vial.profile_id == vial.profile_id,
            Vial.id == vial.id,
            Vial.remaining_mcg + STOCK_EPSILON_MCG >= needed,
        )
        .values(remaining_mcg=case((left < 0, 0.0), else_=left))
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        remaining = s.scalar(select(Vial.remaining_mcg).where(Vial.id == vial.id))
        raise OverdrawError(
            f"{vial.kind} {vial.id[:8]} ({vial.compound}) has {remaining or 0:.4g} mcg left, "
            f"less than the {needed:.4g} mcg this dose takes (with dead space)",
            input=vial.id,
            expected="a vial with enough left",
        )
    s.expire(vial)


def _component(vial: Vial, blend: list[tuple[str, float]], compound: str | None) -> float:
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


def _draw(
    content_mcg: float, volume_ml: float, dose_mcg: float, syringe: SyringeChoice | None
) -> Reconstitution:
    """The dose at the syringe's marks, the same arithmetic as the calculator and planner."""
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


def spec_to_json(spec: ProtocolSpec) -> dict[str, Any]:
    return {
        "compound": spec.compound,
        "route": spec.route,
        "dose_mcg": spec.dose.m_as("mcg"),
        "times": [t.strftime("%H:%M") for t in spec.times],
        "course_days": spec.course_days,
        "break_days": spec.break_days,
        "cycles": spec.cycles,
        "start": spec.start.isoformat(),
        "tz": spec.tz,
        "every_days": spec.every_days,
        "weekdays": None if spec.weekdays is None else sorted(spec.weekdays),
        "titration": [
            {"dose_mcg": step.dose.m_as("mcg"), "days": step.days} for step in spec.titration
        ],
    }
