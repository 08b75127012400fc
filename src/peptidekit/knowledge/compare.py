"""Side-by-side comparison tables generated from the data (Selank vs Semax vs ...)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.reconcile import reference_ranges
from peptidekit.knowledge.schema import Compound
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


def _identity_cells(compound: Compound) -> list[tuple[str, Cell]]:
    identity = identity_dict(compound)
    computed = ("peptidekit.chem",) if compound.sequence else ()
    cells = [("category", Cell(compound.category, ()))]
    if compound.sequence:
        cells.append(("sequence", Cell(identity["sequence"], computed)))
    formula_sources = computed or tuple(
        s.source for stated in compound.stated_identity for s in stated.sources
    )
    cells.append(("formula", Cell(identity["formula"], formula_sources)))
    for ref in reference_ranges(compound):
        if ref.route and ref.basis:
            label = f"dose ({ref.route}, {ref.basis.replace('_', ' ')})"
            value = ref.text
            if ref.origin == "envelope":
                value += " (no label figure)"
            cells.append((label, Cell(value, ref.sources)))
    return cells


def comparison_table(compounds: list[Compound], kb: KnowledgeBase) -> ComparisonTable:
    """Rows: identity, reference doses, then every comparison feature any compound states."""
    per_compound: list[dict[str, list[Cell]]] = []
    features: list[str] = []
    for compound in compounds:
        cells: dict[str, list[Cell]] = {}
        for feature, cell in _identity_cells(compound):
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
    ordered = list(dict.fromkeys(features))
    rows = tuple(
        (feature, tuple(tuple(cells.get(feature, [])) for cells in per_compound))
        for feature in ordered
    )
    return ComparisonTable(tuple(compounds), rows)
