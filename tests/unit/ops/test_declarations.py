"""Each workflow is declared once (#22): for every operation in the registry, the CLI
command's options, the API's body model and the library function take the request's
fields, or a difference the registry writes down with its reason."""

from __future__ import annotations

import dataclasses
import inspect
import re
from typing import Any

import click
import pytest

import peptidekit
from peptidekit.cli.main import cli
from peptidekit.ops.declare import field_specs
from peptidekit.ops.registry import OPERATIONS, Operation

CLI_ONLY = {"as_json", "ics_path", "csv_path", "list_all", "plot_path"}
"""Options of a command's output, not request fields: --json on every command; the
planner's --ics, --csv and --list; the simulator's --plot."""


def _command(words: tuple[str, ...]) -> click.Command:
    ctx = click.Context(cli)
    command: Any = cli
    for word in words:
        command = command.get_command(ctx, word)
        assert command is not None, f"no CLI command {' '.join(words)}"
    found: click.Command = command
    return found


@pytest.fixture(scope="module")
def api_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    from peptidekit.web.app import WebSettings, create_app

    db = tmp_path_factory.mktemp("api") / "journal.db"
    spec = create_app(WebSettings(db_url=f"sqlite:///{db}", secret_key="t")).openapi()
    models: dict[str, set[str]] = {}
    for path, methods in spec["paths"].items():
        post = methods.get("post")
        if not post or "requestBody" not in post:
            continue
        ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        name = ref.rsplit("/", 1)[1]
        models[path] = set(spec["components"]["schemas"][name]["properties"])
    return models


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.name)
def test_the_cli_offers_the_request_fields(operation: Operation) -> None:
    if operation.cli is None:
        pytest.skip(f"{operation.name} has no CLI command")
    request = {f.name for f in dataclasses.fields(operation.request)}
    command = _command(operation.cli)
    options = {p.name for p in command.params if isinstance(p, click.Option)} - CLI_ONLY
    offered = (options & request) | set(operation.cli_differences)
    assert offered == request, f"CLI lacks {request - offered}"
    # a CLI-only option is one of the documented differences' replacements
    extra = options - request
    for name in extra:
        named = re.compile(rf"\b{re.escape(name)}\b")
        assert any(named.search(why) for why in operation.cli_differences.values()), name


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.name)
def test_the_api_model_is_the_request(
    operation: Operation, api_models: dict[str, set[str]]
) -> None:
    if operation.api is None:
        pytest.skip(f"{operation.name} has no API route of its own")
    models = api_models
    keys = {s.key for s in field_specs(operation.request) if s.api}
    assert models[f"/api{operation.api}"] == keys


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda o: o.name)
def test_the_library_takes_the_request_fields_by_keyword(operation: Operation) -> None:
    function = getattr(peptidekit, operation.name, None)
    if function is None:
        pytest.skip(f"{operation.name} is not a library function")
    parameters = inspect.signature(function).parameters
    specs = field_specs(operation.request)
    # the field the CLI takes as its argument (NAME, SEQUENCE) may come first by position
    # too, as the library took it before the declarations: monograph("selank")
    first = "argument" in operation.cli_differences.get(specs[0].name, "") if specs else False
    kinds = [p.kind for p in parameters.values()]
    if first and kinds and kinds[0] is inspect.Parameter.POSITIONAL_OR_KEYWORD:
        kinds = kinds[1:]
    assert all(kind is inspect.Parameter.KEYWORD_ONLY for kind in kinds)
    assert list(parameters) == [s.name for s in specs]
    for spec in specs:  # required exactly where the request requires it
        empty = parameters[spec.name].default is inspect.Parameter.empty
        assert empty == spec.required, spec.name


def test_every_request_field_has_help_and_the_adapters_show_it() -> None:
    for operation in OPERATIONS:
        for spec in field_specs(operation.request):
            assert spec.help.strip(), f"{operation.name}.{spec.name} has no help"
        if operation.cli is None:
            continue
        command = _command(operation.cli)
        helps = {p.name: p.help or "" for p in command.params if isinstance(p, click.Option)}
        for spec in field_specs(operation.request):
            if spec.name in helps:
                assert helps[spec.name].startswith(spec.help)


def test_a_request_field_without_a_declaration_is_refused() -> None:
    from peptidekit.ops.declare import declared, request

    with pytest.raises(TypeError, match="not declared"):

        @request
        class Broken:
            dose: str = declared("Dose.")
            site: str | None = None
