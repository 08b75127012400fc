"""Metrics cost grows with the number of doses, not its square (counted, not timed)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from peptidekit.pk.exact import ExactModel
from peptidekit.pk.metrics import compute_metrics
from peptidekit.pk.model import PKParameters, regular_doses

ORAL = PKParameters(ke=0.5, volume_l=20.0, ka=2.0, bioavailability=0.8)


def _propagations(days: int, monkeypatch: pytest.MonkeyPatch) -> int:
    """Transition matrices fetched (one per propagation step of the state) for the
    metrics of a q8h regimen of ``days`` days, a threshold included."""
    counted = [0]
    model = ExactModel(ORAL, regular_doses(500.0, 8.0, days * 3))
    phi = model._phi

    def counting(dt: float) -> np.ndarray:
        counted[0] += 1
        return phi(dt)

    monkeypatch.setattr(model, "_phi", counting)
    compute_metrics(model, days * 24.0, interval_h=8.0, threshold=5.0)
    return counted[0]


def test_metrics_work_is_linear_in_the_doses(monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = _propagations(28, monkeypatch), _propagations(112, monkeypatch)
    # four times the doses: about four times the work (quadratic would be sixteen)
    assert large / small < 6


def test_year_of_doses_keeps_the_exact_steady_state_values() -> None:
    # 500 mcg q8h of a one-compartment oral model: steady-state Cavg = F D / (V ke tau)
    model = ExactModel(ORAL, regular_doses(500.0, 8.0, 365 * 3))
    m = compute_metrics(model, 365 * 24.0, interval_h=8.0)
    assert m.cavg == pytest.approx(0.8 * 500 / (20 * 0.5 * 8), rel=1e-9)
    # the steady-state peak of the Bateman sum, by hand: t* where ka e^-ka t/(1-e^-ka tau)
    # = ke e^-ke t/(1-e^-ke tau)
    ka, ke, tau = 2.0, 0.5, 8.0
    t_star = math.log((ka * (1 - math.exp(-ke * tau))) / (ke * (1 - math.exp(-ka * tau)))) / (
        ka - ke
    )
    c = 0.8 * 500 * ka / (20 * (ka - ke))
    peak = c * (
        math.exp(-ke * t_star) / (1 - math.exp(-ke * tau))
        - math.exp(-ka * t_star) / (1 - math.exp(-ka * tau))
    )
    assert m.cmax == pytest.approx(peak, rel=1e-9)
    assert m.tmax_after_dose_h == pytest.approx(t_star, abs=1e-6)
