"""Whole-process time of calculator commands against bare Python startup.

Run: .venv/bin/python benchmarks/cli_startup.py [repeats]
Commands that read the knowledge base use its cached index; the last row is
the first run after any change to the data (index rebuilt).
Each command runs ``repeats`` times, interleaved with the others so that
machine noise falls on all of them alike; the script prints the median and
the ratio to ``python -c pass`` measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEPTIDEKIT = str(Path(sys.executable).with_name("peptidekit"))
PK = [PEPTIDEKIT, "pk", "--route", "subcutaneous", "--dose", "500mcg", "--every", "8h"]
PK += ["--ka", "2/h", "--ke", "0.5/h", "--volume", "20L", "--bioavailability", "80%"]
COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "pk, one subject, q8h, 28 days": [*PK, "--days", "28"],
    "pk, one subject, q8h, 365 days": [*PK, "--days", "365"],
    "calc reconstitute": [
        PEPTIDEKIT,
        "calc",
        "reconstitute",
        "--vial",
        "5mg",
        "--diluent",
        "2mL",
        "--dose",
        "250mcg",
        "--json",
    ],
    "calc reconstitute --compound": [
        PEPTIDEKIT,
        "calc",
        "reconstitute",
        "--vial",
        "5mg",
        "--diluent",
        "2mL",
        "--dose",
        "250mcg",
        "--compound",
        "selank",
        "--route",
        "subcutaneous",
        "--json",
    ],
    "calc diluent": [
        PEPTIDEKIT,
        "calc",
        "diluent",
        "--vial",
        "5mg",
        "--dose",
        "250mcg",
        "--units",
        "10",
    ],
    "calc nasal (knowledge defaults)": [
        PEPTIDEKIT,
        "calc",
        "nasal",
        "--concentration",
        "0.15%",
        "--dose",
        "300mcg",
    ],
}


COLD = "calc reconstitute --compound, cold cache"


def main(repeats: int) -> None:
    times: dict[str, list[float]] = {name: [] for name in [*COMMANDS, COLD]}
    warm = tempfile.mkdtemp(prefix="peptidekit-bench-")
    for _ in range(repeats):
        for name, argv in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(
                argv, check=True, capture_output=True, env={**os.environ, "XDG_CACHE_HOME": warm}
            )
            times[name].append(time.perf_counter() - start)
        cold = {**os.environ, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="peptidekit-cold-")}
        start = time.perf_counter()
        subprocess.run(
            COMMANDS["calc reconstitute --compound"], check=True, capture_output=True, env=cold
        )
        times[COLD].append(time.perf_counter() - start)
    base = statistics.median(times["python -c pass"])
    print(f"{'command':<42} {'median ms':>10} {'x python':>9}   ({repeats} runs each)")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<42} {median * 1000:>10.1f} {median / base:>9.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
