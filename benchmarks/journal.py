"""Journal benchmark: 100,000 dose events across 10 profiles, then a year's adherence.

Run: .venv/bin/python benchmarks/journal.py [DATABASE_URL]
Default: a fresh SQLite file in a temporary folder. Each profile gets a year of
planned doses (3 a day, from the planner) and 10,000 logged events; the events
are inserted in one transaction, then one profile's adherence over the year is
computed through the same repository call the CLI uses.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from peptidekit.protocol.spec import ProtocolSpec, parse_times
from peptidekit.store.db import open_engine, transaction
from peptidekit.store.journal import Journal
from peptidekit.store.models import DoseEvent, PlannedDose, new_id
from peptidekit.units import parse_quantity

PROFILES, EVENTS_PER_PROFILE = 10, 10_000
RUNS = 15
START = dt.date(2026, 1, 1)


def main(url: str) -> None:
    engine = open_engine(url)
    journal = Journal(engine, now=lambda: dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    spec = ProtocolSpec(
        compound="Selank",
        route="intranasal",
        dose=parse_quantity("300mcg"),
        times=parse_times("08:00,14:00,20:00"),
        course_days=365,
        break_days=0,
        cycles=1,
        start=START,
        tz="Europe/Moscow",
    )
    started = time.perf_counter()
    for i in range(PROFILES):
        journal.create_profile(f"p{i}", "Europe/Moscow")
        journal.add_protocol(f"p{i}", spec, "a year")
    setup = time.perf_counter() - started

    rows = []
    with transaction(engine) as s:
        for i in range(PROFILES):
            profile = journal.profile(f"p{i}")
            planned = s.execute(
                select(PlannedDose.id, PlannedDose.due_at).where(
                    PlannedDose.profile_id == profile.id
                )
            ).all()
            for n in range(EVENTS_PER_PROFILE):
                planned_id, due = planned[n % len(planned)]
                rows.append(
                    {
                        "id": new_id(),
                        "profile_id": profile.id,
                        "planned_dose_id": planned_id if n < len(planned) else None,
                        "vial_id": None,
                        "status": "taken" if n % 10 else "skipped",
                        "at": due + dt.timedelta(minutes=n % 30),
                        "tz": "Europe/Moscow",
                        "compound": "Selank",
                        "amount_mcg": 300.0,
                        "taken_from_vial_mcg": 0.0,
                        "route": "intranasal",
                        "site": None,
                        "notes": None,
                    }
                )
    started = time.perf_counter()
    with transaction(engine) as s:
        s.execute(insert(DoseEvent), rows)
    inserting = time.perf_counter() - started
    # a journal of this size has been vacuumed and analysed by then (autovacuum, or
    # SQLite's optimize): measure that steady state, not the minute after a bulk load
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")

    year = (dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        report = journal.adherence("p3", *year)
        times.append(time.perf_counter() - started)
    floor = _floor(engine, journal.profile("p3").id, year)
    total = report.total
    print(f"database: {engine.dialect.name}")
    print(f"setup (10 profiles, {PROFILES * 1095:,} planned doses): {setup * 1000:.0f} ms")
    print(
        f"insert {len(rows):,} dose events in one transaction: {inserting * 1000:.0f} ms "
        f"({len(rows) / inserting:,.0f} rows/s)"
    )
    median = statistics.median(times)
    print(
        f"adherence report, one profile, one year ({total.planned} planned): "
        f"best {min(times) * 1000:.1f} ms, median {median * 1000:.1f} ms of {RUNS} "
        f"(taken {total.taken}, skipped {total.skipped}, missed {total.missed})"
    )
    print(
        f"floor, the report's planned-dose query alone through the bare driver: median "
        f"{floor * 1000:.1f} ms; the report is {median / floor:.1f}x the floor"
    )


def _floor(engine: Any, profile_id: str, year: tuple[dt.datetime, dt.datetime]) -> float:
    """The report's main statement (planned doses with their outcome), as literal SQL on
    the DBAPI connection: no ORM, no type conversion, no report."""
    outcome = (
        select(DoseEvent.status)
        .where(
            DoseEvent.profile_id == PlannedDose.profile_id,
            DoseEvent.planned_dose_id == PlannedDose.id,
            DoseEvent.status.in_(("taken", "skipped")),
        )
        .limit(1)
        .scalar_subquery()
    )
    query = select(PlannedDose.id, PlannedDose.due_at, outcome).where(
        PlannedDose.profile_id == profile_id,
        PlannedDose.due_at >= year[0],
        PlannedDose.due_at < year[1],
    )
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    raw = engine.raw_connection()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        cursor = raw.cursor()
        cursor.execute(sql)
        cursor.fetchall()
        cursor.close()
        times.append(time.perf_counter() - started)
    raw.close()
    return statistics.median(times)


if __name__ == "__main__":
    folder = Path(tempfile.mkdtemp(prefix="peptidekit-bench-"))
    main(sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{folder / 'bench.sqlite3'}")
