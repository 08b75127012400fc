"""Checking a whole export before any of it is written.

Every cell against its column's type (taken from the models, so a column a
migration adds is accepted with no list to update), every structured cell parsed
(a blend's components, a protocol's spec), every row against the journal's rules
(stock at most the content, positive amounts and volumes, known compounds, GAD-7
answers 0-3 adding up to the score), and every reference against the rows the
file holds. The first problem is named by table, row and column.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, Float, Integer, String, inspect

from peptidekit.errors import InputError, PeptidekitError
from peptidekit.journal.core import check_journal_time
from peptidekit.protocol.spec import zone
from peptidekit.store.cells import CellError, check_spec, components
from peptidekit.store.models import TABLES_IN_ORDER, Base, UTCDateTime
from peptidekit.vocabulary import DOSE_STATUSES, STORAGE, VIAL_KINDS

Row = dict[str, Any]
Tables = dict[str, list[Row]]
STATUSES = DOSE_STATUSES
KINDS = VIAL_KINDS


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Where:
    """Table and row (counted from 1) of the cell being checked."""

    def __init__(self, table: str, row: int) -> None:
        self.table, self.row = table, row

    def __str__(self) -> str:
        return f"table {self.table}, row {self.row}"

    def bad(self, column: str, value: Any, expected: str) -> InputError:
        return InputError(
            f"{self}, column {column}: {_shown(value)} is not {expected}",
            input=_shown(value),
            expected=expected,
        )

    def problem(self, problem: CellError) -> InputError:
        return InputError(
            f"{self}, column {problem.column}: {problem.problem}",
            input=problem.column,
            expected="a value 'journal export' writes",
        )


def decode(column: Any, value: Any, where: Where) -> Any:
    """One cell, checked against its column's type before it reaches SQL."""
    kind, name = column.type, column.name
    if value is None:
        if not column.nullable and (column.default is None or column.primary_key):
            raise where.bad(name, value, "allowed to be empty")
        return None
    if isinstance(kind, UTCDateTime):
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise where.bad(name, value, "an ISO 8601 time with an offset")
        return check_journal_time(parsed, f"{where}, column {name}", value)
    if isinstance(kind, String):  # Text too
        if not isinstance(value, str) or (kind.length is not None and len(value) > kind.length):
            limit = "" if kind.length is None else f" of at most {kind.length} characters"
            raise where.bad(name, value, f"text{limit}")
        if name == "tz":
            try:
                zone(value)
            except PeptidekitError:
                raise where.bad(name, value, "an IANA time zone such as Europe/Moscow") from None
        return value
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise where.bad(name, value, "a number")
        if not math.isfinite(value) or abs(value) > 1e12:
            raise where.bad(name, value, "a finite number")
        return float(value)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**31:
            raise where.bad(name, value, "a whole number")
        return value
    if isinstance(kind, JSON) and not isinstance(value, list | dict):
        raise where.bad(name, value, "a list or an object")
    return value


class Checker:
    """The rules of each table, applied to decoded rows in the order tables are written,
    with the ids seen so far (a reference must point at a row of the same profile)."""

    def __init__(self) -> None:
        self.ids: dict[str, dict[str, str]] = {m.__tablename__: {} for m in TABLES_IN_ORDER}
        self.names: set[str] = set()
        self._known: dict[str, bool] = {}

    def check(self, table: str, row: Row, where: Where) -> None:
        own = self.ids[table]
        if row["id"] in own:
            raise where.bad("id", row["id"], "an id used once (it repeats an earlier row)")
        if table != "profiles":
            self._refers(where, "profile_id", row["profile_id"], "profiles", None)
        RULES[table](self, row, where)
        own[row["id"]] = row["id"] if table == "profiles" else row["profile_id"]

    def _refers(self, where: Where, column: str, key: Any, table: str, profile: str | None) -> None:
        owner = self.ids[table].get(key)
        if owner is None or (profile is not None and owner != profile):
            whose = "" if profile is None else " of the same profile"
            raise where.bad(column, key, f"the id of a row in {table}{whose}")

    def compound(self, where: Where, column: str, name: Any) -> None:
        if name is None:
            return
        if name not in self._known:
            from peptidekit.knowledge.index import dose_index

            try:
                dose_index().compound(name)
                self._known[name] = True
            except PeptidekitError:
                self._known[name] = False
        if not self._known[name]:
            raise where.bad(
                column, name, "a compound of the knowledge base (add a custom one first)"
            )


def _profiles(c: Checker, row: Row, where: Where) -> None:
    if not row["name"].strip() or row["name"] in c.names:
        raise where.bad("name", row["name"], "a name used by one profile only")
    c.names.add(row["name"])


def _positive(where: Where, row: Row, *columns: str) -> None:
    for column in columns:
        if row.get(column) is not None and not row[column] > 0:
            raise where.bad(column, row[column], "a positive number")


def _not_negative(where: Where, row: Row, *columns: str) -> None:
    for column in columns:
        if row.get(column) is not None and not row[column] >= 0:
            raise where.bad(column, row[column], "zero or more")


def _vials(c: Checker, row: Row, where: Where) -> None:
    if row["kind"] not in KINDS:
        raise where.bad("kind", row["kind"], "'vial' or 'bottle'")
    if row["storage"] not in STORAGE:
        raise where.bad("storage", row["storage"], "one of " + ", ".join(STORAGE))
    _positive(where, row, "amount_mcg", "volume_ml")
    _not_negative(where, row, "remaining_mcg")
    if row["remaining_mcg"] > row["amount_mcg"] * (1 + 1e-9):
        raise where.bad(
            "remaining_mcg", row["remaining_mcg"], f"at most the vial's {row['amount_mcg']:g} mcg"
        )
    try:
        parts = components(row.get("components"))
    except CellError as problem:
        raise where.problem(problem) from None
    if parts and not math.isclose(parts[0][1], row["amount_mcg"], rel_tol=1e-9):
        raise where.bad("amount_mcg", row["amount_mcg"], "the first component's amount")
    if parts and row["compound"] != " + ".join(name for name, _ in parts):
        raise where.bad("compound", row["compound"], "the components' names joined by ' + '")
    for name, _ in parts or [(row["compound"], 0)]:
        c.compound(where, "components" if parts else "compound", name)
    if row.get("discard_by") is not None and row["discard_by"] < row["opened_at"]:
        raise where.bad("discard_by", row["discard_by"].isoformat(), "a time after opened_at")


def _protocols(c: Checker, row: Row, where: Where) -> None:
    c.compound(where, "compound", row.get("compound"))
    try:
        check_spec(row["spec"])
    except CellError as problem:
        raise where.problem(problem) from None


def _planned(c: Checker, row: Row, where: Where) -> None:
    c._refers(where, "protocol_id", row["protocol_id"], "protocols", row["profile_id"])
    for column in ("number", "cycle", "day_of_course"):
        if row[column] < 1:
            raise where.bad(column, row[column], "a whole number from 1")
    _positive(where, row, "amount_mcg")


def _events(c: Checker, row: Row, where: Where) -> None:
    for column, table in (("vial_id", "vials"), ("planned_dose_id", "planned_doses")):
        if row.get(column) is not None:
            c._refers(where, column, row[column], table, row["profile_id"])
    if row["status"] not in STATUSES:
        raise where.bad("status", row["status"], "one of " + ", ".join(STATUSES))
    _not_negative(where, row, "amount_mcg", "taken_from_vial_mcg", "asked_mcg", "draw_units")
    c.compound(where, "compound", row.get("compound"))


def _checkins(c: Checker, row: Row, where: Where) -> None:
    items = row["gad7_items"]
    if (
        not isinstance(items, list)
        or len(items) != 7
        or any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i <= 3 for i in items)
    ):
        raise where.bad("gad7_items", items, "seven answers 0-3")
    if row["gad7_score"] != sum(items):
        raise where.bad("gad7_score", row["gad7_score"], f"the sum of the answers ({sum(items)})")
    if row.get("sleep_hours") is not None and not 0 <= row["sleep_hours"] <= 24:
        raise where.bad("sleep_hours", row["sleep_hours"], "hours between 0 and 24")
    if row.get("sleep_quality") is not None and not 1 <= row["sleep_quality"] <= 5:
        raise where.bad("sleep_quality", row["sleep_quality"], "1 to 5")


RULES: dict[str, Callable[[Checker, Row, Where], None]] = {
    "profiles": _profiles,
    "vials": _vials,
    "protocols": _protocols,
    "planned_doses": _planned,
    "dose_events": _events,
    "checkins": _checkins,
}


def _columns(model: type[Base]) -> dict[str, Any]:
    return {c.name: c for c in inspect(model).columns}


def checked_tables(tables: dict[str, Any]) -> Tables:
    """Every row of an export decoded and checked; an input error at the first problem."""
    checker = Checker()
    out: Tables = {}
    for model in TABLES_IN_ORDER:
        name = model.__tablename__
        columns = _columns(model)
        rows = []
        for number, row in enumerate(tables.get(name, []), start=1):
            where = Where(name, number)
            if not isinstance(row, dict):
                raise InputError(
                    f"{where} is not an object of columns",
                    input=str(where),
                    expected='an object such as {"id": ...}',
                )
            unknown = set(row) - set(columns)
            if unknown:
                raise InputError(
                    f"{where}: unknown column(s) {sorted(unknown)}",
                    input=str(sorted(unknown)),
                    expected=f"columns of {name}",
                )
            missing = [
                c for c, column in columns.items()
                if c not in row and not column.nullable
                and (column.default is None or column.primary_key)
            ]  # fmt: skip
            if missing:
                raise InputError(
                    f"{where}: missing column(s) {missing}",
                    input=str(missing),
                    expected=f"every column of {name}",
                )
            decoded = {k: decode(columns[k], v, where) for k, v in row.items()}
            checker.check(name, decoded, where)
            rows.append(decoded)
        out[name] = rows
    return out
