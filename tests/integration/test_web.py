"""The web app in-process: every page and API route, errors, security headers, CSRF, login."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from peptidekit.errors import InputError
from peptidekit.web.app import WebSettings, create_app
from peptidekit.web.demo import load_demo
from peptidekit.web.security import CSP, check_binding, hash_password, verify_password

LOCAL = "http://127.0.0.1"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    app.state.journal.create_profile("me", "UTC")
    return TestClient(app, base_url=LOCAL)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the form carries a CSRF token"
    return match.group(1)


# ------------------------------------------------------------------ pages
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "not medical advice"),
        ("/compounds", "Selank"),
        ("/compounds?q=semax", "Semax"),
        ("/chem?sequence=TKPRPGP", "C33H57N11O9"),
        ("/calc/diluent?vial=5mg&dose=250mcg&units=10", "2 mL"),
        ("/calc/nasal?concentration=0.15%25&dose=300mcg&volume=50uL", "drop"),
        (
            "/pk?route=subcutaneous&dose=500ug&every=8h&days=3&ka=1.5/h&ke=0.3/h&volume=20L&bioavailability=80%25",
            "data:image/png;base64,",
        ),
    ],
)
def test_pages_render(client: TestClient, path: str, expected: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert expected in response.text
    assert "text/html" in response.headers["content-type"]


def test_the_home_page_starts_with_the_daily_tasks_and_each_link_works(
    client: TestClient,
) -> None:
    html = client.get("/").text
    tasks = re.search(r'<ul class="tasks".*?</ul>', html, re.S)
    assert tasks, "the task list"
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', tasks.group(0))
    wanted = ["/calc/reconstitute", "/plan", "/journal", "/check"]  # the four daily tasks
    assert all(path in [href for href, _ in links] for path in wanted)
    assert html.index('class="tasks"') < html.index('id="compounds"')  # before the list
    for href, _ in links:
        assert client.get(href.replace("&amp;", "&")).status_code == 200, href


def test_a_fresh_planner_starts_today_in_the_profiles_zone(
    client: TestClient, tmp_path: Path
) -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    html = client.get("/plan").text  # the one profile, "me", is in UTC
    today = dt.datetime.now(ZoneInfo("UTC")).date().isoformat()
    assert f'id="start" name="start" value="{today}"' in html
    assert 'id="tz" name="tz" value="UTC"' in html
    assert 'role="alert"' not in html  # defaults are shown, nothing is run
    # no profile to go by: the zone box stays empty rather than guessed
    bare = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'bare.db'}", secret_key="t"))
    empty = TestClient(bare, base_url=LOCAL).get("/plan").text
    assert 'id="tz" name="tz" value=""' in empty
    # what the person typed wins over a default
    typed = client.get("/plan?tz=Europe/Moscow&start=2026-12-01&dose=300mcg").text
    assert 'id="start" name="start" value="2026-12-01"' in typed


def test_monograph_page_shows_sources_and_disagreements(client: TestClient) -> None:
    html = client.get("/compounds/selank").text
    # Selank is Thr-Lys-Pro-Arg-Pro-Gly-Pro (dossier; PubChem CID 11765600)
    assert "TKPRPGP" in html
    assert "Sources disagree" in html
    assert "src-00" in html  # claims cite their source ids


def test_reconstitute_page_result_and_syringe(client: TestClient) -> None:
    # 5 mg in 2 mL = 2.5 mg/mL; 250 mcg = 0.1 mL = 10 units on a U-100 syringe (by hand)
    html = client.get(
        "/calc/reconstitute", params={"vial": "5mg", "diluent": "2mL", "dose": "250mcg"}
    ).text
    assert "10 units" in html
    assert "<svg" in html
    assert "not medical advice" in html


def test_reconstitute_page_names_the_1000_fold_slip(client: TestClient) -> None:
    response = client.get(
        "/calc/reconstitute",
        params={
            "vial": "5mg",
            "diluent": "2mL",
            "dose": "250mg",
            "compound": "selank",
            "route": "subcutaneous",
        },
    )
    assert response.status_code == 400
    assert "did you mean 250 mcg?" in response.text


def test_page_refuses_bare_number_with_named_input(client: TestClient) -> None:
    response = client.get(
        "/calc/reconstitute", params={"vial": "5", "diluent": "2mL", "dose": "250mcg"}
    )
    assert response.status_code == 400
    assert "vial &#39;5&#39;: a bare number has no unit" in response.text


def test_unknown_compound_page_is_404_with_choices(client: TestClient) -> None:
    response = client.get("/compounds/selnak")
    assert response.status_code == 404
    assert "selank" in response.text
    assert "Traceback" not in response.text


def test_plan_page_calendar_and_downloads(client: TestClient) -> None:
    params = {
        "compound": "selank",
        "route": "intranasal",
        "dose": "300mcg",
        "times": "08:00,20:00",
        "course": "14d",
        "start": "2026-12-01",
        "tz": "Europe/Moscow",
    }
    html = client.get("/plan", params=params).text
    assert "December 2026" in html
    ics = client.get("/plan.ics", params=params)
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    # 14 days x 2 doses a day = 28 events, 1 Dec 08:00 to 14 Dec 20:00 Moscow time
    assert ics.text.count("BEGIN:VEVENT") == 28
    assert "DTSTART;TZID=Europe/Moscow:20261201T080000" in ics.text
    assert "DTSTART;TZID=Europe/Moscow:20261214T200000" in ics.text
    csv_text = client.get("/plan.csv", params=params).text
    assert len(csv_text.strip().splitlines()) == 1 + 28


def test_check_page_highlights_claims(client: TestClient) -> None:
    token = csrf_of(client.get("/check").text)
    text = "Take Selank 250 mg twice daily. Half-life is 2 minutes."
    response = client.post("/check", data={"text": text, "compound": "selank", "csrf": token})
    assert response.status_code == 200
    assert "<mark" in response.text
    assert "250 mg" in response.text
    findings = re.search(r'<ol class="findings">.*?</ol>', response.text, re.S)
    assert findings
    # sources by title (sources.yaml), kinds in words: no internal ids or codes
    assert "<cite>[Selank 0.15% nasal drops: Russian product instructions]</cite>" in (
        findings.group(0)
    )
    assert "label-selank" not in findings.group(0)
    assert "half-life" in findings.group(0)  # claims.check.KIND_WORDS
    assert "half_life" not in findings.group(0)
    assert re.search(r"<h2>2 claims about Selank</h2>", response.text)


def test_user_text_is_escaped(client: TestClient) -> None:
    token = csrf_of(client.get("/check").text)
    payload = "<script>alert(1)</script> Selank 300 mcg"
    response = client.post("/check", data={"text": payload, "csrf": token})
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


# ------------------------------------------------------------------ journal pages
def test_journal_add_vial_log_dose_and_checkin(client: TestClient) -> None:
    token = csrf_of(client.get("/journal").text)
    added = client.post(
        "/journal/vials",
        data={"compound": "selank", "vial": "5mg", "diluent": "2mL", "csrf": token},
        follow_redirects=False,
    )
    assert added.status_code == 303
    vials = client.get("/api/journal/vials").json()["vials"]
    assert len(vials) == 1
    assert vials[0]["remaining_mcg"] == pytest.approx(5000)
    logged = client.post(
        "/journal/log",
        data={"dose": "250mcg", "vial": vials[0]["id"], "site": "abdomen-left", "csrf": token},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    html = client.get("/journal").text
    assert "4750 mcg of 5000" in html  # 5000 - 250, by hand
    answers = {f"q{i}": "2" for i in range(1, 8)}
    checked = client.post(
        "/journal/checkin", data={**answers, "csrf": token}, follow_redirects=False
    )
    assert checked.status_code == 303
    today = client.get("/api/journal/today").json()
    assert today["trends"]["gad7"]["last"]["score"] == 14  # 7 items x 2 points


def test_journal_form_error_keeps_data(client: TestClient) -> None:
    token = csrf_of(client.get("/journal").text)
    response = client.post("/journal/log", data={"dose": "1,000mcg", "csrf": token})
    assert response.status_code == 400
    assert "1,000" in response.text
    assert client.get("/api/journal/today").json()["adherence"]["unplanned_taken"] == 0
    client.post("/journal/log", data={"dose": "1000mcg", "csrf": token})
    assert client.get("/api/journal/today").json()["adherence"]["unplanned_taken"] == 1


def test_post_without_csrf_token_is_refused_and_writes_nothing(client: TestClient) -> None:
    client.get("/journal")
    response = client.post(
        "/journal/vials", data={"compound": "selank", "vial": "5mg", "diluent": "2mL"}
    )
    assert response.status_code == 400
    assert "did not come from this app" in response.text
    assert client.get("/api/journal/vials").json()["vials"] == []


def test_api_refuses_form_encoded_posts(client: TestClient) -> None:
    # a cross-site HTML form can only send form encodings; the JSON API refuses them
    response = client.post("/api/journal/log", data={"dose": "250mcg"})
    assert response.status_code == 422
    assert client.get("/api/journal/today").json()["adherence"]["unplanned_taken"] == 0


# ------------------------------------------------------------------ API
def test_api_reconstitute_matches_hand_arithmetic(client: TestClient) -> None:
    body = {"vial": "5mg", "diluent": "2mL", "dose": "250mcg", "syringe": "0.3mL"}
    data = client.post("/api/calc/reconstitute", json=body).json()
    assert data["concentration_mg_per_ml"] == pytest.approx(2.5)
    assert data["volume_ml"] == pytest.approx(0.1)
    assert data["tick_units"] == pytest.approx(10)
    assert data["delivered_dose_mcg"] == pytest.approx(250)
    assert data["doses_per_vial"] == 20  # 2 mL / 0.1 mL


def test_api_errors_are_structured(client: TestClient) -> None:
    bare = client.post(
        "/api/calc/reconstitute", json={"vial": "5", "diluent": "2mL", "dose": "250mcg"}
    )
    assert bare.status_code == 400
    assert bare.json()["error"]["code"] == "missing_unit"
    assert bare.json()["error"]["input"] == "5"
    slip = client.post(
        "/api/calc/reconstitute", json={"vial": "5mg", "diluent": "2mL", "dose": "250mg"}
    )
    assert slip.status_code == 400
    assert slip.json()["error"]["suggestion"].endswith("did you mean 250 mcg?")
    missing = client.get("/api/compounds/nosuch")
    assert missing.status_code == 404
    assert "selank" in missing.json()["error"]["choices"]
    extra = client.post(
        "/api/calc/reconstitute", json={"vial": "5mg", "diluent": "2mL", "dose": "1mg", "typo": "x"}
    )
    assert extra.status_code == 422
    assert "typo" in extra.json()["error"]["message"]


def test_api_chem_selank_mass(client: TestClient) -> None:
    data = client.get("/api/chem", params={"sequence": "TKPRPGP"}).json()
    # PubChem CID 11765600 (Selank): C33H57N11O9, monoisotopic 751.43407 Da
    assert data["formula"] == "C33H57N11O9"
    assert data["monoisotopic_mass"] == pytest.approx(751.43407, abs=1e-4)


def test_api_compounds_and_conflicts(client: TestClient) -> None:
    names = {c["name"] for c in client.get("/api/compounds").json()}
    assert {"Selank", "Semax", "Tuftsin"} <= names
    conflicts = client.get("/api/compounds/selank/conflicts").json()
    assert conflicts["conflicts"], "the five sources disagree on Selank"


def test_api_plan_pk_and_check(client: TestClient) -> None:
    plan = client.post(
        "/api/plan",
        json={
            "route": "intranasal",
            "dose": "300mcg",
            "times": "08:00",
            "course": "10d",
            "break": "4d",
            "cycles": "2",
            "start": "2026-12-01",
            "tz": "UTC",
        },
    ).json()
    assert len(plan["doses"]) == 20  # 2 cycles x 10 days x 1 dose
    pk = client.post(
        "/api/pk",
        json={
            "route": "intravenous",
            "dose": "1mg",
            "every": "24h",
            "days": "1",
            "ke": "0.5/h",
            "volume": "10L",
        },
    ).json()
    # one IV bolus: Cmax = dose / V = 1 mg / 10 L = 100 ng/mL;
    # AUC(0-inf) = Cmax / ke = 200 ng*h/mL; half-life = ln 2 / ke = 1.386 h
    assert pk["metrics"]["cmax"] == pytest.approx(100, rel=1e-6)
    assert pk["metrics"]["auc_inf"] == pytest.approx(200, rel=1e-6)
    assert pk["metrics"]["terminal_half_life_h"] == pytest.approx(1.3862944, rel=1e-6)
    checked = client.post(
        "/api/check", json={"text": "Selank 250 mg per dose", "compound": "selank"}
    ).json()
    assert checked["findings"]


def test_openapi_lists_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/calc/reconstitute" in spec["paths"]
    assert "/journal" not in spec["paths"]  # pages are not API


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/health", "/compounds/nosuch", "/static/style.css"):
        headers = client.get(path).headers
        assert headers["content-security-policy"] == CSP
        assert "script-src 'self'" in CSP
        assert "unsafe-inline" not in CSP
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"


def test_unexpected_failure_is_500_without_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peptidekit.web.routes import knowledge

    def broken(*_: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(knowledge, "compounds", broken)
    local = TestClient(client.app, raise_server_exceptions=False, base_url=LOCAL)
    response = local.get("/api/compounds")
    assert response.status_code == 500
    assert "secret internal detail" not in response.text
    assert "Traceback" not in response.text


# ------------------------------------------------------------------ demo and login
def test_demo_loads_only_into_an_empty_journal(tmp_path: Path) -> None:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'd.db'}", secret_key="t"))
    assert load_demo(app.state.journal) is True
    assert load_demo(app.state.journal) is False
    vials = TestClient(app, base_url=LOCAL).get("/api/journal/vials").json()["vials"]
    assert len(vials) == 1


def test_password_mode_gates_pages_and_api(tmp_path: Path) -> None:
    stored = hash_password("correct horse battery")
    assert verify_password("correct horse battery", stored)
    assert not verify_password("wrong password!", stored)
    app = create_app(
        WebSettings(db_url=f"sqlite:///{tmp_path / 'p.db'}", password_hash=stored, secret_key="t")
    )
    app.state.journal.create_profile("me", "UTC")
    client = TestClient(app, base_url=LOCAL)
    page = client.get("/journal", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login"
    assert client.get("/api/journal/vials").status_code == 401
    assert client.get("/api/health").status_code == 200
    token = csrf_of(client.get("/login").text)
    wrong = client.post("/login", data={"password": "nope nope nope", "csrf": token})
    assert wrong.status_code == 401
    token = csrf_of(wrong.text)
    ok = client.post(
        "/login", data={"password": "correct horse battery", "csrf": token}, follow_redirects=False
    )
    assert ok.status_code == 303
    assert client.get("/api/journal/vials").status_code == 200
    page = client.get("/journal").text
    assert 'action="/logout"' in page  # a logout button, only when logged in
    saved = dict(client.cookies)
    client.post("/logout", data={"csrf": csrf_of(page)})
    assert client.get("/api/journal/vials").status_code == 401
    # the cookie saved before logging out no longer works: the session was revoked
    replay = TestClient(app, base_url=LOCAL, cookies=saved)
    assert replay.get("/api/journal/vials").status_code == 401


def test_binding_beyond_loopback_needs_a_password() -> None:
    check_binding("127.0.0.1", None)
    check_binding("::1", None)
    check_binding("localhost", None)
    with pytest.raises(InputError, match=r"0\.0\.0\.0"):
        check_binding("0.0.0.0", None)
    check_binding("0.0.0.0", hash_password("correct horse battery"))
    with pytest.raises(InputError, match="not a password hash"):
        check_binding("0.0.0.0", "scrypt$abc$def")
    with pytest.raises(InputError, match="10 characters"):
        hash_password("short")


def test_unknown_routes_and_methods_answer_in_the_app_format(client: TestClient) -> None:
    page = client.get("/no-such-page")
    assert page.status_code == 404
    assert "no such page" in page.text
    assert "<html" in page.text
    api = client.get("/api/no-such-thing")
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "http_404"
    wrong = client.delete("/api/calc/reconstitute")
    assert wrong.status_code == 405
    assert wrong.json()["error"]["code"] == "http_405"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("course", "400d", "course '400d': expected at most 366 days"),
        ("break", "400d", "break '400d': expected at most 366 days"),
        ("cycles", "30", "cycles '30': expected at most 24"),
    ],
)
def test_api_plan_bounds_the_work(
    client: TestClient, field: str, value: str, expected: str
) -> None:
    body = {
        "route": "intranasal",
        "dose": "300mcg",
        "times": "08:00",
        "course": "10d",
        "start": "2026-12-01",
        "tz": "UTC",
        field: value,
    }
    response = client.post("/api/plan", json=body)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == expected


def test_add_vial_form_refuses_empty_and_bare_amounts(client: TestClient) -> None:
    token = csrf_of(client.get("/journal").text)
    for vial, status, phrase in (("", 400, "vial is needed"), ("5", 400, "a bare number")):
        response = client.post(
            "/journal/vials",
            data={"compound": "selank", "vial": vial, "diluent": "2mL", "csrf": token},
        )
        assert response.status_code == status
        assert phrase in response.text
    assert client.get("/api/journal/vials").json()["vials"] == []


def test_monographs_render_once_and_answer_304_when_unchanged(client: TestClient) -> None:
    first = client.get("/compounds/selank")
    assert first.status_code == 200
    etag = first.headers["etag"]
    again = client.get("/compounds/Selank")
    assert again.text == first.text
    assert again.headers["etag"] == etag
    unchanged = client.get("/compounds/selank", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert unchanged.headers["Content-Security-Policy"] == CSP
    assert client.get("/compounds/no-such-peptide").status_code == 404


def test_the_pk_warm_up_runs_and_health_says_when_it_is_done(client: TestClient) -> None:
    # serve starts it in the background so the first /pk request finds numba's kernels
    # loaded and matplotlib imported; /api/health says "warm": false until it has finished
    # (the benchmark waits for it). No timing here.
    from peptidekit.web.warmup import WARMING, warm_up

    assert client.get("/api/health").json() == {"status": "ok", "warm": True}
    WARMING.set()
    assert client.get("/api/health").json()["warm"] is False
    warm_up()
    assert client.get("/api/health").json()["warm"] is True


def test_monograph_links_pmid_doi_and_pubchem(client: TestClient) -> None:
    selank = client.get("/compounds/selank").text
    # PMID 18454096 is one of the sources Selank's monograph cites (sources.yaml)
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/18454096/"' in selank
    assert 'href="https://doi.org/' in selank
    semax = client.get("/compounds/semax").text
    assert 'href="https://pubchem.ncbi.nlm.nih.gov/compound/9811102"' in semax


def test_the_journal_lists_logged_doses_newest_first(client: TestClient) -> None:
    token = csrf_of(client.get("/journal").text)
    for dose, notes in (("250mcg", "first"), ("300mcg", "second <b>")):
        client.post(
            "/journal/log",
            data={"dose": dose, "csrf": token, "confirm": "yes", "notes": notes},
        )
    page = client.get("/journal").text
    table = page[page.index('id="doses"') :]
    assert table.index("300 mcg") < table.index("250 mcg")  # newest first
    assert "second &lt;b&gt;" in table  # notes shown, escaped
