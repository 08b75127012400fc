"""Many pages at once: files, folders and WARC crawls, checked on the local cores or on a
Dask cluster, with one summary (pages, claims, disagreements by kind and severity, the
worst pages first).

The same function checks every page wherever it runs (``check_one``), and results come
back in the order the pages were read, so a local run and a cluster run of the same
input give identical summaries.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peptidekit.claims.limits import MAX_PAGE_BYTES, check_length, read_page_text, too_large
from peptidekit.errors import InputError, PeptidekitError

PAGE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
WARC_TYPES = ("text/html", "text/plain", "application/xhtml+xml")
SEVERITY_WEIGHT = {"high": 100, "medium": 10, "low": 1}


@dataclass(frozen=True)
class PageInput:
    name: str
    """The file's path, or 'crawl.warc.gz#https://...' for a WARC record."""
    text: str
    error: str | None = None
    """Why the page could not be read (it is reported, and the batch goes on)."""


@dataclass(frozen=True)
class PageResult:
    name: str
    compound: str | None
    findings: tuple[dict[str, Any], ...] = ()
    error: str | None = None

    @property
    def score(self) -> int:
        """How bad the page is: disagreements weighted by severity (the sort key)."""
        return sum(
            SEVERITY_WEIGHT.get(f["severity"], 0)
            for f in self.findings
            if f["verdict"] == "disagrees"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.name,
            "compound": self.compound,
            "score": self.score,
            "error": self.error,
            "findings": list(self.findings),
        }


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def pages_from(paths: Sequence[Path]) -> Iterator[PageInput]:
    """Every page in ``paths``: files as given, folders walked in name order (pages by
    suffix), WARC files record by record (HTML and text responses)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if is_warc(found):
                    yield from _warc_pages(found)
                elif found.name.lower().endswith(PAGE_SUFFIXES):
                    yield _file_page(found)
        elif is_warc(path):
            yield from _warc_pages(path)
        elif path.is_file():
            yield _file_page(path)
        else:
            raise InputError(
                f"cannot read {str(path)!r}: no such file or folder",
                input=str(path),
                expected="a page file, a folder of pages or a WARC file",
            ).at("path")


def _file_page(path: Path) -> PageInput:
    try:
        return PageInput(str(path), read_page_text(path))
    except InputError as error:
        return PageInput(str(path), "", error.message)


def _warc_pages(path: Path) -> Iterator[PageInput]:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:  # pragma: no cover - an install without the batch extra
        raise InputError(
            "reading WARC files needs the 'warcio' package (pip install peptidekit[batch])",
            input=str(path),
            expected="peptidekit installed with its batch extra",
        ).at("path") from None
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            kind = (record.http_headers.get_header("Content-Type") or "").lower()
            if not kind.startswith(WARC_TYPES):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or "?"
            name = f"{path}#{uri}"
            body = record.content_stream().read(MAX_PAGE_BYTES + 1)  # the rest is skipped
            if len(body) > MAX_PAGE_BYTES:
                yield PageInput(name, "", too_large(f"the record {uri!r}").message)
                continue
            charset = "utf-8"
            if "charset=" in kind:
                charset = kind.split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
            try:
                text = body.decode(charset)
            except (LookupError, UnicodeDecodeError):
                text = body.decode("utf-8", errors="replace")
            yield PageInput(name, text)


def check_one(page: PageInput) -> PageResult:
    """One page checked (the same function on every core and every cluster worker)."""
    from peptidekit.claims.check import check_text

    if page.error is not None:
        return PageResult(page.name, None, (), page.error)
    try:
        report = check_text(check_length(page.text))
    except PeptidekitError as error:
        return PageResult(page.name, None, (), error.message)
    data = report.to_dict()
    return PageResult(page.name, data["compound"], tuple(data["findings"]))


def check_many(
    pages: Iterable[PageInput],
    *,
    jobs: int = 1,
    scheduler: str | Any | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[PageResult]:
    """Every page checked, results in the pages' order: one process (``jobs`` 1), the
    local cores (``jobs`` N), or a Dask cluster (``scheduler``: an address such as
    'tcp://host:8786', or a ``distributed.Client``). Pages are taken from ``pages`` as
    they are checked, at most ``IN_FLIGHT`` per worker ahead, so a crawl of thousands of
    pages is never held whole: only the results are kept."""
    if jobs < 1:
        raise InputError(f"jobs {jobs}: expected 1 or more", input=str(jobs), expected="1 or more")
    if scheduler is not None:
        results = _on_cluster(pages, scheduler)
    elif jobs == 1:
        results = map(check_one, pages)
    else:
        results = _on_cores(pages, jobs)
    done = []
    for result in results:
        done.append(result)
        if progress:
            progress(1)
    return done


IN_FLIGHT = 8
"""Pages handed to each worker ahead of the results (a bounded queue, in order)."""


def _in_order(submit: Callable[[PageInput], Any], pages: Iterable[PageInput], window: int,
              result: Callable[[Any], PageResult]) -> Iterator[PageResult]:  # fmt: skip
    """Each page submitted, at most ``window`` waiting, results yielded in page order."""
    waiting: deque[Any] = deque()
    for page in pages:
        waiting.append(submit(page))
        if len(waiting) >= window:
            yield result(waiting.popleft())
    while waiting:
        yield result(waiting.popleft())


def _on_cores(pages: Iterable[PageInput], jobs: int) -> Iterator[PageResult]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _in_order(
            lambda page: pool.submit(check_one, page), pages, jobs * IN_FLIGHT,
            lambda future: future.result(),
        )  # fmt: skip


def _on_cluster(pages: Iterable[PageInput], scheduler: str | Any) -> Iterator[PageResult]:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - an install without the batch extra
        raise InputError(
            "a cluster run needs the 'distributed' package (pip install peptidekit[batch])",
            input=str(scheduler),
            expected="peptidekit installed with its batch extra",
        ).at("scheduler") from None
    own = isinstance(scheduler, str)
    client: Any = Client(scheduler) if own else scheduler  # type: ignore[no-untyped-call]
    try:
        window = IN_FLIGHT * max(1, sum(client.nthreads().values()))
        yield from _in_order(
            lambda page: client.submit(check_one, page, pure=False), pages, window,
            lambda future: future.result(),
        )  # fmt: skip
    finally:
        if own:
            client.close()


@dataclass
class BatchSummary:
    results: list[PageResult]
    by_kind: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    """(kind, verdict, severity) -> claims."""

    def __post_init__(self) -> None:
        for result in self.results:
            for f in result.findings:
                self.by_kind[f["kind"], f["verdict"], f["severity"]] += 1

    @property
    def claims(self) -> int:
        return sum(len(r.findings) for r in self.results)

    def worst(self, limit: int | None = None) -> list[PageResult]:
        ranked = sorted(self.results, key=lambda r: (-r.score, r.name))
        return ranked if limit is None else ranked[:limit]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": len(self.results),
            "claims": self.claims,
            "errors": sum(1 for r in self.results if r.error),
            "disagreements": [
                {"kind": k, "severity": s, "claims": n}
                for (k, v, s), n in sorted(self.by_kind.items())
                if v == "disagrees"
            ],
            "worst_pages": [
                {"page": r.name, "score": r.score, "compound": r.compound}
                for r in self.worst(10)
                if r.score
            ],
        }

    def to_text(self, limit: int = 10) -> str:
        data = self.to_dict()
        lines = [
            f"{data['pages']} page(s), {data['claims']} claim(s), {data['errors']} unreadable",
            "Disagreements by kind and severity:",
        ]
        lines += [
            f"  {d['kind']:<16} {d['severity']:<7} {d['claims']}" for d in data["disagreements"]
        ] or ["  none"]
        lines.append("Worst pages first:")
        for r in self.worst(limit):
            bad = Counter(f["severity"] for f in r.findings if f["verdict"] == "disagrees")
            detail = ", ".join(f"{n} {s}" for s, n in sorted(bad.items())) or "no disagreement"
            lines.append(
                f"  {r.score:>5}  {r.name}  ({r.compound or 'compound unknown'}; {detail})"
            )
        return "\n".join(lines)

    def to_jsonl(self) -> str:
        """One line per page (its findings), then one summary line."""
        rows = [json.dumps(r.to_dict(), ensure_ascii=False) for r in self.results]
        rows.append(json.dumps({"summary": self.to_dict()}, ensure_ascii=False))
        return "\n".join(rows) + "\n"

    def to_csv(self) -> str:
        """One row per claim found, spreadsheet-safe."""
        from peptidekit.csvsafe import safe_cell

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["page", "compound", "kind", "verdict", "severity", "start", "end",
                         "text", "reasons"])  # fmt: skip
        for r in self.results:
            for f in r.findings:
                writer.writerow(
                    [safe_cell(v) for v in (
                        r.name, r.compound or "", f["kind"], f["verdict"], f["severity"],
                        f["span"][0], f["span"][1], f["text"], "; ".join(f["reasons"]),
                    )]
                )  # fmt: skip
        return out.getvalue()
