"""Running a pattern only near its anchors finds what running it everywhere finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptidekit.claims import draws, extract
from peptidekit.claims.context import frequency_in, route_in
from peptidekit.claims.index import Frequencies, Routes
from peptidekit.claims.patterns import FREQUENCY, ROUTE_ANY, ROUTE_WIDTH, ROUTE_WORDS
from peptidekit.claims.text import load
from peptidekit.claims.windows import Nearby, around

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


def test_the_route_width_is_the_longest_route_match() -> None:
    import re._parser as parser  # the standard library's own reading of the pattern

    assert parser.parse(ROUTE_ANY.pattern, ROUTE_ANY.flags).getwidth()[1] == ROUTE_WIDTH
    # the union matches where any one route's pattern does
    for _, pattern in ROUTE_WORDS:
        for word in ("intraperitoneal", "Sub-Q", "U100", "i.m.", "by mouth", "drops"):
            assert bool(pattern.search(word)) <= bool(ROUTE_ANY.search(word))


def test_every_frequency_pattern_needs_a_day_word() -> None:
    """``frequency_in`` answers 'none' without a search where 'da' is not written: every
    frequency pattern ends in a word for the day, each of which holds 'da'."""
    for pattern, _ in FREQUENCY:
        assert pattern.pattern.endswith(("(?:day|daily)", "(?:a day|daily|per day)"))
    assert frequency_in("twice DAILY") == (2, 2)  # any case


ROUTE_SOUP = st.lists(
    st.sampled_from(["sc", "SC", "s.c.", "im", "i.p.", "nasal", "intra", "drops", "dropsy",
                     "oral", "ly", "U-100", "x", "-", ".", " ", "\n", "1", "ſc"]),
    max_size=120,
).map("".join)  # fmt: skip


@given(ROUTE_SOUP, st.data())
def test_nearby_never_says_no_where_a_window_search_finds_a_route(
    text: str, data: st.DataObject
) -> None:
    nearby = Nearby(text, ROUTE_ANY, ROUTE_WIDTH, budget=0)
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    if ROUTE_ANY.search(text[lo:hi]):
        assert nearby.possible(lo, hi), (text, lo, hi)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        (
            "x" * 40 + "xsc " + "y" * 40,
            41,
            84,
        ),  # 'sc' opens the window: a word there, not in the text
        ("a" * 40 + " dropsy" + "b" * 40, 0, 46),  # the window ends after 'drops'
        ("a" * 40 + " intranasal" + "b" * 40, 44, 91),  # 'nasal' inside the text's 'intranasal'
    ],
)
def test_nearby_finds_the_words_a_window_makes(text: str, lo: int, hi: int) -> None:
    assert ROUTE_ANY.search(text[lo:hi])  # the window search finds a route word...
    assert Nearby(text, ROUTE_ANY, ROUTE_WIDTH, budget=0).possible(
        lo, hi
    )  # ...so Nearby may not say no


def test_nearby_searches_windows_until_they_add_up_to_the_text() -> None:
    text = "250-500 mcg " * 100  # no route word anywhere
    nearby = Nearby(text, ROUTE_ANY, ROUTE_WIDTH)
    assert nearby.possible(0, 600)  # 600 of 1,200 characters: the caller searches
    assert nearby.possible(600, 1200)  # 1,200: still the caller's search
    assert not nearby.possible(0, 100)  # then the whole-text pass answers


def test_nearby_says_no_far_from_every_route_word() -> None:
    text = "250-500 mcg " * 50 + "nasal" + " 300 mcg" * 50
    nearby = Nearby(text, ROUTE_ANY, ROUTE_WIDTH, budget=0)
    assert not nearby.possible(0, 100)
    assert nearby.possible(580, 620)  # 'nasal' stands at 600


@pytest.mark.parametrize(
    "page",
    sorted(PAGES.glob("*.t*t")) + sorted(PAGES.glob("*.html")) + sorted(SOURCES.glob("*.txt")),
    ids=lambda p: p.name,
)
def test_routes_read_from_one_pass_are_the_window_searches(
    page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = load(page.read_text(encoding="utf-8")).text
    found = [(c.kind, c.start, c.value) for c in extract.extract(text)]
    # each question asked of the one-pass marks answered by a search of its window instead
    monkeypatch.setattr(Routes, "first", lambda self, lo, hi: route_in(self.text[lo:hi]))
    monkeypatch.setattr(Frequencies, "first", lambda self, lo, hi: frequency_in(self.text[lo:hi]))
    monkeypatch.setattr(Nearby, "possible", lambda self, lo, hi: True)  # search every window
    assert [(c.kind, c.start, c.value) for c in extract.extract(text)] == found
