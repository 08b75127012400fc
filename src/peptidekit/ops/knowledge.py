"""Knowledge and checker operations: a monograph, a comparison, a checked page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptidekit.claims.limits import check_length, read_page_text
from peptidekit.errors import InputError
from peptidekit.ops.fields import text

if TYPE_CHECKING:
    from peptidekit.claims.check import Report
    from peptidekit.knowledge.compare import ComparisonTable

MAX_COMPARED = 8


def monograph(compound: str) -> dict[str, Any]:
    """A compound's cited monograph as data: every claim with its sources and evidence."""
    from peptidekit.knowledge import default_knowledge
    from peptidekit.knowledge.views import monograph_dict

    kb = default_knowledge()
    return monograph_dict(kb.compound(compound), kb)


def conflicts(compound: str) -> dict[str, Any]:
    """Where the sources disagree about a compound, with the sources on each side."""
    from peptidekit.knowledge import default_knowledge
    from peptidekit.knowledge.views import conflicts_dict

    kb = default_knowledge()
    return conflicts_dict(kb.compound(compound), kb)


def compare(*compounds: str) -> ComparisonTable:
    """Compounds side by side: identity, reference doses and every stated feature."""
    from peptidekit.knowledge import default_knowledge
    from peptidekit.knowledge.compare import comparison_table

    if not 1 <= len(compounds) <= MAX_COMPARED:
        raise InputError(
            f"compare takes 1 to {MAX_COMPARED} compounds, got {len(compounds)}",
            input=", ".join(compounds),
            expected=f"1 to {MAX_COMPARED} compound names",
        ).at("compounds")
    kb = default_knowledge()
    return comparison_table([kb.compound(name) for name in compounds], kb)


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
