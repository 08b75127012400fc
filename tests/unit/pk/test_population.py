"""Population bands: exact order statistics, reproducible, chunk-independent."""

from __future__ import annotations

import numpy as np
import pytest

from peptidekit.pk.exact import ExactModel
from peptidekit.pk.model import PKParameters, regular_doses
from peptidekit.pk.population import nearest_ranks, sample_parameters, simulate_population

PARAMS = PKParameters(ke=0.3, volume_l=20.0, ka=1.5, bioavailability=0.8)
DOSES = regular_doses(500.0, 8.0, 9)
TIMES = np.arange(0, 72.25, 0.25)


def test_bands_equal_percentiles_of_brute_force_exact_curves() -> None:
    subjects, cv, seed = 60, 0.3, 7
    result = simulate_population(PARAMS, DOSES, TIMES, subjects=subjects, cv=cv, seed=seed)
    sampled = sample_parameters(PARAMS, subjects, cv, seed)
    curves = np.array(
        [
            ExactModel(
                PARAMS.with_values(
                    ka=sampled["ka"][i], ke=sampled["ke"][i], volume_l=sampled["volume_l"][i]
                ),
                DOSES,
            ).curve(TIMES)[0]
            for i in range(subjects)
        ]
    )
    expected = np.percentile(curves, [5, 50, 95], axis=0, method="inverted_cdf").T
    assert np.allclose(result.bands, expected, rtol=1e-10, atol=1e-12)


def test_two_compartment_population_matches_exact_with_no_variability() -> None:
    params = PARAMS.with_values(k12=0.4, k21=0.2)
    result = simulate_population(params, DOSES, TIMES, subjects=11, cv=1e-14, seed=1)
    exact = ExactModel(params, DOSES).curve(TIMES)[0]
    assert np.allclose(result.p50, exact, rtol=1e-10, atol=1e-13)


def test_iv_population_matches_exact_with_no_variability() -> None:
    params = PKParameters(ke=0.3, volume_l=20.0)
    result = simulate_population(params, DOSES, TIMES, subjects=5, cv=1e-14, seed=1)
    exact = ExactModel(params, DOSES).curve(TIMES)[0]
    assert np.allclose(result.p05, exact, rtol=1e-10)


def test_same_seed_same_population_and_chunking_changes_nothing() -> None:
    a = simulate_population(PARAMS, DOSES, TIMES, subjects=500, cv=0.3, seed=3)
    calls: list[tuple[int, int]] = []
    b = simulate_population(
        PARAMS,
        DOSES,
        TIMES,
        subjects=500,
        cv=0.3,
        seed=3,
        chunk_bytes=8 * 500 * 7,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert np.array_equal(a.bands, b.bands)
    assert len(calls) == -(-len(TIMES) // 7)
    assert calls[-1] == (len(TIMES), len(TIMES))
    c = simulate_population(PARAMS, DOSES, TIMES, subjects=500, cv=0.3, seed=4)
    assert not np.array_equal(a.bands, c.bands)


def test_log_normal_sampling_keeps_median_and_cv() -> None:
    sampled = sample_parameters(PARAMS, 200_000, 0.3, 11)
    ke = sampled["ke"]
    assert np.median(ke) == pytest.approx(0.3, rel=0.01)
    assert np.std(ke) / np.mean(ke) == pytest.approx(0.3, rel=0.02)


def test_nearest_ranks() -> None:
    assert list(nearest_ranks(10_000)) == [499, 4999, 9499]
    assert list(nearest_ranks(1)) == [0, 0, 0]
