from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from peptidekit.knowledge.loader import default_knowledge
from tests.postgres import postgres_server

DATA = Path(__file__).parent / "data"

settings.register_profile("ci", max_examples=200, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test sees the shipped knowledge only, and caches under its own tmp folder."""
    monkeypatch.setenv("PEPTIDEKIT_KNOWLEDGE_DIR", str(tmp_path / "user-knowledge"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    default_knowledge.cache_clear()
    yield
    default_knowledge.cache_clear()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL server for the session (skips, saying why, when impossible)."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on an SQLite file and on an emptied schema of the real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'journal.sqlite3'}"
    from sqlalchemy import create_engine, text

    url: str = request.getfixturevalue("postgres_url")
    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    return url
