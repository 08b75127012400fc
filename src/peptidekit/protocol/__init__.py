"""The protocol planner: specs, schedules across time zones, supply, checks, exports.

The public names load on first use, so importing one module of the package stays
cheap (the command line starts fast).
"""

from __future__ import annotations

from peptidekit.lazy import lazy_attributes

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
__getattr__ = lazy_attributes(__name__, _WHERE)
