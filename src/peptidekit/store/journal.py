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

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from peptidekit.errors import NotFoundError, RefusedError
from peptidekit.journal.core import (
    AdherenceReport,
    EventView,
    PlannedView,
    StockView,
    adherence,
    gad7_score,
    score_trend,
    stock_warnings,
    suggest_site,
)
from peptidekit.protocol.schedule import build_schedule
from peptidekit.protocol.spec import ProtocolSpec, zone
from peptidekit.results import ResultWarning
from peptidekit.store.db import transaction
from peptidekit.store.models import CheckIn, DoseEvent, PlannedDose, Profile, Protocol, Vial

AUTO_MATCH_WINDOW = dt.timedelta(hours=3)
"""A dose logged without --planned is linked to an open planned dose this close."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Journal:
    engine: Engine
    now: Callable[[], dt.datetime] = utcnow

    # ------------------------------------------------------------ profiles
    def create_profile(self, name: str, tz: str) -> Profile:
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
            return profile

    def profiles(self) -> list[Profile]:
        with transaction(self.engine) as s:
            return list(s.scalars(select(Profile).order_by(Profile.name)))

    def profile(self, name: str) -> Profile:
        with transaction(self.engine) as s:
            return self._profile(s, name)

    @staticmethod
    def _profile(s: Session, name: str) -> Profile:
        found = s.scalar(select(Profile).where(Profile.name == name))
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
    ) -> Vial:
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            vial = Vial(
                profile_id=p.id,
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
            )
            s.add(vial)
            return vial

    def vials(self, profile: str) -> list[Vial]:
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            return list(
                s.scalars(select(Vial).where(Vial.profile_id == p.id).order_by(Vial.opened_at))
            )

    def vial_id(self, profile: str, prefix: str) -> str:
        """The id of the profile's one vial whose id starts with ``prefix``."""
        matches = [v.id for v in self.vials(profile) if v.id.startswith(prefix)]
        if len(matches) != 1:
            raise NotFoundError("vial" if not matches else "unique vial for prefix", prefix)
        return str(matches[0])

    # ------------------------------------------------------------ protocols
    def add_protocol(self, profile: str, spec: ProtocolSpec, name: str) -> tuple[Protocol, int]:
        schedule = build_schedule(spec)
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
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
            for dose in schedule.doses:
                s.add(
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
                )
            return protocol, len(schedule.doses)

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
    ) -> DoseEvent:
        if status not in ("taken", "skipped", "wasted"):
            raise RefusedError(
                f"status {status!r} is not taken, skipped or wasted",
                input=status,
                expected="taken, skipped or wasted",
            )
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            taken_from_vial = 0.0
            if vial_id is not None:
                vial = s.scalar(select(Vial).where(Vial.profile_id == p.id, Vial.id == vial_id))
                if vial is None:
                    raise NotFoundError("vial", vial_id)
                compound = compound or vial.compound
                if status != "skipped":
                    per_ml = vial.amount_mcg / vial.volume_ml
                    taken_from_vial = amount_mcg + dead_space_ml * per_ml
                    _check_vial(vial, at, taken_from_vial)
                    vial.remaining_mcg -= taken_from_vial
            if planned_dose_id is None and status != "wasted":
                planned_dose_id = self._match_planned(s, p.id, at)
            elif (
                planned_dose_id is not None
                and s.scalar(
                    select(PlannedDose.id).where(
                        PlannedDose.profile_id == p.id, PlannedDose.id == planned_dose_id
                    )
                )
                is None
            ):
                raise NotFoundError("planned dose", planned_dose_id)
            event = DoseEvent(
                profile_id=p.id,
                planned_dose_id=planned_dose_id,
                vial_id=vial_id,
                status=status,
                at=at,
                tz=p.tz,
                compound=compound,
                amount_mcg=amount_mcg if status != "skipped" else 0.0,
                taken_from_vial_mcg=taken_from_vial,
                route=route,
                site=site,
                notes=notes,
            )
            s.add(event)
            return event

    @staticmethod
    def _match_planned(s: Session, profile_id: str, at: dt.datetime) -> str | None:
        done = select(DoseEvent.planned_dose_id).where(
            DoseEvent.profile_id == profile_id, DoseEvent.planned_dose_id.is_not(None)
        )
        candidates = s.scalars(
            select(PlannedDose).where(
                PlannedDose.profile_id == profile_id,
                PlannedDose.due_at >= at - AUTO_MATCH_WINDOW,
                PlannedDose.due_at <= at + AUTO_MATCH_WINDOW,
                PlannedDose.id.not_in(done),
            )
        ).all()
        if not candidates:
            return None
        return min(candidates, key=lambda d: abs(d.due_at - at)).id

    def history(
        self, profile: str, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> list[DoseEvent]:
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            query = select(DoseEvent).where(DoseEvent.profile_id == p.id)
            if start is not None:
                query = query.where(DoseEvent.at >= start)
            if end is not None:
                query = query.where(DoseEvent.at < end)
            return list(s.scalars(query.order_by(DoseEvent.at)))

    # ------------------------------------------------------------ reports
    def adherence(self, profile: str, start: dt.datetime, end: dt.datetime) -> AdherenceReport:
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            planned = [
                PlannedView(d.id, d.protocol_id, d.cycle, d.due_at, d.amount_mcg)
                for d in s.scalars(
                    select(PlannedDose).where(
                        PlannedDose.profile_id == p.id,
                        PlannedDose.due_at >= start,
                        PlannedDose.due_at < end,
                    )
                )
            ]
            events = [
                EventView(e.id, e.planned_dose_id, e.status, e.at, e.amount_mcg, e.site)
                for e in s.scalars(
                    select(DoseEvent).where(
                        DoseEvent.profile_id == p.id,
                        DoseEvent.at >= start - AUTO_MATCH_WINDOW,
                        DoseEvent.at < end + AUTO_MATCH_WINDOW,
                    )
                )
            ]
            return adherence(planned, events, self.now(), p.tz)

    def today(self, profile: str) -> dict[str, Any]:
        """Today's planned doses with their state, the next site, and warnings."""
        now = self.now()
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            local = now.astimezone(zone(p.tz))
            start = local.replace(hour=0, minute=0, second=0, microsecond=0)
            end = start + dt.timedelta(days=1)
            planned = list(
                s.scalars(
                    select(PlannedDose)
                    .where(
                        PlannedDose.profile_id == p.id,
                        PlannedDose.due_at >= start,
                        PlannedDose.due_at < end,
                    )
                    .order_by(PlannedDose.due_at)
                )
            )
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
        with transaction(self.engine) as s:
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
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
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

    def trends(self, profile: str) -> dict[str, Any]:
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            rows = list(
                s.execute(
                    select(CheckIn.at, CheckIn.gad7_score, CheckIn.sleep_hours).where(
                        CheckIn.profile_id == p.id
                    )
                )
            )
        return {
            "gad7": score_trend([(at, float(score)) for at, score, _ in rows]),
            "sleep_hours": score_trend([(at, hours) for at, _, hours in rows if hours is not None]),
        }


def _check_vial(vial: Vial, at: dt.datetime, needed: float) -> None:
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
    if vial.remaining_mcg + 1e-9 < needed:
        raise RefusedError(
            f"{label} has {vial.remaining_mcg:.4g} mcg left, less than the {needed:.4g} mcg "
            "this dose takes (with dead space)",
            input=vial.id,
            expected="a vial with enough left",
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
