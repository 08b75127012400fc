"""Export, import, backup and restore: round trips, refusals, and a killed process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from peptidekit.errors import InputError, RefusedError
from peptidekit.store.journal import Journal
from peptidekit.store.transfer import (
    backup,
    doses_csv,
    export_all,
    import_all,
    restore,
)
from tests.unit.journal.test_journal import add_vial, at, spec


@pytest.fixture
def filled(journal: Journal) -> Journal:
    journal.create_profile("ana", "Europe/Moscow")
    journal.create_profile("ben", "America/New_York")
    journal.add_protocol("ana", spec(), "plan")
    vial = add_vial(journal)
    journal.log_dose(
        "ana",
        at=at(1, 5),
        amount_mcg=250,
        vial_id=vial,
        site="arm-left",
        notes='=HYPERLINK("http://x")',
    )
    journal.checkin("ana", at=at(1, 9), gad7=[1, 2, 1, 0, 0, 1, 2], side_effects="none")
    return journal


def wipe(engine: Engine) -> None:
    from sqlalchemy import delete

    from peptidekit.store.models import TABLES_IN_ORDER

    with engine.begin() as connection:
        for model in reversed(TABLES_IN_ORDER):
            connection.execute(delete(model))


def test_export_wipe_import_gives_the_same_document(filled: Journal) -> None:
    before = export_all(filled.engine)
    assert {k: len(v) for k, v in before["tables"].items()} == {
        "profiles": 2,
        "vials": 1,
        "protocols": 1,
        "planned_doses": 8,
        "dose_events": 1,
        "checkins": 1,
    }
    wipe(filled.engine)
    assert export_all(filled.engine)["tables"]["profiles"] == []
    import_all(filled.engine, json.loads(json.dumps(before)))
    assert export_all(filled.engine) == before


def test_import_refuses_a_non_empty_journal_unless_replacing(filled: Journal) -> None:
    data = export_all(filled.engine)
    with pytest.raises(RefusedError, match="not empty"):
        import_all(filled.engine, data)
    import_all(filled.engine, data, replace=True)
    assert export_all(filled.engine) == data


def test_a_bad_import_changes_nothing(filled: Journal) -> None:
    before = export_all(filled.engine)
    broken = json.loads(json.dumps(before))
    broken["tables"]["checkins"][0]["mood"] = 3  # an unknown column, after the other tables
    with pytest.raises(InputError, match="unknown column"):
        import_all(filled.engine, broken, replace=True)
    assert export_all(filled.engine) == before
    with pytest.raises(InputError, match="not a peptidekit-journal export"):
        import_all(filled.engine, {"format": "other"})


def test_backup_and_restore_through_a_file(filled: Journal, tmp_path: Path) -> None:
    path = tmp_path / "journal.backup"
    backup(filled.engine, path)
    before = export_all(filled.engine)
    wipe(filled.engine)
    restore(filled.engine, path)
    assert export_all(filled.engine) == before
    (tmp_path / "junk").write_text("not json")
    with pytest.raises(InputError, match="not a peptidekit backup"):
        restore(filled.engine, tmp_path / "junk")


def test_dose_csv_is_safe_against_formulas(filled: Journal) -> None:
    text = doses_csv(filled.engine, "ana")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


KILLED_IMPORT = """
import json, sys, time
from pathlib import Path
from peptidekit.store.db import open_engine
from peptidekit.store.transfer import import_all
engine = open_engine(sys.argv[1])
data = json.loads(Path(sys.argv[2]).read_text())
marker = Path(sys.argv[3])
def progress(done, total):
    if done >= total // 2 and not marker.exists():
        marker.write_text(str(done))
        time.sleep(60)
import_all(engine, data, replace=True, progress=progress)
"""


def test_a_process_killed_mid_import_leaves_the_database_as_it_was(
    filled: Journal, tmp_path: Path
) -> None:
    url = filled.engine.url.render_as_string(hide_password=False)
    before = export_all(filled.engine)
    big = json.loads(json.dumps(before))
    events = big["tables"]["dose_events"]
    template = events[0]
    for i in range(5000):
        events.append({**template, "id": f"{i:032d}", "notes": None})
    source = tmp_path / "big.json"
    source.write_text(json.dumps(big))
    marker = tmp_path / "half-way"
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, url, str(source), str(marker)],
        env={**os.environ},
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the import never got half way"
        time.sleep(0.05)
    assert int(marker.read_text()) >= 2500
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    filled.engine.dispose()  # new connections see what is durable
    assert export_all(filled.engine) == before
