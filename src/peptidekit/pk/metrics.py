"""Exposure metrics of one subject, computed on the exact solution.

Peaks, troughs and threshold crossings are found on a fine grid and then
refined with a bounded scalar search on the exact curve, so they do not
depend on the output step.

Everything is one pass over the dosing intervals: the state at the start of
each interval comes from the previous one, the grid inside an interval from a
stack of transition matrices cached per interval length, and a refinement
starts from the state of its own interval. The cost grows with the number of
doses, not with its square (a year of doses every 8 hours takes well under a
second).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from peptidekit.pk.exact import ExactModel
from peptidekit.pk.model import Dose
from peptidekit.pk.small_linalg import minimise, root

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


REFINED_PEAKS = 8
"""Intervals whose grid peak is among the highest this many are refined exactly."""


@dataclass(frozen=True)
class _Interval:
    start: float
    end: float
    state: Any
    """Augmented state at ``start`` (after its dose)."""


def _intervals(model: ExactModel, end_h: float) -> list[_Interval]:
    """The stretches between events up to ``end_h``, each with its starting state."""
    states = [(t, x) for t, x in model.interval_states() if t < end_h]
    bounds = [t for t, _ in states] + [end_h]
    return [_Interval(a, b, x) for (a, x), b in zip(states, bounds[1:], strict=True) if b > a]


def _refine(
    model: ExactModel, interval: _Interval, grid_index: int, sign: float
) -> tuple[float, float]:
    """The exact extreme near grid point ``grid_index`` of the interval."""
    length = interval.end - interval.start
    h = length / GRID_POINTS_PER_INTERVAL
    lo = interval.start + max(grid_index - 1, 0) * h
    hi = interval.start + min(grid_index + 1, GRID_POINTS_PER_INTERVAL) * h
    # start the search from the grid state just before it, so each evaluation is one expm
    anchor_t = lo
    anchor = model.phi(lo - interval.start) @ interval.state

    def value(t: float) -> float:
        return model.local_concentration(anchor_t, anchor, t)

    t = minimise(lambda t: sign * value(t), lo, hi, xtol=1e-10)
    return t, value(t)


def _extreme(model: ExactModel, interval: _Interval, sign: float) -> tuple[float, float]:
    """(time, value) of the max (sign -1) or min (sign +1) of C over one interval."""
    values = model.grid_concentrations(
        interval.state, interval.end - interval.start, GRID_POINTS_PER_INTERVAL
    )
    i = int(np.argmin(sign * values))
    h = (interval.end - interval.start) / GRID_POINTS_PER_INTERVAL
    best_t, best_v = interval.start + i * h, float(values[i])
    t, v = _refine(model, interval, i, sign)
    return (t, v) if sign * v < sign * best_v else (best_t, best_v)


def _highest_peak(model: ExactModel, intervals: list[_Interval]) -> tuple[float, float]:
    """The highest peak over all intervals (the earliest of equal ones): grid peaks of
    every interval, then an exact search in the few highest."""
    peaks = np.array(
        [
            model.grid_concentrations(iv.state, iv.end - iv.start, GRID_POINTS_PER_INTERVAL).max()
            for iv in intervals
        ]
    )
    order = np.argsort(-peaks, kind="stable")[:REFINED_PEAKS]
    refined = [(int(k), *_extreme(model, intervals[int(k)], -1.0)) for k in order]
    top = max(v for _, _, v in refined)
    earliest = min((k, t) for k, t, v in refined if v >= top * (1 - 1e-12))
    return earliest[1], max(v for k, _, v in refined if k == earliest[0])


def _crossing(
    model: ExactModel, threshold: float, a: float, state: Any, dose_inside: bool
) -> Callable[[float], float]:
    """C(t) - threshold on [a, b]: from the state at ``a`` (one expm an evaluation), or
    on the full model when a dose falls between the grid points (rare)."""
    if dose_inside:
        return lambda t: model.concentration(t) - threshold
    return lambda t: model.local_concentration(a, state, t) - threshold


def time_above(model: ExactModel, threshold: float, start: float, end: float, step: float) -> float:
    """Hours above ``threshold`` in [start, end]: a grid of ``step`` from one pass over
    the curve, each crossing refined from its own interval's state."""
    grid = np.arange(start, end + step / 2, step)
    states = model.states(grid)
    values = states[:, model.params.central] / model.params.volume_l - threshold
    events = np.array(sorted({t for t, _ in model.interval_states()}))
    total = 0.0
    for i in range(len(grid) - 1):
        a, b = float(grid[i]), float(grid[i + 1])
        va, vb = values[i], values[i + 1]
        if va > 0 and vb > 0:
            total += b - a
        elif (va > 0) != (vb > 0):
            inside = events[(events > a) & (events < b)]
            crossing = root(_crossing(model, threshold, a, states[i], bool(len(inside))), a, b)
            total += (b - crossing) if vb > 0 else (crossing - a)
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
    intervals = _intervals(model, end_h)
    tmax, cmax = _highest_peak(model, intervals)
    before = [t for t in doses if t <= tmax]
    tmax_after = tmax - (before[-1] if before else 0.0)
    auc_total = model.auc(0.0, end_h)
    cmin = auc_first = auc_last = cavg = ratio = t90 = None
    if interval_h is not None and doses:
        last = doses[-1]
        state = model.state_at(last)
        _, cmin = _extreme(model, _Interval(last, last + interval_h, state), 1.0)
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
