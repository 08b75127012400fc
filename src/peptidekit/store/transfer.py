"""Export, import, backup and restore of the whole journal, each all-or-nothing.

The export is plain JSON: every table's rows, UTC times in ISO 8601, ids
kept, so export -> wipe -> import -> export gives the same document. Import
runs in one transaction: a failure, or a process killed half way, leaves the
database exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from peptidekit import __version__
from peptidekit.csvsafe import safe_csv
from peptidekit.errors import InputError, RefusedError
from peptidekit.files import read_limited, shown, write_atomically
from peptidekit.store.db import transaction
from peptidekit.store.import_checks import Tables, checked_tables
from peptidekit.store.models import TABLES_IN_ORDER, Base, DoseEvent, Profile, UTCDateTime

FORMAT = "peptidekit-journal"
FORMAT_VERSION = 1
IMPORT_CHUNK = 1000
EXPORT_LIMIT = 64 << 20
"""The most bytes an export (a backup once inflated) may hold: import and restore refuse
more, naming it, so a crafted file (a gzip bomb) never fills memory; export and backup
refuse to write a file that restore would refuse."""


def _columns(model: type[Base]) -> list[Any]:
    return list(inspect(model).columns)


def _encode(column: Any, value: Any) -> Any:
    if value is not None and isinstance(column.type, UTCDateTime):
        return value.astimezone(dt.UTC).isoformat()
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
    checked = checked_tables(tables)  # everything, before anything is written
    total = sum(len(rows) for rows in checked.values())
    try:
        _import(engine, checked, replace, progress, total)
    except SQLAlchemyError as error:  # a rule of the schema the checks above do not know
        reason = str(getattr(error, "orig", None) or error).splitlines()[0][:200]
        raise InputError(
            f"import refused, nothing was changed: the file breaks a rule of the journal "
            f"({reason})",
            input="import",
            expected="an export written by 'journal export'",
        ) from error
    return {name: len(rows) for name, rows in checked.items()}


def _import(
    engine: Engine,
    tables: Tables,
    replace: bool,
    progress: Callable[[int, int], None] | None,
    total: int,
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
            rows = tables[model.__tablename__]
            for start in range(0, len(rows), IMPORT_CHUNK):
                chunk = rows[start : start + IMPORT_CHUNK]
                s.execute(insert(model), chunk)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)


def export_bytes(engine: Engine, *, indent: int | None = None) -> tuple[bytes, dict[str, int]]:
    """The export as JSON bytes and each table's row count; refused when it is larger
    than an import accepts (a file that could not be restored is not written)."""
    data = export_all(engine)
    raw = json.dumps(data, indent=indent).encode()
    if len(raw) > EXPORT_LIMIT:
        raise RefusedError(
            f"the journal's export is {len(raw) >> 20} MiB, more than the {EXPORT_LIMIT >> 20} "
            "MiB an import accepts; nothing was written",
            input="export",
            expected=f"an export of at most {EXPORT_LIMIT >> 20} MiB",
        )
    return raw, {name: len(rows) for name, rows in data["tables"].items()}


def backup(engine: Engine, path: Path | str, *, replace: bool = False) -> dict[str, int]:
    """A gzip-compressed export, written atomically; an existing file only if ``replace``."""
    import gzip

    raw, counts = export_bytes(engine)
    write_atomically(path, gzip.compress(raw, mtime=0), replace=replace)
    return counts


def inflate(raw: bytes, path: Path | str) -> bytes:
    """A gzip file's content, inflated piece by piece and refused past ``EXPORT_LIMIT``
    (a 1 MiB file can inflate to gigabytes)."""
    inflater = zlib.decompressobj(wbits=31)  # gzip framing
    pieces: list[bytes] = []  # 1 MiB each: no buffer is ever copied to grow it
    size = 0
    pending = raw
    try:
        while pending and not inflater.eof and size <= EXPORT_LIMIT:
            pieces.append(inflater.decompress(pending, 1 << 20))
            size += len(pieces[-1])
            pending = inflater.unconsumed_tail
        if not inflater.eof and size <= EXPORT_LIMIT:
            pieces.append(inflater.flush())  # at most a window's worth, kept back by zlib
            size += len(pieces[-1])
    except zlib.error as error:
        raise _not_export(path, f"damaged gzip data ({error})") from error
    if size > EXPORT_LIMIT:
        pieces.clear()
        raise InputError(
            f"the file {shown(path)} inflates to more than {EXPORT_LIMIT >> 20} MiB, "
            "the limit of a backup; nothing was read into the journal",
            input=shown(path),
            expected=f"a backup of at most {EXPORT_LIMIT >> 20} MiB once inflated",
        )
    if not inflater.eof:
        raise _not_export(path, "gzip data cut short")
    if inflater.unused_data:
        raise _not_export(path, "more data after the compressed export")
    return b"".join(pieces)


def _not_export(path: Path | str, why: str) -> InputError:
    return InputError(
        f"{shown(path)} is not a peptidekit backup or export: {why}",
        input=shown(path),
        expected="a file written by 'journal backup' or 'journal export'",
    )


def read_export(path: Path | str) -> dict[str, Any]:
    """An export or a backup, read with limits (``EXPORT_LIMIT``, raw and inflated)."""
    raw = read_limited(path, EXPORT_LIMIT, "an export")
    text = inflate(raw, path) if raw[:2] == b"\x1f\x8b" else raw
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise _not_export(path, str(error)[:200]) from error
    if not isinstance(data, dict):
        raise _not_export(path, "not a JSON object")
    return data


def restore(engine: Engine, path: Path | str, *, replace: bool = False) -> dict[str, int]:
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
