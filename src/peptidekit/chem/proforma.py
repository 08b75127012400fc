"""Reading HUPO-PSI ProForma 2.0 peptidoforms into a :class:`Peptidoform`.

Supported: the base level (residues with ``[...]`` tags, N-terminal
``[...]-`` and C-terminal ``-[...]`` tags, several tags on one residue),
``Formula:`` tags, mass tags (``[+14.0157]``, ``[U:+15.995]``), names and
accessions from the shipped vocabulary (:mod:`peptidekit.chem.blocks`),
``Info:`` tags (kept, no chemistry), alternatives written ``a|b`` (they must
agree), the extra residues U, O and J, X with a tag that gives its
composition, and two-ended cross-links ``#XL<n>``.

A cross-link whose ends carry no chemistry is read by a stated convention:
two cysteines form a disulfide (-H2); an N-terminal and a C-terminal tag
(``[#XL1]-...-[#XL1]``) close the chain head to tail (-H2O, an amide: the
specification does not formalise cyclic peptides, section 12.1); a lysine
and an Asp/Glu form a side-chain lactam (-H2O). Any other pair must carry its
chemistry on an end.

Not supported, each refused with its position: global modifications
(``<...>``), labile (``{...}``) and unknown-position (``[...]?``) tags,
ranges and ambiguity groups (``(...)``), ambiguity labels and ``#BRANCH``,
glycans, charged formulas and charge states, chimeric (``+``) and multi-chain
(``//``) peptidoforms, isotope formulas.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from peptidekit.chem.blocks import Block, vocabulary
from peptidekit.chem.formula import scan_formula
from peptidekit.chem.residues import RESIDUES
from peptidekit.chem.sequence import MAX_RESIDUES
from peptidekit.errors import ProFormaError

MAX_TEXT = 200_000
"""Longest ProForma text accepted, in characters."""
MAX_TAGS = 5_000
"""Most tags accepted in one peptidoform."""

EXPECTED = (
    "ProForma 2.0, e.g. [Acetyl]-TKPRPGP-[Amidated], HA[Aib]EG, K[Formula:C2H2O], "
    "C[#XL1]YIQNC[#XL1]PLG-[Amidated]"
)
EXTRA_RESIDUES: dict[str, dict[str, int]] = {
    "U": {"C": 3, "H": 5, "N": 1, "O": 1, "Se": 1},  # selenocysteine residue
    "O": {"C": 12, "H": 19, "N": 3, "O": 2},  # pyrrolysine residue
    "J": {"C": 6, "H": 11, "N": 1, "O": 1},  # leucine or isoleucine: same composition
}
N_TERM, C_TERM = "N-term", "C-term"
_MASS = re.compile(r"^(?:(?:U|M|R|X|G|Obs):)?([+-]\d+(?:\.\d+)?)$", re.IGNORECASE)
_ACCESSION = re.compile(r"^(UNIMOD|MOD|RESID|XLMOD|GNO):\S+$", re.IGNORECASE)
_CV_PREFIX = re.compile(r"^(U|M|R|X|G):", re.IGNORECASE)
_XL_LABEL = re.compile(r"^XL[A-Za-z0-9]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Tag:
    """One ``[...]`` tag as written, with the chemistry it stands for."""

    text: str
    offset: int
    """1-based character position of its ``[``."""
    kind: str
    """``block``, ``formula``, ``mass``, ``label`` (a cross-link end only) or ``info``."""
    delta: Counter[str] | None = None
    mass: float | None = None
    block: Block | None = None
    label: str | None = None
    counted: bool = True
    """False for the second end of a link whose chemistry counts once."""


@dataclass(frozen=True)
class Site:
    letter: str
    index: int
    """1-based residue number."""
    offset: int
    tags: tuple[Tag, ...] = ()


@dataclass(frozen=True)
class Link:
    label: str
    ends: tuple[str, str]
    """Each end as ``N-term``, ``C-term`` or the residue (``C1``)."""
    chemistry: str
    """``as tagged``, or the convention used: ``disulfide``, ``head-to-tail``, ``lactam``."""
    delta: Counter[str]
    """Composition change added by the convention (empty when the tags carry it)."""
    sites: tuple[Site | None, Site | None]


@dataclass(frozen=True)
class Peptidoform:
    text: str
    residues: tuple[Site, ...]
    n_term: tuple[Tag, ...] = ()
    c_term: tuple[Tag, ...] = ()
    links: tuple[Link, ...] = ()

    @property
    def sequence(self) -> str:
        return "".join(site.letter for site in self.residues)

    def __len__(self) -> int:
        return len(self.residues)


def _error(
    text: str, offset: int, problem: str, suggestions: list[str] | None = None
) -> ProFormaError:
    hint = "" if "expected" in problem else f"; expected {EXPECTED}"
    return ProFormaError(
        f"position {offset} of {_shorten(text)!r}: {problem}{hint}",
        input=text,
        expected=EXPECTED,
        position=offset,
        suggestions=suggestions or [],
    )


def _shorten(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "..."


_UNSUPPORTED = {
    "<": "global modifications (<...>) are not supported",
    "{": "labile modifications ({...}) are not supported",
    "(": "ranges, ambiguity groups and names in parentheses are not supported",
    "?": "modifications of unknown position ([...]?) are not supported",
    "+": "chimeric peptidoforms (+) are not supported",
    "/": "charge states and multi-chain peptidoforms (/, //) are not supported",
    "^": "occurrence counts (^n) are not supported",
}


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.tag_count = 0

    def fail(
        self, offset: int, problem: str, suggestions: list[str] | None = None
    ) -> ProFormaError:
        return _error(self.text, offset + 1, problem, suggestions)

    def skip_space(self) -> None:
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1

    def tags(self) -> list[Tag]:
        out = []
        while self.i < len(self.text) and self.text[self.i] == "[":
            out.append(self.tag())
        return out

    def tag(self) -> Tag:
        start, depth = self.i, 0
        for j in range(start, len(self.text)):
            if self.text[j] == "[":
                depth += 1
            elif self.text[j] == "]":
                depth -= 1
                if depth == 0:
                    self.i = j + 1
                    self.tag_count += 1
                    if self.tag_count > MAX_TAGS:
                        raise self.fail(start, f"more than {MAX_TAGS:,} tags (MAX_TAGS)")
                    return _read_tag(self, self.text[start + 1 : j], start)
        raise self.fail(start, "'[' is never closed by ']'")


def _read_tag(reader: _Reader, content: str, start: int) -> Tag:
    chosen: Tag | None = None
    label: str | None = None
    for alternative in _split_alternatives(content):
        body, _, mark = alternative.rpartition("#") if "#" in alternative else (alternative, "", "")
        if mark:
            if not _XL_LABEL.match(mark.strip()):
                what = "#BRANCH" if mark.strip().upper() == "BRANCH" else f"label #{mark.strip()}"
                raise reader.fail(start, f"{what} is not supported (only cross-links #XL<n>)")
            label = mark.strip().upper()
        tag = _read_single(reader, body.strip(), start, content)
        if tag is None:
            continue
        if chosen is None:
            chosen = tag
        elif not _agree(chosen, tag):
            raise reader.fail(start, f"the alternatives in [{content}] give different chemistry")
    if chosen is None:
        if label is None:
            raise reader.fail(start, "an empty tag []")
        return Tag(content, start + 1, "label", label=label)
    return replace(chosen, label=label)


def _split_alternatives(content: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in content:
        depth += (char == "[") - (char == "]")
        if char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _agree(a: Tag, b: Tag) -> bool:
    if a.delta is not None and b.delta is not None:
        return +a.delta == +b.delta and -a.delta == -b.delta
    return True  # a mass and a composition: the mass is only a description


def _read_single(reader: _Reader, body: str, start: int, content: str) -> Tag | None:
    where = start + 1
    lower = body.lower()
    if not body:
        return None
    if lower.startswith("info:"):
        return None
    if lower.startswith("glycan:"):
        raise reader.fail(start, "glycan tags (Glycan:) are not supported")
    if lower.startswith("formula:"):
        formula = body[len("formula:") :]
        if ":z" in formula.lower():
            raise reader.fail(start, "charged formulas (:z) are not supported")
        elements, problem = scan_formula(formula)
        if elements is None:
            assert problem is not None
            raise reader.fail(start + 1 + len("formula:") + problem[0], problem[1])
        return Tag(content, where, "formula", delta=elements)
    if match := _MASS.match(body):
        return Tag(content, where, "mass", mass=float(match[1]))
    name = body if _ACCESSION.match(body) else _CV_PREFIX.sub("", body)
    block = vocabulary().find(name) or vocabulary().find(body)
    if block is None:
        close = vocabulary().closest(name)
        raise reader.fail(
            start,
            f"unknown modification {body!r} (closest known: {', '.join(close)}; no network "
            "lookup is made, write other chemistry as [Formula:...])",
            close,
        )
    return Tag(content, where, "block", delta=block.delta, block=block)


def parse_proforma(text: str) -> Peptidoform:
    """Parse a ProForma 2.0 peptidoform (see the module docstring for what is supported)."""
    if not isinstance(text, str):
        raise _error(repr(text), 1, "not text")
    if len(text) > MAX_TEXT:
        raise _error(text, MAX_TEXT + 1, f"longer than {MAX_TEXT:,} characters (MAX_TEXT)")
    reader = _Reader(text.strip())
    source = reader.text
    if not source:
        raise _error(text, 1, "no residues")
    n_term: list[Tag] = []
    if source[0] == "[":
        n_term = reader.tags()
        reader.skip_space()
        if reader.i < len(source) and source[reader.i] in "?":
            raise reader.fail(reader.i, _UNSUPPORTED["?"])
        if reader.i >= len(source) or source[reader.i] != "-":
            raise reader.fail(reader.i, "expected '-' after the N-terminal tags")
        reader.i += 1
    residues: list[Site] = []
    c_term: list[Tag] = []
    while True:
        reader.skip_space()
        if reader.i >= len(source):
            break
        char = source[reader.i]
        if char.isalpha() and char.isascii():
            residues.append(_residue(reader, len(residues) + 1))
        elif char == "-":
            if not residues:
                raise reader.fail(reader.i, "'-' before any residue")
            reader.i += 1
            reader.skip_space()
            if reader.i >= len(source) or source[reader.i] != "[":
                hint = "" if reader.i < len(source) else " (a C-terminal tag in brackets)"
                raise reader.fail(
                    reader.i,
                    "expected '[' after '-'" + hint + "; caps such as "
                    "-NH2 are written -[Amidated] in ProForma",
                )
            c_term = reader.tags()
            reader.skip_space()
            if reader.i < len(source):
                raise reader.fail(reader.i, f"{source[reader.i]!r} after the C-terminal tags")
            break
        elif char == "]":
            raise reader.fail(reader.i, "']' without an opening '['")
        elif char == "[":
            raise reader.fail(reader.i, "a tag that follows no residue")
        elif char in _UNSUPPORTED:
            raise reader.fail(reader.i, _UNSUPPORTED[char])
        else:
            raise reader.fail(reader.i, f"{char!r} is not a residue letter")
    if not residues:
        raise reader.fail(reader.i, "no residues")
    form = Peptidoform(text.strip(), tuple(residues), tuple(n_term), tuple(c_term))
    _check_sites(form)
    return _link(form)


def _residue(reader: _Reader, index: int) -> Site:
    offset = reader.i
    letter = reader.text[offset].upper()
    if index > MAX_RESIDUES:
        raise reader.fail(offset, f"more than {MAX_RESIDUES:,} residues (MAX_RESIDUES)")
    if letter in "BZ":
        meaning = "D or N" if letter == "B" else "E or Q"
        raise reader.fail(
            offset, f"{letter} is ambiguous ({meaning}); its composition is not defined"
        )
    if letter not in RESIDUES and letter not in EXTRA_RESIDUES and letter != "X":
        raise reader.fail(offset, f"{letter!r} is not a residue letter")
    reader.i += 1
    tags = tuple(reader.tags())
    if letter == "X" and not any(t.delta is not None or t.mass is not None for t in tags):
        raise reader.fail(offset, "X (an unknown residue) needs a Formula: or mass tag")
    return Site(letter, index, offset + 1, tags)


def _check_sites(form: Peptidoform) -> None:
    for terminus, tags in ((N_TERM, form.n_term), (C_TERM, form.c_term)):
        for tag in tags:
            block = tag.block
            if block is not None and not block.allowed_on(terminus):
                raise _error(
                    form.text,
                    tag.offset,
                    f"{block.name} cannot be on the {terminus}inus" + _where(block),
                )
    for site in form.residues:
        for tag in site.tags:
            block = tag.block
            if block is None:
                continue
            if not block.allowed_on(site.letter):
                raise _error(
                    form.text,
                    tag.offset,
                    f"{block.name} cannot be on {site.letter}{site.index}" + _where(block),
                )
            if block.n_term_residue and (site.index != 1 or form.n_term):
                raise _error(
                    form.text,
                    tag.offset,
                    f"{block.name} forms only on the first residue with a free N-terminus",
                )
            if block.kind == "crosslink" and tag.label is None:
                raise _error(form.text, tag.offset, f"{block.name} needs a #XL label on both ends")


def _where(block: Block) -> str:
    return "; it goes on " + ", ".join(sorted(block.sites))


_CONVENTIONS = (
    (frozenset({"C"}), "disulfide", Counter({"H": -2})),
    (frozenset({N_TERM, C_TERM}), "head-to-tail", Counter({"H": -2, "O": -1})),
    (frozenset({"K", "D"}), "lactam", Counter({"H": -2, "O": -1})),
    (frozenset({"K", "E"}), "lactam", Counter({"H": -2, "O": -1})),
)


def _link(form: Peptidoform) -> Peptidoform:
    ends: dict[str, list[tuple[str, Site | None, Tag]]] = {}
    for terminus, tags in ((N_TERM, form.n_term), (C_TERM, form.c_term)):
        for tag in tags:
            if tag.label:
                ends.setdefault(tag.label, []).append((terminus, None, tag))
    for site in form.residues:
        for tag in site.tags:
            if tag.label:
                ends.setdefault(tag.label, []).append((site.letter, site, tag))
    links, uncount = [], set()
    for label, found in ends.items():
        if len(found) != 2:
            first = found[0][2].offset
            count = "one end" if len(found) == 1 else f"{len(found)} ends"
            raise _error(
                form.text,
                first,
                f"cross-link #{label} has {count}; expected two ends with the same label",
            )
        (kind_a, site_a, tag_a), (kind_b, site_b, tag_b) = found
        names = (_end_name(kind_a, site_a), _end_name(kind_b, site_b))
        tagged = [t for t in (tag_a, tag_b) if t.kind != "label"]
        if tagged:
            if (
                tag_a.block is not None
                and tag_a.block is tag_b.block
                and tag_a.block.kind == "crosslink"
            ):
                uncount.add(id(tag_b))
            links.append(Link(label, names, "as tagged", Counter(), (site_a, site_b)))
            continue
        pair = frozenset({kind_a, kind_b})
        for kinds, name, delta in _CONVENTIONS:
            if pair == kinds:
                links.append(Link(label, names, name, Counter(delta), (site_a, site_b)))
                break
        else:
            raise _error(
                form.text,
                tag_a.offset,
                f"cross-link #{label} between {names[0]} and "
                f"{names[1]} names no chemistry; write it on one end, e.g. "
                f"[Formula:H-2O-1#{label}]",
            )
    if not uncount:
        return replace(form, links=tuple(links))
    return _uncount(form, uncount, tuple(links))


def _uncount(form: Peptidoform, ids: set[int], links: tuple[Link, ...]) -> Peptidoform:
    def fix(tags: tuple[Tag, ...]) -> tuple[Tag, ...]:
        return tuple(replace(t, counted=False) if id(t) in ids else t for t in tags)

    residues = tuple(replace(s, tags=fix(s.tags)) for s in form.residues)
    return replace(
        form, residues=residues, n_term=fix(form.n_term), c_term=fix(form.c_term), links=links
    )


def _end_name(kind: str, site: Site | None) -> str:
    return kind if site is None else f"{site.letter}{site.index}"
