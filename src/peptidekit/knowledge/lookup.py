"""Light helpers shared by the loader and the calculators' index: paths and names."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from peptidekit.errors import UnknownCompoundError


def user_knowledge_dir() -> Path:
    """Where a user's own data files are read from."""
    env = os.environ
    return _user_dir(env.get("PEPTIDEKIT_KNOWLEDGE_DIR"), env.get("XDG_DATA_HOME"), env.get("HOME"))


def cache_dir() -> Path:
    """Where rebuildable caches go (never anything a user made)."""
    return _cache_dir(os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


@lru_cache(maxsize=16)
def _user_dir(explicit: str | None, data_home: str | None, home: str | None) -> Path:
    """The folder for these environment values, computed once (every calculation asks);
    ``home`` is part of the key because Path.home() reads it."""
    if explicit:
        return Path(explicit)
    base = data_home or str(Path.home() / ".local" / "share")
    return Path(base) / "peptidekit" / "knowledge"


@lru_cache(maxsize=16)
def _cache_dir(cache_home: str | None, home: str | None) -> Path:
    base = cache_home or str(Path.home() / ".cache")
    return Path(base) / "peptidekit"


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """How names are compared: case, hyphens, underscores and extra spaces ignored."""
    return " ".join(name.lower().replace("_", " ").replace("-", " ").split())


def text_fingerprint(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of a text with its whitespace collapsed, so a
    copy with other line endings or spacing is still recognised."""
    import hashlib

    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


def find_compound(name: str, names_by_id: Mapping[str, Sequence[str]]) -> str:
    """The id whose id, name or alias matches ``name``; else an error with suggestions."""
    key = name_key(name)
    owner = {name_key(n): cid for cid, names in names_by_id.items() for n in (cid, *names)}
    if key in owner:
        return owner[key]
    close = difflib.get_close_matches(key, list(owner), n=3, cutoff=0.5)
    suggestions = list(dict.fromkeys(owner[c] for c in close))
    raise UnknownCompoundError(name, suggestions=suggestions, choices=sorted(names_by_id))
