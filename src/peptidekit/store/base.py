"""What every part of the journal repository shares: its engine, clock, id mode and
the profile lookup each transaction starts with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from peptidekit.errors import NotFoundError
from peptidekit.store.models import Profile


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class StoreBase:
    engine: Engine
    now: Callable[[], dt.datetime] = utcnow
    exact_ids: bool = False
    """True: rows are named by their full ids only (the web app); False: also by the
    first characters of one id (the CLI). See store.history."""

    @staticmethod
    def _profile(s: Session, name: str, *, lock: bool = False) -> Profile:
        """The profile; ``lock`` holds its row until the transaction ends (PostgreSQL
        ``FOR UPDATE``; SQLite writers are already one at a time), so read-then-write
        steps of one profile never interleave across processes."""
        query = select(Profile).where(Profile.name == name)
        found = s.scalar(query.with_for_update() if lock else query)
        if found is None:
            raise NotFoundError("profile", name)
        return found
