"""Operations: one typed request and one typed result per workflow, shared by the CLI,
the web app and library users (imported lazily, so the CLI starts fast)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

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
    "simulate": "pk",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'peptidekit.ops' has no attribute {name!r}")
    return getattr(import_module(f"peptidekit.ops.{_WHERE[name]}"), name)
