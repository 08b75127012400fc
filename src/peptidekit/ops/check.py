"""The claim checker as one operation: a page's text, or page files, folders and WARC
files, checked against the knowledge base.

The request decides one page or a batch: its text, or one file with none of the batch
fields, is one page (a :class:`PageCheck`, every claim with its verdict); several files,
a folder, a WARC file, or any batch field is a batch (a :class:`BatchCheck`, a summary
worst pages first, written to JSON lines or CSV as asked). A page's result is ready to
show: each finding's line number and kind in words, the cited sources' titles, whether
the page was read as HTML, all from the one parse of the page.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptidekit.errors import InputError
from peptidekit.ops.declare import declared, request
from peptidekit.ops.fields import CountInput, text, whole
from peptidekit.results import DISCLAIMER

if TYPE_CHECKING:
    from peptidekit.claims.batch import BatchSummary, PageInput, PageResult
    from peptidekit.claims.check import Report
    from peptidekit.claims.check_base import Finding

MAX_FORM_CHARACTERS = 200_000
"""A page's text in the web form and the API at most (the CLI and the library read up to
``claims.limits.MAX_PAGE_CHARACTERS``)."""
MAX_JOBS = 256
MAX_WORST = 10_000
DEFAULT_WORST = 10
MAX_PATHS = 10_000


@request
class CheckRequest:
    """Every quantitative claim of a page checked against the knowledge base: one page's
    text, or page files, folders and WARC files (a batch, summarised worst first)."""

    text: str | None = declared(
        "The page's text or HTML.",
        example="Selank: 250 to 500 mcg intranasally, twice a day.",
        max_length=MAX_FORM_CHARACTERS,
        default=None,
    )
    paths: tuple[str, ...] = declared(
        "Page files, folders of pages or WARC files.",
        kind="lines",
        max_length=4096,
        max_items=MAX_PATHS,
        default=(),
        api=False,
    )
    compound: str | None = declared(
        "The compound the page is about (else detected); for one page only.",
        example="selank",
        default=None,
    )
    jobs: CountInput | None = declared(
        "Pages checked in parallel on this machine's cores.",
        shown_default="1",
        default=None,
        api=False,
    )
    scheduler: str | None = declared(
        "A Dask scheduler address (tcp://host:8786) to check the pages on.",
        max_length=400,
        default=None,
        api=False,
    )
    jsonl: str | None = declared(
        "Write one JSON line per page, then the summary.",
        max_length=4096,
        default=None,
        api=False,
    )
    csv: str | None = declared(
        "Write one CSV row per claim.", max_length=4096, default=None, api=False
    )
    worst: CountInput | None = declared(
        "Pages listed in the summary, worst first.",
        shown_default=str(DEFAULT_WORST),
        default=None,
        api=False,
    )


@dataclass(frozen=True)
class PageCheck:
    """One page checked: the checker's report, and what showing it needs."""

    report: Report
    lines: tuple[int, ...]
    """Each finding's line in the page as given (1 for the first line)."""
    source_titles: Mapping[str, str]
    """The title of every knowledge-base source a finding cites, by its id."""
    page_source_title: str | None
    """The title of the knowledge-base source this page is, when it is one."""
    was_html: bool
    """Whether the page was read as HTML (its tags left out)."""

    @property
    def compound(self) -> str | None:
        return self.report.compound

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``check --json`` and of the API."""
        from peptidekit.claims.check import kind_words

        data = self.report.to_dict()
        findings = [
            {**f, "line": line, "kind_words": kind_words(f["kind"])}
            for f, line in zip(data["findings"], self.lines, strict=True)
        ]
        return {
            "disclaimer": DISCLAIMER,
            **data,
            "findings": findings,
            "page_source_title": self.page_source_title,
            "source_titles": dict(self.source_titles),
            "was_html": self.was_html,
        }


@dataclass(frozen=True)
class BatchCheck:
    """Many pages checked: the summary, worst pages first, and the files written."""

    summary: BatchSummary
    worst: int = DEFAULT_WORST
    written: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"disclaimer": DISCLAIMER, **self.summary.to_dict()}

    def to_text(self) -> str:
        return self.summary.to_text(self.worst)


Watch = Callable[[Iterable["PageInput"]], AbstractContextManager[Iterable["PageInput"]]]
"""How an adapter watches the pages go by (the CLI's progress bar)."""


def check(request: CheckRequest, *, watch: Watch | None = None) -> PageCheck | BatchCheck:
    """One page or a batch, as the request says (see the module's description)."""
    content = request.text if isinstance(request.text, str) and request.text else None
    paths = _paths(request.paths)
    if content is not None and paths:
        raise InputError(
            "give the page's text or its paths, not both",
            input=f"text and {len(paths)} paths",
            expected="one of them",
        ).at("paths")
    if content is None and not paths:
        raise InputError(
            "the page's text or its paths are needed",
            input="",
            expected="a page's text, or page files, folders or WARC files",
        ).at("text")
    jobs = whole(request.jobs, "jobs", limit=MAX_JOBS)
    worst = whole(request.worst, "worst", limit=MAX_WORST)
    if jobs == 0 or worst == 0:
        zero = "jobs" if jobs == 0 else "worst"
        raise InputError(f"{zero} 0 is not allowed", input="0", expected="1 or more").at(zero)
    scheduler, jsonl, csv = text(request.scheduler), text(request.jsonl), text(request.csv)
    batch_fields = (jobs or 1) > 1 or scheduler or jsonl or csv
    if content is not None:
        if batch_fields:
            raise InputError(
                "a page's text is one page: the batch fields are for page files",
                input="text",
                expected="paths for a batch",
            ).at("paths")
        return check_page_text(content, compound=request.compound)
    from peptidekit.claims.batch import is_warc

    single = len(paths) == 1 and not paths[0].is_dir() and not is_warc(paths[0])
    if single and not batch_fields:
        from peptidekit.claims.limits import read_page_text

        return check_page_text(
            read_page_text(paths[0]), compound=request.compound, page_file=paths[0].name
        )
    if text(request.compound):
        raise InputError(
            "compound is for one page; a batch detects each page's compound",
            input=str(request.compound),
            expected="no compound for a batch",
        ).at("compound")
    return _batch(paths, jobs or 1, scheduler, jsonl, csv, worst or DEFAULT_WORST, watch)


def _paths(given: Sequence[str | Path] | str) -> list[Path]:
    if isinstance(given, str | Path):
        given = [given]
    return [Path(p) for p in given if str(p).strip()]


def check_page_text(
    content: str, *, compound: str | None = None, page_file: str | None = None
) -> PageCheck:
    """One page's text or HTML checked; the result with its line numbers and titles."""
    from peptidekit.claims.check import check_text
    from peptidekit.claims.limits import check_length

    report = check_text(check_length(content), compound=text(compound), page_file=page_file)
    return page_check(report)


_NEWLINE = re.compile("\n")


def page_check(report: Report) -> PageCheck:
    """A report made ready to show: line numbers, source titles, whether it was HTML."""
    from peptidekit.knowledge import default_knowledge

    breaks = [m.start() for m in _NEWLINE.finditer(report.original)]
    lines = tuple(bisect.bisect_left(breaks, f.start) + 1 for f in report.findings)
    kb = default_knowledge()
    titles = {
        sid: kb.sources[sid].title
        for f in report.findings
        for sid in f.sources
        if sid in kb.sources
    }
    page_title = None
    if report.page_source and report.page_source in kb.sources:
        page_title = kb.sources[report.page_source].title
    # the checker's own parse: a plain page's readable text is the page itself, mapped
    # one to one (claims.text.from_plain); an HTML page's is its text without the tags
    source = report.source
    was_html = source is not None and not isinstance(source.offsets, range)
    return PageCheck(report, lines, titles, page_title, was_html)


def _batch(
    paths: list[Path],
    jobs: int,
    scheduler: str | None,
    jsonl: str | None,
    csv: str | None,
    worst: int,
    watch: Watch | None,
) -> BatchCheck:
    from peptidekit.claims.batch import BatchSummary, check_many, pages_from
    from peptidekit.files import write_atomically

    pages: Iterable[PageInput] = pages_from(paths)
    results: list[PageResult]
    with watch(pages) if watch is not None else nullcontext(pages) as watched:
        results = check_many(watched, jobs=jobs, scheduler=scheduler)
    summary = BatchSummary(results)
    written = []
    if jsonl is not None:
        write_atomically(Path(jsonl), summary.to_jsonl().encode())
        written.append(jsonl)
    if csv is not None:
        write_atomically(Path(csv), summary.to_csv().encode())
        written.append(csv)
    return BatchCheck(summary, worst, tuple(written))
