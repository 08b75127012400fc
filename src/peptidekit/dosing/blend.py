"""Blend vials: one vial holding several peptides, dissolved together.

A draw from a blend is set by one component (its dose is the one asked); every
other component comes with it in the vial's ratio. So a draw of ``v`` mL from
a vial of masses ``m1, m2`` in ``d`` mL delivers ``v * m1 / d`` and
``v * m2 / d``: the co-delivered amount is the delivered amount of the
component that set the draw times ``m2 / m1``. Each amount is stated, and each
is checked against its own compound's range by the callers that know the route.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peptidekit.dosing.reconstitution import Reconstitution
from peptidekit.errors import InputError, UnknownNameError
from peptidekit.units import Kind, Quantity, format_quantity, parse_quantity

BLEND_EXAMPLE = "selank 5mg + semax 5mg"
MAX_COMPONENTS = 6
_PART = re.compile(r"^\s*(?P<name>\S.*?)\s+(?P<amount>[0-9.,]\S*(?:\s*[^\s0-9.,]+)?)\s*$")


@dataclass(frozen=True)
class BlendComponent:
    compound: str
    """The compound's name as the knowledge base spells it."""
    mass: Quantity


@dataclass(frozen=True)
class Blend:
    components: tuple[BlendComponent, ...]

    @property
    def description(self) -> str:
        return " + ".join(f"{c.compound} {format_quantity(c.mass)}" for c in self.components)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.compound for c in self.components)

    def component(self, compound: str) -> BlendComponent:
        for c in self.components:
            if c.compound == compound:
                return c
        raise InputError(
            f"{compound} is not in this vial ({self.description}); the dose must be for one "
            "of its components",
            input=compound,
            expected=" or ".join(self.names),
        ).at("compound")

    def co_delivered(self, set_by: str, delivered_mcg: float) -> tuple[tuple[str, float], ...]:
        """Every component's amount in a draw that delivers ``delivered_mcg`` of ``set_by``
        (``set_by`` first)."""
        base = self.component(set_by).mass.m_as("mcg")
        first = [(set_by, delivered_mcg)]
        return tuple(
            first
            + [
                (c.compound, delivered_mcg * c.mass.m_as("mcg") / base)
                for c in self.components
                if c.compound != set_by
            ]
        )


def looks_like_blend(text: str) -> bool:
    """Vial text that names compounds ('selank 5mg + semax 5mg'), not a bare mass."""
    return "+" in text or bool(re.match(r"^\s*[^\W\d_]", text) and re.search(r"\d", text))


def parse_blend(text: str, resolve: Callable[[str], str], field: str = "vial") -> Blend:
    """'selank 5mg + semax 5mg' as a blend; ``resolve`` maps a typed name to the
    knowledge base's name (raising for an unknown one). Every error names ``field``."""
    parts = [p for p in text.split("+")]
    if len(parts) < 2 or any(not p.strip() for p in parts):
        raise InputError(
            f"{text!r} is not a blend: give each compound with its amount, joined by '+'",
            input=text,
            expected=f"e.g. {BLEND_EXAMPLE!r}",
        ).at(field)
    if len(parts) > MAX_COMPONENTS:
        raise InputError(
            f"a blend of {len(parts)} components: at most {MAX_COMPONENTS} are accepted",
            input=text,
            expected=f"at most {MAX_COMPONENTS} components",
        ).at(field)
    components: list[BlendComponent] = []
    for part in parts:
        match = _PART.match(part)
        if match is None:
            raise InputError(
                f"{part.strip()!r} in the blend needs a compound and an amount",
                input=part.strip(),
                expected=f"e.g. {BLEND_EXAMPLE!r}",
            ).at(field)
        try:
            name = resolve(match["name"])
        except UnknownNameError as error:
            raise InputError(
                str(error), input=match["name"], expected="a compound in the knowledge base"
            ).at(field) from None
        mass = parse_quantity(match["amount"], Kind.MASS, name=field)
        if name in (c.compound for c in components):
            raise InputError(
                f"{name} is listed twice in the blend", input=text, expected="each compound once"
            ).at(field)
        components.append(BlendComponent(name, mass))
    return Blend(tuple(components))


@dataclass(frozen=True)
class BlendDraw:
    """A draw from a blend vial: the component that set it, its syringe arithmetic, and
    what every component delivers."""

    blend: Blend
    set_by: str
    draw: Reconstitution
    amounts: tuple[tuple[str, float], ...]
    """(compound, delivered mcg), the component that set the draw first."""

    @property
    def statement(self) -> str:
        d = self.draw
        each = " + ".join(f"{mcg:.4g} mcg {name}" for name, mcg in self.amounts)
        return (
            f"draw {d.tick_units:g} units ({d.tick_volume_ml:.4g} mL) on a {d.syringe.label} "
            f"= {each}"
        )

    def to_dict(self) -> dict[str, Any]:
        diluent_ml = self.draw.diluent.m_as("mL")
        return {
            **self.draw.to_dict(),
            "blend": [
                {
                    "compound": c.compound,
                    "vial_mcg": c.mass.m_as("mcg"),
                    "mcg_per_ml": c.mass.m_as("mcg") / diluent_ml,
                }
                for c in self.blend.components
            ],
            "set_by": self.set_by,
            "delivered": [{"compound": n, "mcg": mcg} for n, mcg in self.amounts],
            "statement": self.statement,
        }
