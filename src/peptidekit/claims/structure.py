"""A page read as structure before its numbers: its title and headings, and for each
position the compound in scope (issue 29, pattern 3: a sentence's compound comes from its
scope, then its own words, never from counting names over the whole page).

HTML gives its headings (``title``, ``h1``-``h6``, recorded by ``claims.markup``); plain
text gives them by its lines: Markdown '#' lines (with their level), the first line of
the page when it is short (the title), and short lines that read as headings (no closing
punctuation but a question's, no bullet, not a figure: an FAQ's questions head their
answers), whose level is unknown.

A heading naming one compound puts it in scope until a heading of the same or a higher
level; one naming none leaves its parent's compound in scope ('## Semax' then '### Dosage'
is still Semax); one naming several ('Selank vs Semax') puts none in scope, so each
sentence's own words decide."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from peptidekit.claims.text import SourceText

UNMARKED = 9
"""The level of a plain-text heading line: below every marked level."""
MANY = "*"
"""In scope: several compounds (a comparison's heading), so none."""
MARKDOWN = re.compile(r"(#{1,6})[ \t]{1,4}\S")
HEADING_LINE = re.compile(
    r"[^\W\d_][^\n]{0,78}[^\s.!;,:|]",  # a letter first, no closing punctuation but '?'
)
NOT_HEADING_START = re.compile(r"[•*\-–—>|]|\d{1,3}[.)]\s")
MAX_HEADING = 120
"""The longest line read as a heading, in characters."""


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    level: int
    """0: the page's title; 1-6: marked levels; ``UNMARKED``: a plain-text heading line."""


def headings(source: SourceText) -> list[Heading]:
    """The page's title and headings, in order."""
    text = source.text
    if source.headings is not None:  # HTML: its own elements
        found = []
        for start, level in source.headings:
            end = text.find("\n", start, start + MAX_HEADING)
            end = end if end != -1 else min(len(text), start + MAX_HEADING)
            found.append(Heading(start, end, level))
        return found
    found = []
    start, first = 0, True
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end].strip()
        if line and end - start <= MAX_HEADING:
            marked = MARKDOWN.match(line)
            if marked:
                found.append(Heading(start, end, len(marked.group(1))))
            elif first and HEADING_LINE.fullmatch(line):
                found.append(Heading(start, end, 0))
            elif HEADING_LINE.fullmatch(line) and not NOT_HEADING_START.match(line):
                found.append(Heading(start, end, UNMARKED))
        if line:
            first = False
        start = end + 1
    return found


class Scope:
    """The compound in scope at each position of a page, from its headings."""

    def __init__(self, source: SourceText, names: Callable[[int, int], set[str]]) -> None:
        """``names(lo, hi)``: the compound ids named in text[lo:hi] (as subjects)."""
        self.headings = headings(source)
        self.title: str | None = None
        stack: list[tuple[int, str | None]] = []
        self._starts: list[int] = []
        self._compounds: list[str | None] = []
        for heading in self.headings:
            named = names(heading.start, heading.end)
            compound = next(iter(named)) if len(named) == 1 else (MANY if named else None)
            if heading.level == 0:
                if self.title is None and compound not in (None, MANY):
                    self.title = compound
                continue  # the title is the page's compound, not a section's
            if heading.level == UNMARKED and compound is None:
                continue  # a plain 'Dosage' line: what was in scope stays
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            stack.append((heading.level, compound))
            self._starts.append(heading.start)
            self._compounds.append(_in_scope(stack))

    def at(self, position: int) -> str | None:
        """The compound id in scope at ``position``; ``MANY`` under a heading that names
        several; None where no heading names one (the page's compound applies)."""
        index = bisect_right(self._starts, position) - 1
        return self._compounds[index] if index >= 0 else None


def _in_scope(stack: list[tuple[int, str | None]]) -> str | None:
    for _, compound in reversed(stack):
        if compound is not None:
            return compound
    return None
