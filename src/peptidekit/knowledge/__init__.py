"""The knowledge base: compound monographs where every claim names its sources.

Names are imported lazily, so that ``peptidekit.knowledge.index`` (used by the
calculators) does not load the schema library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peptidekit.lazy import lazy_attributes

if TYPE_CHECKING:
    from peptidekit.knowledge.api import (
        dose_claims,
        dose_reference,
        pk_parameters,
        reference_quantities,
        shelf_life,
        volume_default,
    )
    from peptidekit.knowledge.loader import KnowledgeBase, default_knowledge, load_knowledge
    from peptidekit.knowledge.ranges import ReferenceRange
    from peptidekit.knowledge.reconcile import all_conflicts, reference_ranges

_WHERE = {
    "dose_claims": "api",
    "dose_reference": "api",
    "pk_parameters": "api",
    "reference_quantities": "api",
    "shelf_life": "api",
    "volume_default": "api",
    "KnowledgeBase": "loader",
    "default_knowledge": "loader",
    "load_knowledge": "loader",
    "ReferenceRange": "ranges",
    "all_conflicts": "reconcile",
    "reference_ranges": "reconcile",
}

__all__ = [
    "KnowledgeBase",
    "ReferenceRange",
    "all_conflicts",
    "default_knowledge",
    "dose_claims",
    "dose_reference",
    "load_knowledge",
    "pk_parameters",
    "reference_quantities",
    "reference_ranges",
    "shelf_life",
    "volume_default",
]


__getattr__ = lazy_attributes(__name__, _WHERE)
