"""The journal's translations shared by its pages and its API: form fields and JSON bodies
to the journal operations (peptidekit.ops.journal), and their results to plain data.

Every function reads user text with the package's strict parsers and raises
PeptidekitError subclasses for bad input; the app turns those into messages.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peptidekit.journal.repository import JournalRepository


def profile_name(journal: JournalRepository, wanted: str | None) -> str:
    """The profile the web works on (ops.journal.choose_profile: the one chosen, else
    the only one; never created by looking, never guessed among several)."""
    from peptidekit.ops.journal import choose_profile

    return choose_profile(journal, wanted)


def journal_profiles(journal: JournalRepository) -> list[dict[str, str]]:
    from peptidekit.ops.journal import profiles

    return profiles(journal)


def journal_add_profile(journal: JournalRepository, o: dict[str, Any]) -> dict[str, str]:
    from peptidekit.ops.journal import ProfileRequest, add_profile

    return add_profile(journal, ProfileRequest(o.get("name") or "", o.get("tz") or ""))


def journal_today(journal: JournalRepository, profile: str | None) -> dict[str, Any]:
    from peptidekit.ops.journal import overview

    return overview(journal, profile_name(journal, profile), dt.datetime.now(dt.UTC))


def journal_checkins(journal: JournalRepository, profile: str | None) -> list[dict[str, Any]]:
    """The latest check-ins with their local time, severity band and notes."""
    from peptidekit.ops.journal import checkins

    return checkins(journal, profile_name(journal, profile))


def journal_vials(journal: JournalRepository, profile: str | None) -> dict[str, Any]:
    from peptidekit.ops.journal import list_vials

    listed = list_vials(journal, profile_name(journal, profile))
    return {"vials": listed.vials, "warnings": listed.warnings}


def journal_save_plan(journal: JournalRepository, query: str, profile: str | None) -> list[str]:
    """A plan or stack from the planner (its query string) saved into the journal as one
    protocol per component, with their planned doses, in one transaction."""
    from urllib.parse import parse_qsl

    from peptidekit.ops.journal import save_plans
    from peptidekit.protocol.stack import StackPlan
    from peptidekit.web.routes.plan import make_plan, make_stack

    form = {k: v for k, v in parse_qsl(query, keep_blank_values=False) if v.strip()}
    result = make_stack(form) if form.get("components") else make_plan(form)
    plans = result.plans if isinstance(result, StackPlan) else (result,)
    specs = [plan.schedule.spec for plan in plans]
    return save_plans(journal, profile_name(journal, profile), specs)


def journal_add_vial(
    journal: JournalRepository, o: dict[str, Any], now: dt.datetime, profile: str | None
) -> dict[str, Any]:
    """A vial reconstituted now (refrigerated), or a bottle, with the known shelf life."""
    from peptidekit.journal.views import vial_dict
    from peptidekit.ops.declare import from_form
    from peptidekit.ops.journal import VialRequest, add_vial

    name = profile_name(journal, profile)
    return vial_dict(add_vial(journal, name, from_form(VialRequest, o), now).vial)


def journal_log(
    journal: JournalRepository, o: dict[str, Any], now: dt.datetime, profile: str | None
) -> dict[str, Any]:
    from peptidekit.journal.views import logged_dict
    from peptidekit.ops.declare import from_form
    from peptidekit.ops.journal import LogRequest, log_dose

    request = from_form(LogRequest, o)
    name = profile_name(journal, profile)
    return logged_dict(log_dose(journal, name, request, now, ask_about_warnings=True))
