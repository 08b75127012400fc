"""Server-rendered pages. Reads are GET forms; writes are POST forms with a CSRF token."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from peptidekit.errors import (
    ConfirmationNeededError,
    InputError,
    PeptidekitError,
    ProfileChoiceError,
)
from peptidekit.web import svg
from peptidekit.web.forms import check_csrf, select_choices, session_profile
from peptidekit.web.rendering import error_status, render
from peptidekit.web.routes import journal_services as services
from peptidekit.web.routes.journal_api import api as api  # the area's JSON API (app.py)

pages = APIRouter(include_in_schema=False)


# ---------------------------------------------------------------- knowledge


# ---------------------------------------------------------------- calculators


# ---------------------------------------------------------------- planner, PK, checker


# ---------------------------------------------------------------- journal
def _journal_context(request: Request) -> dict[str, Any]:
    """Everything the journal page shows for the chosen profile, or the profile chooser."""
    journal = request.app.state.journal
    profiles = services.journal_profiles(journal)
    try:
        name = services.profile_name(journal, request.session.get("profile"))
    except ProfileChoiceError as choice:
        request.session.pop("profile", None)
        return {"today": None, "profiles": profiles, "choose": choice.message}
    data = services.journal_today(journal, name)
    by_day = data["adherence"]["by_day"]
    bars = svg.bars(
        [
            (day, t["planned"] - t["upcoming"], t["taken"])
            for day, t in by_day.items()
            if t["planned"] - t["upcoming"] > 0
        ][-14:],
        "doses taken of those due, by day",
    )
    gad7 = data["trends"]["gad7"]
    from peptidekit.journal.core import GAD7_ANSWERS, GAD7_ITEMS, GAD7_QUESTION

    return {
        "compounds": select_choices()["compounds"],
        "gad7": {"question": GAD7_QUESTION, "items": GAD7_ITEMS, "answers": GAD7_ANSWERS},
        "today": data,
        **_history(request, journal, name),
        "checkins": services.journal_checkins(journal, name),
        "profiles": profiles,
        "vials": _some_vials(services.journal_vials(journal, name)),
        "bars": bars,
        "trend": svg.line(sorted(gad7.get("daily_mean", {}).items()), 21, "GAD-7 score over time"),
    }


def _history(request: Request, journal: Any, name: str) -> dict[str, Any]:
    """One page of logged doses (20, newest first), from ``before=`` or ``after=`` a dose
    named by its full id: the page costs the same however long the history is."""
    from peptidekit.store.views import event_dict

    query = request.query_params if request.method == "GET" else {}
    before, after = query.get("before") or None, query.get("after") or None
    page = journal.history_page(name, before=before, after=after, limit=HISTORY_PAGE)
    return {
        "recent": [event_dict(e) for e in page.events],
        "history": {"older": page.older, "newer": page.newer, "paged": bool(before or after)},
    }


HISTORY_PAGE = 20
PAGE_VIALS = 100
"""The most vials the journal page lists (and offers to log from): those with stock
first, then the most recently opened; the CLI and the API list every one."""


def _some_vials(found: dict[str, Any]) -> dict[str, Any]:
    vials = found["vials"]
    if len(vials) <= PAGE_VIALS:
        return {**found, "hidden": 0}
    ranked = sorted(vials, key=lambda v: (v["remaining_mcg"] > 0, v["opened_at"]), reverse=True)
    keep = {v["id"] for v in ranked[:PAGE_VIALS]}
    shown = [v for v in vials if v["id"] in keep]  # in the journal's order
    return {**found, "vials": shown, "hidden": len(vials) - len(shown)}


@pages.get("/journal")
def journal_page(request: Request) -> HTMLResponse:
    context = _journal_context(request)
    warnings = context["today"]["warnings"] if context["today"] else []
    logform: dict[str, str] = {}
    planned = request.query_params.get("planned")
    for item in (context["today"] or {}).get("checklist", []):
        if planned and item["planned_dose_id"] == planned:  # 'Log it' on the checklist
            logform = {
                "dose": f"{item['amount_mcg']:g}mcg",
                "compound": item["compound"] or "",
                "planned": planned,
            }
    done = request.query_params.get("done")
    return render(
        request,
        "journal.html",
        done=done if done in DONE else None,
        undo=_undo(request, context) if done == "logged" else None,
        warnings=warnings,
        logform=logform,
        typed={},
        **context,
    )


DONE = frozenset(
    {"profile", "logged", "protocols", "vial", "checkin", "deleted", "edited"}
    | {"vial deleted", "vial corrected", "skipped"}
)
"""What a journal form reports as saved (``done=``); any other value is not shown."""


def _undo(request: Request, context: dict[str, Any]) -> str | None:
    """The id for the Undo button: only a full id of a dose of this profile, as the
    journal holds it (a crafted ``undo=<id>/edit?`` is no dose, and shows no button)."""
    from peptidekit.errors import NotFoundError

    wanted = request.query_params.get("undo")
    if not wanted or context["today"] is None:
        return None
    try:
        return str(request.app.state.journal.dose_id(context["today"]["profile"], wanted))
    except NotFoundError:
        return None


def _journal_error(
    request: Request, error: PeptidekitError, typed: dict[str, str] | None = None
) -> HTMLResponse:
    """The journal again with the reason, the box at fault marked and what was typed kept
    (in the form it was typed in)."""
    confirm = isinstance(error, ConfirmationNeededError)
    typed = typed or {}
    field = getattr(error, "field", None)
    return render(
        request,
        "journal.html",
        status=error_status(error),
        done=None,
        error=None if confirm else error.message,
        error_field=field,
        confirm=error.warnings if isinstance(error, ConfirmationNeededError) else None,
        logform=typed if request.url.path == "/journal/log" else {},
        typed=typed,
        **_journal_context(request),
    )


def form_error_page(request: Request, error: InputError, typed: dict[str, str]) -> Response:
    """A form the framework refused (a box too long): the same page again, the box named
    in plain words and what was typed kept, where the page has a form to keep it in."""
    path = request.url.path
    if path.startswith("/journal"):
        return _journal_error(request, error, typed)
    if path == "/check":
        return render(
            request,
            "check.html",
            status=422,
            form=typed,
            result=None,
            **{"error": error.message, "error_field": error.field},
        )
    return render(request, "error.html", status=422, message=error.message)


def _write(
    request: Request,
    csrf: str,
    run: Callable[[Any], Any],
    done: str,
    fields: dict[str, str] | None = None,
) -> Response:
    """One journal form: check the token, run it on the journal, then back to the journal
    page, or the page again with the error (and what was typed) when it was refused."""
    check_csrf(request, csrf)
    try:
        result = run(request.app.state.journal)
    except PeptidekitError as error:
        return _journal_error(request, error, fields)
    undo = result.get("undo") if isinstance(result, dict) else None
    extra = f"&undo={undo}" if isinstance(undo, str) and undo.isalnum() else ""
    return RedirectResponse(f"/journal?done={done}{extra}", status_code=303)


@pages.post("/journal/profile")
def journal_choose_profile(
    request: Request, name: str = Form("", max_length=80), csrf: str = Form("")
) -> Response:
    def run(journal: Any) -> None:
        request.session["profile"] = services.profile_name(journal, name)

    return _write(request, csrf, run, "profile")


@pages.post("/journal/profiles")
def journal_add_profile(
    request: Request,
    name: str = Form("", max_length=80),
    tz: str = Form("", max_length=64),
    csrf: str = Form(""),
) -> Response:
    def run(journal: Any) -> None:
        created = services.journal_add_profile(journal, {"name": name, "tz": tz})
        request.session["profile"] = created["name"]

    return _write(request, csrf, run, "profile")


@pages.post("/journal/log")
def journal_log(
    request: Request,
    dose: str = Form("", max_length=64),
    vial: str = Form("", max_length=64),
    dead_space: str = Form("", max_length=64),
    site: str = Form("", max_length=40),
    at: str = Form("", max_length=40),
    notes: str = Form("", max_length=2000),
    status: str = Form("taken", max_length=10),
    confirm: str = Form("", max_length=5),
    compound: str = Form("", max_length=80),
    planned: str = Form("", max_length=32),
    csrf: str = Form(""),
) -> Response:
    fields = {"dose": dose, "vial": vial, "dead_space": dead_space, "site": site}
    fields |= {"at": at, "notes": notes, "compound": compound, "planned": planned}
    body = {**fields, "status": status, "confirm": confirm == "yes"}
    now, profile = dt.datetime.now(dt.UTC), session_profile(request)

    def run(journal: Any) -> dict[str, str]:
        return {"undo": services.journal_log(journal, body, now, profile)["id"]}

    return _write(request, csrf, run, "logged", fields)


@pages.post("/journal/protocols")
def journal_save_plan(
    request: Request, plan: str = Form("", max_length=4000), csrf: str = Form("")
) -> Response:
    """The planner's 'save to journal': its plan (or stack) as the profile's protocols."""
    profile = session_profile(request)
    return _write(
        request, csrf, lambda j: services.journal_save_plan(j, plan, profile), "protocols"
    )


@pages.post("/journal/vials")
def journal_vial(
    request: Request,
    compound: str = Form("", max_length=80),
    vial: str = Form("", max_length=200),
    diluent: str = Form("", max_length=64),
    csrf: str = Form(""),
) -> Response:
    fields = {"compound": compound, "vial": vial, "diluent": diluent}
    now, profile = dt.datetime.now(dt.UTC), session_profile(request)
    return _write(
        request, csrf, lambda j: services.journal_add_vial(j, fields, now, profile), "vial", fields
    )


@pages.post("/journal/checkin")
def journal_checkin(
    request: Request,
    csrf: str = Form(""),
    q1: str = Form("", max_length=3),
    q2: str = Form("", max_length=3),
    q3: str = Form("", max_length=3),
    q4: str = Form("", max_length=3),
    q5: str = Form("", max_length=3),
    q6: str = Form("", max_length=3),
    q7: str = Form("", max_length=3),
    notes: str = Form("", max_length=2000),
) -> Response:
    from peptidekit.ops.journal import CheckinRequest, checkin

    answers: list[str | int] = [q1, q2, q3, q4, q5, q6, q7]
    typed = CheckinRequest(gad7=answers, notes=notes)

    def run(journal: Any) -> None:
        name = services.profile_name(journal, session_profile(request))
        checkin(journal, name, typed, dt.datetime.now(dt.UTC))

    typed_form = {f"q{n}": str(a) for n, a in enumerate(answers, start=1)} | {"notes": notes}
    return _write(request, csrf, run, "checkin", typed_form)


# ---------------------------------------------------------------- login


# ---------------------------------------------------------------- corrections
ID = 32


def _on_journal(request: Request, csrf: str, act: Any, key: str, done: str) -> Response:
    """Run ``act(journal, profile, key)`` for the session's profile, back to the journal."""
    profile = session_profile(request)

    def run(journal: Any) -> None:
        act(journal, services.profile_name(journal, profile), key)

    return _write(request, csrf, run, done)


@pages.post("/journal/doses/{event}/delete")
def delete_dose(request: Request, event: str, csrf: str = Form("")) -> Response:
    from peptidekit.ops.journal import delete_dose as delete

    return _on_journal(request, csrf, delete, event, "deleted")


@pages.post("/journal/doses/{event}/edit")
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

    correction = EditRequest(at or None, site, notes)
    return _on_journal(request, csrf, lambda j, p, k: edit(j, p, k, correction), event, "edited")


@pages.post("/journal/vials/{vial}/delete")
def delete_vial(request: Request, vial: str, csrf: str = Form("")) -> Response:
    from peptidekit.ops.journal import delete_vial as delete

    return _on_journal(request, csrf, delete, vial, "vial deleted")


@pages.post("/journal/vials/{vial}/edit")
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

    correction = VialEditRequest(opened=opened or None, shelf_life=shelf_life or None, lot=lot)
    return _on_journal(
        request, csrf, lambda j, p, k: edit(j, p, k, correction), vial, "vial corrected"
    )


@pages.post("/journal/skip")
def skip_planned(
    request: Request, planned: str = Form("", max_length=ID), csrf: str = Form("")
) -> Response:
    """Mark a planned dose as skipped (nothing is taken from any vial)."""
    body = {"dose": "0mcg", "status": "skipped", "planned": planned, "confirm": True}
    now, profile = dt.datetime.now(dt.UTC), session_profile(request)
    return _write(request, csrf, lambda j: services.journal_log(j, body, now, profile), "skipped")
