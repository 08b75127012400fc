"""Reading one request field: text as a person typed it, or a value a library user has.

Every error names the field (``error.field``) and says what was expected; the
adapters word the field their own way (a flag, a form box).
"""

from __future__ import annotations

from collections.abc import Sequence

from peptidekit.errors import InputError, QuantityError
from peptidekit.units import (
    Kind,
    Quantity,
    check_bounds,
    check_kind,
    expected_for,
    format_quantity,
    parse_count,
    parse_quantity,
)

QuantityInput = str | Quantity
"""'250mcg' as typed, or a quantity from peptidekit.units."""
CountInput = str | int | float


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def quantity(
    value: QuantityInput | None, kind: Kind, field: str, *, allow_zero: bool = False
) -> Quantity:
    """A required quantity of ``kind``."""
    if not _given(value):
        raise InputError(
            f"{field.replace('_', ' ')} is needed", input="", expected=expected_for(kind)
        ).at(field)
    if isinstance(value, Quantity):
        try:
            check_kind(value, kind, field.replace("_", " "))
            check_bounds(value, kind, f"{field.replace('_', ' ')} {format_quantity(value)}")
        except QuantityError as error:
            raise error.at(field) from None
        if value.magnitude < 0 or (value.magnitude == 0 and not allow_zero):
            raise InputError(
                f"{field.replace('_', ' ')} {format_quantity(value)} must be greater than zero",
                input=format_quantity(value),
                expected=expected_for(kind),
            ).at(field)
        return value
    return parse_quantity(str(value), kind, allow_zero=allow_zero, name=field)


def optional_quantity(
    value: QuantityInput | None, kind: Kind, field: str, *, allow_zero: bool = False
) -> Quantity | None:
    return quantity(value, kind, field, allow_zero=allow_zero) if _given(value) else None


def count(
    value: CountInput | None,
    field: str,
    *,
    integer: bool = True,
    limit: float | None = None,
    allow_zero: bool = False,
) -> float | None:
    """An optional plain number (doses a day, syringe units...), at most ``limit``."""
    if not _given(value):
        return None
    if isinstance(value, bool):
        raise InputError(
            f"{field} {value!r} is not a number", input=str(value), expected="a number"
        ).at(field)
    number = parse_count(str(value), field, integer=integer, allow_zero=allow_zero)
    if limit is not None and number > limit:
        raise InputError(
            f"{field.replace('_', ' ')} {value!r} is more than {limit:g}",
            input=str(value),
            expected=f"at most {limit:g}",
        ).at(field)
    return number


def whole(value: CountInput | None, field: str, *, limit: float | None = None) -> int | None:
    number = count(value, field, integer=True, limit=limit)
    return None if number is None else int(number)


def choice(
    value: str | None, field: str, choices: Sequence[str], default: str | None = None
) -> str:
    """One of ``choices`` (``default`` when not given)."""
    if not _given(value):
        if default is not None:
            return default
        raise InputError(
            f"{field.replace('_', ' ')} is needed: one of {', '.join(choices)}",
            input="",
            expected=", ".join(choices),
        ).at(field)
    text = str(value).strip()
    if text not in choices:
        raise InputError(
            f"{field.replace('_', ' ')} {text!r}: expected one of {', '.join(choices)}",
            input=text,
            expected=", ".join(choices),
        ).at(field)
    return text


def text(value: str | None) -> str | None:
    """Optional free text, stripped; None when empty."""
    return value.strip() if isinstance(value, str) and value.strip() else None
