"""Finding quantitative claims in text, each with its exact span.

The patterns (``claims.patterns``) repeat a bounded number of times, so each match attempt
is constant work and extraction is linear in the length of the text. Context such as a
dose's route, basis and daily count is read from a bounded window around the match
(``claims.context``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from peptidekit.claims.context import (
    daily_caption,
    decimal_comma_page,
    duration_kind,
    excipient_named,
    mass_unit,
    may_list,
    number,
    product_title,
    sentence_span,
    storage_context,
    strength_mg_per_ml,
    time_unit,
)
from peptidekit.claims.draws import find_draws
from peptidekit.claims.index import Frequencies, Routes
from peptidekit.claims.limits import MAX_CLAIMS, too_many_claims
from peptidekit.claims.patterns import (
    ACYL,
    AMINO_ACID,
    COMPOSITION,
    CONTAINER_LIST_AFTER,
    CONTAINER_ROW,
    CONVERSION_ANCHOR,
    DAILY_BEFORE,
    DECIMAL_COMMA_PATTERNS,
    EXCIPIENT,
    FRACTIONS,
    IS_A,
    NAME_ANCHOR,
    NOT_A_DOSE_AFTER,
    NOT_A_DOSE_BEFORE,
    PATTERNS,
    PER_DAY,
    PER_DAY_AFTER,
    PER_KG,
    PER_ML_HEADER,
    PER_NOSTRIL,
    PER_NOSTRIL_NEXT,
    RANGE_BEFORE,
    RESIDUE_TOKEN,
    SECOND_END,
    SPRAYS,
    STRENGTH_CONTEXT,
)
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
from peptidekit.claims.windows import around


def _before(positions: list[tuple[int, float]], at: int) -> float | None:
    """The value of the last (position, value) pair before ``at``, if any."""
    index = bisect_right(positions, (at, math.inf))
    return positions[index - 1][1] if index else None


@dataclass(frozen=True)
class Claim:
    kind: str
    start: int
    """Offsets into the extracted text; the checker maps them back to the input."""
    end: int
    text: str
    value: ClaimValue = field(default_factory=lambda: TextValue(value=""))


def _residue(word: str) -> str:
    """A residue's three letters from its acyl or amino acid name ('prolyl', 'prolin')."""
    return ACYL.get(word) or AMINO_ACID.get(word) or AMINO_ACID[word + "e"]


def _route(routes: Routes, doses: list[re.Match[str]], number: int, lo: int, hi: int) -> str | None:
    """A dose's route: the route word first after it, before the next figure ('200 mcg
    intranasal or 250 mcg SC': each its own), else one named before it since the figure
    before ('inject 250 mcg'; 'SQ or IM: 250 mcg' is subcutaneous, the routes tried in
    ``ROUTE_WORDS`` order), else any in its sentence, else the page's only route."""
    match = doses[number]
    after = min(hi, doses[number + 1].start()) if number + 1 < len(doses) else hi
    before = max(lo, doses[number - 1].end()) if number > 0 else lo
    return (
        routes.nearest_after(match.end(), after)
        or routes.first(before, match.start())
        or routes.first(lo, hi)
        or routes.page()
    )


def _frequency(
    frequencies: Frequencies, starts: list[int], number: int, end: int, hi: int
) -> tuple[float, float] | None:
    """How often a dose is taken: said before the next figure, else in the rest of its
    sentence ('250 or 500 mcg, twice daily')."""
    after = min(hi, starts[number + 1]) if number + 1 < len(starts) else hi
    return frequencies.first(end, after) or frequencies.first(end, hi)


def extract(text: str) -> list[Claim]:
    """Every claim found in ``text``, in order of position."""
    claims: list[Claim] = []
    covered = bytearray(len(text))  # 1 where a claim already stands: O(span) checks

    def append(claim: Claim) -> None:
        if len(claims) >= MAX_CLAIMS:  # work and the report stay bounded (claims.limits)
            raise too_many_claims()
        claims.append(claim)

    def taken(start: int, end: int) -> bool:
        return 1 in covered[start:end]

    def add(kind: str, match: re.Match[str], value: ClaimValue, group: int = 0) -> None:
        start, end = match.span(group)
        append(Claim(kind, start, end, text[start:end], value))
        covered[start:end] = b"\x01" * (end - start)

    def excipient(start: int, end: int) -> bool:
        """An excipient named right beside the figure ('1 mg/mL methylparaben')."""
        near = text[max(0, start - 25) : end + 30]
        return bool(EXCIPIENT.search(near))

    conversions = (
        match
        for lo, hi in around(text, CONVERSION_ANCHOR, 40, 40)
        for match in PATTERNS["conversion"].finditer(text, lo, hi)
    )
    for match in conversions:  # '10 mg = 10,000 mcg': checked by arithmetic
        left = float(match[1].replace(",", "")) * MCG_PER[mass_unit(match[2]).lower()]
        right = float(match[3].replace(",", "")) * MCG_PER[mass_unit(match[4]).lower()]
        add("conversion", match, ConversionValue(left_mcg=left, right_mcg=right))
    page: dict[str, object] = {}  # page-wide facts, each read from the whole text once, if needed
    routes = Routes(text)  # every route word and frequency, found once, asked by position
    frequencies = Frequencies(text)

    def once(key: str, read: Callable[[str], object]) -> object:
        if key not in page:
            page[key] = read(text)
        return page[key]

    commas = decimal_comma_page(text)
    patterns = {**PATTERNS, **DECIMAL_COMMA_PATTERNS} if commas else PATTERNS

    def amount(written: str) -> float:
        """A figure as written: '2,700' is 2700; on a page of decimal commas, '0,25' is
        0.25 and '2.700' is 2700."""
        if commas and "," in written:
            return float(written.replace(".", "").replace(",", "."))
        if commas and re.fullmatch(r"\d{1,3}(?:\.\d{3}){1,2}", written):
            return float(written.replace(".", ""))
        return float(written.replace(",", ""))

    for match in patterns["strength_mass_volume"].finditer(text):
        if taken(*match.span()):
            continue
        beside = text[max(0, match.start() - 25) : match.end() + 30]
        if excipient_named(beside):  # '1 mg/mL methylparaben'
            covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            continue
        unit = f"{mass_unit(match[2].lower())}/{'L' if match[3].lower() == 'l' else 'mL'}"
        own, hi = sentence_span(text, match.start(), match.end())
        lo = sentence_span(text, own - 2, own - 1)[0] if own > 1 else own  # and the one before
        # a product named in its own sentence ('the nasal drops are 1.6 mg/mL') is bought;
        # made up when said so beside it ('add 2 mL to a 5 mg vial for 2.5 mg/mL'), or on a
        # page about reconstituting where nothing beside it names a product
        bought = PRODUCT.search(text[own:hi]) and not made_up(text[own:hi])
        if not bought and (made_up(text[lo:hi]) or once("made up", reconstituting_page)):
            found, vial = concentration(text, match.start(), amount(match[1]), unit, near=lo)
            add("concentration", match, found)
            if vial:  # the vial's figure is part of this claim, not a dose
                covered[vial[0] : vial[1]] = b"\x01" * (vial[1] - vial[0])
            continue
        add("strength", match, StrengthValue(value=amount(match[1]), unit=unit))
    percents = [(m, float(m[1])) for m in PATTERNS["strength_percent"].finditer(text)]
    percents += [
        (m, float(f"{m[1]}.{m[2]}")) for m in PATTERNS["strength_decimal_comma"].finditer(text)
    ]  # '0,15%' on a page written with decimal commas: read, and checked like 0.15%
    for match, value in sorted(percents, key=lambda mv: mv[0].start()):
        if taken(*match.span()):
            continue
        if RANGE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # '0.1-0.3%': a span of strengths, no one product's
        lo, hi = sentence_span(text, match.start(), match.end(), 60)
        window = text[lo:hi]
        context = STRENGTH_CONTEXT.search(window)
        unrelated = re.match(r"\s{0,2}of\b", text[match.end() : match.end() + 6])
        if value < 5 and context and not unrelated and not excipient(*match.span()):
            add("strength", match, StrengthValue(value=value, unit="%"))
    concentrations = sorted(
        (c.start, mg)
        for c in claims
        if c.kind in ("strength", "concentration")
        and (mg := strength_mg_per_ml(c.value)) is not None
    )
    drawn: set[int] = set()  # where a reading's mass starts: a dose drawn by syringe
    for start, end, draw, mass in find_draws(text, concentrations):  # syringe readings
        if mass is not None:
            drawn.add(mass[0])
        if not taken(start, end):
            append(Claim("draw", start, end, text[start:end], draw))
            covered[start:end] = b"\x01" * (end - start)
    doses = list(patterns["dose"].finditer(text))
    dose_starts = [m.start() for m in doses]
    for nth, match in enumerate(doses):
        if taken(*match.span()):
            continue
        low, first_unit, high, unit, per = match[1], match[2], match[3], match[4], match[5]
        low, high = str(amount(low)), str(amount(high)) if high else high
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
        if (
            CONTAINER_LIST_AFTER.match(text, match.end())
            or CONTAINER_ROW.match(text, max(0, own_start + 1), match.start())
            or excipient_named(own_line)
            or product_title(text, match.start(), match.end(), unit, low, high)
        ):
            covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            continue
        if may_list(block) and COMPOSITION.search(block):
            if PER_ML_HEADER.search(block) and not high:  # 'Per 1 ml: ... 1.5 mg'
                strength = f"{mass_unit(unit.lower())}/mL"
                add("strength", match, StrengthValue(value=float(low), unit=strength))
            else:  # a composition's amount, not a dose
                covered[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            continue
        lo, hi = sentence_span(text, match.start(), match.end())
        after = text[match.end() : match.end() + 40]
        basis = "per_administration"
        if per and per.lower() in PER_KG:
            basis = "per_kg"
        elif (
            (per and per.lower() in PER_DAY)
            or (PER_DAY_AFTER.match(after) and not re.search(r"times|x|×", after[:12]))
            or DAILY_BEFORE.search(before)
            or daily_caption(text, match.start(), match.end())
        ):
            basis = "per_day"
        elif PER_NOSTRIL_NEXT.match(after):
            basis = "per_nostril"
        add(
            "dose",
            match,
            DoseValue(
                low=float(low),
                low_unit=mass_unit(first_unit or unit),
                high=float(high) if high else float(low),
                unit=mass_unit(unit),
                basis=basis,
                route="subcutaneous"
                if match.start() in drawn
                else _route(routes, doses, nth, lo, hi),
                times_per_day=_frequency(frequencies, dose_starts, nth, match.end(), hi),
            ),
        )
    for match in PATTERNS["dose_fraction"].finditer(text):  # '½ mg' on a page: read
        if taken(*match.span()):
            continue
        lo, hi = sentence_span(text, match.start(), match.end())
        fraction = FRACTIONS[match[1]]
        add(
            "dose",
            match,
            DoseValue(
                low=fraction,
                low_unit=mass_unit(match[2]),
                high=fraction,
                unit=mass_unit(match[2]),
                basis="per_administration",
                route=routes.first(lo, hi),
                times_per_day=frequencies.first(match.end(), hi),
            ),
        )
    for match in PATTERNS["drops"].finditer(text):
        if taken(*match.span()):
            continue
        lo, hi = sentence_span(text, match.start(), match.end())
        after = text[match.end() : match.end() + 40]
        add(
            "drops",
            match,
            DropsValue(
                low=float(match[1]),
                high=float(match[2]) if match[2] else float(match[1]),
                device="spray" if match[3].lower().startswith(SPRAYS) else "drop",
                per_nostril=bool(PER_NOSTRIL.search(after)),
                times_per_day=frequencies.first(match.end(), hi),
                per_day=bool(PER_DAY_AFTER.match(after))
                and not re.search(r"times|x|×", after[:12]),
                stated_mg_per_ml=_before(concentrations, match.start()),
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
    last: tuple[int, str | None] = (-1, None)  # where the last duration ended, its kind
    for match in PATTERNS["duration"].finditer(text):
        if taken(*match.span()):
            continue
        kind = duration_kind(text, match.start(), match.end())
        if (
            kind is None
            and 0 <= match.start() - last[0] <= 30
            and SECOND_END.fullmatch(text, last[0], match.start())
        ):  # 'its half-life from 20 minutes to about 60 minutes': the change's second end
            kind = last[1]
        last = (match.end(), kind)
        if kind is None:
            continue
        duration = DurationValue(
            low=number(match[1]),
            high=number(match[2]) if match[2] else number(match[1]),
            unit=time_unit(match[3]),
        )
        if kind == "storage":
            duration["storage"], duration["form"] = storage_context(text, match)
        add(kind, match, duration)
    names = (
        match
        for lo, hi in around(text, NAME_ANCHOR, 20, 900)
        for match in PATTERNS["sequence_names"].finditer(text, lo, hi)
    )
    for match in names:  # 'threonyl-lysyl-...-proline'
        if not taken(*match.span(1)):
            residues = [_residue(t[1].lower()) for t in RESIDUE_TOKEN.finditer(match[1])]
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


__all__ = ["Claim", "extract", "sentence_span"]
