"""Population PK benchmark: the engine against baselines and the memory-write floor.

Run: .venv/bin/python benchmarks/pk_population.py
One compartment, first-order absorption (ka 1.5/h, ke 0.3/h, V 20 L, F 0.8),
500 mcg every 8 h for 28 days, output every 0.25 h (2,689 points), 10,000
subjects with 30% log-normal variability on ka, ke and V. Everything runs in
one process, side by side; each figure is the best of several runs after a
warm-up (the first call compiles the numba kernels). Slow baselines run on a
subset of subjects and are scaled linearly, as printed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numba
import numpy as np
from scipy.integrate import solve_ivp

from peptidekit.pk.model import PKParameters, regular_doses
from peptidekit.pk.population import (
    percentile_bands,
    sample_parameters,
    simulate_curves,
)

PARAMS = PKParameters(ke=0.3, volume_l=20.0, ka=1.5, bioavailability=0.8)
DOSES = regular_doses(500.0, 8.0, 84)
TIMES = np.arange(2689) * 0.25
SUBJECTS, CV, SEED = 10_000, 0.3, 1


def best(func: Callable[[], object], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def numpy_superposition(subjects: int) -> np.ndarray:
    s = sample_parameters(PARAMS, subjects, CV, SEED)
    ka, ke, v = s["ka"], s["ke"], s["volume_l"]
    coef = PARAMS.bioavailability * ka / (v * (ka - ke))
    out = np.zeros((len(TIMES), subjects))
    for dose in DOSES:
        t = TIMES[dose.time_h <= TIMES][:, None] - dose.time_h
        out[dose.time_h <= TIMES] += dose.amount_mcg * coef * (np.exp(-ke * t) - np.exp(-ka * t))
    return out


def scipy_per_subject(subjects: int) -> None:
    s = sample_parameters(PARAMS, subjects, CV, SEED)
    for i in range(subjects):
        ka, ke = s["ka"][i], s["ke"][i]
        y = np.zeros(2)
        for j, dose in enumerate(DOSES):
            y[0] += PARAMS.bioavailability * dose.amount_mcg
            end = DOSES[j + 1].time_h if j + 1 < len(DOSES) else TIMES[-1]
            grid = TIMES[(dose.time_h <= TIMES) & (end >= TIMES)]
            sol = solve_ivp(
                lambda _t, x, ka=ka, ke=ke: [-ka * x[0], ka * x[0] - ke * x[1]],
                (dose.time_h, end),
                y,
                t_eval=grid,
                rtol=1e-8,
                atol=1e-10,
            )
            y = sol.y[:, -1]


def main() -> None:
    out = np.empty((len(TIMES), SUBJECTS))
    out.fill(0.0)  # touch every page once, so no run pays for page faults
    simulate_curves(PARAMS, DOSES, TIMES, subjects=SUBJECTS, cv=CV, seed=SEED, out=out)
    percentile_bands(out)  # compile the kernels (cached on disk afterwards)

    floor = best(lambda: out.fill(1.0))
    engine = best(
        lambda: simulate_curves(PARAMS, DOSES, TIMES, subjects=SUBJECTS, cv=CV, seed=SEED, out=out)
    )
    bands = best(lambda: percentile_bands(out))
    check = np.percentile(out[:50], [5, 50, 95], axis=1, method="inverted_cdf").T
    assert np.array_equal(percentile_bands(out[:50]), check)
    numpy_pct = best(lambda: np.percentile(out, [5, 50, 95], axis=1), repeats=1)
    fresh_floor = best(lambda: np.empty((len(TIMES), SUBJECTS)).fill(1.0), repeats=3)
    fresh_engine = best(
        lambda: simulate_curves(PARAMS, DOSES, TIMES, subjects=SUBJECTS, cv=CV, seed=SEED),
        repeats=3,
    )
    sub_np = 1000
    superposition = best(lambda: numpy_superposition(sub_np), repeats=1) * SUBJECTS / sub_np
    sub_ivp = 10
    ivp = best(lambda: scipy_per_subject(sub_ivp), repeats=1) * SUBJECTS / sub_ivp

    print(
        f"{len(TIMES)} time points x {SUBJECTS} subjects = {len(TIMES) * SUBJECTS:,} values; "
        f"numba threads: {numba.get_num_threads()}"
    )
    rows = [
        ("memory-write floor (fill a pre-touched array)", floor, "1.0x floor"),
        ("engine: exact propagation, pre-touched output", engine, f"{engine / floor:.2f}x floor"),
        ("percentile bands (exact, 5/50/95)", bands, f"{bands / engine:.2f}x engine"),
        ("numpy.percentile of the same array", numpy_pct, f"{numpy_pct / engine:.1f}x engine"),
        ("floor with a fresh array (page faults)", fresh_floor, "1.0x fresh floor"),
        (
            "engine with a fresh array",
            fresh_engine,
            f"{fresh_engine / fresh_floor:.2f}x fresh floor",
        ),
        (
            f"numpy per-dose superposition ({sub_np} subjects, x{SUBJECTS // sub_np})",
            superposition,
            f"{superposition / engine:.0f}x engine",
        ),
        (
            f"scipy solve_ivp per subject ({sub_ivp} subjects, x{SUBJECTS // sub_ivp})",
            ivp,
            f"{ivp / engine:.0f}x engine",
        ),
    ]
    for name, seconds, ratio in rows:
        print(f"{name:<58} {seconds * 1000:>10.1f} ms   {ratio}")
    print(
        f"targets: engine within 3x of the floor: {engine / floor <= 3}; "
        f"bands within 3x of the engine: {bands / engine <= 3}"
    )


if __name__ == "__main__":
    main()
