"""Server-rendered pages. Reads are GET forms; writes are POST forms with a CSRF token."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from peptidekit.errors import (
    ConfirmationNeededError,
    InputError,
    PeptidekitError,
    ProfileChoiceError,
    RefusedError,
    UnitSlipError,
)
from peptidekit.store.sessions import close_session, open_session
from peptidekit.vocabulary import PK_ROUTES, PLAN_ROUTES
from peptidekit.web import services, svg
from peptidekit.web.rendering import error_status, render
from peptidekit.web.security import tokens_match, verify_password

router = APIRouter(include_in_schema=False)

FORM_BOXES = {"count": "drops", "break_": "break"}
"""Request fields whose form box has another name."""


def _params(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if v.strip()}


def _attempt(
    request: Request, template: str, needed: tuple[str, ...], run: Any, **context: Any
) -> HTMLResponse:
    """Render ``template``; once any of its ``needed`` fields is filled, run it and show
    the result or the error (an empty required field is named and its box marked)."""
    form = _params(request)
    fresh = not any(k in form for k in needed)
    if fresh and "defaults" in context:  # shown in the boxes of a fresh form, never run
        form = {**context.pop("defaults"), **form}
    context.pop("defaults", None)
    result, error, status, error_field = None, None, 200, None
    error_fields: list[str] = []
    error_hints: dict[str, str] = {}
    confirm_url = None
    if not fresh:  # a missing one is then named, its box marked
        try:
            result = run(form)
        except PeptidekitError as failure:
            error, status = failure.message, error_status(failure)
            if isinstance(failure, UnitSlipError):  # answered only once confirmed
                query = request.url.include_query_params(confirm="1").query
                confirm_url = f"{request.url.path}?{query}#result"
            field = getattr(failure, "field", None)
            error_field = FORM_BOXES.get(field, field) if field else None
            error_fields = [FORM_BOXES.get(f, f) for f in getattr(failure, "fields", ())]
            error_hints = {
                FORM_BOXES.get(f, f): h for f, h in getattr(failure, "hints", {}).items()
            }
    warnings = (result or {}).get("warnings", []) if isinstance(result, dict) else []
    return render(
        request,
        template,
        status=status,
        form=form,
        result=result,
        error=error,
        error_field=error_field,
        error_fields=error_fields,
        error_hints=error_hints,
        warnings=warnings,
        confirm_url=confirm_url,
        **context,
    )


def _check_csrf(request: Request, token: str) -> None:
    if not tokens_match(request.session.get("csrf"), token):
        raise RefusedError(
            "the form expired or did not come from this app; reload and retry",
            input="csrf",
            expected="a form from this page",
        )


# ---------------------------------------------------------------- knowledge
@router.get("/")
def index(request: Request) -> HTMLResponse:
    return render(request, "index.html", compounds=services.compounds())


@router.get("/compounds")
def compound_list(request: Request, q: str = "") -> HTMLResponse:
    rows = services.compounds()
    if q.strip():
        needle = q.strip().lower()
        rows = [
            r
            for r in rows
            if needle in r["name"].lower()
            or any(needle in a.lower() for a in r["aliases"])
            or needle in r["category"]
        ]
    return render(request, "compounds.html", compounds=rows, q=q)


MONOGRAPH_PAGES: dict[tuple[int, str], tuple[bytes, str]] = {}
"""Rendered monographs by (knowledge-base version, compound): the knowledge is static
between loads, so each page is rendered once per version and served with an ETag."""


@router.get("/compounds/{name}")
async def compound_page(request: Request, name: str) -> Response:
    from peptidekit.knowledge import default_knowledge

    if request.app.state.password_hash and request.session.get("sid"):
        # carries the logout form's token: not shared
        return await run_in_threadpool(_monograph, request, name)
    key = (id(await run_in_threadpool(default_knowledge)), name.strip().lower())
    if key not in MONOGRAPH_PAGES:
        page = await run_in_threadpool(_monograph, request, name)
        if page.status_code != 200:
            return page
        body = bytes(page.body)
        MONOGRAPH_PAGES[key] = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        if len(MONOGRAPH_PAGES) > 256:
            MONOGRAPH_PAGES.clear()
    body, etag = MONOGRAPH_PAGES[key]
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return HTMLResponse(body, headers=headers)


def _monograph(request: Request, name: str) -> HTMLResponse:
    data = services.monograph(name)
    numbers: dict[str, int] = {}
    for section in (data["claims"], *[s["sources"] for s in data["studies"]]):
        for item in section:
            for citation in item.get("sources", [item]):
                numbers.setdefault(citation["source"], len(numbers) + 1)
    topics: dict[str, list[Any]] = defaultdict(list)
    for claim in data["claims"]:
        topics[claim["topic"]].append(claim)
    from peptidekit.knowledge import default_knowledge

    kb = default_knowledge()
    sources = {s["id"]: s for s in data["sources"]}
    stacks = []
    for stack in kb.stacks_with(data["id"]):
        for citation in stack.sources:
            numbers.setdefault(citation.source, len(numbers) + 1)
            sources.setdefault(citation.source, kb.source(citation.source).model_dump())
        cited = [{**c.model_dump(), "title": kb.source(c.source).title} for c in stack.sources]
        stacks.append({**stack.model_dump(), "sources": cited})
    others = [(c["id"], c["name"]) for c in services.compounds() if c["id"] != data["id"]]
    return render(
        request,
        "monograph.html",
        m=data,
        topics=topics,
        numbers=numbers,
        sources=sources,
        stacks=stacks,
        others=others,
    )


@router.get("/compare")
def compare_page(request: Request) -> HTMLResponse:
    """Compounds side by side (?compound=selank&compound=semax, or ?compounds=selank,semax)."""
    from peptidekit.ops.knowledge import compare

    chosen = [c for c in request.query_params.getlist("compound") if c.strip()]
    listed = request.query_params.get("compounds", "")
    chosen += [c.strip() for c in listed.split(",") if c.strip()]
    options = [(c["id"], c["name"]) for c in services.compounds()]
    result, error, status = None, None, 200
    if chosen:
        try:
            table = compare(*chosen)
            data = table.to_dict()
            names = dict(options)
            result = {**data, "names": [names.get(c, c) for c in data["compounds"]]}
        except PeptidekitError as failure:
            error, status = failure.message, error_status(failure)
    ids = {c for c, _ in options}
    return render(
        request,
        "compare.html",
        status=status,
        compounds=options,
        chosen=[c for c in chosen if c in ids],
        result=result,
        error=error,
    )


@router.get("/chem")
def chem_page(request: Request) -> HTMLResponse:
    def run(form: dict[str, str]) -> dict[str, Any]:
        try:
            ph = float(form.get("ph", "7.4"))
        except ValueError as error:
            from peptidekit.errors import InputError

            raise InputError(
                f"pH {form.get('ph')!r} is not a number",
                input=form.get("ph", ""),
                expected="0 to 14",
            ) from error
        return services.chem(form["sequence"], ph, form.get("pka_set", "bjellqvist"))

    return _attempt(request, "chem.html", ("sequence",), run)


# ---------------------------------------------------------------- calculators
def _choices() -> dict[str, Any]:
    """The compound and route lists of the calculators' select boxes."""
    from peptidekit.vocabulary import ROUTES

    compounds = [(c["id"], c["name"]) for c in services.compounds()]
    return {"compounds": compounds, "routes": [(r, r) for r in ROUTES]}


@router.get("/calc/reconstitute")
def reconstitute_page(request: Request) -> HTMLResponse:
    def run(form: dict[str, str]) -> dict[str, Any]:
        data = services.calculate("reconstitute", form)
        s = data["syringe"]
        data["drawing"] = svg.syringe(
            s["capacity_units"],
            s["tick_units"],
            data["tick_units"],
            f"{data['tick_units']:g} units on a {s['barrel_ml']:g} mL {s['scale']} syringe",
        )
        return data

    return _attempt(request, "reconstitute.html", ("vial", "diluent", "dose"), run, **_choices())


@router.get("/calc/diluent")
def diluent_page(request: Request) -> HTMLResponse:
    return _attempt(
        request,
        "diluent.html",
        ("vial", "dose", "units"),
        lambda form: services.calculate("diluent", form),
    )


@router.get("/calc/nasal")
def nasal_page(request: Request) -> HTMLResponse:
    return _attempt(
        request,
        "nasal.html",
        ("concentration",),
        lambda form: services.calculate("nasal", form),
        **_choices(),
    )


# ---------------------------------------------------------------- planner, PK, checker
def _calendar(doses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for dose in doses:
        by_day[dose["date"]].append(dose)
    if not by_day:
        return []
    first = dt.date.fromisoformat(min(by_day))
    last = dt.date.fromisoformat(max(by_day))
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        months.append(
            {
                "title": f"{calendar.month_name[month]} {year}",
                "weeks": [
                    [
                        {
                            "day": d.day,
                            "in_month": d.month == month,
                            "doses": by_day.get(d.isoformat(), []),
                        }
                        for d in week
                    ]
                    for week in weeks
                ],
            }
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@router.get("/plan")
def plan_page(request: Request) -> HTMLResponse:
    def run(form: dict[str, str]) -> dict[str, Any]:
        data = services.plan(form)
        data["months"] = _calendar(data["doses"])
        return data

    query = request.url.query
    return _attempt(
        request,
        "plan.html",
        ("route", "dose", "times", "course", "start", "tz", "components"),
        run,
        query=query,
        routes=PLAN_ROUTES,
        compounds=_choices()["compounds"],
        defaults=_plan_defaults(request),
    )


def _plan_defaults(request: Request) -> dict[str, str]:
    """A fresh planner starts today in the journal profile's zone; without a profile to
    go by, the zone box stays empty (a guessed zone would move every dose)."""
    from zoneinfo import ZoneInfo

    journal = request.app.state.journal
    try:
        name = services.profile_name(journal, _profile(request))
    except PeptidekitError:
        return {"start": dt.datetime.now(dt.UTC).date().isoformat()}
    tz = next(p.tz for p in journal.profiles() if p.name == name)
    return {"start": dt.datetime.now(ZoneInfo(tz)).date().isoformat(), "tz": tz}


def _plan_download(request: Request, fmt: str) -> Response:
    from fastapi.responses import StreamingResponse

    from peptidekit.protocol.export import ics_chunks, to_csv

    form = _params(request)
    plan = services.make_stack(form) if form.get("components") else services.make_plan(form)
    headers = {"Content-Disposition": f'attachment; filename="plan.{fmt}"'}
    if fmt == "ics":  # the plan is whole (every error raised) before the first byte
        return StreamingResponse(ics_chunks(plan), media_type="text/calendar", headers=headers)
    return Response(to_csv(plan), media_type="text/csv", headers=headers)


@router.get("/plan.ics")
def plan_ics(request: Request) -> Response:
    return _plan_download(request, "ics")


@router.get("/plan.csv")
def plan_csv(request: Request) -> Response:
    return _plan_download(request, "csv")


@router.get("/pk")
def pk_page(request: Request) -> HTMLResponse:
    return _attempt(
        request,
        "pk.html",
        ("route", "dose", "every", "days", "components"),
        lambda form: services.pk(form, with_plot=True),
        routes=PK_ROUTES,
    )


@router.get("/check")
def check_form(request: Request) -> HTMLResponse:
    return render(request, "check.html", form={}, result=None)


@router.post("/check")
def check_page(
    request: Request,
    text: str = Form(max_length=200_000),
    compound: str = Form(""),
    csrf: str = Form(""),
) -> HTMLResponse:
    _check_csrf(request, csrf)
    try:
        result, source = services.check_and_source(text, compound or None)
    except PeptidekitError as error:
        return render(
            request,
            "check.html",
            status=error_status(error),
            form={"text": text},
            result=None,
            error=error.message,
        )
    marked = _highlight(source, result["findings"])
    from peptidekit.claims.text import looks_like_html
    from peptidekit.knowledge import default_knowledge

    result["was_html"] = looks_like_html(text)
    kb = default_knowledge()
    if result.get("page_source"):
        result["page_source_title"] = kb.source(result["page_source"]).title
    from peptidekit.claims.check import kind_words

    for finding in result["findings"]:
        finding["kind_words"] = kind_words(finding["kind"])
    result["source_titles"] = {  # sources by their titles, not the knowledge base's ids
        sid: kb.sources[sid].title
        for finding in result["findings"]
        for sid in finding["sources"]
        if sid in kb.sources
    }
    return render(
        request,
        "check.html",
        form={"text": text, "compound": compound},
        result=result,
        marked=marked,
    )


def _highlight(source: Any, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's readable text (an HTML page's tags left out: the checker's own parse,
    a ``SourceText``) cut into plain and claim pieces; the template escapes each. Spans
    point into the page as given, so they are mapped onto the readable text through its
    offsets."""
    from bisect import bisect_left

    text, offsets = source.text, source.offsets
    pieces, at = [], 0
    for f in sorted(findings, key=lambda f: f["span"][0]):
        start = bisect_left(offsets, f["span"][0])
        end = bisect_left(offsets, f["span"][1])
        if start < at:
            continue
        pieces.append({"text": text[at:start]})
        pieces.append(
            {
                "text": text[start:end],
                "verdict": f["verdict"],
                "severity": f["severity"],
                "reason": "; ".join(f["reasons"]),
            }
        )
        at = end
    pieces.append({"text": text[at:]})
    return pieces


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
        "compounds": _choices()["compounds"],
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


@router.get("/journal")
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


def _profile(request: Request) -> str | None:
    value = request.session.get("profile")
    return value if isinstance(value, str) else None


def _write(
    request: Request,
    csrf: str,
    run: Callable[[Any], Any],
    done: str,
    fields: dict[str, str] | None = None,
) -> Response:
    """One journal form: check the token, run it on the journal, then back to the journal
    page, or the page again with the error (and what was typed) when it was refused."""
    _check_csrf(request, csrf)
    try:
        result = run(request.app.state.journal)
    except PeptidekitError as error:
        return _journal_error(request, error, fields)
    undo = result.get("undo") if isinstance(result, dict) else None
    extra = f"&undo={undo}" if isinstance(undo, str) and undo.isalnum() else ""
    return RedirectResponse(f"/journal?done={done}{extra}", status_code=303)


@router.post("/journal/profile")
def journal_choose_profile(
    request: Request, name: str = Form("", max_length=80), csrf: str = Form("")
) -> Response:
    def run(journal: Any) -> None:
        request.session["profile"] = services.profile_name(journal, name)

    return _write(request, csrf, run, "profile")


@router.post("/journal/profiles")
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


@router.post("/journal/log")
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
    now, profile = dt.datetime.now(dt.UTC), _profile(request)

    def run(journal: Any) -> dict[str, str]:
        return {"undo": services.journal_log(journal, body, now, profile)["id"]}

    return _write(request, csrf, run, "logged", fields)


@router.post("/journal/protocols")
def journal_save_plan(
    request: Request, plan: str = Form("", max_length=4000), csrf: str = Form("")
) -> Response:
    """The planner's 'save to journal': its plan (or stack) as the profile's protocols."""
    profile = _profile(request)
    return _write(
        request, csrf, lambda j: services.journal_save_plan(j, plan, profile), "protocols"
    )


@router.post("/journal/vials")
def journal_vial(
    request: Request,
    compound: str = Form("", max_length=80),
    vial: str = Form("", max_length=200),
    diluent: str = Form("", max_length=64),
    csrf: str = Form(""),
) -> Response:
    fields = {"compound": compound, "vial": vial, "diluent": diluent}
    now, profile = dt.datetime.now(dt.UTC), _profile(request)
    return _write(
        request, csrf, lambda j: services.journal_add_vial(j, fields, now, profile), "vial", fields
    )


@router.post("/journal/checkin")
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
        name = services.profile_name(journal, _profile(request))
        checkin(journal, name, typed, dt.datetime.now(dt.UTC))

    typed_form = {f"q{n}": str(a) for n, a in enumerate(answers, start=1)} | {"notes": notes}
    return _write(request, csrf, run, "checkin", typed_form)


# ---------------------------------------------------------------- login
@router.get("/login")
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html")


@router.post("/login")
async def login(
    request: Request, password: str = Form(max_length=200), csrf: str = Form("")
) -> Response:
    """Throttled by the socket peer (security.LoginThrottle); while others' guesses pace
    the checks this waits its turn on the event loop, holding no worker thread."""
    import anyio

    from peptidekit.web.security import client_key, password_fingerprint

    _check_csrf(request, csrf)
    stored = request.app.state.password_hash
    throttle = request.app.state.login_throttle
    client = client_key(request.client.host if request.client else None)
    fingerprint = password_fingerprint(stored) if stored else None
    # a browser that logged in before under this password (a signed mark in its
    # session cookie, kept across logouts) skips the queue others' guesses make
    known = fingerprint is not None and tokens_match(request.session.get("known"), fingerprint)
    wait = throttle.wait(client)
    pace = (0.0 if known else throttle.pace()) if wait <= 0 else None
    if wait > 0 or pace is None:
        busy = wait <= 0  # no wait of its own: the queue of checks is full
        seconds = math.ceil(throttle.max_pace if busy else wait)
        why = "many failed logins from elsewhere" if busy else "too many failed logins"
        response = render(
            request,
            "login.html",
            status=503 if busy else 429,
            error=f"{why}: wait {seconds} s before trying again",
        )
        response.headers["Retry-After"] = str(seconds)
        return response
    if pace > 0:
        await anyio.sleep(pace)
    ok = await run_in_threadpool(_password_ok, throttle, password, stored)
    if ok is None:
        return render(request, "login.html", status=503, error="busy: try again in a moment")
    if not ok:
        throttle.failed(client)
        return render(request, "login.html", status=401, error="wrong password")
    throttle.succeeded(client)
    request.session.clear()
    now = dt.datetime.now(dt.UTC)
    request.session["sid"] = await run_in_threadpool(
        open_session, request.app.state.journal.engine, now
    )
    request.session["pw"] = request.session["known"] = fingerprint  # a new password ends it
    return RedirectResponse("/", status_code=303)


def _password_ok(throttle: Any, password: str, stored: str | None) -> bool | None:
    """The password check, at most ``concurrent`` at once (None: no slot within 2 s)."""
    if not throttle.slots.acquire(timeout=2):
        return None
    try:
        return bool(stored) and verify_password(password, stored or "")
    finally:
        throttle.slots.release()


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> Response:
    _check_csrf(request, csrf)
    close_session(request.app.state.journal.engine, request.session.get("sid"))
    known = request.session.get("known")
    request.session.clear()
    if isinstance(known, str):  # this browser has logged in before (see login)
        request.session["known"] = known
    return RedirectResponse("/login", status_code=303)
