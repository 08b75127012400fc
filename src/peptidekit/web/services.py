"""Operations shared by the pages and the API: text in, plain data out, core underneath.

Every function reads user text with the package's strict parsers and raises
PeptidekitError subclasses for bad input; the app turns those into messages.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from peptidekit.dosing.plausibility import calculator_limits
from peptidekit.errors import InputError
from peptidekit.knowledge.index import dose_index
from peptidekit.units import Kind, parse_count, parse_quantity

DISCLAIMER = "Research and education only, not medical advice."
LIMITS = {"days": 365, "subjects": 2000, "cycles": 24, "course": 366}


def _q(value: str | None, kind: Kind, name: str, *, allow_zero: bool = False) -> Any:
    return (
        None
        if value in (None, "")
        else parse_quantity(value, kind, allow_zero=allow_zero, name=name)
    )


def _count(
    value: str | None, name: str, *, integer: bool = True, limit: float | None = None
) -> Any:
    if value in (None, ""):
        return None
    number = parse_count(value, name, integer=integer)
    if limit is not None and number > limit:
        raise InputError(
            f"{name} {value!r} is more than {limit:g}", input=value, expected=f"at most {limit:g}"
        )
    return int(number) if integer else number


# ---------------------------------------------------------------- knowledge
def compounds() -> list[dict[str, Any]]:
    from peptidekit.knowledge import default_knowledge

    return [
        {
            "id": c.id,
            "name": c.name,
            "aliases": c.aliases,
            "category": c.category,
            "kind": c.kind,
            "claims": len(c.claims),
            "origin": c.origin,
        }
        for c in default_knowledge().compounds.values()
    ]


def monograph(name: str) -> dict[str, Any]:
    from peptidekit.knowledge import default_knowledge
    from peptidekit.knowledge.views import monograph_dict

    kb = default_knowledge()
    return monograph_dict(kb.compound(name), kb)


def conflicts(name: str) -> dict[str, Any]:
    from peptidekit.knowledge import default_knowledge
    from peptidekit.knowledge.views import conflicts_dict

    kb = default_knowledge()
    return conflicts_dict(kb.compound(name), kb)


def chem(sequence: str, ph: float, pka_set: str) -> dict[str, Any]:
    from peptidekit.chem import analyse

    if not math.isfinite(ph):
        raise InputError(f"pH {ph!r} is not a number", input=str(ph), expected="0 to 14")
    return analyse(sequence, ph=ph, pka_set_name=pka_set).to_dict()


# ---------------------------------------------------------------- calculators
def _plausibility(
    compound: str | None,
    route: str | None,
    dose: Any,
    per_day: int | None,
    index: Any = None,
) -> list[dict[str, str]]:
    if not compound or not route or dose is None:
        return []
    from peptidekit.dosing.plausibility import check_dose
    from peptidekit.knowledge.index import ROUTES

    if route not in ROUTES:
        raise InputError(f"unknown route {route!r}", input=route, expected=", ".join(ROUTES))
    return [w.to_dict() for w in check_dose(compound, route, dose, per_day, index=index)]


def reconstitute(o: dict[str, Any]) -> dict[str, Any]:
    from peptidekit.dosing.reconstitution import reconstitute as run
    from peptidekit.errors import ImpossibleDoseError

    dose = _q(o["dose"], Kind.MASS, "dose")
    per_day = _count(o.get("per_day"), "per day", limit=24)
    barrel = _q(o.get("syringe"), Kind.VOLUME, "syringe")
    compound, route = o.get("compound"), o.get("route")
    index = dose_index() if compound and route else None  # read once a request
    asked_warnings = _plausibility(compound, route, dose, per_day, index)
    ceiling, shelf_life = calculator_limits(compound, route, per_day, index=index)
    try:
        result = run(
            _q(o["vial"], Kind.MASS, "vial"),
            _q(o["diluent"], Kind.VOLUME, "diluent"),
            dose,
            barrel_ml=None if barrel is None else barrel.m_as("mL"),
            scale=o.get("syringe_scale") or "U-100",
            tick_units=_count(o.get("tick"), "tick", integer=False, limit=100),
            dead_space=_q(o.get("dead_space"), Kind.VOLUME, "dead space", allow_zero=True),
            per_day=per_day,
            ceiling=ceiling,
            shelf_life=shelf_life,
        )
    except ImpossibleDoseError as error:
        if asked_warnings:  # the judgement calls explain the refusal (a 1000x slip, say)
            error.message += " | " + " | ".join(w["message"] for w in asked_warnings)
        raise
    delivered = parse_quantity(f"{result.delivered_dose_mcg!r} mcg")
    warnings = _plausibility(compound, route, delivered, per_day, index)
    data = result.to_dict()
    data["warnings"] = [*warnings, *data["warnings"]]
    return {"disclaimer": DISCLAIMER, **data}


def diluent(o: dict[str, Any]) -> dict[str, Any]:
    from peptidekit.dosing.reconstitution import diluent_for_units

    barrel = _q(o.get("syringe"), Kind.VOLUME, "syringe")
    plan = diluent_for_units(
        _q(o["vial"], Kind.MASS, "vial"),
        _q(o["dose"], Kind.MASS, "dose"),
        float(_count(o["units"], "units", integer=False, limit=100)),
        barrel_ml=None if barrel is None else barrel.m_as("mL"),
        scale=o.get("syringe_scale") or "U-100",
        tick_units=_count(o.get("tick"), "tick", integer=False, limit=100),
    )
    return {"disclaimer": DISCLAIMER, **plan.to_dict()}


def nasal(o: dict[str, Any]) -> dict[str, Any]:
    from peptidekit.dosing.nasal import Device, calibrate, nasal_dose

    device_kind = o.get("device") or "drop"
    if o.get("calibrate"):
        device = calibrate(o["calibrate"])
    elif o.get("volume"):
        device = Device(device_kind, _q(o["volume"], Kind.VOLUME, "volume"), "given by the user")
    else:
        found = dose_index().volume_default(o.get("compound") or None, f"{device_kind}_volume")
        if found is None:
            raise InputError(
                f"no default {device_kind} volume; give one",
                input="",
                expected="a volume such as 50uL",
            )
        volume, figure = found
        device = Device(
            device_kind,
            volume,
            f"default from the knowledge base: {figure.claim}, {', '.join(figure.sources)}",
        )
    dose = _q(o.get("dose"), Kind.MASS, "dose")
    per_day = _count(o.get("per_day"), "per day", limit=24)
    compound = o.get("compound") or None
    index = dose_index()
    ceiling, _ = calculator_limits(compound, "intranasal", per_day, index=index)
    result = nasal_dose(
        _q(o["concentration"], Kind.CONCENTRATION, "concentration"),
        device,
        dose=dose,
        count=_count(o.get("drops"), f"{device.kind}s", limit=200),
        bottle=_q(o.get("bottle"), Kind.VOLUME, "bottle"),
        per_day=per_day,
        ceiling=ceiling,
        max_per_nostril_ul=None if compound is None else index.per_nostril_volume(compound),
    )
    delivered = parse_quantity(f"{result.delivered_dose_mcg!r} mcg")
    warnings = _plausibility(compound, "intranasal", delivered, per_day, index)
    data = result.to_dict()
    data["warnings"] = [*warnings, *data["warnings"]]
    return {"disclaimer": DISCLAIMER, **data}


# ---------------------------------------------------------------- planner and PK
def plan_spec(o: dict[str, Any]) -> Any:
    """The protocol from a form or API body, within the web's bounds on work."""
    from peptidekit.protocol.spec import spec_from_text

    spec = spec_from_text(o, str(o["tz"]))
    year, most_cycles = LIMITS["course"], LIMITS["cycles"]
    for name, key, value, limit, expected in (
        ("course", "course", spec.course_days, year, f"at most {year} days"),
        ("break", "break_", spec.break_days, year, f"at most {year} days"),
        ("cycles", "cycles", spec.cycles, most_cycles, f"at most {most_cycles}"),
    ):
        if value > limit:
            text = str(o[key])
            raise InputError(f"{name} {text!r}: expected {expected}", input=text, expected=expected)
    return spec


def plan(o: dict[str, Any]) -> dict[str, Any]:
    from peptidekit.protocol.plan import make_plan

    return make_plan(plan_spec(o)).to_dict()


def pk(o: dict[str, Any], *, with_plot: bool = False) -> dict[str, Any]:
    import numpy as np

    from peptidekit.pk.exact import ExactModel
    from peptidekit.pk.metrics import compute_metrics
    from peptidekit.pk.model import check_regimen_size, regular_doses
    from peptidekit.pk.params import resolve_parameters

    route = o["route"]
    dose = _q(o["dose"], Kind.MASS, "dose").m_as("mcg")
    every = _q(o["every"], Kind.DURATION, "every").m_as("h")
    days = _count(o["days"], "days", integer=False, limit=LIMITS["days"])
    step = _q(o.get("step") or "15min", Kind.DURATION, "step").m_as("h")
    if step < 1 / 60 or every < step:
        raise InputError(
            "the step must be at least 1 min and no longer than the interval",
            input=o.get("step") or "",
            expected="e.g. 15min",
        )
    compound = o.get("compound") or None
    if compound:
        from peptidekit.knowledge import default_knowledge

        compound = default_knowledge().compound(compound).name
    params, sourced, notes = resolve_parameters(
        route,
        compound=compound,
        ka=None if not o.get("ka") else _q(o["ka"], Kind.RATE, "ka").m_as("1/h"),
        ke=None if not o.get("ke") else _q(o["ke"], Kind.RATE, "ke").m_as("1/h"),
        volume_l=None if not o.get("volume") else _q(o["volume"], Kind.VOLUME, "volume").m_as("L"),
        bioavailability=None
        if not o.get("bioavailability")
        else _q(o["bioavailability"], Kind.FRACTION, "bioavailability").m_as(""),
        lag_h=0.0
        if not o.get("lag")
        else _q(o["lag"], Kind.DURATION, "lag", allow_zero=True).m_as("h"),
    )
    subjects = _count(o.get("subjects"), "subjects", limit=LIMITS["subjects"])
    count, _ = check_regimen_size(days, every, step, subjects)
    end = days * 24
    doses = regular_doses(dose, every, count)
    times = np.arange(0, math.floor(end / step + 1e-9) + 1) * step
    if len(times) > 40_000:
        raise InputError(
            "too many time points; use a longer step",
            input=o.get("step") or "",
            expected="at most 40,000 points",
        )
    model = ExactModel(params, doses)
    typical, _ = model.curve(times)
    metrics = compute_metrics(model, end, interval_h=every, step_h=step)
    population = None
    if subjects:
        from peptidekit.pk.population import simulate_population

        cv = _q(o.get("cv") or "30%", Kind.FRACTION, "cv").m_as("")
        population = simulate_population(params, doses, times, subjects=subjects, cv=cv)
    from peptidekit.pk.params import caption as make_caption

    caption = make_caption(sourced, notes)
    data: dict[str, Any] = {
        "disclaimer": DISCLAIMER,
        "compound": compound,
        "parameters": [s.to_dict() for s in sourced],
        "notes": notes,
        "caption": caption,
        "time_h": times.tolist(),
        "concentration": {"unit": "ng/mL", "values": typical.tolist()},
        "metrics": metrics.to_dict(),
    }
    if population is not None:
        data.update(
            p05=population.p05.tolist(),
            p50=population.p50.tolist(),
            p95=population.p95.tolist(),
            subjects=subjects,
        )
    if with_plot:
        data["plot_png_base64"] = _plot(
            times, typical, doses, caption, population, compound, dose, route, every
        )
    return data


def _plot(
    times: Any,
    typical: Any,
    doses: Any,
    caption: str,
    population: Any,
    compound: str | None,
    dose: float,
    route: str,
    every: float,
) -> str:
    import base64
    import tempfile
    from pathlib import Path

    from peptidekit.pk.plot import plot_curves

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pk.png"
        plot_curves(
            path,
            times,
            typical,
            doses,
            caption=caption,
            population=population,
            title=f"{compound or 'Model'}: {dose:g} mcg {route} every {every:g} h",
        )
        return base64.b64encode(path.read_bytes()).decode()


# ---------------------------------------------------------------- claims
def check(text: str, compound: str | None) -> dict[str, Any]:
    from peptidekit.claims.check import check_text

    return {"disclaimer": DISCLAIMER, **check_text(text, compound=compound or None).to_dict()}


# ---------------------------------------------------------------- journal
def profile_name(journal: Any, wanted: str | None) -> str:
    """The profile the web works on: the one chosen (``wanted``), else the only one.
    Never creates one (a GET must not write) and never guesses among several."""
    from peptidekit.errors import ProfileChoiceError

    names = [p.name for p in journal.profiles()]
    if wanted and wanted in names:
        return str(wanted)
    if wanted:
        raise ProfileChoiceError(
            f"no profile named {wanted!r}; choose one of: {', '.join(names) or '(none yet)'}",
            choices=names,
        )
    if len(names) == 1:
        return str(names[0])
    if not names:
        raise ProfileChoiceError("the journal has no profile yet: create one", choices=[])
    raise ProfileChoiceError(
        f"the journal has {len(names)} profiles: choose one of {', '.join(names)}", choices=names
    )


def journal_profiles(journal: Any) -> list[dict[str, str]]:
    return [{"name": p.name, "tz": p.tz} for p in journal.profiles()]


def journal_add_profile(journal: Any, o: dict[str, Any]) -> dict[str, str]:
    name = (o.get("name") or "").strip()
    if not name or len(name) > 80:
        raise InputError(
            f"profile name {name!r}: expected 1 to 80 characters",
            input=name,
            expected="a name of 1 to 80 characters, e.g. me",
        )
    profile = journal.create_profile(name, (o.get("tz") or "").strip())
    return {"name": profile.name, "tz": profile.tz}


def journal_today(journal: Any, profile: str | None) -> dict[str, Any]:
    name = profile_name(journal, profile)
    tz = journal.profile(name).tz
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=14)
    report = journal.adherence(name, start, dt.datetime.now(dt.UTC) + dt.timedelta(days=1))
    return {
        "disclaimer": DISCLAIMER,
        "tz": tz,
        **journal.today(name),
        "adherence": report.to_dict(),
        "trends": journal.trends(name),
    }


def journal_vials(journal: Any, profile: str | None) -> dict[str, Any]:
    from peptidekit.store.views import vial_dict

    name = profile_name(journal, profile)
    return {
        "vials": [vial_dict(v) for v in journal.vials(name)],
        "warnings": [w.to_dict() for w in journal.warnings(name)],
    }


def journal_add_vial(
    journal: Any, o: dict[str, Any], now: dt.datetime, profile: str | None
) -> dict[str, Any]:
    """A vial reconstituted now and kept refrigerated, with the known shelf life."""
    from peptidekit.knowledge import default_knowledge
    from peptidekit.protocol.plan import known_shelf_life
    from peptidekit.store.views import vial_dict

    name = default_knowledge().compound(o["compound"]).name
    days, source = known_shelf_life(name, "reconstituted", None)
    vial = journal.add_vial(
        profile_name(journal, profile),
        compound=name,
        kind="vial",
        amount_mcg=parse_quantity(o["vial"], Kind.MASS, name="vial").m_as("mcg"),
        volume_ml=parse_quantity(o["diluent"], Kind.VOLUME, name="diluent").m_as("mL"),
        opened_at=now,
        storage="refrigerated",
        shelf_life_days=days,
        shelf_life_source=source,
    )
    return vial_dict(vial)


def journal_log(
    journal: Any, o: dict[str, Any], now: dt.datetime, profile: str | None
) -> dict[str, Any]:
    from peptidekit.journal.core import parse_when
    from peptidekit.store.views import logged_dict

    name = profile_name(journal, profile)
    tz = journal.profile(name).tz
    status = o.get("status") or "taken"
    vial = journal.vial_id(name, o["vial"]) if o.get("vial") else None
    logged = journal.log_dose(
        name,
        at=parse_when(o.get("at") or None, tz) if o.get("at") else now,
        amount_mcg=_q(o["dose"], Kind.MASS, "dose", allow_zero=status == "skipped").m_as("mcg"),
        status=status,
        vial_id=vial,
        dead_space_ml=0.0
        if not o.get("dead_space")
        else _q(o["dead_space"], Kind.VOLUME, "dead space", allow_zero=True).m_as("mL"),
        site=o.get("site") or None,
        notes=o.get("notes") or None,
        confirm=bool(o.get("confirm")),
    )
    return logged_dict(logged)
