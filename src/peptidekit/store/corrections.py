"""Corrections to the journal: delete (undo) a logged dose, edit its time, site or notes,
correct or delete a vial. Each is one transaction under the profile's lock, so nothing
a concurrent writer does is lost, and a refusal leaves every row as it was. What is
allowed and what changes are peptidekit.journal.corrections' rules; this is their SQL.

Deleting a dose gives back to its vial exactly what the dose took from it (the
delivered dose plus dead space, as stored), in the same statement-level transaction
as the deletion; a blend draw is deleted with the events of its other components.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.orm import Session

from peptidekit.errors import NotFoundError
from peptidekit.journal.corrections import (
    check_content_change,
    check_new_time,
    check_vial_deletable,
    dose_changes,
    moved_discard_by,
    restored_by_deleting,
)
from peptidekit.journal.repository import DeletedDose
from peptidekit.store.base import StoreBase
from peptidekit.store.db import transaction
from peptidekit.store.models import DoseEvent, Vial

__all__ = ["Corrections", "DeletedDose"]


class Corrections(StoreBase):
    """Mixed into store.journal.Journal."""

    def delete_dose(self, profile: str, event_id: str) -> DeletedDose:
        """Delete a logged dose (and, for a blend draw, its other components' events) and
        give its vial back what it took. Deleting a co-delivered part alone is refused."""
        with transaction(self.engine) as s:
            p = self._profile(s, profile, lock=True)
            event = _event(s, p.id, event_id)
            restored = restored_by_deleting(event, event_id)
            if event.vial_id is not None and restored > 0:
                back = Vial.remaining_mcg + restored
                s.execute(
                    update(Vial)
                    .where(Vial.profile_id == p.id, Vial.id == event.vial_id)
                    .values(
                        remaining_mcg=case((back > Vial.amount_mcg, Vial.amount_mcg), else_=back)
                    )
                    .execution_options(synchronize_session=False)
                )
            gone = s.execute(
                delete(DoseEvent).where(
                    DoseEvent.profile_id == p.id,
                    (DoseEvent.id == event_id) | (DoseEvent.draw_group == event_id),
                )
            )
            return DeletedDose(int(gone.rowcount or 0), restored, event.vial_id)  # type: ignore[attr-defined]

    def edit_dose(
        self,
        profile: str,
        event_id: str,
        *,
        at: dt.datetime | None = None,
        site: str | None = None,
        notes: str | None = None,
    ) -> DoseEvent:
        """Correct a logged dose's time, site or notes (a blend draw's parts move together).
        The amount is corrected by deleting the dose, which restores its stock, and logging it
        again: the draw, the stock and the checks then run as for any dose."""
        check_new_time(at, "at")
        with transaction(self.engine) as s:
            p = self._profile(s, profile, lock=True)
            event = _event(s, p.id, event_id)
            group = event.draw_group or event.id
            vial = None if event.vial_id is None or at is None else s.get(Vial, event.vial_id)
            changes = dose_changes(vial, at, site, notes)
            s.execute(
                update(DoseEvent)
                .where(
                    DoseEvent.profile_id == p.id,
                    (DoseEvent.id == group) | (DoseEvent.draw_group == group),
                )
                .values(**changes)
                .execution_options(synchronize_session=False)
            )
            s.expire(event)
            s.refresh(event)
            return event

    def edit_vial(
        self,
        profile: str,
        vial_id: str,
        *,
        amount_mcg: float | None = None,
        volume_ml: float | None = None,
        opened_at: dt.datetime | None = None,
        shelf_life_days: float | None = None,
        lot: str | None = None,
    ) -> Vial:
        """Correct a vial: its lot, opening time or shelf life at any time (the discard-by
        time follows); its content or diluent only while no dose was logged from it (the
        draws already logged were computed from them: delete those doses first)."""
        check_new_time(opened_at, "opened")
        with transaction(self.engine) as s:
            p = self._profile(s, profile, lock=True)
            vial = _vial(s, p.id, vial_id)
            if amount_mcg is not None or volume_ml is not None:
                check_content_change(vial, _doses_from(s, p.id, vial_id), amount_mcg)
                if amount_mcg is not None:
                    vial.amount_mcg = vial.remaining_mcg = amount_mcg
                if volume_ml is not None:
                    vial.volume_ml = volume_ml
            if opened_at is not None:
                first = s.scalar(
                    select(func.min(DoseEvent.at)).where(
                        DoseEvent.profile_id == p.id, DoseEvent.vial_id == vial_id
                    )
                )
                vial.discard_by = moved_discard_by(vial, opened_at, first)
                vial.opened_at = opened_at
            if shelf_life_days is not None:
                vial.discard_by = vial.opened_at + dt.timedelta(days=shelf_life_days)
                vial.discard_source = "corrected by the user"
            if lot is not None:
                vial.lot = lot.strip() or None
            s.flush()
            return vial

    def delete_vial(self, profile: str, vial_id: str) -> None:
        """Delete a vial recorded by mistake; refused once a dose was logged from it (its
        history would lose where the dose came from): delete those doses first."""
        with transaction(self.engine) as s:
            p = self._profile(s, profile, lock=True)
            vial = _vial(s, p.id, vial_id)
            check_vial_deletable(vial, _doses_from(s, p.id, vial_id))
            s.delete(vial)


def _doses_from(s: Session, profile_id: str, vial_id: str) -> int:
    """How many logged doses were drawn from the vial."""
    return int(
        s.scalar(
            select(func.count())
            .select_from(DoseEvent)
            .where(DoseEvent.profile_id == profile_id, DoseEvent.vial_id == vial_id)
        )
        or 0
    )


def _event(s: Session, profile_id: str, event_id: str) -> DoseEvent:
    event = s.scalar(
        select(DoseEvent).where(DoseEvent.profile_id == profile_id, DoseEvent.id == event_id)
    )
    if event is None:
        raise NotFoundError("logged dose", event_id)
    return event


def _vial(s: Session, profile_id: str, vial_id: str) -> Vial:
    vial = s.scalar(select(Vial).where(Vial.profile_id == profile_id, Vial.id == vial_id))
    if vial is None:
        raise NotFoundError("vial", vial_id)
    return vial
