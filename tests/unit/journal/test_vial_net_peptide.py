"""A vial recorded as gross powder with its net peptide content: doses draw the peptide."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from peptidekit.errors import InputError
from peptidekit.ops.journal import LogRequest, VialRequest, add_vial, log_dose
from peptidekit.store.journal import Journal
from peptidekit.store.transfer import export_all, import_all

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)


def _vial(journal: Journal, **content: str) -> str:
    journal.create_profile("ana", "UTC")
    request = VialRequest(compound="selank", vial="5mg", diluent="2mL", **content)
    return str(add_vial(journal, "ana", request, NOW).vial.id)


def test_the_vial_holds_the_peptide_and_keeps_the_label(journal: Journal) -> None:
    vial_id = _vial(journal, net_peptide="80%")
    [vial] = journal.vials("ana")
    assert vial.amount_mcg == pytest.approx(4000)  # 5 mg x 80%
    assert vial.label_mcg == pytest.approx(5000)
    assert vial.content_basis == "80% net peptide"
    logged = log_dose(journal, "ana", LogRequest(dose="300mcg", vial=vial_id[:8]), NOW)
    # 4 mg in 2 mL = 2 mg/mL: 300 mcg is 0.15 mL, 15 units on U-100 (5 mg would give 12)
    assert logged.event.draw_units == pytest.approx(15)


def test_without_a_content_the_label_mass_is_the_peptide(journal: Journal) -> None:
    _vial(journal)
    [vial] = journal.vials("ana")
    assert vial.amount_mcg == pytest.approx(5000)
    assert vial.label_mcg is None


def test_a_bad_content_writes_nothing(journal: Journal) -> None:
    with pytest.raises(InputError) as caught:
        _vial(journal, net_peptide="120%")
    assert caught.value.field == "net_peptide"
    assert journal.vials("ana") == []


def test_an_export_from_before_the_column_still_imports(journal: Journal) -> None:
    _vial(journal, net_peptide="80%")
    data = export_all(journal.engine)
    assert data["tables"]["vials"][0]["label_mcg"] == pytest.approx(5000)
    old = copy.deepcopy(data)
    for row in old["tables"]["vials"]:
        del row["label_mcg"], row["content_basis"]
    import_all(journal.engine, old, replace=True)
    [vial] = journal.vials("ana")
    assert vial.amount_mcg == pytest.approx(4000)
    assert vial.label_mcg is None
