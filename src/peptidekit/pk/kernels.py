"""Compiled kernels for populations (numba): propagation and exact percentile bands.

``propagate`` walks a shared sequence of events (output times and dose
times) for every subject at once, each subject with its own exact transition
matrices, writing the concentration at output events into a time-major array.

``bands`` takes exact order statistics of each row (one time point across
subjects) by a histogram select: a pass for the row's range, a pass to count
values into 1024 equal-width bins, then a quickselect among the values of the
one bin that holds each wanted rank. The result equals sorting the row.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from peptidekit.pk.model import FloatArray

BINS = 1024


@njit(cache=True, parallel=True)
def propagate(  # pragma: no cover - compiled; exercised through population tests
    phi: FloatArray,
    step_kind: np.ndarray,
    dose_amount: FloatArray,
    out_row: np.ndarray,
    state: FloatArray,
    dose_state: int,
    central: int,
    inv_volume: FloatArray,
    out: FloatArray,
) -> None:
    """Advance ``state`` (states x subjects) through the events, writing outputs.

    phi[k, i, j, s] is subject s's transition matrix entry (i, j) for the k-th
    distinct step. Event e: propagate by step_kind[e] (-1: no time passes),
    add dose_amount[e] to the dose state, then, if out_row[e] >= 0, write the
    concentration into out[out_row[e]]. One to three states.
    """
    n = state.shape[0]
    subjects = state.shape[1]
    for e in range(step_kind.shape[0]):
        k = step_kind[e]
        dose = dose_amount[e]
        row = out_row[e]
        if k >= 0:
            if n == 1:
                for s in prange(subjects):
                    state[0, s] = phi[k, 0, 0, s] * state[0, s]
            elif n == 2:
                for s in prange(subjects):
                    a = state[0, s]
                    b = state[1, s]
                    state[0, s] = phi[k, 0, 0, s] * a + phi[k, 0, 1, s] * b
                    state[1, s] = phi[k, 1, 0, s] * a + phi[k, 1, 1, s] * b
            else:
                for s in prange(subjects):
                    a = state[0, s]
                    b = state[1, s]
                    c = state[2, s]
                    state[0, s] = phi[k, 0, 0, s] * a + phi[k, 0, 1, s] * b + phi[k, 0, 2, s] * c
                    state[1, s] = phi[k, 1, 0, s] * a + phi[k, 1, 1, s] * b + phi[k, 1, 2, s] * c
                    state[2, s] = phi[k, 2, 0, s] * a + phi[k, 2, 1, s] * b + phi[k, 2, 2, s] * c
        if dose != 0.0:
            for s in prange(subjects):
                state[dose_state, s] += dose
        if row >= 0:
            target = out[row]
            for s in prange(subjects):
                target[s] = state[central, s] * inv_volume[s]


@njit(cache=True)
def _select(buf: FloatArray, n: int, k: int) -> float:  # pragma: no cover - compiled
    left, right = 0, n - 1
    while left < right:
        pivot = buf[(left + right) >> 1]
        i, j = left, right
        while i <= j:
            while buf[i] < pivot:
                i += 1
            while buf[j] > pivot:
                j -= 1
            if i <= j:
                tmp = buf[i]
                buf[i] = buf[j]
                buf[j] = tmp
                i += 1
                j -= 1
        if k <= j:
            right = j
        elif k >= i:
            left = i
        else:
            break
    return float(buf[k])


@njit(cache=True, parallel=True)
def bands(values: FloatArray, ranks: np.ndarray, result: FloatArray) -> None:  # pragma: no cover
    """result[t, j] = the ranks[j]-th smallest value of values[t] (0-based)."""
    n_rows, n = values.shape
    for t in prange(n_rows):
        row = values[t]
        counts = np.zeros(BINS, np.int64)
        buf = np.empty(n)
        lo = row[0]
        hi = row[0]
        for s in range(n):
            v = row[s]
            if v < lo:
                lo = v
            if v > hi:
                hi = v
        if hi == lo:
            for j in range(ranks.shape[0]):
                result[t, j] = lo
            continue
        scale = (BINS - 1e-9) / (hi - lo)
        for s in range(n):
            counts[int((row[s] - lo) * scale)] += 1
        for j in range(ranks.shape[0]):
            target = ranks[j]
            below = 0
            b = 0
            while below + counts[b] <= target:
                below += counts[b]
                b += 1
            m = 0
            for s in range(n):
                if int((row[s] - lo) * scale) == b:
                    buf[m] = row[s]
                    m += 1
            result[t, j] = _select(buf, m, target - below)
