"""Translations shared by the pages and the API: form fields and JSON bodies to the core's
operations (peptidekit.ops), and their results to plain data.

Every function reads user text with the package's strict parsers and raises
PeptidekitError subclasses for bad input; the app turns those into messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from peptidekit.results import DISCLAIMER


# ---------------------------------------------------------------- calculators
def request_from(kind: type[Any], o: dict[str, Any], **renamed: str) -> Any:
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


# ---------------------------------------------------------------- planner and PK


# ---------------------------------------------------------------- claims


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

    from peptidekit.web.routes.plan import make_plan, make_stack

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
    return vial_dict(add_vial(journal, name, request_from(VialRequest, o), now).vial)


def journal_log(
    journal: Any, o: dict[str, Any], now: dt.datetime, profile: str | None
) -> dict[str, Any]:
    from peptidekit.ops.journal import LogRequest, log_dose
    from peptidekit.store.views import logged_dict

    request = request_from(LogRequest, {**o, "confirm": bool(o.get("confirm"))})
    return logged_dict(log_dose(journal, profile_name(journal, profile), request, now))
