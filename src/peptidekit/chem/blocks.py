"""The shipped vocabulary of named modifications and building blocks.

Read from ``chem/data/building_blocks.yaml`` (via :mod:`importlib.resources`):
a small Unimod subset, non-standard residues written on their canonical
parent (Aib on A, alpha-methyl, adamantyl on G, D-forms), side-chain acyl
blocks (AEEA, gamma-Glu, C18 and C20 diacids) and cross-link chemistry. Each
entry carries its composition change, the sites it may sit on, how it changes
ionisable groups and its source. Nothing is looked up on the network.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from peptidekit.chem.formula import parse_proforma_formula
from peptidekit.chem.residues import RESIDUES


@dataclass(frozen=True)
class ChargeEffect:
    """How a block changes the ionisable groups of the site it sits on."""

    unknown: str | None = None
    consumes: tuple[str, ...] = ()
    chain: str | None = None
    adds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per site letter (``*`` for any site): pKa-set groups whose values the new carboxyls take."""

    def added_at(self, site: str) -> tuple[str, ...]:
        return self.adds.get(site, self.adds.get("*", ()))


@dataclass(frozen=True)
class Block:
    name: str
    kind: str
    delta: Counter[str]
    sites: frozenset[str]
    charge: ChargeEffect
    source: str
    n_term_residue: bool = False
    free_formula: str | None = None
    parent_free_formula: str | None = None

    def allowed_on(self, site: str) -> bool:
        return site in self.sites


def _key(name: str) -> str:
    """Lookup key: case-insensitive; spaces, '-', '_' and Greek letters equivalent."""
    text = name.strip().lower().replace("α", "alpha").replace("γ", "g")
    return re.sub(r"[\s_\-]+", "", text)


def _charge(raw: dict[str, Any]) -> ChargeEffect:
    adds_raw = raw.get("adds", [])
    adds = (
        {site: tuple(groups) for site, groups in adds_raw.items()}
        if isinstance(adds_raw, dict)
        else {"*": tuple(adds_raw)}
    )
    return ChargeEffect(
        unknown=raw.get("unknown"),
        consumes=tuple(raw.get("consumes", ())),
        chain=raw.get("chain"),
        adds=adds,
    )


@dataclass(frozen=True)
class Vocabulary:
    version: str
    blocks: tuple[Block, ...]
    by_key: dict[str, Block]

    def find(self, name: str) -> Block | None:
        return self.by_key.get(_key(name))

    def closest(self, name: str, count: int = 3) -> list[str]:
        """Names of the known blocks nearest to ``name`` (for an error's suggestion)."""
        names = {b.name for b in self.blocks}
        keyed = {_key(n): n for n in names}
        close = difflib.get_close_matches(_key(name), list(keyed), n=count, cutoff=0.5)
        found = [keyed[k] for k in close]
        return found or sorted(names, key=str.lower)[:count]


def _d_forms(raw: dict[str, Any]) -> list[tuple[list[str], Block]]:
    out = []
    for letter, residue in RESIDUES.items():
        if letter == "G":
            continue
        block = Block(
            name=f"D-{residue.three}",
            kind="residue",
            delta=Counter(),
            sites=frozenset({letter}),
            charge=ChargeEffect(),
            source=str(raw["source"]),
        )
        out.append(([block.name, f"D-{residue.name}"], block))
    return out


@cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (read once)."""
    text = resources.files("peptidekit.chem").joinpath("data/building_blocks.yaml").read_text()
    raw = yaml.safe_load(text)
    entries: list[tuple[list[str], Block]] = []
    for item in raw["blocks"]:
        block = Block(
            name=item["name"],
            kind=item["kind"],
            delta=parse_proforma_formula(str(item["delta"])),
            sites=frozenset(item["sites"]),
            charge=_charge(item.get("charge") or {}),
            source=item["source"],
            n_term_residue=bool(item.get("n_term_residue", False)),
            free_formula=item.get("free_formula"),
            parent_free_formula=item.get("parent_free_formula"),
        )
        entries.append(([block.name, *item.get("synonyms", [])], block))
    entries.extend(_d_forms(raw["d_forms"]))
    by_key: dict[str, Block] = {}
    for names, block in entries:
        for name in names:
            key = _key(str(name))
            if key in by_key and by_key[key] is not block:
                raise ValueError(f"building block name {name!r} is used twice")
            by_key[key] = block
    return Vocabulary(str(raw["version"]), tuple(b for _, b in entries), by_key)
