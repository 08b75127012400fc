"""Units: the package's one unit registry and the strict parser for typed quantities."""

from peptidekit.units.parse import (
    Kind,
    check_bounds,
    check_kind,
    expected_for,
    format_quantity,
    kind_of,
    magnitude_in,
    parse_count,
    parse_quantity,
    readable_hours,
    unit_label,
)
from peptidekit.units.registry import DimensionalityError, Quantity, Unit, ureg

__all__ = [
    "DimensionalityError",
    "Kind",
    "Quantity",
    "Unit",
    "check_bounds",
    "check_kind",
    "expected_for",
    "format_quantity",
    "kind_of",
    "magnitude_in",
    "parse_count",
    "parse_quantity",
    "readable_hours",
    "unit_label",
    "ureg",
]
