from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from peptidekit.knowledge.loader import default_knowledge


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """A CLI runner that sees the shipped knowledge base and an empty user folder."""
    monkeypatch.setenv("PEPTIDEKIT_KNOWLEDGE_DIR", str(tmp_path / "user-knowledge"))
    default_knowledge.cache_clear()
    yield CliRunner()
    default_knowledge.cache_clear()
