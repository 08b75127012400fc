"""Claim extraction and checking time against text length: is it linear, and how far
from the floor?

Run: .venv/bin/python benchmarks/claims.py
Texts of growing size are built from the five source pages (when
../shared/sources is there), from adversarial 'number soup' and from claim-dense
dose sentences; the script prints microseconds per kilobyte for each size, which
should stay flat. For the dense text it also times the whole check (extraction
plus every claim checked against the knowledge base) and prints it as a ratio to
a floor measured in the same run: one pass of a regular expression that finds
every number (the least any extraction must do).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from peptidekit.claims.check import check_text
from peptidekit.claims.extract import extract

SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "sources"


def per_kb(text: str, repeats: int = 3) -> float:
    best = min(_timed(text) for _ in range(repeats))
    return best * 1e6 / (len(text) / 1024)


def _time(run: object) -> float:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    return time.perf_counter() - start


def _timed(text: str) -> float:
    start = time.perf_counter()
    extract(text)
    return time.perf_counter() - start


def main() -> None:
    pages = (
        "\n".join(p.read_text() for p in sorted(SOURCES.glob("0*.txt"))) if SOURCES.is_dir() else ""
    )
    soup = "1-2-3 mg 4.5.6 mcg 7,8 % 9 h " * 200
    for name, base in (("source pages", pages), ("number soup", soup)):
        if not base:
            continue
        print(f"{name}:")
        for factor in (1, 4, 16, 64):
            text = base * factor
            print(f"  {len(text) / 1024:>8.0f} KB  {per_kb(text):>8.1f} us/KB")
    dense = "Selank is given at 250-500 mcg per nostril 2-3 times a day for 14 days. " * 40
    check_text(dense)  # load the knowledge base once
    print("claim-dense dose sentences, whole check:")
    numbers = re.compile(r"\d+(?:\.\d+)?")
    for factor in (1, 4, 16, 64):
        text = dense * factor
        kb = len(text) / 1024
        floor = min(_time(lambda t=text: numbers.findall(t)) for _ in range(3)) / kb
        check = min(_time(lambda t=text: check_text(t)) for _ in range(3)) / kb
        print(
            f"  {kb:>8.0f} KB  check {check * 1000:>6.2f} ms/KB  floor "
            f"{floor * 1e6:>6.1f} us/KB  {check / floor:>6.0f}x floor"
        )


if __name__ == "__main__":
    main()
