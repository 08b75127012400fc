"""Is a dose plausible for this compound and route? Judgement calls become warnings.

The dose per administration is compared with the knowledge base's reference
range for the route (the label where there is one), and the daily total with
the daily range. A dose about 1000x or 10x away from a plausible one names the
likely unit or decimal slip. Only a figure that a cited record states as a limit
(``maximum``, checked by knowledge.limits) is called a maximum or a cap and
bounds rounding; a range's upper end is only "above the range".
"""

from __future__ import annotations

from peptidekit.knowledge.index import DoseIndex, dose_index
from peptidekit.knowledge.ranges import ReferenceRange, fmt_range, unit_slip
from peptidekit.results import ResultWarning
from peptidekit.units import Kind, Quantity, check_kind, format_quantity, ureg


def _where(ref: ReferenceRange) -> str:
    """'the labelled 300-900 mcg (label-selank)' or 'the sources' 250-750 mcg (...)'."""
    if ref.origin == "reference":
        return f"the reference {ref.text} ({', '.join(ref.sources)})"
    return f"the sources' {ref.text} ({', '.join(ref.sources)}; no label figure)"


def _within(value_mcg: float, low: float, high: float) -> bool:
    """Within a range, allowing for binary rounding only (75 mcg a drop times 4 is
    300.00000000000006, and 300 mcg is not above a range that ends at 300)."""
    slack = 1e-9 * max(abs(high), 1.0)
    return low - slack <= value_mcg <= high + slack


def check_dose(
    compound: str,
    route: str,
    dose: Quantity,
    per_day: int | None = None,
    *,
    index: DoseIndex | None = None,
) -> list[ResultWarning]:
    """Warnings about ``dose`` (per administration) for ``compound`` by ``route``.

    ``index`` defaults to the cached index of the shipped and user knowledge.
    """
    index = index or dose_index()
    name = index.compound(compound).name
    check_kind(dose, Kind.MASS, "dose")
    dose_mcg = dose.m_as("mcg")
    warnings: list[ResultWarning] = []
    ref = index.reference(compound, route, "per_administration")
    if ref is None:
        routes = index.routes_with(compound, "per_administration")
        warnings.append(
            ResultWarning(
                "no_reference_range",
                f"the knowledge base has no {route} dose per administration for {name}"
                + (f" (it has: {', '.join(routes)})" if routes else ""),
            )
        )
    elif not _within(dose_mcg, ref.low, ref.high):
        warnings.append(_outside(dose, dose_mcg, ref, name, route))
    if per_day is not None:
        daily = dose_mcg * per_day
        said = f"{per_day} x {format_quantity(dose, 'mcg')} = {fmt_range((daily, daily), 'mcg')}"
        warnings += _over_day(index, compound, route, daily, said)
    cap = index.cap(compound, route, "per_administration")
    # a stated cap is said even beside "above the range"; a unit or decimal slip says more
    slipped = any(w.code.endswith("_slip") for w in warnings)
    if cap is not None and not slipped and not _within(dose_mcg, 0.0, cap.mcg):
        warnings.append(
            ResultWarning(
                "over_labelled_cap",
                f"{format_quantity(dose, 'mcg')} at one administration is over the label's "
                f"cap of {cap.mcg:.4g} mcg for {name} ({cap.statement.rstrip('.')}; "
                f"{cap.record or ', '.join(cap.sources)}): split it, as the label does",
            )
        )
    return warnings


def _over_day(
    index: DoseIndex, compound: str, route: str, daily: float, said: str
) -> list[ResultWarning]:
    """A day's total over a stated daily limit ('over_daily_maximum', naming the record),
    else above the daily range ('above_daily_range', a range's end, not a limit)."""
    name = index.compound(compound).name
    limit = index.cap(compound, route, "per_day")
    if limit is not None and not _within(daily, 0.0, limit.mcg):
        return [
            ResultWarning(
                "over_daily_maximum",
                f"{said} a day is over {name}'s {route} daily maximum, "
                f"{fmt_range((limit.mcg, limit.mcg), 'mcg')} ({limit.record})",
            )
        ]
    ref = index.reference(compound, route, "per_day")
    if ref is None or _within(daily, 0.0, ref.high):
        return []
    return [
        ResultWarning(
            "above_daily_range",
            f"{said} a day is above {name}'s {route} daily range, {_where(ref)}; "
            "no record states a daily maximum",
        )
    ]


def _outside(
    dose: Quantity, dose_mcg: float, ref: ReferenceRange, name: str, route: str
) -> ResultWarning:
    slip = unit_slip((dose_mcg, dose_mcg), (ref.low, ref.high))
    if slip is not None:
        factor, wrote, meant = slip
        other = format_quantity(ureg.Quantity(dose.m_as(wrote), meant))
        shown = format_quantity(dose, wrote)
        times = f"{factor:g} times" if factor > 1 else f"1/{1 / factor:g} of"
        return ResultWarning(
            "likely_unit_slip",
            f"{shown} is {times} {other}, and {name}'s {route} dose per administration is "
            f"{_where(ref)}: did you mean {other}?",
        )
    for factor in (10.0, 0.1):
        candidate = dose_mcg / factor
        if ref.low <= candidate <= ref.high:
            return ResultWarning(
                "likely_decimal_slip",
                f"{format_quantity(dose, 'mcg')} is {factor:g} times "
                f"{fmt_range((candidate, candidate), 'mcg')}, which is within {_where(ref)}: "
                "check the decimal point",
            )
    side = "above" if dose_mcg > ref.high else "below"
    return ResultWarning(
        f"{side}_reference_range",
        f"{format_quantity(dose, 'mcg')} per administration is {side} {name}'s {route} "
        f"dose, {_where(ref)}",
    )


def labelled_ceiling(
    compound: str | None,
    route: str | None,
    per_day: int | None = None,
    *,
    index: DoseIndex | None = None,
) -> tuple[float, str] | None:
    """The most one administration may deliver under the limits cited records state:
    the cap per administration, or the daily maximum divided by the doses a day,
    whichever is smaller; with the reason. ``None`` when no record states a limit for
    the route (a labelled range's upper end is not one), or no compound or route.

    Rounding to a syringe tick, a whole drop or a whole spray never goes past it.
    """
    if not compound or not route:
        return None
    index = index or dose_index()
    name = index.compound(compound).name
    limits: list[tuple[float, str]] = []
    cap = index.cap(compound, route, "per_administration")
    if cap is not None:
        limits.append(
            (
                cap.mcg,
                f"{name}'s labelled cap at one administration ({cap.claim}: "
                f"{', '.join(cap.sources)})",
            )
        )
    daily = index.cap(compound, route, "per_day")
    if per_day and daily is not None:
        limits.append(
            (
                daily.mcg / per_day,
                f"{per_day} a day within {name}'s {route} daily maximum, "
                f"{fmt_range((daily.mcg, daily.mcg), 'mcg')} ({daily.claim}: "
                f"{', '.join(daily.sources)})",
            )
        )
    return min(limits, key=lambda limit: limit[0]) if limits else None


def check_day_total(
    compound: str, route: str, day_total_mcg: float, *, index: DoseIndex | None = None
) -> list[ResultWarning]:
    """A warning when one day's doses add up to more than a stated daily maximum, or
    (not a limit) to more than the daily range."""
    index = index or dose_index()
    said = f"{fmt_range((day_total_mcg, day_total_mcg), 'mcg')} on this day"
    return _over_day(index, compound, route, day_total_mcg, said)


def check_strength(
    compound: str, strength_mg_ml: float, *, index: DoseIndex | None = None
) -> list[ResultWarning]:
    """A warning when a nasal strength is not the compound's labelled one, naming any
    compound whose label it is (0.15% is Selank's, 0.1% Semax's: a classic mix-up)."""
    index = index or dose_index()
    entry = index.compound(compound)
    if entry.label_strength is None:
        return []
    label, source = entry.label_strength
    if abs(strength_mg_ml - label) <= 1e-6 * label:
        return []
    others = [
        e.name
        for e in index.compounds.values()
        if e.id != entry.id
        and e.label_strength is not None
        and abs(strength_mg_ml - e.label_strength[0]) <= 1e-6 * e.label_strength[0]
    ]
    return [
        ResultWarning(
            "not_labelled_strength",
            f"{strength_mg_ml:g} mg/mL is not {entry.name}'s labelled intranasal strength, "
            f"{label:g} mg/mL ({source})"
            + (f"; it is {' and '.join(others)}'s: check the bottle" if others else ""),
        )
    ]


def calculator_limits(
    compound: str | None,
    route: str | None,
    per_day: int | None,
    *,
    index: DoseIndex | None = None,
) -> tuple[tuple[float, str] | None, tuple[float, str] | None]:
    """(labelled ceiling per administration, reconstituted shelf life in days with its
    source), each ``None`` when unknown or when no compound and route are given."""
    if not compound or not route:
        return None, None
    index = index or dose_index()
    days, source = index.shelf_life(compound, "reconstituted", None)
    ceiling = labelled_ceiling(compound, route, per_day, index=index)
    return ceiling, None if days is None else (days, source)
