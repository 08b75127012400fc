from __future__ import annotations

import pytest

from peptidekit.dosing.plausibility import check_dose
from peptidekit.knowledge.index import DoseIndex, build_index
from peptidekit.knowledge.loader import load_knowledge
from peptidekit.units import parse_quantity


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> DoseIndex:
    return build_index(load_knowledge(tmp_path_factory.mktemp("empty")))


def codes(warnings: list[object]) -> list[str]:
    return [w.code for w in warnings]  # type: ignore[attr-defined]


def test_label_dose_raises_nothing(index: DoseIndex) -> None:
    assert check_dose("selank", "intranasal", parse_quantity("450mcg"), 3, index=index) == []


def test_mg_for_mcg_on_selank_names_the_slip(index: DoseIndex) -> None:
    [warning] = check_dose("selank", "intranasal", parse_quantity("250mg"), index=index)
    assert warning.code == "likely_unit_slip"
    assert "250 mg is 1000 times 250 mcg" in warning.message
    assert "did you mean 250 mcg?" in warning.message
    assert "300-900 mcg (label-selank)" in warning.message


def test_mcg_for_mg_is_named_too(index: DoseIndex) -> None:
    [warning] = check_dose("phenazepam", "oral", parse_quantity("0.5mcg"), index=index)
    assert warning.code == "likely_unit_slip"
    assert "did you mean 0.5 mg?" in warning.message


def test_tenfold_decimal_slip(index: DoseIndex) -> None:
    [warning] = check_dose("selank", "intranasal", parse_quantity("4500mcg"), index=index)
    assert warning.code == "likely_decimal_slip"
    assert "450 mcg" in warning.message


def test_over_the_labelled_daily_maximum(index: DoseIndex) -> None:
    warnings = check_dose("selank", "intranasal", parse_quantity("900mcg"), 4, index=index)
    # 900 mcg is within the 300-900 mcg single dose and no Selank record caps one
    # instillation (kb-audit-2, A4); 4 x 900 = 3600 mcg a day is over the 2700 mcg the
    # label copy calls permissible ('допустимо'), and the warning names that record
    assert codes(warnings) == ["over_daily_maximum"]
    assert "3.6 mg a day" in warnings[0].message
    assert "2.7 mg" in warnings[0].message
    assert "pharm-market.ru" in warnings[0].message
    assert "допустимо" in warnings[0].message


def test_outside_range_names_range_and_source(index: DoseIndex) -> None:
    [warning] = check_dose("selank", "intranasal", parse_quantity("1200mcg"), index=index)
    assert warning.code == "above_reference_range"
    assert "label-selank" in warning.message


def test_route_without_reference_says_so(index: DoseIndex) -> None:
    [warning] = check_dose("selank", "oral", parse_quantity("300mcg"), index=index)
    assert warning.code == "no_reference_range"
    assert "intranasal, subcutaneous" in warning.message
