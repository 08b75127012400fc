"""Export, import, backup and restore of the whole journal, each all-or-nothing.

The export is plain JSON: every table's rows, UTC times in ISO 8601, ids
kept, so export -> wipe -> import -> export gives the same document. Import
runs in one transaction: a failure, or a process killed half way, leaves the
database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Engine,
    Float,
    Integer,
    String,
    delete,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from peptidekit import __version__
from peptidekit.csvsafe import safe_csv
from peptidekit.errors import InputError, RefusedError
from peptidekit.files import write_atomically
from peptidekit.journal.core import check_journal_time
from peptidekit.protocol.spec import zone
from peptidekit.store.db import transaction
from peptidekit.store.models import TABLES_IN_ORDER, Base, DoseEvent, Profile, UTCDateTime

FORMAT = "peptidekit-journal"
FORMAT_VERSION = 1
IMPORT_CHUNK = 1000


def _columns(model: type[Base]) -> list[Any]:
    return list(inspect(model).columns)


def _encode(column: Any, value: Any) -> Any:
    if value is not None and isinstance(column.type, UTCDateTime):
        return value.astimezone(dt.UTC).isoformat()
    return value


def _bad(where: str, column: Any, value: Any, expected: str) -> InputError:
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    return InputError(
        f"{where}, column {column.name}: {shown} is not {expected}",
        input=shown,
        expected=expected,
    )


def _decode(column: Any, value: Any, where: str = "import") -> Any:
    """One cell of an export, checked against its column's type before it reaches SQL."""
    kind = column.type
    if value is None:
        if not column.nullable and column.default is None:
            raise _bad(where, column, value, "allowed to be empty")
        return None
    if isinstance(kind, UTCDateTime):
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise _bad(where, column, value, "an ISO 8601 time with an offset")
        return check_journal_time(parsed, f"{where}, column {column.name}", value)
    if isinstance(kind, String):  # Text too
        if not isinstance(value, str) or (kind.length is not None and len(value) > kind.length):
            limit = "" if kind.length is None else f" of at most {kind.length} characters"
            raise _bad(where, column, value, f"text{limit}")
        if column.name == "tz":
            zone(value)
        return value
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _bad(where, column, value, "a number")
        if not math.isfinite(value) or abs(value) > 1e12:
            raise _bad(where, column, value, "a finite number")
        return float(value)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**31:
            raise _bad(where, column, value, "a whole number")
        return value
    if isinstance(kind, JSON) and not isinstance(value, list | dict):
        raise _bad(where, column, value, "a list or an object")
    return value


def export_all(engine: Engine) -> dict[str, Any]:
    """Every row of every table, in one consistent read."""
    with transaction(engine, write=False) as s:
        tables = {}
        for model in TABLES_IN_ORDER:
            columns = _columns(model)
            rows = s.execute(select(*columns).order_by(model.id)).all()
            tables[model.__tablename__] = [
                {c.name: _encode(c, v) for c, v in zip(columns, row, strict=True)} for row in rows
            ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "peptidekit_version": __version__,
        "tables": tables,
    }


def _is_empty(s: Session) -> bool:
    return s.scalar(select(Profile.id).limit(1)) is None


def import_all(
    engine: Engine,
    data: dict[str, Any],
    *,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Load an export. Refuses a non-empty journal unless ``replace`` (which wipes
    it in the same transaction)."""
    if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise InputError(
            f"not a {FORMAT} export (format {data.get('format')!r}, "
            f"version {data.get('format_version')!r})",
            input=str(data.get("format")),
            expected=f"{FORMAT} version {FORMAT_VERSION}",
        )
    tables = data.get("tables", {})
    if not isinstance(tables, dict) or any(
        not isinstance(tables.get(m.__tablename__, []), list) for m in TABLES_IN_ORDER
    ):
        raise InputError(
            "the export's 'tables' is not an object of lists of rows",
            input="tables",
            expected="an export written by 'journal export'",
        )
    total = sum(len(tables.get(m.__tablename__, [])) for m in TABLES_IN_ORDER)
    counts: dict[str, int] = {}
    try:
        _import(engine, tables, replace, progress, total, counts)
    except SQLAlchemyError as error:  # a rule of the schema: a key, a reference, a check
        reason = str(getattr(error, "orig", None) or error).splitlines()[0][:200]
        raise InputError(
            f"import refused, nothing was changed: the file breaks a rule of the journal "
            f"({reason})",
            input="import",
            expected="an export written by 'journal export'",
        ) from error
    return counts


def _import(
    engine: Engine,
    tables: dict[str, Any],
    replace: bool,
    progress: Callable[[int, int], None] | None,
    total: int,
    counts: dict[str, int],
) -> None:
    done = 0
    with transaction(engine) as s:
        if engine.dialect.name == "postgresql":  # one import at a time, none beside a write
            s.execute(text("LOCK TABLE profiles IN EXCLUSIVE MODE"))
        if not _is_empty(s):
            if not replace:
                raise RefusedError(
                    "the journal is not empty; import into an empty journal, or replace it "
                    "(wiped first, in the same transaction)",
                    input="import",
                    expected="an empty journal, or replace",
                ).at("replace")
            for model in reversed(TABLES_IN_ORDER):
                s.execute(delete(model))
        for model in TABLES_IN_ORDER:
            columns = {c.name: c for c in _columns(model)}
            rows = tables.get(model.__tablename__, [])
            for start in range(0, len(rows), IMPORT_CHUNK):
                chunk = rows[start : start + IMPORT_CHUNK]
                decoded = []
                for number, row in enumerate(chunk, start=start + 1):
                    where = f"table {model.__tablename__}, row {number}"
                    if not isinstance(row, dict):
                        raise InputError(
                            f"{where} is not an object of columns",
                            input=where,
                            expected='an object such as {"id": ...}',
                        )
                    unknown = set(row) - set(columns)
                    if unknown:
                        raise InputError(
                            f"table {model.__tablename__}: unknown column(s) {sorted(unknown)}",
                            input=str(sorted(unknown)),
                            expected=f"columns of {model.__tablename__}",
                        )
                    missing = [
                        name
                        for name, column in columns.items()
                        if name not in row and not column.nullable and column.default is None
                    ]
                    if missing:
                        raise InputError(
                            f"{where}: missing column(s) {missing}",
                            input=str(missing),
                            expected=f"every column of {model.__tablename__}",
                        )
                    decoded.append({k: _decode(columns[k], v, where) for k, v in row.items()})
                s.execute(insert(model), decoded)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
            counts[model.__tablename__] = len(rows)


def backup(engine: Engine, path: Path) -> dict[str, int]:
    """A gzip-compressed export, written atomically."""
    data = export_all(engine)
    write_atomically(path, gzip.compress(json.dumps(data).encode()))
    return {name: len(rows) for name, rows in data["tables"].items()}


def read_export(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    try:
        text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        data = json.loads(text)
    except (OSError, ValueError) as error:
        raise InputError(
            f"{str(path)!r} is not a peptidekit backup or export: {error}",
            input=str(path),
            expected="a file written by 'journal backup' or 'journal export'",
        ) from error
    if not isinstance(data, dict):
        raise InputError(f"{str(path)!r} is not an export", input=str(path), expected="JSON object")
    return data


def restore(engine: Engine, path: Path, *, replace: bool = False) -> dict[str, int]:
    return import_all(engine, read_export(path), replace=replace)


EVENT_COLUMNS = (
    "at",
    "tz",
    "status",
    "compound",
    "amount_mcg",
    "taken_from_vial_mcg",
    "route",
    "site",
    "vial_id",
    "planned_dose_id",
    "notes",
)


def doses_csv(engine: Engine, profile: str) -> str:
    from peptidekit.store.journal import Journal

    events = Journal(engine).history(profile)
    rows = ([_encode_event(e, c) for c in EVENT_COLUMNS] for e in events)
    return safe_csv(EVENT_COLUMNS, rows)


def _encode_event(event: DoseEvent, column: str) -> Any:
    value = getattr(event, column)
    return value.isoformat() if isinstance(value, dt.datetime) else value
