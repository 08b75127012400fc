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
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from peptidekit.vocabulary import DOSE_STATUSES, route_pattern
from peptidekit.web import services

router = APIRouter(prefix="/api", tags=["api"])

Text = Annotated[str, Field(min_length=1, max_length=64)]
VialText = Annotated[str, Field(min_length=1, max_length=200)]
"""A vial: '5mg', or a blend 'selank 5mg + semax 5mg'."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LogRequest(Strict):
    dose: Text = Field(examples=["250mcg"])
    status: str = Field(default=DOSE_STATUSES[0], pattern=route_pattern(DOSE_STATUSES))
    vial: Text | None = None
    dead_space: Text | None = None
    site: Annotated[str, Field(max_length=40)] | None = None
    at: Text | None = Field(default=None, description="'YYYY-MM-DD HH:MM' local, ISO, or now")
    notes: Annotated[str, Field(max_length=2000)] | None = None
    profile: Annotated[str, Field(max_length=80)] | None = None
    compound: Text | None = Field(
        default=None, description="Whose dose; from a blend vial, the component dosed"
    )
    confirm: bool = Field(
        default=False,
        description="Log even with warnings (off the plan, a repeat, over the reference); "
        "without it such a dose is answered 409 with the warnings and not written",
    )


class VialRequest(Strict):
    compound: Annotated[str, Field(max_length=80)] | None = Field(
        default=None, examples=["selank"], description="Not needed for a blend vial"
    )
    vial: VialText = Field(examples=["5mg", "selank 5mg + semax 5mg"])
    diluent: Text = Field(examples=["2mL"])
    profile: Annotated[str, Field(max_length=80)] | None = None
    net_peptide: Text | None = Field(
        default=None, examples=["80%"], description="Net peptide content; the vial is then gross"
    )
    counter_ion: Text | None = Field(default=None, examples=["acetate"])
    counter_ions: Text | None = Field(default=None, examples=["3"])


class ProfileRequest(Strict):
    name: Annotated[str, Field(min_length=1, max_length=80)]
    tz: Annotated[str, Field(max_length=64)] = Field(examples=["Europe/Moscow"])


@router.get("/health")
async def health() -> JSONResponse:
    """A minimal route (also the benchmark's baseline); "warm" is false while the
    start-up warm-up still runs."""
    from peptidekit.web.warmup import WARMING

    return JSONResponse({"status": "ok", "warm": not WARMING.is_set()})


# The calculators answer in well under a millisecond: they run on the event loop (no
# thread hand-off) and return their JSON directly (it is plain data already).


Profile = Annotated[
    str | None,
    Query(max_length=80, description="Journal profile (needed when there are several)"),
]


@router.get("/journal/profiles")
def journal_profiles(request: Request) -> list[dict[str, str]]:
    return services.journal_profiles(request.app.state.journal)


@router.post("/journal/profiles")
def journal_add_profile(request: Request, body: ProfileRequest) -> dict[str, str]:
    return services.journal_add_profile(request.app.state.journal, body.model_dump())


@router.get("/journal/today")
def journal_today(request: Request, profile: Profile = None) -> dict[str, Any]:
    return services.journal_today(request.app.state.journal, profile)


@router.get("/journal/vials")
def journal_vials(request: Request, profile: Profile = None) -> dict[str, Any]:
    return services.journal_vials(request.app.state.journal, profile)


@router.post("/journal/vials")
def journal_add_vial(request: Request, body: VialRequest) -> dict[str, Any]:
    return services.journal_add_vial(
        request.app.state.journal, body.model_dump(), dt.datetime.now(dt.UTC), body.profile
    )


@router.post("/journal/log")
def journal_log(request: Request, body: LogRequest) -> dict[str, Any]:
    return services.journal_log(
        request.app.state.journal, body.model_dump(), dt.datetime.now(dt.UTC), body.profile
    )


class EditDoseRequest(Strict):
    at: Text | None = Field(default=None, description="'YYYY-MM-DD HH:MM' local, or ISO")
    site: Annotated[str, Field(max_length=40)] | None = None
    notes: Annotated[str, Field(max_length=2000)] | None = None


DoseId = Annotated[str, Path(min_length=1, max_length=32, pattern="^[0-9a-f]+$")]
"""A row's id on the API: its full 32 hex digits (the journal is in exact-id mode, so a
shorter prefix is answered 404, never matched to a row)."""


@router.get("/journal/doses")
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

    from peptidekit.store.views import event_dict

    journal = request.app.state.journal
    name = services.profile_name(journal, profile)
    page = journal.history_page(name, before=before or None, limit=limit)
    if page.older:
        query = {"before": page.older, "limit": limit} | ({"profile": name} if profile else {})
        response.headers["Link"] = f'</api/journal/doses?{urlencode(query)}>; rel="next"'
    return [event_dict(e) for e in page.events]


@router.patch("/journal/doses/{dose}")
def journal_edit_dose(
    request: Request, dose: DoseId, body: EditDoseRequest, profile: Profile = None
) -> dict[str, Any]:
    """Correct a dose's time, site or notes (to change the amount, delete and log again)."""
    from peptidekit.ops.journal import EditRequest, edit_dose
    from peptidekit.store.views import event_dict

    journal = request.app.state.journal
    name = services.profile_name(journal, profile)
    return event_dict(edit_dose(journal, name, dose, EditRequest(**body.model_dump())))


@router.delete("/journal/doses/{dose}")
def journal_delete_dose(request: Request, dose: DoseId, profile: Profile = None) -> dict[str, Any]:
    """Undo a dose: its stock goes back to its vial in the same transaction."""
    from peptidekit.ops.journal import delete_dose

    journal = request.app.state.journal
    gone = delete_dose(journal, services.profile_name(journal, profile), dose)
    return {"events": gone.events, "restored_mcg": gone.restored_mcg, "vial_id": gone.vial_id}


@router.delete("/journal/vials/{vial}")
def journal_delete_vial(request: Request, vial: DoseId, profile: Profile = None) -> dict[str, Any]:
    """Delete a vial recorded by mistake (refused once a dose was logged from it)."""
    from peptidekit.ops.journal import delete_vial

    journal = request.app.state.journal
    delete_vial(journal, services.profile_name(journal, profile), vial)
    return {"deleted": vial}


class EditVialRequest(Strict):
    vial: Text | None = Field(default=None, description="Corrected powder (before any dose)")
    diluent: Text | None = Field(default=None, description="Corrected diluent (before any dose)")
    opened: Text | None = None
    shelf_life: Text | None = Field(default=None, examples=["28d"])
    lot: Annotated[str, Field(max_length=80)] | None = None


@router.patch("/journal/vials/{vial}")
def journal_edit_vial(
    request: Request, vial: DoseId, body: EditVialRequest, profile: Profile = None
) -> dict[str, Any]:
    """Correct a vial: lot, opening time or shelf life any time; content before any dose."""
    from peptidekit.ops.journal import VialEditRequest, edit_vial
    from peptidekit.store.views import vial_dict

    journal = request.app.state.journal
    name = services.profile_name(journal, profile)
    return vial_dict(edit_vial(journal, name, vial, VialEditRequest(**body.model_dump())))
