"""Running a rare, costly pattern only near the cheap anchors it needs."""

from __future__ import annotations

import re
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
