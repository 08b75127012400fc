"""Words with a fixed list of values, defined once for the core and every adapter."""

from __future__ import annotations

from typing import Literal, get_args

Route = Literal[
    "intranasal", "subcutaneous", "intramuscular", "intraperitoneal", "intravenous", "oral"
]
ROUTES: tuple[str, ...] = get_args(Route)
"""Every route of administration the knowledge base records (animal studies included)."""

PLAN_ROUTES: tuple[str, ...] = tuple(r for r in ROUTES if r != "intraperitoneal")
"""Routes a person plans, calculates and logs doses by (intraperitoneal is animal-only)."""

EXTRAVASCULAR: tuple[str, ...] = ("subcutaneous", "intranasal", "intramuscular")
"""Routes the PK model treats as first-order absorption."""
PK_ROUTES: tuple[str, ...] = (*EXTRAVASCULAR, "intravenous")
"""Routes the PK model has a form for: an IV bolus or first-order absorption."""

Form = Literal["lyophilised_powder", "reconstituted", "nasal_drops", "nasal_spray", "tablet"]
FORMS: tuple[str, ...] = get_args(Form)
"""Forms a compound is kept in (shelf lives are per form and storage)."""


def route_pattern(routes: tuple[str, ...]) -> str:
    """A regular expression accepting exactly ``routes`` (for the API's schema; any
    other list of words too, e.g. DOSE_STATUSES)."""
    return "^(" + "|".join(routes) + ")$"


DoseStatus = Literal["taken", "skipped", "wasted"]
DOSE_STATUSES: tuple[str, ...] = get_args(DoseStatus)
"""What became of a logged dose (the journal's, its imports' and every adapter's list)."""

Storage = Literal["refrigerated", "room_temperature", "frozen"]
STORAGE: tuple[str, ...] = get_args(Storage)
"""How a container is kept (shelf lives are per form and storage); the first is the default."""

VIAL_KINDS: tuple[str, ...] = ("vial", "bottle")
"""A journal container: a reconstituted vial or an opened nasal bottle."""
