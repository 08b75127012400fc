"""Stacks: several protocols planned together, each with its own compound, dose, route,
times, course and supply, and the checks that only the combination can fail.

The combination checks are:

- per compound, every local day's total over all components (a compound taken in
  two components, or co-delivered from a blend vial), against its daily reference;
- administrations due at the same moment by the same route (two nasal products
  at 08:00, say), and, where each one's volume per nostril is known, their total
  volume into one nostril against the most any one label puts there at once.

Nothing is summed across compounds: they are different molecules.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from peptidekit.protocol.plan import Plan
from peptidekit.protocol.spec import zone
from peptidekit.results import DISCLAIMER, ResultWarning


@dataclass(frozen=True)
class StackPlan:
    plans: tuple[Plan, ...]
    warnings: tuple[ResultWarning, ...]
    """The combination's own checks; each component keeps its own warnings."""
    described_by: dict[str, Any] | None = None
    """The knowledge base's record of this combination, when it has one."""

    @property
    def name(self) -> str:
        return " + ".join(p.schedule.spec.compound or "dose" for p in self.plans)

    def dose_rows(self, each: list[list[dict[str, Any]]] | None = None) -> list[dict[str, Any]]:
        """Every dose of every component, in time order, each naming its compound
        (``each``: the components' own rows, when already made)."""
        each = each if each is not None else [plan.dose_rows() for plan in self.plans]
        rows = [
            {**row, "compound": plan.schedule.spec.compound, "route": plan.schedule.spec.route}
            for plan, own in zip(self.plans, each, strict=True)
            for row in own
        ]
        return sorted(rows, key=lambda r: (r["utc"], r["compound"] or ""))

    def to_dict(self) -> dict[str, Any]:
        components = [p.to_dict() for p in self.plans]  # each dose made into a row once
        return {
            "disclaimer": DISCLAIMER,
            "stack": self.name,
            "described_by": self.described_by,
            "warnings": [w.to_dict() for w in self.warnings],
            "components": components,
            "doses": self.dose_rows([c["doses"] for c in components]),
        }


def _amounts(plan: Plan) -> list[tuple[dt.datetime, str, float, float | None]]:
    """(time, compound, delivered mcg, uL per nostril) for each administration, every
    component of a blend draw included."""
    spec = plan.schedule.spec
    out: list[tuple[dt.datetime, str, float, float | None]] = []
    for dose in plan.schedule.doses:
        delivery = plan.delivery(dose)
        if delivery is not None and delivery.amounts:
            out += [(dose.at, name, mcg, None) for name, mcg in delivery.amounts]
            continue
        mcg = dose.dose.m_as("mcg") if delivery is None else delivery.delivered_mcg
        volume = None if delivery is None else delivery.per_nostril_ul
        out.append((dose.at, spec.compound or "", mcg, volume))
    return out


def combination_checks(plans: tuple[Plan, ...]) -> list[ResultWarning]:
    from peptidekit.dosing.plausibility import check_day_total
    from peptidekit.knowledge.index import dose_index

    index = dose_index()
    warnings: list[ResultWarning] = []
    # 1. a compound in more than one component: its local day totals over all of them
    days: dict[tuple[str, str], dict[dt.date, float]] = defaultdict(lambda: defaultdict(float))
    owners: dict[tuple[str, str], set[int]] = defaultdict(set)
    for number, plan in enumerate(plans):
        spec = plan.schedule.spec
        for at, name, mcg, _ in _amounts(plan):
            if name:
                days[name, spec.route][at.astimezone(zone(spec.tz)).date()] += mcg
                owners[name, spec.route].add(number)
    for (name, route), totals in days.items():
        if len(owners[name, route]) < 2:
            continue  # one component: its own plan already checks its days
        worst = max(totals, key=lambda day: totals[day])
        for w in check_day_total(name, route, totals[worst], index=index):
            over = sum(1 for total in totals.values() if check_day_total(name, route, total))
            warnings.append(
                ResultWarning(w.code, f"{w.message} (all components together; {over} such days)")
            )
    # 2. administrations due at the same moment by the same route
    due: dict[tuple[dt.datetime, str], list[tuple[str, float | None]]] = defaultdict(list)
    for plan in plans:
        spec = plan.schedule.spec
        seen: set[dt.datetime] = set()
        for at, name, _, volume in _amounts(plan):
            if at not in seen:  # one administration per dose (a blend is one draw)
                seen.add(at)
                due[at, spec.route].append((name or "a dose", volume))
    clashes: dict[tuple[str, str, tuple[str, ...]], list[dt.datetime]] = defaultdict(list)
    volumes: dict[tuple[str, str, tuple[str, ...]], float] = {}
    for (at, route), items in due.items():
        if len(items) < 2:
            continue
        local = at.astimezone(zone(plans[0].schedule.spec.tz)).strftime("%H:%M")
        key = (local, route, tuple(name for name, _ in items))
        clashes[key].append(at)
        if route == "intranasal" and all(v is not None for _, v in items):
            volumes[key] = max(volumes.get(key, 0.0), sum(v or 0.0 for _, v in items))
    for (local, route, names), times in clashes.items():
        first = min(times).astimezone(zone(plans[0].schedule.spec.tz)).date().isoformat()
        warnings.append(
            ResultWarning(
                "same_time_same_route",
                f"{' and '.join(names)} are both due {route} at {local} ({len(times)} times, "
                f"first {first}): take them one after the other, not mixed",
            )
        )
        total = volumes.get((local, route, names))
        limits = [index.per_nostril_volume(name) for name in names]
        known = [limit for limit in limits if limit is not None]
        if total is not None and known:
            most, why = max(known, key=lambda limit: limit[0])
            if total > most + 1e-9:
                warnings.append(
                    ResultWarning(
                        "nasal_volume_per_nostril",
                        f"at {local}, {' and '.join(names)} together put {total:.4g} uL into "
                        f"one nostril, more than any one label puts there at once ({most:.4g} "
                        f"uL: {why}); the rest may run out: instil one, then the other 10-15 "
                        "minutes later, as Semax's label does to raise a dose",
                    )
                )
    return warnings


def described_by(compounds: list[str]) -> dict[str, Any] | None:
    """The knowledge base's stack record with exactly these compounds, as data."""
    from peptidekit.knowledge import default_knowledge

    kb = default_knowledge()
    ids = {kb.compound(name).id for name in compounds if name}
    for stack in kb.stacks.values():
        if set(stack.components) == ids:
            return {
                "id": stack.id,
                "name": stack.name,
                "statement": stack.statement,
                "sources": [c.source for c in stack.sources],
                "source_titles": [kb.source(c.source).title for c in stack.sources],
                "evidence": stack.evidence,
                "status": stack.status,
                "note": stack.note,
            }
    return None


def combine(plans: tuple[Plan, ...]) -> StackPlan:
    """One stack from its components' plans, with the combination's checks."""
    names = [p.schedule.spec.compound or "" for p in plans]
    return StackPlan(plans, tuple(combination_checks(plans)), described_by(names))
