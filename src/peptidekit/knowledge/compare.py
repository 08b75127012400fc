"""Side-by-side comparison tables generated from the data (Selank vs Semax vs ...)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peptidekit.knowledge.limits import limit_claims, stating_citations
from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.ranges import ReferenceRange, fmt_range
from peptidekit.knowledge.reconcile import reference_ranges
from peptidekit.knowledge.schema import Claim, Compound
from peptidekit.knowledge.views import identity_dict


@dataclass(frozen=True)
class Cell:
    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ComparisonTable:
    compounds: tuple[Compound, ...]
    rows: tuple[tuple[str, tuple[tuple[Cell, ...], ...]], ...]
    """(feature, one tuple of cells per compound); an empty tuple means not stated."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "compounds": [c.id for c in self.compounds],
            "rows": [
                {
                    "feature": feature,
                    "cells": {
                        compound.id: [{"value": c.value, "sources": list(c.sources)} for c in cells]
                        for compound, cells in zip(self.compounds, per_compound, strict=True)
                    },
                }
                for feature, per_compound in self.rows
            ],
        }


def _identity_cells(compound: Compound, kb: KnowledgeBase) -> list[tuple[str, Cell]]:
    identity = identity_dict(compound)
    computed = ("peptidekit.chem",) if compound.sequence else ()
    cells = [("category", Cell(compound.category, ()))]
    if compound.sequence:
        cells.append(("sequence", Cell(identity["sequence"], computed)))
    formula_sources = computed or tuple(
        dict.fromkeys(s.source for stated in compound.stated_identity for s in stated.sources)
    )
    formula = identity["formula"] or "not known (no record gives its structure)"
    if identity["formula"] and not compound.sequence:
        formula += f" ({identity['average_mass']:.2f} Da from the formula; not a peptide)"
    cells.append(("formula", Cell(formula, formula_sources)))
    for ref in reference_ranges(compound):
        if ref.route and ref.basis:
            label = f"dose ({ref.route}, {ref.basis.replace('_', ' ')})"
            value = _dose_text(ref, compound)
            if ref.origin == "envelope":
                value += " (no label figure)"
            cells.append((label, Cell(value, ref.sources)))
    cells += [("labelled maximum", cell) for cell in _limit_cells(compound, kb)]
    cells += [("half-life", cell) for cell in _half_life_cells(compound)]
    return cells


def _dose_text(ref: ReferenceRange, compound: Compound) -> str:
    """The range in mg where the compound's own figures are in mg (0.25-0.5 mg, not
    250-500 mcg); in mcg otherwise, as the reference ranges hold them."""
    claims = [c for c in compound.claims if c.id in ref.claims and c.amount is not None]
    if claims and all(c.amount is not None and c.amount.unit == "mg" for c in claims):
        text = fmt_range((ref.low / 1000, ref.high / 1000), "mg")
        return text + (" (maximum)" if ref.maximum else "")
    return ref.text


def _limit_cells(compound: Compound, kb: KnowledgeBase) -> list[Cell]:
    """The figures enforced as limits (knowledge.limits), each with the stating record."""
    cells = []
    for basis in ("per_administration", "per_nostril", "per_day"):
        for claim in limit_claims(compound.claims, None, basis):
            assert claim.amount is not None
            amount = claim.amount
            where = ", ".join(claim.routes) or "any route"
            text = fmt_range((amount.low, amount.high), amount.unit)
            value = f"{text} {basis.replace('_', ' ')} ({where})"
            sources = tuple(c.source for c in stating_citations(claim, kb.sources))
            cells.append(Cell(value, sources))
    return cells


def _half_life_cells(compound: Compound) -> list[Cell]:
    """Each stated half-life that is not contradicted, in its own unit and words; where
    only a fall in plasma levels is stated, that, marked as not a half-life."""
    timed = [_timed_cell(c) for c in compound.claims if c.topic == "half_life" and c.amount]
    cells = [c for c in timed if c is not None]
    falls = [c for c in compound.claims if c.topic == "plasma_disappearance" and c.amount]
    for claim in falls:
        cell = _timed_cell(claim)
        if cell is not None:
            cells.append(
                Cell(f"plasma levels fall over {cell.value} (not a half-life)", cell.sources)
            )
    return cells


def _timed_cell(claim: Claim) -> Cell | None:
    if claim.amount is None or claim.status == "contradicted":
        return None
    value = fmt_range((claim.amount.low, claim.amount.high), claim.amount.unit)
    if claim.amount.as_written:
        value += f" ('{claim.amount.as_written}')"
    if claim.status == "unverified":
        value += " (unverified)"
    return Cell(value, tuple(dict.fromkeys(s.source for s in claim.sources)))


_ROW_GROUP = {"category": 0, "sequence": 1, "formula": 2, "dose": 3, "labelled maximum": 4}
_ROW_GROUP["half-life"] = 5
"""Identity, then every dose row, the labelled maxima and half-lives, then the comparison
features in the order the compounds state them (the sort is stable)."""


def _group(feature: str) -> str:
    return "dose" if feature.startswith("dose (") else feature


def comparison_table(compounds: list[Compound], kb: KnowledgeBase) -> ComparisonTable:
    """Rows: identity, reference doses, labelled maxima, half-lives, then every comparison
    feature any compound states."""
    per_compound: list[dict[str, list[Cell]]] = []
    features: list[str] = []
    for compound in compounds:
        cells: dict[str, list[Cell]] = {}
        for feature, cell in _identity_cells(compound, kb):
            cells.setdefault(feature, []).append(cell)
            features.append(feature)
        merged: dict[tuple[str, str], list[str]] = {}
        for claim in compound.claims:
            if claim.topic == "comparison" and claim.feature and claim.value:
                key = (claim.feature, claim.value)
                merged.setdefault(key, []).extend(s.source for s in claim.sources)
                features.append(claim.feature)
        for (feature, value), sources in merged.items():
            cells.setdefault(feature, []).append(Cell(value, tuple(dict.fromkeys(sources))))
        per_compound.append(cells)
    ordered = sorted(dict.fromkeys(features), key=lambda f: _ROW_GROUP.get(_group(f), 99))
    rows = tuple(
        (feature, tuple(tuple(cells.get(feature, [])) for cells in per_compound))
        for feature in ordered
    )
    return ComparisonTable(tuple(compounds), rows)
