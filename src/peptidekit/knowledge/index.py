"""What the calculators need from the knowledge base, cached as plain JSON.

Names and aliases, reference dose ranges per route and basis, and drop and
spray volumes. Built from the validated knowledge base and cached in
``$XDG_CACHE_HOME/peptidekit`` (``~/.cache/peptidekit``) under a key that
hashes the package version, every knowledge module and every data file (the
user's too), so any change rebuilds it. A cache hit loads neither YAML nor
the schema library, which keeps an interactive calculator fast. A cache that
cannot be read or written is simply rebuilt: it holds nothing the user made.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptidekit._version import __version__
from peptidekit.errors import unknown_name
from peptidekit.knowledge.limits import limit_claims, limit_record
from peptidekit.knowledge.lookup import cache_dir, find_compound, name_key, user_knowledge_dir
from peptidekit.knowledge.ranges import ReferenceRange
from peptidekit.units import Quantity, ureg
from peptidekit.vocabulary import ROUTES

if TYPE_CHECKING:
    from peptidekit.knowledge.loader import KnowledgeBase

BASES = ("per_administration", "per_nostril", "per_day", "per_kg", "per_drop", "per_actuation")


@dataclass(frozen=True)
class VolumeFigure:
    topic: str
    microliters: float
    claim: str
    sources: tuple[str, ...]
    evidence: str
    status: str


@dataclass(frozen=True)
class ShelfLifeFigure:
    form: str
    storage: str | None
    days: float
    """The low end of the claim's range (the safe reading)."""
    source: str
    """'claim-id (sources; evidence, status)'."""


@dataclass(frozen=True)
class CapFigure:
    """A limit a cited record states ('2-3 drops (no more) into each nostril'), in mcg:
    only claims marked ``maximum``, which the loader checks (knowledge.limits)."""

    route: str
    basis: str
    mcg: float
    claim: str
    statement: str
    sources: tuple[str, ...]
    record: str = ""
    """Where the record states it: source, URL or identifier, locator and its words."""


@dataclass(frozen=True)
class CompoundEntry:
    id: str
    name: str
    names: tuple[str, ...]
    ranges: tuple[ReferenceRange, ...]
    volumes: tuple[VolumeFigure, ...]
    label_strength: tuple[float, str] | None = None
    """The reference (labelled) intranasal strength in mg/mL, with its source."""
    shelf_lives: tuple[ShelfLifeFigure, ...] = ()
    caps: tuple[CapFigure, ...] = ()


@dataclass(frozen=True)
class DoseIndex:
    compounds: dict[str, CompoundEntry]
    devices: tuple[VolumeFigure, ...]

    @cached_property
    def _owners(self) -> dict[str, str]:
        """Every compared name (id, name, aliases) -> its compound id, built once."""
        return {
            name_key(n): cid for cid, entry in self.compounds.items() for n in (cid, *entry.names)
        }

    def compound(self, name: str) -> CompoundEntry:
        """The compound whose id, name or alias matches (case-insensitive), else suggestions."""
        found = self._owners.get(name_key(name))
        if found is not None:
            return self.compounds[found]
        names = {cid: entry.names for cid, entry in self.compounds.items()}
        return self.compounds[find_compound(name, names)]

    def reference(self, compound: str, route: str, basis: str) -> ReferenceRange | None:
        if route not in ROUTES:
            raise unknown_name("route", route, list(ROUTES))
        if basis not in BASES:
            raise unknown_name("basis", basis, list(BASES))
        for ref in self.compound(compound).ranges:
            if ref.route == route and ref.basis == basis:
                return ref
        return None

    def cap(self, compound: str, route: str, basis: str) -> CapFigure | None:
        """The lowest stated limit for a route and basis (per administration, per nostril
        or per day), if a cited record states one."""
        caps = [c for c in self.compound(compound).caps if c.route == route and c.basis == basis]
        return min(caps, key=lambda c: c.mcg, default=None)

    def routes_with(self, compound: str, basis: str) -> list[str]:
        return sorted(
            {r.route for r in self.compound(compound).ranges if r.route and r.basis == basis}
        )

    def volume_default(
        self, compound: str | None, topic: str
    ) -> tuple[Quantity, VolumeFigure] | None:
        """The compound's own drop or spray volume first, else the general device figure."""
        own = () if compound is None else self.compound(compound).volumes
        for figure in (*own, *self.devices):
            if figure.topic == topic:
                return ureg.Quantity(figure.microliters, "uL"), figure
        return None

    def shelf_life(
        self, compound: str | None, form: str, storage: str | None
    ) -> tuple[float | None, str]:
        """The shortest shelf life for a form (and storage, when given), with its source."""
        if compound is None:
            return None, "no compound given"
        entry = self.compound(compound)
        figures = [
            f
            for f in entry.shelf_lives
            if f.form == form and (storage is None or f.storage == storage)
        ]
        if not figures:
            where = form.replace("_", " ") + (f", {storage.replace('_', ' ')}" if storage else "")
            return None, f"the knowledge base has none for {compound} ({where})"
        shortest = min(figures, key=lambda f: f.days)
        return shortest.days, shortest.source

    def per_nostril_volume(self, compound: str | None) -> tuple[float, str] | None:
        """The most the label allows into one nostril at one instillation, in uL, with why:
        a stated per-nostril limit (Semax: '2-3 drops (no more)') at the labelled strength.
        None where no record states one (Selank's '2-3 drops' is an instruction, not a
        limit: kb-audit-2, A4)."""
        if compound is None:
            return None
        entry = self.compound(compound)
        cap = self.cap(compound, "intranasal", "per_nostril")
        if entry.label_strength is None or cap is None:
            return None
        strength, source = entry.label_strength
        microliters = cap.mcg / strength
        return microliters, (
            f"{cap.mcg:.4g} mcg per nostril at {strength:g} mg/mL, {', '.join(cap.sources)}"
            + ("" if source in cap.sources else f" and {source}")
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "compounds": [asdict(e) for e in self.compounds.values()],
                "devices": [asdict(d) for d in self.devices],
            }
        )

    @classmethod
    def from_json(cls, text: str) -> DoseIndex:
        data = json.loads(text)
        compounds = {
            e["id"]: CompoundEntry(
                id=e["id"],
                name=e["name"],
                names=tuple(e["names"]),
                ranges=tuple(_range(r) for r in e["ranges"]),
                volumes=tuple(_volume(v) for v in e["volumes"]),
                label_strength=None if e["label_strength"] is None else tuple(e["label_strength"]),
                shelf_lives=tuple(ShelfLifeFigure(**f) for f in e["shelf_lives"]),
                caps=tuple(CapFigure(**{**c, "sources": tuple(c["sources"])}) for c in e["caps"]),
            )
            for e in data["compounds"]
        }
        return cls(compounds, tuple(_volume(v) for v in data["devices"]))


def _range(data: dict[str, Any]) -> ReferenceRange:
    return ReferenceRange(
        **{**data, "claims": tuple(data["claims"]), "sources": tuple(data["sources"])}
    )


def _volume(data: dict[str, Any]) -> VolumeFigure:
    return VolumeFigure(**{**data, "sources": tuple(data["sources"])})


def build_index(kb: KnowledgeBase) -> DoseIndex:
    """The index of a loaded, validated knowledge base."""
    from peptidekit.knowledge.api import shelf_life
    from peptidekit.knowledge.reconcile import in_unit, reference_ranges
    from peptidekit.knowledge.schema import Claim, Compound
    from peptidekit.vocabulary import FORMS

    def figure(claim: Claim) -> VolumeFigure:
        return VolumeFigure(
            topic=claim.topic,
            microliters=in_unit(claim, "uL")[0],
            claim=claim.id,
            sources=tuple(s.source for s in claim.sources),
            evidence=claim.evidence,
            status=claim.status,
        )

    def volumes(claims: list[Claim]) -> tuple[VolumeFigure, ...]:
        chosen = [c for c in claims if c.topic in ("drop_volume", "spray_volume") and c.amount]
        return tuple(figure(c) for c in sorted(chosen, key=lambda c: not c.reference))

    def strength(claims: list[Claim]) -> tuple[float, str] | None:
        for c in claims:
            if c.topic == "strength" and c.reference and c.amount and "intranasal" in c.routes:
                return in_unit(c, "mg/mL")[1], ", ".join(s.source for s in c.sources)
        return None

    def shelf_lives(compound: Compound) -> tuple[ShelfLifeFigure, ...]:
        # the figures knowledge.api.shelf_life gives, for every form
        return tuple(
            ShelfLifeFigure(
                form=f.form,
                storage=f.storage,
                days=f.days_low,
                source=f"{f.claim.id} ({', '.join(s.source for s in f.claim.sources)}; "
                f"{f.claim.evidence}, {f.claim.status})",
            )
            for form in FORMS
            for f in shelf_life(compound, form, kb=kb)
        )

    def caps(compound: Compound) -> tuple[CapFigure, ...]:
        return tuple(
            CapFigure(
                route=route,
                basis=basis,
                mcg=in_unit(c, "mcg")[1],
                claim=c.id,
                statement=c.statement,
                sources=tuple(s.source for s in c.sources),
                record=limit_record(c, kb.sources),
            )
            for basis in BASES
            for c in limit_claims(compound.claims, None, basis)
            for route in c.routes
        )

    compounds = {
        c.id: CompoundEntry(
            id=c.id,
            name=c.name,
            names=tuple(dict.fromkeys(name_key(n) for n in (c.id, c.name, *c.aliases))),
            ranges=tuple(reference_ranges(c)),
            volumes=volumes(c.claims),
            label_strength=strength(c.claims),
            shelf_lives=shelf_lives(c),
            caps=caps(c),
        )
        for c in kb.compounds.values()
    }
    return DoseIndex(compounds, volumes(list(kb.devices)))


def _fingerprint(user_dir: Path) -> str:
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("peptidekit.knowledge")
    entries = [e for e in package.iterdir() if e.name.endswith(".py")]
    entries += [e for e in package.joinpath("data").iterdir() if e.name.endswith(".yaml")]
    for entry in sorted(entries, key=lambda e: e.name):
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    if user_dir.is_dir():
        for path in sorted(user_dir.glob("*.yaml")):
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:24]


_LOADED: dict[tuple[object, ...], DoseIndex] = {}
"""The index this process loaded, by the files' names, sizes and modification times:
a long-running process (the web app) stats the files instead of hashing them."""


@lru_cache(maxsize=1)
def _shipped_signature() -> tuple[object, ...]:
    """The package's own knowledge files: they do not change while a process runs."""
    package = Path(str(resources.files("peptidekit.knowledge")))
    files = [*package.glob("*.py"), *package.joinpath("data").glob("*.yaml")]
    return (__version__, *_stats(files))


def _stats(files: list[Path]) -> list[tuple[str, int, int]]:
    out = []
    for path in sorted(files):
        info = path.stat()
        out.append((str(path), info.st_size, info.st_mtime_ns))
    return out


def _signature(user_dir: Path) -> tuple[object, ...]:
    user = _stats(list(user_dir.glob("*.yaml"))) if user_dir.is_dir() else []
    return (_shipped_signature(), str(cache_dir()), str(user_dir), *user)


def dose_index() -> DoseIndex:
    """The index for the shipped and user knowledge: from this process's memory when no
    file changed, else from the cache when it is current, else built and cached."""
    user_dir = user_knowledge_dir()
    try:
        signature = _signature(user_dir)
    except OSError:
        signature = ()
    if signature and signature in _LOADED:
        return _LOADED[signature]
    index = _load_index(user_dir)
    if signature:
        _LOADED.clear()
        _LOADED[signature] = index
    return index


def _load_index(user_dir: Path) -> DoseIndex:
    path = cache_dir() / f"dose-index-{_fingerprint(user_dir)}.json"
    try:
        return DoseIndex.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache yet, or an unreadable one: rebuild below
    from peptidekit.knowledge.loader import default_knowledge

    index = build_index(default_knowledge())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            tmp.write(index.to_json())
        os.replace(tmp.name, path)
        for stale in path.parent.glob("dose-index-*.json"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: the index still works, just uncached
    return index
