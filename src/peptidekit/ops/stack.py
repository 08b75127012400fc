"""A stack's components, shared by the planner (``ops.plan``) and the PK simulator
(``ops.pk``): each component is typed as its positional fields, then any other field of
the request as ``name=value`` (quote a value with spaces)::

    selank 300mcg intranasal 08:00,14:00 bottle=3mL concentration=0.15%
    semax 200mcg intranasal 08:00 course=10d bottle=3mL concentration=0.1%

Fields a component leaves out (start, time zone, course, days...) come from the stack's
shared fields; the fields a component sets itself (its compound, dose, supply...) must
not be given beside the components. Every error names the component, by number and
compound.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import fields, replace
from typing import Any, TypeVar

from peptidekit.dosing.blend import MAX_COMPONENTS
from peptidekit.errors import InputError, PeptidekitError
from peptidekit.ops.declare import declared

R = TypeVar("R")
T = TypeVar("T")
MAX_COMPONENT_CHARS = 400
NOT_IN_A_COMPONENT = ("tz", "days", "components", "confirm")
"""Fields only the whole stack has: one time zone and one time axis for every component,
and one confirmation."""


def component_lines(given: Sequence[str] | str | None) -> list[str]:
    """The components as typed: a list (CLI, API, library) or one a line (a form box);
    blank lines are left out."""
    if given is None:
        return []
    lines = given.splitlines() if isinstance(given, str) else list(given)
    return [line.strip() for line in lines if isinstance(line, str) and line.strip()]


def components_field(help: str, example: str) -> Any:
    """The declaration of a request's ``components``: 2 to MAX_COMPONENTS lines, each at
    most MAX_COMPONENT_CHARS (the CLI takes one a flag, repeated)."""
    return declared(
        help,
        kind="lines",
        example=example,
        max_length=MAX_COMPONENT_CHARS,
        min_items=2,
        max_items=MAX_COMPONENTS,
        default=None,
    )


def need_components(given: Sequence[str] | str | None, positional: tuple[str, ...]) -> None:
    """Where only a stack is asked for (the API's /plan/stack, /pk/stack), its components
    are needed."""
    if not component_lines(given):
        words = " ".join(p.upper() for p in positional)
        raise InputError(
            f"components is needed: 2 or more, one '{words}' each",
            input="",
            expected="2 or more components",
        ).at("components")


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
    fixed = (*NOT_IN_A_COMPONENT, *positional)
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
    if not 2 <= count <= MAX_COMPONENTS:
        raise InputError(
            f"a stack of {count} component{'' if count == 1 else 's'}: "
            f"expected 2 to {MAX_COMPONENTS}",
            input=str(count),
            expected=f"2 to {MAX_COMPONENTS} components",
        ).at("component")


def given_beside(request: Any, own: Sequence[str]) -> list[str]:
    """The fields of ``own`` (those each component sets itself) given in ``request``."""
    found = []
    for name in own:
        value = getattr(request, name)
        if value is not None and not (isinstance(value, str) and not value.strip()):
            found.append(name)
    return found


def refuse_beside(request: Any, own: Sequence[str], single: str, example: str) -> None:
    """A field a component sets itself, given beside the components, is refused (it would
    silently apply to every component); ``single`` names the single request's kind."""
    given = given_beside(request, own)
    if given:
        words = ", ".join(g.rstrip("_") for g in given)
        raise InputError(
            f"a stack's components each give their own {words}: leave the single {single}'s "
            f"{words} out beside them, or write it into each component (e.g. {example!r})",
            input=words,
            expected="components only",
        ).at(given[0])


def labelled(number: int, compound: Any, step: Callable[[], T]) -> T:
    """``step()`` for one component, its errors naming the component (``field`` is then
    "component": the value was typed inside it, whatever its field)."""
    label = f"component {number}" + (f" ({compound})" if compound else "")
    try:
        return step()
    except PeptidekitError as error:
        error.message = f"{label}: {error.message}"
        error.args = (error.message,)
        if isinstance(error, InputError):
            error.field = "component"
        raise
