"""Pharmacokinetics: exact regimens, metrics, population bands, parameter provenance, plots.

The public names load on first use, so importing one module of the package stays
cheap (the command line starts fast).
"""

from __future__ import annotations

from peptidekit.lazy import lazy_attributes

_WHERE = {
    "Dose": "model",
    "ExactModel": "exact",
    "Metrics": "metrics",
    "PKParameters": "model",
    "PopulationResult": "population",
    "Sourced": "params",
    "check_regimen_size": "model",
    "compute_metrics": "metrics",
    "plot_curves": "plot",
    "regular_doses": "model",
    "resolve_parameters": "params",
    "simulate_curves": "population",
    "simulate_population": "population",
}

__all__ = sorted(_WHERE)
__getattr__ = lazy_attributes(__name__, _WHERE)
