"""``peptidekit serve`` (the local web app) and ``peptidekit web-password``."""

from __future__ import annotations

import os
import secrets
import sys

import click

from peptidekit.web.security import check_binding, hash_password, proxy_options


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--db", envvar="PEPTIDEKIT_DB", default=None, help="Journal database URL.")
@click.option("--demo", is_flag=True, help="Load sample data into an empty journal.")
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes over the one database (PostgreSQL for many users).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="A host name the app answers to besides the loopback names (repeatable).",
)
@click.option(
    "--trusted-proxy",
    "proxies",
    multiple=True,
    envvar="PEPTIDEKIT_WEB_TRUSTED_PROXIES",
    help="The address (or network) of a reverse proxy in front of the app, whose "
    "X-Forwarded-For and X-Forwarded-Proto are believed (repeatable; default: none, "
    "every client is its socket address).",
)
def serve_command(
    host: str,
    port: int,
    db: str | None,
    demo: bool,
    workers: int,
    allowed_hosts: tuple[str, ...],
    proxies: tuple[str, ...],
) -> None:
    """Serve the web app (127.0.0.1 by default; anything else needs a password hash)."""
    password_hash = os.environ.get("PEPTIDEKIT_WEB_PASSWORD_HASH") or None
    check_binding(host, password_hash)
    proxy = proxy_options(proxies)  # the login throttle keys on the client uvicorn names
    import uvicorn

    from peptidekit.web.app import WebSettings, allowed_hosts_from_environment, create_app

    named = [*allowed_hosts, *allowed_hosts_from_environment(), *([host] if host else [])]
    hosts = tuple(dict.fromkeys(named))
    # one secret for every worker, or a session made by one would be refused by another
    secret = os.environ.get("PEPTIDEKIT_WEB_SECRET") or secrets.token_urlsafe(32)
    settings = WebSettings(
        db_url=db,
        password_hash=password_hash,
        secret_key=secret,
        allowed_hosts=hosts,
        warm_up=workers == 1,
    )
    app = create_app(settings)  # migrates the database once, before any worker starts
    if demo:
        from peptidekit.web.demo import load_demo

        if load_demo(app.state.journal):
            click.echo("sample data loaded (profile 'demo')")
    click.echo(
        f"peptidekit on http://{host}:{port}/  ({workers} worker{'s' if workers > 1 else ''}; "
        "research and education only; Ctrl+C stops)"
    )
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", **proxy)
        return
    app.state.journal.engine.dispose()
    if db:
        os.environ["PEPTIDEKIT_DB"] = db
    os.environ["PEPTIDEKIT_WEB_SECRET"] = secret
    os.environ["PEPTIDEKIT_WEB_ALLOWED_HOSTS"] = ",".join(hosts)
    uvicorn.run(
        "peptidekit.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        **proxy,
    )


@click.command("web-password")
def web_password_command() -> None:
    """Read a password (prompt or stdin) and print the hash for PEPTIDEKIT_WEB_PASSWORD_HASH."""
    if sys.stdin.isatty():
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    click.echo(hash_password(password))
