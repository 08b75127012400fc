"""The ``peptidekit`` command: a group of thin commands over the core.

Commands are imported only when they run, so that a calculator does not pay
for the knowledge base or the chemistry tables it does not use.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from peptidekit import __version__
from peptidekit.cli.output import EXIT_INPUT_ERROR, ErrorHandlingGroup

COMMANDS: dict[str, str] = {
    "chem": "peptidekit.cli.chem_cmd:chem_command",
    "quantity": "peptidekit.cli.quantity_cmd:quantity_command",
    "calc": "peptidekit.cli.calc_cmd:calc_group",
    "plan": "peptidekit.cli.plan_cmd:plan_command",
    "pk": "peptidekit.cli.pk_cmd:pk_command",
    "journal": "peptidekit.cli.journal:journal_group",
    "check": "peptidekit.cli.check_cmd:check_command",
    "serve": "peptidekit.cli.serve_cmd:serve_command",
    "web-password": "peptidekit.cli.serve_cmd:web_password_command",
    "compounds": "peptidekit.cli.knowledge_cmd:compounds_command",
    "info": "peptidekit.cli.knowledge_cmd:info_command",
    "sources": "peptidekit.cli.knowledge_cmd:sources_command",
    "conflicts": "peptidekit.cli.knowledge_cmd:conflicts_command",
    "compare": "peptidekit.cli.knowledge_cmd:compare_command",
    "evidence": "peptidekit.cli.knowledge_cmd:evidence_command",
    "knowledge-schema": "peptidekit.cli.knowledge_cmd:knowledge_schema_command",
    "demo": "peptidekit.cli.demo_cmd:demo_command",
}


class LazyGroup(ErrorHandlingGroup):
    """Resolves ``COMMANDS`` entries on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for arg in args:  # bytes that are not UTF-8 reach Python as lone surrogates
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                from peptidekit.files import shown

                click.echo(
                    f"peptidekit: error: the argument {shown(arg)} is not valid UTF-8 text; "
                    "file names and values must be UTF-8",
                    err=True,
                )
                ctx.exit(EXIT_INPUT_ERROR)
        return super().parse_args(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS:
            module, _, attr = COMMANDS[cmd_name].partition(":")
            command: Any = getattr(importlib.import_module(module), attr)
            return command  # type: ignore[no-any-return]
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="peptidekit")
def cli() -> None:
    """peptidekit: peptide chemistry, knowledge and unit-safe dose arithmetic.

    A research and education tool, not medical advice.
    """


def main() -> None:
    cli(prog_name="peptidekit")
