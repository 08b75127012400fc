"""Plain text from HTML, with every text character mapped back to its source offset.

Spans reported by the checker are offsets into the original input, so a
reader can find the exact words in the page that was checked.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

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
    offsets: tuple[int, ...]
    """offsets[i] is where text[i] came from in the original input."""
    original: str
    ends: tuple[int, ...] = ()
    """ends[i] is where the source of text[i] ends: past a whole '&#37;' for the '%' it
    became (empty: each character is one source character)."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of text[start:end], a character reference included."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        last = self.ends[end - 1] if self.ends else self.offsets[end - 1] + 1
        return self.offsets[start], last


HTML_HINT = re.compile(
    r"<(html|body|p|div|span|br|h[1-6]|li|ul|ol|table|tr|td|th|dl|dt|dd|section|article|main)\b",
    re.I,
)


def looks_like_html(text: str) -> bool:
    return bool(HTML_HINT.search(text[:5000]))


def from_plain(text: str) -> SourceText:
    return SourceText(text, tuple(range(len(text))), text)


class _Collector(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.ends: list[int] = []
        self.skipping = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _emit(self, text: str, start: int, source_length: int | None = None) -> None:
        """``text`` from ``start``; a reference (``source_length`` given) maps every
        character it became onto its whole source, '&#37;' and all."""
        if self.skipping:
            return
        for i, ch in enumerate(text):
            self.chars.append(ch)
            if source_length is None:
                self.offsets.append(start + i)
                self.ends.append(start + i + 1)
            else:
                self.offsets.append(start)
                self.ends.append(start + source_length)

    def _reference_length(self, body: str) -> int:
        """Characters of '&name;' or '&#37;' at the parser's position (';' optional)."""
        here = self._here()
        return len(body) + (2 if self.source.startswith(body + ";", here + 1) else 1)

    def _break(self) -> None:
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.offsets.append(self._here())
            self.ends.append(self._here())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        self._emit(data, self._here())

    def handle_entityref(self, name: str) -> None:
        self._emit(html.unescape(f"&{name};"), self._here(), self._reference_length(name))

    def handle_charref(self, name: str) -> None:
        self._emit(html.unescape(f"&#{name};"), self._here(), self._reference_length(f"#{name}"))


def from_html(source: str) -> SourceText:
    collector = _Collector(source)
    collector.feed(source)
    collector.close()
    return SourceText(
        "".join(collector.chars), tuple(collector.offsets), source, tuple(collector.ends)
    )


def load(text: str) -> SourceText:
    return from_html(text) if looks_like_html(text) else from_plain(text)
