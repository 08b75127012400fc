"""Login and logout (only when the app is served with a password)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from peptidekit.store.sessions import close_session, open_session
from peptidekit.web.forms import check_csrf
from peptidekit.web.rendering import render
from peptidekit.web.security import tokens_match, verify_password

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])


@pages.get("/login")
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html")


@pages.post("/login")
async def login(
    request: Request, password: str = Form(max_length=200), csrf: str = Form("")
) -> Response:
    """Throttled by the socket peer (security.LoginThrottle); while others' guesses pace
    the checks this waits its turn on the event loop, holding no worker thread."""
    import anyio

    from peptidekit.web.security import client_key, password_fingerprint

    check_csrf(request, csrf)
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


@pages.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> Response:
    check_csrf(request, csrf)
    close_session(request.app.state.journal.engine, request.session.get("sid"))
    known = request.session.get("known")
    request.session.clear()
    if isinstance(known, str):  # this browser has logged in before (see login)
        request.session["known"] = known
    return RedirectResponse("/login", status_code=303)
