"""The checker on its own corpus (tests/data/pages, written for this project): recall of
annotated errors with the right reason, precision of its flags, and false alarms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from peptidekit.ops.knowledge import read_page
from tests.claims_scoring import pages_in, score_pages

PAGES = Path(__file__).parents[1] / "data" / "pages"


def pages() -> list[Path]:
    return pages_in(PAGES)


def score() -> dict[str, Any]:
    return score_pages(pages())


def test_the_corpus_is_big_enough_and_annotated() -> None:
    assert len(pages()) >= 20
    for page in pages():
        truth = json.loads((PAGES / f"{page.stem}.truth.json").read_text())["claims"]
        text = read_page(page)
        for claim in truth:
            assert claim["text"] in text, (page.name, claim["text"])
            assert not claim["error"] or claim.get("why"), (page.name, claim["text"])


def test_recall_precision_and_false_alarms() -> None:
    result = score()
    summary = (
        f"recall {result['recall']:.0%} of {result['errors']} errors, precision "
        f"{result['precision']:.0%}, false alarms {result['false_alarms']:.1%} of "
        f"{result['correct']} correct claims; " + "; ".join(result["problems"])
    )
    assert result["recall"] >= 0.9, summary
    assert result["precision"] >= 0.9, summary
    assert result["false_alarms"] <= 0.03, summary


if __name__ == "__main__":  # pragma: no cover - a report for people
    print(json.dumps(score(), indent=1))
    pytest.main([__file__])
