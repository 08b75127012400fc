"""Population simulation: log-normal variability, exact per-subject curves, bands.

Each subject's ka, ke and V are the typical value times exp(omega z), z
standard normal, with omega = sqrt(ln(1 + CV^2)) so that the coefficient of
variation of the parameter is CV and its median is the typical value. The
generator is seeded, so the same seed gives the same population.

Outputs are computed in chunks of time points, so memory stays bounded by
``chunk_bytes`` however many subjects there are; percentiles (5th, 50th,
95th, nearest rank) are exact order statistics over all subjects.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.linalg import expm

from peptidekit.pk.model import Dose, FloatArray, PKParameters

PERCENTILES = (5.0, 50.0, 95.0)
STEP_TOLERANCE_H = 1e-12
VARIABLE = ("ka", "ke", "volume_l")


@dataclass(frozen=True)
class PopulationResult:
    time_h: FloatArray
    bands: FloatArray
    """(time points, 3): the 5th, 50th and 95th percentiles, mcg/L."""
    subjects: int
    cv: float
    seed: int

    @property
    def p05(self) -> FloatArray:
        return self.bands[:, 0]

    @property
    def p50(self) -> FloatArray:
        return self.bands[:, 1]

    @property
    def p95(self) -> FloatArray:
        return self.bands[:, 2]


def sample_parameters(
    params: PKParameters, subjects: int, cv: float, seed: int
) -> dict[str, FloatArray]:
    """Per-subject ka, ke and V (log-normal around the typical values)."""
    rng = np.random.default_rng(seed)
    omega = math.sqrt(math.log1p(cv * cv))
    out: dict[str, FloatArray] = {}
    for name in VARIABLE:
        typical = getattr(params, name)
        if typical is None:
            continue
        out[name] = typical * np.exp(omega * rng.standard_normal(subjects))
    return out


def nearest_ranks(subjects: int, percentiles: Sequence[float] = PERCENTILES) -> np.ndarray:
    """0-based ranks of the nearest-rank percentiles (numpy's 'inverted_cdf')."""
    return np.array([max(math.ceil(p / 100 * subjects) - 1, 0) for p in percentiles], np.int64)


def event_plan(
    times_h: FloatArray, doses: Sequence[Dose], lag_h: float
) -> tuple[FloatArray, np.ndarray, FloatArray, np.ndarray]:
    """Distinct steps, and per event: step index, dose amount, output row (-1: none)."""
    dose_times = np.array([d.time_h + lag_h for d in doses], float)
    amounts = np.array([d.amount_mcg for d in doses], float)
    all_times = np.concatenate([times_h, dose_times])
    is_output = np.concatenate([np.ones(len(times_h), bool), np.zeros(len(dose_times), bool)])
    order = np.lexsort((is_output, all_times))  # doses before outputs at the same instant
    event_times = all_times[order]
    steps = np.diff(np.concatenate([[0.0], event_times]))
    if np.any(steps < -STEP_TOLERANCE_H):
        raise ValueError("event times must not be negative")
    steps = np.maximum(steps, 0.0)
    moving = steps > STEP_TOLERANCE_H
    keys = np.round(steps / STEP_TOLERANCE_H).astype(np.int64)
    _keys, first, inverse = np.unique(keys[moving], return_index=True, return_inverse=True)
    distinct = steps[moving][first]
    step_kind = np.full(len(steps), -1, np.int64)
    step_kind[moving] = inverse
    dose_amount = np.zeros(len(event_times))
    out_row = np.full(len(event_times), -1, np.int64)
    outputs = is_output[order]
    out_row[outputs] = np.arange(int(outputs.sum()))
    dose_amount[~outputs] = amounts[order[~outputs] - len(times_h)]
    return distinct, step_kind, dose_amount, out_row


def transition_matrices(
    params: PKParameters, sampled: dict[str, FloatArray], steps: FloatArray
) -> FloatArray:
    """phi[k, i, j, s]: entry (i, j) of subject s's exact transition matrix over steps[k].

    One compartment: closed form, stable as ka approaches ke (expm1(x)/x).
    Two compartments: scipy's matrix exponential, batched over subjects.
    """
    ke = sampled["ke"]
    subjects = len(ke)
    n = params.n_states
    phi = np.zeros((len(steps), n, n, subjects))
    for k, h in enumerate(steps):
        if not params.two_compartment:
            ee = np.exp(-ke * h)
            if params.ka is None:
                phi[k, 0, 0] = ee
                continue
            ka = sampled["ka"]
            x = (ke - ka) * h
            small = np.abs(x) < 1e-8
            safe = np.where(small, 1.0, x)
            ratio = np.where(small, 1.0 + x / 2 + x * x / 6, np.expm1(safe) / safe)
            phi[k, 0, 0] = np.exp(-ka * h)
            phi[k, 1, 0] = ka * h * ee * ratio
            phi[k, 1, 1] = ee
            continue
        a = np.zeros((subjects, n, n))
        a[:] = params.matrix()
        c = params.central
        a[:, c, c] = -(ke + params.k12)
        if params.ka is not None:
            a[:, 0, 0] = -sampled["ka"]
            a[:, c, 0] = sampled["ka"]
        phi[k] = np.moveaxis(expm(a * h), 0, -1)
    return phi


@dataclass(frozen=True)
class _Prepared:
    times: FloatArray
    step_kind: np.ndarray
    dose_amount: FloatArray
    out_row: np.ndarray
    phi: FloatArray
    inv_volume: FloatArray


def _prepare(
    params: PKParameters,
    doses: Sequence[Dose],
    times_h: FloatArray,
    subjects: int,
    cv: float,
    seed: int,
) -> _Prepared:
    times = np.asarray(times_h, float)
    sampled = sample_parameters(params, subjects, cv, seed)
    steps, step_kind, dose_amount, out_row = event_plan(times, doses, params.lag_h)
    return _Prepared(
        times=times,
        step_kind=step_kind,
        dose_amount=dose_amount * params.dose_fraction,
        out_row=out_row,
        phi=transition_matrices(params, sampled, steps),
        inv_volume=1.0 / sampled["volume_l"],
    )


def simulate_curves(
    params: PKParameters,
    doses: Sequence[Dose],
    times_h: FloatArray,
    *,
    subjects: int,
    cv: float,
    seed: int = 1,
    out: FloatArray | None = None,
) -> FloatArray:
    """Every subject's concentration (mcg/L), time-major: out[time, subject].

    For populations that fit in memory; :func:`simulate_population` gives bands
    for any size.
    """
    from peptidekit.pk import kernels

    prep = _prepare(params, doses, times_h, subjects, cv, seed)
    result = np.empty((len(prep.times), subjects)) if out is None else out
    kernels.propagate(
        prep.phi,
        prep.step_kind,
        prep.dose_amount,
        prep.out_row,
        np.zeros((params.n_states, subjects)),
        params.dose_state,
        params.central,
        prep.inv_volume,
        result,
    )
    return result


def percentile_bands(curves: FloatArray) -> FloatArray:
    """Exact 5th, 50th and 95th percentiles (nearest rank) of each row of ``curves``."""
    from peptidekit.pk import kernels

    ranks = nearest_ranks(curves.shape[1])
    bands = np.empty((curves.shape[0], len(ranks)))
    kernels.bands(curves, ranks, bands)
    return bands


def simulate_population(
    params: PKParameters,
    doses: Sequence[Dose],
    times_h: FloatArray,
    *,
    subjects: int,
    cv: float,
    seed: int = 1,
    chunk_bytes: int = 64 * 2**20,
    progress: Callable[[int, int], None] | None = None,
) -> PopulationResult:
    """Percentile bands of the concentration (mcg/L) at ``times_h`` (sorted, hours)."""
    from peptidekit.pk import kernels

    prep = _prepare(params, doses, times_h, subjects, cv, seed)
    times, out_row = prep.times, prep.out_row
    state = np.zeros((params.n_states, subjects))
    ranks = nearest_ranks(subjects)
    bands = np.empty((len(times), len(ranks)))
    row_event = np.flatnonzero(out_row >= 0)
    rows_per_chunk = max(1, min(len(times), chunk_bytes // (8 * subjects)))
    buffer = np.empty((rows_per_chunk, subjects))
    start_event = 0
    done = 0
    while done < len(times):
        stop_row = min(done + rows_per_chunk, len(times))
        stop_event = int(row_event[stop_row - 1]) + 1  # through the event writing that row
        rows = out_row[start_event:stop_event].copy()
        rows[rows >= 0] -= done
        kernels.propagate(
            prep.phi,
            prep.step_kind[start_event:stop_event],
            prep.dose_amount[start_event:stop_event],
            rows,
            state,
            params.dose_state,
            params.central,
            prep.inv_volume,
            buffer,
        )
        kernels.bands(buffer[: stop_row - done], ranks, bands[done:stop_row])
        start_event, done = stop_event, stop_row
        if progress is not None:
            progress(done, len(times))
    # doses after the last output time do not change the bands
    return PopulationResult(times, bands, subjects, cv, seed)
