"""Concentration-time plot: the band, the median and typical curves, dose marks, caption."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from peptidekit.errors import InputError
from peptidekit.pk.model import Dose, FloatArray
from peptidekit.pk.population import PopulationResult

FORMATS = (".png", ".svg")


def plot_curves(
    path: Path,
    time_h: FloatArray,
    typical: FloatArray,
    doses: Sequence[Dose],
    *,
    title: str,
    caption: str,
    population: PopulationResult | None = None,
    threshold: float | None = None,
) -> None:
    if path.suffix.lower() not in FORMATS:
        raise InputError(
            f"plot file {str(path)!r} must end in .png or .svg",
            input=str(path),
            expected="FILE.png or FILE.svg",
        )
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    days = time_h.max() > 72
    x = time_h / 24 if days else time_h
    fig, ax = plt.subplots(figsize=(10, 5.6), dpi=110)
    if population is not None:
        ax.fill_between(
            x,
            population.p05,
            population.p95,
            color="#9ecae1",
            alpha=0.6,
            label=f"5th-95th percentile ({population.subjects} subjects, CV {population.cv:.0%})",
        )
        ax.plot(x, population.p50, color="#08519c", lw=1.2, label="median")
    ax.plot(
        x, typical, color="#d94801", lw=1.0, ls="--" if population else "-", label="typical subject"
    )
    if threshold is not None:
        ax.axhline(threshold, color="#636363", lw=0.8, ls=":", label=f"threshold {threshold:g}")
    dose_x = [d.time_h / 24 if days else d.time_h for d in doses]
    ax.plot(
        dose_x, [0] * len(dose_x), "|", color="black", ms=10, mew=1, label="doses", clip_on=False
    )
    ax.set_xlabel("time (days)" if days else "time (h)")
    ax.set_ylabel("plasma concentration (ng/mL)")
    fig.suptitle(title, y=0.985)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=5, fontsize=8, frameon=False)
    lines = textwrap.wrap(caption, 150)
    fig.text(0.01, 0.01, "\n".join(lines), fontsize=7, va="bottom")
    fig.tight_layout(rect=(0, 0.02 + 0.024 * len(lines), 1, 0.95))
    fig.savefig(path)
    plt.close(fig)


COLOURS = ("#d94801", "#08519c", "#238b45", "#6a51a3", "#a50f15", "#525252")


def plot_overlay(
    path: Path,
    curves: Sequence[tuple[str, FloatArray, FloatArray, Sequence[Dose]]],
    *,
    title: str,
    caption: str,
) -> None:
    """Several compounds' typical curves on one time axis, each labelled with its own
    dose marks; never a summed curve."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    days = max(float(t.max()) for _, t, _, _ in curves) > 72
    fig, ax = plt.subplots(figsize=(10, 5.6), dpi=110)
    for number, (label, time_h, conc, doses) in enumerate(curves):
        colour = COLOURS[number % len(COLOURS)]
        ax.plot(time_h / 24 if days else time_h, conc, color=colour, lw=1.1, label=label)
        marks = [d.time_h / 24 if days else d.time_h for d in doses]
        ax.plot(marks, [0] * len(marks), "|", color=colour, ms=10 - 3 * number, clip_on=False)
    ax.set_xlabel("time (days)" if days else "time (h)")
    ax.set_ylabel("plasma concentration of each compound (ng/mL)")
    fig.suptitle(title, y=0.985)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, fontsize=8, frameon=False)
    lines = textwrap.wrap(caption, 150)
    fig.text(0.01, 0.01, "\n".join(lines), fontsize=7, va="bottom")
    fig.tight_layout(rect=(0, 0.02 + 0.024 * len(lines), 1, 0.95))
    fig.savefig(path)
    plt.close(fig)
