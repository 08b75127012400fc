"""The one error hierarchy of peptidekit.

Every error raised on purpose by the package is a :class:`PeptidekitError`.
Subclasses also inherit the matching built-in (``ValueError``, ``LookupError``)
so that callers who only know Python's own exceptions still catch them.

Each error carries structured attributes (the bad input, what was expected)
and a message that names the input. :meth:`PeptidekitError.to_dict` gives the
machine-readable form that the CLI's ``--json`` and the web API use.
"""

from __future__ import annotations

from typing import Any


class PeptidekitError(Exception):
    """Base class of every deliberate peptidekit error."""

    code: str = "peptidekit_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def details(self) -> dict[str, Any]:
        """Structured attributes of this error (JSON-serialisable)."""
        return {}

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.details()}


class InputError(PeptidekitError, ValueError):
    """A user-supplied value is malformed, ambiguous or out of range.

    ``field`` names the request field at fault (``"dose"``, ``"dead_space"``) when
    there is one; each adapter words it (the CLI as a flag, the web as a form box).
    Core messages never name a command-line flag.
    """

    code = "invalid_input"
    field: str | None = None

    def __init__(self, message: str, *, input: str, expected: str) -> None:
        super().__init__(message)
        self.input = input
        self.expected = expected

    def at(self, field: str) -> InputError:
        """This error, naming ``field`` (kept if a more precise one is already set)."""
        if self.field is None:
            self.field = field
        return self

    def details(self) -> dict[str, Any]:
        found = {"input": self.input, "expected": self.expected}
        return found if self.field is None else {**found, "field": self.field}


class MissingFieldsError(InputError):
    """Several fields are needed together; ``fields`` names them all (``field`` the first)."""

    code = "missing_fields"

    def __init__(
        self,
        message: str,
        *,
        input: str,
        expected: str,
        fields: tuple[str, ...],
        hints: dict[str, str] | None = None,
    ):
        super().__init__(message, input=input, expected=expected)
        self.fields = fields
        self.field = fields[0] if fields else None
        self.hints = hints or {}
        """Per field: what to give there (e.g. 'the absorption rate ka, e.g. 1.5/h')."""

    def details(self) -> dict[str, Any]:
        return {**super().details(), "fields": list(self.fields)}


class QuantityError(InputError):
    """A quantity such as ``250 mcg`` could not be accepted."""

    code = "invalid_quantity"


class AmbiguousNumberError(QuantityError):
    """A number whose meaning depends on the reader's locale (``1,000``)."""

    code = "ambiguous_number"


class MissingUnitError(QuantityError):
    """A bare number where a unit is required (``250``)."""

    code = "missing_unit"


class UnitKindError(QuantityError):
    """A quantity of the wrong kind, e.g. a volume where a mass is needed."""

    code = "wrong_unit_kind"

    def __init__(self, message: str, *, input: str, expected: str, actual: str) -> None:
        super().__init__(message, input=input, expected=expected)
        self.actual = actual

    def details(self) -> dict[str, Any]:
        return {**super().details(), "actual": self.actual}


class SequenceError(InputError):
    """A peptide sequence could not be parsed."""

    code = "invalid_sequence"


class UnknownResidueError(SequenceError):
    """A residue symbol that is not a known amino acid."""

    code = "unknown_residue"

    def __init__(self, message: str, *, input: str, symbol: str, position: int) -> None:
        super().__init__(
            message,
            input=input,
            expected="one-letter codes (e.g. TKPRPGP) or hyphenated three-letter codes",
        )
        self.symbol = symbol
        self.position = position

    def details(self) -> dict[str, Any]:
        return {**super().details(), "symbol": self.symbol, "position": self.position}


class ProFormaError(SequenceError):
    """A ProForma peptidoform that cannot be read; ``position`` is the 1-based character."""

    code = "invalid_proforma"

    def __init__(
        self, message: str, *, input: str, expected: str, position: int, suggestions: list[str]
    ) -> None:
        super().__init__(message, input=input, expected=expected)
        self.position = position
        self.suggestions = suggestions

    def details(self) -> dict[str, Any]:
        return {**super().details(), "position": self.position, "suggestions": self.suggestions}


class UnknownNameError(PeptidekitError, LookupError):
    """A name (pKa set, compound, route...) that is not in a known list."""

    code = "unknown_name"

    def __init__(self, message: str, *, what: str, name: str, choices: list[str]) -> None:
        super().__init__(message)
        self.what = what
        self.name = name
        self.choices = choices

    def details(self) -> dict[str, Any]:
        return {"what": self.what, "name": self.name, "choices": self.choices}


def unknown_name(what: str, name: str, choices: list[str]) -> UnknownNameError:
    """Build the standard error for a name that is not one of ``choices``."""
    listed = ", ".join(choices)
    return UnknownNameError(
        f"unknown {what} {name!r}: expected one of {listed}",
        what=what,
        name=name,
        choices=choices,
    )


class KnowledgeDataError(PeptidekitError, ValueError):
    """A knowledge-base data file that does not validate."""

    code = "invalid_knowledge_data"

    def __init__(self, message: str, *, file: str, problems: list[str]) -> None:
        super().__init__(message)
        self.file = file
        self.problems = problems

    def details(self) -> dict[str, Any]:
        return {"file": self.file, "problems": self.problems}


class UnknownCompoundError(UnknownNameError):
    """A compound name that matches no compound or alias."""

    code = "unknown_compound"

    def __init__(self, name: str, *, suggestions: list[str], choices: list[str]) -> None:
        hint = f"; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        if any(mark in name for mark in (",", "+", "/")) and len(suggestions) > 1:
            hint = (
                f"; it names several compounds ({', '.join(suggestions)}): give each its "
                "own component of a stack, or a blend vial"
            )
        super().__init__(
            f"unknown compound {name!r}{hint} (known: {', '.join(choices)})",
            what="compound",
            name=name,
            choices=choices,
        )
        self.suggestions = suggestions

    def details(self) -> dict[str, Any]:
        return {**super().details(), "suggestions": self.suggestions}


class ImpossibleDoseError(InputError):
    """Dose arithmetic that cannot be carried out as asked, with what to do instead."""

    code = "impossible_dose"

    def __init__(self, message: str, *, input: str, expected: str, suggestion: str) -> None:
        super().__init__(f"{message}; {suggestion}", input=input, expected=expected)
        self.suggestion = suggestion

    def details(self) -> dict[str, Any]:
        return {**super().details(), "suggestion": self.suggestion}


class NotFoundError(PeptidekitError, LookupError):
    """A journal record (profile, vial, protocol...) that does not exist for this profile."""

    code = "not_found"

    def __init__(self, what: str, key: str) -> None:
        super().__init__(f"no {what} {key!r} in this journal")
        self.what = what
        self.key = key

    def details(self) -> dict[str, Any]:
        return {"what": self.what, "key": self.key}


class RefusedError(InputError):
    """A journal write refused for a reason the user must act on (expired vial...)."""

    code = "refused"


class ConfirmationNeededError(RefusedError):
    """A journal write that would go through, but with warnings the user must confirm."""

    code = "confirmation_needed"

    def __init__(self, message: str, *, warnings: list[dict[str, str]]) -> None:
        super().__init__(message, input="confirm", expected="a confirmation of the warnings")
        self.warnings = warnings

    def details(self) -> dict[str, Any]:
        return {**super().details(), "warnings": self.warnings}


class UnitSlipError(ConfirmationNeededError):
    """A dose that looks like a unit slip (about 1000 times off the reference): no result
    is given unless the person confirms the dose as typed."""

    code = "likely_unit_slip"

    def __init__(self, message: str, *, warnings: list[dict[str, str]], dose: str) -> None:
        super().__init__(message, warnings=warnings)
        self.input = dose
        self.expected = "a dose in the unit meant, or a confirmation"


class OverdrawError(RefusedError):
    """Taking more from a vial than is left in it (checked in the same statement as the write)."""

    code = "overdraw"


class ProfileChoiceError(InputError):
    """The journal has no profile yet, or several and none was chosen."""

    code = "profile_needed"

    def __init__(self, message: str, *, choices: list[str]) -> None:
        super().__init__(message, input="profile", expected="one of: " + ", ".join(choices))
        self.choices = choices

    def details(self) -> dict[str, Any]:
        return {**super().details(), "choices": self.choices}


class DimensionalityError(QuantityError):
    """Two quantities of different dimensions were combined or converted (mg to mL)."""

    code = "incompatible_units"


class UnknownUnitError(QuantityError):
    """A unit name that is not in peptidekit's registry."""

    code = "unknown_unit"


class BusyError(PeptidekitError):
    """The journal's database is locked by another writer for longer than the wait allowed;
    nothing was changed, and the same request can simply be sent again."""

    code = "busy"

    def __init__(self, waited_s: float) -> None:
        super().__init__(
            f"the journal is busy (another program held it for more than {waited_s:g} s), "
            "try again; nothing was changed"
        )
        self.retry_after_s = max(1, round(waited_s / 10))

    def details(self) -> dict[str, Any]:
        return {"retry_after_s": self.retry_after_s}


class StoredDataError(PeptidekitError, ValueError):
    """A row already in the journal (written by an older version, or edited by hand) that
    cannot be read: named by table, row and column, so it can be corrected or deleted."""

    code = "unreadable_row"

    def __init__(self, table: str, row: str, column: str, problem: str) -> None:
        super().__init__(
            f"table {table}, row {row}, column {column}: {problem} (a row stored by an older "
            "version or changed outside peptidekit: export the journal, correct this row in "
            "the file, and import it again, replacing the journal)"
        )
        self.table, self.row, self.column = table, row, column

    def details(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "column": self.column}
