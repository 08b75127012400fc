"""The knowledge base: compound monographs where every claim names its sources."""

from peptidekit.knowledge.api import (
    dose_claims,
    dose_reference,
    pk_parameters,
    reference_quantities,
    shelf_life,
    volume_default,
)
from peptidekit.knowledge.loader import KnowledgeBase, default_knowledge, load_knowledge
from peptidekit.knowledge.reconcile import ReferenceRange, all_conflicts, reference_ranges

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
