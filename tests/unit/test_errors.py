from __future__ import annotations

import json

import pytest

from peptidekit.errors import (
    InputError,
    PeptidekitError,
    UnitKindError,
    UnknownNameError,
    UnknownResidueError,
    unknown_name,
)


def test_hierarchy_inherits_matching_builtins() -> None:
    assert issubclass(InputError, ValueError)
    assert issubclass(UnknownNameError, LookupError)
    for cls in (InputError, UnitKindError, UnknownResidueError, UnknownNameError):
        assert issubclass(cls, PeptidekitError)


def test_to_dict_is_json_and_carries_structured_attributes() -> None:
    error = UnknownResidueError("bad", input="TKX", symbol="X", position=3)
    data = json.loads(json.dumps(error.to_dict()))
    assert data == {
        "code": "unknown_residue",
        "message": "bad",
        "input": "TKX",
        "expected": error.expected,
        "symbol": "X",
        "position": 3,
    }


def test_unknown_name_lists_the_choices() -> None:
    error = unknown_name("pKa set", "foo", ["a", "b"])
    assert error.message == "unknown pKa set 'foo': expected one of a, b"
    with pytest.raises(LookupError):
        raise error
