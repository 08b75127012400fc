"""``peptidekit check``: every quantitative claim of a page, checked (``ops.check``)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import click

from peptidekit.cli.derive import options_from
from peptidekit.cli.output import argument_fields, emit_json, json_option
from peptidekit.ops.check import BatchCheck, CheckRequest, PageCheck, check
from peptidekit.ops.declare import from_options
from peptidekit.results import DISCLAIMER

MARK = {"high": "!!!", "medium": "!! ", "low": "!  ", "info": "?  ", "none": "ok "}


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@options_from(CheckRequest, skip=("text", "paths"))
@json_option
def check_command(as_json: bool, **options: Any) -> None:
    """Check each quantitative claim in PATHS against the knowledge base.

    One page file: every claim with its verdict. Several files, a folder or a WARC file:
    every page checked (in parallel with --jobs, or on a Dask cluster with --scheduler)
    and a summary, worst pages first; --jsonl and --csv write the details.
    """
    request = from_options(CheckRequest, options)
    watch = _progress if sys.stderr.isatty() and not as_json else None
    # a reading error names the argument, not a flag (pages are read as they are checked)
    with argument_fields(page="PATHS", path="PATHS", paths="PATHS"):
        result = check(request, watch=watch)
    if as_json:
        emit_json(result.to_dict())
    elif isinstance(result, BatchCheck):
        click.echo(DISCLAIMER)
        click.echo(result.to_text())
    else:
        click.echo(render(result))


def _progress(pages: Iterable[Any]) -> AbstractContextManager[Iterable[Any]]:
    bar: AbstractContextManager[Iterable[Any]] = click.progressbar(
        pages, label="checking", file=sys.stderr
    )
    return bar


def render(result: PageCheck) -> str:
    data = result.to_dict()
    lines = [
        DISCLAIMER,
        f"Compound: {data['compound'] or 'unknown'} ({data['detected_by']})"
        + (
            f"; this page is knowledge-base source {data['page_source']}, left out of its own "
            "checks"
            if data["page_source"]
            else ""
        ),
        "Findings: " + ", ".join(f"{n} {v}" for v, n in sorted(data["counts"].items())),
        "",
    ]
    for f in data["findings"]:
        lines.append(
            f"{MARK[f['severity']]} {f['verdict']:<11} {f['kind']:<15} line {f['line']:<4} "
            f"{f['text']!r}"
        )
        for reason in f["reasons"]:
            lines.append(f"      {reason}")
        if f["sources"]:
            lines.append(f"      sources: {', '.join(f['sources'])}")
    return "\n".join(lines)
