from __future__ import annotations

import pytest

from peptidekit.errors import UnknownNameError
from peptidekit.knowledge import (
    dose_claims,
    dose_reference,
    pk_parameters,
    reference_quantities,
    shelf_life,
    volume_default,
)
from peptidekit.knowledge.loader import KnowledgeBase


def test_dose_reference_with_quantities(kb: KnowledgeBase) -> None:
    ref = dose_reference("Selank", "intranasal", "per_day", kb=kb)
    assert ref is not None
    low, high = reference_quantities(ref)
    assert low.to("mg").magnitude == pytest.approx(0.9)
    assert high.to("mg").magnitude == pytest.approx(2.7)  # the labelled maximum
    assert dose_reference("selank", "oral", "per_day", kb=kb) is None


def test_dose_claims_filter_by_route_and_basis(kb: KnowledgeBase) -> None:
    per_nostril = dose_claims("selank", "intranasal", "per_nostril", kb=kb)
    assert {c.id for c in per_nostril} == {
        "selank.dose.label-per-nostril",
        "selank.dose.page-002-intranasal",
    }
    with pytest.raises(UnknownNameError, match="unknown route 'nasal'"):
        dose_claims("selank", "nasal", kb=kb)


def test_shelf_life_by_form_and_storage(kb: KnowledgeBase) -> None:
    [room] = shelf_life("selank", "nasal_spray", "room_temperature", kb=kb)
    assert (room.days_low, room.days_high) == (90, 90)
    assert room.claim.sources[0].source == "src-003"
    assert room.claim.status == "unverified"
    [reconstituted] = shelf_life("selank", "reconstituted", kb=kb)
    assert reconstituted.days_high == 28
    assert shelf_life("semax", "nasal_spray", kb=kb) == []
    with pytest.raises(UnknownNameError):
        shelf_life("selank", "gel", kb=kb)


def test_pk_parameters_say_what_is_measured(kb: KnowledgeBase) -> None:
    params = {p.claim.id: p for p in pk_parameters("selank", kb=kb)}
    bioavailability = params["selank.pk.bioavailability"]
    assert (bioavailability.low, bioavailability.unit) == (pytest.approx(92.8), "%")
    assert bioavailability.measured
    assert bioavailability.caveat is None
    tracker = params["selank.pk.half-life-tracker"]
    assert (tracker.low, tracker.unit) == (60, "min")
    assert not tracker.measured
    assert tracker.caveat == "a vendor claim, not a measurement"
    assert params["selank.effect.peak"].caveat == "an effect-duration claim, not a plasma half-life"


def test_no_pk_parameters_for_the_amidate(kb: KnowledgeBase) -> None:
    params = pk_parameters("n-acetyl-selank-amidate", kb=kb)
    assert [p.name for p in params] == ["effect_duration"]


def test_drop_and_spray_volume_defaults(kb: KnowledgeBase) -> None:
    drop = volume_default("selank", "drop_volume", kb=kb)
    assert drop is not None
    volume, claim = drop
    assert volume.to("mL").magnitude == pytest.approx(0.05)
    assert claim.evidence == "label"
    spray = volume_default("selank", "spray_volume", kb=kb)
    assert spray is not None
    assert spray[0].to("uL").magnitude == pytest.approx(100)
    assert spray[1].status == "unverified"
