"""Small result types shared by every part of the core."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResultWarning:
    """A warning attached to a result: a stable ``code`` and a sentence for people."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


DISCLAIMER = "Research and education only, not medical advice."
"""Said wherever a person sees doses: the CLI, the web pages, every JSON result."""
