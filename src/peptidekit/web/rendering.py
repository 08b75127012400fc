"""Rendering pages and error responses: templates, the security headers, error status.

Shared by the app (error handlers) and the pages, so neither imports the other.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from peptidekit import __version__
from peptidekit.errors import (
    BusyError,
    ConfirmationNeededError,
    NotFoundError,
    PeptidekitError,
    UnknownNameError,
)
from peptidekit.results import DISCLAIMER
from peptidekit.web.security import SECURITY_HEADERS, new_token


def templates() -> Jinja2Templates:
    folder = str(resources.files("peptidekit.web").joinpath("templates"))
    engine = Jinja2Templates(directory=folder)
    engine.env.globals["version"] = __version__
    engine.env.globals["disclaimer"] = DISCLAIMER
    engine.env.globals["nav_links"] = NAV_LINKS
    engine.env.globals["with_param"] = with_param
    from peptidekit.units import readable_hours

    engine.env.filters["hours"] = readable_hours
    return engine


NAV_LINKS = (
    ("/compounds", "Compounds"),
    ("/compare", "Compare"),
    ("/chem", "Chemistry"),
    ("/calc/reconstitute", "Reconstitute"),
    ("/calc/diluent", "Diluent"),
    ("/calc/nasal", "Nasal"),
    ("/plan", "Planner"),
    ("/pk", "PK"),
    ("/journal", "Journal"),
    ("/check", "Check a page"),
)
"""The site's pages, in the order the navigation shows them (the one list of them)."""


def with_param(form: dict[str, str], key: str, value: str) -> str:
    """The query string of ``form`` with ``key`` set to ``value`` (a preset's link)."""
    from urllib.parse import urlencode

    return "?" + urlencode({**{k: v for k, v in form.items() if v}, key: value})


TEMPLATES = templates()


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = request.session
    if "csrf" not in session:
        session["csrf"] = new_token()
    context.setdefault("error", None)
    context.setdefault("warnings", [])
    logged_in = bool(request.app.state.password_hash and session.get("sid"))
    # the app's guard adds the security headers to every response that passes it
    return TEMPLATES.TemplateResponse(
        request,
        name,
        {"csrf": session["csrf"], "logged_in": logged_in, **context},
        status_code=status,
    )


def plain_error(request: Request, status: int, code: str, message: str) -> Response:
    """An error answered outside the guard's reach (its own refusals, and internal
    errors, which the outermost middleware answers): no session, no template, and the
    security headers set here."""
    if request.url.path.startswith("/api/"):
        response: Response = JSONResponse(
            {"error": {"code": code, "message": message}}, status_code=status
        )
    else:
        response = HTMLResponse(
            f"<!doctype html><title>{status}</title><p>{message}</p>", status_code=status
        )
    response.headers.update(SECURITY_HEADERS)
    return response


def error_status(error: PeptidekitError) -> int:
    if isinstance(error, BusyError):  # the journal is locked by another writer
        return 503
    if isinstance(error, ConfirmationNeededError):
        return 409
    return 404 if isinstance(error, NotFoundError | UnknownNameError) else 400
