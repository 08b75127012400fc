"""Exposure metrics of one subject, computed on the exact solution.

Peaks, troughs and threshold crossings are found on a fine grid and then
refined with a bounded scalar search on the exact curve, so they do not
depend on the output step.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from peptidekit.pk.exact import ExactModel
from peptidekit.pk.model import Dose

GRID_POINTS_PER_INTERVAL = 400
MAX_INTERVALS = 100_000


@dataclass(frozen=True)
class Metrics:
    cmax: float
    tmax_h: float
    """Time of the highest peak (the earliest, when steady-state peaks tie)."""
    tmax_after_dose_h: float
    """Hours from the dose before that peak to the peak."""
    cmin: float | None
    """Trough: lowest concentration in the last dosing interval."""
    auc_total: float
    """From the first dose to the end of the simulation, mcg*h/L."""
    auc_inf: float
    """From the first dose to infinity (all doses given)."""
    auc_tau_first: float | None
    auc_tau_last: float | None
    cavg: float | None
    """Average over the last dosing interval: AUC_tau / tau."""
    accumulation_ratio: float | None
    """AUC over the last dosing interval / AUC over the first."""
    time_to_90pct_steady_state_h: float | None
    """End of the first dosing interval whose AUC reaches 90% of the steady-state AUC_tau."""
    terminal_half_life_h: float
    time_above_threshold_h: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _refine_extreme(model: ExactModel, lo: float, hi: float, sign: float) -> tuple[float, float]:
    result = minimize_scalar(
        lambda t: sign * model.concentration(float(t)),
        bounds=(lo, hi),
        method="bounded",
        options={"xatol": 1e-10},
    )
    t = float(result.x)
    return t, model.concentration(t)


def _extreme(model: ExactModel, start: float, end: float, sign: float) -> tuple[float, float]:
    """(time, value) of the max (sign -1) or min (sign +1) of C on [start, end]."""
    grid = np.linspace(start, end, GRID_POINTS_PER_INTERVAL + 1)
    values = np.array([model.concentration(float(t)) for t in grid])
    i = int(np.argmin(sign * values))
    best_t, best_v = float(grid[i]), float(values[i])
    lo, hi = float(grid[max(i - 1, 0)]), float(grid[min(i + 1, len(grid) - 1)])
    if hi > lo:
        t, v = _refine_extreme(model, lo, hi, sign)
        if sign * v < sign * best_v:
            best_t, best_v = t, v
    return best_t, best_v


def time_above(model: ExactModel, threshold: float, start: float, end: float, step: float) -> float:
    grid = np.arange(start, end + step / 2, step)
    values = np.array([model.concentration(float(t)) for t in grid]) - threshold
    total = 0.0
    for i in range(len(grid) - 1):
        a, b = float(grid[i]), float(grid[i + 1])
        va, vb = values[i], values[i + 1]
        if va > 0 and vb > 0:
            total += b - a
        elif (va > 0) != (vb > 0):
            root = brentq(lambda t: model.concentration(t) - threshold, a, b, xtol=1e-12)
            total += (b - root) if vb > 0 else (root - a)
    return total


def compute_metrics(
    model: ExactModel,
    end_h: float,
    *,
    interval_h: float | None,
    threshold: float | None = None,
    step_h: float = 0.25,
) -> Metrics:
    doses = sorted(d.time_h + model.params.lag_h for d in model.doses)
    first = doses[0] if doses else 0.0
    peaks = [_extreme(model, a, b, -1.0) for a, b in _windows(doses, end_h)]
    tmax, cmax = max(peaks, key=lambda p: p[1])
    before = [t for t in doses if t <= tmax]
    tmax_after = tmax - (before[-1] if before else 0.0)
    auc_total = model.auc(0.0, end_h)
    cmin = auc_first = auc_last = cavg = ratio = t90 = None
    if interval_h is not None and doses:
        last = doses[-1]
        _, cmin = _extreme(model, last, last + interval_h, 1.0)
        auc_first = model.auc(first, first + interval_h)
        auc_last = model.auc(last, last + interval_h)
        cavg = auc_last / interval_h
        ratio = auc_last / auc_first
        t90 = _time_to_steady_state(model, interval_h, first)
    return Metrics(
        cmax=cmax,
        tmax_h=tmax,
        tmax_after_dose_h=tmax_after,
        cmin=cmin,
        auc_total=auc_total,
        auc_inf=model.auc_to_infinity(),
        auc_tau_first=auc_first,
        auc_tau_last=auc_last,
        cavg=cavg,
        accumulation_ratio=ratio,
        time_to_90pct_steady_state_h=t90,
        terminal_half_life_h=model.params.terminal_half_life_h(),
        time_above_threshold_h=None
        if threshold is None
        else time_above(model, threshold, 0.0, end_h, step_h),
    )


def _windows(dose_times: list[float], end_h: float) -> list[tuple[float, float]]:
    """Dosing intervals, so each peak is searched where it can be."""
    edges = [t for t in dose_times if t < end_h] or [0.0]
    bounds = [*edges, end_h]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _time_to_steady_state(model: ExactModel, tau: float, first: float) -> float | None:
    """Hours from the first dose to the end of the first interval whose AUC reaches 90%
    of the steady-state AUC_tau.

    With linear kinetics the AUC of interval n under regular dosing equals the
    single-dose AUC from 0 to n tau, and the steady-state AUC_tau equals the
    single-dose AUC to infinity; both come from the exact propagator.
    """
    if not model.doses:
        return None
    amount = model.doses[0].amount_mcg
    single = ExactModel(model.params, [Dose(0.0, amount)])
    target = 0.9 * single.auc_to_infinity()
    phi = single.phi(tau)
    x = np.zeros(model.params.n_states + 1)
    x[model.params.dose_state] = model.params.dose_fraction * amount
    for n in range(1, MAX_INTERVALS + 1):
        x = phi @ x
        if x[-1] >= target * (1 - 1e-12):
            return n * tau
    return None
