"""Journal rows as plain data, for the CLI, the web app and exports."""

from __future__ import annotations

from typing import Any

from peptidekit.protocol.spec import zone


def vial_dict(v: Any) -> dict[str, Any]:
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


def event_dict(e: Any) -> dict[str, Any]:
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


def logged_dict(logged: Any) -> dict[str, Any]:
    """A logged dose (store.journal.LoggedDose) with its draw and warnings."""
    return {
        **event_dict(logged.event),
        "draw": logged.draw,
        "co_delivered": [{"compound": n, "mcg": mcg} for n, mcg in logged.co_delivered],
        "warnings": [w.to_dict() for w in logged.warnings],
    }
