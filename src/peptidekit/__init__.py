"""peptidekit: trustworthy tools for therapeutic-peptide research and education.

Not medical advice: every dose figure the package prints is for research and
education, checked against its sources, and never a prescription.

One import for library users (each name loads on first use, so the command
line starts fast)::

    from peptidekit import reconstitute, plan, simulate, check_page
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peptidekit._version import __version__
from peptidekit.lazy import lazy_attributes

_WHERE = {
    "DISCLAIMER": "results",
    "InputError": "errors",
    "PeptidekitError": "errors",
    "analyse": "api",
    "check_page": "api",
    "compare": "api",
    "diluent": "api",
    "monograph": "api",
    "nasal": "api",
    "plan": "api",
    "reconstitute": "api",
    "simulate": "api",
    "check": "api",
    "compounds": "api",
    "conflicts": "api",
    "evidence": "api",
    "sources": "api",
}

__all__ = [
    "DISCLAIMER",
    "InputError",
    "PeptidekitError",
    "__version__",
    "analyse",
    "check",
    "check_page",
    "compare",
    "compounds",
    "conflicts",
    "diluent",
    "evidence",
    "monograph",
    "nasal",
    "plan",
    "reconstitute",
    "simulate",
    "sources",
]

if TYPE_CHECKING:
    from peptidekit.api import (
        analyse,
        check,
        check_page,
        compare,
        compounds,
        conflicts,
        diluent,
        evidence,
        monograph,
        nasal,
        plan,
        reconstitute,
        simulate,
        sources,
    )
    from peptidekit.errors import InputError, PeptidekitError
    from peptidekit.results import DISCLAIMER

__getattr__ = lazy_attributes(__name__, _WHERE)
