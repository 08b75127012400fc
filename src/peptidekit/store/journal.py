"""The journal repository: every public method is one transaction, scoped to one profile.

Logging a dose takes its amount, plus dead space, from its vial in the same
transaction; a dose from an expired or empty vial is refused with the reason.
Nothing is written unless the whole operation succeeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from peptidekit.dosing.syringe import SyringeChoice
from peptidekit.errors import NotFoundError, OverdrawError
from peptidekit.journal.core import (
    OUTCOMES,
    AdherenceReport,
    EventView,
    PlannedView,
    adherence,
)
from peptidekit.journal.facts import DoseKnowledge
from peptidekit.journal.repository import (
    DoseToLog,
    JournalRepository,
    LoggedDose,
    NewDose,
    VialRow,
)
from peptidekit.journal.rules import (
    AUTO_MATCH_WINDOW,
    STOCK_EPSILON_MCG,
    TodayDose,
    WarningsCheck,
    checked_checkin,
    new_profile,
    new_vial,
    profile_taken,
    today_view,
    trends_view,
    vial_warnings,
)
from peptidekit.journal.rules import log_dose as log_by_the_rules
from peptidekit.protocol.schedule import build_schedule
from peptidekit.protocol.spec import ProtocolSpec, zone
from peptidekit.results import ResultWarning
from peptidekit.store.base import StoreBase, utcnow
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
)

__all__ = ["AUTO_MATCH_WINDOW", "Journal", "LoggedDose", "SyringeChoice", "spec_to_json", "utcnow"]


@dataclass
class Journal(Corrections, History, StoreBase):
    """The journal repository (peptidekit.journal.repository.JournalRepository) on an
    SQLAlchemy engine."""

    # ------------------------------------------------------------ profiles
    def create_profile(self, name: str, tz: str) -> Profile:
        name = new_profile(name, tz)
        with transaction(self.engine) as s:
            if s.scalar(select(Profile).where(Profile.name == name)) is not None:
                raise profile_taken(name)
            profile = Profile(name=name, tz=tz, created_at=self.now())
            s.add(profile)
            try:
                s.flush()
            except IntegrityError as error:  # created by another process meanwhile
                raise profile_taken(name) from error
            return profile

    def profiles(self) -> list[Profile]:
        with transaction(self.engine, write=False) as s:
            return list(s.scalars(select(Profile).order_by(Profile.name)))

    def profile(self, name: str) -> Profile:
        with transaction(self.engine, write=False) as s:
            return self._profile(s, name)

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
        made = new_vial(compound, amount_mcg, opened_at, shelf_life_days, components)
        with transaction(self.engine) as s:
            p = self._profile(s, profile)
            vial = Vial(
                profile_id=p.id,
                components=made.components,
                compound=made.compound,
                kind=kind,
                lot=lot,
                amount_mcg=made.amount_mcg,
                volume_ml=volume_ml,
                opened_at=opened_at,
                storage=storage,
                discard_by=made.discard_by,
                discard_source=shelf_life_source,
                remaining_mcg=made.amount_mcg,
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
        knowledge: DoseKnowledge | None = None,
        check_warnings: WarningsCheck | None = None,
    ) -> LoggedDose:
        """Log a dose by the journal's rules (peptidekit.journal.rules.log_dose): from a
        reconstituted vial rounded to the syringe's marks, the delivered dose plus dead
        space taken from the vial in the same transaction, by one conditional UPDATE that
        can never overdraw it, whatever runs beside it. Warnings come back with the
        result; with ``confirm=False`` they raise ConfirmationNeededError and nothing is
        written (``check_warnings``, when given, decides instead). ``knowledge``: the
        knowledge base's figures, read once (default: now)."""
        dose = DoseToLog(
            at=at,
            amount_mcg=amount_mcg,
            status=status,
            vial_id=vial_id,
            dead_space_ml=dead_space_ml,
            route=route,
            site=site,
            notes=notes,
            planned_dose_id=planned_dose_id,
            compound=compound,
            syringe=syringe,
            confirm=confirm,
        )
        with transaction(self.engine) as s:
            tx = _DoseLog(s, self._profile(s, profile, lock=True))
            return log_by_the_rules(tx, dose, knowledge, check_warnings)

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
                    DoseEvent.status.in_(OUTCOMES),
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
            planned = [
                TodayDose(d.id, d.due_at, d.tz, d.amount_mcg, compound, route, name)
                for d, compound, route, name in rows
            ]
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
            warnings = self._warnings(s, p.id, now)
        return today_view(profile, local.date(), now, planned, status, recent, warnings)

    def warnings(self, profile: str) -> list[ResultWarning]:
        with transaction(self.engine, write=False) as s:
            return self._warnings(s, self._profile(s, profile).id, self.now())

    @staticmethod
    def _warnings(s: Session, profile_id: str, now: dt.datetime) -> list[ResultWarning]:
        vials = list(s.scalars(select(Vial).where(Vial.profile_id == profile_id)))
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
        return vial_warnings(vials, now, typical)

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
        score, band = checked_checkin(at, gad7, sleep_quality)
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
        return trends_view(rows, p.tz)


@dataclass(frozen=True)
class _DoseLog:
    """Logging one dose (journal.repository.DoseLogTransaction) in session ``s``, which
    holds the profile's lock."""

    s: Session
    profile: Profile

    def vial(self, vial_id: str) -> Vial:
        found = self.s.scalar(
            select(Vial).where(Vial.profile_id == self.profile.id, Vial.id == vial_id)
        )
        if found is None:
            raise NotFoundError("vial", vial_id)
        return found

    def planned(self, planned_id: str) -> tuple[PlannedDose, str | None]:
        found = self.s.execute(
            select(PlannedDose, Protocol.compound)
            .join(Protocol, Protocol.id == PlannedDose.protocol_id)
            .where(PlannedDose.profile_id == self.profile.id, PlannedDose.id == planned_id)
        ).first()
        if found is None:
            raise NotFoundError("planned dose", planned_id)
        return found[0], found[1]

    def open_planned(
        self, start: dt.datetime, end: dt.datetime, compound: str | None
    ) -> list[tuple[PlannedDose, str | None]]:
        done = select(DoseEvent.planned_dose_id).where(
            DoseEvent.profile_id == self.profile.id, DoseEvent.planned_dose_id.is_not(None)
        )
        query = (
            select(PlannedDose, Protocol.compound)
            .join(Protocol, Protocol.id == PlannedDose.protocol_id)
            .where(
                PlannedDose.profile_id == self.profile.id,
                PlannedDose.due_at >= start,
                PlannedDose.due_at <= end,
                PlannedDose.id.not_in(done),
            )
        )
        if compound is not None:
            query = query.where(Protocol.compound == compound)
        return [(planned, name) for planned, name in self.s.execute(query)]

    def protocol_compound(self, protocol_id: str) -> str | None:
        return self.s.scalar(select(Protocol.compound).where(Protocol.id == protocol_id))

    def protocol_route(self, protocol_id: str) -> str | None:
        return self.s.scalar(select(Protocol.route).where(Protocol.id == protocol_id))

    def protocol_times(self, protocol_id: str) -> list[str]:
        spec = self.s.scalar(select(Protocol.spec).where(Protocol.id == protocol_id))
        return stored_spec_times(protocol_id, spec)

    def routes_of(self, compound: str | None) -> set[str]:
        return set(
            self.s.scalars(
                select(Protocol.route).where(
                    Protocol.profile_id == self.profile.id, Protocol.compound == compound
                )
            )
        )

    def taken_between(
        self, compound: str | None, start: dt.datetime, end: dt.datetime
    ) -> list[tuple[dt.datetime, float]]:
        rows = self.s.execute(
            select(DoseEvent.at, DoseEvent.amount_mcg).where(
                DoseEvent.profile_id == self.profile.id,
                DoseEvent.status == "taken",
                DoseEvent.compound == compound if compound else DoseEvent.compound.is_(None),
                DoseEvent.at >= start,
                DoseEvent.at < end,
            )
        )
        return [(at, amount) for at, amount in rows]

    def take(self, vial: VialRow, mcg: float) -> None:
        """One statement that checks the stock as it writes it: concurrent writers can
        neither lose an update nor overdraw the vial."""
        left = Vial.remaining_mcg - mcg
        changed = self.s.execute(
            update(Vial)
            .where(
                Vial.profile_id == vial.profile_id,
                Vial.id == vial.id,
                Vial.remaining_mcg + STOCK_EPSILON_MCG >= mcg,
            )
            .values(remaining_mcg=case((left < 0, 0.0), else_=left))
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            remaining = self.s.scalar(select(Vial.remaining_mcg).where(Vial.id == vial.id))
            raise OverdrawError(
                f"{vial.kind} {vial.id[:8]} ({vial.compound}) has {remaining or 0:.4g} mcg "
                f"left, less than the {mcg:.4g} mcg this dose takes (with dead space)",
                input=vial.id,
                expected="a vial with enough left",
            )
        if isinstance(vial, Vial):
            self.s.expire(vial)

    def add_dose(self, dose: NewDose) -> DoseEvent:
        event = DoseEvent(
            profile_id=self.profile.id,
            planned_dose_id=dose.planned_dose_id,
            vial_id=dose.dose.vial_id,
            status=dose.status,
            at=dose.dose.at,
            tz=self.profile.tz,
            compound=dose.compound,
            amount_mcg=dose.amount_mcg,
            asked_mcg=dose.asked_mcg,
            draw_units=dose.draw_units,
            taken_from_vial_mcg=dose.taken_from_vial_mcg,
            route=dose.route,
            site=dose.dose.site,
            notes=dose.notes,
            draw_group=dose.draw_group,
        )
        if dose.id is not None:
            event.id = dose.id
        self.s.add(event)
        return event


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


if TYPE_CHECKING:

    def _implements(journal: Journal) -> JournalRepository:
        return journal  # mypy checks that Journal is a JournalRepository
