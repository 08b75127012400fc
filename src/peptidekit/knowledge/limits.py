"""Which figures act as limits, and on what records.

A figure is a limit (a ``maximum``: the ceiling rounding never passes, an
``over_labelled_cap`` or ``over_daily_maximum`` warning, a checker's "disagrees")
only when a cited record states it as a limit. Such a claim must be a label's
figure (evidence ``label``), supported, and cite at least one product label or
regulatory record precisely enough to find the sentence: a ``locator``, the
record's own limiting words (``limit_wording``) and a ``url`` or an identifier
(PMID, DOI). A figure the records give only as a range, or that is arithmetic
from a label, is shown as what it is and never enforced.

The loader refuses a data file whose ``maximum`` does not meet this; this module
imports nothing heavy, so that the calculators and the checker can use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peptidekit.knowledge.schema import Citation, Claim, Source

LIMIT_SOURCE_KINDS = ("product_label", "regulatory")
"""The kinds of record that can state a limit."""


def stating_citations(claim: Claim, sources: Mapping[str, Source]) -> list[Citation]:
    """The citations of ``claim`` that name a record stating it as a limit."""
    out = []
    for citation in claim.sources:
        source = sources.get(citation.source)
        if (
            source is not None
            and source.kind in LIMIT_SOURCE_KINDS
            and citation.locator
            and citation.limit_wording
            and (citation.url or source.pmid or source.doi)
        ):
            out.append(citation)
    return out


def limit_problems(claim: Claim, sources: Mapping[str, Source]) -> list[str]:
    """Why ``claim`` may not act as a limit; empty when it is no limit or a sound one."""
    if claim.amount is None or not claim.amount.maximum:
        return []
    problems = []
    if claim.evidence != "label":
        problems.append(f"its evidence is {claim.evidence!r}, not 'label'")
    if claim.status != "supported":
        problems.append(f"its status is {claim.status!r}, not 'supported'")
    if not stating_citations(claim, sources):
        problems.append(
            "no citation names a product label or regulatory record with a locator, "
            "the record's limiting words (limit_wording) and a url or identifier"
        )
    if not problems:
        return []
    return [f"claim {claim.id!r} is marked maximum but {'; '.join(problems)}"]


def limit_record(claim: Claim, sources: Mapping[str, Source]) -> str:
    """Where the limit is stated: 'label-semax, en.shram.kiev.ua/... (dosage): "no more"'."""
    parts = []
    for citation in stating_citations(claim, sources):
        source = sources[citation.source]
        where = citation.url or (f"PMID {source.pmid}" if source.pmid else f"doi:{source.doi}")
        parts.append(f'{citation.source}, {where} ({citation.locator}): "{citation.limit_wording}"')
    return "; ".join(parts)


def limit_claims(claims: Iterable[Claim], route: str | None, basis: str) -> list[Claim]:
    """The dose claims that act as limits for ``route`` (any route when None) and basis."""
    return [
        c
        for c in claims
        if c.topic == "dose"
        and c.amount is not None
        and c.amount.maximum
        and c.amount.basis == basis
        and c.status == "supported"
        and (route is None or route in c.routes)
    ]
