"""Dose arithmetic: syringes, reconstitution, nasal devices, rounding, plausibility.

The public names load on first use, so importing one module of the package stays
cheap (the command line starts fast).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "Device": "nasal",
    "DiluentPlan": "reconstitution",
    "NasalDose": "nasal",
    "Reconstitution": "reconstitution",
    "Syringe": "syringe",
    "calculator_limits": "plausibility",
    "calibrate": "nasal",
    "check_day_total": "plausibility",
    "check_dose": "plausibility",
    "diluent_for_units": "reconstitution",
    "labelled_ceiling": "plausibility",
    "make_syringe": "syringe",
    "nasal_dose": "nasal",
    "reconstitute": "reconstitution",
    "round_count": "rounding",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'peptidekit.dosing' has no attribute {name!r}")
    return getattr(import_module(f"peptidekit.dosing.{_WHERE[name]}"), name)
