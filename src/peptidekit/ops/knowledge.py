"""Knowledge and chemistry operations: the compounds, a monograph, its conflicts, its
evidence and sources, a comparison, a peptide's chemistry.

Each is declared once (its request below, with ``declared`` fields); the CLI's commands,
the web's pages and API, and the library call these. The page check is ``ops.check``;
``check_page`` and ``read_page`` here are its plain-function forms, kept for callers
that hold a page's text or path already.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptidekit.claims.limits import check_length, read_page_text
from peptidekit.errors import InputError
from peptidekit.ops.declare import declared, request
from peptidekit.ops.fields import CountInput, text

if TYPE_CHECKING:
    from peptidekit.chem import PeptideProperties, PeptidoformProperties
    from peptidekit.claims.check import Report
    from peptidekit.knowledge.compare import ComparisonTable
    from peptidekit.knowledge.schema import Compound

MAX_COMPARED = 8
MAX_NAME = 80
"""Characters of a compound name or alias at most (the longest shipped is 40)."""
MAX_SEQUENCE = 5000
DEFAULT_PKA_SET = "bjellqvist"
"""The chemistry's default pKa table (``chem.charge.DEFAULT_PKA_SET``; a test keeps them
equal, so that this module does not load the chemistry to declare its request)."""

Analyser = Callable[..., "PeptideProperties | PeptidoformProperties"]
"""``chem.analyse_any``'s shape: (text, *, ph, pka_set_name) to the properties."""

_COMPOUND_HELP = "A compound's name or alias, any case, e.g. selank."


@request
class CompoundRequest:
    """One compound of the knowledge base."""

    compound: str = declared(_COMPOUND_HELP, example="selank", max_length=MAX_NAME)


@request
class CompoundsRequest:
    """The compounds of the knowledge base, Selank's and Semax's families first."""

    search: str | None = declared(
        "Only the compounds whose name, an alias or the category contains this text.",
        example="semax",
        max_length=MAX_NAME,
        default=None,
    )


@request
class CompareRequest:
    """Compounds side by side: identity, reference doses and every stated feature."""

    compounds: tuple[str, ...] = declared(
        f"The compounds, 1 to {MAX_COMPARED} names or aliases.",
        kind="lines",
        example="selank\nsemax",
        max_length=MAX_NAME,
        min_items=1,
        max_items=MAX_COMPARED,
    )


@request
class ChemRequest:
    """A peptide's chemistry: formula, masses, pI, charge, GRAVY, extinction, proteases."""

    sequence: str = declared(
        "One-letter (TKPRPGP) or hyphenated three-letter sequence with optional caps "
        "(Ac-, -NH2), or ProForma 2.0 ('[Acetyl]-TKPRPGP-[Amidated]').",
        example="Ac-TKPRPGP-NH2",
        max_length=MAX_SEQUENCE,
    )
    ph: CountInput = declared("pH for the net charge.", default=7.4, shown_default="7.4")
    pka_set: str = declared(
        "pKa table: bjellqvist, emboss, grimsley, lehninger (expasy = bjellqvist).",
        default=DEFAULT_PKA_SET,
        max_length=20,
        shown_default=DEFAULT_PKA_SET,
    )


def compounds(request: CompoundsRequest | None = None) -> list[dict[str, Any]]:
    """Every compound (or those matching ``search``): id, name, kind, category, aliases,
    number of claims, origin (built-in or user-supplied) and whether it overrides a
    built-in one; Selank and its family first, then Semax's, other peptides, drugs."""
    from peptidekit.knowledge import default_knowledge

    needle = text(request.search if request else None)
    rows: list[dict[str, Any]] = [
        {
            "id": c.id,
            "name": c.name,
            "kind": c.kind,
            "category": c.category,
            "aliases": c.aliases,
            "claims": len(c.claims),
            "origin": c.origin,
            "overrides_builtin": c.overrides_builtin,
        }
        for c in sorted(default_knowledge().compounds.values(), key=_family_order)
    ]
    if needle is None:
        return rows
    low = needle.lower()
    return [
        r
        for r in rows
        if low in r["name"].lower()
        or any(low in a.lower() for a in r["aliases"])
        or low in r["category"].lower()
    ]


def _family_order(compound: Compound) -> tuple[int, bool, str]:
    """Selank and its own family (its modified forms, its parent tuftsin), then Semax and
    its forms, then other peptides, then the drugs Selank is compared with; the base
    compound first in each family."""
    if compound.kind != "peptide":
        family = 3
    elif "selank" in compound.id or compound.id == "tuftsin":
        family = 0
    elif "semax" in compound.id:
        family = 1
    else:
        family = 2
    return family, compound.id not in ("selank", "semax"), compound.name.lower()


def _compound(request: CompoundRequest | str) -> tuple[Compound, Any]:
    from peptidekit.knowledge import default_knowledge

    name = request.compound if isinstance(request, CompoundRequest) else request
    if not text(name):
        needed = "compound is needed"
        raise InputError(needed, input="", expected="a compound's name or alias").at("compound")
    kb = default_knowledge()
    return kb.compound(str(name)), kb


def monograph(request: CompoundRequest | str) -> dict[str, Any]:
    """A compound's cited monograph as data: every claim with its sources and evidence."""
    from peptidekit.knowledge.views import monograph_dict

    return monograph_dict(*_compound(request))


def conflicts(request: CompoundRequest | str) -> dict[str, Any]:
    """Where the sources disagree about a compound, with the sources on each side."""
    from peptidekit.knowledge.views import conflicts_dict

    return conflicts_dict(*_compound(request))


def evidence(request: CompoundRequest | str) -> dict[str, Any]:
    """The human studies behind each outcome of a compound, graded by the stated rule:
    ``{"compound": name, "rule": ..., "outcomes": [...]}``."""
    from peptidekit.knowledge.evidence import EVIDENCE_RULE, evidence_summary

    compound, kb = _compound(request)
    rows = [s.to_dict() for s in evidence_summary(compound.id, kb)]
    return {"compound": compound.name, "rule": EVIDENCE_RULE, "outcomes": rows}


def sources(request: CompoundRequest | str) -> list[dict[str, Any]]:
    """The sources cited for a compound, most cited first (each with its count)."""
    from peptidekit.knowledge.views import sources_used

    return sources_used(*_compound(request))


def compare(request: CompareRequest) -> ComparisonTable:
    """Compounds side by side: identity, reference doses and every stated feature."""
    from peptidekit.knowledge import default_knowledge
    from peptidekit.knowledge.compare import comparison_table

    given = [request.compounds] if isinstance(request.compounds, str) else request.compounds
    names = [n.strip() for n in given if isinstance(n, str) and n.strip()]
    if not 1 <= len(names) <= MAX_COMPARED:
        raise InputError(
            f"compare takes 1 to {MAX_COMPARED} compounds, got {len(names)}",
            input=", ".join(names),
            expected=f"1 to {MAX_COMPARED} compound names",
        ).at("compounds")
    kb = default_knowledge()
    return comparison_table([kb.compound(name) for name in names], kb)


def analyse(
    request: ChemRequest, *, analyser: Analyser | None = None
) -> PeptideProperties | PeptidoformProperties:
    """A peptide's chemistry, read as the CLI and the web read it: a classic sequence or
    ProForma (``chem.analyse_any``, or the ``analyser`` an adapter hands in); the pH a
    number (from 0 to 14: the chemistry's check), the pKa table by name."""
    if analyser is None:
        from peptidekit.chem import analyse_any

        analyser = analyse_any
    if not text(request.sequence):
        raise InputError(
            "sequence is needed", input="", expected="a peptide sequence such as TKPRPGP"
        ).at("sequence")
    pka_set = request.pka_set.strip()
    return analyser(str(request.sequence), ph=_ph(request.ph), pka_set_name=pka_set)


def _ph(value: CountInput) -> float:
    """The pH as a number (its range, 0 to 14, is the chemistry's own check)."""
    try:
        if isinstance(value, bool):
            raise ValueError(value)
        return float(value)
    except (TypeError, ValueError):
        raise InputError(
            f"pH {value!r} is not a number", input=str(value), expected="a pH from 0 to 14"
        ).at("ph") from None


def read_page(path: Path) -> str:
    """A page file exactly as stored: UTF-8, line endings untranslated (a CRLF file's spans
    would otherwise shift by one per earlier line)."""
    return read_page_text(path)


def check_page(
    page: str | Path, *, compound: str | None = None, page_file: str | None = None
) -> Report:
    """Every quantitative claim of a page (its text or HTML, or a file) checked against
    the knowledge base; spans point into the text as given."""
    from peptidekit.claims.check import check_text

    if isinstance(page, Path):
        content = read_page(page)
        page_file = page_file or page.name
    else:
        content = page
    return check_text(check_length(content), compound=text(compound), page_file=page_file)
