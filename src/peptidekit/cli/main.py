"""The ``peptidekit`` command: a group of thin commands over the core."""

from __future__ import annotations

import click

from peptidekit import __version__
from peptidekit.cli.chem_cmd import chem_command
from peptidekit.cli.demo_cmd import demo_command
from peptidekit.cli.knowledge_cmd import (
    compare_command,
    compounds_command,
    conflicts_command,
    info_command,
    knowledge_schema_command,
    sources_command,
)
from peptidekit.cli.output import ErrorHandlingGroup
from peptidekit.cli.quantity_cmd import quantity_command


@click.group(cls=ErrorHandlingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="peptidekit")
def cli() -> None:
    """peptidekit: peptide chemistry, knowledge and unit-safe dose arithmetic.

    A research and education tool, not medical advice.
    """


cli.add_command(chem_command)
cli.add_command(quantity_command)
cli.add_command(demo_command)
for command in (
    compounds_command,
    info_command,
    sources_command,
    conflicts_command,
    compare_command,
    knowledge_schema_command,
):
    cli.add_command(command)


def main() -> None:
    cli(prog_name="peptidekit")
