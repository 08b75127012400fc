"""The ``peptidekit`` command: a group of thin commands over the core."""

from __future__ import annotations

import click

from peptidekit import __version__
from peptidekit.cli.chem_cmd import chem_command
from peptidekit.cli.demo_cmd import demo_command
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


def main() -> None:
    cli(prog_name="peptidekit")
