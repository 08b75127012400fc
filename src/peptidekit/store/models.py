"""Tables of the journal. Every row belongs to a profile, and every reference
between rows carries the profile too (composite foreign keys), so the database
itself refuses a dose that points at another profile's vial.

Times are stored as UTC (UTCDateTime) with the user's IANA zone beside them.
Primary keys are UUID strings, stable across export and import.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from peptidekit.vocabulary import DOSE_STATUSES, VIAL_KINDS


def _sql_list(values: tuple[str, ...]) -> str:
    """``('a', 'b')``: a CHECK constraint's list of allowed words."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def new_id() -> str:
    return uuid.uuid4().hex


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every backend (SQLite too)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: a time zone is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            raise TypeError(f"expected a datetime from the database, got {value!r}")
        return value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    pass


class Profile(Base):
    __tablename__ = "profiles"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    tz: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Vial(Base):
    __tablename__ = "vials"
    __table_args__ = (
        UniqueConstraint("profile_id", "id"),
        CheckConstraint("amount_mcg > 0", name="vial_amount_positive"),
        CheckConstraint("remaining_mcg >= 0", name="vial_remaining_not_negative"),
        CheckConstraint(f"kind in {_sql_list(VIAL_KINDS)}", name="vial_kind"),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    profile_id: Mapped[str] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    compound: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    lot: Mapped[str | None] = mapped_column(String(80))
    amount_mcg: Mapped[float] = mapped_column(Float)
    volume_ml: Mapped[float] = mapped_column(Float)
    """Diluent added (vial) or liquid volume (bottle)."""
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    storage: Mapped[str] = mapped_column(String(20))
    discard_by: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    discard_source: Mapped[str] = mapped_column(Text)
    remaining_mcg: Mapped[float] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)
    components: Mapped[str | None] = mapped_column(Text, default=None)
    """A blend: JSON [[compound, mcg], ...]; ``amount_mcg`` and ``remaining_mcg`` then
    count the first component, and every other one is in the same ratio."""
    label_mcg: Mapped[float | None] = mapped_column(Float, default=None)
    """The label's mass (gross powder) when a net peptide content or counter-ion was
    given; ``amount_mcg`` is then the peptide in it. None: the label mass is the peptide."""
    content_basis: Mapped[str | None] = mapped_column(Text, default=None)
    """How the peptide was found in the powder, e.g. '80% net peptide'."""

    def blend(self) -> list[tuple[str, float]]:
        """(compound, mcg in the vial) of each component; empty for a single compound
        (a cell that cannot be read is a StoredDataError naming this row)."""
        from peptidekit.store.cells import stored_components

        return stored_components("vials", self.id, self.components)


class Protocol(Base):
    __tablename__ = "protocols"
    __table_args__ = (UniqueConstraint("profile_id", "id"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    profile_id: Mapped[str] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(120))
    compound: Mapped[str | None] = mapped_column(String(80))
    route: Mapped[str] = mapped_column(String(20))
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class PlannedDose(Base):
    __tablename__ = "planned_doses"
    __table_args__ = (
        UniqueConstraint("profile_id", "id"),
        Index("ix_planned_doses_profile_due", "profile_id", "due_at"),
        ForeignKeyConstraint(
            ["profile_id", "protocol_id"],
            ["protocols.profile_id", "protocols.id"],
            ondelete="CASCADE",
        ),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    profile_id: Mapped[str] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    protocol_id: Mapped[str] = mapped_column(String(32), index=True)
    number: Mapped[int] = mapped_column(Integer)
    cycle: Mapped[int] = mapped_column(Integer)
    day_of_course: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    tz: Mapped[str] = mapped_column(String(64))
    amount_mcg: Mapped[float] = mapped_column(Float)


class DoseEvent(Base):
    __tablename__ = "dose_events"
    __table_args__ = (
        ForeignKeyConstraint(["profile_id", "vial_id"], ["vials.profile_id", "vials.id"]),
        ForeignKeyConstraint(
            ["profile_id", "planned_dose_id"], ["planned_doses.profile_id", "planned_doses.id"]
        ),
        CheckConstraint(f"status in {_sql_list(DOSE_STATUSES)}", name="dose_status"),
        CheckConstraint("amount_mcg >= 0", name="dose_amount_not_negative"),
        Index("ix_dose_events_profile_planned", "profile_id", "planned_dose_id"),
        Index("ix_dose_events_profile_at", "profile_id", "at"),
        # the adherence report's count of unplanned doses, answered from the index alone
        Index(
            "ix_dose_events_unplanned",
            "profile_id",
            "planned_dose_id",
            "status",
            "draw_group",
            "at",
        ),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    profile_id: Mapped[str] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    planned_dose_id: Mapped[str | None] = mapped_column(String(32), index=True)
    vial_id: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(10))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    tz: Mapped[str] = mapped_column(String(64))
    compound: Mapped[str | None] = mapped_column(String(80))
    amount_mcg: Mapped[float] = mapped_column(Float)
    """The dose delivered: for a vial, at the syringe tick actually drawn."""
    taken_from_vial_mcg: Mapped[float] = mapped_column(Float)
    asked_mcg: Mapped[float | None] = mapped_column(Float, default=None)
    """The dose as typed, before rounding to the syringe's marks."""
    draw_units: Mapped[float | None] = mapped_column(Float, default=None)
    """Syringe units drawn (U-100 unless the syringe said otherwise)."""
    route: Mapped[str | None] = mapped_column(String(20))
    site: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    draw_group: Mapped[str | None] = mapped_column(String(32), default=None)
    """For a component co-delivered by a blend draw: the id of the draw's own event."""


class CheckIn(Base):
    __tablename__ = "checkins"
    __table_args__ = (CheckConstraint("gad7_score between 0 and 21", name="gad7_range"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    profile_id: Mapped[str] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    tz: Mapped[str] = mapped_column(String(64))
    gad7_items: Mapped[list[int]] = mapped_column(JSON)
    gad7_score: Mapped[int] = mapped_column(Integer)
    sleep_hours: Mapped[float | None] = mapped_column(Float)
    sleep_quality: Mapped[int | None] = mapped_column(Integer)
    side_effects: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class WebSession(Base):
    """A login session of the web app in password mode; logging out deletes it, so a
    saved cookie stops working (every worker process sees the same table)."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


TABLES_IN_ORDER = (Profile, Vial, Protocol, PlannedDose, DoseEvent, CheckIn)
"""The journal's tables, in the order export and import walk them (web sessions are
not journal data and are neither exported nor imported)."""
