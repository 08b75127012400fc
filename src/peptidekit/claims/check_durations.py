"""Durations: courses, breaks, half-lives, effect durations and storage times."""

from __future__ import annotations

from typing import cast

from peptidekit.claims.check_base import (
    CheckerBase,
    Finding,
    identity_sources,
    unit_factor,
)
from peptidekit.claims.extract import Claim
from peptidekit.claims.values import DurationValue
from peptidekit.knowledge.ranges import fmt_range, overlaps
from peptidekit.knowledge.reconcile import in_unit
from peptidekit.units import Kind


class DurationChecks(CheckerBase):
    def _days(self, claim: Claim) -> tuple[float, float]:
        v = cast(DurationValue, claim.value)
        unit, low, high = v["unit"], v["low"] or 0.0, v["high"] or 0.0
        if unit in ("month", "months"):
            # n calendar months last from round(n x 30.4375) - 2 to + 1 days
            # (3 months: 89 days from February to 92 from July)
            return (
                round(low * 30.4375) - 2.0,
                round(high * 30.4375) + 1.0,
            )
        factor = unit_factor(unit, Kind.DURATION, "d")
        return low * factor, high * factor

    def _course_like(self, claim: Claim, f: Finding, topic: str) -> None:
        days = self._days(claim)
        f.normalised["days"] = list(days)
        refs = [c for c in self._topic(topic) if c.reference]
        others = self._topic(topic)
        if not refs and not others:
            f.set("not_covered", "info", f"no {topic} length in the knowledge base")
            return
        target = refs or others
        ranges = [in_unit(c, "d") for c in target]
        what = "the label's" if refs else "the sources'"
        listed = ", ".join(fmt_range(r, "d") for r in ranges)
        if any(r[0] - 1e-9 <= days[0] and days[1] <= r[1] + 1e-9 for r in ranges):
            f.set("agrees", "none", f"within {what} {topic} ({listed})", self._ids(target))
        elif topic == "course" and days[1] > max(r[1] for r in ranges):
            f.set("disagrees", "low", f"longer than {what} {topic} ({listed})", self._ids(target))
        else:
            f.set("disagrees", "low", f"differs from {what} {topic} ({listed})", self._ids(target))

    def _course(self, claim: Claim, f: Finding) -> None:
        self._course_like(claim, f, "course")

    def _break(self, claim: Claim, f: Finding) -> None:
        self._course_like(claim, f, "break")

    def _half_life(self, claim: Claim, f: Finding) -> None:
        minutes = tuple(d * 1440 for d in self._days(claim))
        f.normalised["minutes"] = list(minutes)
        assert self.compound is not None
        known = [
            c
            for c in self.compound.claims
            if c.amount is not None
            and c.topic in ("half_life", "plasma_disappearance")
            and c.status != "contradicted"
        ]
        known = self.others(known)
        none_exist = [u for u in self.compound.unknowns if "pharmacokinetic" in u.lower()]
        if not known and none_exist:
            f.set(
                "disagrees",
                "medium",
                f"unsupported: {none_exist[0]}",
                identity_sources(self.compound),
            )
            return
        if not known:
            f.set("not_covered", "info", "no half-life in the knowledge base")
            return
        ranges = [(c, in_unit(c, "min")) for c in known]
        if any(overlaps((minutes[0], minutes[1]), r) for _, r in ranges):
            f.set(
                "agrees",
                "none",
                "matches " + ", ".join(fmt_range(r, "min") for _, r in ranges),
                self._ids([c for c, r in ranges if overlaps((minutes[0], minutes[1]), r)]),
            )
            return
        for factor, unit in ((60.0, "hours for minutes"), (1 / 60, "minutes for seconds")):
            shifted = (minutes[0] / factor, minutes[1] / factor)
            if any(overlaps(shifted, r) for _, r in ranges):
                f.set(
                    "disagrees",
                    "medium",
                    f"half-life in the wrong unit? {claim.text} is {factor:g}x the known "
                    f"{', '.join(fmt_range(r, 'min') for _, r in ranges)} ({unit})",
                    self._ids(known),
                )
                return
        f.set(
            "disagrees",
            "medium",
            f"not the known {', '.join(fmt_range(r, 'min') for _, r in ranges)}",
            self._ids(known),
        )

    def _effect_duration(self, claim: Claim, f: Finding) -> None:
        f.normalised["hours"] = [d * 24 for d in self._days(claim)]
        known = self._topic("effect_duration")
        note = "an effect-duration claim, not a plasma half-life"
        plasma = self._topic("plasma_disappearance")
        if plasma:
            note += f" (plasma levels: {fmt_range(in_unit(plasma[0], 'min'), 'min')}, label)"
        if known:
            f.set(
                "agrees",
                "info",
                f"{note}; other sources say {fmt_range(in_unit(known[0], 'h'), 'h')}",
                self._ids(known),
            )
        else:
            f.set("not_covered", "info", note, self._ids(plasma))

    def _storage(self, claim: Claim, f: Finding) -> None:
        days = self._days(claim)
        v = cast(DurationValue, claim.value)
        f.normalised.update(days=list(days), form=v.get("form"), storage=v.get("storage"))
        known = [
            c
            for c in self._topic("storage")
            if v.get("form") in (None, c.form) and v.get("storage") in (None, c.storage)
        ]
        if not known:
            f.set("not_covered", "info", "no other source gives this storage figure")
            return
        ranges = [in_unit(c, "d") for c in known]
        if any(overlaps(days, r) for r in ranges):
            f.set(
                "agrees",
                "none",
                "matches " + ", ".join(fmt_range(r, "d") for r in ranges),
                self._ids(known),
            )
        else:
            f.set(
                "disagrees",
                "low",
                "differs from " + ", ".join(fmt_range(r, "d") for r in ranges),
                self._ids(known),
            )
