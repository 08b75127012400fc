"""Pages built to make a checker slow, for its time test and its benchmark: the shapes
issue 30 measured (HTML that never closes, which made Python's html.parser quadratic,
and text dense with claims) and more that a one-pass HTML reader must also take in its
stride."""

from __future__ import annotations

SHAPES = {  # (what the page starts with, what repeats to the size)
    "unclosed start tags": ("<p>Selank ", "<a"),
    "unclosed comments": ("<p>Selank ", "<!-" + "-a"),  # in two parts: not read as a flag
    "unclosed end tags": ("<p>Selank ", "</a"),
    "unclosed processing instructions": ("<p>Selank ", "<?x"),
    "closed block tags": ("<p>Selank ", "<p>x</p>"),
    "quoted attribute values": ("<p>Selank ", "<a title='>'>"),
    "unclosed quoted values": ("<p>Selank ", "<a x='"),
    "character references": ("<p>Selank ", "&notit &#37 &amp"),
    "bare less-than signs": ("<p>Selank ", "< "),
    "unclosed scripts": ("<p>Selank ", "<script>"),
    "formulas": ("", "C33H57N11O9 "),
    "dose ranges": ("", "250–500 mcg "),
}


def page(shape: str, size: int) -> str:
    """``size`` characters of ``shape``."""
    head, unit = SHAPES[shape]
    return (head + unit * (size // len(unit) + 1))[:size]


COMPOUNDS = ("Selank", "Semax", "N-acetyl Selank", "N-acetyl Semax amidate", "DSIP", "tuftsin")
MASS_UNITS = ("mcg", "mg", "µg", "micrograms", "milligrams")
ROUTES = ("intranasal", "subcutaneous", "SC", "nasal spray", "nasal drops", "injection", "oral")
DURATIONS = ("days", "weeks", "hours", "months", "minutes")
PROSE = (
    "research", "users", "report", "calm", "focus", "study", "protocol", "morning", "evening",
    "vial", "water", "label", "guide", "stack", "results", "timing", "sleep", "memory", "anxiety",
    "often", "typically", "start", "low", "then", "adjust", "carefully", "notes", "common",
)  # fmt: skip
"""The vocabulary of the varied text: compounds, units, routes, durations and prose."""


def varied(size: int, seed: int = 1) -> str:
    """``size`` characters of sentences whose numbers and words vary (a seeded random
    generator: the same text each run, but no sentence repeated, so no cache helps):
    doses, ranges, strengths, courses, storage times and prose, as a dosing page has."""
    import random

    rng = random.Random(seed)

    def words(n: int) -> str:
        return " ".join(rng.choice(PROSE) for _ in range(n))

    def amount() -> str:
        low = rng.randint(1, 999)
        if rng.random() < 0.4:
            return f"{low}-{low + rng.randint(1, 500)} {rng.choice(MASS_UNITS)}"
        return f"{low} {rng.choice(MASS_UNITS)}"

    makers = (
        lambda: (
            f"{rng.choice(COMPOUNDS)} {amount()} {rng.choice(ROUTES)} "
            f"{rng.randint(1, 4)} times a day, {words(rng.randint(2, 6))}."
        ),
        lambda: (
            f"{words(rng.randint(3, 9)).capitalize()} {rng.choice(COMPOUNDS)} for "
            f"{rng.randint(2, 90)} {rng.choice(DURATIONS)} then a break of {rng.randint(1, 30)} "
            f"{rng.choice(DURATIONS)}."
        ),
        lambda: (
            f"The {rng.choice(COMPOUNDS)} solution is {rng.randint(1, 30) / 10:g}% or "
            f"{rng.randint(1, 50) / 10:g} mg/mL, {words(rng.randint(1, 5))}."
        ),
        lambda: (
            f"Stored in the fridge it keeps {rng.randint(2, 60)} {rng.choice(DURATIONS)}; "
            f"{words(rng.randint(2, 8))}."
        ),
        lambda: f"{words(rng.randint(5, 14)).capitalize()}.",
        lambda: (
            f"Add {rng.randint(1, 5)} mL to a {rng.randint(2, 20)} mg vial for "
            f"{rng.randint(1, 99) / 10:g} mg/mL, then {rng.randint(5, 60)} units."
        ),
    )
    pieces: list[str] = []
    seen: set[str] = set()
    length = 0
    while length < size:
        sentence = rng.choice(makers)()
        if sentence in seen:
            continue
        seen.add(sentence)
        sentence += "\n" if rng.random() < 0.15 else " "
        pieces.append(sentence)
        length += len(sentence)
    return "".join(pieces)[:size]


def dense_doses(size: int, seed: int = 2) -> str:
    """``size`` characters dense with dose ranges ('250-500 mcg '), mixed with prose and
    issue 30's shapes (dashes, unit words, per-kg and per-day forms)."""
    import random

    rng = random.Random(seed)
    pieces: list[str] = []
    length = 0
    while length < size:
        low = rng.randint(1, 900)
        high = low + rng.randint(1, 600)
        dash = rng.choice(("-", "–", " to ", "—"))
        unit = rng.choice(("mcg", "mg", "µg", "mcg/kg", "mcg a day", "micrograms"))
        piece = f"{low}{dash}{high} {unit} "
        if rng.random() < 0.3:
            piece += " ".join(rng.choice(PROSE) for _ in range(rng.randint(1, 6))) + " "
        if rng.random() < 0.05:
            piece += rng.choice(COMPOUNDS) + ". "
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces)[:size]
