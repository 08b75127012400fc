"""Correcting the journal from the web, the API and the CLI: undo restores stock,
skip marks the planned dose, refused forms keep what was typed and name the box."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from peptidekit.cli.main import cli
from peptidekit.protocol.spec import ProtocolSpec, parse_times
from peptidekit.units import parse_quantity
from peptidekit.web.app import WebSettings, create_app
from tests.integration.conftest import run_json


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    journal = app.state.journal
    journal.create_profile("me", "UTC")
    today = dt.datetime.now(dt.UTC).date()
    spec = ProtocolSpec(
        compound="Selank",
        route="subcutaneous",
        dose=parse_quantity("250mcg"),
        times=parse_times("23:59"),
        course_days=2,
        break_days=0,
        cycles=1,
        start=today,
        tz="UTC",
    )
    journal.add_protocol("me", spec, "selank")
    return TestClient(app, base_url="http://127.0.0.1")


def token(client: TestClient) -> str:
    page = client.get("/journal")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def remaining(client: TestClient) -> float:
    return float(client.app.state.journal.vials("me")[0].remaining_mcg)  # type: ignore[attr-defined]


def test_log_then_undo_gives_the_stock_back(client: TestClient) -> None:
    csrf = token(client)
    client.post(
        "/journal/vials", data={"csrf": csrf, "compound": "selank", "vial": "5mg", "diluent": "2mL"}
    )
    vial = client.app.state.journal.vials("me")[0].id  # type: ignore[attr-defined]
    logged = client.post(
        "/journal/log",
        data={"csrf": csrf, "dose": "250mcg", "vial": vial, "confirm": "yes"},
        follow_redirects=False,
    )
    assert logged.status_code == 303
    undo = re.search(r"undo=([0-9a-f]{32})", logged.headers["location"])
    assert undo
    assert remaining(client) == pytest.approx(4750)  # 250 mcg = 10 units at 2.5 mg/mL
    page = client.get(logged.headers["location"])
    assert f'action="/journal/doses/{undo.group(1)}/delete"' in page.text
    client.post(f"/journal/doses/{undo.group(1)}/delete", data={"csrf": csrf})
    assert remaining(client) == pytest.approx(5000)
    assert client.app.state.journal.history("me") == []  # type: ignore[attr-defined]


def test_skip_and_log_it_from_the_checklist(client: TestClient) -> None:
    csrf = token(client)
    checklist = client.app.state.journal.today("me")["checklist"]  # type: ignore[attr-defined]
    planned = checklist[0]["planned_dose_id"]
    prefilled = client.get(f"/journal?planned={planned}")
    assert 'value="250mcg"' in prefilled.text
    assert f'name="planned" value="{planned}"' in prefilled.text
    client.post("/journal/skip", data={"csrf": csrf, "planned": planned})
    (item,) = client.app.state.journal.today("me")["checklist"]  # type: ignore[attr-defined]
    assert item["status"] == "skipped"


def test_a_box_too_long_is_named_and_what_was_typed_is_kept(client: TestClient) -> None:
    csrf = token(client)
    page = client.post(
        "/journal/log", data={"csrf": csrf, "dose": "250mcg", "site": "x" * 60, "notes": "ok"}
    )
    assert page.status_code == 400
    assert "Site is too long: at most 40 characters" in page.text
    assert "body." not in page.text
    assert 'value="250mcg"' in page.text
    blank = client.post(
        "/journal/checkin",
        data={"csrf": csrf, **{f"q{n}": "1" for n in range(1, 7)}, "q7": "", "notes": "slept"},
    )
    assert blank.status_code == 400
    assert "GAD-7 answer 7 is blank" in blank.text
    assert 'value="slept"' in blank.text
    assert re.search(r'<option value="1" selected>', blank.text)


def test_edit_and_delete_through_the_api_and_the_cli(client: TestClient, tmp_path: Path) -> None:
    api = client.post("/api/journal/log", json={"dose": "250mcg", "confirm": True})
    dose = api.json()["id"]
    edited = client.patch(f"/api/journal/doses/{dose}", json={"site": "thigh-left"})
    assert edited.status_code == 200
    assert edited.json()["site"] == "thigh-left"
    assert client.delete(f"/api/journal/doses/{dose}").json()["events"] == 1
    assert client.delete(f"/api/journal/doses/{dose}").status_code == 404
    runner = CliRunner()
    j = ["journal", "--db", f"sqlite:///{tmp_path / 'cli.db'}", "--profile", "ana"]
    run_json(runner, [*j, "profiles", "add", "ana", "--tz", "UTC"])
    vial = run_json(runner, [*j, "vials", "add", "--compound", "selank", "--vial", "5mg",
                             "--diluent", "2mL", "--shelf-life", "28d"])  # fmt: skip
    logged = run_json(runner, [*j, "log", "--dose", "250mcg", "--vial", vial["id"][:8]])
    refused = runner.invoke(cli, [*j, "vials", "delete", vial["id"][:8]])
    assert refused.exit_code == 2
    assert "1 logged dose(s)" in refused.output
    assert "(VIAL)" in refused.output
    run_json(runner, [*j, "doses", "edit", logged["id"][:8], "--notes", "late"])
    gone = run_json(runner, [*j, "doses", "delete", logged["id"][:8]])
    assert gone["restored_mcg"] == pytest.approx(250)
    run_json(runner, [*j, "vials", "delete", vial["id"][:8]])
    assert run_json(runner, [*j, "vials", "list"])["vials"] == []


def test_pk_page_asks_for_every_missing_parameter_at_once(client: TestClient) -> None:
    page = client.get(
        "/pk",
        params={"compound": "selank", "route": "subcutaneous", "dose": "300mcg",
                "every": "8h", "days": "2"},
    )  # fmt: skip
    assert page.status_code == 400
    assert "no volume of distribution, no subcutaneous absorption rate and no" in page.text
    for box in ("volume", "ka", "bioavailability"):
        assert re.search(rf'<p class="field invalid"><label for="{box}">', page.text), box
    assert '<small class="field-error" id="ka-error">needed: the absorption rate ka' in page.text
    done = client.get(
        "/pk",
        params={"compound": "selank", "route": "intranasal", "dose": "300mcg", "every": "8h",
                "days": "2", "volume": "20L", "ka": "6/h"},
    )  # fmt: skip
    assert done.status_code == 200
    # the label-free half-life claim of 3-5 min gives ke = ln 2 / (3.87 min): shown in min
    assert "Terminal half-life</dt><dd>3.87 min" in done.text


def test_checker_shows_an_html_page_as_text(
    client: TestClient,
) -> None:
    csrf = token(client)
    html = "<html><body><p>Selank dose: <b>250 mg</b> twice a day.</p></body></html>"
    page = client.post("/check", data={"csrf": csrf, "text": html})
    assert page.status_code == 200
    marked = page.text.split('<pre class="marked">')[1].split("</pre>")[0]
    assert "&lt;b&gt;" not in marked  # no raw tags shown
    assert "&lt;p&gt;" not in marked
    assert re.search(r'<mark class="sev-high"[^>]*>250 mg</mark>', marked)


def test_checker_knows_a_pasted_copy_of_its_own_source_page(client: TestClient) -> None:
    csrf = token(client)
    own = Path(__file__).parents[3] / "shared" / "sources" / "000_ed0d90c73c433d5e.txt"
    if not own.is_file():
        pytest.skip(f"shared source pages not found at {own.parent}")
    pasted = own.read_text(encoding="utf-8").replace("\n", "\r\n")  # pasted with CRLF
    checked = client.post("/check", data={"csrf": csrf, "text": pasted})
    assert 'id="page-source"' in checked.text
    assert "Nootropic Review: Selank" in checked.text


def test_monograph_shows_evidence_grades_and_when_sources_were_checked(
    client: TestClient,
) -> None:
    page = client.get("/compounds/selank")
    assert page.status_code == 200
    assert 'id="evidence"' in page.text
    assert re.search(
        r'<th scope="row">anxiety</th><td data-label="Grade"><strong>low</strong>', page.text
    )
    assert "Sources last checked: 2026-12-02" in page.text
    amidate = client.get("/compounds/n-acetyl-selank-amidate")
    assert "No human finding about N-acetyl Selank amidate is in the knowledge base" in amidate.text
    semax = client.get("/compounds/semax")
    assert re.search(r"recovery</th><td[^>]*><strong>very low</strong>", semax.text)


def test_the_planner_form_takes_a_supply(client: TestClient) -> None:
    page = client.get(
        "/plan",
        params={"compound": "selank", "route": "intranasal", "dose": "300mcg",
                "times": "08:00,20:00", "course": "14d", "start": "2026-12-01",
                "tz": "UTC", "bottle": "3mL", "concentration": "0.15%", "shelf_life": "28d"},
    )  # fmt: skip
    assert page.status_code == 200
    # 28 doses of 300 mcg from 4.5 mg bottles (15 doses each): 2 bottles, 28-day shelf life
    assert "Buy <strong>2 × 3 mL bottle at 1.5 mg/mL</strong>" in page.text
    assert "28 days" in page.text
    assert 'id="bottle"' in page.text
    assert 'id="shelf_life"' in page.text


def test_a_vial_is_corrected_from_the_cli_the_api_and_the_page(
    client: TestClient, tmp_path: Path
) -> None:
    runner = CliRunner()
    j = ["journal", "--db", f"sqlite:///{tmp_path / 'v.db'}", "--profile", "ana"]
    run_json(runner, [*j, "profiles", "add", "ana", "--tz", "UTC"])
    added = run_json(runner, [*j, "vials", "add", "--compound", "selank", "--vial", "5mg",
                              "--diluent", "2mL", "--opened", "2026-11-20 08:00"])  # fmt: skip
    fixed = run_json(runner, [*j, "vials", "edit", added["id"][:8], "--diluent", "2.5mL",
                              "--shelf-life", "21d"])  # fmt: skip
    assert fixed["volume_ml"] == 2.5
    assert fixed["discard_by"].startswith("2026-12-11T08:00")  # 20 Nov + 21 days
    csrf = token(client)
    client.post("/journal/vials", data={"csrf": csrf, "compound": "selank", "vial": "5mg",
                                        "diluent": "2mL"})  # fmt: skip
    vial_id = client.app.state.journal.vials("me")[0].id  # type: ignore[attr-defined]
    api = client.patch(f"/api/journal/vials/{vial_id}", json={"lot": "A12"})
    assert api.status_code == 200
    assert api.json()["lot"] == "A12"
    page = client.post(
        f"/journal/vials/{vial_id}/edit",
        data={"csrf": csrf, "shelf_life": "7d", "lot": "A12"},
        follow_redirects=True,
    )
    assert page.status_code == 200
    assert "Saved (vial corrected)" in page.text
