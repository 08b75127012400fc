"""A throwaway PostgreSQL server for the tests, or a visible skip when there is none."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh server; skip the caller with the reason if impossible."""
    external = os.environ.get("PEPTIDEKIT_TEST_POSTGRES")
    if external:
        yield external
        return
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: PostgreSQL runs skipped"
        )
    as_user: list[str] = []
    folder = tempfile.mkdtemp(prefix="peptidekit-pg-")
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = os.path.join(folder, "data")
    port = _free_port()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*as_user, *args], capture_output=True, text=True, check=False)

    init = run(initdb, "-D", data, "-A", "trust", "-U", "peptidekit", "-E", "UTF8", "--no-sync")
    if init.returncode != 0:
        pytest.skip(f"initdb failed, PostgreSQL runs skipped: {init.stderr.strip()[:300]}")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    start = run(pg_ctl, "-D", data, "-o", options, "-l", os.path.join(folder, "log"), "-w", "start")
    if start.returncode != 0:
        pytest.skip(f"PostgreSQL did not start, its runs skipped: {start.stderr.strip()[:300]}")
    try:
        yield f"postgresql+psycopg://peptidekit@127.0.0.1:{port}/postgres"
    finally:
        run(pg_ctl, "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
