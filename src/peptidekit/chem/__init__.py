"""Peptide chemistry computed from the sequence, terminal caps included."""

from peptidekit.chem.charge import DEFAULT_PKA_SET, PKA_SETS, pka_set
from peptidekit.chem.properties import PeptideProperties, analyse
from peptidekit.chem.sequence import CCap, NCap, Peptide, parse_sequence

__all__ = [
    "DEFAULT_PKA_SET",
    "PKA_SETS",
    "CCap",
    "NCap",
    "Peptide",
    "PeptideProperties",
    "analyse",
    "parse_sequence",
    "pka_set",
]
