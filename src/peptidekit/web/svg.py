"""Small server-side SVG drawings: a syringe filled to its tick, bars, a line.

Only presentation attributes are used (no style attributes), so the pages can
keep a Content-Security-Policy without 'unsafe-inline'. Every text is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from markupsafe import Markup


def syringe(capacity_units: float, tick_units: float, drawn_units: float, label: str) -> Markup:
    """The barrel filled to the tick drawn, its scale labelled every 10 units (5 on a
    0.3 mL barrel), drawn 360 wide so a phone shows it at about its own size and the
    labels stay legible (13 px and up); larger screens scale it up."""
    width, left, top, height = 360, 14, 34, 44
    scale = (width - left - 30) / capacity_units
    fill = drawn_units * scale
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 136" role="img" '
        f'aria-label="{escape(label)}" class="syringe">',
        f"<title>{escape(label)}</title>",
        f'<text x="{left}" y="20" font-size="15" font-weight="700">'
        f"draw to {drawn_units:g} units</text>",
        f'<rect x="{left}" y="{top}" width="{capacity_units * scale:.1f}" height="{height}" '
        'fill="#ffffff" stroke="#333" stroke-width="2"/>',
        f'<rect x="{left}" y="{top}" width="{fill:.1f}" height="{height}" fill="#6baed6"/>',
        f'<rect x="{left + fill - 3:.1f}" y="{top - 5}" width="6" height="{height + 10}" '
        'fill="#b91c1c"/>',
        f'<line x1="{left + fill:.1f}" y1="{top + height / 2}" x2="{width - 2}" '
        f'y2="{top + height / 2}" stroke="#333" stroke-width="3"/>',
    ]
    count = round(capacity_units / tick_units)
    major = 10 if capacity_units > 30 else 5
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
                f'<text x="{x:.1f}" y="{top + height + 28}" font-size="15" '
                f'text-anchor="middle">{units:g}</text>'
            )
    parts.append(
        f'<text x="{left}" y="{top + height + 50}" font-size="13">{escape(label)}</text></svg>'
    )
    return Markup("".join(parts))


def _y_axis(
    left: int,
    top: int,
    bottom: int,
    width: int,
    top_value: float,
    ticks: Sequence[float],
    label: str,
) -> list[str]:
    """A y axis with labelled ticks and light grid lines, and its title."""
    parts = [f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#333"/>']
    for value in ticks:
        y = bottom - (bottom - top) * value / top_value
        parts.append(
            f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 7}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
            f"{value:g}</text>"
        )
    parts.append(
        f'<text x="12" y="{(top + bottom) / 2:.1f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {(top + bottom) / 2:.1f})">{escape(label)}</text>'
    )
    return parts


def bars(rows: Sequence[tuple[str, int, int]], title: str) -> Markup:
    """Planned (outline) and taken (filled) per day, with a y axis, each bar's value
    ('2/3') and its date: readable without hovering."""
    if not rows:
        return Markup("")
    left, top, bottom = 44, 26, 170
    width = max(360, 46 * len(rows) + left + 16)
    most = max(max(p for _, p, _ in rows), 1)
    step = (width - left - 16) / len(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {bottom + 44}" '
        f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>',
        *_y_axis(left, top, bottom, width, most, sorted({0, most / 2, most}), "doses"),
        f'<rect x="{left + 6}" y="4" width="10" height="10" fill="#31a354"/>'
        f'<text x="{left + 20}" y="13" font-size="11">taken</text>'
        f'<rect x="{left + 70}" y="4" width="10" height="10" fill="none" stroke="#555"/>'
        f'<text x="{left + 84}" y="13" font-size="11">due</text>',
    ]
    for i, (label, planned, taken) in enumerate(rows):
        x = left + i * step + 5
        w = step - 10
        h_planned = (bottom - top) * planned / most
        h_taken = (bottom - top) * taken / most
        parts.append(
            f'<rect x="{x:.1f}" y="{bottom - h_planned:.1f}" width="{w:.1f}" '
            f'height="{h_planned:.1f}" fill="none" stroke="#555"/>'
            f'<rect x="{x:.1f}" y="{bottom - h_taken:.1f}" width="{w:.1f}" '
            f'height="{h_taken:.1f}" fill="#31a354"><title>{escape(label)}: {taken} of '
            f"{planned}</title></rect>"
            f'<text x="{x + w / 2:.1f}" y="{bottom - h_planned - 4:.1f}" font-size="11" '
            f'text-anchor="middle">{taken}/{planned}</text>'
            f'<text x="{x + w / 2:.1f}" y="{bottom + 16}" font-size="11" '
            f'text-anchor="middle">{escape(label[5:])}</text>'
        )
    parts.append(
        f'<text x="{(left + width) / 2:.1f}" y="{bottom + 36}" font-size="11" '
        'text-anchor="middle">day (month-day)</text></svg>'
    )
    return Markup("".join(parts))


def line(points: Sequence[tuple[str, float]], maximum: float, title: str) -> Markup:
    """Values over dates with a y axis from 0 to ``maximum``, each point's value and date."""
    if not points:
        return Markup("")
    left, top, bottom = 44, 14, 170
    width = max(420, 56 * len(points) + left + 24)
    step = (width - left - 40) / max(len(points) - 1, 1)
    coords = [
        (left + 20 + i * step, bottom - (bottom - top) * value / maximum)
        for i, (_, value) in enumerate(points)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    ticks = [t for t in (0, 5, 10, 15, 21) if t <= maximum] if maximum == 21 else [0, maximum]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {bottom + 44}" '
        f'role="img" aria-label="{escape(title)}" class="chart"><title>{escape(title)}</title>',
        *_y_axis(left, top, bottom, width, maximum, ticks, "score"),
        f'<polyline points="{path}" fill="none" stroke="#08519c" stroke-width="2"/>',
    ]
    for (label, value), (x, y) in zip(points, coords, strict=True):
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#08519c"><title>{escape(label)}: '
            f"{value:g}</title></circle>"
            f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="11" text-anchor="middle">'
            f"{value:g}</text>"
            f'<text x="{x:.1f}" y="{bottom + 16}" font-size="11" text-anchor="middle">'
            f"{escape(label[5:])}</text>"
        )
    parts.append(
        f'<text x="{(left + width) / 2:.1f}" y="{bottom + 36}" font-size="11" '
        'text-anchor="middle">day (month-day)</text></svg>'
    )
    return Markup("".join(parts))
