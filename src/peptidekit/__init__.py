"""peptidekit: trustworthy tools for therapeutic-peptide research and education.

Not medical advice: every dose figure the package prints is for research and
education, checked against its sources, and never a prescription.

One import for library users::

    from peptidekit import reconstitute, plan, simulate, check_page
"""

from peptidekit.api import (
    analyse,
    check_page,
    compare,
    diluent,
    monograph,
    nasal,
    plan,
    reconstitute,
    simulate,
)
from peptidekit.errors import InputError, PeptidekitError
from peptidekit.results import DISCLAIMER

__version__ = "0.1.0"

__all__ = [
    "DISCLAIMER",
    "InputError",
    "PeptidekitError",
    "__version__",
    "analyse",
    "check_page",
    "compare",
    "diluent",
    "monograph",
    "nasal",
    "plan",
    "reconstitute",
    "simulate",
]
