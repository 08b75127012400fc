"""Plain-data views of the knowledge base for JSON output, the CLI and the web app."""

from __future__ import annotations

from typing import Any

from peptidekit.chem import analyse
from peptidekit.chem.molecule import analyse_formula
from peptidekit.knowledge.limits import limit_claims, limit_record
from peptidekit.knowledge.loader import KnowledgeBase
from peptidekit.knowledge.ranges import ReferenceRange, fmt_range
from peptidekit.knowledge.reconcile import all_conflicts, in_unit, reference_ranges
from peptidekit.knowledge.schema import (
    Citation,
    Claim,
    Compound,
    Conflict,
    Identifier,
    Source,
    StatedIdentity,
    Study,
)
from peptidekit.results import DISCLAIMER


def source_dict(source: Source) -> dict[str, Any]:
    return source.model_dump(mode="json", exclude_none=True)


def citation_dict(citation: Citation, kb: KnowledgeBase) -> dict[str, Any]:
    source = kb.sources[citation.source]
    data: dict[str, Any] = {"source": citation.source, "title": source.title, "kind": source.kind}
    if citation.locator:
        data["locator"] = citation.locator
    if citation.url:
        data["url"] = citation.url
    if citation.limit_wording:
        data["limit_wording"] = citation.limit_wording
    if source.file:
        data["file"] = source.file
    return data


def limits_list(compound: Compound, kb: KnowledgeBase) -> list[dict[str, Any]]:
    """The figures enforced as limits (knowledge.limits), each with the record stating it."""
    return [
        {
            "claim": c.id,
            "statement": c.statement,
            "basis": basis,
            "routes": list(c.routes),
            "text": fmt_range(in_unit(c, "mcg"), "mcg"),
            "record": limit_record(c, kb.sources),
        }
        for basis in ("per_administration", "per_nostril", "per_day")
        for c in limit_claims(compound.claims, None, basis)
    ]


def claim_dict(claim: Claim, kb: KnowledgeBase) -> dict[str, Any]:
    data = claim.model_dump(mode="json", exclude_none=True, exclude={"sources"})
    data["sources"] = [citation_dict(c, kb) for c in claim.sources]
    return data


def reference_dict(ref: ReferenceRange) -> dict[str, Any]:
    return {
        "topic": ref.topic,
        "route": ref.route,
        "basis": ref.basis,
        "low": ref.low,
        "high": ref.high,
        "unit": ref.unit,
        "origin": ref.origin,
        "claims": list(ref.claims),
        "sources": list(ref.sources),
        "note": ref.note,
        "maximum": ref.maximum,
        "text": ref.text,
    }


def conflict_dict(conflict: Conflict, compound: Compound, kb: KnowledgeBase) -> dict[str, Any]:
    claims = {c.id: c for c in compound.claims}
    return {
        "id": conflict.id,
        "kind": conflict.kind,
        "topic": conflict.topic,
        "summary": conflict.summary,
        "computed": conflict.computed,
        "sides": [
            {
                "label": side.label,
                "claims": [claim_dict(claims[i], kb) for i in side.claims],
                "sources": list(
                    dict.fromkeys(s.source for i in side.claims for s in claims[i].sources)
                ),
            }
            for side in conflict.sides
        ],
    }


def conflicts_dict(compound: Compound, kb: KnowledgeBase) -> dict[str, Any]:
    conflicts = all_conflicts(compound, kb)
    return {
        "compound": compound.id,
        "count": len(conflicts),
        "conflicts": [conflict_dict(c, compound, kb) for c in conflicts],
    }


def identity_dict(compound: Compound) -> dict[str, Any]:
    """Identity computed from the sequence (peptides) or the formula (small molecules,
    nucleotides), with the stated values beside it; a structure no record gives is said so."""
    data: dict[str, Any] = {"kind": compound.kind, "category": compound.category}
    if compound.sequence:
        props = analyse(compound.sequence).to_dict()
        data.update(
            {
                "sequence": props["notation"],
                "formula": props["formula"],
                "monoisotopic_mass": props["monoisotopic_mass"],
                "average_mass": props["average_mass"],
                "isoelectric_point": props["isoelectric_point"],
                "computed_from": "sequence (peptidekit.chem)",
            }
        )
    elif compound.formula:  # a small molecule or nucleotide: masses from its formula
        molecule = analyse_formula(compound.formula)
        data.update(
            {
                "formula": molecule.formula,
                "monoisotopic_mass": round(molecule.monoisotopic_mass, 5),
                "average_mass": round(molecule.average_mass, 4),
                "computed_from": "formula (peptidekit.chem; no residues)",
            }
        )
    else:  # a peptide whose structure no record gives (structure_unknown)
        data["formula"] = None
        data["formula_note"] = (
            "not known: no public record read gives its structure (see the identity notes)"
        )
        data["structure_unknown"] = compound.structure_unknown
    data["stated"] = [
        s.model_dump(mode="json", exclude_none=True) for s in compound.stated_identity
    ]
    data["identifiers"] = [
        i.model_dump(mode="json", exclude_none=True) for i in compound.identifiers
    ]
    return data


def sources_used(compound: Compound, kb: KnowledgeBase) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    cited: list[Claim | Study | StatedIdentity | Identifier] = [
        *compound.claims,
        *compound.studies,
        *compound.stated_identity,
        *compound.identifiers,
    ]
    for item in cited:
        for citation in item.sources:
            counts[citation.source] = counts.get(citation.source, 0) + 1
    return [
        {**source_dict(kb.sources[sid]), "cited": n}
        for sid, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def monograph_dict(compound: Compound, kb: KnowledgeBase) -> dict[str, Any]:
    from peptidekit.knowledge.evidence import EVIDENCE_RULE, evidence_summary

    used = sources_used(compound, kb)
    checks = [s["checked"] for s in used if s.get("checked")]
    return {
        "disclaimer": DISCLAIMER,
        "id": compound.id,
        "name": compound.name,
        "aliases": compound.aliases,
        "origin": compound.origin,
        "overrides_builtin": compound.overrides_builtin,
        "summary": compound.summary,
        "identity": identity_dict(compound),
        "reference_doses": [reference_dict(r) for r in reference_ranges(compound)],
        "limits": limits_list(compound, kb),
        "claims": [claim_dict(c, kb) for c in compound.claims],
        "studies": [
            {
                **s.model_dump(mode="json", exclude_none=True, exclude={"sources"}),
                "sources": [citation_dict(c, kb) for c in s.sources],
            }
            for s in compound.studies
        ],
        "conflicts": conflicts_dict(compound, kb)["conflicts"],
        "unknowns": compound.unknowns,
        "sources": used,
        "evidence": [s.to_dict() for s in evidence_summary(compound.id, kb)],
        "evidence_rule": EVIDENCE_RULE,
        "newest_check": max(checks) if checks else None,
    }
