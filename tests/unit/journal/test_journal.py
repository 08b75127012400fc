"""The journal on SQLite and PostgreSQL: scoping, vials, adherence, warnings, check-ins."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, insert, text
from sqlalchemy.exc import IntegrityError

from peptidekit.errors import InputError, NotFoundError, RefusedError
from peptidekit.protocol.spec import ProtocolSpec, parse_times
from peptidekit.store.journal import Journal
from peptidekit.store.models import Base, DoseEvent
from peptidekit.units import parse_quantity
from tests.unit.journal.conftest import NOW

UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def add_vial(journal: Journal, profile: str = "ana", **changes: object) -> str:
    fields: dict[str, object] = {
        "compound": "Selank",
        "kind": "vial",
        "amount_mcg": 5000.0,
        "volume_ml": 2.0,
        "opened_at": at(1, 4),
        "storage": "refrigerated",
        "shelf_life_days": 28,
        "shelf_life_source": "test",
        **changes,
    }
    return journal.add_vial(profile, **fields).id  # type: ignore[arg-type]


def spec(**changes: object) -> ProtocolSpec:
    base: dict[str, object] = {
        "compound": "Selank",
        "route": "subcutaneous",
        "dose": parse_quantity("250mcg"),
        "times": parse_times("08:00,20:00"),  # Moscow: 05:00 and 17:00 UTC
        "course_days": 2,
        "break_days": 1,
        "cycles": 2,
        "start": dt.date(2026, 12, 1),
        "tz": "Europe/Moscow",
        **changes,
    }
    return ProtocolSpec(**base)  # type: ignore[arg-type]


@pytest.fixture
def ana(journal: Journal) -> Journal:
    journal.create_profile("ana", "Europe/Moscow")
    return journal


def test_migrations_build_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_sqlite_runs_with_foreign_keys_and_wal(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_no_row_can_point_into_another_profile(ana: Journal) -> None:
    ana.create_profile("ben", "UTC")
    vial = add_vial(ana)
    with pytest.raises(NotFoundError):
        ana.log_dose("ben", at=at(1, 6), amount_mcg=250, vial_id=vial)
    ben_id = ana.profile("ben").id
    with pytest.raises(IntegrityError), ana.engine.begin() as connection:
        connection.execute(
            insert(DoseEvent).values(
                id="x" * 32,
                profile_id=ben_id,
                vial_id=vial,
                status="taken",
                at=at(1, 6),
                tz="UTC",
                amount_mcg=1.0,
                taken_from_vial_mcg=1.0,
            )
        )
    assert ana.history("ben") == []


def test_a_dose_takes_amount_and_dead_space_from_its_vial(ana: Journal) -> None:
    vial = add_vial(ana)
    ana.log_dose("ana", at=at(1, 6), amount_mcg=250, vial_id=vial, dead_space_ml=0.07)
    # 5 mg in 2 mL = 2500 mcg/mL: 0.07 mL of dead space is 175 mcg
    assert ana.vials("ana")[0].remaining_mcg == pytest.approx(5000 - 250 - 175)
    ana.log_dose("ana", at=at(1, 7), amount_mcg=250, vial_id=vial, status="skipped")
    assert ana.vials("ana")[0].remaining_mcg == pytest.approx(4575)


def test_a_failed_log_leaves_the_vial_as_it_was(ana: Journal) -> None:
    vial = add_vial(ana)
    with pytest.raises(NotFoundError):
        ana.log_dose("ana", at=at(1, 6), amount_mcg=250, vial_id=vial, planned_dose_id="nope")
    assert ana.vials("ana")[0].remaining_mcg == 5000
    assert ana.history("ana") == []


@pytest.mark.parametrize(
    ("when", "amount", "phrase"),
    [
        (at(29, 5), 250.0, "expired"),  # opened 1 Dec 04:00 + 28 days
        (at(1, 3), 250.0, "not open yet"),
        (at(2, 5), 6000.0, "more than the whole vial"),
    ],
)
def test_expired_unopened_and_empty_vials_are_refused(
    ana: Journal, when: dt.datetime, amount: float, phrase: str
) -> None:
    vial = add_vial(ana)
    with pytest.raises(InputError, match=phrase):
        ana.log_dose("ana", at=when, amount_mcg=amount, vial_id=vial)
    assert ana.vials("ana")[0].remaining_mcg == 5000


def test_adherence_by_day_and_course(ana: Journal) -> None:
    _, planned = ana.add_protocol("ana", spec(), "two short courses")
    assert planned == 8  # 2 cycles x 2 days x 2 times
    ana.log_dose("ana", at=at(1, 5, 20), amount_mcg=250)  # 1 Dec 08:00 local: taken
    ana.log_dose("ana", at=at(1, 17), amount_mcg=0, status="skipped")  # 20:00: skipped
    ana.log_dose("ana", at=at(2, 16, 30), amount_mcg=250)  # 2 Dec 20:00: taken (early)
    report = ana.adherence("ana", at(1, 0), at(10, 0))  # now: 3 Dec 12:00 UTC
    assert report.total.to_dict() == {
        "planned": 8,
        "taken": 2,
        "skipped": 1,
        "missed": 1,
        "upcoming": 4,
        "adherence_percent": pytest.approx(50.0),
    }
    assert report.by_day["2026-12-01"].skipped == 1
    assert report.by_day["2026-12-02"].missed == 1
    assert report.by_course[2].upcoming == 4  # the second course starts 4 Dec
    assert [m.due_at for m in report.missed] == [at(2, 5)]


def test_site_rotation_and_today(ana: Journal) -> None:
    ana.add_protocol("ana", spec(start=dt.date(2026, 12, 3)), "today")
    for i, site in enumerate(
        ["abdomen-left", "abdomen-right", "thigh-left", "thigh-right", "arm-left", "arm-right"]
    ):
        ana.log_dose("ana", at=at(1, i), amount_mcg=250, site=site, planned_dose_id=None)
    today = ana.today("ana")
    assert today["next_site"]["site"] == "abdomen-left"  # used longest ago
    assert [d["status"] for d in today["checklist"]] == ["missed", "due"]  # 08:00, 20:00 Moscow


def test_expiry_and_low_stock_warnings(ana: Journal) -> None:
    ana.add_protocol("ana", spec(), "plan")
    add_vial(ana, opened_at=at(1, 4), shelf_life_days=5)  # discard by 6 Dec: 2 days left
    add_vial(ana, opened_at=at(1, 4), shelf_life_days=1)  # discard by 2 Dec: expired
    add_vial(ana, amount_mcg=600.0)  # fewer than 3 doses of 250
    codes = sorted(w.code for w in ana.warnings("ana"))
    assert codes == ["expired", "expires_soon", "low_stock"]


def test_checkins_score_gad7_and_trend(ana: Journal) -> None:
    _, band = ana.checkin("ana", at=at(1, 9), gad7=[2, 2, 2, 2, 1, 1, 1], sleep_hours=6)
    assert band == "moderate"  # 11
    ana.checkin("ana", at=at(8, 9), gad7=[1, 1, 1, 1, 1, 1, 1], sleep_hours=7)  # 7
    ana.checkin("ana", at=at(15, 9), gad7=[0, 1, 0, 1, 0, 1, 0], sleep_hours=8)  # 3
    trend = ana.trends("ana")
    # scores 11, 7, 3 a week apart: slope -4 per week
    assert trend["gad7"]["slope_per_week"] == pytest.approx(-4)
    assert trend["sleep_hours"]["slope_per_week"] == pytest.approx(1)
    with pytest.raises(InputError, match="seven whole numbers"):
        ana.checkin("ana", at=at(16, 9), gad7=[4, 0, 0, 0, 0, 0, 0])


def test_unknown_profile_and_duplicate_profile(journal: Journal) -> None:
    with pytest.raises(NotFoundError, match="no profile 'zoe'"):
        journal.vials("zoe")
    journal.create_profile("zoe", "UTC")
    with pytest.raises(RefusedError, match="already exists"):
        journal.create_profile("zoe", "UTC")
    with pytest.raises(InputError, match="unknown time zone"):
        journal.create_profile("yan", "Mars/Base")


def test_now_is_fixed_in_these_tests(journal: Journal) -> None:
    assert journal.now() == NOW


def test_vial_id_from_a_unique_prefix_of_this_profile(ana: Journal) -> None:
    first, second = add_vial(ana), add_vial(ana)
    shared = next(n for n in range(33) if first[:n] != second[:n]) - 1
    assert ana.vial_id("ana", first) == first
    assert ana.vial_id("ana", first[: shared + 1]) == first
    if shared > 0:  # the ids share a first character: that prefix is ambiguous
        with pytest.raises(NotFoundError, match="unique vial for prefix"):
            ana.vial_id("ana", first[:shared])
    with pytest.raises(NotFoundError, match="unique vial for prefix"):
        ana.vial_id("ana", "")
    ana.create_profile("ben", "UTC")
    with pytest.raises(NotFoundError):
        ana.vial_id("ben", first)  # another profile's vial is not found
