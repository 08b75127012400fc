"""The protocol planner: specs, schedules across time zones, supply, checks, exports.

The public names load on first use, so importing one module of the package stays
cheap (the command line starts fast).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "Delivery": "supply",
    "Plan": "plan",
    "ProtocolSpec": "spec",
    "Schedule": "schedule",
    "SupplyPlan": "supply",
    "TitrationStep": "spec",
    "bottle_source": "plan",
    "build_schedule": "schedule",
    "known_shelf_life": "plan",
    "make_plan": "plan",
    "spec_from_text": "spec",
    "to_csv": "export",
    "to_ics": "export",
    "vial_source": "plan",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'peptidekit.protocol' has no attribute {name!r}")
    return getattr(import_module(f"peptidekit.protocol.{_WHERE[name]}"), name)
