"""``peptidekit serve`` (the local web app) and ``peptidekit web-password``."""

from __future__ import annotations

import os
import sys

import click

from peptidekit.web.security import check_binding, hash_password


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--db", envvar="PEPTIDEKIT_DB", default=None, help="Journal database URL.")
@click.option("--demo", is_flag=True, help="Load sample data into an empty journal.")
def serve_command(host: str, port: int, db: str | None, demo: bool) -> None:
    """Serve the web app (127.0.0.1 by default; anything else needs a password hash)."""
    password_hash = os.environ.get("PEPTIDEKIT_WEB_PASSWORD_HASH") or None
    check_binding(host, password_hash)
    import uvicorn

    from peptidekit.web.app import WebSettings, create_app

    app = create_app(WebSettings(db_url=db, password_hash=password_hash))
    if demo:
        from peptidekit.web.demo import load_demo

        if load_demo(app.state.journal):
            click.echo("sample data loaded (profile 'demo')")
    click.echo(f"peptidekit on http://{host}:{port}/  (research and education only; Ctrl+C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command("web-password")
def web_password_command() -> None:
    """Read a password (prompt or stdin) and print the hash for PEPTIDEKIT_WEB_PASSWORD_HASH."""
    if sys.stdin.isatty():
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\n")
    click.echo(hash_password(password))
