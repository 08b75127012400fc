"""Correcting the journal, on SQLite and PostgreSQL: undo gives the stock back in the
same transaction, a blend draw goes whole, refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from peptidekit.errors import InputError, NotFoundError, RefusedError
from peptidekit.store.journal import Journal

UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def vial(journal: Journal, components: list[tuple[str, float]] | None = None) -> str:
    return journal.add_vial(
        "ana",
        compound="Selank",
        kind="vial",
        amount_mcg=5000.0,
        volume_ml=2.0,
        opened_at=at(1, 4),
        storage="refrigerated",
        shelf_life_days=28,
        shelf_life_source="test",
        components=components,
    ).id


@pytest.fixture
def ana(journal: Journal) -> Journal:
    journal.create_profile("ana", "Europe/Moscow")
    return journal


def remaining(journal: Journal) -> float:
    return float(journal.vials("ana")[0].remaining_mcg)


def test_undo_gives_the_vial_back_exactly_what_the_dose_took(ana: Journal) -> None:
    v = vial(ana)
    # 250 mcg at 2.5 mg/mL is 0.1 mL; with 0.02 mL dead space the draw takes 0.12 mL
    # = 300 mcg from the vial
    first = ana.log_dose("ana", at=at(1, 5), amount_mcg=250, vial_id=v, dead_space_ml=0.02)
    ana.log_dose("ana", at=at(2, 5), amount_mcg=250, vial_id=v)
    assert remaining(ana) == pytest.approx(5000 - 300 - 250)
    gone = ana.delete_dose("ana", first.event.id)
    assert (gone.events, gone.restored_mcg) == (1, pytest.approx(300))
    assert remaining(ana) == pytest.approx(5000 - 250)
    assert [e.amount_mcg for e in ana.history("ana")] == [250]
    with pytest.raises(NotFoundError):
        ana.delete_dose("ana", first.event.id)  # already gone: nothing else changes
    assert remaining(ana) == pytest.approx(5000 - 250)


def test_a_blend_draw_is_undone_whole_and_its_parts_not_alone(ana: Journal) -> None:
    v = vial(ana, [("N-acetyl Selank amidate", 5000.0), ("Semax", 5000.0)])
    logged = ana.log_dose(
        "ana", at=at(1, 5), amount_mcg=300, vial_id=v, compound="N-acetyl Selank amidate"
    )
    part = next(e for e in ana.history("ana") if e.compound == "Semax")
    with pytest.raises(RefusedError, match="delete that dose"):
        ana.delete_dose("ana", part.id)
    assert len(ana.history("ana")) == 2
    gone = ana.delete_dose("ana", logged.event.id)
    assert gone.events == 2
    assert ana.history("ana") == []
    assert remaining(ana) == pytest.approx(5000)


def test_edit_moves_a_dose_and_its_blend_parts_together(ana: Journal) -> None:
    v = vial(ana, [("N-acetyl Selank amidate", 5000.0), ("Semax", 5000.0)])
    logged = ana.log_dose(
        "ana", at=at(1, 5), amount_mcg=300, vial_id=v, compound="N-acetyl Selank amidate"
    )
    ana.edit_dose("ana", logged.event.id, at=at(1, 6, 30), site="thigh-left", notes="late")
    events = ana.history("ana")
    assert {e.at for e in events} == {at(1, 6, 30)}
    assert {e.site for e in events} == {"thigh-left"}
    assert remaining(ana) == pytest.approx(4700)  # stock untouched by an edit
    with pytest.raises(RefusedError, match="opened"):
        ana.edit_dose("ana", logged.event.id, at=at(1, 3))
    with pytest.raises(InputError, match="nothing to change"):
        ana.edit_dose("ana", logged.event.id)
    assert {e.at for e in ana.history("ana")} == {at(1, 6, 30)}


def test_a_vial_in_use_is_not_deleted_and_an_unused_one_is(ana: Journal) -> None:
    used = vial(ana)
    logged = ana.log_dose("ana", at=at(1, 5), amount_mcg=250, vial_id=used)
    with pytest.raises(RefusedError, match="1 logged dose"):
        ana.delete_vial("ana", used)
    ana.delete_dose("ana", logged.event.id)
    ana.delete_vial("ana", used)
    assert ana.vials("ana") == []


def test_corrections_stay_inside_their_profile(ana: Journal) -> None:
    v = vial(ana)
    logged = ana.log_dose("ana", at=at(1, 5), amount_mcg=250, vial_id=v)
    ana.create_profile("ben", "UTC")
    with pytest.raises(NotFoundError):
        ana.delete_dose("ben", logged.event.id)
    with pytest.raises(NotFoundError):
        ana.delete_vial("ben", v)
    assert len(ana.history("ana")) == 1


def test_a_vial_is_corrected_within_what_its_doses_allow(ana: Journal) -> None:
    v = vial(ana)  # opened 1 Dec 04:00 UTC, 28 days
    # before any dose: the content and the diluent may change (stock follows the content)
    fixed = ana.edit_vial("ana", v, amount_mcg=10_000.0, volume_ml=4.0, lot="L7")
    assert (fixed.amount_mcg, fixed.remaining_mcg, fixed.volume_ml) == (10_000, 10_000, 4.0)
    ana.log_dose("ana", at=at(2, 5), amount_mcg=250, vial_id=v)
    with pytest.raises(RefusedError, match="delete them first"):
        ana.edit_vial("ana", v, amount_mcg=5000.0)
    # the opening time moves the discard-by time with it, but never past the first dose
    moved = ana.edit_vial("ana", v, opened_at=at(1, 2))
    assert moved.discard_by == at(29, 2)
    with pytest.raises(RefusedError, match="before"):
        ana.edit_vial("ana", v, opened_at=at(3, 0))
    life = ana.edit_vial("ana", v, shelf_life_days=14)
    assert life.discard_by == at(15, 2)
    assert life.discard_source == "corrected by the user"
    assert ana.vials("ana")[0].remaining_mcg == pytest.approx(10_000 - 250)
