"""The checker on its own corpus (tests/data/pages, written for this project): recall of
annotated errors with the right reason, precision of its flags, and false alarms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from peptidekit.ops.knowledge import check_page, read_page

PAGES = Path(__file__).parents[1] / "data" / "pages"


def pages() -> list[Path]:
    return sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".html"))


def score() -> dict[str, Any]:
    found_errors = errors = flagged = flagged_errors = alarms = correct = 0
    misses: list[str] = []
    for page in pages():
        truth = json.loads((PAGES / f"{page.stem}.truth.json").read_text())["claims"]
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
        "pages": len(pages()),
        "recall": found_errors / errors,
        "precision": flagged_errors / flagged if flagged else 1.0,
        "false_alarms": alarms / correct,
        "errors": errors,
        "correct": correct,
        "problems": misses,
    }


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
