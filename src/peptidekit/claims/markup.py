"""Reading HTML's text the way a browser's tokenizer does, in one forward pass.

The steps follow the HTML standard's tokenizer (WHATWG, section 13.2.5): once a '<' opens
a tag, a comment or a declaration, the tokenizer stays in it until its end or the end of
the input, and never goes back. So every source character is looked at a bounded number
of times, whatever the page: an unclosed '<a' runs to the end of the input (a browser
drops it), where Python's ``html.parser`` treats it as text and looks for its end again
from every later '<' (quadratic on '<a<a<a...').

Each search below runs forward from the reading position and stops at the first
terminator it finds; a terminator that is not found means the construct runs to the end
of the input, where reading stops. Searches that need the earliest of two terminators
use one pattern for both, never two finds (the second could scan far past the first).
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Collection
from html.entities import html5

REFERENCE = re.compile(
    r"&(?:#[xX]([0-9a-fA-F]{1,64})|#([0-9]{1,64})|([a-zA-Z][a-zA-Z0-9]{0,40}))(;?)"
)
"""A character reference: numeric (hex or decimal) or named; the ';' may be missing."""
NAMED = html5
DATA_STOP = re.compile(r"[<&]")
TAG_STOP = re.compile(r"[>=]")
NOT_SPACE = re.compile(r"[^\t\n\f\r ]")
NAME_END = re.compile(r"[\t\n\f\r />]")
COMMENT_END = re.compile(r"--!?>")
LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
HEADING_LEVELS = {"title": 0, "h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
"""Elements that head what follows them: the page's structure (``claims.structure``)."""
RAW_TEXT = ("script", "style")
"""Elements whose content is raw text up to their end tag (never markup)."""


class Reader:
    """The text of ``source`` with, for each character, where it came from: ``offsets``
    (one per character) and ``ends`` (only where a character's source is not the one
    character at its offset: a reference's whole '&#37;', a break's empty span)."""

    def __init__(self, source: str, blocks: Collection[str], skipped: Collection[str]) -> None:
        self.source = source
        self.blocks = blocks
        self.skipped = skipped
        self.pieces: list[str] = []
        self.offsets = array("q")
        self.ends: dict[int, int] = {}
        self.length = 0  # characters of text so far
        self.skipping = 0
        self.last = ""  # the last character of text so far
        self.headings: list[tuple[int, int]] = []
        """(text offset, level) where each title (level 0) or h1-h6 heading starts."""

    # ------------------------------------------------------------ output
    def data(self, start: int, end: int) -> None:
        if self.skipping or start >= end:
            return
        self.pieces.append(self.source[start:end])
        self.offsets.extend(range(start, end))
        self.length += end - start
        self.last = self.source[end - 1]

    def replaced(self, text: str, start: int, end: int) -> None:
        """``text`` standing for the source [start, end) (a reference)."""
        if self.skipping or not text:
            return
        self.pieces.append(text)
        for _ in text:
            self.offsets.append(start)
            self.ends[self.length] = end
            self.length += 1
        self.last = text[-1]

    def line_break(self, at: int) -> None:
        if self.skipping or not self.length or self.last == "\n":
            return
        self.pieces.append("\n")
        self.offsets.append(at)
        self.ends[self.length] = at
        self.length += 1
        self.last = "\n"

    # ------------------------------------------------------------ reading
    def read(self) -> None:
        source, at, size = self.source, 0, len(self.source)
        while at < size:
            stop = DATA_STOP.search(source, at)
            if stop is None:
                self.data(at, size)
                return
            self.data(at, stop.start())
            at = stop.start()
            at = self.reference(at) if source[at] == "&" else self.markup(at)

    def reference(self, at: int) -> int:
        match = REFERENCE.match(self.source, at)
        if match is None:
            self.data(at, at + 1)
            return at + 1
        name, semicolon = match.group(3), match.group(4)
        if name is None:  # numeric: html.unescape maps it as the standard says
            text = html.unescape(match.group(0) if semicolon else match.group(0) + ";")
            self.replaced(text, at, match.end())
            return match.end()
        if semicolon and name + ";" in NAMED:
            self.replaced(NAMED[name + ";"], at, match.end())
            return match.end()
        for length in range(len(name), 0, -1):  # the longest name known without its ';'
            if name[:length] in NAMED:
                self.replaced(NAMED[name[:length]], at, at + 1 + length)
                return at + 1 + length
        self.data(at, at + 1)  # not a reference: the '&' is text
        return at + 1

    def markup(self, at: int) -> int:
        """What a '<' at ``at`` opens; the position after it (the input's size at its end)."""
        source, size = self.source, len(self.source)
        following = source[at + 1 : at + 2]
        if following in LETTERS:
            return self.tag(at, at + 1, closing=False)
        if following == "/":
            after = source[at + 2 : at + 3]
            if after in LETTERS:
                return self.tag(at, at + 2, closing=True)
            if after == ">":
                return at + 3  # '</>': nothing
            if not after:
                self.data(at, size)  # '</' at the end is text
                return size
            return self.until(">", at + 2)  # '</3': a bogus comment
        if following == "!":
            if source.startswith("--", at + 2):
                return self.comment(at + 4)
            return self.until(">", at + 2)  # a doctype, CDATA, a bogus comment
        if following == "?":
            return self.until(">", at + 2)
        self.data(at, at + 1)  # '<' before anything else is text ('a < b')
        return at + 1

    def until(self, end: str, at: int) -> int:
        found = self.source.find(end, at)
        return len(self.source) if found == -1 else found + len(end)

    def comment(self, at: int) -> int:
        source = self.source
        if source.startswith(">", at):
            return at + 1  # '<!-->'
        if source.startswith("->", at):
            return at + 2  # '<!--->'
        found = COMMENT_END.search(source, at)
        return len(source) if found is None else found.end()

    def tag(self, start: int, name_at: int, *, closing: bool) -> int:
        source, size = self.source, len(self.source)
        name_end = NAME_END.search(source, name_at)
        name = source[name_at : name_end.start() if name_end else size].lower()
        end = self.tag_end(name_end.start() if name_end else size)
        if end is None:
            return size  # a tag the input ends inside is dropped, as a browser does
        if name in self.skipped and name not in RAW_TEXT:
            self.skipping = max(0, self.skipping + (-1 if closing else 1))
        elif name in self.blocks:
            self.line_break(start)
            if not closing and not self.skipping and name in HEADING_LEVELS:
                self.headings.append((self.length, HEADING_LEVELS[name]))
        if closing or name not in RAW_TEXT:
            return end
        closer = re.compile(r"</" + name + r"[\t\n\f\r />]", re.I).search(source, end)
        if closer is None:
            return size  # raw text to the end of the input: skipped
        return self.tag(closer.start(), closer.start() + 2, closing=True)

    def tag_end(self, at: int) -> int | None:
        """Past the '>' that ends a tag whose name ends at ``at``: quoted attribute values
        may hold '>'. None when the input ends first."""
        source = self.source
        while True:
            stop = TAG_STOP.search(source, at)
            if stop is None:
                return None
            if source[stop.start()] == ">":
                return stop.end()
            value = NOT_SPACE.search(source, stop.end())  # after '=' and any spaces
            if value is None:
                return None
            at = value.start()
            quote = source[at]
            if quote in "\"'":
                closing = source.find(quote, at + 1)
                if closing == -1:
                    return None
                at = closing + 1
