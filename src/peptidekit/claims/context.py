"""Reading a claim's context from bounded windows around it: its sentence (or card
line), route, daily count, the kind of a duration, a storage's conditions, excipients."""

from __future__ import annotations

import re
from typing import cast

from peptidekit.claims.draws import mg_per_ml
from peptidekit.claims.patterns import (
    ABBREVIATIONS,
    COURSE_LASTS,
    DURATION_ANY,
    DURATION_CONTEXT,
    EXCIPIENT_WORDS,
    FREQUENCY,
    FREQUENCY_OTHER,
    JUST_BEFORE_COURSE,
    LIST_KEYS,
    ROUTE_ANY,
    ROUTE_WORDS,
    TIME_WORDS,
    WORD_NUMBERS,
)
from peptidekit.claims.values import ClaimValue, StrengthValue


def mass_unit(unit: str) -> str:
    """'micrograms' and 'milligrams' (and their German and Russian words) as the
    registry's mcg and mg."""
    lowered = unit.lower()
    if lowered.startswith(("microgram", "mikrogramm", "мкг")):
        return "mcg"
    if lowered.startswith(("milligram", "мг")):
        return "mg"
    return unit


def time_unit(unit: str) -> str:
    """A time word as the unit registry's English ('Wochen', 'недели': 'weeks')."""
    lowered = unit.lower()
    for start, english in TIME_WORDS:
        if lowered.startswith(start):
            return english
    return lowered


GERMAN = re.compile(r"\b(?:und|der|die|das|mit|nicht|täglich|für|wird|oder|bei)\b", re.I)
CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")


def decimal_comma_page(text: str) -> bool:
    """Whether a page is written in a language of decimal commas (German, Russian): its
    first 20,000 characters hold 20 Cyrillic letters, or 10 common German words."""
    head = text[:20_000]
    return len(CYRILLIC.findall(head)) >= 20 or len(GERMAN.findall(head)) >= 10


def number(text: str | None) -> float | None:
    if text is None:
        return None
    if text.lower() in WORD_NUMBERS:
        return float(WORD_NUMBERS[text.lower()])
    return float(text)


def ends_sentence(text: str, i: int) -> bool:
    """Whether the '.' at ``i`` (followed by a space) ends a sentence."""
    word = text[max(0, i - 8) : i].rsplit(None, 1)[-1:] or [""]
    return word[0].lower().lstrip("(") not in ABBREVIATIONS


CITED_END = re.compile(r"[.!?]\[\d{1,3}\]$")
"""A sentence's end with its note's number after the stop ('... stabilization.[2]')."""


def sentence_span(text: str, start: int, end: int, width: int = 120) -> tuple[int, int]:
    """A bounded window around [start, end) that stops at sentence or line ends. A value
    alone on its line (an 'at a glance' card) takes the label line above it too."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    stop = text.rfind(". ", lo, max(lo, start - 1))
    while stop != -1 and not ends_sentence(text, stop):
        stop = text.rfind(". ", lo, stop)
    cited = text.rfind("] ", lo, max(lo, start - 1))  # 'stabilization.[2] Dihexa is'
    if cited != -1 and CITED_END.search(text, max(0, cited - 6), cited + 1):
        stop = max(stop, cited)
    line = text.rfind("\n", lo, start)
    before = max(stop + 1 if stop != -1 else -1, line)
    after = text.find(". ", end, hi)
    while after != -1 and not ends_sentence(text, after):
        after = text.find(". ", after + 1, hi)
    newline = text.find("\n", end, hi)
    ends = [i for i in (after, newline) if i != -1]
    first = before + 1 if before != -1 else lo
    last = min(ends) if ends else hi
    if line != -1 and first == line + 1 and not text[first:start].strip():
        above = text.rfind("\n", lo, line)  # the value opens its line: add the line above
        if line - above < 80:
            first = above + 1 if above != -1 else lo
    below = line_below(text, start, end)
    if below is not None:  # alone on its line: a card whose caption may be underneath
        last = max(last, below[1])
    return first, last


def may_list(block: str) -> bool:
    """A cheap first look: composition lists have a colon, a 'composition' or an 'ml'."""
    return any(key in block for key in LIST_KEYS)


def strength_mg_per_ml(value: ClaimValue) -> float | None:
    strength = cast(StrengthValue, value)
    return mg_per_ml(strength["value"], strength["unit"])


def line_below(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The (short) line under a value that stands alone on its line, else None."""
    line_start = text.rfind("\n", max(0, start - 80), start)
    line_end = text.find("\n", end, end + 80)
    if line_start == -1 and start > 80:
        return None  # a long line: the value does not stand alone on it
    if (
        line_end == -1
        or text[line_start + 1 : start].strip()
        or text[end:line_end].strip(" \t\r.:")
    ):
        return None
    next_end = text.find("\n", line_end + 1, line_end + 82)
    if next_end == -1:
        next_end = len(text) if len(text) - line_end <= 81 else -1
    return (line_end + 1, next_end) if 0 < next_end - line_end <= 81 else None


def route_in(window: str) -> str | None:
    if not ROUTE_ANY.search(window):
        return None
    for route, pattern in ROUTE_WORDS:
        if pattern.search(window):
            return route
    return None


def frequency_in(window: str) -> tuple[float, float] | None:
    english = "da" in window.lower()  # every English pattern ends in 'day' or 'daily'
    for pattern, fixed in (FREQUENCY if english else []) + FREQUENCY_OTHER:
        match = pattern.search(window)
        if match:
            if fixed is not None:
                return float(fixed[0]), float(fixed[1])
            numbers = [float(g) for g in match.groups() if g is not None]
            return (numbers[0], numbers[-1])
    return None


def excipient_named(window: str) -> bool:
    lowered = window.lower()
    return any(word in lowered for word in EXCIPIENT_WORDS)


def duration_kind(text: str, start: int, end: int) -> str | None:
    lo, hi = max(0, start - 40), min(len(text), end + 30)
    # keywords count only within the same sentence
    cut = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    lo = cut + 1 if cut != -1 else lo
    stops = [i for i in (text.find(". ", end, hi), text.find("\n", end, hi)) if i != -1]
    hi = min(stops) if stops else hi
    if COURSE_LASTS.search(text[lo:start]):
        return "course"
    best: tuple[int, int, str] | None = None
    # one pass of all the keywords each side (each match says which kind it is)
    before, after = text[lo:start], text[end:hi]
    candidates = [(len(before) - f.end(), f.lastgroup) for f in DURATION_ANY.finditer(before)]
    candidates += [(f.start(), f.lastgroup) for f in DURATION_ANY.finditer(after)]
    for distance, group in candidates:
        rank = int(str(group)[1:])
        if best is None or (distance, rank) < best[:2]:
            best = (distance, rank, DURATION_CONTEXT[rank][0])
    below = line_below(text, start, end)
    if best is None and below is not None:  # a card: its caption above, else below
        above_end = text.rfind("\n", max(0, start - 80), start)
        above_start = max(
            above_end - 80, text.rfind("\n", max(0, above_end - 80), max(0, above_end)) + 1, 0
        )
        for lo_, hi_ in ((above_start, max(above_start, above_end)), below):
            for kind, pattern in DURATION_CONTEXT:
                if pattern.search(text[lo_:hi_]):
                    return kind
    if JUST_BEFORE_COURSE.search(text[max(0, start - 6) : start]) and (
        best is None
        or best[0] > 25
        or (
            best[2] in ("break", "effect_duration") and not keyword_before(text, lo, start, best[2])
        )
    ):
        return "course"  # "for 14 days", "x 30 days", unless a nearer keyword comes before
    return None if best is None else best[2]


def keyword_before(text: str, lo: int, start: int, kind: str) -> bool:
    """Whether the winning keyword of ``kind`` stands before the figure (in its clause)."""
    pattern = dict(DURATION_CONTEXT)[kind]
    return bool(pattern.search(text[lo:start]))


def storage_context(text: str, match: re.Match[str]) -> tuple[str | None, str | None]:
    """(storage condition, form) of a storage duration, from the words around it."""
    after = text[match.end() : match.end() + 40].lower()
    window = text[max(0, match.start() - 80) : match.end() + 40].lower()
    storage = None
    for where in (after, window):  # the words right after the figure first
        if "room temperature" in where:
            storage = "room_temperature"
        elif re.search(r"refrigerat|fridge", where):
            storage = "refrigerated"
        elif re.search(r"\bfrozen\b|freezer|-20", where):
            storage = "frozen"
        if storage:
            break
    form = (
        "nasal_spray"
        if "spray" in window
        else "lyophilised_powder"
        if re.search(r"powder|lyophil|freeze-dried", window)
        else "reconstituted"
        if "reconstitut" in window
        else None
    )
    return storage, form


DAILY_CAPTION = re.compile(r"\b(?:a|per|in one|each|in a)\s{1,2}day\b|\bdaily\b|/day\b", re.I)
TIMES = re.compile(r"\btimes\b|\bx\b|×", re.I)


def daily_caption(text: str, start: int, end: int) -> bool:
    """A value alone on its line whose caption underneath says it is a day's amount
    ('2700 mcg' / 'most the label allows in one day'), not how often it is taken."""
    below = line_below(text, start, end)
    if below is None:
        return False
    caption = text[below[0] : below[1]]
    return bool(DAILY_CAPTION.search(caption)) and not TIMES.search(caption)


DOSING_WORDS = re.compile(
    r"\b(?:take|takes|taking|took|inject|injects?|use|uses|dose|dosing|administer|give|gave|"
    r"daily|per|each|spray|drops?|nostril|morning|evening|then|start|starting)\b",
    re.I,
)
PRODUCT_TITLE = re.compile(r"[A-Z][\w-]{1,30}(?:[ \t][\w-]{1,30}){0,3}[ \t]{0,2}$")


def product_title(text: str, start: int, end: int, unit: str, low: str, high: str | None) -> bool:
    """'Selank 10mg' as a line of its own (a product's name and size, a page's title): a
    vial's content, not a dose. Only 1-50 mg, so a dose written in mg for mcg (a
    thousandfold slip, hundreds of mg) is never taken for a title."""
    if high or (not unit.lower().startswith("mg") and not unit.lower().startswith("milligram")):
        return False
    if not 1 <= float(low) <= 50:
        return False
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    line_end = text.find("\n", end, end + 40)
    line_end = len(text) if line_end == -1 and len(text) - end < 40 else line_end
    if line_end == -1 or (line_start == 0 and start > 60) or text[end:line_end].strip():
        return False
    words = text[line_start:start]
    return bool(PRODUCT_TITLE.fullmatch(text, line_start, start)) and not DOSING_WORDS.search(words)
