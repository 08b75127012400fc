"""Batch claim checking: pages per second on one core, on all local cores and on a
two-worker Dask LocalCluster, with the floor (reading the pages) measured in the same run.

Run: .venv/bin/python benchmarks/check_batch.py [PAGES]
The pages are the five shared source pages and variants of them (each repeated with its
numbers changed), written to a temporary folder; every run checks the same pages.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from peptidekit.claims.batch import check_many, pages_from

SHARED = Path(__file__).resolve().parents[2] / "shared" / "sources"


def corpus(folder: Path, count: int) -> list[Path]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("0*.txt"))]
    if not texts:
        texts = ["Selank nasal drops 0.15%: 300 mcg three times a day for 14 days."]
    paths = []
    for i in range(count):
        path = folder / f"page-{i:05d}.txt"
        path.write_text(texts[i % len(texts)].replace("300", str(300 + i % 7)), encoding="utf-8")
        paths.append(path)
    return paths


def rate(label: str, pages: int, seconds: float, base: float | None) -> float:
    per_second = pages / seconds
    ratio = "" if base is None else f"  {per_second / base:.2f}x one core"
    print(f"{label:<34} {per_second:8.1f} pages/s{ratio}")
    return per_second


def main(count: int) -> None:
    from distributed import Client, LocalCluster

    folder = Path(tempfile.mkdtemp(prefix="peptidekit-batch-"))
    corpus(folder, count)
    started = time.perf_counter()
    pages = list(pages_from([folder]))
    read = time.perf_counter() - started
    check_many(pages[:5])  # warm the knowledge base in this process
    print(f"{count} pages, {sum(len(p.text) for p in pages) / 1024:.0f} KB, {os.cpu_count()} CPUs")
    rate("floor: reading the pages", count, read, None)
    started = time.perf_counter()
    one = check_many(pages)
    base = rate("one core", count, time.perf_counter() - started, None)
    cores = os.cpu_count() or 1
    started = time.perf_counter()
    assert check_many(pages, jobs=cores) == one
    rate(f"all local cores ({cores} processes)", count, time.perf_counter() - started, base)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        check_many(pages[:10], scheduler=client)  # warm the workers
        started = time.perf_counter()
        assert check_many(pages, scheduler=client) == one
        rate("Dask LocalCluster, 2 workers", count, time.perf_counter() - started, base)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
