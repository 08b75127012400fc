from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from peptidekit.store.db import open_engine
from peptidekit.store.journal import Journal

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """The same tests on an SQLite file and on a real PostgreSQL server."""
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def journal(engine: Engine) -> Journal:
    return Journal(engine, now=lambda: NOW)
