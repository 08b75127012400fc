"""Many pages at once: a folder, a WARC crawl, the local cores and a two-worker Dask
LocalCluster all give the same findings as checking each page alone."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from peptidekit.claims.batch import BatchSummary, check_many, check_one, pages_from
from peptidekit.cli.main import cli
from peptidekit.ops.knowledge import check_page

PAGES = {
    "good.txt": "Selank nasal drops 0.15%: 300 mcg three times a day for 14 days.",
    "slip.html": "<html><body><p>Selank dose: <b>250 mg</b> twice daily.</p></body></html>",
    "semax.txt": "Semax 0.1% drops: 2000 mcg per dose, 3 times a day.",
    "crlf.txt": "Selank\r\nStrength: 0.15%\r\nDose: 300 mcg three times a day.",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "pages"
    (root / "sub").mkdir(parents=True)
    for name, text in PAGES.items():
        target = root / ("sub" if name == "semax.txt" else "") / name
        target.write_bytes(text.encode("utf-8"))
    (root / "notes.md").write_text("not a page")
    return root


def warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for name, text in PAGES.items():
            kind = "text/html; charset=utf-8" if name.endswith(".html") else "text/plain"
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.test/{name}",
                "response",
                payload=io.BytesIO(text.encode("utf-8")),
                http_headers=headers,
            )
            writer.write_record(record)
    return path


def alone(text: str) -> list[tuple[str, str, str]]:
    return [
        (f["text"], f["verdict"], f["severity"]) for f in check_page(text).to_dict()["findings"]
    ]


def test_a_folder_is_walked_and_each_page_matches_its_own_check(folder: Path) -> None:
    pages = list(pages_from([folder]))
    assert sorted(Path(p.name).name for p in pages) == sorted(PAGES)  # notes.md left out
    results = check_many(pages)
    for page, result in zip(pages, results, strict=True):
        assert [(f["text"], f["verdict"], f["severity"]) for f in result.findings] == alone(
            PAGES[Path(page.name).name]
        )
    summary = BatchSummary(results)
    worst = summary.worst()
    assert Path(worst[0].name).name == "slip.html"  # the 1000-fold slip, high
    assert summary.to_dict()["pages"] == 4


def test_a_warc_crawl_gives_the_same_findings(folder: Path, tmp_path: Path) -> None:
    crawl = list(pages_from([warc(tmp_path / "crawl.warc.gz")]))
    assert [p.name.split("#")[1] for p in crawl] == [f"https://example.test/{n}" for n in PAGES]
    assert [p.text for p in crawl] == list(PAGES.values())  # bytes as served, CRLF kept
    by_name = {Path(r.name).name: r.findings for r in check_many(list(pages_from([folder])))}
    for page, result in zip(crawl, check_many(crawl), strict=True):
        assert result.findings == by_name[page.name.rsplit("/", 1)[1]]


def test_local_cores_and_a_local_dask_cluster_give_identical_results(folder: Path) -> None:
    from distributed import Client, LocalCluster

    pages = list(pages_from([folder])) * 3
    one = check_many(pages)
    assert check_many(pages, jobs=2) == one
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:  # fmt: skip
        assert check_many(pages, scheduler=client) == one
        assert check_many(pages, scheduler=cluster.scheduler_address) == one


def test_the_cli_writes_a_summary_jsonl_and_csv(folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    jsonl, table = tmp_path / "out.jsonl", tmp_path / "out.csv"
    result = runner.invoke(
        cli, ["check", str(folder), "--jobs", "2", "--jsonl", str(jsonl), "--csv", str(table)]
    )
    assert result.exit_code == 0, result.output
    assert "4 page(s)" in result.output
    assert "Worst pages first:" in result.output
    assert result.output.index("slip.html") < result.output.index("good.txt")
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert len(lines) == 5
    assert lines[-1]["summary"]["pages"] == 4
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert sum(len(line["findings"]) for line in lines[:-1]) == len(rows)
    single = runner.invoke(cli, ["check", str(folder / "good.txt")])
    assert single.exit_code == 0
    assert "Findings:" in single.output  # one page: the detailed report as before


def test_an_unreadable_page_is_reported_not_fatal(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8 \xff")
    good = tmp_path / "good.txt"
    good.write_text(PAGES["good.txt"])
    results = [check_one(page) for page in pages_from([bad, good])]
    assert "can't decode byte 0xff" in (results[0].error or "")
    assert results[1].error is None
    assert BatchSummary(results).to_dict()["errors"] == 1
