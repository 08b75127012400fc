"""Stack plans: each component its own plan, one calendar and CSV, and the checks only
the combination can fail, against hand computations."""

from __future__ import annotations

import csv
import io

import pytest

from peptidekit.errors import InputError
from peptidekit.ops.plan import PlanRequest, component_request, plan_stack
from peptidekit.ops.plan import plan as plan_one
from peptidekit.protocol.export import to_csv, to_ics

SHARED = PlanRequest(
    route="", dose="", times="", course="14d", start="2026-12-01", tz="Europe/Moscow"
)
SELANK = "selank 300mcg intranasal 08:00,14:00,20:00 bottle=3mL concentration=0.15%"
SEMAX = "semax 200mcg intranasal 08:00,14:00 course=10d bottle=3mL concentration=0.1%"


def stack(*lines: str) -> object:
    return plan_stack([component_request(x, SHARED, n) for n, x in enumerate(lines, 1)])


def codes(warnings: object) -> list[str]:
    return [w.code for w in warnings]  # type: ignore[attr-defined]


def test_a_component_is_typed_as_compound_dose_route_times_then_fields() -> None:
    request = component_request(SEMAX, SHARED, 2)
    assert (request.compound, request.dose, request.route, request.times) == (
        "semax",
        "200mcg",
        "intranasal",
        "08:00,14:00",
    )
    assert (request.course, request.bottle, request.concentration) == ("10d", "3mL", "0.1%")
    assert request.start == "2026-12-01"
    assert request.tz == "Europe/Moscow"
    with pytest.raises(InputError, match="component 2: unknown field 'colour'"):
        component_request("semax 200mcg intranasal 08:00 colour=red", SHARED, 2)
    with pytest.raises(InputError, match="expected compound, dose, route, times"):
        component_request("semax 200mcg intranasal", SHARED, 1)


def test_selank_and_semax_nasal_stack_hand_checked() -> None:
    result = stack(SELANK, SEMAX)
    selank, semax = result.plans  # type: ignore[attr-defined]
    assert len(selank.schedule.doses) == 14 * 3
    assert len(semax.schedule.doses) == 10 * 2
    # same time, same route: 08:00 and 14:00 on the 10 days both run
    same = [w.message for w in result.warnings if w.code == "same_time_same_route"]  # type: ignore[attr-defined]
    assert len(same) == 2
    assert all("10 times" in m for m in same)
    # per nostril: Selank 300 mcg = 4 drops of 50 uL x 1.5 mg/mL (75 mcg) = 2 a nostril
    # = 100 uL; Semax 200 mcg = 4 drops of 50 mcg = 2 a nostril = 100 uL; 200 uL together,
    # over the 150 uL one label puts in a nostril (225 mcg / 1.5 mg/mL)
    volume = [w.message for w in result.warnings if w.code == "nasal_volume_per_nostril"]  # type: ignore[attr-defined]
    assert len(volume) == 2
    assert all("200 uL" in m and "150 uL" in m for m in volume)
    # supply per component: Selank 14 x 3 x 300 = 12,600 mcg from 4.5 mg bottles (15 doses
    # each): 3 bottles; Semax 20 x 200 = 4,000 mcg from 3 mg bottles (15 doses): 2
    assert selank.supply.to_dict()["to_buy"] == 3
    assert semax.supply.to_dict()["to_buy"] == 2
    described = result.described_by  # type: ignore[attr-defined]
    assert described["id"] == "selank-semax"
    assert described["evidence"] == "vendor_claim"


def test_small_volumes_at_the_same_time_are_not_a_volume_problem() -> None:
    # Selank 150 mcg = 2 drops (1 a nostril, 50 uL); Semax 100 mcg = 2 drops (50 uL): 100 uL
    result = stack(
        "selank 150mcg intranasal 08:00 bottle=3mL concentration=0.15%",
        "semax 100mcg intranasal 08:00 bottle=3mL concentration=0.1%",
    )
    assert codes(result.warnings) == ["same_time_same_route"]  # type: ignore[attr-defined]


def test_different_times_raise_no_combination_warning() -> None:
    result = stack(
        "selank 300mcg intranasal 08:00 bottle=3mL concentration=0.15%",
        "semax 200mcg intranasal 12:00 bottle=3mL concentration=0.1%",
    )
    assert codes(result.warnings) == []  # type: ignore[attr-defined]


def test_a_compound_in_two_components_is_checked_over_its_day() -> None:
    # each alone is within Selank's 2,700 mcg a day (1,800 and 1,200); together 3,000
    result = stack(
        "selank 900mcg intranasal 08:00,14:00",
        "selank 600mcg intranasal 20:00,22:00",
    )
    for plan in result.plans:  # type: ignore[attr-defined]
        assert "over_daily_maximum" not in codes(plan.warnings)
    over = [w for w in result.warnings if w.code == "over_daily_maximum"]  # type: ignore[attr-defined]
    assert len(over) == 1
    assert "3 mg" in over[0].message
    assert "14 such days" in over[0].message


def test_one_calendar_and_one_csv_name_each_compound() -> None:
    result = stack(SELANK, SEMAX)
    ics = to_ics(result).decode()  # type: ignore[arg-type]
    assert ics.count("BEGIN:VEVENT") == 42 + 20
    assert ics.count("SUMMARY:Selank 300 mcg (intranasal): 4 drops (2 + 2) = 300 mcg") == 42
    assert ics.count("SUMMARY:Semax 200 mcg (intranasal): 4 drops (2 + 2) = 200 mcg") == 20
    uids = [line for line in ics.splitlines() if line.startswith("UID:")]
    assert len(set(uids)) == 62
    rows = list(csv.DictReader(io.StringIO(to_csv(result))))  # type: ignore[arg-type]
    assert len(rows) == 62
    assert [r["compound"] for r in rows[:2]] == ["Selank", "Semax"]  # 08:00 on 1 Dec
    assert rows[0]["utc"] == "2026-12-01T05:00:00+00:00" == rows[1]["utc"]


def test_a_subcutaneous_blend_plan_states_what_each_draw_delivers() -> None:
    # 5 mg + 5 mg in 2 mL: 2.5 mg/mL each; 300 mcg = 0.12 mL = 12 units, 300 mcg of each.
    # 2 mL / 0.12 mL = 16 whole doses a vial; 28 doses: 2 vials
    result = plan_one(
        PlanRequest(
            compound="nasa",
            route="subcutaneous",
            dose="300mcg",
            times="08:00,20:00",
            course="14d",
            start="2026-12-01",
            tz="Europe/Moscow",
            vial="nasa 5mg + semax 5mg",
            diluent="2mL",
            shelf_life="28d",
        )
    )
    row = result.dose_rows()[0]
    assert row["draw"].startswith("draw 12 units (0.12 mL)")
    assert row["draw"].endswith("= 300 mcg N-acetyl Selank amidate + 300 mcg Semax")
    supply = result.supply.to_dict()  # type: ignore[union-attr]
    assert supply["to_buy"] == 2
    assert supply["containers"][0]["doses"] == 16
    assert supply["description"].startswith("N-acetyl Selank amidate 5 mg + Semax 5 mg vial")
    assert "Semax" in " ".join(w.message for w in result.warnings)  # co-delivered checked


def test_a_blend_plan_must_name_the_component_that_sets_the_draw() -> None:
    with pytest.raises(InputError) as error:
        plan_one(
            PlanRequest(
                route="subcutaneous",
                dose="300mcg",
                times="08:00",
                course="14d",
                start="2026-12-01",
                tz="UTC",
                vial="nasa 5mg + semax 5mg",
                diluent="2mL",
            )
        )
    assert error.value.field == "compound"


def test_component_errors_name_the_component() -> None:
    with pytest.raises(InputError) as error:
        stack(SELANK, "semax 200mcg intranasal 08:00 bottle=3mL")
    assert error.value.field == "component"
    assert str(error.value).startswith("component 2 (semax): concentration is needed")
    with pytest.raises(InputError, match="expected 2 to 6"):
        stack(SELANK)
