"""Journal corrections on the web: undo or delete a logged dose, edit its time, site or
notes, delete a vial recorded by mistake, skip a planned dose. Each is a small form (POST
with the CSRF token) that goes back to the journal page, or shows it with the reason.
The id in the path is taken whole: the web app's journal matches full ids only, so a
prefix, or an id with more after it, is no row (404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from peptidekit.web import services
from peptidekit.web.forms import session_profile as _profile
from peptidekit.web.pages import _write

router = APIRouter(include_in_schema=False)
ID = 32


def _on_journal(request: Request, csrf: str, act: Any, key: str, done: str) -> Response:
    """Run ``act(journal, profile, key)`` for the session's profile, back to the journal."""
    profile = _profile(request)

    def run(journal: Any) -> None:
        act(journal, services.profile_name(journal, profile), key)

    return _write(request, csrf, run, done)


@router.post("/journal/doses/{event}/delete")
def delete_dose(request: Request, event: str, csrf: str = Form("")) -> Response:
    from peptidekit.ops.journal import delete_dose as delete

    return _on_journal(request, csrf, delete, event, "deleted")


@router.post("/journal/doses/{event}/edit")
def edit_dose(
    request: Request,
    event: str,
    at: str = Form("", max_length=40),
    site: str = Form("", max_length=40),
    notes: str = Form("", max_length=2000),
    csrf: str = Form(""),
) -> Response:
    from peptidekit.ops.journal import EditRequest
    from peptidekit.ops.journal import edit_dose as edit

    profile = _profile(request)

    def run(journal: Any) -> None:
        name = services.profile_name(journal, profile)
        edit(journal, name, event, EditRequest(at or None, site, notes))

    return _write(request, csrf, run, "edited")


@router.post("/journal/vials/{vial}/delete")
def delete_vial(request: Request, vial: str, csrf: str = Form("")) -> Response:
    from peptidekit.ops.journal import delete_vial as delete

    return _on_journal(request, csrf, delete, vial, "vial deleted")


@router.post("/journal/vials/{vial}/edit")
def edit_vial(
    request: Request,
    vial: str,
    opened: str = Form("", max_length=40),
    shelf_life: str = Form("", max_length=20),
    lot: str = Form("", max_length=80),
    csrf: str = Form(""),
) -> Response:
    from peptidekit.ops.journal import VialEditRequest
    from peptidekit.ops.journal import edit_vial as edit

    profile = _profile(request)

    def run(journal: Any) -> None:
        name = services.profile_name(journal, profile)
        edit(journal, name, vial, VialEditRequest(opened=opened or None,
             shelf_life=shelf_life or None, lot=lot))  # fmt: skip

    return _write(request, csrf, run, "vial corrected")


@router.post("/journal/skip")
def skip_planned(
    request: Request, planned: str = Form("", max_length=ID), csrf: str = Form("")
) -> Response:
    """Mark a planned dose as skipped (nothing is taken from any vial)."""
    body = {"dose": "0mcg", "status": "skipped", "planned": planned, "confirm": True}
    now, profile = dt.datetime.now(dt.UTC), _profile(request)
    return _write(request, csrf, lambda j: services.journal_log(j, body, now, profile), "skipped")
