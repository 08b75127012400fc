"""Running a rare, costly pattern only near the cheap anchors it needs, and answering
'is it in this window?' from one pass over the whole text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator


def around(
    text: str, anchor: re.Pattern[str], before: int, after: int
) -> Iterator[tuple[int, int]]:
    """The stretches of ``text`` within ``before``/``after`` characters of each ``anchor``
    match, overlapping ones merged: a rare, costly pattern is then run only where it can
    match, not over the whole page."""
    lo = hi = -1
    for match in anchor.finditer(text):
        start, end = max(0, match.start() - before), min(len(text), match.end() + after)
        if start > hi:
            if hi > lo:
                yield lo, hi
            lo = start
        hi = max(hi, end)
    if hi > lo:
        yield lo, hi


class Nearby:
    """Whether ``pattern`` may match inside ``text[lo:hi]``, answered from where it
    matches in the whole text (found once, in one pass) instead of a search of each
    window: on a page dense with claims, windows overlap and each search would read the
    same characters again.

    Never a wrong 'no': a match inside the window that starts after ``lo`` and reads
    (lookarounds included, at most 2 characters past its end) only characters before
    ``hi`` is also a match of the whole text, or lies inside one that starts at most
    ``width`` (the longest match) before it; any other match starts at ``lo`` or ends
    within 3 characters of ``hi``, and is looked for in the window's first and last
    ``width + 4`` characters, sliced as the window is. A 'yes' is only a 'maybe': the
    caller then searches.

    The whole-text pass is made only once the windows asked about add up to the text's
    length (a page dense with claims): until then each answer is 'maybe' and the caller
    searches its window, as cheap on an ordinary page as before."""

    def __init__(
        self, text: str, pattern: re.Pattern[str], width: int, budget: int | None = None
    ) -> None:
        self.text, self.pattern, self.width = text, pattern, width
        self._starts: list[int] | None = None
        self._budget = len(text) if budget is None else budget
        """Window characters left to search before the whole-text pass."""

    def possible(self, lo: int, hi: int) -> bool:
        if self._starts is None:
            if self._budget > 0:
                self._budget -= hi - lo
                return True
            self._starts = [m.start() for m in self.pattern.finditer(self.text)]
        index = bisect_left(self._starts, lo - self.width)
        if index < len(self._starts) and self._starts[index] < hi:
            return True
        edge = self.width + 4
        return bool(
            self.pattern.match(self.text[lo : min(hi, lo + edge)])
            or self.pattern.search(self.text[max(lo, hi - edge) : hi])
        )
