"""The start-up warm-up of ``serve``: the PK kernels and the plotting library loaded in a
thread, and whether it still runs (``/api/health`` says so; the benchmark waits)."""

from __future__ import annotations

import threading

WARMING = threading.Event()
"""Set while the start-up warm-up runs; /api/health says "warm": false meanwhile (a
benchmark waits for it, so it measures the steady state)."""


def warm_up() -> None:
    """One tiny population simulation and plot: numba loads its cached kernels and
    matplotlib imports, off the request path."""
    try:
        _plot_one_population()
    finally:
        WARMING.clear()


def _plot_one_population() -> None:
    import tempfile
    from pathlib import Path

    from peptidekit.ops.pk import PKRequest, simulate

    request = PKRequest(
        route="subcutaneous",
        dose="500mcg",
        every="8h",
        days=1,
        ka="1.5/h",
        ke="0.3/h",
        volume="20L",
        bioavailability="80%",
        subjects=10,
    )
    with tempfile.TemporaryDirectory() as folder:
        simulate(request).plot(Path(folder) / "warm.png")
