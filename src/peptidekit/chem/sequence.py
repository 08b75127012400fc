"""Parsing peptide sequences, with terminal caps, into a :class:`Peptide`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from peptidekit.chem.residues import BY_THREE_LETTER, RESIDUES
from peptidekit.errors import SequenceError, UnknownResidueError

_EXPECTED = (
    "one-letter codes (TKPRPGP) or hyphenated three-letter codes (Thr-Lys-Pro), "
    "optionally with 'Ac-' or 'H-' before and '-NH2' or '-OH' after"
)


MAX_RESIDUES = 5_000
"""Longest peptide accepted, in residues (therapeutic peptides are far shorter); ProForma too."""


def too_long(text: str, count: int) -> SequenceError:
    return SequenceError(
        f"the sequence has {count:,} residues or more; at most {MAX_RESIDUES:,} are accepted "
        "(MAX_RESIDUES)",
        input=text[:60] + ("..." if len(text) > 60 else ""),
        expected=f"at most {MAX_RESIDUES:,} residues",
    )


class NCap(StrEnum):
    """N-terminal group: a free amine (``H-``) or an acetyl cap (``Ac-``)."""

    FREE = "H"
    ACETYL = "Ac"


class CCap(StrEnum):
    """C-terminal group: a free acid (``-OH``) or an amide (``-NH2``)."""

    FREE = "OH"
    AMIDE = "NH2"


@dataclass(frozen=True)
class Peptide:
    """A linear peptide: residues in one-letter code and its two terminal groups."""

    residues: str
    n_cap: NCap = NCap.FREE
    c_cap: CCap = CCap.FREE

    def __post_init__(self) -> None:
        if not self.residues:
            raise SequenceError(
                "a peptide needs at least one residue", input="", expected=_EXPECTED
            )
        for position, symbol in enumerate(self.residues, start=1):
            if symbol not in RESIDUES:
                raise _unknown(self.residues, symbol, position)

    @property
    def notation(self) -> str:
        """The sequence with both terminal groups written out, e.g. ``Ac-TKPRPGP-NH2``."""
        return f"{self.n_cap.value}-{self.residues}-{self.c_cap.value}"

    def __len__(self) -> int:
        return len(self.residues)


def _unknown(text: str, symbol: str, position: int) -> UnknownResidueError:
    return UnknownResidueError(
        f"unknown residue {symbol!r} at position {position} of {text!r}; expected {_EXPECTED}",
        input=text,
        symbol=symbol,
        position=position,
    )


_N_CAP = re.compile(r"^(ac|h)\s*-\s*", re.IGNORECASE)
_C_CAP = re.compile(r"\s*-\s*(nh2|oh)$", re.IGNORECASE)


def parse_sequence(text: str) -> Peptide:
    """Parse ``TKPRPGP``, ``Thr-Lys-Pro-Arg-Pro-Gly-Pro`` or ``Ac-TKPRPGP-NH2``.

    Case does not matter. A body with hyphens is read as three-letter codes;
    one without as one-letter codes (a single title-case code such as ``Gly``
    is read as the one residue it names). Unknown symbols raise
    :class:`~peptidekit.errors.UnknownResidueError` with their 1-based position.
    """
    if not isinstance(text, str):
        raise SequenceError(f"{text!r} is not text", input=repr(text), expected=_EXPECTED)
    if len(text) > 8 * MAX_RESIDUES:  # more characters than the longest accepted sequence
        raise too_long(text, len(text) // 8)
    clean = unicodedata.normalize("NFKC", text).strip()
    body = clean
    n_cap, c_cap = NCap.FREE, CCap.FREE
    # The C-terminal group first: in "H-OH" (free histidine) the "H-" is the residue.
    if match := _C_CAP.search(body):
        c_cap = CCap.AMIDE if match[1].lower() == "nh2" else CCap.FREE
        body = body[: match.start()]
    if match := _N_CAP.match(body):
        n_cap = NCap.ACETYL if match[1].lower() == "ac" else NCap.FREE
        body = body[match.end() :]
    body = body.strip()
    if not body:
        raise SequenceError(f"{text!r} contains no residues", input=text, expected=_EXPECTED)
    if "-" in body or (len(body) == 3 and body.istitle() and body.upper() in BY_THREE_LETTER):
        residues = _three_letter(text, body)
    else:
        residues = _one_letter(text, body)
    if len(residues) > MAX_RESIDUES:
        raise too_long(text, len(residues))
    return Peptide(residues, n_cap, c_cap)


def _three_letter(text: str, body: str) -> str:
    out = []
    for position, token in enumerate(body.split("-"), start=1):
        code = token.strip().upper()
        if code not in BY_THREE_LETTER:
            raise _unknown(text, token.strip(), position)
        out.append(BY_THREE_LETTER[code].one)
    return "".join(out)


def _one_letter(text: str, body: str) -> str:
    letters = re.sub(r"\s+", "", body).upper()
    for position, symbol in enumerate(letters, start=1):
        if symbol not in RESIDUES:
            raise _unknown(text, symbol, position)
    return letters
