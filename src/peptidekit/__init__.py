"""peptidekit: trustworthy tools for therapeutic-peptide research and education.

Not medical advice: every dose figure the package prints is for research and
education, checked against its sources, and never a prescription.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
