"""The unit-slip rule, defined once for every calculator, the planner and the journal.

A dose about 1000 times off the compound's reference (250 mg of Selank meant as 250 mcg)
is never answered with a result: the operation refuses it, says what was probably meant,
and answers only when the person confirms the dose as typed (``confirm``: a flag on the
CLI, a button on the web, a field in the API).
"""

from __future__ import annotations

from collections.abc import Iterable

from peptidekit.errors import UnitSlipError
from peptidekit.results import ResultWarning

SLIP_CODE = "likely_unit_slip"


def refuse_unconfirmed_slip(
    warnings: Iterable[ResultWarning], *, confirmed: bool, dose: str, field: str = "dose"
) -> None:
    """Raise :class:`UnitSlipError` naming ``field`` when a warning is a likely unit slip
    and the person has not confirmed the dose."""
    if confirmed:
        return
    slips = [w for w in warnings if w.code == SLIP_CODE]
    if not slips:
        return
    error = UnitSlipError(
        f"{slips[0].message} Nothing was calculated: correct the dose, or confirm {dose} as typed.",
        warnings=[w.to_dict() for w in slips],
        dose=dose,
    )
    raise error.at(field)
