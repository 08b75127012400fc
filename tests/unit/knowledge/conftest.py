from __future__ import annotations

from pathlib import Path

import pytest

from peptidekit.knowledge.loader import KnowledgeBase, load_knowledge

SHARED_SOURCES = Path(__file__).parents[3].parent / "shared" / "sources"


@pytest.fixture(scope="session")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped knowledge base alone (an empty user folder)."""
    return load_knowledge(tmp_path_factory.mktemp("no-user-data"))


@pytest.fixture(scope="session")
def shared_sources() -> Path:
    if not SHARED_SOURCES.is_dir():
        pytest.skip(f"shared source pages not found at {SHARED_SOURCES}")
    return SHARED_SOURCES
