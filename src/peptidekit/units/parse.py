"""A strict parser for quantities typed by people.

Dose arithmetic is the most dangerous code in the package, so the parser is
deliberately narrow: every unit spelling it accepts is listed below, by kind,
and anything else is refused with a message that names the input. (General
unit libraries accept far too much: to pint, ``10 u`` is ten daltons and
``1 gr`` a grain of 64.8 mg.)

Refused on purpose:

* a bare number (``250``): which unit was meant is a guess;
* a comma anywhere in the number (``1,000`` or ``1,5 mg``): thousands
  separator or decimal comma, a 1000-fold ambiguity;
* ``1.000 mg``: a dot followed by exactly three zeros reads as 1 or 1000
  depending on the reader's locale;
* NaN, infinity, negative amounts, and zero unless the caller allows it;
* International Units (IU), which measure biological activity and never
  convert to a mass or a volume, and syringe "units", whose volume depends
  on the syringe scale (U-100 or U-40).
"""

from __future__ import annotations

import math
import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from peptidekit.errors import (
    AmbiguousNumberError,
    MissingUnitError,
    QuantityError,
    UnitKindError,
)
from peptidekit.units.registry import Quantity, Unit, ureg


class Kind(StrEnum):
    """The kinds of quantity a caller can ask the parser for."""

    MASS = "mass"
    VOLUME = "volume"
    CONCENTRATION = "concentration"
    DURATION = "duration"
    RATE = "rate"
    ACTIVITY = "activity"
    FRACTION = "fraction"


_EXAMPLES: dict[Kind, str] = {
    Kind.MASS: "a mass such as '250 mcg', '0.25 mg' or '5mg'",
    Kind.VOLUME: "a volume such as '2 mL', '0.1ml' or '50 uL'",
    Kind.CONCENTRATION: "a concentration such as '1.5 mg/mL', '250 mcg/mL' or '0.15%' (w/v)",
    Kind.DURATION: "a duration such as '8h', '14 d', '30 min' or '2 weeks'",
    Kind.RATE: "a rate constant such as '1.5/h', '0.3 1/h' or '0.05 per min'",
    Kind.ACTIVITY: "an activity in International Units such as '100 IU'",
    Kind.FRACTION: "a fraction such as '80%' or '0.8'",
}

# Every accepted spelling (lower-cased, after Unicode normalisation, with µ and
# μ written as 'u') mapped to the registry unit it means.
_MASS_UNITS = {
    "kg": "kilogram",
    "g": "gram",
    "gram": "gram",
    "grams": "gram",
    "mg": "milligram",
    "milligram": "milligram",
    "milligrams": "milligram",
    "mcg": "microgram",
    "ug": "microgram",
    "microgram": "microgram",
    "micrograms": "microgram",
    "ng": "nanogram",
    "nanogram": "nanogram",
    "nanograms": "nanogram",
}
_VOLUME_UNITS = {
    "l": "liter",
    "liter": "liter",
    "liters": "liter",
    "litre": "liter",
    "litres": "liter",
    "dl": "deciliter",
    "ml": "milliliter",
    "milliliter": "milliliter",
    "milliliters": "milliliter",
    "millilitre": "milliliter",
    "millilitres": "milliliter",
    "cc": "milliliter",
    "ul": "microliter",
    "mcl": "microliter",
    "microliter": "microliter",
    "microliters": "microliter",
    "microlitre": "microliter",
    "microlitres": "microliter",
}
_TIME_UNITS = {
    "s": "second",
    "sec": "second",
    "secs": "second",
    "second": "second",
    "seconds": "second",
    "min": "minute",
    "mins": "minute",
    "minute": "minute",
    "minutes": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "hour": "hour",
    "hours": "hour",
    "d": "day",
    "day": "day",
    "days": "day",
    "wk": "week",
    "wks": "week",
    "week": "week",
    "weeks": "week",
}
_ACTIVITY_SPELLINGS = {"iu", "i.u.", "international unit", "international units"}
_SYRINGE_UNIT_SPELLINGS = {"u", "unit", "units"}
_CALENDAR_SPELLINGS = {"month", "months", "mo", "year", "years", "yr", "yrs", "y"}
_PERCENT_SPELLINGS = {"%", "% w/v", "%w/v", "percent"}

_NUMBER = re.compile(
    r"""^\s*
    (?P<sign>[+-])?
    (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)
    \s*(?P<unit>.*?)\s*$""",
    re.VERBOSE | re.IGNORECASE | re.ASCII,
)
_TRIPLE_ZERO_DECIMAL = re.compile(r"^\d{1,3}\.000$")
_RATE_FORMS = (
    re.compile(r"^(?:1\s*)?/\s*(?P<t>[a-z]+)$"),
    re.compile(r"^per\s+(?P<t>[a-z]+)$"),
    re.compile(r"^(?P<t>[a-z]+)\s*(?:\^-1|\*\*-1|⁻¹)$"),
)


def _odd_digit(text: str) -> str | None:
    """Why a character of ``text`` that looks like part of a number is refused, or None.

    NFKC would fold a superscript '¹' into '1' and join it to the number (``250¹ mcg``
    would read as 2501 mcg, a footnote mark as a tenfold dose), so every numeric
    character that is not 0-9 is refused, naming it, except decimal digits that NFKC
    maps to 0-9 (full-width '２５０' is plainly 250).
    """
    for char in text:
        if char.isascii() or unicodedata.category(char) not in ("Nd", "No", "Nl"):
            continue
        folded = unicodedata.normalize("NFKC", char)
        if unicodedata.category(char) == "Nd" and folded.isascii() and folded.isdigit():
            continue
        name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
        return (
            f"{char!r} ({name}) is not a plain digit 0-9; a footnote mark, exponent or "
            "fraction sign would change the number: remove it or write the number in 0-9"
        )
    return None


def expected_for(kind: Kind) -> str:
    """What a quantity of ``kind`` looks like, for messages: "a mass such as '250 mcg'..."."""
    return _EXAMPLES[kind]


def _normalise(text: str) -> str:
    # NFKC folds the micro sign, full-width digits and odd spaces; then the
    # Greek mu (what NFKC leaves) is written as 'u', the ASCII spelling.
    return unicodedata.normalize("NFKC", text).replace("μ", "u").strip()


_BOUNDS: dict[Kind, tuple[str, float, float, str, str]] = {
    Kind.MASS: ("g", 1e-9, 1e3, "1 ng", "1 kg"),
    Kind.VOLUME: ("mL", 1e-6, 1e6, "1 nL", "1000 L (room for volumes of distribution)"),
    Kind.CONCENTRATION: ("mg/mL", 1e-6, 1e3, "1 ng/mL", "1000 mg/mL"),
    Kind.DURATION: ("d", 1 / 86400, 3653.0, "1 second", "10 years (3653 days)"),
    Kind.RATE: ("1/h", 1e-6, 3600.0, "0.000001/h", "3600/h (one per second)"),
    Kind.ACTIVITY: ("IU", 1e-6, 1e9, "0.000001 IU", "1e9 IU"),
}
"""(unit, smallest, largest, the same as text) a non-zero quantity of each kind may be:
far beyond any real dose, vial or course, and far from where float arithmetic breaks."""


def check_bounds(quantity: Quantity, kind: Kind, text: str) -> None:
    """Refuse a quantity outside the bounds of its kind (see _BOUNDS), naming ``text``."""
    if kind not in _BOUNDS:
        return
    unit, low, high, low_text, high_text = _BOUNDS[kind]
    value = quantity.m_as(unit)
    if not math.isfinite(value) or value > high * (1 + 1e-12):
        raise _fail(text, kind, f"larger than {high_text}, the most a {kind.value} may be here")
    if 0 < value < low * (1 - 1e-12):
        raise _fail(text, kind, f"smaller than {low_text}, the least a {kind.value} may be here")


def _fail(
    text: str, kind: Kind | None, why: str, error: type[QuantityError] = QuantityError
) -> QuantityError:
    expected = _EXAMPLES[kind] if kind else "a number followed by a unit, e.g. '250 mcg'"
    return error(f"{text!r}: {why}; expected {expected}", input=text, expected=expected)


def _unit_for(unit_text: str, text: str, kind: Kind | None) -> tuple[Kind, str]:
    """Map a unit spelling to (its kind, the registry unit expression)."""
    u = re.sub(r"\s+", " ", unit_text.lower())
    if u in _MASS_UNITS:
        return Kind.MASS, _MASS_UNITS[u]
    if u in _VOLUME_UNITS:
        return Kind.VOLUME, _VOLUME_UNITS[u]
    if u in _TIME_UNITS:
        return Kind.DURATION, _TIME_UNITS[u]
    if u in _ACTIVITY_SPELLINGS:
        return Kind.ACTIVITY, "international_unit"
    if u in _PERCENT_SPELLINGS:
        if kind is Kind.CONCENTRATION:
            return Kind.CONCENTRATION, "gram / deciliter"  # % w/v: g per 100 mL
        if kind is Kind.FRACTION:
            return Kind.FRACTION, "percent"
        raise _fail(text, kind, "'%' is a concentration (w/v) or a fraction, not this kind")
    if u in _SYRINGE_UNIT_SPELLINGS:
        raise _fail(
            text,
            kind,
            "'units' is ambiguous: syringe units are a volume that depends on the "
            "syringe scale (U-100: 0.01 mL; U-40: 0.025 mL) and IU measure activity; "
            "give the amount in mg/mcg or the volume in mL",
        )
    if u in _CALENDAR_SPELLINGS:
        raise _fail(text, kind, f"'{unit_text}' has no fixed length; give days or weeks")
    for form in _RATE_FORMS:
        match = form.match(u)
        if match and match["t"] in _TIME_UNITS:
            return Kind.RATE, f"1 / {_TIME_UNITS[match['t']]}"
    if "/" in u or " per " in u:
        numerator, _, denominator = re.split(r"\s*(/| per )\s*", u, maxsplit=1)
        if numerator in _MASS_UNITS and denominator in _VOLUME_UNITS:
            return Kind.CONCENTRATION, f"{_MASS_UNITS[numerator]} / {_VOLUME_UNITS[denominator]}"
    raise _fail(text, kind, f"unknown or unsupported unit '{unit_text}'")


def parse_quantity(
    text: str, kind: Kind | None = None, *, allow_zero: bool = False, name: str | None = None
) -> Quantity:
    """Parse user-typed text such as ``"250mcg"`` into a quantity of ``kind``.

    ``kind=None`` takes the kind from the unit (``%`` then needs a kind).
    Raises a :class:`~peptidekit.errors.QuantityError` subclass, naming the
    input (and ``name``, the parameter, when given) and what was expected.
    """
    try:
        if isinstance(text, str) and len(text) <= 64:
            return _parse_short(text, kind, allow_zero)
        return _parse(text, kind, allow_zero)
    except QuantityError as error:
        if name is None:
            raise
        error.message = f"{name.replace('_', ' ')} {error.message}"
        error.args = (error.message,)
        if name.isidentifier():
            error.at(name)
        raise


@lru_cache(maxsize=2048)
def _parse_short(text: str, kind: Kind | None, allow_zero: bool) -> Quantity:
    """A short text parsed once: the calculators read the same few quantities over and
    over (quantities are immutable; a refusal is raised afresh each time, never cached)."""
    return _parse(text, kind, allow_zero)


def _parse(text: str, kind: Kind | None, allow_zero: bool) -> Quantity:
    if not isinstance(text, str):
        raise _fail(repr(text), kind, "not text")
    odd = _odd_digit(text)
    if odd is not None:
        raise _fail(text, kind, odd)
    clean = _normalise(text)
    if not clean:
        raise _fail(text, kind, "empty input")
    if "," in clean:
        raise _fail(
            text,
            kind,
            "a comma is ambiguous (thousands separator or decimal comma, a 1000-fold "
            "difference); write 1000 or 1.5 with no separator",
            AmbiguousNumberError,
        )
    if re.search(r"\b(nan|inf|infinity)\b", clean, re.IGNORECASE):
        raise _fail(text, kind, "not a finite number")
    match = _NUMBER.match(clean)
    if match is None:
        raise _fail(text, kind, "does not start with a number")
    number, unit_text = match["number"], match["unit"]
    if _TRIPLE_ZERO_DECIMAL.match(number):
        raise _fail(
            text,
            kind,
            f"'{number}' reads as {number.split('.')[0]} or {number.replace('.', '')} "
            "depending on the locale; write it without '.000'",
            AmbiguousNumberError,
        )
    value = float(number)
    if not math.isfinite(value):
        raise _fail(text, kind, "not a finite number")
    if match["sign"] == "-" and value != 0:
        raise _fail(text, kind, "must not be negative")
    if not unit_text:
        if kind is Kind.FRACTION and 0 < value <= 1:
            return ureg.Quantity(value, "dimensionless")
        raise _fail(text, kind, "a bare number has no unit", MissingUnitError)
    found, unit_name = _unit_for(unit_text, text, kind)
    if kind is not None and found is not kind:
        expected = _EXAMPLES[kind]
        why = f"this is {_article(found)} {found.value}"
        if found is Kind.ACTIVITY:
            why = (
                "International Units (IU) measure biological activity "
                "and never convert to a mass or a volume"
            )
        raise UnitKindError(
            f"{text!r}: {why}; expected {expected}",
            input=text,
            expected=expected,
            actual=found.value,
        )
    if value == 0 and not allow_zero:
        raise _fail(text, kind or found, "must be greater than zero")
    if found is Kind.FRACTION and value > 100:
        raise _fail(text, kind, "a fraction cannot exceed 100%")
    quantity = ureg.Quantity(value, unit_name)
    check_bounds(quantity, found, text)
    return quantity


def _article(kind: Kind) -> str:
    return "an" if kind.value[0] in "aeiou" else "a"


def kind_of(quantity: Quantity) -> Kind:
    """The kind of a quantity built from :data:`ureg`."""
    for kind, dimension in _DIMENSIONS.items():
        if quantity.check(dimension):
            return kind
    raise QuantityError(
        f"{quantity} is of no kind peptidekit knows",
        input=str(quantity),
        expected="a mass, volume, concentration, duration, rate, activity or fraction",
    )


def check_kind(quantity: Quantity, kind: Kind, name: str) -> Quantity:
    """``quantity`` if it is of ``kind``; else an error naming the parameter."""
    if not quantity.check(_DIMENSIONS[kind]):
        expected = _EXAMPLES[kind]
        raise UnitKindError(
            f"{name} {format_quantity(quantity)!r} is not {_article(kind)} {kind.value}; "
            f"expected {expected}",
            input=format_quantity(quantity),
            expected=expected,
            actual=kind_of(quantity).value,
        )
    return quantity


_DIMENSIONS: dict[Kind, str] = {
    Kind.MASS: "[mass]",
    Kind.VOLUME: "[volume]",
    Kind.CONCENTRATION: "[mass] / [volume]",
    Kind.DURATION: "[time]",
    Kind.RATE: "1 / [time]",
    Kind.ACTIVITY: "[activity]",
    Kind.FRACTION: "[]",
}


def unit_label(unit: Unit) -> str:
    """A short, unambiguous label (``mcg``, ``mg/mL``, ``1/h``). Micrograms are
    written "mcg", never "µg": a µ that is lost or misread turns micrograms into
    milligrams (ISMP list of error-prone abbreviations)."""
    return unit.label


def format_quantity(quantity: Quantity, unit: str | None = None, *, digits: int = 6) -> str:
    """Text for a quantity that :func:`parse_quantity` reads back to the same value."""
    q = quantity.to(unit) if unit else quantity
    magnitude = float(q.magnitude)
    text = f"{magnitude:.{digits}g}"
    if "e" not in text and "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text} {unit_label(q.units)}".strip()


def magnitude_in(quantity: Quantity, unit: str) -> float:
    """The plain float value of ``quantity`` in ``unit`` (for numeric kernels)."""
    return float(quantity.to(unit).magnitude)


_COUNT = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*$", re.ASCII)


def parse_count(text: str, name: str, *, integer: bool = False, allow_zero: bool = False) -> float:
    """A plain positive count such as syringe units or doses a day (``10``, ``2.5``).

    Refuses commas, signs, units, NaN and infinity, and, with ``integer``,
    fractions; the message names the parameter and the input. A ``name`` that is
    an identifier (``per_day``) is also the error's ``field``.
    """
    try:
        return _parse_count(text, name.replace("_", " "), integer, allow_zero)
    except QuantityError as error:
        if name.isidentifier():
            error.at(name)
        raise


def _parse_count(text: str, name: str, integer: bool, allow_zero: bool) -> float:
    kind = "a whole number" if integer else "a number"
    expected = f"{kind} such as {'3' if integer else '10 or 2.5'}, with no unit or comma"
    odd = _odd_digit(str(text))
    if odd is not None:
        raise QuantityError(f"{name} {text!r}: {odd}", input=str(text), expected=expected)
    clean = _normalise(str(text))
    match = _COUNT.match(clean)
    if match is None:
        why = "a comma is ambiguous" if "," in clean else "not a plain number"
        raise QuantityError(
            f"{name} {text!r}: {why}; expected {expected}", input=str(text), expected=expected
        )
    value = float(match[1])
    if integer and not value.is_integer():
        raise QuantityError(
            f"{name} {text!r}: must be a whole number; expected {expected}",
            input=str(text),
            expected=expected,
        )
    if value == 0 and not allow_zero:
        raise QuantityError(
            f"{name} {text!r}: must be greater than zero; expected {expected}",
            input=str(text),
            expected=expected,
        )
    return value


def readable_hours(hours: float | None) -> str:
    """A duration in hours, in the unit a person reads it: '3.9 min' rather than
    '0.06455 h', '2.5 h', '3.2 d' (seconds under a minute); 'n/a' for None."""
    if hours is None:
        return "n/a"
    if hours < 1 / 60:
        return f"{hours * 3600:.3g} s"
    if hours < 1:
        return f"{hours * 60:.3g} min"
    if hours < 48:
        return f"{hours:.3g} h"
    return f"{hours / 24:.3g} d"
