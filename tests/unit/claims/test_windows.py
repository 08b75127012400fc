"""Running a pattern only near its anchors finds what running it everywhere finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from peptidekit.claims import draws, extract
from peptidekit.claims.text import load
from peptidekit.claims.windows import around

PAGES = Path(__file__).parents[2] / "data" / "pages"
SOURCES = Path(__file__).parents[4] / "shared" / "sources"  # the five real pages


def test_windows_merge_and_stay_inside_the_text() -> None:
    text = "a=b" + "x" * 100 + "c=d=e" + "y" * 3
    # anchors at 1, 104 and 106; 5 either side: [0, 7) and [99, 111) (106 + 5 is cut at 111)
    assert list(around(text, re.compile("="), 5, 5)) == [(0, 7), (99, 111)]
    assert list(around("no anchors", re.compile("="), 5, 5)) == []


def _everywhere(text: str, anchor: re.Pattern[str], before: int, after: int):  # type: ignore[no-untyped-def]
    yield 0, len(text)


@pytest.mark.parametrize(
    "page",
    sorted(PAGES.glob("*.t*t")) + sorted(PAGES.glob("*.html")) + sorted(SOURCES.glob("*.txt")),
    ids=lambda p: p.name,
)
def test_anchored_patterns_find_what_a_whole_page_pass_finds(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = load(page.read_text(encoding="utf-8")).text
    anchored = [(c.kind, c.start, c.end) for c in extract.extract(text)]
    monkeypatch.setattr(extract, "around", _everywhere)
    monkeypatch.setattr(draws, "around", _everywhere)
    assert [(c.kind, c.start, c.end) for c in extract.extract(text)] == anchored
