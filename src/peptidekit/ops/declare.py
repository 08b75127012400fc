"""A workflow's request declared once: each field's kind, help text, bounds and choices.

A request is a frozen dataclass whose fields are made with :func:`declared`; the CLI's
options (``cli/derive.py``), the API's request models (``web/derive.py``) and the pages'
form reading (:func:`from_form`) are built from these declarations, never written beside
them. A field's ``help`` is the sentence every adapter shows; ``example`` goes into the
API schema; ``choices`` come from :mod:`peptidekit.vocabulary` and are checked by the
operation itself (so every adapter words the refusal the same way).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, dataclass_transform

FieldKind = Literal["text", "flag", "lines"]
"""text: one value as typed ('250mcg', 'selank', '2'); flag: yes or no (confirm);
lines: several values (one component a line)."""

_REQUIRED: Any = dataclasses.MISSING


@dataclass(frozen=True)
class FieldSpec:
    """How one request field is shown and bounded in every adapter."""

    name: str
    help: str
    required: bool
    kind: FieldKind = "text"
    example: str | None = None
    choices: tuple[str, ...] | None = None
    max_length: int = 64
    """Characters at most (the API and the form refuse longer text before any parsing)."""
    min_length: int = 1
    """Characters at least in the API (0 where an empty text means something: a dose's
    site corrected to none)."""
    max_items: int | None = None
    """For ``lines``: values at most."""
    min_items: int | None = None
    flag: str | None = None
    """The CLI option's name when it is not ``--`` plus the field's name with dashes;
    "" when the CLI does not offer the field (a documented difference)."""
    alias: str | None = None
    """The name in JSON bodies and forms when the field's name is a Python keyword
    (``break_`` is ``break``)."""
    shown_default: str | None = None
    """What an empty field means, for help texts ('U-100')."""
    api: bool = True
    """False when the API does not offer the field (a documented difference)."""

    @property
    def cli_flag(self) -> str | None:
        if self.flag == "":
            return None
        return self.flag or "--" + self.name.rstrip("_").replace("_", "-")

    @property
    def key(self) -> str:
        """The field's name in a JSON body or a form."""
        return self.alias or self.name


_SPEC = "peptidekit.spec"


def declared(
    help: str,
    *,
    default: Any = _REQUIRED,
    kind: FieldKind = "text",
    example: str | None = None,
    choices: Sequence[str] | None = None,
    max_length: int = 64,
    min_length: int = 1,
    max_items: int | None = None,
    min_items: int | None = None,
    flag: str | None = None,
    alias: str | None = None,
    shown_default: str | None = None,
    api: bool = True,
) -> Any:
    """A request field with its declaration: required unless a ``default`` is given."""
    spec = {
        "help": help,
        "kind": kind,
        "example": example,
        "choices": None if choices is None else tuple(choices),
        "max_length": max_length,
        "min_length": min_length,
        "max_items": max_items,
        "min_items": min_items,
        "flag": flag,
        "alias": alias,
        "shown_default": shown_default,
        "api": api,
    }
    if default is _REQUIRED:
        return dataclasses.field(metadata={_SPEC: spec})
    if isinstance(default, list | dict):
        raise TypeError("a mutable default: use a tuple")
    return dataclasses.field(default=default, metadata={_SPEC: spec})


def field_specs(request: type[Any]) -> tuple[FieldSpec, ...]:
    """Every field of a request type, in order, with its declaration."""
    found = _CACHE.get(request)
    if found is None:
        specs = []
        for f in dataclasses.fields(request):
            meta = f.metadata.get(_SPEC)
            if meta is None:
                raise TypeError(f"{request.__name__}.{f.name} is not declared (use declared())")
            required = f.default is dataclasses.MISSING and (
                f.default_factory is dataclasses.MISSING
            )
            specs.append(FieldSpec(name=f.name, required=required, **meta))
        found = _CACHE[request] = tuple(specs)
    return found


_CACHE: dict[type[Any], tuple[FieldSpec, ...]] = {}

R = TypeVar("R")


@dataclass_transform(frozen_default=True, field_specifiers=(declared,))
def request(cls: type[R]) -> type[R]:
    """A request type: a frozen dataclass whose every field is :func:`declared`."""
    made = dataclasses.dataclass(frozen=True)(cls)
    field_specs(made)  # every field declared, checked when the module loads
    return made


def from_form(request: type[R], form: Mapping[str, Any]) -> R:
    """A request from a form or JSON body (keys are the fields' names or aliases; empty
    values are left out, so a field's own default applies)."""
    values: dict[str, Any] = {}
    for spec in field_specs(request):
        value = form.get(spec.key, form.get(spec.name))
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if spec.kind == "flag":
            value = value if isinstance(value, bool) else str(value).strip().lower() in _YES
        values[spec.name] = value
    return request(**_fill_required(request, values))


_YES = frozenset({"1", "true", "yes", "on"})


def _fill_required(request: type[Any], values: dict[str, Any]) -> dict[str, Any]:
    """Required fields not given become None, so the operation names the field."""
    for spec in field_specs(request):
        if spec.required:
            values.setdefault(spec.name, None)
    return values


def from_options(request: type[R], options: Mapping[str, Any]) -> R:
    """A request from a CLI command's options (keyed by field name)."""
    values = {
        spec.name: options[spec.name]
        for spec in field_specs(request)
        if spec.name in options and options[spec.name] not in (None, ())
    }
    return request(**_fill_required(request, values))
