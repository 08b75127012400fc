"""``peptidekit check``: every quantitative claim of a page, checked."""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

import click

from peptidekit.cli.output import argument_fields, emit_json, json_option
from peptidekit.results import DISCLAIMER

MARK = {"high": "!!!", "medium": "!! ", "low": "!  ", "info": "?  ", "none": "ok "}


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--compound", default=None, help="The compound the page is about (else detected).")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Pages checked in parallel on this machine's cores.")  # fmt: skip
@click.option("--scheduler", default=None,
              help="A Dask scheduler address (tcp://host:8786) to check the pages on.")  # fmt: skip
@click.option("--jsonl", "jsonl_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write one JSON line per page, then the summary.")  # fmt: skip
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Write one CSV row per claim.")  # fmt: skip
@click.option("--worst", default=10, show_default=True, type=click.IntRange(1, 10_000),
              help="Pages listed in the summary, worst first.")  # fmt: skip
@json_option
def check_command(
    paths: tuple[Path, ...],
    compound: str | None,
    jobs: int,
    scheduler: str | None,
    jsonl_path: Path | None,
    csv_path: Path | None,
    worst: int,
    as_json: bool,
) -> None:
    """Check each quantitative claim in PATHS against the knowledge base.

    One page file: every claim with its verdict. Several files, a folder or a WARC file:
    every page checked (in parallel with --jobs, or on a Dask cluster with --scheduler)
    and a summary, worst pages first; --jsonl and --csv write the details.
    """
    from peptidekit.claims.batch import is_warc

    single = len(paths) == 1 and not paths[0].is_dir() and not is_warc(paths[0])
    batch_options = jobs > 1 or scheduler or jsonl_path or csv_path
    if single and not batch_options:
        _one(paths[0], compound, as_json)
        return
    if compound:
        raise click.UsageError("--compound is for one page; a batch detects each page's compound")
    _many(paths, jobs, scheduler, jsonl_path, csv_path, worst, as_json)


def _one(path: Path, compound: str | None, as_json: bool) -> None:
    from peptidekit.ops.knowledge import check_page, read_page

    with argument_fields(page="PATHS"):  # a limit's error names the argument, not a flag
        text = read_page(path)  # read once, with the page limit (claims.limits)
        data = check_page(text, compound=compound, page_file=path.name).to_dict()
    if as_json:
        emit_json(data)
    else:
        click.echo(render(data, text))


def _many(
    paths: tuple[Path, ...],
    jobs: int,
    scheduler: str | None,
    jsonl_path: Path | None,
    csv_path: Path | None,
    worst: int,
    as_json: bool,
) -> None:
    import sys

    from peptidekit.claims.batch import BatchSummary, check_many, pages_from
    from peptidekit.files import write_atomically

    with argument_fields(path="PATHS"):  # pages read one by one as they are checked
        pages = pages_from(paths)
        if sys.stderr.isatty() and not as_json:
            with click.progressbar(pages, label="checking", file=sys.stderr) as bar:
                results = check_many(bar, jobs=jobs, scheduler=scheduler)
        else:
            results = check_many(pages, jobs=jobs, scheduler=scheduler)
    summary = BatchSummary(results)
    if jsonl_path is not None:
        write_atomically(jsonl_path, summary.to_jsonl().encode())
    if csv_path is not None:
        write_atomically(csv_path, summary.to_csv().encode())
    if as_json:
        emit_json(summary.to_dict())
    else:
        click.echo(DISCLAIMER)
        click.echo(summary.to_text(worst))


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
