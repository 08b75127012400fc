"""Looking rows up by id, and the dose history a page at a time.

Ids: the web app's journal takes full ids only (a link or an API call names exactly one
row); the CLI's also takes the first characters of one id, for typing convenience. Either
way the lookup is one indexed query, never a scan of the history.

History pages are keyset pages, newest first: a page starts after (older) or before
(newer) a dose named by its id, so a page costs the same with 50 or 50,000 doses and
every dose is reachable by following the links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from peptidekit.errors import InputError, NotFoundError
from peptidekit.store.base import StoreBase
from peptidekit.store.db import transaction
from peptidekit.store.models import DoseEvent, Vial

ID_PATTERN = re.compile(r"[0-9a-f]{32}")
PREFIX_PATTERN = re.compile(r"[0-9a-f]{0,32}")
MAX_PAGE = 1000
"""The most doses one page holds (the web page shows 20)."""


@dataclass(frozen=True)
class HistoryPage:
    events: list[DoseEvent]
    """Newest first."""
    older: str | None
    """The id to page on from (``before=``) when older doses exist, else None."""
    newer: str | None
    """The id to page back from (``after=``) when newer doses exist, else None."""


class History(StoreBase):
    """Mixed into store.journal.Journal (its id mode: StoreBase.exact_ids)."""

    def vial_id(self, profile: str, key: str) -> str:
        """The id of the profile's vial ``key`` names (see the module's note on ids)."""
        return self._find_id(profile, key, Vial, "vial")

    def dose_id(self, profile: str, key: str) -> str:
        """The id of the profile's logged dose ``key`` names (see the module's note)."""
        return self._find_id(profile, key, DoseEvent, "logged dose")

    def _find_id(self, profile: str, key: str, table: Any, what: str) -> str:
        wanted = key if isinstance(key, str) else ""
        pattern = ID_PATTERN if self.exact_ids else PREFIX_PATTERN
        with transaction(self.engine, write=False) as s:
            p = self._profile(s, profile)
            if not pattern.fullmatch(wanted):
                raise NotFoundError(what, wanted[:40])
            query = select(table.id).where(table.profile_id == p.id)
            if self.exact_ids or len(wanted) == 32:
                query = query.where(table.id == wanted)
            else:  # hex only (checked above): no LIKE wildcard can be in it
                query = query.where(table.id.startswith(wanted))
            matches = list(s.scalars(query.limit(2)))
        if len(matches) != 1:
            raise NotFoundError(what if not matches else f"unique {what} for prefix", wanted)
        return str(matches[0])

    def history_page(
        self,
        profile: str,
        *,
        before: str | None = None,
        after: str | None = None,
        limit: int = 20,
    ) -> HistoryPage:
        """``limit`` doses, newest first: the newest, or those just older than the dose
        ``before`` names, or just newer than the dose ``after`` names (full ids)."""
        if not 1 <= limit <= MAX_PAGE:
            raise InputError(
                f"a page of {limit} doses: expected 1 to {MAX_PAGE}",
                input=str(limit),
                expected=f"1 to {MAX_PAGE}",
            ).at("limit")
        if before is not None and after is not None:
            raise InputError(
                "a page starts before one dose or after one, not both",
                input="before, after",
                expected="before or after",
            ).at("before")
        with transaction(self.engine, write=False) as s:
            p = self._profile(s, profile)
            query = select(DoseEvent).where(DoseEvent.profile_id == p.id)
            key = before if before is not None else after
            if key is None:
                rows = list(s.scalars(_newest_first(query).limit(limit + 1)))
                return HistoryPage(rows[:limit], _more(rows, limit), None)
            anchor = _anchor(s, p.id, key)
            at, eid = DoseEvent.at, DoseEvent.id
            if before is not None:
                older = and_(at <= anchor.at, or_(at < anchor.at, eid < anchor.id))
                rows = list(s.scalars(_newest_first(query.where(older)).limit(limit + 1)))
                return HistoryPage(rows[:limit], _more(rows, limit), rows[0].id if rows else None)
            newer = and_(at >= anchor.at, or_(at > anchor.at, eid > anchor.id))
            rows = list(s.scalars(query.where(newer).order_by(at, eid).limit(limit + 1)))
            shown = rows[:limit][::-1]
            return HistoryPage(
                shown, shown[-1].id if shown else None, shown[0].id if len(rows) > limit else None
            )


def _newest_first(query: Any) -> Any:
    return query.order_by(DoseEvent.at.desc(), DoseEvent.id.desc())


def _more(rows: list[DoseEvent], limit: int) -> str | None:
    """The id to page on from when there was one row more than the page holds."""
    return rows[limit - 1].id if len(rows) > limit else None


def _anchor(s: Session, profile_id: str, key: str) -> Any:
    if not isinstance(key, str) or not ID_PATTERN.fullmatch(key):
        raise NotFoundError("logged dose", str(key)[:40])
    row = s.execute(
        select(DoseEvent.id, DoseEvent.at).where(
            DoseEvent.profile_id == profile_id, DoseEvent.id == key
        )
    ).first()
    if row is None:
        raise NotFoundError("logged dose", key)
    return row
