"""Journal rows as plain data ready to show, for the CLI, the web app and exports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from peptidekit.journal.repository import CheckInRow, DoseRow, VialRow
from peptidekit.units.dates import zone

if TYPE_CHECKING:
    from peptidekit.journal.repository import LoggedDose


def local_time(when: dt.datetime | None, tz: str, *, with_zone: bool = False) -> str | None:
    """``when`` in the zone ``tz`` as 'YYYY-MM-DD HH:MM' (and the zone's abbreviation),
    as the journal shows every time; None for no time."""
    if when is None:
        return None
    return when.astimezone(zone(tz)).strftime("%Y-%m-%d %H:%M" + (" %Z" if with_zone else ""))


def vial_dict(v: VialRow) -> dict[str, Any]:
    return {
        "id": v.id,
        "compound": v.compound,
        "kind": v.kind,
        "lot": v.lot,
        "amount_mcg": v.amount_mcg,
        "volume_ml": v.volume_ml,
        "remaining_mcg": v.remaining_mcg,
        "opened_at": v.opened_at.isoformat(),
        "discard_by": None if v.discard_by is None else v.discard_by.isoformat(),
        "discard_source": v.discard_source,
        "storage": v.storage,
        "label_mcg": v.label_mcg,
        "content_basis": v.content_basis,
        "blend": [
            {
                "compound": name,
                "amount_mcg": mcg,
                "remaining_mcg": v.remaining_mcg * mcg / v.amount_mcg,
            }
            for name, mcg in v.blend()
        ],
    }


def event_dict(e: DoseRow) -> dict[str, Any]:
    return {
        "id": e.id,
        "status": e.status,
        "at": e.at.astimezone(zone(e.tz)).isoformat(),
        "compound": e.compound,
        "amount_mcg": e.amount_mcg,
        "asked_mcg": e.asked_mcg,
        "draw_units": e.draw_units,
        "taken_from_vial_mcg": e.taken_from_vial_mcg,
        "vial_id": e.vial_id,
        "planned_dose_id": e.planned_dose_id,
        "site": e.site,
        "route": e.route,
        "notes": e.notes,
        "draw_group": e.draw_group,
    }


def logged_dict(logged: LoggedDose) -> dict[str, Any]:
    """A logged dose with its draw and warnings."""
    return {
        **event_dict(logged.event),
        "draw": logged.draw,
        "co_delivered": [{"compound": n, "mcg": mcg} for n, mcg in logged.co_delivered],
        "warnings": [w.to_dict() for w in logged.warnings],
    }


def checkin_dict(c: CheckInRow) -> dict[str, Any]:
    """A check-in with its local time and GAD-7 severity band."""
    from peptidekit.journal.core import gad7_band

    return {
        "at_local": local_time(c.at, c.tz),
        "gad7_score": c.gad7_score,
        "severity": gad7_band(c.gad7_score),
        "notes": c.notes,
    }
