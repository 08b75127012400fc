"""What the journal's rules need from storage, as typed interfaces (no database here).

``peptidekit.store.journal.Journal`` implements :class:`JournalRepository` with SQL
(every public method one transaction); :class:`DoseLogTransaction` is what logging one
dose reads and writes inside that transaction. The rows are read-only views: the store's
rows satisfy them, and nothing above the store depends on how they are stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from peptidekit.errors import RefusedError
from peptidekit.journal.core import check_journal_time
from peptidekit.vocabulary import DOSE_STATUSES

if TYPE_CHECKING:
    from peptidekit.dosing.syringe import SyringeChoice
    from peptidekit.journal.core import AdherenceReport
    from peptidekit.journal.facts import DoseKnowledge
    from peptidekit.protocol.spec import ProtocolSpec
    from peptidekit.results import ResultWarning


class ProfileRow(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def tz(self) -> str: ...


class VialRow(Protocol):
    """A reconstituted vial or an opened nasal bottle."""

    @property
    def id(self) -> str: ...
    @property
    def profile_id(self) -> str: ...
    @property
    def compound(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def lot(self) -> str | None: ...
    @property
    def amount_mcg(self) -> float:
        """The content (a blend's: its first component's)."""

    @property
    def volume_ml(self) -> float: ...
    @property
    def remaining_mcg(self) -> float: ...
    @property
    def opened_at(self) -> dt.datetime: ...
    @property
    def storage(self) -> str: ...
    @property
    def discard_by(self) -> dt.datetime | None: ...
    @property
    def discard_source(self) -> str | None: ...
    @property
    def label_mcg(self) -> float | None: ...
    @property
    def content_basis(self) -> str | None: ...
    @property
    def components(self) -> str | None: ...

    def blend(self) -> list[tuple[str, float]]:
        """(compound, mcg in the vial) of each component; empty for a single compound."""


class DoseRow(Protocol):
    """A logged dose (taken, skipped or wasted)."""

    @property
    def id(self) -> str: ...
    @property
    def planned_dose_id(self) -> str | None: ...
    @property
    def vial_id(self) -> str | None: ...
    @property
    def status(self) -> str: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def tz(self) -> str: ...
    @property
    def compound(self) -> str | None: ...
    @property
    def amount_mcg(self) -> float: ...
    @property
    def asked_mcg(self) -> float | None: ...
    @property
    def draw_units(self) -> float | None: ...
    @property
    def taken_from_vial_mcg(self) -> float | None: ...
    @property
    def route(self) -> str | None: ...
    @property
    def site(self) -> str | None: ...
    @property
    def notes(self) -> str | None: ...
    @property
    def draw_group(self) -> str | None: ...


class PlannedRow(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def protocol_id(self) -> str: ...
    @property
    def due_at(self) -> dt.datetime: ...
    @property
    def tz(self) -> str: ...
    @property
    def amount_mcg(self) -> float: ...


class ProtocolRow(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


class CheckInRow(Protocol):
    @property
    def at(self) -> dt.datetime: ...
    @property
    def tz(self) -> str: ...
    @property
    def gad7_score(self) -> int: ...
    @property
    def notes(self) -> str | None: ...


class HistoryPageView(Protocol):
    @property
    def events(self) -> Sequence[DoseRow]: ...
    @property
    def older(self) -> str | None: ...
    @property
    def newer(self) -> str | None: ...


@dataclass(frozen=True)
class DoseToLog:
    """A dose to log, every field parsed (amounts in mcg, volumes in mL, aware times);
    a status or time outside the journal's is refused as it is made."""

    at: dt.datetime
    amount_mcg: float
    status: str = "taken"
    vial_id: str | None = None
    dead_space_ml: float = 0.0
    route: str | None = None
    site: str | None = None
    notes: str | None = None
    planned_dose_id: str | None = None
    compound: str | None = None
    syringe: SyringeChoice | None = None
    confirm: bool = True
    """False: a dose with warnings raises ConfirmationNeededError and nothing is written."""

    def __post_init__(self) -> None:
        if self.status not in DOSE_STATUSES:
            words = f"{', '.join(DOSE_STATUSES[:-1])} or {DOSE_STATUSES[-1]}"
            raise RefusedError(
                f"status {self.status!r} is not {words}", input=self.status, expected=words
            )
        check_journal_time(self.at, "at", self.at.isoformat())


@dataclass(frozen=True)
class LoggedDose:
    event: DoseRow
    warnings: tuple[ResultWarning, ...]
    draw: str | None
    """The draw at the syringe's marks, e.g. '10 units on a 0.3 mL U-100 syringe'."""
    co_delivered: tuple[tuple[str, float], ...] = ()
    """From a blend vial: (compound, mcg) of every other component the draw delivered."""


@dataclass(frozen=True)
class DeletedDose:
    events: int
    """How many events went: 1, or every component of a blend draw."""
    restored_mcg: float
    """Given back to the vial (0 without one)."""
    vial_id: str | None


@dataclass(frozen=True)
class NewDose:
    """A dose event to write (a blend draw writes one per component)."""

    dose: DoseToLog
    """The dose logged: its time, vial and site."""
    route: str | None
    planned_dose_id: str | None
    status: str
    compound: str | None
    amount_mcg: float
    taken_from_vial_mcg: float
    notes: str | None
    id: str | None = None
    asked_mcg: float | None = None
    draw_units: float | None = None
    draw_group: str | None = None
    """The id of the dose whose draw delivered this one (a blend's other components)."""


class DoseLogTransaction(Protocol):
    """What logging one dose reads and writes, inside one transaction that holds the
    profile's lock: nothing another writer does can come between its reads and writes."""

    @property
    def profile(self) -> ProfileRow: ...

    def vial(self, vial_id: str) -> VialRow:
        """The profile's vial (NotFoundError otherwise)."""

    def planned(self, planned_id: str) -> tuple[PlannedRow, str | None]:
        """The profile's planned dose with its protocol's compound (NotFoundError)."""

    def open_planned(
        self, start: dt.datetime, end: dt.datetime, compound: str | None
    ) -> Sequence[tuple[PlannedRow, str | None]]:
        """Planned doses due in [start, end] that no logged dose is linked to yet, with
        their protocol's compound (only ``compound``'s when it is given)."""

    def protocol_compound(self, protocol_id: str) -> str | None: ...

    def protocol_route(self, protocol_id: str) -> str | None: ...

    def protocol_times(self, protocol_id: str) -> list[str]:
        """The protocol's daily times, 'HH:MM'."""

    def routes_of(self, compound: str | None) -> set[str]:
        """The routes the profile's protocols give ``compound``."""

    def taken_between(
        self, compound: str | None, start: dt.datetime, end: dt.datetime
    ) -> list[tuple[dt.datetime, float]]:
        """(time, mcg) of the taken doses of ``compound`` (of no compound: None) in
        [start, end)."""

    def take(self, vial: VialRow, mcg: float) -> None:
        """Take ``mcg`` from the vial, never overdrawing it whatever runs beside
        (OverdrawError, naming what is left, otherwise)."""

    def add_dose(self, dose: NewDose) -> DoseRow:
        """Write a dose event of the profile (in the profile's zone)."""


class JournalRepository(Protocol):
    """The journal as the operations use it: every method one transaction, scoped to
    one profile (named by ``profile``)."""

    def create_profile(self, name: str, tz: str) -> ProfileRow: ...

    def profiles(self) -> Sequence[ProfileRow]: ...

    def profile(self, name: str) -> ProfileRow: ...

    def add_vial(
        self,
        profile: str,
        *,
        compound: str,
        kind: str,
        amount_mcg: float,
        volume_ml: float,
        opened_at: dt.datetime,
        storage: str,
        shelf_life_days: float | None,
        shelf_life_source: str,
        lot: str | None = None,
        notes: str | None = None,
        components: Sequence[tuple[str, float]] | None = None,
        label_mcg: float | None = None,
        content_basis: str | None = None,
    ) -> VialRow: ...

    def vials(self, profile: str) -> Sequence[VialRow]: ...

    def vial_id(self, profile: str, key: str) -> str: ...

    def dose_id(self, profile: str, key: str) -> str: ...

    def add_protocols(
        self, profile: str, protocols: Sequence[tuple[ProtocolSpec, str]]
    ) -> Sequence[tuple[ProtocolRow, int]]: ...

    def log_dose(
        self,
        profile: str,
        *,
        at: dt.datetime,
        amount_mcg: float,
        status: str = "taken",
        vial_id: str | None = None,
        dead_space_ml: float = 0.0,
        route: str | None = None,
        site: str | None = None,
        notes: str | None = None,
        planned_dose_id: str | None = None,
        compound: str | None = None,
        syringe: SyringeChoice | None = None,
        confirm: bool = True,
        knowledge: DoseKnowledge | None = None,
        check_warnings: Callable[[Sequence[ResultWarning]], None] | None = None,
    ) -> LoggedDose: ...

    def history(
        self, profile: str, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> Sequence[DoseRow]: ...

    def history_page(
        self,
        profile: str,
        *,
        before: str | None = None,
        after: str | None = None,
        limit: int = 20,
    ) -> HistoryPageView: ...

    def adherence(self, profile: str, start: dt.datetime, end: dt.datetime) -> AdherenceReport: ...

    def today(self, profile: str) -> dict[str, Any]: ...

    def warnings(self, profile: str) -> list[ResultWarning]: ...

    def checkin(
        self,
        profile: str,
        *,
        at: dt.datetime,
        gad7: Sequence[int],
        sleep_hours: float | None = None,
        sleep_quality: int | None = None,
        side_effects: str | None = None,
        notes: str | None = None,
    ) -> tuple[CheckInRow, str]: ...

    def checkins(self, profile: str, limit: int = 10) -> Sequence[CheckInRow]: ...

    def trends(self, profile: str) -> dict[str, Any]: ...

    def delete_dose(self, profile: str, event_id: str) -> DeletedDose: ...

    def edit_dose(
        self,
        profile: str,
        event_id: str,
        *,
        at: dt.datetime | None = None,
        site: str | None = None,
        notes: str | None = None,
    ) -> DoseRow: ...

    def edit_vial(
        self,
        profile: str,
        vial_id: str,
        *,
        amount_mcg: float | None = None,
        volume_ml: float | None = None,
        opened_at: dt.datetime | None = None,
        shelf_life_days: float | None = None,
        lot: str | None = None,
    ) -> VialRow: ...

    def delete_vial(self, profile: str, vial_id: str) -> None: ...
