"""The API's request models built from a request's declaration (``peptidekit.ops.declare``).

Each declared field becomes a text field of the JSON body (quantities travel as the text
a person types, "250mcg", and are read by the operation's strict parser), bounded in
length before any parsing, with the declaration's help as its description, its example,
and its choices as a pattern. Unknown keys are refused (422), as before.
"""

from __future__ import annotations

import inspect
import re
from typing import Annotated, Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, create_model

from peptidekit.ops.declare import FieldSpec, field_specs, from_form
from peptidekit.ops.registry import Operation

Text = Annotated[str, Field(min_length=1, max_length=64)]
"""A short value as typed ("250mcg", "selank")."""


class Strict(BaseModel):
    """A JSON body that refuses unknown keys."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _annotation(spec: FieldSpec) -> Any:
    if spec.kind == "flag":
        return bool
    text: Any = Annotated[
        str,
        Field(
            min_length=spec.min_length,
            max_length=spec.max_length,
            pattern=None
            if spec.choices is None
            else "^(" + "|".join(re.escape(c) for c in spec.choices) + ")$",
        ),
    ]
    if spec.kind == "lines":
        return Annotated[
            list[text], Field(min_length=spec.min_items or 0, max_length=spec.max_items)
        ]
    return text


def _field(spec: FieldSpec, default: Any) -> Any:
    examples: list[Any] | None = None if spec.example is None else [spec.example]
    if spec.kind == "lines" and spec.example is not None:
        examples = [spec.example.split("\n")]
    return Field(default, description=spec.help, examples=examples, alias=spec.alias)


def model_for(request: type[Any], name: str | None = None) -> type[BaseModel]:
    """The JSON body model of ``request``: the fields the API offers, required as declared."""
    fields: dict[str, Any] = {}
    for spec in field_specs(request):
        if not spec.api:
            continue
        if spec.required:
            fields[spec.name] = (_annotation(spec), _field(spec, ...))
        elif spec.kind == "flag":
            fields[spec.name] = (bool, _field(spec, False))
        else:
            fields[spec.name] = (_annotation(spec) | None, _field(spec, None))
    model: type[BaseModel] = create_model(
        name or request.__name__, __base__=Strict, __doc__=request.__doc__, **fields
    )
    return model


def body_values(body: BaseModel) -> dict[str, Any]:
    """A body's values keyed by field name, without those not given."""
    return {k: v for k, v in body.model_dump(by_alias=False).items() if v is not None}


def add_operation_route(router: APIRouter, operation: Operation) -> None:
    """A POST route for ``operation`` at its API path: the body model derived from its
    request, the answer its result's ``to_dict()`` (errors become 400/404/409 in app.py)."""
    request = operation.request
    model = model_for(request, f"{request.__name__}")

    def answer(body: BaseModel) -> JSONResponse:
        return JSONResponse(operation.run(from_form(request, body_values(body))).to_dict())

    if operation.fast:  # on the event loop: no thread hand-off for sub-millisecond work

        async def endpoint(body: Any) -> JSONResponse:
            return answer(body)

    else:

        def endpoint(body: Any) -> JSONResponse:  # type: ignore[misc]
            return answer(body)

    parameter = inspect.Parameter("body", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=model)
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [parameter], return_annotation=JSONResponse
    )
    endpoint.__name__ = operation.name
    endpoint.__doc__ = request.__doc__
    assert operation.api is not None
    router.add_api_route(operation.api, endpoint, methods=["POST"], response_class=JSONResponse)
