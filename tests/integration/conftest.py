from __future__ import annotations

import pytest
from click.testing import CliRunner


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner; tests/conftest.py already isolates the user and cache folders."""
    return CliRunner()
