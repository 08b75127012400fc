"""Exact single-subject solution by event-to-event propagation with matrix exponentials.

Between events the linear system x' = A x is solved exactly by
x(t + dt) = expm(A dt) x(t). The area under the concentration curve rides
along as one more state (Van Loan's augmentation), so AUCs are exact too.
expm handles repeated eigenvalues, so ka == ke needs no special case.
Doses are added at their time plus the lag; the curve is right-continuous
(a concentration at a dose time includes that dose).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.linalg import expm

from peptidekit.pk.model import Dose, FloatArray, PKParameters


@dataclass
class ExactModel:
    params: PKParameters
    doses: Sequence[Dose]

    def __post_init__(self) -> None:
        p = self.params
        n = p.n_states
        aug = np.zeros((n + 1, n + 1))
        aug[:n, :n] = p.matrix()
        aug[n, p.central] = 1.0 / p.volume_l  # d(AUC)/dt = C
        self._aug = aug
        self._cache: dict[float, FloatArray] = {}
        self._events = sorted((d.time_h + p.lag_h, d.amount_mcg) for d in self.doses)

    def phi(self, dt: float) -> FloatArray:
        """The augmented transition matrix over ``dt`` hours (amounts and AUC)."""
        return self._phi(dt)

    def _phi(self, dt: float) -> FloatArray:
        if dt not in self._cache:
            self._cache[dt] = expm(self._aug * dt)
        return self._cache[dt]

    def _state_at(self, t: float) -> FloatArray:
        """Augmented state [amounts..., AUC from 0] at time t (right-continuous)."""
        p = self.params
        x = np.zeros(p.n_states + 1)
        now = 0.0
        for when, amount in self._events:
            if when > t:
                break
            x = self._phi(when - now) @ x
            x[p.dose_state] += p.dose_fraction * amount
            now = when
        return self._phi(t - now) @ x

    def concentration(self, t: float) -> float:
        x = self._state_at(t)
        return float(x[self.params.central] / self.params.volume_l)

    def auc(self, start: float, end: float) -> float:
        return float(self._state_at(end)[-1] - self._state_at(start)[-1])

    def curve(self, times: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Concentration and cumulative AUC at sorted ``times`` in one pass."""
        p = self.params
        order = np.argsort(times, kind="stable")
        conc = np.empty(len(times))
        auc = np.empty(len(times))
        x = np.zeros(p.n_states + 1)
        now = 0.0
        events = iter(self._events)
        pending = next(events, None)
        for index in order:
            t = float(times[index])
            while pending is not None and pending[0] <= t:
                x = self._phi(pending[0] - now) @ x
                x[p.dose_state] += p.dose_fraction * pending[1]
                now = pending[0]
                pending = next(events, None)
            y = self._phi(t - now) @ x
            conc[index] = y[p.central] / p.volume_l
            auc[index] = y[-1]
        return conc, auc

    def auc_to_infinity(self) -> float:
        """AUC from time 0 to infinity for the whole regimen (all doses given)."""
        p = self.params
        last = self._events[-1][0] if self._events else 0.0
        x = self._state_at(last)
        amounts = x[:-1]
        a = p.matrix()
        # the remaining AUC of the amounts in the body: (1/V) e_c^T (-A)^-1 x
        remaining = np.linalg.solve(-a, amounts)[p.central] / p.volume_l
        return float(x[-1] + remaining)
