"""What each kind of extracted claim carries: one typed value per claim family."""

from __future__ import annotations

from typing import NotRequired, TypedDict


class DoseValue(TypedDict):
    low: float
    low_unit: str
    """The unit written after the low end (``250 mg-500 mcg``), else the range's unit."""
    high: float
    unit: str
    basis: str
    """per_administration, per_nostril, per_day or per_kg."""
    route: str | None
    times_per_day: tuple[float, float] | None


class DropsValue(TypedDict):
    low: float
    high: float
    device: str
    """'drop' or 'spray'."""
    per_nostril: bool
    times_per_day: tuple[float, float] | None
    per_day: bool
    """'36 drops a day': a day's total, not one administration."""
    stated_mg_per_ml: NotRequired[float | None]
    """The strength the page gives before the count (its last one), if any."""


class StrengthValue(TypedDict):
    value: float
    unit: str
    """'%' (w/v) or a mass per volume such as 'mg/mL'."""


class ConcentrationValue(TypedDict):
    value: float
    unit: str
    """The concentration a page says a reconstitution makes, as a mass per volume."""
    vial_mg: float | None
    water_ml: float | None
    """The vial and water figures written before it, when exactly one of each is."""


class ConversionValue(TypedDict):
    left_mcg: float
    right_mcg: float
    """'10 mg = 10,000 mcg': both sides in micrograms, to be equal."""


class DrawValue(TypedDict):
    units: float | None
    ml: float | None
    mcg: float | None
    """A syringe reading's figures as written (two or three of them)."""
    scale: int | None
    """Units per mL: 100 (U-100) unless the page names only U-40; None if it names both."""
    mg_per_ml: float | None
    """The concentration the page gives before the reading, if any."""
    said_iu: NotRequired[bool]
    """The page called the syringe's units 'IU'."""


class TemperatureValue(TypedDict):
    low_c: float
    high_c: float


class DurationValue(TypedDict):
    low: float | None
    high: float | None
    unit: str
    storage: NotRequired[str | None]
    """Storage claims: refrigerated, room_temperature or frozen, when the words say."""
    form: NotRequired[str | None]
    """Storage claims: the form stored (powder, reconstituted, spray), when said."""


class TextValue(TypedDict):
    value: str
    """A sequence, formula, PMID, PMC or DOI as written."""


class WeightValue(TypedDict):
    value: float
    """Daltons."""


ClaimValue = (
    DoseValue
    | DropsValue
    | StrengthValue
    | ConcentrationValue
    | ConversionValue
    | DrawValue
    | TemperatureValue
    | DurationValue
    | TextValue
    | WeightValue
)
