"""The planner operation (ops.plan): plan or stack, own fields, the unit-slip rule, web
bounds, against hand counts."""

from __future__ import annotations

import pytest

from peptidekit.errors import InputError, UnitSlipError
from peptidekit.ops.plan import WEB_LIMITS, PlanRequest, plan
from peptidekit.protocol.plan import Plan
from peptidekit.protocol.stack import StackPlan

BASE = {"course": "10d", "start": "2026-12-01", "tz": "UTC"}


def test_one_protocol_counts_its_doses_and_dates() -> None:
    done = plan(PlanRequest(**BASE, route="intranasal", dose="300mcg", times="08:00,20:00",
                            break_="4d", cycles="2", compound="selank"))  # fmt: skip
    assert isinstance(done, Plan)
    doses = done.schedule.doses
    assert len(doses) == 2 * 10 * 2  # 2 courses x 10 days x 2 a day
    # second course starts after 10 days + 4 days of break: 2026-12-15
    assert min(d.at.date() for d in doses if d.cycle == 2).isoformat() == "2026-12-15"


def test_a_vial_supply_counts_what_to_buy() -> None:
    supply = {"vial": "5mg", "diluent": "2mL", "shelf_life": "60d"}
    done = plan(PlanRequest(**BASE, route="subcutaneous", dose="250mcg", times="08:00",
                            compound="selank", **supply))  # fmt: skip
    assert isinstance(done, Plan)
    assert done.supply is not None
    # 5 mg / 250 mcg = 20 doses a vial: 10 doses fit in one
    assert len(done.supply.containers) == 1


def test_a_1000_fold_slip_is_refused_unless_confirmed() -> None:
    typed = PlanRequest(**BASE, route="intranasal", dose="250mg", times="08:00", compound="selank")
    with pytest.raises(UnitSlipError, match="did you mean 250 mcg"):
        plan(typed)
    done = plan(PlanRequest(**{**typed.__dict__, "confirm": True}))
    assert isinstance(done, Plan)
    assert len(done.schedule.doses) == 10


def test_components_make_a_stack_and_own_fields_beside_them_are_refused() -> None:
    lines = ("selank 300mcg intranasal 08:00", "semax 200mcg intranasal 08:00,20:00")
    done = plan(PlanRequest(**BASE, components=lines))
    assert isinstance(done, StackPlan)
    assert [len(p.schedule.doses) for p in done.plans] == [10, 20]
    with pytest.raises(InputError, match="leave the single protocol's dose") as error:
        plan(PlanRequest(**BASE, components=lines, dose="300mcg"))
    assert error.value.field == "dose"


def test_the_web_bounds_are_tighter() -> None:
    long = PlanRequest(**{**BASE, "course": "400d"}, route="oral", dose="1mg", times="08:00")
    with pytest.raises(InputError, match="at most 366 days"):
        plan(long, limits=WEB_LIMITS)
