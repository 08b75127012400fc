"""``peptidekit check``: every quantitative claim of a page, checked."""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

import click

from peptidekit.cli.output import emit_json, json_option
from peptidekit.results import DISCLAIMER

MARK = {"high": "!!!", "medium": "!! ", "low": "!  ", "info": "?  ", "none": "ok "}


@click.command("check")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--compound", default=None, help="The compound the page is about (else detected).")
@json_option
def check_command(path: Path, compound: str | None, as_json: bool) -> None:
    """Check each quantitative claim in PATH (text or HTML) against the knowledge base."""
    from peptidekit.ops.knowledge import check_page, read_page

    report = check_page(path, compound=compound)
    text = read_page(path)
    data = report.to_dict()
    if as_json:
        emit_json(data)
    else:
        click.echo(render(data, text))


def render(data: dict[str, Any], text: str) -> str:
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
    line_starts = [i for i, ch in enumerate(text) if ch == "\n"]
    for f in data["findings"]:
        line = bisect.bisect_left(line_starts, f["span"][0]) + 1
        lines.append(
            f"{MARK[f['severity']]} {f['verdict']:<11} {f['kind']:<15} line {line:<4} {f['text']!r}"
        )
        for reason in f["reasons"]:
            lines.append(f"      {reason}")
        if f["sources"]:
            lines.append(f"      sources: {', '.join(f['sources'])}")
    return "\n".join(lines)
