"""The web app off loopback and under attack: Host names, login throttling, revocable
sessions, Secure cookies, explicit profiles, and 500s with the security headers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from peptidekit.errors import InputError
from peptidekit.web.app import WebSettings, create_app
from peptidekit.web.security import CSP, LoginThrottle, hash_password

LOCAL = "http://127.0.0.1"
PASSWORD = "correct horse battery"


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


@pytest.fixture
def app_factory(tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(**settings: object):  # type: ignore[no-untyped-def]
        return create_app(
            WebSettings(db_url=f"sqlite:///{tmp_path / 'w.db'}", secret_key="t", **settings)  # type: ignore[arg-type]
        )

    return make


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8000", 200),
        ("localhost:8000", 200),
        ("[::1]:8000", 200),
        ("evil.example", 400),  # a DNS-rebinding page reaches the server under its own name
        ("evil.example:8000", 400),
        ("127.0.0.1.evil.example", 400),
    ],
)
def test_only_served_host_names_are_answered(app_factory, host: str, status: int) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app_factory(), base_url=LOCAL)
    response = client.get("/api/health", headers={"Host": host})
    assert response.status_code == status
    assert response.headers["Content-Security-Policy"] == CSP
    if status == 400:
        assert response.json()["error"]["code"] == "host_not_allowed"


def test_an_allowed_host_can_be_added(app_factory) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app_factory(allowed_hosts=("journal.lan",)), base_url=LOCAL)
    assert client.get("/api/health", headers={"Host": "journal.lan:8000"}).status_code == 200


def test_login_backs_off_after_repeated_failures(app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory(password_hash=hash_password(PASSWORD))
    client = TestClient(app, base_url=LOCAL)
    token = csrf_of(client.get("/login").text)
    codes = [
        client.post("/login", data={"password": f"wrong {i} guess!", "csrf": token}).status_code
        for i in range(7)
    ]
    assert codes[:5] == [401] * 5
    assert codes[5:] == [429, 429]  # the right password is not even checked now
    locked = client.post("/login", data={"password": PASSWORD, "csrf": token})
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) >= 1


def test_throttle_backoff_and_global_limit_by_hand() -> None:
    now = [0.0]
    throttle = LoginThrottle(free=2, global_per_minute=5, clock=lambda: now[0])
    for _ in range(2):
        assert throttle.wait("a") == 0
        throttle.failed("a")
    assert throttle.wait("a") == pytest.approx(2.0)  # 2^1 s after the free tries
    now[0] = 2.0
    throttle.failed("a")
    assert throttle.wait("a") == pytest.approx(4.0)  # then 2^2 s
    for client in ("b", "c"):
        throttle.failed(client)
    # five failures this minute from anyone: a client that failed once waits 2 s, one
    # that never failed may still try, checks paced one every 60/5 = 12 s (past the
    # 10 s a check may wait its turn: the next one is told 'busy')
    assert throttle.wait("b") == pytest.approx(2.0)
    assert throttle.wait("d") == 0
    assert [throttle.pace(), throttle.pace()] == [0.0, None]
    now[0] = 70.0
    assert throttle.wait("d") == 0
    assert throttle.pace() == 0.0
    throttle.succeeded("a")
    assert throttle.wait("a") == 0


def test_a_malformed_password_hash_is_refused_at_start(app_factory) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="not a password hash"):
        app_factory(password_hash="hunter2")


def test_cookies_are_secure_over_https(app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory()
    plain = TestClient(app, base_url=LOCAL).get("/journal")
    assert "secure" not in plain.headers["set-cookie"].lower()
    https = TestClient(app, base_url="https://127.0.0.1").get("/journal")
    assert "; secure" in https.headers["set-cookie"].lower()


def test_reading_never_creates_a_profile(app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory()
    client = TestClient(app, base_url=LOCAL)
    assert "no profile yet" in client.get("/journal").text
    answer = client.get("/api/journal/today")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "profile_needed"
    assert app.state.journal.profiles() == []


def test_the_chosen_profile_stays_when_another_is_added(app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory()
    client = TestClient(app, base_url=LOCAL)
    token = csrf_of(client.get("/journal").text)
    client.post("/journal/profiles", data={"name": "me", "tz": "UTC", "csrf": token})
    app.state.journal.create_profile("aaron", "UTC")  # from the CLI, sorted first
    client.post("/journal/log", data={"dose": "250mcg", "csrf": token})
    assert len(app.state.journal.history("me")) == 1
    assert app.state.journal.history("aaron") == []
    # the API must be told which one when there are several
    assert client.get("/api/journal/today").json()["error"]["code"] == "profile_needed"
    assert client.get("/api/journal/today?profile=aaron").status_code == 200


def test_a_warned_dose_asks_for_confirmation_on_the_page_and_in_the_api(app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory()
    app.state.journal.create_profile("me", "UTC")
    client = TestClient(app, base_url=LOCAL)
    token = csrf_of(client.get("/journal").text)
    client.post("/journal/log", data={"dose": "250mcg", "csrf": token})
    again = client.post("/journal/log", data={"dose": "250mcg", "csrf": token})
    assert again.status_code == 409
    assert "Log it anyway" in again.text
    assert 'value="250mcg"' in again.text  # what was typed is kept
    assert len(app.state.journal.history("me")) == 1
    client.post("/journal/log", data={"dose": "250mcg", "confirm": "yes", "csrf": token})
    assert len(app.state.journal.history("me")) == 2
    api = client.post("/api/journal/log", json={"dose": "250mcg"})
    assert api.status_code == 409
    assert api.json()["error"]["warnings"][0]["code"] == "repeated_dose"
    assert client.post("/api/journal/log", json={"dose": "250mcg", "confirm": True}).is_success


def test_internal_errors_carry_the_security_headers(app_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from peptidekit.web.routes import knowledge

    def broken(*_: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(knowledge, "compounds", broken)
    client = TestClient(app_factory(), base_url=LOCAL, raise_server_exceptions=False)
    for path in ("/api/compounds", "/compounds"):
        response = client.get(path)
        assert response.status_code == 500
        assert response.headers["Content-Security-Policy"] == CSP
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "secret internal detail" not in response.text


@pytest.mark.parametrize("path", ["/plan", "/plan.ics", "/plan.csv"])
def test_plan_pages_bound_the_times_a_day(app_factory, path: str) -> None:  # type: ignore[no-untyped-def]
    # 1,440 times a day for 30 days took 23 s and 16 MB before; now one line, at once
    times = ",".join(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))
    query = {"route": "intranasal", "dose": "300mcg", "times": times, "course": "30d"}
    query |= {"start": "2026-12-01", "tz": "UTC"}
    response = TestClient(app_factory(), base_url=LOCAL).get(path, params=query)
    assert response.status_code == 400
    assert "1440 times a day: expected at most 24" in response.text


def test_a_blank_gad7_answer_is_refused_not_saved_as_zero(app_factory) -> None:  # type: ignore[no-untyped-def]
    app = app_factory()
    app.state.journal.create_profile("me", "UTC")
    client = TestClient(app, base_url=LOCAL)
    token = csrf_of(client.get("/journal").text)
    answers = {f"q{i}": "1" for i in range(1, 8)} | {"q4": ""}
    refused = client.post("/journal/checkin", data={**answers, "csrf": token})
    assert refused.status_code == 400
    assert "GAD-7 answer 4 is blank" in refused.text
    assert app.state.journal.trends("me")["gad7"]["count"] == 0
    saved = client.post(
        "/journal/checkin", data={**answers, "q4": "0", "csrf": token}, follow_redirects=False
    )
    assert saved.status_code == 303
    assert app.state.journal.trends("me")["gad7"]["last"]["score"] == 6  # six 1s and a 0


def test_journal_dates_are_in_the_profiles_zone(app_factory) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    app = app_factory()
    journal = app.state.journal
    journal.create_profile("me", "Europe/Moscow")
    opened = dt.datetime(2026, 11, 20, 23, 30, tzinfo=dt.UTC)  # 21 Nov 02:30 in Moscow
    journal.add_vial(
        "me",
        compound="Selank",
        kind="vial",
        amount_mcg=5000.0,
        volume_ml=2.0,
        opened_at=opened,
        storage="refrigerated",
        shelf_life_days=28,
        shelf_life_source="t",
    )
    # a check-in at 02:11 Moscow (23:11 UTC the day before) belongs to the Moscow day
    journal.checkin("me", at=dt.datetime(2026, 11, 20, 23, 11, tzinfo=dt.UTC), gad7=[1] * 7)
    page = TestClient(app, base_url=LOCAL).get("/journal").text
    assert "2026-12-19 02:30" in page  # 28 days after 21 Nov 02:30 Moscow
    assert list(journal.trends("me")["gad7"]["daily_mean"]) == ["2026-11-21"]


def test_the_compound_list_starts_with_selank_and_its_relatives(app_factory) -> None:  # type: ignore[no-untyped-def]
    page = TestClient(app_factory(), base_url=LOCAL).get("/compounds").text
    names = re.findall(r'<a href="/compounds/[a-z0-9-]+">([^<]+)</a>', page)
    # Selank's family (its forms, its parent), Semax's, other peptides, then the drugs
    assert names[:6] == [
        "Selank", "N-acetyl Selank", "N-acetyl Selank amidate", "Tuftsin",
        "Semax", "N-acetyl Semax amidate",
    ]  # fmt: skip
    assert names.index("DSIP") < names.index("Medazepam") < names.index("Phenazepam")
