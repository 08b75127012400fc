"""The library's one-import API: ``from peptidekit import reconstitute, plan, ...``.

Each function takes a typed request (or its fields as keywords: text such as
``"250mcg"`` or quantities from :mod:`peptidekit.units`) and returns a typed
result with ``to_dict()``, the same the CLI's ``--json`` and the web API give.
Errors are :class:`peptidekit.errors.PeptidekitError` subclasses; bad input is an
``InputError`` (also a ``ValueError``) whose ``field`` names the field at fault.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peptidekit.chem import PeptideProperties, PeptidoformProperties
    from peptidekit.dosing.blend import BlendDraw
    from peptidekit.dosing.nasal import NasalDose
    from peptidekit.dosing.reconstitution import DiluentPlan, Reconstitution
    from peptidekit.knowledge.compare import ComparisonTable
    from peptidekit.ops.calculators import Calculation
    from peptidekit.ops.fields import CountInput, QuantityInput
    from peptidekit.ops.pk import Simulation, StackSimulation
    from peptidekit.protocol.plan import Plan
    from peptidekit.protocol.stack import StackPlan


def reconstitute(
    *,
    vial: QuantityInput,
    diluent: QuantityInput,
    dose: QuantityInput,
    syringe: QuantityInput | None = None,
    syringe_scale: str | None = None,
    tick: CountInput | None = None,
    dead_space: QuantityInput | None = None,
    per_day: CountInput | None = None,
    compound: str | None = None,
    route: str | None = None,
    net_peptide: CountInput | None = None,
    counter_ion: str | None = None,
    counter_ions: CountInput | None = None,
    confirm: bool = False,
) -> Calculation[Reconstitution] | Calculation[BlendDraw]:
    """The draw for a dose from a reconstituted vial, e.g.
    ``reconstitute(vial="5mg", diluent="2mL", dose="250mcg", syringe="0.3mL")``; a blend
    vial (``vial="selank 5mg + semax 5mg"``) with the ``compound`` whose dose sets the
    draw gives each component's co-delivered amount."""
    fields = dict(locals())
    from peptidekit.ops.calculators import ReconstituteRequest
    from peptidekit.ops.calculators import reconstitute as run

    return run(ReconstituteRequest(**fields))


def diluent(
    *,
    vial: QuantityInput,
    dose: QuantityInput,
    units: CountInput,
    syringe: QuantityInput | None = None,
    syringe_scale: str | None = None,
    tick: CountInput | None = None,
    net_peptide: CountInput | None = None,
) -> Calculation[DiluentPlan]:
    """The diluent that makes a dose a number of syringe units:
    ``diluent(vial="5mg", dose="250mcg", units=10)``."""
    fields = dict(locals())
    from peptidekit.ops.calculators import DiluentRequest
    from peptidekit.ops.calculators import diluent as run

    return run(DiluentRequest(**fields))


def nasal(
    *,
    concentration: QuantityInput,
    dose: QuantityInput | None = None,
    count: CountInput | None = None,
    device: str | None = None,
    volume: QuantityInput | None = None,
    calibrate: str | None = None,
    bottle: QuantityInput | None = None,
    per_day: CountInput | None = None,
    compound: str | None = None,
    confirm: bool = False,
) -> Calculation[NasalDose]:
    """Whole drops or sprays for a nasal dose:
    ``nasal(concentration="0.15%", dose="300mcg", compound="selank")``."""
    fields = dict(locals())
    from peptidekit.ops.calculators import NasalRequest
    from peptidekit.ops.calculators import nasal as run

    return run(NasalRequest(**fields))


def plan(
    *,
    course: str,
    start: str,
    tz: str,
    compound: str | None = None,
    route: str | None = None,
    dose: QuantityInput | None = None,
    times: str | None = None,
    components: Sequence[str] | None = None,
    break_: str | None = None,
    cycles: CountInput | None = None,
    every: str | None = None,
    weekdays: str | None = None,
    titrate: str | None = None,
    vial: QuantityInput | None = None,
    diluent: QuantityInput | None = None,
    syringe: QuantityInput | None = None,
    syringe_scale: str | None = None,
    tick: CountInput | None = None,
    dead_space: QuantityInput | None = None,
    net_peptide: CountInput | None = None,
    counter_ion: str | None = None,
    counter_ions: CountInput | None = None,
    bottle: QuantityInput | None = None,
    concentration: QuantityInput | None = None,
    spray: QuantityInput | None = None,
    drop: QuantityInput | None = None,
    storage: str | None = None,
    shelf_life: str | None = None,
    confirm: bool = False,
) -> Plan | StackPlan:
    """A protocol as dated doses and what to buy: ``plan(route="intranasal",
    dose="300mcg", times="08:00,20:00", course="14d", start="2026-12-01", tz="UTC")``
    (``break_`` is the break between courses); or a stack, each component a protocol of
    its own over the shared schedule: ``plan(components=["selank 300mcg intranasal 08:00
    bottle=3mL concentration=0.15%", "semax 200mcg intranasal 08:00 bottle=3mL
    concentration=0.1%"], course="14d", start="2026-12-01", tz="UTC")``."""
    fields = dict(locals())
    from peptidekit.ops.plan import PlanRequest
    from peptidekit.ops.plan import plan as run

    return run(PlanRequest(**fields))


def simulate(
    *,
    days: CountInput,
    compound: str | None = None,
    route: str | None = None,
    dose: QuantityInput | None = None,
    every: QuantityInput | None = None,
    components: Sequence[str] | None = None,
    ka: QuantityInput | None = None,
    ke: QuantityInput | None = None,
    half_life: QuantityInput | None = None,
    volume: QuantityInput | None = None,
    bioavailability: QuantityInput | None = None,
    lag: QuantityInput | None = None,
    k12: QuantityInput | None = None,
    k21: QuantityInput | None = None,
    subjects: CountInput | None = None,
    cv: QuantityInput | None = None,
    seed: CountInput | None = None,
    step: QuantityInput | None = None,
    threshold: QuantityInput | None = None,
    confirm: bool = False,
) -> Simulation | StackSimulation:
    """A PK regimen: ``simulate(route="subcutaneous", dose="500mcg", every="8h", days=7,
    ka="1.5/h", ke="0.3/h", volume="20L", bioavailability="80%")``; or several compounds
    on one time axis, each its own curve (never summed): ``simulate(components=["selank
    300mcg intranasal 8h volume=20L ka=6/h", "semax 200mcg intranasal 12h volume=20L
    ka=6/h"], days=2)``. ``result.plot(path)`` draws it."""
    fields = dict(locals())
    from peptidekit.ops.pk import PKRequest
    from peptidekit.ops.pk import simulate as run

    return run(PKRequest(**fields))


if TYPE_CHECKING:  # the knowledge, checker and chemistry operations' types
    from collections.abc import Sequence as Names
    from pathlib import Path

    from peptidekit.ops.check import BatchCheck, PageCheck


def check(
    *,
    text: str | None = None,
    paths: Names[str | Path] = (),
    compound: str | None = None,
    jobs: CountInput | None = None,
    scheduler: str | None = None,
    jsonl: str | None = None,
    csv: str | None = None,
    worst: CountInput | None = None,
) -> PageCheck | BatchCheck:
    """The claim checker as the CLI's ``check`` runs it: a page's ``text``, or ``paths``
    (page files, folders, WARC files). One page gives a ``PageCheck`` (each finding with
    its line, its kind in words and its sources' titles); several, or any batch field
    (``jobs``, ``scheduler``, ``jsonl``, ``csv``), a ``BatchCheck`` summary."""
    fields = dict(locals())
    from peptidekit.ops.check import CheckRequest
    from peptidekit.ops.check import check as run

    fields["paths"] = tuple(str(p) for p in paths)
    return run(CheckRequest(**fields))


def check_page(page: str | Path, *, compound: str | None = None) -> PageCheck:
    """Every quantitative claim of one page checked: its text or HTML, or a ``Path`` to
    read (``check(text=...)`` or ``check(paths=[...])`` with the same result)."""
    from pathlib import Path

    from peptidekit.ops.check import BatchCheck, CheckRequest
    from peptidekit.ops.check import check as run

    request = (
        CheckRequest(paths=(str(page),), compound=compound)
        if isinstance(page, Path)
        else CheckRequest(text=page, compound=compound)
    )
    result = run(request)
    assert not isinstance(result, BatchCheck)  # one page's text or one file is one page
    return result


def compounds(*, search: str | None = None) -> list[dict[str, Any]]:
    """The compounds of the knowledge base (those whose name, an alias or the category
    contains ``search``), Selank's and Semax's families first."""
    fields = dict(locals())
    from peptidekit.ops.knowledge import CompoundsRequest
    from peptidekit.ops.knowledge import compounds as run

    return run(CompoundsRequest(**fields))


def monograph(compound: str) -> dict[str, Any]:
    """A compound's cited monograph as data (``peptidekit info --json``)."""
    from peptidekit.ops.knowledge import CompoundRequest
    from peptidekit.ops.knowledge import monograph as run

    return run(CompoundRequest(compound=compound))


def conflicts(compound: str) -> dict[str, Any]:
    """Where the sources disagree about a compound, with the sources on each side."""
    from peptidekit.ops.knowledge import CompoundRequest
    from peptidekit.ops.knowledge import conflicts as run

    return run(CompoundRequest(compound=compound))


def evidence(compound: str) -> dict[str, Any]:
    """The human studies behind each outcome of a compound, graded by the stated rule."""
    from peptidekit.ops.knowledge import CompoundRequest
    from peptidekit.ops.knowledge import evidence as run

    return run(CompoundRequest(compound=compound))


def sources(compound: str) -> list[dict[str, Any]]:
    """The sources cited for a compound, most cited first."""
    from peptidekit.ops.knowledge import CompoundRequest
    from peptidekit.ops.knowledge import sources as run

    return run(CompoundRequest(compound=compound))


def compare(compounds: Names[str]) -> ComparisonTable:
    """Compounds side by side (identity, reference doses, stated features):
    ``compare(["selank", "semax"])``."""
    from peptidekit.ops.knowledge import CompareRequest
    from peptidekit.ops.knowledge import compare as run

    names = (compounds,) if isinstance(compounds, str) else tuple(compounds)
    return run(CompareRequest(compounds=names))


def analyse(
    sequence: str, *, ph: CountInput = 7.4, pka_set: str = "bjellqvist"
) -> PeptideProperties | PeptidoformProperties:
    """Chemistry of a peptide, as the CLI and the web read it: a classic sequence
    (``Ac-TKPRPGP-NH2``) or ProForma (``[Acetyl]-TKPRPGP-[Amidated]``)."""
    fields = dict(locals())
    from peptidekit.ops.knowledge import ChemRequest
    from peptidekit.ops.knowledge import analyse as run

    return run(ChemRequest(**fields))
