"""Blend vials and the knowledge stacks rely on, against hand computations."""

from __future__ import annotations

import pytest
from pyteomics import mass as pyteomics_mass

from peptidekit.chem import analyse
from peptidekit.dosing.blend import looks_like_blend, parse_blend
from peptidekit.errors import InputError
from peptidekit.knowledge import default_knowledge
from peptidekit.knowledge.index import dose_index
from peptidekit.ops.calculators import (
    NasalRequest,
    ReconstituteRequest,
    nasal,
    reconstitute_blend,
)


def resolve(name: str) -> str:
    return dose_index().compound(name).name


def test_semax_label_doses_in_mcg_are_label_drops_times_a_standard_drop() -> None:
    # 0.1% = 1 mg/mL; a USP <1101> dropper gives 45-55 mg of water, about 50 uL, a drop
    index = dose_index()
    per_drop = 1.0 * 50  # mg/mL x uL = mcg
    nostril = index.reference("semax", "intranasal", "per_nostril")
    once = index.reference("semax", "intranasal", "per_administration")
    day = index.reference("semax", "intranasal", "per_day")
    assert nostril
    assert once
    assert day
    assert (nostril.low, nostril.high) == (2 * per_drop, 3 * per_drop)  # 2-3 drops a nostril
    assert (once.low, once.high) == (2 * 2 * per_drop, 2 * 3 * per_drop)  # both nostrils
    assert (day.low, day.high) == (2 * once.low, 3 * once.high)  # 2-3 times a day
    assert index.compound("semax").label_strength[0] == 1.0  # type: ignore[index]


def test_the_1_percent_semax_product_is_kept_apart_from_the_reference() -> None:
    semax = default_knowledge().compound("semax")
    one_pct = next(c for c in semax.claims if c.id == "semax.strength.label-1pct")
    assert one_pct.amount
    assert one_pct.amount.low == 10
    assert not one_pct.reference
    assert dose_index().compound("semax").label_strength[0] == 1.0  # type: ignore[index]


def test_selank_strength_on_a_semax_calculation_is_named() -> None:
    done = nasal(NasalRequest(concentration="0.15%", dose="200mcg", compound="semax"))
    codes = [w.code for w in done.warnings]
    assert "not_labelled_strength" in codes
    message = next(w.message for w in done.warnings if w.code == "not_labelled_strength")
    assert "Selank" in message
    assert "1 mg/mL" in message
    right = nasal(NasalRequest(concentration="0.1%", dose="200mcg", compound="semax"))
    assert "not_labelled_strength" not in [w.code for w in right.warnings]


def test_a_dose_at_the_top_of_the_range_is_not_above_it() -> None:
    # 4 drops of 75 mcg is 300.00000000000006 in binary; the range ends at 300
    done = nasal(NasalRequest(concentration="0.1%", dose="300mcg", compound="semax"))
    assert "above_reference_range" not in [w.code for w in done.warnings]


def test_n_acetyl_semax_amidate_is_known_without_invented_figures() -> None:
    kb = default_knowledge()
    nasemax = kb.compound("N-acetyl Semax amidate")
    assert nasemax.sequence == "Ac-MEHFPGP-NH2"
    assert any("pharmacokinetic" in u for u in nasemax.unknowns)
    assert not [c for c in nasemax.claims if c.amount is not None]
    assert dose_index().compound(nasemax.id).ranges == ()
    # Semax C37H51N9O10S + acetyl (C2H2O) with the C-terminal OH made NH2 (-O +NH)
    expected = pyteomics_mass.Composition(formula="C39H54N10O10S")
    computed = analyse(nasemax.sequence).to_dict()
    assert pyteomics_mass.Composition(formula=computed["formula"]) == expected


def test_stacks_cite_known_sources_and_say_they_are_vendor_claims() -> None:
    kb = default_knowledge()
    assert {"selank-semax", "nasa-nasemax", "selank-dsip"} <= set(kb.stacks)
    for stack in kb.stacks.values():
        assert all(c in kb.compounds for c in stack.components)
        assert all(s.source in kb.sources for s in stack.sources)
        assert stack.evidence == "vendor_claim"
        assert stack.status == "unverified"
    assert [s.id for s in kb.stacks_with("n-acetyl-semax-amidate")] == ["nasa-nasemax"]


@pytest.mark.parametrize(
    ("text", "blend"),
    [("selank 5mg + semax 5mg", True), ("5mg", False), ("5 mg", False), ("nasa 2mg", True)],
)
def test_blend_text_is_told_from_a_mass(text: str, blend: bool) -> None:
    assert looks_like_blend(text) is blend


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("5mg+5mg", "needs a compound and an amount"),
        ("selank 5mg + selank 2mg", "listed twice"),
        ("selank 5mg + semox 5mg", "semax"),
        ("selank 5mg + ", "not a blend"),
        ("selank 5 + semax 5mg", "unit"),
    ],
)
def test_bad_blends_are_refused_naming_the_vial(text: str, problem: str) -> None:
    with pytest.raises(InputError) as error:
        parse_blend(text, resolve)
    assert error.value.field == "vial"
    assert problem in str(error.value)


def test_a_blend_draw_states_every_component_in_the_vials_ratio() -> None:
    # 5 mg N-acetyl Selank amidate + 10 mg Semax in 2 mL: 2.5 and 5 mg/mL. 300 mcg of the
    # amidate is 0.12 mL = 12 units on U-100, and brings 0.12 mL x 5 mg/mL = 600 mcg Semax.
    done = reconstitute_blend(
        ReconstituteRequest(
            vial="nasa 5mg + semax 10mg",
            diluent="2mL",
            dose="300mcg",
            compound="nasa",
            route="subcutaneous",
        )
    )
    data = done.to_dict()
    assert data["tick_units"] == 12
    amounts = {d["compound"]: d["mcg"] for d in data["delivered"]}
    assert amounts == pytest.approx({"N-acetyl Selank amidate": 300.0, "Semax": 600.0})
    assert data["set_by"] == "N-acetyl Selank amidate"
    assert "300 mcg N-acetyl Selank amidate + 600 mcg Semax" in data["statement"]
    # each component checked on its own: neither has a subcutaneous reference range
    assert [w["code"] for w in data["warnings"]].count("no_reference_range") == 2


def test_a_co_delivered_amount_over_its_own_range_is_warned() -> None:
    # Selank 5 mg + Semax 2 mg in 2 mL; 900 mcg Selank = 0.36 mL brings 0.36 x 1 = 360 mcg
    # Semax, over its 200-300 mcg per instillation; 3 a day = 1080 mcg, over 900 a day
    done = reconstitute_blend(
        ReconstituteRequest(
            vial="selank 5mg + semax 2mg",
            diluent="2mL",
            dose="900mcg",
            compound="selank",
            route="intranasal",
            per_day="3",
        )
    )
    semax = [w.message for w in done.warnings if "Semax" in w.message]
    assert any("360 mcg" in m and "above" in m for m in semax)
    assert any("1.08 mg a day" in m for m in semax)
    assert not any("Selank's" in w.message for w in done.warnings)  # 900 is in its range


def test_a_blend_needs_the_component_whose_dose_sets_the_draw() -> None:
    with pytest.raises(InputError) as error:
        reconstitute_blend(
            ReconstituteRequest(vial="selank 5mg + semax 5mg", diluent="2mL", dose="300mcg")
        )
    assert error.value.field == "compound"
    assert "Selank and Semax" in str(error.value)
    with pytest.raises(InputError) as error:
        reconstitute_blend(
            ReconstituteRequest(
                vial="selank 5mg + semax 5mg",
                diluent="2mL",
                dose="300mcg",
                compound="dsip",
                route="intranasal",
            )
        )
    assert error.value.field == "compound"
    assert "not in this vial" in str(error.value)


def test_a_blend_keeps_the_shortest_shelf_life_any_component_has() -> None:
    from peptidekit.ops.journal import shelf_life_for

    # Selank has a 28-day reconstituted figure (bacteriostatic water label); the amidate
    # has none: the blend takes Selank's, naming it
    days, source = shelf_life_for(
        ["N-acetyl Selank amidate", "Selank"], "reconstituted", None, None
    )
    assert days == 28
    assert source.startswith("Selank:")
    unknown, why = shelf_life_for(["N-acetyl Selank amidate", "Semax"], "reconstituted", None, None)
    assert unknown is None
    assert "N-acetyl Selank amidate" in why
    assert "Semax" in why
