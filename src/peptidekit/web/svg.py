"""Small server-side SVG drawings: a syringe filled to its tick, bars, a line.

Only presentation attributes are used (no style attributes), so the pages can
keep a Content-Security-Policy without 'unsafe-inline'. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup


def syringe(capacity_units: float, tick_units: float, drawn_units: float, label: str) -> Markup:
    width, left, top, height = 560, 40, 20, 36
    scale = (width - left - 40) / capacity_units
    fill = drawn_units * scale
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 110" role="img" '
        f'aria-label="{escape(label)}" class="syringe">',
        f"<title>{escape(label)}</title>",
        f'<rect x="{left}" y="{top}" width="{capacity_units * scale:.1f}" height="{height}" '
        'fill="#ffffff" stroke="#333" stroke-width="2"/>',
        f'<rect x="{left}" y="{top}" width="{fill:.1f}" height="{height}" fill="#6baed6"/>',
        f'<rect x="{left + fill - 3:.1f}" y="{top - 4}" width="6" height="{height + 8}" '
        'fill="#333"/>',
        f'<line x1="{left + fill:.1f}" y1="{top + height / 2}" x2="{width - 4}" '
        f'y2="{top + height / 2}" stroke="#333" stroke-width="3"/>',
        f'<line x1="8" y1="{top + height / 2}" x2="{left}" y2="{top + height / 2}" '
        'stroke="#777" stroke-width="2"/>',
    ]
    count = round(capacity_units / tick_units)
    major = 10 if tick_units >= 1 else 5
    for i in range(count + 1):
        units = i * tick_units
        x = left + units * scale
        long_tick = abs(units / major - round(units / major)) < 1e-9
        parts.append(
            f'<line x1="{x:.1f}" y1="{top + height}" x2="{x:.1f}" '
            f'y2="{top + height + (12 if long_tick else 6)}" stroke="#333" stroke-width="1"/>'
        )
        if long_tick:
            parts.append(
                f'<text x="{x:.1f}" y="{top + height + 26}" font-size="11" '
                f'text-anchor="middle">{units:g}</text>'
            )
    parts.append(
        f'<text x="{left}" y="{top + height + 44}" font-size="12">{escape(label)}</text></svg>'
    )
    return Markup("".join(parts))


def bars(rows: Sequence[tuple[str, int, int]], title: str) -> Markup:
    """Planned (outline) and taken (filled) per label."""
    if not rows:
        return Markup("")
    width, height, pad = max(320, 28 * len(rows) + 60), 160, 30
    top = max(max(p for _, p, _ in rows), 1)
    step = (width - 2 * pad) / len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 40}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>'
    ]
    for i, (label, planned, taken) in enumerate(rows):
        x = pad + i * step + 4
        h_planned = (height - pad) * planned / top
        h_taken = (height - pad) * taken / top
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h_planned:.1f}" width="{step - 8:.1f}" '
            f'height="{h_planned:.1f}" fill="none" stroke="#555"/>'
            f'<rect x="{x:.1f}" y="{height - h_taken:.1f}" width="{step - 8:.1f}" '
            f'height="{h_taken:.1f}" fill="#31a354"><title>{escape(label)}: {taken} of '
            f"{planned}</title></rect>"
            f'<text x="{x + (step - 8) / 2:.1f}" y="{height + 14}" font-size="9" '
            f'text-anchor="middle">{escape(label[5:])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def line(points: Sequence[tuple[str, float]], maximum: float, title: str) -> Markup:
    if not points:
        return Markup("")
    width, height, pad = 420, 160, 30
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    coords = [
        (pad + i * step, height - (height - pad) * value / maximum)
        for i, (_, value) in enumerate(points)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height + 30}" role="img" '
        f'aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>',
        f'<polyline points="{path}" fill="none" stroke="#08519c" stroke-width="2"/>',
    ]
    for (label, value), (x, y) in zip(points, coords, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#08519c"><title>{escape(label)}: '
            f"{value:g}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
