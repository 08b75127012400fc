"""The journal operations (peptidekit.ops.journal) on a journal in an SQLite file, each
expectation worked out by hand in the test."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from peptidekit.errors import (
    ConfirmationNeededError,
    InputError,
    ProfileChoiceError,
    RefusedError,
    UnitSlipError,
    UnknownNameError,
)
from peptidekit.ops import journal as ops
from peptidekit.store.db import open_engine
from peptidekit.store.journal import Journal

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
"""09:00 UTC is 12:00 in Moscow (UTC+3 all year)."""


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return Journal(open_engine(f"sqlite:///{tmp_path / 'journal.sqlite3'}"), now=lambda: NOW)


@pytest.fixture
def ana(journal: Journal) -> Journal:
    ops.add_profile(journal, ops.ProfileRequest(" ana ", "Europe/Moscow"))
    return journal


def vial(journal: Journal, **fields: str) -> str:
    request = ops.VialRequest(**{"compound": "selank", "vial": "5mg", "diluent": "2mL", **fields})
    return ops.add_vial(journal, "ana", request, NOW).vial.id


# ---------------------------------------------------------------- profiles
def test_the_profile_is_the_one_chosen_or_the_only_one(journal: Journal) -> None:
    with pytest.raises(ProfileChoiceError) as none:
        ops.choose_profile(journal, None)
    assert none.value.choices == []
    assert none.value.field == "profile"
    assert ops.add_profile(journal, ops.ProfileRequest(" ana ", "UTC")) == {
        "name": "ana",  # trimmed
        "tz": "UTC",
    }
    assert ops.choose_profile(journal, None) == "ana"
    ops.add_profile(journal, ops.ProfileRequest("ben", "UTC"))
    with pytest.raises(ProfileChoiceError, match="2 profiles: choose one of ana, ben"):
        ops.choose_profile(journal, None)
    assert ops.choose_profile(journal, "ben") == "ben"
    with pytest.raises(ProfileChoiceError, match="no profile named 'zoe'") as unknown:
        ops.choose_profile(journal, "zoe")
    assert unknown.value.choices == ["ana", "ben"]
    assert ops.profiles(journal) == [{"name": "ana", "tz": "UTC"}, {"name": "ben", "tz": "UTC"}]


@pytest.mark.parametrize("name", ["", "   ", "x" * 81, "a\tb"])
def test_a_profile_name_is_1_to_80_characters_without_control_characters(
    journal: Journal, name: str
) -> None:
    with pytest.raises(InputError) as refused:
        ops.add_profile(journal, ops.ProfileRequest(name, "UTC"))
    assert refused.value.field == "name"
    assert ops.profiles(journal) == []


# ---------------------------------------------------------------- vials
def test_a_vial_is_its_powder_in_its_diluent_discarded_after_its_shelf_life(
    ana: Journal,
) -> None:
    added = ops.add_vial(
        ana,
        "ana",
        ops.VialRequest(compound="Selank", vial="5mg", diluent="2mL", shelf_life="28d", lot="L1"),
        NOW,
    )
    row = added.vial
    assert (row.kind, row.amount_mcg, row.volume_ml, row.remaining_mcg) == ("vial", 5000, 2, 5000)
    assert row.discard_by == NOW + dt.timedelta(days=28)
    assert added.shelf_life_source == "given by the user"
    assert row.lot == "L1"
    [listed] = ops.list_vials(ana, "ana").vials
    # 2026-12-29 09:00 UTC is 12:00 in Moscow
    assert listed["discard_by_local"] == "2026-12-29 12:00"


def test_a_bottle_holds_its_volume_at_its_strength(ana: Journal) -> None:
    request = ops.VialRequest(compound="selank", bottle="3mL", concentration="0.15%")
    row = ops.add_vial(ana, "ana", request, NOW).vial
    # 0.15% w/v = 1.5 mg/mL; 3 mL hold 4.5 mg
    assert (row.kind, row.amount_mcg, row.volume_ml) == ("bottle", pytest.approx(4500), 3)


def test_a_vial_needs_its_diluent_and_not_a_bottle_beside_it(ana: Journal) -> None:
    with pytest.raises(InputError) as missing:
        ops.add_vial(ana, "ana", ops.VialRequest(compound="selank", vial="5mg"), NOW)
    assert missing.value.field == "diluent"
    both = ops.VialRequest(compound="selank", vial="5mg", diluent="2mL", bottle="3mL")
    with pytest.raises(InputError):
        ops.add_vial(ana, "ana", both, NOW)
    assert ops.list_vials(ana, "ana").vials == []


# ---------------------------------------------------------------- doses
def test_a_dose_is_drawn_at_the_marks_and_taken_with_its_dead_space(ana: Journal) -> None:
    v = vial(ana)
    request = ops.LogRequest(dose="250mcg", vial=v[:6], dead_space="0.07mL", at="2026-12-01 12:30")
    logged = ops.log_dose(ana, "ana", request, NOW)
    # 5 mg in 2 mL is 2500 mcg/mL: 250 mcg is 0.1 mL, 10 units of a U-100 syringe;
    # the vial loses the dose and 0.07 mL of dead space: 250 + 0.07 x 2500 = 425 mcg
    assert logged.draw is not None
    assert logged.draw.startswith("10 units on a 0.3 mL")
    assert logged.event.amount_mcg == pytest.approx(250)
    assert logged.event.taken_from_vial_mcg == pytest.approx(425)
    assert logged.event.at == dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)  # 12:30 Moscow
    assert ops.list_vials(ana, "ana").vials[0]["remaining_mcg"] == pytest.approx(5000 - 425)
    [shown] = ops.history(ana, "ana")
    assert shown["at"] == "2026-12-01T12:30:00+03:00"
    gone = ops.delete_dose(ana, "ana", logged.event.id[:8])
    assert (gone.events, gone.restored_mcg) == (1, pytest.approx(425))
    assert ops.list_vials(ana, "ana").vials[0]["remaining_mcg"] == pytest.approx(5000)


def test_a_blend_draw_delivers_every_component(ana: Journal) -> None:
    v = vial(ana, compound="", vial="selank 5mg + semax 5mg")
    request = ops.LogRequest(dose="250mcg", vial=v, compound="selank", at="2026-12-01 12:00")
    logged = ops.log_dose(ana, "ana", request, NOW)
    # equal parts: the 0.1 mL that holds 250 mcg Selank holds 250 mcg Semax too
    assert logged.co_delivered == (("Semax", pytest.approx(250)),)
    assert [(e["compound"], e["amount_mcg"]) for e in ops.history(ana, "ana")] == [
        ("Semax", pytest.approx(250)),
        ("Selank", pytest.approx(250)),
    ]
    with pytest.raises(RefusedError) as unnamed:
        ops.log_dose(ana, "ana", ops.LogRequest(dose="250mcg", vial=v), NOW)
    assert unnamed.value.field == "compound"


def test_a_dose_reads_its_fields_strictly(ana: Journal) -> None:
    with pytest.raises(InputError) as status:
        ops.log_dose(ana, "ana", ops.LogRequest(dose="250mcg", status="eaten"), NOW)
    assert status.value.field == "status"
    with pytest.raises(InputError) as amount:
        ops.log_dose(ana, "ana", ops.LogRequest(dose="250"), NOW)  # no unit
    assert amount.value.field == "dose"
    with pytest.raises(UnknownNameError):
        ops.log_dose(ana, "ana", ops.LogRequest(dose="250mcg", compound="selnak"), NOW)
    assert ops.history(ana, "ana") == []
    skipped = ops.log_dose(ana, "ana", ops.LogRequest(dose="0mcg", status="skipped"), NOW)
    assert skipped.event.amount_mcg == 0


def test_a_dose_asks_the_knowledge_base_once(ana: Journal, monkeypatch: pytest.MonkeyPatch) -> None:
    from peptidekit.knowledge import index

    calls = []
    real = index.dose_index

    def counted() -> index.DoseIndex:
        calls.append(1)
        return real()

    monkeypatch.setattr(index, "dose_index", counted)
    v = vial(ana, compound="", vial="selank 5mg + semax 5mg")
    calls.clear()
    request = ops.LogRequest(
        dose="250mcg", vial=v, compound="Selank", route="intranasal", at="2026-12-01 12:00"
    )
    ops.log_dose(ana, "ana", request, NOW)  # two compounds checked, by one reading
    assert calls == [1]


def test_a_dose_with_warnings_needs_a_confirmation_where_asked(ana: Journal) -> None:
    first = ops.LogRequest(dose="250mcg", compound="selank", at="2026-12-01 08:00")
    ops.log_dose(ana, "ana", first, NOW)
    again = ops.LogRequest(dose="250mcg", compound="selank", at="2026-12-01 08:30")
    # 30 minutes after the first, inside the 2-hour repeat window of a dose without a plan
    with pytest.raises(ConfirmationNeededError, match="30 min from this one"):
        ops.log_dose(ana, "ana", again, NOW, ask_about_warnings=True)  # as the web asks
    assert len(ops.history(ana, "ana")) == 1
    confirmed = dataclasses.replace(again, confirm=True)
    logged = ops.log_dose(ana, "ana", confirmed, NOW, ask_about_warnings=True)
    assert [w.code for w in logged.warnings] == ["repeated_dose"]
    shown = ops.log_dose(ana, "ana", dataclasses.replace(again, at="2026-12-01 09:00"), NOW)
    assert "repeated_dose" in [w.code for w in shown.warnings]  # the CLI shows it, logged
    assert len(ops.history(ana, "ana")) == 3


def test_a_likely_unit_slip_is_logged_only_when_confirmed(ana: Journal) -> None:
    # 250 mg is 1000 x 250 mcg, next to Selank's intranasal reference of a few hundred mcg
    slip = ops.LogRequest(dose="250mg", compound="selank", route="intranasal")
    with pytest.raises(UnitSlipError, match="did you mean 250 mcg") as refused:
        ops.log_dose(ana, "ana", slip, NOW)
    assert refused.value.field == "dose"
    assert ops.history(ana, "ana") == []
    logged = ops.log_dose(ana, "ana", dataclasses.replace(slip, confirm=True), NOW)
    assert logged.event.amount_mcg == 250_000
    assert "likely_unit_slip" in [w.code for w in logged.warnings]


def test_a_dose_is_corrected_in_the_profiles_zone(ana: Journal) -> None:
    logged = ops.log_dose(ana, "ana", ops.LogRequest(dose="250mcg", at="2026-12-01 08:00"), NOW)
    edited = ops.edit_dose(
        ana, "ana", logged.event.id, ops.EditRequest(at="2026-12-01 09:15", site="arm-left")
    )
    assert edited.at == dt.datetime(2026, 12, 1, 6, 15, tzinfo=dt.UTC)
    assert edited.site == "arm-left"
    with pytest.raises(InputError, match="nothing to change"):
        ops.edit_dose(ana, "ana", logged.event.id, ops.EditRequest())


def test_a_vial_is_corrected_before_its_first_dose_only(ana: Journal) -> None:
    v = vial(ana)
    fixed = ops.edit_vial(ana, "ana", v, ops.VialEditRequest(vial="10mg", diluent="4mL"))
    assert (fixed.amount_mcg, fixed.volume_ml, fixed.remaining_mcg) == (10_000, 4, 10_000)
    ops.log_dose(ana, "ana", ops.LogRequest(dose="250mcg", vial=v, at="2026-12-01 12:10"), NOW)
    with pytest.raises(RefusedError, match="1 logged dose"):
        ops.edit_vial(ana, "ana", v, ops.VialEditRequest(vial="5mg"))
    life = ops.edit_vial(ana, "ana", v, ops.VialEditRequest(shelf_life="14d"))
    assert life.discard_by == NOW + dt.timedelta(days=14)
    with pytest.raises(RefusedError):
        ops.delete_vial(ana, "ana", v)


# ---------------------------------------------------------------- check-ins and reports
def test_a_checkin_scores_the_gad7_and_is_shown_at_its_local_time(ana: Journal) -> None:
    request = ops.CheckinRequest(gad7="1,2,1,0,0,1,2", sleep="7h", at="2026-12-01 23:30")
    row, band = ops.checkin(ana, "ana", request, NOW)
    # 1+2+1+0+0+1+2 = 7: 'mild' is 5 to 9 (Spitzer et al. 2006)
    assert (row.gad7_score, band) == (7, "mild")
    assert ops.checkins(ana, "ana") == [
        {"at_local": "2026-12-01 23:30", "gad7_score": 7, "severity": "mild", "notes": None}
    ]
    assert ops.trends(ana, "ana")["sleep_hours"]["count"] == 1
    with pytest.raises(InputError, match="answer 3 is blank"):
        ops.checkin(ana, "ana", ops.CheckinRequest(gad7="1,2,,0,0,1,2"), NOW)


def test_adherence_counts_the_planned_days_in_the_profiles_zone(ana: Journal) -> None:
    fields = {
        "compound": "selank",
        "route": "intranasal",
        "dose": "250mcg",
        "times": "08:00",
        "course": "3d",
        "start": "2026-12-01",
    }
    _, name, count = ops.add_protocol(ana, "ana", fields, "morning")
    assert (name, count) == ("morning", 3)  # once a day for 3 days
    ops.log_dose(ana, "ana", ops.LogRequest(dose="250mcg", at="2026-12-01 08:05"), NOW)
    first, last, report = ops.adherence(ana, "ana", "2026-12-01", "2026-12-03", NOW)
    assert (first, last) == (dt.date(2026, 12, 1), dt.date(2026, 12, 3))
    # at 12:00 Moscow on 1 December, the first dose is taken and the other two upcoming
    assert report["total"] == {
        "planned": 3,
        "taken": 1,
        "skipped": 0,
        "missed": 0,
        "upcoming": 2,
        "adherence_percent": 100.0,
    }
    today = ops.today(ana, "ana")
    assert today["date"] == "2026-12-01"
    assert [item["status"] for item in today["checklist"]] == ["taken"]
    with pytest.raises(InputError) as backwards:
        ops.adherence(ana, "ana", "2026-12-03", "2026-12-01", NOW)
    assert backwards.value.field == "to"


# ---------------------------------------------------------------- the adapters
def test_the_api_and_the_cli_take_each_journal_request_as_declared() -> None:
    """The PATCH bodies (the lead's comparison test reads POST bodies) and the one
    documented difference: the CLI takes the profile as the journal group's option."""
    import click

    from peptidekit.cli.journal import journal_group
    from peptidekit.ops.declare import field_specs
    from peptidekit.ops.registry import operation
    from peptidekit.web.routes.journal_api import (
        EditDoseRequest,
        EditVialRequest,
        LogRequest,
        VialRequest,
    )

    for model, request in (
        (EditDoseRequest, ops.EditRequest),
        (EditVialRequest, ops.VialEditRequest),
        (LogRequest, ops.LogRequest),
        (VialRequest, ops.VialRequest),
    ):
        assert set(model.model_fields) == {s.name for s in field_specs(request)}
    # the vial API gained what the CLI always had
    assert {"bottle", "storage", "shelf_life", "lot", "opened"} <= set(VialRequest.model_fields)
    assert "profile" in operation("log_dose").cli_differences
    assert any(p.name == "profile" for p in journal_group.params if isinstance(p, click.Option))


@pytest.mark.parametrize(
    "pattern",
    [
        r"[\"']taken[\"'], *[\"']skipped[\"']",  # the dose statuses
        r"[\"'](refrigerated|frozen)[\"'], *[\"'](room_temperature|refrigerated)[\"']",  # storage
    ],
)
def test_the_journal_lists_are_written_once(pattern: str) -> None:
    import re

    src = Path(__file__).resolve().parents[3] / "src" / "peptidekit"
    found = sorted(
        str(p.relative_to(src))
        for p in [*src.rglob("*.py"), *src.rglob("*.html")]
        if "migrations" not in p.parts  # a migration keeps the schema it made, as it was
        and re.search(pattern, p.read_text())
    )
    assert found == ["vocabulary.py"]


def test_the_api_adds_a_bottle_and_clears_a_dose_site_with_an_empty_text(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from peptidekit.web.app import WebSettings, create_app

    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.post("/api/journal/profiles", json={"name": "ana", "tz": "UTC"}).is_success
    bottle = {"compound": "selank", "bottle": "3mL", "concentration": "0.15%"}
    added = client.post("/api/journal/vials", json={**bottle, "lot": "L2", "storage": "frozen"})
    assert added.status_code == 200, added.text
    # 3 mL at 1.5 mg/mL: 4500 mcg, as the CLI records it
    assert (added.json()["kind"], added.json()["amount_mcg"]) == ("bottle", pytest.approx(4500))
    assert (added.json()["lot"], added.json()["storage"]) == ("L2", "frozen")
    logged = client.post("/api/journal/log", json={"dose": "250mcg", "site": "arm-left"})
    dose = logged.json()["id"]
    cleared = client.patch(f"/api/journal/doses/{dose}", json={"site": ""})
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["site"] is None
    assert client.patch(f"/api/journal/doses/{dose}", json={"at": ""}).status_code == 422


def test_the_cli_refuses_a_likely_unit_slip_unless_confirmed(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from peptidekit.cli.main import cli

    runner = CliRunner()
    j = ["journal", "--db", f"sqlite:///{tmp_path / 'cli.db'}"]
    assert runner.invoke(cli, [*j, "profiles", "add", "ana", "--tz", "UTC"]).exit_code == 0
    slip = [*j, "log", "--dose", "250mg", "--compound", "selank", "--route", "intranasal"]
    refused = runner.invoke(cli, slip)
    assert refused.exit_code == 2
    assert "did you mean 250 mcg?" in refused.stderr
    assert "--confirm" in refused.stderr
    assert runner.invoke(cli, [*j, "history", "--json"]).stdout.strip() == "[]"
    logged = runner.invoke(cli, [*slip, "--confirm"])
    assert logged.exit_code == 0, logged.output
    assert "likely_unit_slip" in logged.stdout  # logged as typed, with the warning shown
