"""Imports that would break the journal are refused whole, naming table, row and column;
rows that are already bad (inserted with raw SQL, as an older version might have left
them) are reported by the commands that read them, never an internal error."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from peptidekit.errors import InputError, StoredDataError
from peptidekit.store.journal import Journal
from peptidekit.store.transfer import export_all, import_all
from peptidekit.store.views import vial_dict
from tests.unit.journal.test_journal import add_vial, at, spec


@pytest.fixture
def filled(journal: Journal) -> Journal:
    journal.create_profile("ana", "Europe/Moscow")
    journal.add_protocol("ana", spec(), "plan")
    vial = add_vial(journal)
    add_vial(journal, components=[("Semax", 3000.0), ("Selank", 6000.0)])
    journal.log_dose("ana", at=at(1, 5), amount_mcg=250, vial_id=vial, site="arm-left")
    journal.checkin("ana", at=at(1, 9), gad7=[1, 2, 1, 0, 0, 1, 2])
    return journal


def _set(table: str, row: int | str, column: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Set a cell of row ``row`` (counted from 0), or of the vial named ``row``."""

    def change(data: dict[str, Any]) -> None:
        rows = data["tables"][table]
        found = rows[row] if isinstance(row, int) else next(r for r in rows if r["compound"] == row)
        found[column] = value

    return change


def _spec(field: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["tables"]["protocols"][0]["spec"][field] = value

    return change


BLEND = "Semax + Selank"
# (what the file holds, the table/row/column the refusal must name): the cases first
BAD_FILES = [
    (_set("vials", "Selank", "components", "not json"), "column components"),
    (_spec("times", 5), "table protocols, row 1, column spec.times"),
    (
        _set("vials", BLEND, "components", '[["Semax", "abc"], ["Selank", 6000]]'),
        "column components",
    ),
    (_set("vials", "Selank", "volume_ml", 0), "column volume_ml"),
    (_set("vials", "Selank", "remaining_mcg", 1e11), "column remaining_mcg"),
    (_spec("times", ["25:00"]), "column spec.times"),
    (_spec("course_days", "14"), "column spec.course_days"),
    (_spec("start", "9999-01-01"), "column spec.start"),
    (_set("vials", "Selank", "compound", "Notapeptide"), "column compound"),
    (_set("vials", BLEND, "compound", "Notapeptide"), "column compound"),
    (_set("dose_events", 0, "status", "eaten"), "table dose_events, row 1, column status"),
    (_set("dose_events", 0, "vial_id", "f" * 32), "table dose_events, row 1, column vial_id"),
    (
        _set("checkins", 0, "gad7_items", [1, 2, 9, 0, 0, 1, 2]),
        "table checkins, row 1, column gad7_items",
    ),
    (_set("checkins", 0, "gad7_score", 20), "table checkins, row 1, column gad7_score"),
    (
        _set("planned_doses", 3, "amount_mcg", -250.0),
        "table planned_doses, row 4, column amount_mcg",
    ),
    (_set("vials", 0, "storage", "oven"), "table vials, row 1, column storage"),
    (_set("vials", 1, "kind", "jar"), "table vials, row 2, column kind"),
]


@pytest.mark.parametrize(("change", "named"), BAD_FILES)
def test_a_bad_file_is_refused_whole_naming_its_first_problem(
    filled: Journal, change: Callable[[dict[str, Any]], None], named: str
) -> None:
    before = export_all(filled.engine)
    data = json.loads(json.dumps(before))
    change(data)
    with pytest.raises(InputError) as refused:
        import_all(filled.engine, data, replace=True)
    assert named in refused.value.message
    assert export_all(filled.engine) == before  # nothing written, the old journal intact


def test_the_first_problem_is_named_when_there_are_several(filled: Journal) -> None:
    data = copy.deepcopy(export_all(filled.engine))
    data["tables"]["checkins"][0]["gad7_score"] = 99  # later table
    data["tables"]["vials"][1]["volume_ml"] = -1.0  # earlier table, second row
    data["tables"]["vials"][1]["remaining_mcg"] = -1.0  # the same row, a later column
    with pytest.raises(InputError, match="table vials, row 2, column volume_ml"):
        import_all(filled.engine, data, replace=True)


def test_every_column_of_the_models_round_trips(filled: Journal) -> None:
    """The checks read the columns from the models (a migration's new column needs no
    list updated): a full export, every column present, imports back unchanged."""
    before = export_all(filled.engine)
    import_all(filled.engine, copy.deepcopy(before), replace=True)
    assert export_all(filled.engine) == before
    assert len(before["tables"]["vials"][1]) == len(before["tables"]["vials"][0])


def _raw(journal: Journal, sql: str) -> None:
    with journal.engine.begin() as connection:
        connection.execute(text(sql))


def test_a_stored_vial_that_cannot_be_read_names_its_row(filled: Journal) -> None:
    _raw(filled, "UPDATE vials SET components = 'not json' WHERE compound = 'Selank'")
    bad = next(v for v in filled.vials("ana") if v.compound == "Selank")
    with pytest.raises(StoredDataError) as unreadable:
        vial_dict(bad)
    assert unreadable.value.to_dict()["table"] == "vials"
    assert unreadable.value.row == bad.id[:8]
    assert "column components" in unreadable.value.message
    with pytest.raises(StoredDataError, match="column components"):
        filled.log_dose("ana", at=at(1, 17), amount_mcg=250, vial_id=bad.id)


def test_a_stored_protocol_with_bad_times_names_its_row_when_a_dose_is_logged(
    filled: Journal,
) -> None:
    stored = export_all(filled.engine)["tables"]["protocols"][0]["spec"]
    bad = json.dumps({**stored, "times": 5})
    cast = "CAST(:spec AS JSON)" if filled.engine.dialect.name == "postgresql" else ":spec"
    with filled.engine.begin() as connection:
        connection.execute(text(f"UPDATE protocols SET spec = {cast}"), {"spec": bad})
    vial = next(v for v in filled.vials("ana") if v.compound == "Selank")
    with pytest.raises(StoredDataError, match=r"table protocols, row \w+, column spec\.times"):
        filled.log_dose("ana", at=at(2, 5), amount_mcg=250, vial_id=vial.id)
