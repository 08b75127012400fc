"""Where context words stand on the whole page, found in one pass each and asked about
by position: 'which route word is nearest after this figure, before the next one?', 'is
there a frequency in this stretch?'. A page dense with claims asks thousands of such
questions about overlapping windows; each is then a binary search, not a new scan of
the same characters (issue 29: a 200,000-character page of dose ranges)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from peptidekit.claims.patterns import FREQUENCY, FREQUENCY_OTHER, ROUTE_WORDS

ALL_FREQUENCIES = FREQUENCY + FREQUENCY_OTHER


class Marks:
    """Every match of each labelled pattern in ``text``, in order of position; a pattern
    is run over the whole text the first time it is asked about."""

    def __init__(self, text: str, labelled: Sequence[tuple[str, re.Pattern[str]]]) -> None:
        self.text = text
        self.labelled = list(labelled)
        self._found: dict[int, tuple[list[int], list[re.Match[str]]]] = {}

    def _of(self, index: int) -> tuple[list[int], list[re.Match[str]]]:
        found = self._found.get(index)
        if found is None:
            matches = list(self.labelled[index][1].finditer(self.text))
            found = self._found[index] = ([m.start() for m in matches], matches)
        return found

    def first_inside(self, index: int, lo: int, hi: int) -> re.Match[str] | None:
        """The first match of pattern ``index`` lying wholly inside [lo, hi)."""
        starts, matches = self._of(index)
        at = bisect_left(starts, lo)
        while at < len(starts) and starts[at] < hi:
            if matches[at].end() <= hi:
                return matches[at]
            at += 1
        return None

    def present(self) -> list[int]:
        """The patterns that match somewhere in the text (the others need no question)."""
        if not hasattr(self, "_present"):
            self._present = [i for i in range(len(self.labelled)) if self._of(i)[0]]
        return self._present

    def labels(self) -> list[str]:
        """The labels whose pattern matches anywhere in the text."""
        return [label for i, (label, _) in enumerate(self.labelled) if self._of(i)[0]]


class Routes(Marks):
    """The route words of a page (``ROUTE_WORDS``)."""

    def __init__(self, text: str) -> None:
        super().__init__(text, ROUTE_WORDS)

    def first(self, lo: int, hi: int) -> str | None:
        """The route named in [lo, hi), the routes tried in ``ROUTE_WORDS`` order (as
        ``context.route_in`` tries them on a window)."""
        for index in self.present():
            if self.first_inside(index, lo, hi) is not None:
                return self.labelled[index][0]
        return None

    def nearest_after(self, lo: int, hi: int) -> str | None:
        """The route whose word stands first in [lo, hi) (the words right after a figure:
        '200 mcg intranasal or 250 mcg SC')."""
        best: tuple[int, str] | None = None
        for index, (route, _) in enumerate(self.labelled):
            match = self.first_inside(index, lo, hi)
            if match is not None and (best is None or match.start() < best[0]):
                best = (match.start(), route)
        return best[1] if best else None

    def page(self) -> str | None:
        """The route a page names, when it names exactly one."""
        named = self.labels()
        return named[0] if len(named) == 1 else None


class Frequencies(Marks):
    """The frequencies of a page ('2-3 times a day', 'twice daily': ``FREQUENCY``)."""

    def __init__(self, text: str) -> None:
        super().__init__(text, [(str(i), p) for i, (p, _) in enumerate(ALL_FREQUENCIES)])

    def first(self, lo: int, hi: int) -> tuple[float, float] | None:
        """The frequency in [lo, hi), the patterns tried in order (as
        ``context.frequency_in`` tries them on a window)."""
        for index in self.present():
            fixed = ALL_FREQUENCIES[index][1]
            match = self.first_inside(index, lo, hi)
            if match is not None:
                if fixed is not None:
                    return float(fixed[0]), float(fixed[1])
                numbers = [float(g) for g in match.groups() if g is not None]
                return numbers[0], numbers[-1]
        return None
