"""The README's library example runs as written (its asserts are hand computations)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_library_example_runs() -> None:
    section = README.read_text().split("## Library: one import", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)
    assert {"draw", "course", "pk"} <= set(namespace)
