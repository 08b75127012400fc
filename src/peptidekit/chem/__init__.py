"""Peptide chemistry computed from the sequence, terminal caps included."""

from __future__ import annotations

from peptidekit.chem.charge import DEFAULT_PKA_SET, PKA_SETS, pka_set
from peptidekit.chem.peptidoform import PeptidoformProperties, analyse_proforma
from peptidekit.chem.proforma import Peptidoform, parse_proforma
from peptidekit.chem.properties import PeptideProperties, analyse
from peptidekit.chem.sequence import CCap, NCap, Peptide, parse_sequence


def is_proforma(text: str) -> bool:
    """Whether ``text`` uses ProForma tags (``[...]``); plain sequences take the classic path."""
    return "[" in text or "]" in text


def analyse_any(
    text: str, *, ph: float = 7.4, pka_set_name: str = DEFAULT_PKA_SET
) -> PeptideProperties | PeptidoformProperties:
    """ProForma text (with tags) or a classic sequence (``Ac-TKPRPGP-NH2``), each its own way."""
    if is_proforma(text):
        return analyse_proforma(text, ph=ph, pka_set_name=pka_set_name)
    return analyse(text, ph=ph, pka_set_name=pka_set_name)


__all__ = [
    "DEFAULT_PKA_SET",
    "PKA_SETS",
    "CCap",
    "NCap",
    "Peptide",
    "PeptideProperties",
    "Peptidoform",
    "PeptidoformProperties",
    "analyse",
    "analyse_any",
    "analyse_proforma",
    "is_proforma",
    "parse_proforma",
    "parse_sequence",
    "pka_set",
]
