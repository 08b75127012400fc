"""The application: middleware, error handling (the one place), pages and API."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import threading
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from peptidekit import __version__
from peptidekit.errors import BusyError, PeptidekitError
from peptidekit.results import DISCLAIMER
from peptidekit.store.sessions import session_valid
from peptidekit.web.limits import BodyLimit
from peptidekit.web.rendering import error_status, plain_error, render
from peptidekit.web.security import (
    LOOPBACK_NAMES,
    SECURITY_HEADERS,
    LoginThrottle,
    allowed_host,
    check_password_hash,
    password_fingerprint,
    tokens_match,
)
from peptidekit.web.warmup import WARMING, warm_up

PUBLIC_PATHS = ("/login", "/static/", "/api/health")
SESSIONLESS = ("/api/", "/static/")


@dataclass(frozen=True)
class WebSettings:
    db_url: str | None = None
    password_hash: str | None = None
    secret_key: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    """Host names served besides the loopback names (the bound address, a LAN name...)."""
    warm_up: bool = False
    """Load the PK kernels and the plotting library in the background at start, so the
    first /pk request does not pay for them (``serve`` sets it; tests do not)."""

    @classmethod
    def from_environment(cls) -> WebSettings:
        """Settings from PEPTIDEKIT_DB, PEPTIDEKIT_WEB_PASSWORD_HASH, PEPTIDEKIT_WEB_SECRET
        and PEPTIDEKIT_WEB_ALLOWED_HOSTS (comma-separated); what worker processes read."""
        return cls(
            db_url=os.environ.get("PEPTIDEKIT_DB") or None,
            password_hash=os.environ.get("PEPTIDEKIT_WEB_PASSWORD_HASH") or None,
            secret_key=os.environ.get("PEPTIDEKIT_WEB_SECRET") or None,
            allowed_hosts=allowed_hosts_from_environment(),
            warm_up=True,
        )


def allowed_hosts_from_environment() -> tuple[str, ...]:
    """PEPTIDEKIT_WEB_ALLOWED_HOSTS, comma-separated."""
    text = os.environ.get("PEPTIDEKIT_WEB_ALLOWED_HOSTS", "")
    return tuple(h.strip() for h in text.split(",") if h.strip())


def app_from_environment() -> FastAPI:
    """The app factory each worker process of ``serve --workers N`` calls."""
    return create_app(WebSettings.from_environment())


SECURITY_HEADER_PAIRS = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


class Guard:
    """Every request: the Host header must be one the app serves; in password mode a
    valid login session is needed outside the public paths; every response, errors
    included, carries the security headers. A plain ASGI middleware (no per-request
    Request/Response wrapping: the cheap path stays cheap)."""

    def __init__(self, app: Any, hosts: frozenset[str]) -> None:
        self.app, self.hosts = app, hosts

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = next((v for k, v in scope["headers"] if k == b"host"), None)
        plain = allowed_host(host.decode("latin-1") if host is not None else None, self.hosts)
        if not plain or scope["app"].state.password_hash:  # only then build a Request
            refused = await self._refusal(Request(scope))
            if refused is not None:
                await refused(scope, receive, send)
                return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message["headers"]}
                message["headers"] = [
                    *message["headers"],
                    *((k, v) for k, v in SECURITY_HEADER_PAIRS if k not in names),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _refusal(self, request: Request) -> Response | None:
        if not allowed_host(request.headers.get("host"), self.hosts):
            return plain_error(
                request,
                400,
                "host_not_allowed",
                "this server does not answer to that host name (the server's "
                "PEPTIDEKIT_WEB_ALLOWED_HOSTS setting adds one)",
            )
        state = request.app.state
        if state.password_hash and not request.url.path.startswith(PUBLIC_PATHS):
            sid = request.session.get("sid")
            now = dt.datetime.now(dt.UTC)
            # a session made under another password (changed since) has ended
            current = tokens_match(request.session.get("pw"), state.password_fingerprint)
            if not current or not await run_in_threadpool(
                session_valid, state.journal.engine, sid, now
            ):
                if request.url.path.startswith("/api/"):
                    return plain_error(request, 401, "login_required", "log in first")
                response: Response = RedirectResponse("/login", status_code=303)
                response.headers.update(SECURITY_HEADERS)
                return response
        return None


class Sessions:
    """The signed session cookie, except on API and static paths when no login is needed
    (they use no session: no cookie to verify or sign on the JSON API's hot path)."""

    def __init__(self, app: Any, skip_api: bool, secret_key: str) -> None:
        self.plain, self.skip_api = app, skip_api
        self.with_session = SessionMiddleware(
            app, secret_key=secret_key, same_site="strict", https_only=False
        )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.skip_api and scope["type"] == "http" and scope["path"].startswith(SESSIONLESS):
            scope["session"] = {}
            await self.plain(scope, receive, send)
            return
        await self.with_session(scope, receive, send)


class SecureCookies:
    """Marks cookies ``Secure`` when the request came over HTTPS (directly, or through a
    proxy that uvicorn trusts and that says so in X-Forwarded-Proto)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("scheme") != "https":
            await self.app(scope, receive, send)
            return

        async def secure_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    (k, v + b"; secure" if k == b"set-cookie" and b"secure" not in v.lower() else v)
                    for k, v in message["headers"]
                ]
            await send(message)

        await self.app(scope, receive, secure_send)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    settings = settings or WebSettings()
    app = FastAPI(
        title="peptidekit",
        version=__version__,
        docs_url=None,  # the hosted Swagger page loads scripts from a CDN, which the CSP forbids
        redoc_url=None,
        description="Peptide chemistry, knowledge, unit-safe calculators, planner, PK and a "
        f"dose journal. {DISCLAIMER}",
    )
    from peptidekit.store.db import open_engine
    from peptidekit.store.journal import Journal

    if settings.warm_up:
        WARMING.set()
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    app.state.journal = Journal(open_engine(settings.db_url), exact_ids=True)  # full ids only
    app.state.password_hash = settings.password_hash
    app.state.password_fingerprint = (
        password_fingerprint(settings.password_hash) if settings.password_hash else None
    )
    if settings.password_hash:
        check_password_hash(settings.password_hash)
    app.state.login_throttle = LoginThrottle()
    hosts = frozenset({*LOOPBACK_NAMES, *(h.lower().strip("[]") for h in settings.allowed_hosts)})

    app.add_middleware(Guard, hosts=hosts)
    app.add_middleware(
        Sessions,
        skip_api=not settings.password_hash,
        secret_key=settings.secret_key
        or os.environ.get("PEPTIDEKIT_WEB_SECRET")
        or secrets.token_urlsafe(32),
    )
    app.add_middleware(SecureCookies)
    app.add_middleware(BodyLimit)  # outermost: a body over its route's limit is never read

    @app.exception_handler(PeptidekitError)
    async def peptidekit_error(request: Request, error: PeptidekitError) -> Response:
        status = error_status(error)
        if request.url.path.startswith("/api/"):
            response: Response = JSONResponse({"error": error.to_dict()}, status_code=status)
        else:
            response = render(request, "error.html", status=status, message=error.message)
        if isinstance(error, BusyError):
            response.headers["Retry-After"] = str(error.retry_after_s)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"error": {"code": "invalid_request", "message": "; ".join(problems)}},
                status_code=422,
            )
        from peptidekit.web.form_errors import form_problem

        problem = form_problem(error.errors())
        typed: dict[str, str] = {}
        if request.method == "POST":
            typed = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
            typed.pop("csrf", None)
        from peptidekit.web.routes.journal import form_error_page

        return await run_in_threadpool(form_error_page, request, problem, typed)

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
        return plain_error(request, 500, "internal", message)

    from peptidekit.web.routes import AREAS

    for area in AREAS:
        app.include_router(area.api)
        app.include_router(area.pages)
    static = str(resources.files("peptidekit.web").joinpath("static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    return app
