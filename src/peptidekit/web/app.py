"""The application: middleware, error handling (the one place), pages and API."""

from __future__ import annotations

import os
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from peptidekit import __version__
from peptidekit.errors import NotFoundError, PeptidekitError, UnknownNameError
from peptidekit.web.security import SECURITY_HEADERS, new_token

PUBLIC_PATHS = ("/login", "/static/", "/api/health")


@dataclass(frozen=True)
class WebSettings:
    db_url: str | None = None
    password_hash: str | None = None
    secret_key: str | None = None


def templates() -> Jinja2Templates:
    folder = str(resources.files("peptidekit.web").joinpath("templates"))
    engine = Jinja2Templates(directory=folder)
    engine.env.globals["version"] = __version__
    return engine


TEMPLATES = templates()


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = request.session
    if "csrf" not in session:
        session["csrf"] = new_token()
    context.setdefault("error", None)
    context.setdefault("warnings", [])
    return TEMPLATES.TemplateResponse(
        request, name, {"csrf": session["csrf"], **context}, status_code=status
    )


def error_status(error: PeptidekitError) -> int:
    return 404 if isinstance(error, NotFoundError | UnknownNameError) else 400


def create_app(settings: WebSettings | None = None) -> FastAPI:
    settings = settings or WebSettings()
    app = FastAPI(
        title="peptidekit",
        version=__version__,
        docs_url=None,  # the hosted Swagger page loads scripts from a CDN, which the CSP forbids
        redoc_url=None,
        description="Peptide chemistry, knowledge, unit-safe calculators, planner, PK and a "
        "dose journal. Research and education only, not medical advice.",
    )
    from peptidekit.store.db import open_engine
    from peptidekit.store.journal import Journal

    app.state.journal = Journal(open_engine(settings.db_url))
    app.state.password_hash = settings.password_hash

    @app.middleware("http")
    async def security(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        locked = app.state.password_hash and not request.session.get("user")
        if locked and not request.url.path.startswith(PUBLIC_PATHS):
            if request.url.path.startswith("/api/"):
                response: Response = JSONResponse(
                    {"error": {"code": "login_required", "message": "log in first"}},
                    status_code=401,
                )
            else:
                response = RedirectResponse("/login", status_code=303)
            response.headers.update(SECURITY_HEADERS)
            return response
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret_key
        or os.environ.get("PEPTIDEKIT_WEB_SECRET")
        or secrets.token_urlsafe(32),
        same_site="strict",
        https_only=False,
    )

    @app.exception_handler(PeptidekitError)
    async def peptidekit_error(request: Request, error: PeptidekitError) -> Response:
        status = error_status(error)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": error.to_dict()}, status_code=status)
        return render(request, "error.html", status=status, message=error.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": {"code": "invalid_request", "message": "; ".join(problems)}},
                status_code=422,
            )
        return render(request, "error.html", status=422, message="; ".join(problems))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        message = {404: "no such page", 405: "method not allowed here"}.get(
            error.status_code, str(error.detail)
        )
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": {"code": f"http_{error.status_code}", "message": message}},
                status_code=error.status_code,
                headers=error.headers,
            )
        return render(request, "error.html", status=error.status_code, message=message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:  # never a traceback
        message = "internal error; please report it (no details are shown here)"
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": {"code": "internal", "message": message}}, status_code=500
            )
        return render(request, "error.html", status=500, message=message)

    from peptidekit.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    static = str(resources.files("peptidekit.web").joinpath("static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    return app
