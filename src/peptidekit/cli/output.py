"""How the CLI prints results and errors: the one place that turns errors into messages."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from peptidekit.errors import BusyError, PeptidekitError

JSON_MODE = "peptidekit.json"
F = TypeVar("F", bound=Callable[..., Any])

EXIT_INPUT_ERROR = 2
EXIT_INTERNAL_ERROR = 70
EXIT_BUSY = 75
"""EX_TEMPFAIL: the journal is locked by another writer; the same command can be run again."""


def _remember_json(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta[JSON_MODE] = value
    return value


def json_option(func: F) -> F:
    """The ``--json`` flag every command that prints results carries."""
    option = click.option(
        "--json",
        "as_json",
        is_flag=True,
        is_eager=True,
        callback=_remember_json,
        help="Print the result as JSON (for scripts).",
    )
    return option(func)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


FLAGS = {"count": "--drops/--sprays", "syringe_scale": "--syringe-scale"}
"""Request fields whose flag is not simply ``--`` and the field with dashes."""


def flag_for(field: str) -> str:
    return FLAGS.get(field, "--" + field.replace("_", "-"))


def worded(error: PeptidekitError) -> str:
    """The core's message in the CLI's terms: a message that starts with the field it
    names starts with its flag instead; any other names the flag at the end."""
    field = getattr(error, "field", None)
    if error.code == "likely_unit_slip":
        return f"{error.message} (--dose; --confirm answers anyway)"
    if not field:
        return error.message
    several = getattr(error, "fields", ())
    if len(several) > 1:
        return f"{error.message} ({', '.join(flag_for(f) for f in several)})"
    flag, words = flag_for(field), field.replace("_", " ")
    if error.message.startswith(words + " ") or error.message.startswith(words + ":"):
        return flag + error.message[len(words) :]
    return f"{error.message} ({flag})"


@contextlib.contextmanager
def argument_fields(**arguments: str) -> Iterator[None]:
    """Inside, an error about one of these fields names the command's positional argument
    (``vial="VIAL"``) instead of a flag the command does not have."""
    try:
        yield
    except PeptidekitError as error:
        field = getattr(error, "field", None)
        if field in arguments:
            error.field = None  # type: ignore[attr-defined]
            error.message = f"{error.message} ({arguments[field]})"
            error.args = (error.message,)
        raise


def emit_error(error: PeptidekitError, *, as_json: bool) -> None:
    """One line on stderr; with --json also the structured error on stdout."""
    if as_json:
        emit_json({"error": error.to_dict()})
    click.echo(f"peptidekit: error: {worded(error)}", err=True)


class ErrorHandlingGroup(click.Group):
    """A click group that turns every error into a one-line message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PeptidekitError as error:
            emit_error(error, as_json=bool(ctx.meta.get(JSON_MODE)))
            ctx.exit(EXIT_BUSY if isinstance(error, BusyError) else EXIT_INPUT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # output piped into `head` and the like: stop quietly
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(1)
        except Exception as error:  # a bug: say so in one line, trace only on request
            if os.environ.get("PEPTIDEKIT_DEBUG"):
                traceback.print_exc(file=sys.stderr)
            click.echo(
                f"peptidekit: internal error: {type(error).__name__}: {error} "
                "(set PEPTIDEKIT_DEBUG=1 for the traceback, and please report it)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL_ERROR)
