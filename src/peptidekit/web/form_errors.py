"""Form input the framework refuses before a handler runs (a box too long, one missing),
worded for a person: the box's label and what was expected, never 'body.q2'."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from peptidekit.errors import InputError

LABELS = {f"q{n}": f"GAD-7 answer {n}" for n in range(1, 8)} | {
    "text": "The page text",
    "tz": "Time zone",
    "dead_space": "Dead space",
    "plan": "The plan",
}


def label(field: str) -> str:
    return LABELS.get(field, field.replace("_", " ").capitalize())


def _expected(message: str) -> str:
    longest = re.search(r"at most (\d+) characters", message)
    if longest:
        return f"is too long: at most {int(longest.group(1)):,} characters"
    if message == "Field required":
        return "is needed"
    if "valid integer" in message:
        return "must be a whole number"
    return message[:1].lower() + message[1:]


def form_problem(errors: Sequence[dict[str, Any]]) -> InputError:
    """The first refused box as an InputError naming its field (the others follow it)."""
    first = errors[0]
    field = str(first["loc"][-1]) if first.get("loc") else "form"
    words = [f"{label(str(e['loc'][-1]))} {_expected(str(e['msg']))}" for e in errors[:3]]
    return InputError("; ".join(words), input="", expected=_expected(str(first["msg"]))).at(field)
