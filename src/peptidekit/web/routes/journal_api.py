"""The JSON API: the same operations as the CLI, described by OpenAPI (/openapi.json).

Quantities travel as the text a person would type ("250mcg"), so the API reads
them through the same strict parser as the CLI and refuses the same things.
Errors from the core become 400 (bad input) or 404 (unknown name) with a JSON
body ``{"error": {"code", "message", ...}}``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from peptidekit.ops import journal as journal_ops
from peptidekit.web.derive import body_values, model_for
from peptidekit.web.routes import journal_services as services

api = APIRouter(prefix="/api", tags=["api"])

Text = Annotated[str, Field(min_length=1, max_length=64)]
VialText = Annotated[str, Field(min_length=1, max_length=200)]
"""A vial: '5mg', or a blend 'selank 5mg + semax 5mg'."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# the journal's request bodies, derived from the declarations in ops.journal (profile:
# which profile; the edits take it as a query parameter, their row's id in the path)
LogRequest = model_for(journal_ops.LogRequest)
VialRequest = model_for(journal_ops.VialRequest)
ProfileRequest = model_for(journal_ops.ProfileRequest)
EditDoseRequest = model_for(journal_ops.EditRequest, "EditDoseRequest")
EditVialRequest = model_for(journal_ops.VialEditRequest, "EditVialRequest")


# The calculators answer in well under a millisecond: they run on the event loop (no
# thread hand-off) and return their JSON directly (it is plain data already).


Profile = Annotated[
    str | None,
    Query(max_length=80, description="Journal profile (needed when there are several)"),
]


@api.get("/journal/profiles")
def journal_profiles(request: Request) -> list[dict[str, str]]:
    return services.journal_profiles(request.app.state.journal)


@api.post("/journal/profiles")
def journal_add_profile(request: Request, body: ProfileRequest) -> dict[str, str]:  # type: ignore[valid-type]
    return services.journal_add_profile(request.app.state.journal, body_values(body))


@api.get("/journal/today")
def journal_today(request: Request, profile: Profile = None) -> dict[str, Any]:
    return services.journal_today(request.app.state.journal, profile)


@api.get("/journal/vials")
def journal_vials(request: Request, profile: Profile = None) -> dict[str, Any]:
    return services.journal_vials(request.app.state.journal, profile)


@api.post("/journal/vials")
def journal_add_vial(request: Request, body: VialRequest) -> dict[str, Any]:  # type: ignore[valid-type]
    values = body_values(body)
    return services.journal_add_vial(
        request.app.state.journal, values, dt.datetime.now(dt.UTC), values.get("profile")
    )


@api.post("/journal/log")
def journal_log(request: Request, body: LogRequest) -> dict[str, Any]:  # type: ignore[valid-type]
    values = body_values(body)
    return services.journal_log(
        request.app.state.journal, values, dt.datetime.now(dt.UTC), values.get("profile")
    )


DoseId = Annotated[str, Path(min_length=1, max_length=32, pattern="^[0-9a-f]+$")]
"""A row's id on the API: its full 32 hex digits (the journal is in exact-id mode, so a
shorter prefix is answered 404, never matched to a row)."""


@api.get("/journal/doses")
def journal_doses(
    request: Request,
    response: Response,
    profile: Profile = None,
    before: Annotated[
        str | None, Query(max_length=32, description="Page on from this dose")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
) -> list[dict[str, Any]]:
    """Logged doses, newest first (ids for edit and delete), ``limit`` at a time; a
    ``Link: <...>; rel="next"`` header names the next page while older doses remain."""
    from urllib.parse import urlencode

    from peptidekit.journal.views import event_dict

    journal = request.app.state.journal
    name = services.profile_name(journal, profile)
    page = journal_ops.history_page(journal, name, before=before or None, limit=limit)
    if page.older:
        query = {"before": page.older, "limit": limit} | ({"profile": name} if profile else {})
        response.headers["Link"] = f'</api/journal/doses?{urlencode(query)}>; rel="next"'
    return [event_dict(e) for e in page.events]


@api.patch("/journal/doses/{dose}")
def journal_edit_dose(
    request: Request,
    dose: DoseId,
    body: EditDoseRequest,  # type: ignore[valid-type]
    profile: Profile = None,
) -> dict[str, Any]:
    """Correct a dose's time, site or notes (to change the amount, delete and log again)."""
    from peptidekit.journal.views import event_dict
    from peptidekit.ops.journal import EditRequest, edit_dose

    journal = request.app.state.journal
    name = services.profile_name(journal, profile)
    # the body as sent: an empty site or notes clears it (from_form would drop it)
    return event_dict(edit_dose(journal, name, dose, EditRequest(**body_values(body))))


@api.delete("/journal/doses/{dose}")
def journal_delete_dose(request: Request, dose: DoseId, profile: Profile = None) -> dict[str, Any]:
    """Undo a dose: its stock goes back to its vial in the same transaction."""
    from peptidekit.ops.journal import delete_dose

    journal = request.app.state.journal
    gone = delete_dose(journal, services.profile_name(journal, profile), dose)
    return {"events": gone.events, "restored_mcg": gone.restored_mcg, "vial_id": gone.vial_id}


@api.delete("/journal/vials/{vial}")
def journal_delete_vial(request: Request, vial: DoseId, profile: Profile = None) -> dict[str, Any]:
    """Delete a vial recorded by mistake (refused once a dose was logged from it)."""
    from peptidekit.ops.journal import delete_vial

    journal = request.app.state.journal
    delete_vial(journal, services.profile_name(journal, profile), vial)
    return {"deleted": vial}


@api.patch("/journal/vials/{vial}")
def journal_edit_vial(
    request: Request,
    vial: DoseId,
    body: EditVialRequest,  # type: ignore[valid-type]
    profile: Profile = None,
) -> dict[str, Any]:
    """Correct a vial: lot, opening time or shelf life any time; content before any dose."""
    from peptidekit.journal.views import vial_dict
    from peptidekit.ops.journal import VialEditRequest, edit_vial

    journal = request.app.state.journal
    name = services.profile_name(journal, profile)
    return vial_dict(edit_vial(journal, name, vial, VialEditRequest(**body_values(body))))
