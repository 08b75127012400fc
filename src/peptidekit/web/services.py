"""Translations shared by the pages and the API: form fields and JSON bodies to the core's
operations (peptidekit.ops), and their results to plain data.

Every function reads user text with the package's strict parsers and raises
PeptidekitError subclasses for bad input; the app turns those into messages.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from peptidekit.errors import InputError
from peptidekit.results import DISCLAIMER


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
        for c in sorted(default_knowledge().compounds.values(), key=_family_order)
    ]


def _family_order(compound: Any) -> tuple[int, bool, str]:
    """Selank and its own family (its modified forms, its parent tuftsin), then Semax and
    its forms, then other peptides, then the drugs Selank is compared with; the base
    compound first in each family."""
    if compound.kind != "peptide":
        family = 3
    elif "selank" in compound.id or compound.id == "tuftsin":
        family = 0
    elif "semax" in compound.id:
        family = 1
    else:
        family = 2
    return family, compound.id not in ("selank", "semax"), compound.name.lower()


def monograph(name: str) -> dict[str, Any]:
    from peptidekit.ops.knowledge import monograph as run

    return run(name)


def conflicts(name: str) -> dict[str, Any]:
    from peptidekit.ops.knowledge import conflicts as run

    return run(name)


def chem(sequence: str, ph: float, pka_set: str) -> dict[str, Any]:
    from peptidekit.chem import analyse_any

    if not math.isfinite(ph):
        raise InputError(f"pH {ph!r} is not a number", input=str(ph), expected="0 to 14")
    return analyse_any(sequence, ph=ph, pka_set_name=pka_set).to_dict()


# ---------------------------------------------------------------- calculators
def _request(kind: type[Any], o: dict[str, Any], **renamed: str) -> Any:
    """A request of ``kind`` from a form or API body: its fields, empty ones left out."""
    given = {renamed.get(k, k): v for k, v in o.items() if v not in (None, "")}
    return kind(**{name: given.get(name) for name in _field_names(kind)})


_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _field_names(kind: type[Any]) -> tuple[str, ...]:
    """A request type's field names, read once per type."""
    names = _FIELDS.get(kind)
    if names is None:
        import dataclasses

        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind))
    return names


def calculate(name: str, o: dict[str, Any]) -> dict[str, Any]:
    """A calculator's result for a form's boxes (read by the request's declaration)."""
    from peptidekit.ops.declare import from_form
    from peptidekit.ops.registry import operation

    found = operation(name)
    data: dict[str, Any] = found.run(from_form(found.request, o)).to_dict()
    return data


# ---------------------------------------------------------------- planner and PK
WEB_PLAN_LIMITS = {"course_days": 366, "break_days": 366, "cycles": 24}
"""Tighter than the core's: one web server answers many people."""


def make_plan(o: dict[str, Any]) -> Any:
    """The plan of a form or API body (``break`` or ``break_``), within the web's bounds."""
    from peptidekit.ops.plan import PlanLimits, PlanRequest
    from peptidekit.ops.plan import plan as run

    body = {**o, "break_": o.get("break_") or o.get("break")}
    return run(_request(PlanRequest, body), limits=PlanLimits(**WEB_PLAN_LIMITS))


def make_stack(o: dict[str, Any]) -> Any:
    """A stack from ``components`` (one component a line, or a list) over the shared
    schedule fields; the single-protocol fields must then be left empty."""
    from peptidekit.errors import InputError
    from peptidekit.ops.plan import PlanLimits, PlanRequest
    from peptidekit.ops.stack import check_count, component_request, plan_stack

    given = o.get("components")
    lines = given.splitlines() if isinstance(given, str) else list(given or [])
    lines = [line.strip() for line in lines if line and line.strip()]
    check_count(len(lines))
    own = [k for k in ("compound", "route", "dose", "times") if o.get(k)]
    if own:
        raise InputError(
            f"a stack's components each give their own {', '.join(own)}: leave the single "
            "protocol's boxes empty",
            input=", ".join(own),
            expected="components only",
        ).at(own[0])
    body = {**o, "break_": o.get("break_") or o.get("break"), "components": None}
    shared = _request(PlanRequest, body)
    requests = [component_request(line, shared, n) for n, line in enumerate(lines, start=1)]
    return plan_stack(requests, limits=PlanLimits(**WEB_PLAN_LIMITS))


def plan(o: dict[str, Any]) -> dict[str, Any]:
    """A plan, or a stack when ``components`` is given."""
    data: dict[str, Any] = (make_stack(o) if o.get("components") else make_plan(o)).to_dict()
    return data


WEB_PK_LIMITS = {"days": 365, "subjects": 2000, "points": 40_000}
"""Tighter than the core's: one web server answers many people."""


def pk(o: dict[str, Any], *, with_plot: bool = False) -> dict[str, Any]:
    import base64
    import tempfile
    from pathlib import Path

    from peptidekit.ops.pk import PKLimits, PKRequest, simulate

    if o.get("components"):
        return pk_stack(o, with_plot=with_plot)
    result = simulate(_request(PKRequest, o), limits=PKLimits(**WEB_PK_LIMITS))
    data = result.to_dict()
    if with_plot:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "pk.png"
            result.plot(path)
            data["plot_png_base64"] = base64.b64encode(path.read_bytes()).decode()
    return data


def pk_stack(o: dict[str, Any], *, with_plot: bool = False) -> dict[str, Any]:
    """Several compounds on one plot: ``components``, one 'COMPOUND DOSE ROUTE EVERY
    [field=value...]' a line, over the shared days and step."""
    import base64
    import tempfile
    from pathlib import Path

    from peptidekit.errors import InputError
    from peptidekit.ops.pk import (
        PK_COMPONENT_EXAMPLE,
        PK_POSITIONAL,
        PKLimits,
        PKRequest,
        simulate_stack,
    )
    from peptidekit.ops.stack import check_count, parse_component

    own = [k for k in ("compound", "dose", "every", "ka", "ke", "volume") if o.get(k)]
    if own:
        raise InputError(
            f"a stack's components each give their own {', '.join(own)}: leave the single "
            "compound's boxes empty",
            input=", ".join(own),
            expected="components only",
        ).at(own[0])
    given = o["components"]
    lines = [x for x in (given.splitlines() if isinstance(given, str) else given) if x.strip()]
    check_count(len(lines))
    shared = _request(PKRequest, {k: v for k, v in o.items() if k in ("days", "step")})
    requests = [
        parse_component(line, shared, PK_POSITIONAL, n, PK_COMPONENT_EXAMPLE)
        for n, line in enumerate((x.strip() for x in lines if x.strip()), start=1)
    ]
    result = simulate_stack(requests, limits=PKLimits(**WEB_PK_LIMITS))
    data = result.to_dict()
    if with_plot:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "pk.png"
            result.plot(path)
            data["plot_png_base64"] = base64.b64encode(path.read_bytes()).decode()
    return data


# ---------------------------------------------------------------- claims
def check(text: str, compound: str | None) -> dict[str, Any]:
    return check_and_source(text, compound)[0]


def check_and_source(text: str, compound: str | None) -> tuple[dict[str, Any], Any]:
    """The check's result and the page's readable text (a ``SourceText``), from the one
    parse of the page: the /check page marks the claims in that text."""
    from peptidekit.ops.knowledge import check_page

    report = check_page(text, compound=compound)
    return {"disclaimer": DISCLAIMER, **report.to_dict()}, report.source


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
    profile = journal.create_profile(o.get("name") or "", (o.get("tz") or "").strip())
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


def journal_checkins(journal: Any, profile: str | None) -> list[dict[str, Any]]:
    """The latest check-ins with their local time, severity band and notes."""
    from peptidekit.journal.core import GAD7_BANDS
    from peptidekit.protocol.spec import zone

    rows = []
    for c in journal.checkins(profile_name(journal, profile)):
        band = next(name for low, high, name in GAD7_BANDS if low <= c.gad7_score <= high)
        local = c.at.astimezone(zone(c.tz)).strftime("%Y-%m-%d %H:%M")
        rows.append(
            {"at_local": local, "gad7_score": c.gad7_score, "severity": band, "notes": c.notes}
        )
    return rows


def journal_vials(journal: Any, profile: str | None) -> dict[str, Any]:
    from peptidekit.protocol.spec import zone
    from peptidekit.store.views import vial_dict

    name = profile_name(journal, profile)
    local = zone(journal.profile(name).tz)
    vials = []
    for v in journal.vials(name):
        row = vial_dict(v)
        row["discard_by_local"] = (
            None
            if v.discard_by is None
            else v.discard_by.astimezone(local).strftime("%Y-%m-%d %H:%M")
        )
        vials.append(row)
    return {"vials": vials, "warnings": [w.to_dict() for w in journal.warnings(name)]}


def journal_save_plan(journal: Any, query: str, profile: str | None) -> list[str]:
    """A plan or stack from the planner (its query string) saved into the journal as one
    protocol per component, with their planned doses, in one transaction."""
    from urllib.parse import parse_qsl

    form = {k: v for k, v in parse_qsl(query, keep_blank_values=False) if v.strip()}
    result = make_stack(form) if form.get("components") else make_plan(form)
    plans = getattr(result, "plans", None) or (result,)
    items = []
    for plan in plans:
        spec = plan.schedule.spec
        items.append((spec, f"{spec.compound or 'dose'} {spec.route} from {spec.start}"))
    added = journal.add_protocols(profile_name(journal, profile), items)
    return [str(protocol.name) for protocol, _ in added]


def journal_add_vial(
    journal: Any, o: dict[str, Any], now: dt.datetime, profile: str | None
) -> dict[str, Any]:
    """A vial reconstituted now (refrigerated), or a bottle, with the known shelf life."""
    from peptidekit.ops.journal import VialRequest, add_vial
    from peptidekit.store.views import vial_dict

    name = profile_name(journal, profile)
    return vial_dict(add_vial(journal, name, _request(VialRequest, o), now).vial)


def journal_log(
    journal: Any, o: dict[str, Any], now: dt.datetime, profile: str | None
) -> dict[str, Any]:
    from peptidekit.ops.journal import LogRequest, log_dose
    from peptidekit.store.views import logged_dict

    request = _request(LogRequest, {**o, "confirm": bool(o.get("confirm"))})
    return logged_dict(log_dose(journal, profile_name(journal, profile), request, now))
