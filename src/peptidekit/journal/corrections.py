"""The rules of correcting the journal: which deletions and edits are allowed, and what
an edit changes. The store runs them inside the transaction that holds the profile's
lock and writes what they decide (peptidekit.store.corrections)."""

from __future__ import annotations

import datetime as dt

from peptidekit.errors import InputError, RefusedError
from peptidekit.journal.core import check_journal_time
from peptidekit.journal.repository import DoseRow, VialRow


def restored_by_deleting(event: DoseRow, event_id: str) -> float:
    """What deleting the dose gives back to its vial (what it took, dead space included);
    deleting a blend draw's co-delivered part alone is refused (its draw goes whole)."""
    if event.draw_group is not None:
        raise RefusedError(
            f"this {event.compound} dose came with another component's draw from a blend "
            "vial; delete that dose, and this one goes with it",
            input=event_id,
            expected="the dose that set the draw",
        ).at("event")
    return event.taken_from_vial_mcg or 0.0


def check_new_time(at: dt.datetime | None, name: str) -> None:
    if at is not None:
        check_journal_time(at, name, at.isoformat())


def dose_changes(
    vial: VialRow | None, at: dt.datetime | None, site: str | None, notes: str | None
) -> dict[str, object]:
    """The columns a dose correction changes (a new time never before its vial was
    opened; blank site or notes clear them); refused when it changes nothing."""
    changes: dict[str, object] = {}
    if at is not None:
        if vial is not None and at < vial.opened_at:
            raise RefusedError(
                f"the vial was opened at {vial.opened_at:%Y-%m-%d %H:%M} UTC, after "
                f"{at:%Y-%m-%d %H:%M} UTC",
                input=at.isoformat(),
                expected="a time after the vial was opened",
            ).at("at")
        changes["at"] = at
    if site is not None:
        changes["site"] = site.strip() or None
    if notes is not None:
        changes["notes"] = notes.strip() or None
    if not changes:
        raise InputError(
            "nothing to change: give a new time, site or notes",
            input="",
            expected="a time, site or notes",
        ).at("at")
    return changes


def check_content_change(vial: VialRow, doses_from_it: int, amount_mcg: float | None) -> None:
    """A vial's content or diluent is corrected only while no dose was drawn from it at
    the recorded figures; a blend's content only by adding it again."""
    if doses_from_it:
        raise RefusedError(
            f"{doses_from_it} logged dose(s) were drawn from {vial.kind} {vial.id[:8]} at "
            "its recorded content; delete them first to correct the content or the diluent",
            input=vial.id,
            expected="a vial no dose was logged from",
        ).at("vial")
    if vial.components and amount_mcg is not None:
        raise RefusedError(
            "a blend's content is corrected by deleting the vial and adding it again",
            input=vial.id,
            expected="a single-compound vial",
        ).at("vial")


def moved_discard_by(
    vial: VialRow, opened_at: dt.datetime, first_dose: dt.datetime | None
) -> dt.datetime | None:
    """The discard-by time once the vial's opening moves to ``opened_at`` (its shelf
    life kept); refused when a dose was drawn before the new opening."""
    if first_dose is not None and opened_at > first_dose:
        raise RefusedError(
            f"a dose was drawn from it at {first_dose:%Y-%m-%d %H:%M} UTC, before "
            f"{opened_at:%Y-%m-%d %H:%M} UTC",
            input=opened_at.isoformat(),
            expected="an opening time before its first dose",
        ).at("opened")
    keep = None if vial.discard_by is None else vial.discard_by - vial.opened_at
    return None if keep is None else opened_at + keep


def check_vial_deletable(vial: VialRow, doses_from_it: int) -> None:
    """A vial recorded by mistake is deleted only while no dose came from it."""
    if doses_from_it:
        raise RefusedError(
            f"{doses_from_it} logged dose(s) came from {vial.kind} {vial.id[:8]}; delete them "
            "first (each gives its stock back), or keep the vial",
            input=vial.id,
            expected="a vial no dose was logged from",
        ).at("vial")
