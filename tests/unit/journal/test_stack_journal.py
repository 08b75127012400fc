"""A stack in the journal, on SQLite and PostgreSQL: logs match only planned doses of
their compound, blend draws take every component from stock, reports per compound."""

from __future__ import annotations

import datetime as dt

import pytest

from peptidekit.errors import RefusedError
from peptidekit.protocol.spec import ProtocolSpec, parse_times
from peptidekit.store.journal import Journal
from peptidekit.units import parse_quantity

UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def spec(compound: str, dose: str, times: str, route: str = "intranasal") -> ProtocolSpec:
    return ProtocolSpec(
        compound=compound,
        route=route,
        dose=parse_quantity(dose),
        times=parse_times(times),
        course_days=3,
        break_days=0,
        cycles=1,
        start=dt.date(2026, 12, 1),
        tz="Europe/Moscow",  # 08:00 Moscow is 05:00 UTC
    )


@pytest.fixture
def stacked(journal: Journal) -> Journal:
    journal.create_profile("ana", "Europe/Moscow")
    journal.add_protocol("ana", spec("Selank", "300mcg", "08:00,14:00"), "selank nasal")
    journal.add_protocol("ana", spec("Semax", "200mcg", "08:00"), "semax nasal")
    return journal


def test_a_log_is_matched_only_to_its_own_compound(stacked: Journal) -> None:
    # Selank logged at 08:05 is nearer Semax's 08:00 dose than nothing: it must take
    # Selank's 08:00 dose, and Semax's own log then takes Semax's
    selank = stacked.log_dose("ana", at=at(1, 5, 5), amount_mcg=300, compound="Selank")
    semax = stacked.log_dose("ana", at=at(1, 5, 6), amount_mcg=200, compound="Semax")
    assert selank.event.planned_dose_id is not None
    assert semax.event.planned_dose_id is not None
    assert selank.event.planned_dose_id != semax.event.planned_dose_id
    report = stacked.adherence("ana", at(1, 0), at(2, 0))
    assert report.by_compound["Selank"].taken == 1
    assert report.by_compound["Semax"].taken == 1
    assert report.unplanned_taken == 0


def test_a_dose_of_no_stated_compound_is_not_guessed_between_two(stacked: Journal) -> None:
    logged = stacked.log_dose("ana", at=at(1, 5, 10), amount_mcg=300)
    assert logged.event.planned_dose_id is None
    # at 14:00 only Selank is planned: unambiguous, and the event gets its compound
    later = stacked.log_dose("ana", at=at(1, 11, 0), amount_mcg=300)
    assert later.event.planned_dose_id is not None
    assert later.event.compound == "Selank"


def test_an_amount_off_the_planned_one_is_warned(stacked: Journal) -> None:
    logged = stacked.log_dose("ana", at=at(1, 5, 0), amount_mcg=300, compound="Semax")
    assert "differs_from_planned" in [w.code for w in logged.warnings]


def test_a_planned_dose_of_another_compound_is_refused(stacked: Journal) -> None:
    semax_dose = stacked.log_dose("ana", at=at(1, 5, 0), amount_mcg=200, compound="Semax")
    with pytest.raises(RefusedError, match="is Semax, not Selank"):
        stacked.log_dose(
            "ana",
            at=at(1, 5, 1),
            amount_mcg=300,
            compound="Selank",
            planned_dose_id=semax_dose.event.planned_dose_id,
        )


def test_adherence_per_protocol_and_per_compound(stacked: Journal) -> None:
    # 1-3 Dec: Selank 2 a day (6), Semax 1 a day (3); now is 3 Dec 12:00 UTC, so every
    # one is due (the last, 14:00 Moscow on the 3rd, is 11:00 UTC)
    stacked.log_dose("ana", at=at(1, 5, 0), amount_mcg=300, compound="Selank")
    stacked.log_dose("ana", at=at(2, 5, 0), amount_mcg=200, compound="Semax")
    report = stacked.adherence("ana", at(1, 0), at(4, 0)).to_dict()
    assert report["by_protocol"]["selank nasal, course 1"]["planned"] == 6
    assert report["by_protocol"]["selank nasal, course 1"]["taken"] == 1
    assert report["by_protocol"]["semax nasal, course 1"]["planned"] == 3
    assert report["by_compound"]["Semax"]["taken"] == 1
    assert report["by_compound"]["Selank"]["missed"] == 5


def test_today_names_each_dose_compound_and_route(stacked: Journal) -> None:
    items = stacked.today("ana")["checklist"]  # 3 Dec in Moscow
    assert [(i["due_local"][11:16], i["compound"]) for i in items] == [
        ("08:00", "Selank"),
        ("08:00", "Semax"),
        ("14:00", "Selank"),
    ]
    assert {i["route"] for i in items} == {"intranasal"}


def blend_vial(journal: Journal, semax_mg: float = 5.0) -> str:
    return journal.add_vial(
        "ana",
        compound="ignored for a blend",
        kind="vial",
        amount_mcg=1.0,
        volume_ml=2.0,
        opened_at=at(1, 4),
        storage="refrigerated",
        shelf_life_days=28,
        shelf_life_source="test",
        components=[("N-acetyl Selank amidate", 5000.0), ("Semax", semax_mg * 1000)],
    ).id


def test_a_blend_draw_takes_every_component_and_logs_each(journal: Journal) -> None:
    journal.create_profile("ana", "Europe/Moscow")
    journal.add_protocol(
        "ana", spec("N-acetyl Selank amidate", "300mcg", "08:00", "subcutaneous"), "nasa"
    )
    journal.add_protocol("ana", spec("Semax", "600mcg", "08:00", "subcutaneous"), "semax")
    vial = blend_vial(journal, semax_mg=10.0)
    # 5 mg + 10 mg in 2 mL: 2.5 and 5 mg/mL; 300 mcg of the amidate = 0.12 mL = 12 units,
    # which carries 0.12 x 5 = 600 mcg Semax
    logged = journal.log_dose(
        "ana", at=at(1, 5, 0), amount_mcg=300, vial_id=vial, compound="N-acetyl Selank amidate"
    )
    assert logged.draw is not None
    assert logged.draw.startswith("12 units")
    assert logged.co_delivered == (("Semax", pytest.approx(600.0)),)
    events = journal.history("ana")
    assert sorted((e.compound, round(e.amount_mcg, 6)) for e in events) == [
        ("N-acetyl Selank amidate", 300.0),
        ("Semax", 600.0),
    ]
    semax_event = next(e for e in events if e.compound == "Semax")
    assert semax_event.draw_group == logged.event.id
    assert semax_event.planned_dose_id is not None  # Semax's own 08:00 dose
    (stored,) = journal.vials("ana")
    assert stored.compound == "N-acetyl Selank amidate + Semax"
    assert stored.remaining_mcg == pytest.approx(5000 - 300)  # counted in the first part
    # a Semax-set draw of 600 mcg (12 units at 5 mg/mL) takes 300 mcg of the amidate
    journal.log_dose("ana", at=at(2, 5, 0), amount_mcg=600, vial_id=vial, compound="Semax")
    (stored,) = journal.vials("ana")
    assert stored.remaining_mcg == pytest.approx(5000 - 600)
    report = journal.adherence("ana", at(1, 0), at(3, 0))
    assert report.by_compound["Semax"].taken == 2
    assert report.by_compound["N-acetyl Selank amidate"].taken == 2


def test_a_blend_dose_must_name_its_component(journal: Journal) -> None:
    journal.create_profile("ana", "Europe/Moscow")
    vial = blend_vial(journal)
    with pytest.raises(RefusedError) as error:
        journal.log_dose("ana", at=at(1, 5, 0), amount_mcg=300, vial_id=vial)
    assert error.value.field == "compound"
    with pytest.raises(RefusedError, match="DSIP is not one of them"):
        journal.log_dose("ana", at=at(1, 5, 0), amount_mcg=300, vial_id=vial, compound="DSIP")
    assert journal.history("ana") == []
    assert journal.vials("ana")[0].remaining_mcg == 5000


def test_a_blends_other_parts_are_not_counted_as_unplanned_doses(journal: Journal) -> None:
    journal.create_profile("ana", "Europe/Moscow")
    journal.add_protocols(
        "ana", [(spec("N-acetyl Selank amidate", "300mcg", "08:00", "subcutaneous"), "nasa")]
    )
    vial = blend_vial(journal)
    journal.log_dose(
        "ana", at=at(1, 5, 0), amount_mcg=300, vial_id=vial, compound="N-acetyl Selank amidate"
    )
    report = journal.adherence("ana", at(1, 0), at(2, 0))
    assert report.total.taken == 1
    assert report.unplanned_taken == 0  # the Semax that came with the planned draw
    assert len(journal.history("ana")) == 2
