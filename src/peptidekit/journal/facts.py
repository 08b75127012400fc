"""What a logged dose is checked against, read from the knowledge base once.

A dose is parsed, then :meth:`DoseKnowledge.load` reads the knowledge base's dose index
one time, and every compound the dose touches (a blend draw delivers several) gets its
:class:`DoseFacts`: reference ranges, stated caps and daily maximum, shelf lives and
the labelled strength. The checks then run on those facts alone; nothing goes back to
the knowledge base while the dose is computed and checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from peptidekit.errors import UnknownNameError

if TYPE_CHECKING:
    from peptidekit.knowledge.index import CompoundEntry, DoseIndex
    from peptidekit.results import ResultWarning


@dataclass(frozen=True)
class DoseFacts:
    """One compound's dose figures, every route's, as the knowledge base states them:
    ``entry`` holds its reference ranges, stated caps (per administration and the daily
    maximum), shelf lives and labelled strength."""

    entry: CompoundEntry

    @property
    def name(self) -> str:
        return self.entry.name

    @cached_property
    def index(self) -> DoseIndex:
        """A dose index of this compound alone, for the plausibility rules."""
        from peptidekit.knowledge.index import DoseIndex

        return DoseIndex({self.entry.id: self.entry}, ())

    def dose_warnings(
        self, route: str, delivered_mcg: float, day_total_mcg: float
    ) -> list[ResultWarning]:
        """A dose over its range or cap, and the day's total over the daily maximum or
        range ('no reference range' is not said for a logged dose)."""
        from peptidekit.dosing.plausibility import check_day_total, check_dose
        from peptidekit.units import ureg

        dose = ureg.Quantity(delivered_mcg, "mcg")
        return [
            *(
                w
                for w in check_dose(self.name, route, dose, index=self.index)
                if w.code != "no_reference_range"
            ),
            *check_day_total(self.name, route, day_total_mcg, index=self.index),
        ]


@dataclass
class DoseKnowledge:
    """The knowledge base's dose index, read once for one dose and all it touches."""

    dose_index: DoseIndex
    _facts: dict[str, DoseFacts | None] = field(default_factory=dict)

    @classmethod
    def load(cls) -> DoseKnowledge:
        from peptidekit.knowledge.index import dose_index

        return cls(dose_index())

    def name(self, compound: str) -> str:
        """The compound's name as the knowledge base writes it (UnknownCompoundError,
        with suggestions, for a name it does not know)."""
        return self.dose_index.compound(compound).name

    def facts(self, compound: str) -> DoseFacts | None:
        """The compound's facts; None for one the knowledge base does not know."""
        if compound not in self._facts:
            try:
                self._facts[compound] = DoseFacts(self.dose_index.compound(compound))
            except UnknownNameError:
                self._facts[compound] = None
        return self._facts[compound]
