"""Pages built to make a checker slow, for its time test and its benchmark: the shapes
issue 30 measured (HTML that never closes, which made Python's html.parser quadratic,
and text dense with claims) and more that a one-pass HTML reader must also take in its
stride."""

from __future__ import annotations

SHAPES = {  # (what the page starts with, what repeats to the size)
    "unclosed start tags": ("<p>Selank ", "<a"),
    "unclosed comments": ("<p>Selank ", "<!-" + "-a"),  # in two parts: not read as a flag
    "unclosed end tags": ("<p>Selank ", "</a"),
    "unclosed processing instructions": ("<p>Selank ", "<?x"),
    "closed block tags": ("<p>Selank ", "<p>x</p>"),
    "quoted attribute values": ("<p>Selank ", "<a title='>'>"),
    "unclosed quoted values": ("<p>Selank ", "<a x='"),
    "character references": ("<p>Selank ", "&notit &#37 &amp"),
    "bare less-than signs": ("<p>Selank ", "< "),
    "unclosed scripts": ("<p>Selank ", "<script>"),
    "formulas": ("", "C33H57N11O9 "),
    "dose ranges": ("", "250–500 mcg "),
}


def page(shape: str, size: int) -> str:
    """``size`` characters of ``shape``."""
    head, unit = SHAPES[shape]
    return (head + unit * (size // len(unit) + 1))[:size]
