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
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from peptidekit.errors import BusyError, InputError


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
"""How long a writer waits for another process's write to finish (SQLite's busy timeout,
PostgreSQL's lock_timeout) before "the journal is busy, try again";
``PEPTIDEKIT_DB_BUSY_TIMEOUT`` (seconds) changes it."""
BUSY_SQLITE_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED
BUSY_POSTGRES_STATES = ("55P03",)  # lock_not_available


def busy_timeout_ms() -> int:
    text = os.environ.get("PEPTIDEKIT_DB_BUSY_TIMEOUT", "")
    try:
        seconds = float(text) if text else BUSY_TIMEOUT_MS / 1000
    except ValueError:
        seconds = -1
    if not 0 < seconds <= 3600:
        raise InputError(
            f"PEPTIDEKIT_DB_BUSY_TIMEOUT {text!r} is not a number of seconds between 0 and 3600",
            input=text,
            expected="seconds, e.g. 30",
        )
    return round(seconds * 1000)


def is_busy(error: BaseException) -> bool:
    """Whether a database error means another writer held its lock past the timeout."""
    orig = getattr(error, "orig", None)
    return (
        getattr(orig, "sqlite_errorcode", None) in BUSY_SQLITE_CODES
        or getattr(orig, "sqlstate", None) in BUSY_POSTGRES_STATES
    )


@contextmanager
def busy_is_clear() -> Iterator[None]:
    """Inside, a lock held past the timeout is a BusyError, never the SQL."""
    try:
        yield
    except OperationalError as error:
        if is_busy(error):
            raise BusyError(busy_timeout_ms() / 1000) from None
        raise


MIGRATION_LOCK = 7_311_042
"""PostgreSQL advisory lock key held while the schema is brought up to date."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # peptidekit issues BEGIN itself (see _sqlite_begin), so the driver must not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
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
    _check_url(url)
    options: dict[str, Any] = {}
    if url in ("sqlite://", "sqlite:///:memory:"):  # one shared in-memory database
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    elif url.startswith("postgresql"):  # a lock held longer than this is "busy"
        options = {"connect_args": {"options": f"-c lock_timeout={busy_timeout_ms()}"}}
    try:
        engine = create_engine(url, **options)
    except Exception as error:  # a malformed URL or a missing driver
        raise _cannot_open(url, str(error)) from error
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    if migrate:
        try:
            with busy_is_clear():
                _upgrade(engine)
        except OperationalError as error:  # the file or the server cannot be reached
            reason = str(error.orig).splitlines()[0][:200] if error.orig else type(error).__name__
            raise _cannot_open(url, reason) from None
    return engine


def _cannot_open(url: str, reason: str) -> InputError:
    return InputError(
        f"cannot open database {url!r}: {reason}",
        input=url,
        expected="sqlite:///path/to/file.sqlite3 or postgresql+psycopg://user@host/db",
    )


def _check_url(url: str) -> None:
    """A URL that is not UTF-8, or an SQLite file in a folder that does not exist, is an
    input error naming it (before, the driver's 'unable to open database file')."""
    from peptidekit.files import check_path, shown

    try:
        url.encode("utf-8")
    except UnicodeEncodeError:
        error = _cannot_open(url.encode("utf-8", "backslashreplace").decode(), "not UTF-8 text")
        raise error from None
    if url.startswith("sqlite:///") and url not in ("sqlite:///:memory:",):
        path = check_path(url.removeprefix("sqlite:///").split("?")[0])
        if not path.parent.is_dir():
            raise _cannot_open(url, f"the folder {shown(path.parent)} does not exist")


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
    with busy_is_clear(), factory.begin() as session:
        if write and engine.dialect.name == "sqlite":
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        yield session
