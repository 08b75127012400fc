"""A stack as one operation: several components, each a protocol of its own, planned
together with the combination's checks.

A component as typed is ``COMPOUND DOSE ROUTE TIMES`` followed by any of the
planner's own fields as ``name=value`` (quote a value with spaces)::

    selank 300mcg intranasal 08:00,14:00 bottle=3mL concentration=0.15%
    semax 200mcg intranasal 08:00 course=10d bottle=3mL concentration=0.1%

Fields a component leaves out (start, time zone, course, break...) come from the
stack's shared fields. Every error names the component, by number and compound.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

from peptidekit.errors import InputError, PeptidekitError
from peptidekit.ops.plan import PlanLimits, PlanRequest, plan, protocol_spec

if TYPE_CHECKING:
    from peptidekit.protocol.stack import StackPlan

POSITIONAL = ("compound", "dose", "route", "times")
COMPONENT_EXAMPLE = "selank 300mcg intranasal 08:00,14:00 bottle=3mL concentration=0.15%"
R = TypeVar("R")
MAX_COMPONENT_CHARS = 400
MAX_STACK_DOSES = 20_000
"""A stack plans at most as many doses as one plan may (protocol.spec.MAX_PLANNED_DOSES):
six components of a year of hourly doses took 3.2 s and answered 66 MB."""


def component_request(text: str, shared: PlanRequest, number: int = 1) -> PlanRequest:
    """One planner component as typed, over the stack's shared fields."""
    return parse_component(text, shared, POSITIONAL, number, COMPONENT_EXAMPLE)


def parse_component(
    text: str, shared: R, positional: tuple[str, ...], number: int, example: str
) -> R:
    """A component as typed: the ``positional`` fields in order, then ``name=value``
    pairs for any other field of the request, over ``shared``."""
    where = f"component {number}"
    shown = text if len(text) <= 80 else text[:77] + "..."
    if len(text) > MAX_COMPONENT_CHARS:
        raise InputError(
            f"{where} {shown!r} is {len(text)} characters long; expected at most "
            f"{MAX_COMPONENT_CHARS}",
            input=shown,
            expected=f"e.g. {example!r}",
        ).at("component")
    names = {f.name.rstrip("_"): f.name for f in fields(shared)}  # type: ignore[arg-type]
    fixed = ("tz", "days", *positional)
    try:
        words = shlex.split(text)
    except ValueError as error:
        raise InputError(
            f"{where}: {str(error).lower()} in {shown!r}", input=shown, expected=example
        ).at("component") from None
    in_order = [w for w in words if "=" not in w]
    named = [w.split("=", 1) for w in words if "=" in w]
    if len(in_order) != len(positional):
        raise InputError(
            f"{where} {shown!r}: expected {', '.join(positional)}, then name=value fields",
            input=shown,
            expected=f"e.g. {example!r}",
        ).at("component")
    values: dict[str, Any] = dict(zip(positional, in_order, strict=True))
    for name, value in named:
        key = names.get(name.strip().replace("-", "_"))
        if key is None or key in fixed:
            allowed = sorted(k for k in names if k not in fixed)
            raise InputError(
                f"{where}: unknown field {name!r}; expected one of {', '.join(allowed)}",
                input=name,
                expected="a field of this request",
            ).at("component")
        values[key] = value
    return replace(shared, **values)  # type: ignore[type-var]


def check_count(count: int) -> None:
    """A stack has 2 to MAX_COMPONENTS components (checked before any is read)."""
    from peptidekit.protocol.stack import MAX_COMPONENTS

    if not 2 <= count <= MAX_COMPONENTS:
        raise InputError(
            f"a stack of {count} component{'' if count == 1 else 's'}: "
            f"expected 2 to {MAX_COMPONENTS}",
            input=str(count),
            expected=f"2 to {MAX_COMPONENTS} components",
        ).at("component")


def _labelled(number: int, request: PlanRequest, step: Any, limits: PlanLimits | None) -> Any:
    """``step(request, limits=...)`` for one component, its errors naming the component."""
    label = f"component {number}" + (f" ({request.compound})" if request.compound else "")
    if not request.compound or not str(request.compound).strip():
        raise InputError(
            f"{label}: every component of a stack names its compound",
            input="",
            expected="a compound",
        ).at("component")
    try:
        return step(request, limits=limits)
    except PeptidekitError as error:
        error.message = f"{label}: {error.message}"
        error.args = (error.message,)
        if isinstance(error, InputError):
            error.field = "component"  # typed inside the component, whatever its field
        raise


def plan_stack(components: Sequence[PlanRequest], *, limits: PlanLimits | None = None) -> StackPlan:
    """Each component planned on its own, then the combination's checks."""
    from peptidekit.protocol.stack import combine

    check_count(len(components))
    # every component's spec first (cheap), so that a stack over the bound is refused
    # before any schedule is built
    numbered = list(enumerate(components, start=1))
    most = [_labelled(n, request, protocol_spec, limits).most_doses for n, request in numbered]
    if sum(most) > MAX_STACK_DOSES:
        each = " + ".join(f"{n:,}" for n in most)
        raise InputError(
            f"the stack's components have about {sum(most):,} doses together ({each}): "
            f"expected at most {MAX_STACK_DOSES:,} in one stack (shorten the course, or "
            "plan the components on their own)",
            input=f"{sum(most)} doses",
            expected=f"at most {MAX_STACK_DOSES} planned doses in a stack",
        ).at("component")
    plans = [_labelled(n, request, plan, limits) for n, request in numbered]
    zones = {p.schedule.spec.tz for p in plans}
    if len(zones) > 1:
        raise InputError(
            f"the components are in different time zones ({', '.join(sorted(zones))})",
            input=", ".join(sorted(zones)),
            expected="one time zone for the whole stack",
        ).at("tz")
    return combine(tuple(plans))
