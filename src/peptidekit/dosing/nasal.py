"""Nasal drops and sprays: whole drops or actuations, split between two nostrils.

mcg per drop   = concentration (mg/mL) x drop volume (mL) x 1000
drops per dose = dose / mcg per drop, rounded to whole drops (halves up)
delivered      = whole drops x mcg per drop

A dose is given into both nostrils; an odd count cannot be split evenly and
says so. The reverse gives the dose of a number of drops.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from peptidekit.dosing.rounding import Ceiling, round_count
from peptidekit.errors import ImpossibleDoseError, InputError
from peptidekit.results import ResultWarning
from peptidekit.units import (
    Kind,
    Quantity,
    check_kind,
    format_quantity,
    parse_count,
    parse_quantity,
)

DEVICE_WORDS = {
    "drop": "drop",
    "drops": "drop",
    "spray": "spray",
    "sprays": "spray",
    "actuation": "spray",
    "actuations": "spray",
    "puff": "spray",
    "puffs": "spray",
}


@dataclass(frozen=True)
class Device:
    kind: str
    """'drop' or 'spray'."""
    volume: Quantity
    source: str
    """Where the volume comes from: a knowledge-base claim, the user, or a calibration."""


def calibrate(text: str) -> Device:
    """A device from a calibration such as ``3mL/60 drops`` or ``1 mL / 10 sprays``."""
    match = re.fullmatch(
        r"\s*(?P<volume>[^/]+?)\s*/\s*(?P<count>[^\s]+)\s*(?P<word>[a-zA-Z]+)\s*", text
    )
    expected = "a volume, a slash and a count of drops or sprays, e.g. '3mL/60 drops'"
    if match is None or match["word"].lower() not in DEVICE_WORDS:
        raise InputError(
            f"calibration {text!r} is not a calibration; expected {expected}",
            input=text,
            expected=expected,
        ).at("calibrate")
    try:
        volume = parse_quantity(match["volume"], Kind.VOLUME, name="calibration volume")
        count = parse_count(match["count"], "calibration count", integer=True)
    except InputError as error:
        raise error.at("calibrate") from None
    kind = DEVICE_WORDS[match["word"].lower()]
    return Device(kind, volume / count, f"calibrated by the user: {text.strip()}")


@dataclass(frozen=True)
class NasalDose:
    concentration: Quantity
    device: Device
    asked_dose_mcg: float | None
    exact_count: float
    count: int
    per_nostril: tuple[int, int]
    delivered_dose_mcg: float
    dose_error_percent: float | None
    mcg_per_unit: float
    bottle_ml: float | None
    doses_per_bottle: int | None
    per_day: int | None
    bottle_life_days: int | None
    warnings: tuple[ResultWarning, ...] = field(default=())

    def steps(self) -> list[str]:
        conc = self.concentration.m_as("mg/mL")
        vol = self.device.volume.m_as("uL")
        unit = self.device.kind
        lines = [
            f"mcg per {unit} = {conc:.6g} mg/mL x {vol:.6g} uL = {self.mcg_per_unit:.6g} mcg",
        ]
        if self.asked_dose_mcg is not None:
            lines.append(
                f"{unit}s = {self.asked_dose_mcg:.6g} mcg / {self.mcg_per_unit:.6g} mcg = "
                f"{self.exact_count:.4g}, rounded to {self.count}"
            )
        lines.append(
            f"delivered = {self.count} x {self.mcg_per_unit:.6g} mcg = "
            f"{self.delivered_dose_mcg:.6g} mcg"
        )
        if self.bottle_ml is not None:
            lines.append(
                f"doses per bottle = floor({self.bottle_ml:g} mL / ({self.count} x {vol:.6g} uL)) "
                f"= {self.doses_per_bottle}"
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        unit = self.device.kind
        return {
            "concentration_mg_per_ml": self.concentration.m_as("mg/mL"),
            "device": unit,
            "device_volume_ul": self.device.volume.m_as("uL"),
            "device_volume_source": self.device.source,
            "dose_mcg": self.asked_dose_mcg,
            f"mcg_per_{unit}": self.mcg_per_unit,
            f"{unit}s_exact": self.exact_count,
            f"{unit}s_per_administration": self.count,
            f"{unit}s_per_nostril": list(self.per_nostril),
            "delivered_dose_mcg": self.delivered_dose_mcg,
            "dose_error_percent": self.dose_error_percent,
            "bottle_ml": self.bottle_ml,
            "doses_per_bottle": self.doses_per_bottle,
            "per_day": self.per_day,
            "bottle_life_days": self.bottle_life_days,
            "steps": self.steps(),
            "warnings": [w.to_dict() for w in self.warnings],
        }


def nasal_dose(
    concentration: Quantity,
    device: Device,
    *,
    dose: Quantity | None = None,
    count: int | None = None,
    bottle: Quantity | None = None,
    per_day: int | None = None,
    ceiling: Ceiling | None = None,
    max_per_nostril_ul: tuple[float, str] | None = None,
) -> NasalDose:
    """Drops or sprays for ``dose`` (or the dose of ``count`` drops or sprays).

    ``ceiling`` (mcg, why): rounding to whole drops or sprays never goes past it.
    ``max_per_nostril_ul`` (uL, why): the most the label puts into one nostril at
    one instillation; more is warned.
    """
    check_kind(concentration, Kind.CONCENTRATION, "concentration")
    check_kind(device.volume, Kind.VOLUME, f"{device.kind} volume")
    if (dose is None) == (count is None):
        raise InputError(
            f"give either a dose or a number of {device.kind}s, not both or neither",
            input="",
            expected=f"a dose such as 300mcg, or a number of {device.kind}s such as 4",
        ).at("dose")
    unit_mcg = concentration.m_as("mg/mL") * device.volume.m_as("mL") * 1000
    warnings: list[ResultWarning] = []
    asked: float | None = None
    if dose is not None:
        asked = check_kind(dose, Kind.MASS, "dose").m_as("mcg")
        exact = asked / unit_mcg
        rounded, rounding = round_count(exact, unit_mcg, ceiling, what=f"{device.kind}s")
        whole = round(rounded)
        warnings.extend(rounding)
        if whole < 1:
            raise ImpossibleDoseError(
                f"the dose {asked:.4g} mcg is less than half of one {device.kind} "
                f"({unit_mcg:.4g} mcg)",
                input=format_quantity(dose),
                expected=f"a dose of at least {unit_mcg / 2:.4g} mcg",
                suggestion="use a weaker solution or check the dose's unit",
            )
    else:
        assert count is not None
        if count < 1:
            raise ImpossibleDoseError(
                f"{count} {device.kind}s is not a dose",
                input=str(count),
                expected=f"1 or more {device.kind}s",
                suggestion=f"give --{device.kind}s 1 or more",
            )
        exact, whole = float(count), count
    delivered = whole * unit_mcg
    error = None if asked is None else (delivered - asked) / asked * 100
    if error is not None and abs(error) > 5:
        warnings.append(
            ResultWarning(
                "whole_units_rounding",
                f"{whole} whole {device.kind}s deliver {delivered:.4g} mcg, {error:+.1f}% from "
                f"the {asked:.4g} mcg asked",
            )
        )
    split = (math.ceil(whole / 2), whole // 2)
    if whole % 2:
        warnings.append(
            ResultWarning(
                "uneven_split",
                f"{whole} {device.kind}s cannot be split evenly: {split[0]} into one nostril "
                f"and {split[1]} into the other",
            )
        )
    nostril_ul = split[0] * device.volume.m_as("uL")
    if max_per_nostril_ul is not None and nostril_ul > max_per_nostril_ul[0] + 1e-9:
        warnings.append(
            ResultWarning(
                "over_label_volume_per_nostril",
                f"{split[0]} {device.kind}s into one nostril ({nostril_ul:.4g} uL) is more than "
                f"the label puts into a nostril at one instillation, {max_per_nostril_ul[0]:.4g}"
                f" uL ({max_per_nostril_ul[1]}); the excess runs off: use a stronger solution "
                "or repeat the instillation later",
            )
        )
    if device.source.startswith("default"):
        warnings.append(
            ResultWarning(
                "uncalibrated_device",
                f"{device.kind} volume {device.volume.m_as('uL'):g} uL is a typical figure "
                f"({device.source}); calibrate yours (e.g. 3mL/60 drops) for an exact dose",
            )
        )
    bottle_ml = None if bottle is None else check_kind(bottle, Kind.VOLUME, "bottle").m_as("mL")
    per_dose_ml = whole * device.volume.m_as("mL")
    doses = None if bottle_ml is None else math.floor(bottle_ml / per_dose_ml + 1e-9)
    return NasalDose(
        concentration=concentration,
        device=device,
        asked_dose_mcg=asked,
        exact_count=exact,
        count=whole,
        per_nostril=split,
        delivered_dose_mcg=delivered,
        dose_error_percent=error,
        mcg_per_unit=unit_mcg,
        bottle_ml=bottle_ml,
        doses_per_bottle=doses,
        per_day=per_day,
        bottle_life_days=None if doses is None or per_day is None else doses // per_day,
        warnings=tuple(warnings),
    )
