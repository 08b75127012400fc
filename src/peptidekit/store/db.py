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
from sqlalchemy import Connection, Engine, create_engine, event
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


BUSY_TIMEOUT_MS = 30_000
"""How long an SQLite writer waits for another process's write to finish."""
MIGRATION_LOCK = 7_311_042
"""PostgreSQL advisory lock key held while the schema is brought up to date."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # peptidekit issues BEGIN itself (see _sqlite_begin), so the driver must not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """BEGIN IMMEDIATE for writes: the write lock is taken before anything is read, so
    two processes can never both read a stock level and then both write it back (and
    a writer waits for the lock instead of failing when another committed first)."""
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


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
        event.listen(engine, "begin", _sqlite_begin)
    if migrate:
        _upgrade(engine)
    return engine


def _upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision, one process at a time (several CLI
    processes or web workers may open a new database at the same moment)."""
    config = alembic_config()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection = connection.execution_options(sqlite_begin="IMMEDIATE")
        with connection.begin():
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


@contextmanager
def transaction(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """One unit of work: committed whole at the end, or rolled back whole on any error.

    A write transaction on SQLite starts with BEGIN IMMEDIATE, so concurrent writers
    (other processes too) run one after another; on PostgreSQL the repository locks
    the rows it changes (see ``Journal._profile``).
    """
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        if write and engine.dialect.name == "sqlite":
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        yield session
