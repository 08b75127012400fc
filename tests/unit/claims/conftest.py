from tests.unit.knowledge.conftest import kb, shared_sources

__all__ = ["kb", "shared_sources"]
