"""Every workflow once: its request, its operation, and where the CLI and the API offer it.

The adapters read this list: the API adds a route for each operation with an ``api`` path
(its body model derived from the request), and the comparison test checks, for every
operation, that the CLI command's options and the API model's fields are the request's
fields, or a difference written here with its reason.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


def _resolve(path: str) -> Any:
    module, _, attr = path.partition(":")
    return getattr(importlib.import_module(module), attr)


@dataclass(frozen=True)
class Operation:
    """One workflow: ``request`` and ``run`` as "module:name" (loaded on first use)."""

    name: str
    request_path: str
    run_path: str
    cli: tuple[str, ...] | None
    """The CLI command's words (``("calc", "reconstitute")``), None when there is none."""
    api: str | None
    """The API's path for a POST of the request, None when there is none."""
    fast: bool = False
    """Answers in well under a millisecond: the API runs it on the event loop."""
    cli_differences: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Request fields the CLI offers under other options, each with how and why."""
    own_route: bool = False
    """The API route is written by hand (it needs the journal and its profile); its body
    model is still derived from the request (web.derive.model_for)."""

    @property
    def request(self) -> type[Any]:
        found: type[Any] = _resolve(self.request_path)
        return found

    @property
    def run(self) -> Callable[[Any], Any]:
        found: Callable[[Any], Any] = _resolve(self.run_path)
        return found


_CALC = "peptidekit.ops.calculators"
_NAME = "the NAME argument"

OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "reconstitute",
        f"{_CALC}:ReconstituteRequest",
        f"{_CALC}:reconstitute",
        cli=("calc", "reconstitute"),
        api="/calc/reconstitute",
        fast=True,
    ),
    Operation(
        "diluent",
        f"{_CALC}:DiluentRequest",
        f"{_CALC}:diluent",
        cli=("calc", "diluent"),
        api="/calc/diluent",
        fast=True,
    ),
    Operation(
        "nasal",
        f"{_CALC}:NasalRequest",
        f"{_CALC}:nasal",
        cli=("calc", "nasal"),
        api="/calc/nasal",
        fast=True,
        cli_differences=MappingProxyType(
            {
                "count": "option drops N or sprays N (the option names the device)",
                "device": "option spray or sprays makes it a spray; a drop otherwise",
                "volume": "option drop VOLUME or spray VOLUME (the option names the device)",
            }
        ),
    ),
    *(  # the knowledge, checker and chemistry operations (ops.knowledge, ops.check)
        Operation(
            name,
            f"peptidekit.ops.knowledge:{request}",
            f"peptidekit.ops.knowledge:{name}",
            cli=(command,),
            api=None,  # GET routes with the compound in the path (web/routes/knowledge.py)
            cli_differences=MappingProxyType(differences),
        )
        for name, request, command, differences in (
            ("compounds", "CompoundsRequest", "compounds", {}),
            ("monograph", "CompoundRequest", "info", {"compound": _NAME}),
            ("conflicts", "CompoundRequest", "conflicts", {"compound": _NAME}),
            ("evidence", "CompoundRequest", "evidence", {"compound": _NAME}),
            ("sources", "CompoundRequest", "sources", {"compound": _NAME}),
            ("compare", "CompareRequest", "compare", {"compounds": "the NAMES arguments"}),
            ("analyse", "ChemRequest", "chem", {"sequence": "the SEQUENCE argument"}),
        )
    ),
    Operation(
        "check",
        "peptidekit.ops.check:CheckRequest",
        "peptidekit.ops.check:check",
        cli=("check",),
        api="/check",
        cli_differences=MappingProxyType(
            {
                "text": "not offered: the CLI reads each page from the PATHS argument",
                "paths": "the PATHS argument",
            }
        ),
    ),
    # the planner and the PK simulator: one operation each (one protocol or a stack's
    # components); ``run`` is the operation within the web's bounds (WEB_LIMITS), which
    # is what the API and the pages serve; the CLI and the library call plan/simulate
    Operation(
        "plan",
        "peptidekit.ops.plan:PlanRequest",
        "peptidekit.ops.plan:plan_on_server",
        cli=("plan",),
        api="/plan",
    ),
    Operation(
        "simulate",
        "peptidekit.ops.pk:PKRequest",
        "peptidekit.ops.pk:simulate_on_server",
        cli=("pk",),
        api="/pk",
    ),
)


_JOURNAL = "peptidekit.ops.journal"
_PROFILE = MappingProxyType(
    {"profile": "option profile NAME of the journal group (for every command)"}
)
OPERATIONS += tuple(  # the journal's writes; the API's routes are in the journal's web area
    Operation(
        name,
        f"{_JOURNAL}:{request}",
        f"{_JOURNAL}:{name}",
        cli=("journal", *words),
        api=api,
        own_route=True,
        cli_differences=differences,
    )
    for name, request, words, api, differences in (
        ("log_dose", "LogRequest", ("log",), "/journal/log", _PROFILE),
        ("add_vial", "VialRequest", ("vials", "add"), "/journal/vials", _PROFILE),
        (
            "add_profile",
            "ProfileRequest",
            ("profiles", "add"),
            "/journal/profiles",
            MappingProxyType({"name": "the NAME argument"}),
        ),
        # PATCH routes with the row's id in the path, and a check-in the pages take
        ("checkin", "CheckinRequest", ("checkin",), None, MappingProxyType({})),
        ("edit_dose", "EditRequest", ("doses", "edit"), None, MappingProxyType({})),
        ("edit_vial", "VialEditRequest", ("vials", "edit"), None, MappingProxyType({})),
    )
)


def operation(name: str) -> Operation:
    """The operation called ``name``."""
    for found in OPERATIONS:
        if found.name == name:
            return found
    raise KeyError(name)


def api_operations() -> tuple[Operation, ...]:
    """The operations the API serves from their declarations alone: a POST of the
    request at ``api``, answered with the result's ``to_dict()``."""
    return tuple(o for o in OPERATIONS if o.api is not None and not o.own_route)
