"""How the claim checker is scored against a folder of pages with truth files.

Shared by the project's own corpus (tests/integration/test_checker_corpus.py), the
real-page corpus (tests/integration/test_checker_real_pages.py) and
scripts/score_real_pages.py, so all three count the same way:

- recall: annotated errors the checker flags ("disagrees") on the same text, with a
  reason that contains the annotation's "why" (case-insensitive);
- precision: flags whose text is an annotated error on that page;
- false alarms: annotated correct claims that the checker flags.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from peptidekit.ops.knowledge import check_page, read_page

PAGE_SUFFIXES = (".txt", ".html")


def pages_in(folder: Path) -> list[Path]:
    """The pages of a corpus folder (each has a NAME.truth.json beside it), sorted."""
    return sorted(p for p in folder.iterdir() if p.suffix in PAGE_SUFFIXES)


def truth_of(page: Path) -> dict[str, Any]:
    """The truth file of a page: {"claims": [{"text", "error", "why"?}], ...}."""
    data: dict[str, Any] = json.loads((page.parent / f"{page.stem}.truth.json").read_text())
    return data


def score_pages(pages: Sequence[Path]) -> dict[str, Any]:
    """Recall, precision and false alarms of the checker over PAGES, with the problems."""
    found_errors = errors = flagged = flagged_errors = alarms = correct = 0
    misses: list[str] = []
    for page in pages:
        truth = truth_of(page)["claims"]
        text = read_page(page)
        report = check_page(page).to_dict()
        by_text: dict[str, list[dict[str, Any]]] = {}
        for f in report["findings"]:
            by_text.setdefault(text[f["span"][0] : f["span"][1]], []).append(f)
        wrong = {c["text"] for c in truth if c["error"]}
        for claim in truth:
            hits = by_text.get(claim["text"], [])
            flags = [f for f in hits if f["verdict"] == "disagrees"]
            if claim["error"]:
                errors += 1
                why = claim["why"].lower()
                if any(why in " ".join(f["reasons"]).lower() for f in flags):
                    found_errors += 1
                else:
                    misses.append(f"{page.name}: missed {claim['text']!r} ({claim['why']})")
            else:
                correct += 1
                if flags:
                    alarms += 1
                    misses.append(f"{page.name}: false alarm on {claim['text']!r}")
        for f in report["findings"]:
            if f["verdict"] == "disagrees":
                flagged += 1
                span_text = text[f["span"][0] : f["span"][1]]
                if span_text in wrong:
                    flagged_errors += 1
                else:
                    misses.append(f"{page.name}: unannotated flag {span_text!r}")
    return {
        "pages": len(pages),
        "recall": found_errors / errors if errors else 1.0,
        "precision": flagged_errors / flagged if flagged else 1.0,
        "false_alarms": alarms / correct if correct else 0.0,
        "errors": errors,
        "found_errors": found_errors,
        "correct": correct,
        "false_alarm_count": alarms,
        "flags": flagged,
        "flagged_errors": flagged_errors,
        "problems": misses,
    }


def summary(result: dict[str, Any]) -> str:
    """One line of figures, then the problems, for an assertion message or a report."""
    return (
        f"recall {result['recall']:.0%} of {result['errors']} errors, precision "
        f"{result['precision']:.0%} of {result['flags']} flags, false alarms "
        f"{result['false_alarms']:.1%} of {result['correct']} correct claims; "
        + "; ".join(result["problems"])
    )
