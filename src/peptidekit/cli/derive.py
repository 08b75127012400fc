"""Click options built from a request's declaration (``peptidekit.ops.declare``).

``@options_from(ReconstituteRequest)`` adds one option per declared field: ``--dead-space``
for ``dead_space``, its help text, ``required`` when the field is, a flag for yes/no
fields and a repeatable option for ``lines`` fields. The command receives the values
keyed by field name and builds the request with ``from_options``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click

from peptidekit.ops.declare import FieldSpec, field_specs

F = TypeVar("F", bound=Callable[..., Any])


def _help(spec: FieldSpec) -> str:
    text = spec.help
    if spec.choices and len(spec.choices) <= 8:
        text += f" One of: {', '.join(spec.choices)}."
    if spec.shown_default:
        text += f"  [default: {spec.shown_default}]"
    return text


def option_for(spec: FieldSpec) -> Callable[[F], F]:
    """The click option of one declared field."""
    flag = spec.cli_flag
    assert flag is not None
    if spec.kind == "flag":
        return click.option(flag, spec.name, is_flag=True, default=False, help=_help(spec))
    if spec.kind == "lines":
        return click.option(
            flag, spec.name, multiple=True, required=spec.required, help=_help(spec)
        )
    return click.option(flag, spec.name, required=spec.required, default=None, help=_help(spec))


def options_from(request: type[Any], *, skip: Iterable[str] = ()) -> Callable[[F], F]:
    """Every declared field of ``request`` that the CLI offers, as click options, in the
    declaration's order (``skip``: fields the command words its own way)."""
    skipped = set(skip)
    specs = [s for s in field_specs(request) if s.cli_flag and s.name not in skipped]

    def apply(func: F) -> F:
        for spec in reversed(specs):
            func = option_for(spec)(func)
        return func

    return apply
