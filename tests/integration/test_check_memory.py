"""``peptidekit check`` holds a bounded amount of memory whatever it is given: a file is
read to the page limit (``/dev/zero`` stops there), a 400 MB WARC record is not read
whole, a WARC of 3,000 pages is checked page by page, a 2 MB page of dense claims is
refused at the claim limit. Each case runs in a fresh process whose peak resident memory
(``getrusage`` of the waited-for child) is measured. Before issue 30: the 400 MB record
took 814 MB, the 3,000-page WARC over 1 GB, /dev/zero grew until killed, a 2 MB file
886 MB."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from peptidekit.claims.limits import MAX_CLAIMS, MAX_PAGE_BYTES

BOUND_MB = 300
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True)
sys.stdout.buffer.write(done.stdout)
sys.stderr.buffer.write(done.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(done.returncode)
"""
"""Runs the command as its only child and prints that child's peak RSS (KiB, Linux)."""
CLI = (
    "import sys; from peptidekit.cli.main import main; sys.argv[0] = 'peptidekit'; sys.exit(main())"
)


def peak(*args: str) -> tuple[int, str, str, float]:
    """(exit code, stdout, stderr without the last line, peak MB) of ``peptidekit ARGS``."""
    command = [sys.executable, "-c", CLI, *args]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, timeout=600
    )
    *lines, last = done.stderr.rstrip("\n").split("\n")
    return done.returncode, done.stdout, "\n".join(lines), int(last) / 1024


def record(uri: str, body_chunks: Any, length: int, kind: str = "text/html") -> list[bytes]:
    """One WARC response record, its HTTP payload given in chunks of ``length`` bytes."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\n\r\n".encode()
    header = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        "WARC-Date: 2026-01-01T00:00:00Z\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http) + length}\r\n\r\n"
    ).encode()
    return [header, http, *body_chunks, b"\r\n\r\n"]


def write_warc(path: Path, records: list[list[bytes]]) -> Path:
    with path.open("wb") as out:
        for parts in records:  # one gzip member per record, as crawlers write them
            with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=1) as member:
                for part in parts:
                    member.write(part)
    return path


def test_the_measured_command_is_the_cli() -> None:
    """The measured command is the CLI itself, as its console script runs it."""
    code, out, _, _ = peak("--help")
    assert code == 0
    assert "check" in out


def test_dev_zero_stops_at_the_page_limit() -> None:
    code, _, err, mb = peak("check", "/dev/zero")
    assert code == 2, err
    assert f"{MAX_PAGE_BYTES:,} bytes" in err
    assert "/dev/zero" in err
    assert "Traceback" not in err
    assert mb < BOUND_MB, f"{mb:.0f} MB"


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(MAX_PAGE_BYTES + 1)  # sparse: the limit plus one byte
    code, _, err, mb = peak("check", str(big))
    assert code == 2
    assert f"{MAX_PAGE_BYTES:,} bytes" in err
    assert "big.txt" in err
    assert mb < BOUND_MB


def test_a_400_mb_warc_record_is_not_read_whole(tmp_path: Path) -> None:
    size = 400 * 1024 * 1024
    chunk = b"<p>Selank 300 mcg.</p>\n" * 4096
    chunks = (chunk for _ in range(size // len(chunk)))
    crawl = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            record("https://example.test/huge", chunks, size // len(chunk) * len(chunk)),
            record("https://example.test/small", [b"Selank 250 mg twice daily."], 26, "text/plain"),
        ],
    )
    code, _out, err, mb = peak("check", str(crawl), "--jsonl", str(tmp_path / "out.jsonl"))
    assert code == 0, err
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    huge, small = lines[0], lines[1]
    assert huge["page"].endswith("#https://example.test/huge")
    assert f"page limit of {MAX_PAGE_BYTES:,} bytes" in huge["error"]
    assert small["error"] is None
    assert small["findings"]
    assert mb < BOUND_MB, f"{mb:.0f} MB"


def test_a_3000_page_warc_is_checked_page_by_page(tmp_path: Path) -> None:
    # 3,000 pages of 120 kB each (360 MB of text: held whole it is over the bound); most
    # of each page is a script the checker skips, so the run stays short
    claim = b"<p>Selank 300 mcg three times a day.</p>"
    filler = b"<script>" + b"var x = 1;\n" * 10_900 + b"</script>"
    pages = [
        record(f"https://example.test/{i}", [claim, filler], len(claim) + len(filler))
        for i in range(3000)
    ]
    assert sum(len(b"".join(p)) for p in pages) > BOUND_MB * 1024 * 1024
    crawl = write_warc(tmp_path / "crawl.warc.gz", pages)
    code, out, err, mb = peak("check", str(crawl), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["pages"] == 3000
    assert summary["errors"] == 0
    assert summary["claims"] == 3000  # '300 mcg' (three times a day) on each page
    assert mb < BOUND_MB, f"{mb:.0f} MB"


def test_a_page_at_the_claim_limit_is_checked_within_the_bound(tmp_path: Path) -> None:
    page = tmp_path / "dense.txt"
    page.write_text("C33H57N11O9 " * MAX_CLAIMS, encoding="utf-8")
    code, out, err, mb = peak("check", str(page), "--json")
    assert code == 0, err
    findings = json.loads(out)["findings"]
    assert len(findings) == MAX_CLAIMS  # every claim checked
    assert {f["reasons"][0] for f in findings} == {"the formula of Selank"}  # C33H57N11O9
    assert mb < BOUND_MB, f"{mb:.0f} MB"


@pytest.mark.parametrize("unit", ["C33H57N11O9 ", "250–500 mcg "])
def test_a_2_mb_page_over_the_claim_limit_is_refused_within_the_bound(
    tmp_path: Path, unit: str
) -> None:
    page = tmp_path / "dense.txt"
    page.write_text(unit * (2_000_000 // len(unit)), encoding="utf-8")  # 166,666 claims
    code, _, err, mb = peak("check", str(page), "--json")
    assert code == 2, err
    assert f"more than {MAX_CLAIMS:,} claims" in err
    assert "Traceback" not in err
    assert mb < BOUND_MB, f"{mb:.0f} MB"
