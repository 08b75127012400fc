"""The PK operation (ops.pk): one regimen or several compounds, against hand values."""

from __future__ import annotations

import math

import pytest

from peptidekit.errors import InputError
from peptidekit.ops.pk import PKRequest, Simulation, StackSimulation, simulate

IV = {"route": "intravenous", "every": "24h", "days": "1", "volume": "10L"}
STACK = (
    "selank 300mcg intranasal 8h volume=20L ka=6/h",
    "semax 200mcg intranasal 12h volume=20L ka=6/h",
)


def test_one_iv_bolus_by_hand() -> None:
    done = simulate(PKRequest(**IV, dose="1mg", half_life="2h"))
    assert isinstance(done, Simulation)
    # Cmax = 1 mg / 10 L = 100 ng/mL; ke = ln 2 / 2 h; AUC(0-inf) = Cmax / ke
    assert done.metrics.cmax == pytest.approx(100, rel=1e-6)
    assert done.metrics.auc_inf == pytest.approx(100 / (math.log(2) / 2), rel=1e-6)


def test_components_are_simulated_each_on_its_own() -> None:
    done = simulate(PKRequest(days="1", components=STACK))
    assert isinstance(done, StackSimulation)
    assert [s.compound for s in done.simulations] == ["Selank", "Semax"]
    assert [len(s.doses) for s in done.simulations] == [3, 2]  # every 8 h, 12 h over 1 day


def test_a_compounds_own_field_beside_the_components_is_refused() -> None:
    with pytest.raises(InputError, match="leave the single compound's lag") as error:
        simulate(PKRequest(days="1", components=STACK, lag="0.5h"))
    assert error.value.field == "lag"
    with pytest.raises(InputError, match="one compound at a time"):
        simulate(PKRequest(days="1", components=STACK, subjects="50"))
