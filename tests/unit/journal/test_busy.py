"""A journal locked by another writer past the timeout: "the journal is busy, try again"
(BusyError; exit 75 on the CLI, 503 with Retry-After on the web), never the SQL or a
trace, and nothing changed. On SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from peptidekit.cli.main import cli
from peptidekit.errors import BusyError, InputError
from peptidekit.store.db import busy_timeout_ms, open_engine
from peptidekit.store.journal import Journal
from peptidekit.web.app import WebSettings, create_app
from tests.unit.journal.test_journal import add_vial, at

TIMEOUT_S = 0.5


@pytest.fixture
def journal(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Journal]:
    monkeypatch.setenv("PEPTIDEKIT_DB_BUSY_TIMEOUT", str(TIMEOUT_S))
    monkeypatch.setenv("PEPTIDEKIT_DB", db_url)
    engine = open_engine(db_url)
    journal = Journal(engine)
    journal.create_profile("ana", "UTC")
    add_vial(journal)
    yield journal
    engine.dispose()


@contextmanager
def write_lock_held(url: str) -> Iterator[None]:
    """Another program holding the journal's write lock (SQLite) or the profile's row
    (PostgreSQL, where every write locks it first)."""
    if url.startswith("sqlite"):
        other = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.rollback()
            other.close()
        return
    engine = create_engine(url)
    with engine.connect() as other, other.begin():
        other.execute(text("SELECT id FROM profiles WHERE name = 'ana' FOR UPDATE"))
        yield
    engine.dispose()


def test_a_write_that_waits_past_the_timeout_is_busy_and_changes_nothing(
    journal: Journal, db_url: str
) -> None:
    vial = journal.vials("ana")[0]
    with write_lock_held(db_url):
        started = time.monotonic()
        with pytest.raises(BusyError) as busy:
            journal.log_dose("ana", at=at(1, 5), amount_mcg=250, vial_id=vial.id)
        waited = time.monotonic() - started
    assert "the journal is busy" in busy.value.message
    assert "try again" in busy.value.message
    assert "SELECT" not in busy.value.message
    assert "UPDATE" not in busy.value.message
    assert TIMEOUT_S * 0.8 <= waited < TIMEOUT_S + 10
    assert journal.history("ana") == []
    assert journal.vials("ana")[0].remaining_mcg == vial.remaining_mcg
    journal.log_dose("ana", at=at(1, 5), amount_mcg=250, vial_id=vial.id)  # free again
    assert len(journal.history("ana")) == 1


def test_the_cli_says_busy_with_exit_75(journal: Journal, db_url: str) -> None:
    vial = journal.vials("ana")[0].id
    with write_lock_held(db_url):
        result = CliRunner().invoke(
            cli, ["journal", "log", "--dose", "250mcg", "--vial", vial, "--at", "2026-12-01 05:00"]
        )
    assert result.exit_code == 75, result.output
    assert result.stderr.startswith("peptidekit: error: the journal is busy")
    assert "internal error" not in result.stderr
    assert "sqlite3" not in result.stderr
    assert "psycopg" not in result.stderr


def test_the_web_answers_503_with_retry_after(journal: Journal, db_url: str) -> None:
    client = TestClient(create_app(WebSettings(db_url=db_url)), base_url="http://127.0.0.1")
    vial = journal.vials("ana")[0].id
    body = {"dose": "250mcg", "vial": vial, "at": "2026-12-01 05:00", "confirm": True}
    with write_lock_held(db_url):
        api = client.post("/api/journal/log", json=body)
    assert api.status_code == 503
    assert int(api.headers["retry-after"]) >= 1
    assert api.json()["error"]["code"] == "busy"
    assert "the journal is busy" in api.json()["error"]["message"]
    assert client.post("/api/journal/log", json=body).status_code == 200  # free again


def test_the_timeout_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEPTIDEKIT_DB_BUSY_TIMEOUT", "2.5")
    assert busy_timeout_ms() == 2500
    for bad in ("soon", "0", "-3", "nan", "1e9"):
        monkeypatch.setenv("PEPTIDEKIT_DB_BUSY_TIMEOUT", bad)
        with pytest.raises(InputError, match="PEPTIDEKIT_DB_BUSY_TIMEOUT"):
            busy_timeout_ms()


def test_a_journal_form_answers_503_with_retry_after(journal: Journal, db_url: str) -> None:
    from tests.integration.test_web import csrf_of

    client = TestClient(create_app(WebSettings(db_url=db_url)), base_url="http://127.0.0.1")
    token = csrf_of(client.get("/journal").text)
    vial = journal.vials("ana")[0].id
    form = {"dose": "250mcg", "vial": vial, "at": "2026-12-01 05:00", "confirm": "yes"}
    with write_lock_held(db_url):
        page = client.post("/journal/log", data={**form, "csrf": token}, follow_redirects=False)
    assert page.status_code == 503
    assert int(page.headers["retry-after"]) >= 1
    assert "the journal is busy" in page.text
    again = client.post("/journal/log", data={**form, "csrf": token}, follow_redirects=False)
    assert again.status_code == 303
