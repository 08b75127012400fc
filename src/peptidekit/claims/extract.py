"""Finding quantitative claims in text, each with its exact span.

Every pattern uses bounded repetition only (``{m,n}``, never ``*`` or ``+``),
so each match attempt is constant work and extraction is linear in the
length of the text (a test checks the patterns). Context such as a dose's
route, basis and daily count is read from a bounded window around the match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from peptidekit.claims.draws import find_draws, mg_per_ml
from peptidekit.claims.reconstitution import (
    MCG_PER,
    PRODUCT,
    concentration,
    made_up,
    reconstituting_page,
)
from peptidekit.claims.values import (
    ClaimValue,
    ConversionValue,
    DoseValue,
    DropsValue,
    DurationValue,
    StrengthValue,
    TemperatureValue,
    TextValue,
    WeightValue,
)

# A number not glued to other digits, a decimal point or a comma (1,000 is skipped,
# never misread); letters before it are allowed, since flattened tables glue cells.
NUM = r"(?<![\d.,])(\d{1,6}(?:\.\d{1,6})?)(?![\d,]\d)"
NUM_GROUPED = (
    r"(?<![\d.,])(\d{1,6}(?:\.\d{1,6})?(?![\d,]\d)|\d{1,3}(?:,\d{3}){1,2}(?![\d,]\d|\.\d))"
)
"""For masses only: '2,700 mcg' is 2700 (a comma before exactly three digits groups
thousands); '1,5 mg' stays unread (a decimal comma or a typo: ambiguous)."""
SEP = r"\s{0,3}(?:-|–|—|to)\s{0,3}"
MASS = r"(micrograms?|milligrams?|mcg|µg|μg|ug|mg|ng|g|MCG|MG)"
MASS_END = r"(?![a-z/])"
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fourteen": 14,
    "thirty": 30,
}
WORD_NUM = r"(?<![\w])(" + "|".join(WORD_NUMBERS) + r")(?!\w)"
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
IS_A = re.compile(r"\b(?:is|as|was)\s{1,2}an?\s{1,2}(?:[\w-]{1,20}\s{1,2}){0,2}$", re.I)
TIME_UNIT = (
    r"(seconds|second|secs|sec|s|minutes|minute|mins|min|hours|hour|hrs|hr|h|days|day|d|"
    r"weeks|week|wks|wk|months|month)(?!\w)"
)
RESIDUE_3 = "Ala|Arg|Asn|Asp|Cys|Glu|Gln|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val"

RESIDUE_NAMES = [
    ("alanyl", "alanine", "Ala"), ("arginyl", "arginine", "Arg"),
    ("asparaginyl", "asparagine", "Asn"), ("aspartyl", "aspartic acid", "Asp"),
    ("cysteinyl", "cysteine", "Cys"), ("glutaminyl", "glutamine", "Gln"),
    ("glutamyl", "glutamic acid", "Glu"), ("glycyl", "glycine", "Gly"),
    ("histidyl", "histidine", "His"), ("isoleucyl", "isoleucine", "Ile"),
    ("leucyl", "leucine", "Leu"), ("lysyl", "lysine", "Lys"),
    ("methionyl", "methionine", "Met"), ("phenylalanyl", "phenylalanine", "Phe"),
    ("prolyl", "proline", "Pro"), ("seryl", "serine", "Ser"), ("threonyl", "threonine", "Thr"),
    ("tryptophyl", "tryptophan", "Trp"), ("tyrosyl", "tyrosine", "Tyr"), ("valyl", "valine", "Val"),
]  # fmt: skip
ACYL = {acyl: three for acyl, _, three in RESIDUE_NAMES}
AMINO_ACID = {name: three for _, name, three in RESIDUE_NAMES}
"""Chemical names ('threonyl-lysyl-...-proline'): each residue's acyl name, then the last
amino acid's name."""

PATTERNS: dict[str, re.Pattern[str]] = {
    "dose": re.compile(
        NUM_GROUPED
        + r"\s{0,2}(?:"
        + MASS
        + r")?(?:"
        + SEP
        + NUM_GROUPED
        + r")?\s{0,2}"
        + MASS
        + r"(?:\s{0,2}(?:/|per)\s{0,2}(kg|kilograms?|day|d)(?![a-z]))?"
        + MASS_END
    ),
    "drops": re.compile(NUM + r"(?:" + SEP + NUM + r")?\s{0,2}(drops?|sprays?)(?!\w)", re.I),
    "dose_fraction": re.compile(r"(?<![\d.,])([½¼¾])\s{0,2}" + MASS + MASS_END),
    "strength_percent": re.compile(NUM + r"\s{0,2}(?:%|percent\b|per\s?cent\b)", re.I),
    "conversion": re.compile(
        NUM_GROUPED
        + r"\s{0,2}"
        + MASS
        + r"\s{0,2}(?:=|equals|is the same as)\s{0,2}"
        + NUM_GROUPED
        + r"\s{0,2}"
        + MASS
        + MASS_END
    ),
    "strength_mass_volume": re.compile(
        NUM_GROUPED
        + r"\s{0,2}(mcg|µg|μg|ug|mg|g|micrograms?|milligrams?)\s{0,2}(?:/|per|in\s{1,2}1)"
        r"\s{0,2}(ml|l|millilit(?:er|re)s?)(?!\w)",
        re.I,
    ),
    "duration": re.compile(
        r"(?:" + NUM + r"|" + WORD_NUM + r")(?:" + SEP + NUM + r")?(?:\s{0,2}|-)" + TIME_UNIT,
        re.I,
    ),
    "strength_decimal_comma": re.compile(r"(?<![\d.,])(\d{1,2}),(\d{1,3})\s{0,2}%"),
    "residues": re.compile(
        r"(?<![\w-])(di|tri|tetra|penta|hexa|hepta|octa|nona|deca)peptide(?!\w)", re.I
    ),
    "temperature": re.compile(
        r"(?<![\w.])(-?\d{1,3})(?:" + SEP + r"(-?\d{1,3}))?\s{0,2}°\s{0,2}C(?!\w)"
    ),
    "sequence3": re.compile(
        r"(?<![\w-])((?:Ac-|H-)?(?:" + RESIDUE_3 + r")(?:-(?:" + RESIDUE_3 + r")){3,60}"
        r"(?:-NH2|-OH)?)(?![\w-])"
    ),
    "sequence_names": re.compile(
        r"(?<![\w-])((?:(?:L-)?(?:"
        + "|".join(ACYL)
        + r")-){2,40}(?:L-)?(?:"
        + "|".join(AMINO_ACID)
        + r"))(?![a-z])",
        re.I,
    ),
    "sequence1": re.compile(r"(?<![\w-])([ACDEFGHIKLMNPQRSTVWY]{5,40})(?![\w-])"),
    "formula": re.compile(r"(?<![\w])(C\d{1,3}H\d{1,3}(?:(?:Br|Cl|N|O|S|P|F)\d{0,3}){1,6})(?!\w)"),
    "weight": re.compile(NUM + r"\s{0,2}(g/mol|kDa|Da|daltons?)(?!\w)"),
    "pmid": re.compile(r"PMID:?\s{0,2}(\d{5,9})(?!\d)"),
    "pmc": re.compile(r"(?<![\w])(PMC\d{5,9})(?!\d)"),
    "doi": re.compile(r"(?<![\w])(10\.\d{4,9}/[^\s,;)\]]{1,120})"),
}

FREQUENCY = [
    (
        re.compile(
            NUM + SEP + NUM + r"\s{0,2}(?:times|x|×)\s{0,3}(?:a|per|/)?\s{0,2}(?:day|daily)", re.I
        ),
        None,
    ),
    (re.compile(NUM + r"\s{0,2}(?:times|x|×)\s{0,3}(?:a|per|/)?\s{0,2}(?:day|daily)", re.I), None),
    (re.compile(r"once or twice (?:a day|daily|per day)", re.I), (1, 2)),
    (re.compile(r"(?:two|2) (?:to|or) (?:three|3) times (?:a day|daily|per day)", re.I), (2, 3)),
    (re.compile(r"once (?:a day|daily|per day)", re.I), (1, 1)),
    (re.compile(r"twice (?:a day|daily|per day)", re.I), (2, 2)),
    (re.compile(r"three times (?:a day|daily|per day)", re.I), (3, 3)),
    (re.compile(r"four times (?:a day|daily|per day)", re.I), (4, 4)),
]
ROUTE_WORDS = [
    ("intranasal", re.compile(r"intranasal|nasal|nostril|spray|drops?\b", re.I)),
    (
        "subcutaneous",
        re.compile(
            r"subcutaneous|sub-?q\b|\bsc\b|\bsq\b|s\.c\.|inject|syringe|insulin|\bU-?100\b", re.I
        ),
    ),
    ("intramuscular", re.compile(r"intramuscular|\bim\b|i\.m\.", re.I)),
    ("intraperitoneal", re.compile(r"intraperitoneal|\bi\.p\.", re.I)),
    ("oral", re.compile(r"\boral(?:ly)?\b|by mouth", re.I)),
]
PER_NOSTRIL = re.compile(
    r"per nostril|(?:in(?:to)? )?each (?:nostril|nasal passage)|/\s{0,2}nostril", re.I
)
PER_NOSTRIL_NEXT = re.compile(
    r"\s{0,3}(?:,\s{0,2})?(?:per nostril|(?:in(?:to)? )?each (?:nostril|nasal passage)|"
    r"/\s{0,2}nostril)",
    re.I,
)
"""Right after a figure: a '(6 sprays per nostril)' further on is about the sprays."""
NOT_A_DOSE_AFTER = re.compile(
    r"\s{0,2}(?:\)\s{0,2})?(?:(?:(?:per|a|each|/)\s{0,2})?(?:vials?|bottles?|kits?|ampoules?|"
    r"pens?)\b|(?:per|a|each|/)\s{0,2}(?:drop|spray|actuation)s?\b)|\s{0,2}(?:of\s{0,2})?"
    r"(?:methylparaben|nipagin|paraben|benzyl alcohol|preservative|sodium chloride|mannitol)",
    re.I,
)
"""After a mass: a container's content or a per-drop figure, not a dose."""
NOT_A_DOSE_BEFORE = re.compile(
    r"(?:vials?|bottles?|kits?|ampoules?)(?:\s{0,2}(?:of|contains?|holds?|with|contents?))?\s{0,2}:?"
    r"\s{0,3}$",
    re.I,
)
CONTAINER_LIST_AFTER = re.compile(
    r"\s{0,2}(?:,|or|and|/)\s{0,2}\d{1,6}(?:\.\d{1,6})?\s{0,2}(?:mcg|mg|g)\s{0,2}"
    r"(?:vials?|bottles?|kits?|ampoules?)\b",
    re.I,
)
"""'5 mg or 10 mg vials': the first size is a container's content too."""
EXCIPIENT_WORDS = (
    "excipient", "inactive", "parahydroxybenzoate", "paraben", "nipagin", "benzyl alcohol",
    "preservative", "sodium chloride", "mannitol",
)  # fmt: skip
"""Beside a mass: it is an excipient's amount, not a dose or a strength."""


def _excipient_named(window: str) -> bool:
    lowered = window.lower()
    return any(word in lowered for word in EXCIPIENT_WORDS)


COMPOSITION = re.compile(
    r"active (?:ingredient|substance)|composition|ingredients?\s{0,2}:|per\s{1,2}1\s{0,2}ml|"
    r"in\s{1,2}1\s{0,2}ml|\bml\s{1,2}(?:of\s{1,2}\w{1,12}\s{1,2})?contains",
    re.I,
)
"""A composition list (its amounts are contents, not doses), or a per-mL header."""
PER_ML_HEADER = re.compile(
    r"per\s{1,2}1\s{0,2}ml|in\s{1,2}1\s{0,2}ml|1\s{0,2}ml\s{1,2}(?:of\s{1,2}\w{1,12}\s{1,2})?"
    r"contains|each\s{1,2}ml\s{1,2}contains",
    re.I,
)
"""A composition given for each mL: its active amount is a strength."""
EXCIPIENT = re.compile(
    r"methylparaben|nipagin|paraben|benzyl alcohol|bacteriostatic|sodium chloride|saline|"
    r"mannitol|acetic acid|preservative",
    re.I,
)
DAILY_BEFORE = re.compile(
    r"(?:a day|per day|daily|/day|a day's|daily (?:total|maximum|dose)|maximum daily(?: dose)?)"
    r"\s{0,3}(?:=|:|of|is|up to)?\s{0,3}$",
    re.I,
)
"""Before a figure: it is a day's total ('36 drops a day = 2700 mcg')."""


@dataclass(frozen=True)
class Claim:
    kind: str
    start: int
    """Offsets into the extracted text; the checker maps them back to the input."""
    end: int
    text: str
    value: ClaimValue = field(default_factory=lambda: TextValue(value=""))


def _mass_unit(unit: str) -> str:
    """'micrograms' and 'milligrams' as the registry's mcg and mg."""
    lowered = unit.lower()
    if lowered.startswith("microgram"):
        return "mcg"
    if lowered.startswith("milligram"):
        return "mg"
    return unit


def _num(text: str | None) -> float | None:
    if text is None:
        return None
    if text.lower() in WORD_NUMBERS:
        return float(WORD_NUMBERS[text.lower()])
    return float(text)


ABBREVIATIONS = frozenset({"approx", "ca", "e.g", "i.e", "vs", "no", "fig"})
"""A full stop after these does not end a sentence ('approx. 300 mcg')."""


def _stop(text: str, i: int) -> bool:
    """Whether the '.' at ``i`` (followed by a space) ends a sentence."""
    word = text[max(0, i - 8) : i].rsplit(None, 1)[-1:] or [""]
    return word[0].lower().lstrip("(") not in ABBREVIATIONS


def _sentence(text: str, start: int, end: int, width: int = 120) -> tuple[int, int]:
    """A bounded window around [start, end) that stops at sentence or line ends. A value
    alone on its line (an 'at a glance' card) takes the label line above it too."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    stop = text.rfind(". ", lo, max(lo, start - 1))
    while stop != -1 and not _stop(text, stop):
        stop = text.rfind(". ", lo, stop)
    line = text.rfind("\n", lo, start)
    before = max(stop + 1 if stop != -1 else -1, line)
    after = text.find(". ", end, hi)
    while after != -1 and not _stop(text, after):
        after = text.find(". ", after + 1, hi)
    newline = text.find("\n", end, hi)
    ends = [i for i in (after, newline) if i != -1]
    first = before + 1 if before != -1 else lo
    last = min(ends) if ends else hi
    if line != -1 and first == line + 1 and not text[first:start].strip():
        above = text.rfind("\n", lo, line)  # the value opens its line: add the line above
        if line - above < 80:
            first = above + 1 if above != -1 else lo
    below = _line_below(text, start, end)
    if below is not None:  # alone on its line: a card whose caption may be underneath
        last = max(last, below[1])
    return first, last


LIST_KEYS = (":", "ml", "mL", "ML", "omposition", "OMPOSITION", "ngredient", "NGREDIENT")


def _may_list(block: str) -> bool:
    """A cheap first look: composition lists have a colon, a 'composition' or an 'ml'."""
    return any(key in block for key in LIST_KEYS)


def _strength_mg_per_ml(value: ClaimValue) -> float | None:
    strength = cast(StrengthValue, value)
    return mg_per_ml(strength["value"], strength["unit"])


def _line_below(text: str, start: int, end: int) -> tuple[int, int] | None:
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


def _route(window: str) -> str | None:
    for route, pattern in ROUTE_WORDS:
        if pattern.search(window):
            return route
    return None


def _frequency(window: str) -> tuple[float, float] | None:
    for pattern, fixed in FREQUENCY:
        match = pattern.search(window)
        if match:
            if fixed is not None:
                return float(fixed[0]), float(fixed[1])
            numbers = [float(g) for g in match.groups() if g is not None]
            return (numbers[0], numbers[-1])
    return None


def extract(text: str) -> list[Claim]:
    """Every claim found in ``text``, in order of position."""
    claims: list[Claim] = []
    covered = bytearray(len(text))  # 1 where a claim already stands: O(span) checks

    def taken(start: int, end: int) -> bool:
        return 1 in covered[start:end]

    def add(kind: str, match: re.Match[str], value: ClaimValue, group: int = 0) -> None:
        start, end = match.span(group)
        claims.append(Claim(kind, start, end, text[start:end], value))
        covered[start:end] = b"\x01" * (end - start)

    def excipient(start: int, end: int) -> bool:
        """An excipient named right beside the figure ('1 mg/mL methylparaben')."""
        near = text[max(0, start - 25) : end + 30]
        return bool(EXCIPIENT.search(near))

    conversions = "=" in text or "equal" in text or "same as" in text  # else skip the pass
    for match in PATTERNS["conversion"].finditer(text) if conversions else ():
        left = float(match[1].replace(",", "")) * MCG_PER[_mass_unit(match[2]).lower()]
        right = float(match[3].replace(",", "")) * MCG_PER[_mass_unit(match[4]).lower()]
        add("conversion", match, ConversionValue(left_mcg=left, right_mcg=right))
    reconstitutes = reconstituting_page(text)
    for match in PATTERNS["strength_mass_volume"].finditer(text):
        if taken(*match.span()):
            continue
        beside = text[max(0, match.start() - 25) : match.end() + 30]
        if _excipient_named(beside):  # '1 mg/mL methylparaben'
            covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            continue
        unit = f"{_mass_unit(match[2].lower())}/{'L' if match[3].lower() == 'l' else 'mL'}"
        own, hi = _sentence(text, match.start(), match.end())
        lo = _sentence(text, own - 2, own - 1)[0] if own > 1 else own  # and the one before
        # a product named in its own sentence ('the nasal drops are 1.6 mg/mL') is bought;
        # made up when said so beside it ('add 2 mL to a 5 mg vial for 2.5 mg/mL'), or on a
        # page about reconstituting where nothing beside it names a product
        bought = PRODUCT.search(text[own:hi]) and not made_up(text[own:hi])
        if not bought and (made_up(text[lo:hi]) or reconstitutes):
            amount = float(match[1].replace(",", ""))
            found, vial = concentration(text, match.start(), amount, unit, near=lo)
            add("concentration", match, found)
            if vial:  # the vial's figure is part of this claim, not a dose
                covered[vial[0] : vial[1]] = b"\x01" * (vial[1] - vial[0])
            continue
        add("strength", match, StrengthValue(value=float(match[1].replace(",", "")), unit=unit))
    percents = [(m, float(m[1])) for m in PATTERNS["strength_percent"].finditer(text)]
    percents += [
        (m, float(f"{m[1]}.{m[2]}")) for m in PATTERNS["strength_decimal_comma"].finditer(text)
    ]  # '0,15%' on a page written with decimal commas: read, and checked like 0.15%
    for match, value in sorted(percents, key=lambda mv: mv[0].start()):
        if taken(*match.span()):
            continue
        lo, hi = _sentence(text, match.start(), match.end(), 60)
        window = text[lo:hi]
        context = re.search(
            r"solution|spray|drops?|nasal|formulation|concentration|strength|w/v", window, re.I
        )
        unrelated = re.match(r"\s{0,2}of\b", text[match.end() : match.end() + 6])
        if value < 5 and context and not unrelated and not excipient(*match.span()):
            add("strength", match, StrengthValue(value=value, unit="%"))
    concentrations = sorted(
        (c.start, mg)
        for c in claims
        if c.kind in ("strength", "concentration")
        and (mg := _strength_mg_per_ml(c.value)) is not None
    )
    for start, end, draw, _mass in find_draws(text, concentrations):  # syringe readings
        if not taken(start, end):
            claims.append(Claim("draw", start, end, text[start:end], draw))
            covered[start:end] = b"\x01" * (end - start)
    for match in PATTERNS["dose"].finditer(text):
        if taken(*match.span()):
            continue
        low, first_unit, high, unit, per = match[1], match[2], match[3], match[4], match[5]
        low, high = low.replace(",", ""), high.replace(",", "") if high else high
        before = text[max(0, match.start() - 30) : match.start()]
        if NOT_A_DOSE_AFTER.match(text, match.end()) or NOT_A_DOSE_BEFORE.search(before):
            # a container's content ('10 mg vial'), a drop's ('75 mcg per drop'), an excipient
            covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            continue
        # its line and the one above, each at most 120 characters back (linear on pages
        # with long lines)
        own_start = text.rfind("\n", max(0, match.start() - 120), match.start())
        above = max(0, own_start - 120) if own_start > 0 else max(0, match.start() - 120)
        if own_start > 0:
            above = max(above, text.rfind("\n", above, own_start) + 1)
        block = text[above : match.start()]
        own_line = text[max(own_start + 1, match.start() - 60) : match.start()]
        if CONTAINER_LIST_AFTER.match(text, match.end()) or _excipient_named(own_line):
            covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            continue
        if _may_list(block) and COMPOSITION.search(block):
            if PER_ML_HEADER.search(block) and not high:  # 'Per 1 ml: ... 1.5 mg'
                strength = f"{_mass_unit(unit.lower())}/mL"
                add("strength", match, StrengthValue(value=float(low), unit=strength))
            else:  # a composition's amount, not a dose
                covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            continue
        lo, hi = _sentence(text, match.start(), match.end())
        after = text[match.end() : match.end() + 40]
        basis = "per_administration"
        if per and per.lower().startswith("k"):
            basis = "per_kg"
        elif (
            (per and per.lower() in ("day", "d"))
            or (
                re.match(r"\s{0,2}(?:a day|per day|daily|/day)", after, re.I)
                and not re.search(r"times|x|×", after[:12])
            )
            or DAILY_BEFORE.search(before)
        ):
            basis = "per_day"
        elif PER_NOSTRIL_NEXT.match(after):
            basis = "per_nostril"
        add(
            "dose",
            match,
            DoseValue(
                low=float(low),
                low_unit=_mass_unit(first_unit or unit),
                high=float(high) if high else float(low),
                unit=_mass_unit(unit),
                basis=basis,
                route=_route(text[lo:hi]),
                times_per_day=_frequency(text[match.end() : hi]),
            ),
        )
    for match in PATTERNS["dose_fraction"].finditer(text):  # '½ mg' on a page: read
        if taken(*match.span()):
            continue
        lo, hi = _sentence(text, match.start(), match.end())
        amount = FRACTIONS[match[1]]
        add(
            "dose",
            match,
            DoseValue(
                low=amount,
                low_unit=_mass_unit(match[2]),
                high=amount,
                unit=_mass_unit(match[2]),
                basis="per_administration",
                route=_route(text[lo:hi]),
                times_per_day=_frequency(text[match.end() : hi]),
            ),
        )
    for match in PATTERNS["drops"].finditer(text):
        if taken(*match.span()):
            continue
        lo, hi = _sentence(text, match.start(), match.end())
        after = text[match.end() : match.end() + 40]
        add(
            "drops",
            match,
            DropsValue(
                low=float(match[1]),
                high=float(match[2]) if match[2] else float(match[1]),
                device="spray" if match[3].lower().startswith("spray") else "drop",
                per_nostril=bool(PER_NOSTRIL.search(after)),
                times_per_day=_frequency(text[match.end() : hi]),
                per_day=bool(re.match(r"\s{0,2}(?:a day|per day|daily|/day)", after, re.I))
                and not re.search(r"times|x|×", after[:12]),
            ),
        )
    for match in PATTERNS["temperature"].finditer(text):
        add(
            "temperature",
            match,
            TemperatureValue(
                low_c=float(match[1]), high_c=float(match[2]) if match[2] else float(match[1])
            ),
        )
    for match in PATTERNS["duration"].finditer(text):
        if taken(*match.span()):
            continue
        kind = _duration_kind(text, match.start(), match.end())
        if kind is None:
            continue
        duration = DurationValue(
            low=_num(match[1] or match[2]),
            high=_num(match[3]) if match[3] else _num(match[1] or match[2]),
            unit=match[4].lower(),
        )
        if kind == "storage":
            duration["storage"], duration["form"] = _storage_context(text, match)
        add(kind, match, duration)
    names = PATTERNS["sequence_names"].finditer(text) if "yl-" in text.lower() else ()
    for match in names:  # 'threonyl-lysyl-...-proline'
        if not taken(*match.span(1)):
            *acyls, last = re.sub(r"\bl-", "", match[1].lower()).split("-")
            residues = [ACYL[a] for a in acyls] + [AMINO_ACID[last]]
            add("sequence", match, TextValue(value="-".join(residues)), group=1)
    for kind in ("sequence3", "formula", "pmid", "pmc", "doi"):
        for match in PATTERNS[kind].finditer(text):
            if not taken(*match.span(1)):
                name = "sequence" if kind == "sequence3" else kind
                add(name, match, TextValue(value=match[1].rstrip(".")), group=1)
    for match in PATTERNS["sequence1"].finditer(text):
        if taken(*match.span(1)):
            continue
        before = text[max(0, match.start() - 60) : match.start()]
        if re.search(r"sequence", before, re.I) or before.rstrip().endswith("("):
            add("sequence", match, TextValue(value=match[1]), group=1)
    for match in PATTERNS["residues"].finditer(text):
        # only as what the compound is ('Selank is a synthetic hexapeptide'), not a part of
        # it ('a Gly-Pro dipeptide was added')
        if IS_A.search(text[max(0, match.start() - 40) : match.start()]):
            add("residues", match, TextValue(value=match[1].lower()))
    for match in PATTERNS["weight"].finditer(text):
        if not taken(*match.span()):
            value = float(match[1]) * (1000 if match[2] == "kDa" else 1)
            add("weight", match, WeightValue(value=value))
    return sorted(claims, key=lambda c: (c.start, c.end))


DURATION_CONTEXT = [
    (
        "storage",
        re.compile(
            r"stable|stored?|storage|keeps?|shelf|refrigerat|fridge|room temperature|frozen|"
            r"freezer|use within|discard|expir|after opening|once opened",
            re.I,
        ),
    ),
    ("half_life", re.compile(r"half[- ]?life|t½|t1/2", re.I)),
    ("break", re.compile(r"(?<!without a )(?<!no )\bbreaks?\b|\boff\b|pause|rest period", re.I)),
    ("course", re.compile(r"courses?|cycles?|protocol|\bduration\b|\bon\b|\bfor up to\b", re.I)),
    ("onset", re.compile(r"(?<!use )within|onset|notice|begin", re.I)),
    ("effect_duration", re.compile(r"peak|lasts?|lasting|persist|effects? (?:for|of)", re.I)),
]
"""Duration kinds by the words around them: the nearest keyword wins, ties in this order."""
JUST_BEFORE_COURSE = re.compile(r"(?:\bfor|\bx|×)\s{0,2}$", re.I)
COURSE_LASTS = re.compile(
    r"\b(?:courses?|cycles?)\b(?:\s+of\s+\w+)?\s+(?:\w+ly\s+)?(?:lasts?|runs?|takes?)\s+"
    r"(?:for\s+)?(?:about\s+|around\s+|roughly\s+|up to\s+)?$",
    re.I,
)
"""'a course lasts 14 days': what lasts is the course, not an effect."""


def _duration_kind(text: str, start: int, end: int) -> str | None:
    lo, hi = max(0, start - 40), min(len(text), end + 30)
    # keywords count only within the same sentence
    cut = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    lo = cut + 1 if cut != -1 else lo
    stops = [i for i in (text.find(". ", end, hi), text.find("\n", end, hi)) if i != -1]
    hi = min(stops) if stops else hi
    if COURSE_LASTS.search(text[lo:start]):
        return "course"
    best: tuple[int, int, str] | None = None
    for rank, (kind, pattern) in enumerate(DURATION_CONTEXT):
        candidates = [start - (lo + f.end()) for f in pattern.finditer(text[lo:start])]
        candidates += [f.start() for f in pattern.finditer(text[end:hi])]
        for distance in candidates:
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, kind)
    below = _line_below(text, start, end)
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
            best[2] in ("break", "effect_duration")
            and not _keyword_before(text, lo, start, best[2])
        )
    ):
        return "course"  # "for 14 days", "x 30 days", unless a nearer keyword comes before
    return None if best is None else best[2]


def _keyword_before(text: str, lo: int, start: int, kind: str) -> bool:
    """Whether the winning keyword of ``kind`` stands before the figure (in its clause)."""
    pattern = dict(DURATION_CONTEXT)[kind]
    return bool(pattern.search(text[lo:start]))


def _storage_context(text: str, match: re.Match[str]) -> tuple[str | None, str | None]:
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
