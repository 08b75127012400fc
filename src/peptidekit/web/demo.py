"""Sample data for a first look: one profile with a vial, a course, doses and check-ins.

Loaded only into an empty journal, so a user's own data is never touched.
"""

from __future__ import annotations

import datetime as dt

from peptidekit.protocol.spec import ProtocolSpec, parse_times
from peptidekit.store.journal import Journal
from peptidekit.units import parse_quantity

PROFILE, TZ = "demo", "Europe/Moscow"


def load_demo(journal: Journal, now: dt.datetime | None = None) -> bool:
    """Fill an empty journal with sample data; False (and nothing written) otherwise."""
    if journal.profiles():
        return False
    now = now or dt.datetime.now(dt.UTC)
    start = (now - dt.timedelta(days=3)).date()
    journal.create_profile(PROFILE, TZ)
    opened = dt.datetime.combine(start, dt.time(4, 0), tzinfo=dt.UTC)
    vial = journal.add_vial(
        PROFILE,
        compound="Selank",
        kind="vial",
        amount_mcg=5000.0,
        volume_ml=2.0,
        opened_at=opened,
        storage="refrigerated",
        shelf_life_days=28,
        shelf_life_source="selank.storage.reconstituted (label-bacteriostatic-water; unverified)",
        lot="DEMO-1",
    )
    spec = ProtocolSpec(
        compound="Selank",
        route="subcutaneous",
        dose=parse_quantity("250mcg"),
        times=parse_times("08:00,20:00"),
        course_days=14,
        break_days=7,
        cycles=2,
        start=start,
        tz=TZ,
    )
    journal.add_protocol(PROFILE, spec, "Selank demo course")
    sites = ["abdomen-left", "abdomen-right", "thigh-left", "thigh-right"]
    for day in range(3):
        for n, hour in enumerate((5, 17)):  # 08:00 and 20:00 in Moscow
            when = dt.datetime.combine(
                start + dt.timedelta(days=day), dt.time(hour, 10), tzinfo=dt.UTC
            )
            if when > now or (day, n) == (1, 1):  # one missed dose, for the adherence view
                continue
            journal.log_dose(
                PROFILE,
                at=when,
                amount_mcg=250.0,
                vial_id=vial.id,
                dead_space_ml=0.02,
                site=sites[(2 * day + n) % 4],
                route="subcutaneous",
            )
    for day, items in (
        (0, [2, 2, 2, 2, 1, 1, 2]),
        (1, [2, 1, 2, 1, 1, 1, 1]),
        (2, [1, 1, 1, 1, 1, 1, 1]),
    ):
        when = dt.datetime.combine(start + dt.timedelta(days=day), dt.time(18, 0), tzinfo=dt.UTC)
        if when <= now:
            journal.checkin(PROFILE, at=when, gad7=items, sleep_hours=6.5 + day / 2)
    return True
