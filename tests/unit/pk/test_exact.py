"""The exact engine against textbook closed forms and an independent ODE solver."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.integrate import solve_ivp

from peptidekit.pk.exact import ExactModel
from peptidekit.pk.metrics import compute_metrics
from peptidekit.pk.model import Dose, PKParameters, regular_doses

F, D, V, KA, KE = 0.8, 500.0, 20.0, 1.5, 0.3
ORAL = PKParameters(ke=KE, volume_l=V, ka=KA, bioavailability=F)


def bateman(t: float, ka: float = KA, ke: float = KE) -> float:
    return F * D * ka / (V * (ka - ke)) * (math.exp(-ke * t) - math.exp(-ka * t))


@pytest.mark.parametrize("t", [0.1, 0.5, 1.0, 2.0, 5.0, 12.0, 48.0])
def test_single_dose_is_the_bateman_curve(t: float) -> None:
    model = ExactModel(ORAL, [Dose(0.0, D)])
    assert model.concentration(t) == pytest.approx(bateman(t), rel=1e-12)


def test_bateman_cmax_and_tmax() -> None:
    model = ExactModel(ORAL, [Dose(0.0, D)])
    m = compute_metrics(model, 24.0, interval_h=None)
    tmax = math.log(KA / KE) / (KA - KE)
    assert m.tmax_h == pytest.approx(tmax, rel=1e-7)
    assert m.cmax == pytest.approx(bateman(tmax), rel=1e-12)
    # AUC to infinity: F D / (V ke)
    assert m.auc_inf == pytest.approx(F * D / (V * KE), rel=1e-12)


def test_ka_equal_to_ke_has_no_zero_over_zero() -> None:
    k = 0.7
    model = ExactModel(PKParameters(ke=k, volume_l=V, ka=k, bioavailability=F), [Dose(0.0, D)])
    for t in (0.3, 1.0, 1 / k, 5.0):
        assert model.concentration(t) == pytest.approx(
            F * D * k * t * math.exp(-k * t) / V, rel=1e-12
        )
    m = compute_metrics(model, 12.0, interval_h=None)
    assert m.tmax_h == pytest.approx(1 / k, rel=1e-7)
    assert m.cmax == pytest.approx(F * D / (V * math.e), rel=1e-12)


def test_iv_bolus_and_its_steady_state() -> None:
    tau, n = 8.0, 60
    iv = PKParameters(ke=KE, volume_l=V)
    single = ExactModel(iv, [Dose(0.0, D)])
    assert single.concentration(3.0) == pytest.approx(D / V * math.exp(-KE * 3.0), rel=1e-13)
    model = ExactModel(iv, regular_doses(D, tau, n))
    m = compute_metrics(model, n * tau, interval_h=tau)
    r = 1 / (1 - math.exp(-KE * tau))
    last = (n - 1) * tau
    assert model.concentration(last) == pytest.approx(D / V * r, rel=1e-12)  # Cmax,ss
    assert m.cmin == pytest.approx(D / V * r * math.exp(-KE * tau), rel=1e-9)  # trough
    assert m.cavg == pytest.approx(D / (V * KE * tau), rel=1e-12)
    assert m.accumulation_ratio == pytest.approx(r, rel=1e-12)
    # AUC of interval n is AUC_ss (1 - e^(-n ke tau)); 90% at n = ceil(ln 10 / (ke tau))
    assert m.time_to_90pct_steady_state_h == pytest.approx(
        math.ceil(math.log(10) / (KE * tau)) * tau
    )


def test_extravascular_steady_state_peak_and_trough() -> None:
    tau, n = 8.0, 60
    model = ExactModel(ORAL, regular_doses(D, tau, n))
    m = compute_metrics(model, n * tau, interval_h=tau)
    ea, ee = 1 - math.exp(-KA * tau), 1 - math.exp(-KE * tau)

    def css(t: float) -> float:
        return F * D * KA / (V * (KA - KE)) * (math.exp(-KE * t) / ee - math.exp(-KA * t) / ea)

    tmax_ss = math.log(KA * ee / (KE * ea)) / (KA - KE)
    assert m.cmax == pytest.approx(css(tmax_ss), rel=1e-9)
    assert m.tmax_after_dose_h == pytest.approx(tmax_ss, rel=1e-7)
    assert m.cmin == pytest.approx(min(css(0.0), css(tau)), rel=1e-9)


def test_lag_time_shifts_the_curve() -> None:
    lagged = ExactModel(ORAL.with_values(lag_h=0.5), [Dose(0.0, D)])
    plain = ExactModel(ORAL, [Dose(0.0, D)])
    assert lagged.concentration(0.4) == 0.0
    for t in (0.6, 1.0, 3.0, 10.0):
        assert lagged.concentration(t) == pytest.approx(plain.concentration(t - 0.5), rel=1e-12)


def test_time_above_a_threshold_by_hand() -> None:
    model = ExactModel(PKParameters(ke=KE, volume_l=V), [Dose(0.0, D)])
    threshold = 5.0  # C0 = 25: above until ln(25/5)/ke
    m = compute_metrics(model, 24.0, interval_h=None, threshold=threshold)
    assert m.time_above_threshold_h == pytest.approx(math.log(5) / KE, rel=1e-9)


def test_two_compartments_with_irregular_and_missed_doses_match_an_ode_solver() -> None:
    params = PKParameters(
        ke=0.25, volume_l=15.0, ka=1.1, bioavailability=0.7, lag_h=0.25, k12=0.4, k21=0.15
    )
    # irregular times; the dose due at about 30 h was missed
    doses = [Dose(0.0, 300.0), Dose(7.5, 300.0), Dose(22.0, 450.0), Dose(39.0, 300.0)]
    model = ExactModel(params, doses)
    a = params.matrix()
    x = np.zeros(params.n_states)
    edges = [d.time_h + params.lag_h for d in doses] + [60.0]
    checked = 0
    for (lo, hi), dose in zip(itertools.pairwise(edges), doses, strict=True):
        x[0] += params.bioavailability * dose.amount_mcg
        sol = solve_ivp(
            lambda _t, y: a @ y,
            (lo, hi),
            x,
            dense_output=True,
            rtol=1e-12,
            atol=1e-14,
            method="DOP853",
        )
        for t in np.linspace(lo, hi, 25)[1:]:
            expected = sol.sol(t)[params.central] / params.volume_l
            assert model.concentration(float(t)) == pytest.approx(expected, rel=1e-6)
            checked += 1
        x = sol.y[:, -1]
    assert checked == 96


doses_strategy = st.lists(st.tuples(st.floats(0, 48), st.floats(1, 1000)), min_size=1, max_size=6)


@settings(max_examples=60)
@given(doses_strategy, st.floats(0.05, 5), st.floats(0.05, 2), st.floats(0.5, 60))
def test_linearity_and_superposition(
    raw: list[tuple[float, float]], ka: float, ke: float, t: float
) -> None:
    params = PKParameters(ke=ke, volume_l=10.0, ka=ka, bioavailability=0.9)
    doses = [Dose(when, amount) for when, amount in raw]
    whole = ExactModel(params, doses).concentration(t)
    parts = sum(ExactModel(params, [d]).concentration(t) for d in doses)
    assert whole == pytest.approx(parts, rel=1e-9, abs=1e-12)
    doubled = ExactModel(params, [Dose(d.time_h, 2 * d.amount_mcg) for d in doses])
    assert doubled.concentration(t) == pytest.approx(2 * whole, rel=1e-12, abs=1e-12)


@settings(max_examples=40)
@given(st.floats(0.01, 3), st.floats(0.5, 40))
def test_lag_is_a_time_shift(lag: float, t: float) -> None:
    lagged = ExactModel(ORAL.with_values(lag_h=lag), [Dose(0.0, D)])
    shifted = ExactModel(ORAL, [Dose(lag, D)])
    assert lagged.concentration(t) == pytest.approx(shifted.concentration(t), rel=1e-12, abs=1e-15)
