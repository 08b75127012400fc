"""Dose arithmetic: syringes, reconstitution, nasal devices, rounding, plausibility.

The public names load on first use, so importing one module of the package stays
cheap (the command line starts fast).
"""

from __future__ import annotations

from peptidekit.lazy import lazy_attributes

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
__getattr__ = lazy_attributes(__name__, _WHERE)
