"""Operations: one typed request and one typed result per workflow, shared by the CLI,
the web app and library users (imported lazily, so the CLI starts fast)."""

from __future__ import annotations

from peptidekit.lazy import lazy_attributes

_WHERE = {
    "Calculation": "calculators",
    "DiluentRequest": "calculators",
    "NasalRequest": "calculators",
    "ReconstituteRequest": "calculators",
    "diluent": "calculators",
    "nasal": "calculators",
    "nasal_device": "calculators",
    "reconstitute": "calculators",
    "PKLimits": "pk",
    "PKRequest": "pk",
    "Simulation": "pk",
    "StackSimulation": "pk",
    "simulate": "pk",
    "simulate_stack": "pk",
    "PlanLimits": "plan",
    "PlanRequest": "plan",
    "component_request": "plan",
    "plan": "plan",
    "plan_stack": "plan",
}

__all__ = sorted(_WHERE)
__getattr__ = lazy_attributes(__name__, _WHERE)
