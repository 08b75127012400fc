"""Small dense numerics for the single-subject engine, in numpy alone.

The engine's matrices are 3x3 to 4x4, so importing scipy's linear algebra and
optimisers (about 0.2 s) cost more than the computation; these replace the
three calls it needs. The tests compare each with scipy's.

* :func:`expm`: the matrix exponential by scaling and squaring with the [13/13]
  Pade approximant (Higham, SIAM J. Matrix Anal. Appl. 26:1179-1193, 2005),
  the method of scipy.linalg.expm; exact for repeated eigenvalues (ka == ke).
* :func:`maximise` / :func:`minimise`: golden-section search on a bracket.
* :func:`root`: bisection to a tolerance (the functions are smooth and the
  bracket has a sign change).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from peptidekit.pk.model import FloatArray

_PADE13 = (
    64764752532480000.0,
    32382376266240000.0,
    7771770303897600.0,
    1187353796428800.0,
    129060195264000.0,
    10559470521600.0,
    670442572800.0,
    33522128640.0,
    1323241920.0,
    40840800.0,
    960960.0,
    16380.0,
    182.0,
    1.0,
)
_THETA13 = 5.371920351148152


def expm(a: FloatArray) -> FloatArray:
    """exp(a) for a small square matrix."""
    norm = float(np.linalg.norm(a, 1))
    squarings = max(0, math.ceil(math.log2(norm / _THETA13))) if norm > _THETA13 else 0
    a = a / 2.0**squarings
    b = _PADE13
    ident = np.eye(a.shape[0])
    a2 = a @ a
    a4 = a2 @ a2
    a6 = a4 @ a2
    u = a @ (
        a6 @ (b[13] * a6 + b[11] * a4 + b[9] * a2)
        + b[7] * a6
        + b[5] * a4
        + b[3] * a2
        + b[1] * ident
    )
    v = (
        a6 @ (b[12] * a6 + b[10] * a4 + b[8] * a2)
        + b[6] * a6
        + b[4] * a4
        + b[2] * a2
        + b[0] * ident
    )
    result: FloatArray = np.linalg.solve(v - u, v + u)
    for _ in range(squarings):
        result = result @ result
    return result


_GOLDEN = (math.sqrt(5) - 1) / 2


def minimise(f: Callable[[float], float], lo: float, hi: float, xtol: float = 1e-10) -> float:
    """The x in [lo, hi] where a unimodal f is least (golden-section search)."""
    a, b = lo, hi
    c, d = b - _GOLDEN * (b - a), a + _GOLDEN * (b - a)
    fc, fd = f(c), f(d)
    while b - a > xtol:
        if fc <= fd:
            b, d, fd = d, c, fc
            c = b - _GOLDEN * (b - a)
            fc = f(c)
        else:
            a, c, fc = c, d, fd
            d = a + _GOLDEN * (b - a)
            fd = f(d)
    return (a + b) / 2


def root(f: Callable[[float], float], lo: float, hi: float, xtol: float = 1e-12) -> float:
    """A root of f in [lo, hi], where f(lo) and f(hi) differ in sign (bisection)."""
    f_lo = f(lo)
    a, b = lo, hi
    while b - a > xtol:
        mid = (a + b) / 2
        f_mid = f(mid)
        if f_mid == 0:
            return mid
        if (f_mid > 0) == (f_lo > 0):
            a, f_lo = mid, f_mid
        else:
            b = mid
    return (a + b) / 2
