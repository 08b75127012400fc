"""Plain text from HTML, with every text character mapped back to its source offset.

Spans reported by the checker are offsets into the original input, so a
reader can find the exact words in the page that was checked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from peptidekit.claims.markup import Reader

BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "header",
    "footer",
    "blockquote",
    "pre",
    "title",
    "dl",
    "dt",
    "dd",
    "caption",
    "figure",
    "figcaption",
    "main",
    "nav",
    "aside",
    "hr",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
    "address",
    "thead",
    "tbody",
    "tfoot",
}
SKIP_TAGS = {"script", "style", "noscript", "template"}


@dataclass(frozen=True)
class SourceText:
    text: str
    offsets: Sequence[int]
    """offsets[i] is where text[i] came from in the original input."""
    original: str
    ends: Mapping[int, int] = field(default_factory=dict)
    """ends[i] is where the source of text[i] ends, where that is not offsets[i] + 1: past
    a whole '&#37;' for the '%' it became, or at a line break's own offset."""
    headings: Sequence[tuple[int, int]] | None = None
    """(offset into ``text``, level) of each title (0) and h1-h6 heading of an HTML page;
    None for plain text (``claims.structure`` then reads its headings from its lines)."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of text[start:end], a character reference included."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        last = self.ends.get(end - 1)
        return self.offsets[start], self.offsets[end - 1] + 1 if last is None else last


HTML_HINT = re.compile(
    r"<(html|body|p|div|span|br|h[1-6]|li|ul|ol|table|tr|td|th|dl|dt|dd|section|article|main)\b",
    re.I,
)


def looks_like_html(text: str) -> bool:
    return bool(HTML_HINT.search(text[:5000]))


def from_plain(text: str) -> SourceText:
    return SourceText(text, range(len(text)), text)


def from_html(source: str) -> SourceText:
    """The text a browser shows (scripts, styles and markup left out, block elements on
    lines of their own), read in one linear pass (``claims.markup``)."""
    reader = Reader(source, BLOCK_TAGS, SKIP_TAGS)
    reader.read()
    return SourceText("".join(reader.pieces), reader.offsets, source, reader.ends, reader.headings)


def load(text: str) -> SourceText:
    return from_html(text) if looks_like_html(text) else from_plain(text)
