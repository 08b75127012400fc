"""Claim extraction time against text length: is it linear?

Run: .venv/bin/python benchmarks/claims.py
Texts of growing size are built from the five source pages (when
../shared/sources is there) and from adversarial 'number soup'; the script
prints microseconds per kilobyte for each size, which should stay flat.
"""

from __future__ import annotations

import time
from pathlib import Path

from peptidekit.claims.extract import extract

SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "sources"


def per_kb(text: str, repeats: int = 3) -> float:
    best = min(_timed(text) for _ in range(repeats))
    return best * 1e6 / (len(text) / 1024)


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


if __name__ == "__main__":
    main()
