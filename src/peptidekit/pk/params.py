"""Where each PK parameter comes from: the user, a measurement, or a claim.

The knowledge base is asked first for what it has (bioavailability by route,
half-life figures that are not contradicted). A value a user gives is taken as
an assumption and labelled so; a vendor or secondary figure is labelled as a
claim, never as a measurement. A parameter nobody gives is an error that
names the field that supplies it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from peptidekit.errors import InputError, MissingFieldsError
from peptidekit.pk.model import PKParameters
from peptidekit.results import DISCLAIMER


@dataclass(frozen=True)
class Sourced:
    name: str
    value: float
    unit: str
    source: str
    kind: str
    """'measured' (label or trial), 'claim' (vendor/secondary), 'assumed' (given by the user)."""
    caveat: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def label(self) -> str:
        text = f"{self.name} = {self.value:.4g} {self.unit}: {self.kind}, {self.source}"
        return text + (f" ({self.caveat})" if self.caveat else "")


def _missing(compound: str | None, missing: list[tuple[str, str, str, str]]) -> InputError:
    """One error naming every parameter that is missing (what, give, example, field), so a
    person fills them in at once, not one refusal at a time."""
    names = [f"no {m[0]}" for m in missing]
    what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    where = f"for {compound} the knowledge base has" if compound else "the model has"
    give = "; ".join(f"{m[1]}, e.g. {m[2]}" for m in missing)
    error = MissingFieldsError(
        f"{where} {what}; give {give}",
        input=compound or "",
        expected="; ".join(m[2] for m in missing),
        fields=tuple(m[3] for m in missing),
        hints={m[3]: f"needed: {m[1]}, e.g. {m[2]}" for m in missing},
    )
    return error


def _user(name: str, value: float, unit: str) -> Sourced:
    return Sourced(name, value, unit, "given by the user", "assumed")


def resolve_parameters(
    route: str,
    *,
    compound: str | None = None,
    ka: float | None = None,
    ke: float | None = None,
    volume_l: float | None = None,
    bioavailability: float | None = None,
    lag_h: float = 0.0,
    k12: float = 0.0,
    k21: float = 0.0,
) -> tuple[PKParameters, list[Sourced], list[str]]:
    """The model, the provenance of every parameter, and notes on unused claims."""
    sourced: list[Sourced] = []
    notes: list[str] = []
    missing: list[tuple[str, str, str, str]] = []
    known = [] if compound is None else _knowledge(compound)
    iv = route == "intravenous"

    if ke is not None:
        sourced.append(_user("ke", ke, "1/h"))
    else:
        ke_sourced = _ke_from_knowledge(known)
        if ke_sourced is None:
            missing.append(
                (
                    "elimination rate",
                    "the elimination rate ke or the half-life",
                    "0.3/h or 2h",
                    "ke",
                )
            )
        else:
            sourced.append(ke_sourced)
            ke = ke_sourced.value
    if volume_l is None:
        missing.append(
            ("volume of distribution", "the central volume (an assumption)", "20L", "volume")
        )
    else:
        sourced.append(_user("volume", volume_l, "L"))
    if not iv:
        if ka is None:
            missing.append((f"{route} absorption rate", "the absorption rate ka", "1.5/h", "ka"))
        else:
            sourced.append(_user("ka", ka, "1/h"))
    found = None
    if not iv and bioavailability is None:
        found = next((p for p in known if p.name == "bioavailability" and route in p.routes), None)
        if found is None:
            missing.append(
                (f"{route} bioavailability", "the bioavailability", "0.8 or 80%", "bioavailability")
            )
    if missing:
        raise _missing(compound, missing)
    assert ke is not None
    assert volume_l is not None
    if iv:
        f = 1.0
    elif bioavailability is not None:
        f = bioavailability
        sourced.append(_user("bioavailability", f * 100, "%"))
    else:
        assert found is not None
        f = found.low / 100
        sourced.append(
            Sourced(
                "bioavailability",
                found.low,
                "%",
                f"{found.claim.id} ({', '.join(s.source for s in found.claim.sources)})",
                "measured" if found.measured else "claim",
                found.caveat,
            )
        )
    if lag_h:
        sourced.append(_user("lag", lag_h, "h"))
    if k12 or k21:
        sourced += [_user("k12", k12, "1/h"), _user("k21", k21, "1/h")]
    for p in known:
        if p.name == "effect_duration":
            notes.append(
                f"{p.claim.statement.rstrip('.')} ({p.claim.id}): an effect-duration claim, "
                "not a plasma half-life; not used"
            )
        if p.name == "plasma_disappearance":
            notes.append(
                f"{p.claim.statement.rstrip('.')} ({p.claim.id}, {p.claim.evidence}): "
                "not a half-life; not used"
            )
    params = PKParameters(
        ke=ke,
        volume_l=volume_l,
        ka=None if iv else ka,
        bioavailability=f,
        lag_h=lag_h,
        k12=k12,
        k21=k21,
    )
    return params, sourced, notes


def _knowledge(compound: str) -> list[Any]:
    from peptidekit.knowledge import pk_parameters

    return list(pk_parameters(compound))


def _ke_from_knowledge(known: list[Any]) -> Sourced | None:
    claims = [p for p in known if p.name == "half_life" and p.claim.status != "contradicted"]
    if not claims:
        return None
    best = claims[0]
    half_life_min = math.sqrt(best.low * best.high)
    sources = ", ".join(s.source for s in best.claim.sources)
    return Sourced(
        "ke",
        math.log(2) / (half_life_min / 60),
        "1/h",
        f"from a half-life of {best.low:g}-{best.high:g} min ({best.claim.id}; {sources})",
        "measured" if best.measured else "claim",
        best.caveat,
    )


def caption(sourced: list[Sourced], notes: list[str]) -> str:
    """Words for a plot caption: every parameter's source, and what is assumed."""
    parts = [s.label for s in sourced]
    assumed = [s.name for s in sourced if s.kind == "assumed"]
    claims = [s.name for s in sourced if s.kind == "claim"]
    text = "Parameters: " + "; ".join(parts) + "."
    if assumed:
        text += f" Assumed, not measured: {', '.join(assumed)}."
    if claims:
        text += f" From claims, not measurements: {', '.join(claims)}."
    if notes:
        text += " " + " ".join(n[0].upper() + n[1:] + "." for n in notes)
    return text + " " + DISCLAIMER
