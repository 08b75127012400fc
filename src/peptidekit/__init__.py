"""peptidekit: trustworthy tools for therapeutic-peptide research and education.

Not medical advice: every dose figure the package prints is for research and
education, checked against its sources, and never a prescription.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("peptidekit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
