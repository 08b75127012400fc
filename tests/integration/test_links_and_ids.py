"""Crafted links and ids (issue 30, point 5) and the paged dose history (point 7).

The web app names rows by their full ids only: a prefix, or a full id with more after
it, is no row (404), on the API and in the page forms; the CLI keeps unique-prefix
lookup. Every value the journal page puts in a URL or a form action is built from a
lookup. The history is paged by keyset: every dose is reachable by the links, and a
page costs the same number of queries however long the history is.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import event, insert

from peptidekit.errors import NotFoundError
from peptidekit.store.db import transaction
from peptidekit.store.journal import Journal
from peptidekit.store.models import DoseEvent, new_id
from peptidekit.web.app import WebSettings, create_app
from tests.integration.conftest import run_json

LOCAL = "http://127.0.0.1"
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    app.state.journal.create_profile("me", "UTC")
    return TestClient(app, base_url=LOCAL)


def journal_of(client: TestClient) -> Journal:
    journal: Journal = client.app.state.journal  # type: ignore[attr-defined]
    return journal


def csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/journal").text)
    assert found
    return found.group(1)


def add_events(journal: Journal, count: int, *, step_hours: float = 3.0) -> list[str]:
    """``count`` logged doses, one every ``step_hours`` back from now; ids newest first."""
    profile = journal.profile("me")
    rows = [
        {
            "id": new_id(),
            "profile_id": profile.id,
            "status": "taken",
            "at": NOW - dt.timedelta(hours=step_hours * k + 1),
            "tz": "UTC",
            "compound": "Selank",
            "amount_mcg": 300.0,
            "taken_from_vial_mcg": 0.0,
            "route": "intranasal",
            "notes": f"dose {k}",
        }
        for k in range(count)
    ]
    with transaction(journal.engine) as s:
        s.execute(insert(DoseEvent), rows)
    return [str(r["id"]) for r in rows]


def two_doses_sharing_a_first_character(journal: Journal) -> tuple[str, str]:
    """Doses until two ids start alike; the first is the one a prefix would hit."""
    seen: dict[str, str] = {}
    while True:
        (dose,) = add_events(journal, 1)
        if dose[0] in seen:
            return seen[dose[0]], dose
        seen[dose[0]] = dose


# ---------------------------------------------------------------- ids on the API
def test_api_delete_by_a_prefix_is_404_and_deletes_nothing(client: TestClient) -> None:
    journal = journal_of(client)
    (dose,) = add_events(journal, 1)
    for key in (dose[0], dose[:8], dose[:31]):
        answer = client.delete(f"/api/journal/doses/{key}")
        assert answer.status_code == 404, key
        assert answer.json()["error"]["code"] == "not_found"
    assert client.patch(f"/api/journal/doses/{dose[:4]}", json={"site": "x"}).status_code == 404
    assert [e.id for e in journal.history("me")] == [dose]  # still there, unchanged
    assert journal.history("me")[0].site is None
    assert client.delete(f"/api/journal/doses/{dose}").json()["events"] == 1
    assert journal.history("me") == []


def test_api_vial_ids_are_full_ids_too(client: TestClient) -> None:
    vial = client.post(
        "/api/journal/vials", json={"compound": "selank", "vial": "5mg", "diluent": "2mL"}
    ).json()["id"]
    short = client.post(
        "/api/journal/log", json={"dose": "250mcg", "vial": vial[:6], "confirm": True}
    )
    assert short.status_code == 404
    assert journal_of(client).history("me") == []  # no dose logged from a guessed vial
    assert client.delete(f"/api/journal/vials/{vial[:6]}").status_code == 404
    assert client.patch(f"/api/journal/vials/{vial[:6]}", json={"lot": "A"}).status_code == 404
    assert len(journal_of(client).vials("me")) == 1
    logged = client.post("/api/journal/log", json={"dose": "250mcg", "vial": vial, "confirm": True})
    assert logged.status_code == 200
    assert logged.json()["vial_id"] == vial


# ---------------------------------------------------------------- ids in page forms
@pytest.mark.parametrize("shape", ["prefix", "longer"])
def test_page_forms_take_full_ids_only(client: TestClient, shape: str) -> None:
    journal = journal_of(client)
    dose, _other = two_doses_sharing_a_first_character(journal)
    key = dose[:1] if shape == "prefix" else dose + "ff"
    token = csrf(client)
    deleted = client.post(f"/journal/doses/{key}/delete", data={"csrf": token})
    assert deleted.status_code == 404
    edited = client.post(f"/journal/doses/{key}/edit", data={"csrf": token, "notes": "gone"})
    assert edited.status_code == 404
    assert dose in {e.id for e in journal.history("me")}
    assert all(e.notes != "gone" for e in journal.history("me"))


# ---------------------------------------------------------------- crafted links
def test_a_crafted_undo_value_never_becomes_another_action(client: TestClient) -> None:
    (dose,) = add_events(journal_of(client), 1)
    for crafted in (f"{dose}/edit?", f"{dose}/edit%3F", f"../vials/{dose}", dose[:8], "x"):
        page = client.get("/journal", params={"done": "logged", "undo": crafted})
        assert page.status_code == 200
        assert "/edit?" not in page.text
        assert "Undo</button>" not in page.text, crafted
    page = client.get("/journal", params={"done": "logged", "undo": dose}).text
    undo = re.search(r'<form method="post" action="([^"]+)" class="inline undo">', page)
    assert undo
    assert undo.group(1) == f"/journal/doses/{dose}/delete"


def test_a_crafted_done_message_is_not_shown(client: TestClient) -> None:
    page = client.get("/journal", params={"done": "call 555-0100 now"})
    assert "555-0100" not in page.text
    assert "Saved (logged)" in client.get("/journal", params={"done": "logged"}).text


def test_an_unknown_or_crafted_page_anchor_is_404(client: TestClient) -> None:
    add_events(journal_of(client), 3)
    for crafted in ("0" * 32, "abc", "' or 1=1 --", "%"):
        assert client.get("/journal", params={"before": crafted}).status_code == 404
    assert client.get("/journal", params={"before": "0" * 32, "after": "1" * 32}).status_code in (
        400,
        404,
    )


# ---------------------------------------------------------------- the CLI keeps prefixes
def test_the_cli_keeps_unique_prefix_lookup(tmp_path: Path) -> None:
    runner = CliRunner()
    j = ["journal", "--db", f"sqlite:///{tmp_path / 'cli.db'}", "--profile", "ana"]
    run_json(runner, [*j, "profiles", "add", "ana", "--tz", "UTC"])
    logged = run_json(runner, [*j, "log", "--dose", "250mcg"])
    gone = run_json(runner, [*j, "doses", "delete", logged["id"][:6]])
    assert gone["events"] == 1


def test_prefix_lookup_is_hex_only_and_exact_mode_refuses_prefixes(tmp_path: Path) -> None:
    from peptidekit.store.db import open_engine

    engine = open_engine(f"sqlite:///{tmp_path / 'j.db'}")
    typing, web = Journal(engine), Journal(engine, exact_ids=True)
    typing.create_profile("me", "UTC")
    (dose,) = add_events(typing, 1)
    assert typing.dose_id("me", dose[:5]) == dose
    assert web.dose_id("me", dose) == dose
    for key in (dose[:5], "%", "_" * 32, dose.upper()):
        with pytest.raises(NotFoundError):
            web.dose_id("me", key)
    for wildcard in ("%", "_", dose[:3] + "%"):  # LIKE wildcards are no prefix
        with pytest.raises(NotFoundError):
            typing.dose_id("me", wildcard)


# ---------------------------------------------------------------- paged history
def shown_ids(html: str) -> list[str]:
    return re.findall(r'action="/journal/doses/([0-9a-f]{32})/delete" class="inline">', html)


def test_every_dose_is_reachable_through_the_page_links(client: TestClient) -> None:
    ids = add_events(journal_of(client), 47)
    seen: list[str] = []
    url: str | None = "/journal"
    while url:
        page = client.get(url).text
        seen += shown_ids(page)
        found = re.search(r'href="(/journal\?before=[0-9a-f]{32})#doses" rel="next"', page)
        url = found.group(1) if found else None
    assert seen == ids  # 20 + 20 + 7, newest first, each once
    # and back: from the last page, 'Newer' walks to the newest
    back: list[str] = []
    page = client.get(f"/journal?before={ids[39]}").text
    assert shown_ids(page) == ids[40:]
    while True:
        found = re.search(r'href="(/journal\?after=[0-9a-f]{32})#doses" rel="prev"', page)
        if not found:
            break
        page = client.get(found.group(1)).text
        back = shown_ids(page) + back
    assert back == ids[:40]


def count_statements(client: TestClient, url: str) -> tuple[int, int]:
    """(SQL statements, rows fetched) to answer ``url``."""
    engine = journal_of(client).engine
    statements = [0]

    def counted(*_: object) -> None:
        statements[0] += 1

    event.listen(engine, "before_cursor_execute", counted)
    try:
        page = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    assert page.status_code == 200
    return statements[0], len(shown_ids(page.text))


def test_a_journal_page_costs_the_same_with_50_or_5000_doses(tmp_path: Path) -> None:
    costs = []
    for count in (50, 5000):
        app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / f'{count}.db'}"))
        app.state.journal.create_profile("me", "UTC")
        client = TestClient(app, base_url=LOCAL)
        ids = add_events(app.state.journal, count, step_hours=0.5)
        client.get("/journal")  # warm
        costs.append(
            (
                count_statements(client, "/journal"),
                count_statements(client, f"/journal?before={ids[10]}"),
            )
        )
    assert costs[0] == costs[1]  # the same statements, the same 20 rows shown
    assert costs[0][0][1] == 20


def test_the_api_pages_doses_with_a_link_header(client: TestClient) -> None:
    ids = add_events(journal_of(client), 25)
    seen: list[str] = []
    url: str | None = "/api/journal/doses?limit=10"
    while url:
        answer = client.get(url)
        assert answer.status_code == 200
        seen += [d["id"] for d in answer.json()]
        link = re.fullmatch(r'<([^>]+)>; rel="next"', answer.headers.get("link", ""))
        url = link.group(1) if link else None
    assert seen == ids
    assert client.get("/api/journal/doses?limit=1001").status_code == 422
    assert client.get(f"/api/journal/doses?before={ids[0][:5]}").status_code == 404


def test_history_pages_walk_every_dose_on_both_databases(db_url: str) -> None:
    from peptidekit.store.db import open_engine

    journal = Journal(open_engine(db_url), exact_ids=True)
    journal.create_profile("me", "UTC")
    journal.create_profile("other", "UTC")
    ids = add_events(journal, 23, step_hours=0.0)  # all at one moment: order by id alone
    ids += add_events(journal, 12)
    order = [e.id for e in sorted(journal.history("me"), key=lambda e: (e.at, e.id), reverse=True)]
    assert sorted(order) == sorted(ids)
    walked, page = [], journal.history_page("me", limit=5)
    while True:
        walked += [e.id for e in page.events]
        if page.older is None:
            break
        page = journal.history_page("me", before=page.older, limit=5)
    assert walked == order
    last, back = [e.id for e in page.events], []
    while page.newer is not None:
        page = journal.history_page("me", after=page.newer, limit=5)
        back = [e.id for e in page.events] + back
    assert back + last == order
    assert journal.history_page("other").events == []
    with pytest.raises(NotFoundError):
        journal.history_page("other", before=ids[0])  # another profile's dose is no anchor
