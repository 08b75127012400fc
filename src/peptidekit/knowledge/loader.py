"""Loading the knowledge base: shipped data files, then the user's own.

Shipped files live in ``peptidekit/knowledge/data/*.yaml`` and are read with
``importlib.resources``. A user's files live in ``$PEPTIDEKIT_KNOWLEDGE_DIR``
or, by default, ``$XDG_DATA_HOME/peptidekit/knowledge`` (``~/.local/share``
when XDG_DATA_HOME is unset). They use the same schema; a user compound with a
built-in id replaces it and is marked as an override. Everything is validated
at load: the schema, every citation's source, every conflict's claims, every
``maximum`` against the record that states it (knowledge.limits), and a
peptide's stated formula and mass against the ones computed from its sequence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from peptidekit.chem import analyse, analyse_proforma
from peptidekit.chem.composition import hill_formula, mass, parse_formula
from peptidekit.errors import KnowledgeDataError, PeptidekitError
from peptidekit.knowledge.limits import limit_problems
from peptidekit.knowledge.lookup import find_compound, user_knowledge_dir
from peptidekit.knowledge.schema import Citation, Claim, Compound, KnowledgeFile, Source, Stack

# libyaml's parser where PyYAML was built with it (about 8x faster); same safe subset.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STATED_MASS_TOLERANCE_DA = 0.1
"""Sources print average masses to one decimal; allow that rounding and no more."""


@dataclass(frozen=True)
class KnowledgeBase:
    sources: dict[str, Source]
    compounds: dict[str, Compound]
    devices: tuple[Claim, ...] = ()
    stacks: dict[str, Stack] = field(default_factory=dict)

    def stacks_with(self, compound_id: str) -> list[Stack]:
        """The stacks a compound is part of, as the data lists them."""
        return [s for s in self.stacks.values() if compound_id in s.components]

    def compound(self, name: str) -> Compound:
        """The compound whose id, name or alias matches ``name`` (case-insensitive)."""
        names = {c.id: [c.name, *c.aliases] for c in self.compounds.values()}
        return self.compounds[find_compound(name, names)]

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]


def _builtin_files() -> Iterator[tuple[str, str]]:
    folder = resources.files("peptidekit.knowledge").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            yield f"peptidekit/knowledge/data/{entry.name}", entry.read_text(encoding="utf-8")


def _user_files(folder: Path) -> Iterator[tuple[str, str]]:
    if folder.is_dir():
        for path in sorted(folder.glob("*.yaml")):
            yield str(path), path.read_text(encoding="utf-8")


def parse_file(name: str, text: str) -> KnowledgeFile:
    """Validate one data file against the schema, naming the file and each problem."""
    try:
        raw = yaml.load(text, Loader=SafeLoader) or {}  # SafeLoader: plain data only
    except yaml.YAMLError as error:
        raise KnowledgeDataError(
            f"{name}: not valid YAML: {error}", file=name, problems=[str(error)]
        ) from error
    try:
        return KnowledgeFile.model_validate(raw)
    except ValidationError as error:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
        raise KnowledgeDataError(
            f"{name}: {len(problems)} problem(s): {problems[0]}", file=name, problems=problems
        ) from error


def load_knowledge(user_dir: Path | None = None) -> KnowledgeBase:
    """Load and validate the shipped knowledge base plus the user's files."""
    folder = user_knowledge_dir() if user_dir is None else user_dir
    return _load(tuple(_builtin_files()), tuple(_user_files(folder)))


@cache
def default_knowledge() -> KnowledgeBase:
    """The shipped knowledge base with the user's files, loaded once per process."""
    return load_knowledge()


def _load(builtin: Iterable[tuple[str, str]], user: Iterable[tuple[str, str]]) -> KnowledgeBase:
    sources: dict[str, Source] = {}
    compounds: dict[str, Compound] = {}
    devices: dict[str, Claim] = {}
    stacks: dict[str, Stack] = {}
    origin_of: dict[str, str] = {}
    for origin, files in (("builtin", builtin), ("user", user)):
        for name, text in files:
            data = parse_file(name, text)
            for source in data.sources:
                if origin == "builtin" and source.id in sources:
                    raise _problem(name, f"source id {source.id!r} is defined twice")
                sources[source.id] = source.model_copy(update={"origin": origin})
            for device in data.devices:
                if device.topic not in ("drop_volume", "spray_volume"):
                    raise _problem(
                        name, f"device claim {device.id!r} must be a drop or spray volume"
                    )
                devices[device.id] = device
            for stack in data.stacks:
                stacks[stack.id] = stack
            for compound in data.compounds:
                if compound.id in compounds and origin_of[compound.id] == origin:
                    raise _problem(name, f"compound id {compound.id!r} is defined twice")
                overrides = origin == "user" and compound.id in compounds
                compounds[compound.id] = compound.model_copy(
                    update={"origin": origin, "overrides_builtin": overrides}
                )
                origin_of[compound.id] = name if origin == "user" else origin
    for compound in compounds.values():
        file = origin_of[compound.id]
        problems = [*check_references(compound, sources), *check_identity(compound)]
        problems += [p for c in compound.claims for p in limit_problems(c, sources)]
        if problems:
            raise KnowledgeDataError(
                f"{file}: compound {compound.id!r}: {problems[0]}", file=file, problems=problems
            )
    for device in devices.values():
        unknown = [c.source for c in device.sources if c.source not in sources]
        if unknown:
            raise _problem(
                "devices", f"device claim {device.id!r} cites unknown source {unknown[0]!r}"
            )
    for compound in compounds.values():
        for study in compound.studies:
            for found in study.outcomes:
                unknown = [c for c in found.compounds if c not in compounds]
                if unknown:
                    raise _problem(
                        origin_of[compound.id],
                        f"study {study.id!r} names unknown compound {unknown[0]!r}",
                    )
    for stack in stacks.values():
        problems = [f"names unknown compound {c!r}" for c in stack.components if c not in compounds]
        problems += [
            f"cites unknown source {c.source!r}" for c in stack.sources if c.source not in sources
        ]
        if problems:
            raise _problem("stacks", f"stack {stack.id!r} {problems[0]}")
    return KnowledgeBase(sources, compounds, tuple(devices.values()), stacks)


def _problem(file: str, problem: str) -> KnowledgeDataError:
    return KnowledgeDataError(f"{file}: {problem}", file=file, problems=[problem])


def _citations(compound: Compound) -> Iterator[tuple[str, Citation]]:
    for claim in compound.claims:
        for citation in claim.sources:
            yield f"claim {claim.id}", citation
    for study in compound.studies:
        for citation in study.sources:
            yield f"study {study.id}", citation
    for identifier in compound.identifiers:
        for citation in identifier.sources:
            yield f"identifier {identifier.scheme}", citation
    for stated in compound.stated_identity:
        for citation in stated.sources:
            yield "stated identity", citation


def check_references(compound: Compound, sources: dict[str, Source]) -> list[str]:
    """Unknown sources, duplicate ids, and conflicts that name missing claims."""
    problems = [
        f"{where} cites unknown source {citation.source!r}"
        for where, citation in _citations(compound)
        if citation.source not in sources
    ]
    ids = [c.id for c in compound.claims] + [s.id for s in compound.studies]
    problems += [f"id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    known = set(ids)
    for conflict in compound.conflicts:
        for side in conflict.sides:
            problems += [
                f"conflict {conflict.id} names unknown claim {claim_id!r}"
                for claim_id in side.claims
                if claim_id not in known
            ]
    return problems


def check_identity(compound: Compound) -> list[str]:
    """Stated formulas and masses against the sequence (peptides) or formula."""
    if not (compound.structure or compound.sequence or compound.formula):
        # structure_unknown (the schema requires it here): nothing to compute or compare with
        return [
            f"stated identity ({', '.join(c.source for c in s.sources)}) cannot be checked: "
            "the structure is unknown; enter it as a claim instead"
            for s in compound.stated_identity
        ]
    try:
        if compound.structure:  # ProForma; it must describe the same molecule as the sequence
            form = analyse_proforma(compound.structure)
            if form.formula is None or form.average_mass is None:
                return [f"structure {compound.structure}: {form.formula_note}"]
            formula, average = form.formula, form.average_mass
            if compound.sequence and analyse(compound.sequence).formula != formula:
                return [f"structure {compound.structure} is not sequence {compound.sequence}"]
        elif compound.sequence:
            properties = analyse(compound.sequence)
            formula, average = properties.formula, properties.average_mass
        else:
            elements = parse_formula(compound.formula or "")
            formula, average = hill_formula(elements), mass(elements, monoisotopic=False)
    except PeptidekitError as error:
        return [f"identity does not parse: {error.message}"]
    problems = []
    for stated in compound.stated_identity:
        cited = ", ".join(c.source for c in stated.sources)
        if stated.formula is not None and stated.formula != formula:
            problems.append(f"stated formula {stated.formula} ({cited}) is not {formula}")
        if (
            stated.average_mass is not None
            and abs(stated.average_mass - average) > STATED_MASS_TOLERANCE_DA
        ):
            problems.append(
                f"stated average mass {stated.average_mass} ({cited}) is not {average:.2f}"
            )
    return problems
