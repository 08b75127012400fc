"""The engine's own expm, minimiser and root finder against scipy's and by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st

from peptidekit.pk.small_linalg import expm, minimise, root

rates = st.floats(min_value=1e-3, max_value=50.0)


@given(rates, rates, rates, rates, st.floats(min_value=1e-3, max_value=200.0))
def test_expm_matches_scipy_on_pk_matrices(
    ka: float, ke: float, k12: float, k21: float, dt: float
) -> None:
    # two compartments with absorption and the AUC state, as the engine builds them
    a = np.array(
        [
            [-ka, 0.0, 0.0, 0.0],
            [ka, -ke - k12, k21, 0.0],
            [0.0, k12, -k21, 0.0],
            [0.0, 0.05, 0.0, 0.0],
        ]
    )
    ours, theirs = expm(a * dt), scipy.linalg.expm(a * dt)
    assert np.allclose(ours, theirs, rtol=1e-10, atol=1e-14 * np.abs(theirs).max())


def test_expm_with_a_repeated_eigenvalue_by_hand() -> None:
    # ka == ke = k: the central amount after a unit dose is k t e^(-k t)
    k, t = 0.7, 3.0
    a = np.array([[-k, 0.0], [k, -k]])
    assert expm(a * t)[1, 0] == pytest.approx(k * t * math.exp(-k * t), rel=1e-13)


def test_minimise_and_root_by_hand() -> None:
    assert minimise(lambda x: (x - 1.234567) ** 2, 0.0, 3.0) == pytest.approx(1.234567, abs=1e-9)
    assert root(lambda x: x * x - 2.0, 0.0, 2.0) == pytest.approx(math.sqrt(2), abs=1e-11)
