"""Journal operations shared by the CLI, the web and library users.

Each takes the journal as a :class:`peptidekit.journal.repository.JournalRepository`
(the store's ``Journal``, or any object with its methods), reads the request's fields
as a person typed them, and answers rows typed by that interface or data ready to show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from peptidekit.errors import InputError, ProfileChoiceError, StoredDataError
from peptidekit.journal.core import PROFILE_NAME_MAX
from peptidekit.journal.repository import (
    CheckInRow,
    DoseRow,
    HistoryPageView,
    JournalRepository,
    VialRow,
)
from peptidekit.ops.declare import declared, request
from peptidekit.ops.fields import (
    CountInput,
    QuantityInput,
    choice,
    optional_quantity,
    quantity,
    text,
)
from peptidekit.units import Kind
from peptidekit.vocabulary import DOSE_STATUSES, PLAN_ROUTES, STORAGE

if TYPE_CHECKING:
    from peptidekit.dosing.content import PeptideContent
    from peptidekit.journal.repository import DeletedDose, LoggedDose
    from peptidekit.knowledge.index import DoseIndex
    from peptidekit.protocol.spec import ProtocolSpec
    from peptidekit.results import ResultWarning

STATUSES = DOSE_STATUSES

__all__ = [
    "DOSE_STATUSES",
    "STORAGE",
    "AddedVial",
    "CheckinRequest",
    "EditRequest",
    "LogRequest",
    "ProfileRequest",
    "VialEditRequest",
    "VialList",
    "VialRequest",
    "add_profile",
    "add_protocol",
    "add_vial",
    "adherence",
    "checkin",
    "checkins",
    "choose_profile",
    "delete_dose",
    "delete_vial",
    "edit_dose",
    "edit_vial",
    "event_id",
    "history",
    "history_page",
    "list_vials",
    "log_dose",
    "overview",
    "profiles",
    "save_plans",
    "today",
    "trends",
]


_OPENED_HELP = "Reconstituted or opened at, 'YYYY-MM-DD HH:MM' local or ISO 8601 (default: now)."
_PROFILE_HELP = "The journal profile (needed when the journal has several)."


# ---------------------------------------------------------------- profiles
def choose_profile(journal: JournalRepository, wanted: str | None) -> str:
    """The profile an adapter works on: the one chosen (``wanted``), else the only one.
    Never creates one (reading must not write) and never guesses among several; the
    error (field ``profile``) lists the profiles to choose from."""
    names = [p.name for p in journal.profiles()]
    if wanted and wanted in names:
        return str(wanted)
    if wanted:
        error = ProfileChoiceError(
            f"no profile named {wanted!r}; choose one of: {', '.join(names) or '(none yet)'}",
            choices=names,
        )
    elif len(names) == 1:
        return str(names[0])
    elif not names:
        error = ProfileChoiceError("the journal has no profile yet: create one", choices=[])
    else:
        error = ProfileChoiceError(
            f"the journal has {len(names)} profiles: choose one of {', '.join(names)}",
            choices=names,
        )
    raise error.at("profile")


@request
class ProfileRequest:
    """A new profile: its name and time zone."""

    name: str = declared(
        "Profile name, 1 to 80 characters.", example="me", max_length=PROFILE_NAME_MAX
    )
    tz: str = declared("IANA time zone, e.g. Europe/Moscow.", example="Europe/Moscow")


def profiles(journal: JournalRepository) -> list[dict[str, str]]:
    return [{"name": p.name, "tz": p.tz} for p in journal.profiles()]


def add_profile(journal: JournalRepository, request: ProfileRequest) -> dict[str, str]:
    """Create a profile (its name checked by journal.core.profile_name, its zone by
    the IANA database); a name already taken is refused."""
    profile = journal.create_profile(request.name or "", (request.tz or "").strip())
    return {"name": profile.name, "tz": profile.tz}


# ---------------------------------------------------------------- vials


@request
class VialRequest:
    """A reconstituted vial (``vial`` and ``diluent``) or an opened nasal bottle
    (``bottle`` and ``concentration``)."""

    compound: str | None = declared(
        "Compound (not needed for a blend vial, whose text names its compounds).",
        example="selank",
        max_length=80,
        default=None,
    )
    vial: QuantityInput | None = declared(
        "Powder in the vial, e.g. 5mg, or a blend 'selank 5mg + semax 5mg' (with the diluent).",
        example="5mg",
        max_length=200,
        default=None,
    )
    diluent: QuantityInput | None = declared(
        "Diluent added, e.g. 2mL.", example="2mL", default=None
    )
    bottle: QuantityInput | None = declared(
        "Nasal bottle volume, e.g. 3mL (with its concentration).", example="3mL", default=None
    )
    concentration: QuantityInput | None = declared(
        "Bottle strength, e.g. 0.15%.", example="0.15%", default=None
    )
    opened: str | None = declared(_OPENED_HELP, example="2026-12-01 08:00", default=None)
    storage: str | None = declared(
        "How it is kept.", choices=STORAGE, shown_default=STORAGE[0], default=None
    )
    shelf_life: QuantityInput | None = declared(
        "Shelf life once opened, overriding the knowledge base's figure, e.g. 28d.",
        example="28d",
        default=None,
    )
    lot: str | None = declared("Lot or batch number.", max_length=80, default=None)
    net_peptide: CountInput | None = declared(
        "Net peptide content, e.g. 80% (the vial mass is then gross).", example="80%", default=None
    )
    counter_ion: str | None = declared(
        "Or: the counter-ion, acetate, TFA or HCl (with the counter-ions per molecule).",
        example="acetate",
        default=None,
    )
    counter_ions: CountInput | None = declared(
        "Counter-ions per molecule.", example="3", default=None
    )
    profile: str | None = declared(
        _PROFILE_HELP,
        max_length=PROFILE_NAME_MAX,
        flag="",  # the CLI says it once for every command: the journal group's option
        default=None,
    )


@dataclass(frozen=True)
class AddedVial:
    vial: VialRow
    shelf_life_source: str
    content: PeptideContent | None = None
    """For a vial: how much of the label mass is peptide (None for bottles and blends)."""


def shelf_life_for(
    compound: str | list[str] | None,
    form: str,
    storage: str | None,
    given: object,
    *,
    index: DoseIndex | None = None,
) -> tuple[float | None, str]:
    """(days, where they come from): the shelf life given (e.g. '28d'), else the
    knowledge base's shortest for the form and storage; for a blend (a list of its
    components) the shortest any component has, named. ``index``: the knowledge base's
    dose index already read (default: read it)."""
    from peptidekit.protocol.plan import known_shelf_life
    from peptidekit.protocol.spec import parse_days

    def shelf_life(name: str | None) -> tuple[float | None, str]:
        if index is None:
            return known_shelf_life(name, form, storage)
        return index.shelf_life(name, form, storage)

    if given is not None and text(str(given)) is not None:
        return parse_days(str(given), "shelf_life"), "given by the user"
    if not isinstance(compound, list):
        return shelf_life(compound)
    known = [(shelf_life(name), name) for name in compound]
    figures = [(days, f"{name}: {where}") for (days, where), name in known if days is not None]
    if figures:
        return min(figures, key=lambda figure: figure[0])
    return None, "; ".join(f"{name}: {where}" for (_, where), name in known)


def add_vial(
    journal: JournalRepository, profile: str, request: VialRequest, now: dt.datetime
) -> AddedVial:
    """Record a vial or bottle, with its discard-by time from the knowledge base's
    shelf life (or the one given) and where that figure comes from."""
    from peptidekit.journal.core import parse_when
    from peptidekit.journal.facts import DoseKnowledge
    from peptidekit.ops.calculators import (
        blend_vial,
        is_blend,
        refuse_content_for_blend,
        vial_content,
    )

    components = None
    if is_blend(request.vial):
        blend = blend_vial(str(request.vial))
        components = [(c.compound, c.mass.m_as("mcg")) for c in blend.components]
        request = replace(request, compound=blend.names[0], vial=blend.components[0].mass)
    if not text(request.compound):
        raise InputError("compound is needed", input="", expected="e.g. selank").at("compound")
    knowledge = DoseKnowledge.load()  # the compound's name and shelf lives: one reading
    compound = knowledge.name(str(request.compound))
    vial = optional_quantity(request.vial, Kind.MASS, "vial")
    diluent = optional_quantity(request.diluent, Kind.VOLUME, "diluent")
    bottle = optional_quantity(request.bottle, Kind.VOLUME, "bottle")
    strength = optional_quantity(request.concentration, Kind.CONCENTRATION, "concentration")
    storage = choice(request.storage, "storage", STORAGE, STORAGE[0])
    if bottle is None and strength is None:
        for name, value in (("vial", vial), ("diluent", diluent)):
            if value is None:
                raise InputError(
                    f"{name} is needed: a vial's powder and its diluent, e.g. 5mg and 2mL",
                    input="",
                    expected="5mg in 2mL",
                ).at(name)
    content = None
    if vial is not None and diluent is not None and bottle is None and strength is None:
        kind, form = "vial", "reconstituted"
        if components:
            refuse_content_for_blend(request)
        else:
            content = vial_content(vial, request, compound)
            vial = content.peptide
        amount, volume = vial.m_as("mcg"), diluent.m_as("mL")
    elif bottle is not None and strength is not None and vial is None and diluent is None:
        kind, form = "bottle", "nasal_drops"
        volume = bottle.m_as("mL")
        amount = volume * strength.m_as("mg/mL") * 1000
    else:
        raise InputError(
            "give a vial with its diluent, or a bottle with its concentration, not both",
            input="",
            expected="vial and diluent, or bottle and concentration",
        ).at("bottle" if bottle is not None else "concentration")
    days, source = shelf_life_for(
        [name for name, _ in components] if components else compound,
        form,
        None if kind == "vial" else storage,
        request.shelf_life,
        index=knowledge.dose_index,
    )
    tz = journal.profile(profile).tz
    row = journal.add_vial(
        profile,
        compound=compound,
        kind=kind,
        amount_mcg=amount,
        volume_ml=volume,
        opened_at=now if not text(request.opened) else parse_when(request.opened, tz),
        storage=storage,
        shelf_life_days=days,
        shelf_life_source=source,
        lot=text(request.lot),
        components=components,
        label_mcg=content.label.m_as("mcg") if content and content.stated else None,
        content_basis=content.basis if content and content.stated else None,
    )
    return AddedVial(row, source, content)


@dataclass(frozen=True)
class VialList:
    """A profile's vials ready to show (discard-by also in the profile's zone), their
    warnings, and the rows that cannot be read (each named), when asked to go on."""

    vials: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    unreadable: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"vials": self.vials, "warnings": self.warnings, "unreadable": self.unreadable}


def list_vials(journal: JournalRepository, profile: str, *, go_on: bool = False) -> VialList:
    """Every vial of the profile, oldest first. A row that cannot be read is an error,
    or with ``go_on`` listed in ``unreadable`` while the others are still shown."""
    from peptidekit.journal.views import local_time, vial_dict

    tz = journal.profile(profile).tz
    rows, unreadable = [], []
    for vial in journal.vials(profile):
        try:
            row = vial_dict(vial)
        except StoredDataError as error:
            if not go_on:
                raise
            unreadable.append(error.to_dict())
            continue
        rows.append({**row, "discard_by_local": local_time(vial.discard_by, tz)})
    warnings = [w.to_dict() for w in journal.warnings(profile)]
    return VialList(rows, warnings, unreadable)


# ---------------------------------------------------------------- doses


@request
class LogRequest:
    """A dose to log: from a vial (its id; on the CLI also its first characters) or not."""

    dose: QuantityInput = declared(
        "Amount, e.g. 250mcg (0mcg for a skipped dose).", example="250mcg"
    )
    status: str | None = declared(
        "What became of the dose.", choices=STATUSES, shown_default=STATUSES[0], default=None
    )
    vial: str | None = declared("Vial id (or its first characters).", default=None)
    compound: str | None = declared(
        "Whose dose (default: the vial's); from a blend vial, the component dosed.",
        example="selank",
        default=None,
    )
    dead_space: QuantityInput | None = declared(
        "Lost per draw, e.g. 0.07mL.", example="0.07mL", default=None
    )
    at: str | None = declared(
        "'YYYY-MM-DD HH:MM' local, ISO 8601, or now (default: now).", default=None
    )
    site: str | None = declared(
        "Injection site, e.g. abdomen-left.", example="abdomen-left", max_length=40, default=None
    )
    route: str | None = declared(
        "Route (default: the planned dose's, or the one route of the compound's protocols).",
        choices=PLAN_ROUTES,
        default=None,
    )
    planned: str | None = declared(
        "Planned dose id (default: the nearest open one within 3 hours).", default=None
    )
    notes: str | None = declared("Notes.", max_length=2000, default=None)
    syringe: QuantityInput | None = declared(
        "Barrel drawn with, e.g. 0.3mL (default: the finest standard one that holds the dose).",
        example="0.3mL",
        default=None,
    )
    confirm: bool = declared(
        "Log the dose even with warnings (off the plan, a repeat, over the reference, a "
        "likely unit slip); without it such a dose is refused with them and nothing is "
        "written.",
        kind="flag",
        default=False,
    )
    profile: str | None = declared(
        _PROFILE_HELP,
        max_length=PROFILE_NAME_MAX,
        flag="",  # the CLI says it once for every command: the journal group's option
        default=None,
    )


def log_dose(
    journal: JournalRepository,
    profile: str,
    request: LogRequest,
    now: dt.datetime,
    *,
    ask_about_warnings: bool = False,
) -> LoggedDose:
    """Log a dose (the event, its draw and its warnings). Every field is read first, the
    knowledge base once (journal.facts.DoseKnowledge), then the journal's rules compute,
    check and write it in one transaction (journal.rules.log_dose).

    A dose that looks like a unit slip is refused unless ``request.confirm`` (the one
    unit-slip rule, ops.confirm); with ``ask_about_warnings`` (the web's pages and API)
    any warning is, and the dose is logged with its warnings otherwise."""
    from peptidekit.dosing.syringe import SyringeChoice
    from peptidekit.journal.core import parse_when
    from peptidekit.journal.facts import DoseKnowledge
    from peptidekit.journal.rules import needs_confirmation
    from peptidekit.ops.confirm import refuse_unconfirmed_slip
    from peptidekit.units import format_quantity

    status = choice(request.status, "status", STATUSES, STATUSES[0])
    amount = quantity(request.dose, Kind.MASS, "dose", allow_zero=status == "skipped")
    dead_space = optional_quantity(request.dead_space, Kind.VOLUME, "dead_space", allow_zero=True)
    route = None if not text(request.route) else choice(request.route, "route", PLAN_ROUTES)
    syringe = optional_quantity(request.syringe, Kind.VOLUME, "syringe")
    vial = text(request.vial)

    def check(warnings: Sequence[ResultWarning]) -> None:
        if request.confirm:
            return
        if ask_about_warnings:
            raise needs_confirmation(warnings)
        refuse_unconfirmed_slip(warnings, confirmed=False, dose=format_quantity(amount))

    knowledge = DoseKnowledge.load()
    compound = text(request.compound)
    if compound is not None:
        compound = knowledge.name(compound)
    return journal.log_dose(
        profile,
        compound=compound,
        at=now if not text(request.at) else parse_when(request.at, journal.profile(profile).tz),
        amount_mcg=amount.m_as("mcg"),
        status=status,
        vial_id=None if vial is None else journal.vial_id(profile, vial),
        dead_space_ml=0.0 if dead_space is None else dead_space.m_as("mL"),
        route=route,
        site=text(request.site),
        notes=text(request.notes),
        planned_dose_id=text(request.planned),
        syringe=None if syringe is None else SyringeChoice(syringe.m_as("mL")),
        confirm=request.confirm,
        knowledge=knowledge,
        check_warnings=check,
    )


@request
class CheckinRequest:
    """A symptom check-in. ``gad7``: the seven answers, 0-3 each, as '1,2,1,0,0,1,2' or a
    list; an answer left blank is refused by its number, never counted as 0."""

    gad7: str | list[str | int] = declared(
        "Seven answers 0-3, e.g. 1,2,1,0,0,1,2.", example="1,2,1,0,0,1,2"
    )
    sleep: QuantityInput | None = declared("Hours slept, e.g. 7h.", example="7h", default=None)
    sleep_quality: str | int | None = declared(
        "Sleep quality, 1 (very poor) to 5.", example="4", default=None
    )
    side_effects: str | None = declared("Side effects.", max_length=2000, default=None)
    notes: str | None = declared("Notes.", max_length=2000, default=None)
    at: str | None = declared(
        "'YYYY-MM-DD HH:MM' local, ISO 8601, or now (default: now).", default=None
    )


def gad7_answers(value: str | list[str | int]) -> list[int]:
    items = value.split(",") if isinstance(value, str) else list(value)
    expected = "seven answers 0-3, e.g. 1,2,1,0,0,1,2"
    if len(items) != 7:
        raise InputError(
            f"gad7 {value!r}: {len(items)} answers; expected {expected}",
            input=str(value),
            expected=expected,
        ).at("gad7")
    answers = []
    for number, item in enumerate(items, start=1):
        typed = str(item).strip()
        if typed not in ("0", "1", "2", "3"):
            why = "is blank" if not typed else f"{typed!r} is not 0, 1, 2 or 3"
            raise InputError(
                f"GAD-7 answer {number} {why}; every answer is needed, 0 (not at all) to 3 "
                "(nearly every day)",
                input=typed,
                expected=expected,
            ).at("gad7")
        answers.append(int(typed))
    return answers


def checkin(
    journal: JournalRepository, profile: str, request: CheckinRequest, now: dt.datetime
) -> tuple[CheckInRow, str]:
    """Save a check-in; returns (the row, the GAD-7 severity band)."""
    from peptidekit.journal.core import parse_when
    from peptidekit.ops.fields import whole

    sleep = optional_quantity(request.sleep, Kind.DURATION, "sleep", allow_zero=True)
    return journal.checkin(
        profile,
        at=now if not text(request.at) else parse_when(request.at, journal.profile(profile).tz),
        gad7=gad7_answers(request.gad7),
        sleep_hours=None if sleep is None else sleep.m_as("h"),
        sleep_quality=whole(request.sleep_quality, "sleep_quality"),
        side_effects=text(request.side_effects),
        notes=text(request.notes),
    )


@request
class EditRequest:
    """A logged dose's new time, site or notes (the amount: delete it and log again)."""

    at: str | None = declared("New time, 'YYYY-MM-DD HH:MM' local or ISO 8601.", default=None)
    site: str | None = declared(
        "New injection site (empty: none).", max_length=40, min_length=0, default=None
    )
    notes: str | None = declared(
        "New notes (empty: none).", max_length=2000, min_length=0, default=None
    )


def event_id(journal: JournalRepository, profile: str, prefix: str) -> str:
    """The id of the profile's logged dose ``prefix`` names: its full id, or, where the
    journal allows it (the CLI's), the first characters of one dose's id."""
    wanted = (prefix or "").strip()
    if not wanted:
        raise InputError("the dose is needed", input="", expected="a dose id").at("event")
    return str(journal.dose_id(profile, wanted))


def edit_dose(
    journal: JournalRepository, profile: str, event: str, request: EditRequest
) -> DoseRow:
    """Correct a logged dose (store.corrections.edit_dose); times in the profile's zone."""
    from peptidekit.journal.core import parse_when

    when = None
    if text(request.at):
        when = parse_when(str(request.at), journal.profile(profile).tz)
    return journal.edit_dose(
        profile,
        event_id(journal, profile, event),
        at=when,
        site=request.site,
        notes=request.notes,
    )


def delete_dose(journal: JournalRepository, profile: str, event: str) -> DeletedDose:
    """Undo a logged dose: its stock goes back to its vial in the same transaction."""
    return journal.delete_dose(profile, event_id(journal, profile, event))


def delete_vial(journal: JournalRepository, profile: str, vial: str) -> None:
    journal.delete_vial(profile, journal.vial_id(profile, vial))


@request
class VialEditRequest:
    """A vial's corrections: content and diluent (only before any dose), opening time,
    shelf life (e.g. 28d, which moves the discard-by time) and lot."""

    vial: QuantityInput | None = declared(
        "Corrected powder, e.g. 5mg (no doses yet).", example="5mg", default=None
    )
    diluent: QuantityInput | None = declared(
        "Corrected diluent, e.g. 2mL (no doses yet).", example="2mL", default=None
    )
    opened: str | None = declared("Corrected opening time, local or ISO 8601.", default=None)
    shelf_life: str | None = declared("Shelf life, e.g. 28d.", example="28d", default=None)
    lot: str | None = declared(
        "Lot or batch number (empty: none).", max_length=80, min_length=0, default=None
    )


def edit_vial(
    journal: JournalRepository, profile: str, vial: str, request: VialEditRequest
) -> VialRow:
    from peptidekit.journal.core import parse_when
    from peptidekit.protocol.spec import parse_days

    amount = optional_quantity(request.vial, Kind.MASS, "vial")
    volume = optional_quantity(request.diluent, Kind.VOLUME, "diluent")
    opened = None
    if text(request.opened):
        opened = parse_when(str(request.opened), journal.profile(profile).tz)
    days = parse_days(str(request.shelf_life), "shelf_life") if text(request.shelf_life) else None
    if all(v is None for v in (amount, volume, opened, days, request.lot)):
        raise InputError(
            "nothing to change: give the content, diluent, opening time, shelf life or lot",
            input="",
            expected="a field to correct",
        ).at("vial")
    return journal.edit_vial(
        profile,
        journal.vial_id(profile, vial),
        amount_mcg=None if amount is None else amount.m_as("mcg"),
        volume_ml=None if volume is None else volume.m_as("mL"),
        opened_at=opened,
        shelf_life_days=days,
        lot=request.lot,
    )


# ---------------------------------------------------------------- protocols
def add_protocol(
    journal: JournalRepository, profile: str, fields: Mapping[str, str | None], name: str
) -> tuple[str, str, int]:
    """Plan a protocol from the planner's fields (in the profile's time zone) and store
    it with its planned doses; (its id, its name, how many planned doses)."""
    from peptidekit.protocol.spec import spec_from_text

    spec = spec_from_text(fields, journal.profile(profile).tz)
    [(protocol, count)] = journal.add_protocols(profile, [(spec, name)])
    return protocol.id, protocol.name, count


def save_plans(
    journal: JournalRepository, profile: str, specs: Sequence[ProtocolSpec]
) -> list[str]:
    """Plans (a stack's components) saved as protocols with their planned doses, all in
    one transaction, each named by its compound, route and start; their names."""
    items = [(spec, f"{spec.compound or 'dose'} {spec.route} from {spec.start}") for spec in specs]
    return [str(protocol.name) for protocol, _ in journal.add_protocols(profile, items)]


# ---------------------------------------------------------------- reads
def today(journal: JournalRepository, profile: str) -> dict[str, Any]:
    """Today's checklist in the profile's zone, the next injection site, the warnings."""
    return journal.today(profile)


def overview(journal: JournalRepository, profile: str, now: dt.datetime) -> dict[str, Any]:
    """The journal page's data: today, the zone, the last 14 days' adherence, trends."""
    from peptidekit.results import DISCLAIMER

    report = journal.adherence(profile, now - dt.timedelta(days=14), now + dt.timedelta(days=1))
    return {
        "disclaimer": DISCLAIMER,
        "tz": journal.profile(profile).tz,
        **journal.today(profile),
        "adherence": report.to_dict(),
        "trends": journal.trends(profile),
    }


def history(journal: JournalRepository, profile: str) -> list[dict[str, Any]]:
    """Every logged dose, oldest first, ready to show (times in the dose's zone)."""
    from peptidekit.journal.views import event_dict

    return [event_dict(e) for e in journal.history(profile)]


def history_page(
    journal: JournalRepository,
    profile: str,
    *,
    before: str | None = None,
    after: str | None = None,
    limit: int = 20,
) -> HistoryPageView:
    """``limit`` logged doses, newest first, paged by full ids (store.history)."""
    return journal.history_page(profile, before=before, after=after, limit=limit)


def adherence(
    journal: JournalRepository,
    profile: str,
    start: str | None,
    end: str | None,
    now: dt.datetime,
) -> tuple[dt.date, dt.date, dict[str, Any]]:
    """Planned against taken from the day ``start`` to the day ``end`` (each
    YYYY-MM-DD in the profile's zone; default: the last 30 days to today)."""
    from peptidekit.journal.core import day_range
    from peptidekit.protocol.spec import parse_date, zone

    tz = journal.profile(profile).tz
    local_today = now.astimezone(zone(tz)).date()
    first = parse_date(start, "from") if start else local_today - dt.timedelta(days=30)
    last = parse_date(end, "to") if end else local_today
    report = journal.adherence(profile, *day_range(first, last, tz))
    return first, last, report.to_dict()


def checkins(journal: JournalRepository, profile: str) -> list[dict[str, Any]]:
    """The latest check-ins with their local time, severity band and notes."""
    from peptidekit.journal.views import checkin_dict

    return [checkin_dict(c) for c in journal.checkins(profile)]


def trends(journal: JournalRepository, profile: str) -> dict[str, Any]:
    return journal.trends(profile)
