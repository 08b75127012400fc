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

from peptidekit.pk.model import Dose, FloatArray, PKParameters
from peptidekit.pk.small_linalg import expm


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
        self._stacks: dict[tuple[float, int], FloatArray] = {}
        self._events = sorted((d.time_h + p.lag_h, d.amount_mcg) for d in self.doses)

    def phi(self, dt: float) -> FloatArray:
        """The augmented transition matrix over ``dt`` hours (amounts and AUC)."""
        return self._phi(dt)

    def _phi(self, dt: float) -> FloatArray:
        if dt not in self._cache:
            self._cache[dt] = expm(self._aug * dt)
        return self._cache[dt]

    def state_at(self, t: float) -> FloatArray:
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

    def interval_states(self) -> list[tuple[float, FloatArray]]:
        """(time, augmented state just after the events at that time) for time 0 and every
        event time, in one pass: the start of each stretch with no event inside."""
        p = self.params
        x = np.zeros(p.n_states + 1)
        now = 0.0
        out: list[tuple[float, FloatArray]] = []
        for when, amount in self._events:
            x = self._phi(when - now) @ x
            now = when
            x[p.dose_state] += p.dose_fraction * amount
            if out and out[-1][0] == when:
                out[-1] = (when, x.copy())
            else:
                out.append((when, x.copy()))
        if not out or out[0][0] > 0:
            out.insert(0, (0.0, np.zeros(p.n_states + 1)))
        return out

    def local_concentration(self, start: float, state: FloatArray, t: float) -> float:
        """C(t) from the state at ``start``, valid while no event lies in (start, t]."""
        y = expm(self._aug * (t - start)) @ state
        return float(y[self.params.central] / self.params.volume_l)

    def grid_concentrations(self, state: FloatArray, length: float, points: int) -> FloatArray:
        """C at ``points`` + 1 evenly spaced times over ``length`` hours from ``state``
        (no event inside), from one cached stack of transition matrices per length."""
        key = (length, points)
        stack = self._stacks.get(key)
        if stack is None:
            step = self._phi(length / points)
            stack = np.empty((points + 1, *step.shape))
            stack[0] = np.eye(step.shape[0])
            for k in range(1, points + 1):
                stack[k] = step @ stack[k - 1]
            if len(self._stacks) > 64:
                self._stacks.clear()
            self._stacks[key] = stack
        values: FloatArray = (stack @ state)[:, self.params.central] / self.params.volume_l
        return values

    def concentration(self, t: float) -> float:
        x = self.state_at(t)
        return float(x[self.params.central] / self.params.volume_l)

    def auc(self, start: float, end: float) -> float:
        return float(self.state_at(end)[-1] - self.state_at(start)[-1])

    def states(self, times: FloatArray) -> FloatArray:
        """Augmented states (amounts..., AUC) at ``times``, in one pass over the events."""
        p = self.params
        order = np.argsort(times, kind="stable")
        out = np.empty((len(times), p.n_states + 1))
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
            out[index] = self._phi(t - now) @ x
        return out

    def curve(self, times: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Concentration and cumulative AUC at sorted ``times`` in one pass."""
        states = self.states(times)
        conc: FloatArray = states[:, self.params.central] / self.params.volume_l
        auc: FloatArray = states[:, -1]
        return conc, auc

    def auc_to_infinity(self) -> float:
        """AUC from time 0 to infinity for the whole regimen (all doses given)."""
        p = self.params
        last = self._events[-1][0] if self._events else 0.0
        x = self.state_at(last)
        amounts = x[:-1]
        a = p.matrix()
        # the remaining AUC of the amounts in the body: (1/V) e_c^T (-A)^-1 x
        remaining = np.linalg.solve(-a, amounts)[p.central] / p.volume_l
        return float(x[-1] + remaining)
