"""Opening the journal database: URL, pragmas, migrations, transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from peptidekit.errors import InputError


def default_url() -> str:
    """``$PEPTIDEKIT_DB``, or an SQLite file in the user's data directory."""
    explicit = os.environ.get("PEPTIDEKIT_DB")
    if explicit:
        return explicit
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    folder = Path(base) / "peptidekit"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'journal.sqlite3'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("peptidekit.store").joinpath("migrations"))
    )
    return config


def open_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine for ``url`` with the schema brought up to date."""
    url = url or default_url()
    options: dict[str, Any] = {}
    if url in ("sqlite://", "sqlite:///:memory:"):  # one shared in-memory database
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    try:
        engine = create_engine(url, **options)
    except Exception as error:  # a malformed URL or a missing driver
        raise InputError(
            f"cannot open database {url!r}: {error}",
            input=url,
            expected="sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/db",
        ) from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if migrate:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed whole at the end, or rolled back whole on any error."""
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        yield session
