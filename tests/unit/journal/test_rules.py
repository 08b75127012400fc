"""The journal's rules on a repository made of plain Python objects (no database): the
rules need only journal.repository's interface. Expectations worked out by hand."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pytest

from peptidekit.errors import ConfirmationNeededError, OverdrawError, RefusedError
from peptidekit.journal.repository import DoseToLog, NewDose, VialRow
from peptidekit.journal.rules import AUTO_MATCH_WINDOW, log_dose, new_vial

T0 = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)


@dataclass
class Profile:
    id: str = "p1"
    name: str = "ana"
    tz: str = "UTC"


@dataclass
class Vial:
    id: str
    compound: str
    amount_mcg: float
    volume_ml: float
    remaining_mcg: float
    opened_at: dt.datetime = T0 - dt.timedelta(days=1)
    discard_by: dt.datetime | None = None
    kind: str = "vial"
    components: str | None = None
    profile_id: str = "p1"
    lot: str | None = None
    storage: str = "refrigerated"
    discard_source: str | None = None
    label_mcg: float | None = None
    content_basis: str | None = None

    def blend(self) -> list[tuple[str, float]]:
        return [] if self.components is None else [tuple(c) for c in json.loads(self.components)]


@dataclass
class Planned:
    id: str
    protocol_id: str
    due_at: dt.datetime
    amount_mcg: float
    tz: str = "UTC"


@dataclass
class Dose:
    id: str
    planned_dose_id: str | None
    vial_id: str | None
    status: str
    at: dt.datetime
    compound: str | None
    amount_mcg: float
    taken_from_vial_mcg: float | None
    route: str | None
    site: str | None
    notes: str | None
    draw_group: str | None
    asked_mcg: float | None = None
    draw_units: float | None = None
    tz: str = "UTC"


@dataclass
class Memory:
    """A DoseLogTransaction over lists: one profile, its vials, protocols and doses."""

    vials: dict[str, Vial] = field(default_factory=dict)
    planned_doses: list[Planned] = field(default_factory=list)
    protocols: dict[str, tuple[str | None, str, list[str]]] = field(default_factory=dict)
    """id -> (compound, route, daily times)."""
    doses: list[Dose] = field(default_factory=list)
    profile: Profile = field(default_factory=Profile)

    def vial(self, vial_id: str) -> Vial:
        return self.vials[vial_id]

    def planned(self, planned_id: str) -> tuple[Planned, str | None]:
        found = next(p for p in self.planned_doses if p.id == planned_id)
        return found, self.protocols[found.protocol_id][0]

    def open_planned(
        self, start: dt.datetime, end: dt.datetime, compound: str | None
    ) -> list[tuple[Planned, str | None]]:
        done = {d.planned_dose_id for d in self.doses}
        return [
            (p, self.protocols[p.protocol_id][0])
            for p in self.planned_doses
            if start <= p.due_at <= end
            and p.id not in done
            and (compound is None or self.protocols[p.protocol_id][0] == compound)
        ]

    def protocol_compound(self, protocol_id: str) -> str | None:
        return self.protocols[protocol_id][0]

    def protocol_route(self, protocol_id: str) -> str | None:
        return self.protocols[protocol_id][1]

    def protocol_times(self, protocol_id: str) -> list[str]:
        return self.protocols[protocol_id][2]

    def routes_of(self, compound: str | None) -> set[str]:
        return {route for name, route, _ in self.protocols.values() if name == compound}

    def taken_between(
        self, compound: str | None, start: dt.datetime, end: dt.datetime
    ) -> list[tuple[dt.datetime, float]]:
        return [
            (d.at, d.amount_mcg)
            for d in self.doses
            if d.status == "taken" and d.compound == compound and start <= d.at < end
        ]

    def take(self, vial: VialRow, mcg: float) -> None:
        stored = self.vials[vial.id]
        if stored.remaining_mcg + 1e-6 < mcg:
            raise OverdrawError("too little left", input=vial.id, expected="enough")
        stored.remaining_mcg = max(0.0, stored.remaining_mcg - mcg)

    def add_dose(self, dose: NewDose) -> Dose:
        row = Dose(
            id=dose.id or f"d{len(self.doses) + 1}",
            planned_dose_id=dose.planned_dose_id,
            vial_id=dose.dose.vial_id,
            status=dose.status,
            at=dose.dose.at,
            compound=dose.compound,
            amount_mcg=dose.amount_mcg,
            taken_from_vial_mcg=dose.taken_from_vial_mcg,
            route=dose.route,
            site=dose.dose.site,
            notes=dose.notes,
            draw_group=dose.draw_group,
            asked_mcg=dose.asked_mcg,
            draw_units=dose.draw_units,
        )
        self.doses.append(row)
        return row


def single_vial(memory: Memory) -> Vial:
    vial = Vial("v1", "Selank", amount_mcg=5000, volume_ml=2, remaining_mcg=5000)
    memory.vials[vial.id] = vial
    return vial


def test_a_dose_is_rounded_to_the_marks_and_takes_its_dead_space() -> None:
    memory = Memory()
    vial = single_vial(memory)
    # 2500 mcg/mL: 240 mcg is 0.096 mL, 9.6 units; the 0.3 mL barrel's half-unit ticks
    # make it 9.5 units = 0.095 mL = 237.5 mcg delivered
    logged = log_dose(memory, DoseToLog(at=T0, amount_mcg=240, vial_id="v1", dead_space_ml=0.04))
    assert logged.draw == "9.5 units on a 0.3 mL U-100 syringe (0.5-unit ticks)"
    assert logged.event.amount_mcg == pytest.approx(237.5)
    assert logged.event.asked_mcg == 240
    # the vial loses the delivered dose and 0.04 mL x 2500 mcg/mL = 100 mcg of dead space
    assert logged.event.taken_from_vial_mcg == pytest.approx(337.5)
    assert vial.remaining_mcg == pytest.approx(5000 - 337.5)
    assert logged.event.compound == "Selank"  # the vial's


def test_a_blend_draw_logs_every_component_and_counts_the_first_in_the_vial() -> None:
    memory = Memory()
    parts = [["Selank", 5000.0], ["Semax", 2500.0]]
    blend = Vial("b1", "Selank + Semax", 5000, 2, 5000, components=json.dumps(parts))
    memory.vials["b1"] = blend
    # the Semax dose sets the draw: 1250 mcg/mL of Semax, 250 mcg is 0.2 mL = 20 units,
    # which holds 0.2 x 2500 = 500 mcg of Selank
    logged = log_dose(memory, DoseToLog(at=T0, amount_mcg=250, vial_id="b1", compound="Semax"))
    [(other, other_mcg)] = logged.co_delivered
    assert other == "Selank"
    assert other_mcg == pytest.approx(500)
    co, main = memory.doses
    assert (co.compound, co.draw_group, co.taken_from_vial_mcg) == ("Selank", main.id, 0.0)
    # the vial's count is its first component's: 500 mcg of Selank left the vial
    assert blend.remaining_mcg == pytest.approx(4500)
    with pytest.raises(RefusedError, match="blend of Selank and Semax: say which"):
        log_dose(memory, DoseToLog(at=T0, amount_mcg=250, vial_id="b1"))


def test_a_dose_links_to_the_nearest_open_planned_dose_and_takes_its_route() -> None:
    memory = Memory(protocols={"pr": ("Selank", "intranasal", ["08:00", "20:00"])})
    memory.planned_doses = [
        Planned("early", "pr", T0 - dt.timedelta(hours=2), 300),
        Planned("near", "pr", T0 + dt.timedelta(minutes=30), 300),
        Planned("far", "pr", T0 + AUTO_MATCH_WINDOW + dt.timedelta(minutes=1), 300),
    ]
    logged = log_dose(memory, DoseToLog(at=T0, amount_mcg=300, compound="Selank"))
    assert logged.event.planned_dose_id == "near"  # 30 min away, against 2 h
    assert logged.event.route == "intranasal"
    again = log_dose(memory, DoseToLog(at=T0, amount_mcg=300, compound="Selank"))
    assert again.event.planned_dose_id == "early"  # "near" is taken now; "far" is past 3 h
    # 0 min from the first dose: inside half the 12-hour gap between 08:00 and 20:00
    assert "repeated_dose" in [w.code for w in again.warnings]


def test_warnings_stop_an_unconfirmed_dose_before_anything_is_written() -> None:
    memory = Memory()
    vial = single_vial(memory)
    log_dose(memory, DoseToLog(at=T0, amount_mcg=250, vial_id="v1"))
    soon = DoseToLog(at=T0 + dt.timedelta(minutes=30), amount_mcg=250, vial_id="v1", confirm=False)
    with pytest.raises(ConfirmationNeededError, match="30 min from this one"):
        log_dose(memory, soon)
    assert len(memory.doses) == 1
    assert vial.remaining_mcg == pytest.approx(4750)


def test_an_expired_or_overdrawn_vial_is_refused() -> None:
    memory = Memory()
    vial = single_vial(memory)
    vial.discard_by = T0 - dt.timedelta(minutes=1)
    with pytest.raises(RefusedError, match="expired"):
        log_dose(memory, DoseToLog(at=T0, amount_mcg=250, vial_id="v1"))
    vial.discard_by, vial.remaining_mcg = None, 200.0
    with pytest.raises(OverdrawError):
        log_dose(memory, DoseToLog(at=T0, amount_mcg=250, vial_id="v1"))
    assert memory.doses == []


def test_a_new_blend_vial_is_named_by_its_parts_and_discarded_after_its_shelf_life() -> None:
    made = new_vial("ignored", 1.0, T0, 28, [("Selank", 5000.0), ("Semax", 5000.0)])
    assert (made.compound, made.amount_mcg) == ("Selank + Semax", 5000.0)
    assert made.discard_by == T0 + dt.timedelta(days=28)
    assert json.loads(made.components or "") == [["Selank", 5000.0], ["Semax", 5000.0]]
