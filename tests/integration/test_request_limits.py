"""Request bodies are limited per route before they are read: over the limit is 413 naming
it, a body without a length is cut off the moment it passes it, and the largest text the
checker accepts still fits. Against a real server: a 400 MiB JSON body to /api/check is
refused before it is sent, with the server's memory unchanged (before: 179 MB -> 1.46 GB)."""

from __future__ import annotations

import contextlib
import json
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from peptidekit.web.app import WebSettings, create_app
from peptidekit.web.limits import BODY_LIMIT, CHECK_BODY_LIMIT


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    settings = WebSettings(db_url=f"sqlite:///{tmp_path / 'journal.sqlite3'}")
    return TestClient(create_app(settings), base_url="http://127.0.0.1")


def test_a_body_over_its_routes_limit_is_refused_naming_the_limit(client: TestClient) -> None:
    headers = {"Content-Type": "application/json"}
    big = b'{"text": "' + b"a" * CHECK_BODY_LIMIT + b'"}'
    refused = client.post("/api/check", content=big, headers=headers)
    assert refused.status_code == 413
    assert refused.json()["error"]["code"] == "body_too_large"
    assert "larger than 3 MiB" in refused.json()["error"]["message"]
    small_route = b'{"vial": "' + b"5" * BODY_LIMIT + b'"}'
    refused = client.post("/api/calc/reconstitute", content=small_route, headers=headers)
    assert refused.status_code == 413
    assert "larger than 256 KiB" in refused.json()["error"]["message"]
    page = client.post("/check", data={"text": "a" * (CHECK_BODY_LIMIT + 1)})
    assert page.status_code == 413
    assert "larger than 3 MiB" in page.text


def test_a_body_without_a_length_is_counted_as_it_arrives(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(5):
            yield b"a" * (1 << 20)
        yield b'"}'

    refused = client.post(
        "/api/check", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 413
    assert "larger than 3 MiB" in refused.json()["error"]["message"]


def test_the_longest_text_the_checker_takes_fits_its_limit(client: TestClient) -> None:
    """200,000 characters (the field's limit), each sent as a JSON surrogate pair (12 bytes:
    the most a character can take), reach the checker instead of being cut off."""
    body = json.dumps({"text": "\U0001f600" * 200_000}).encode()  # ensure_ascii: \ud83d\ude00
    assert len(body) > 2_400_000
    answer = client.post("/api/check", content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["findings"] == []


def test_a_bad_content_length_is_refused(client: TestClient) -> None:
    answer = client.post(
        "/api/check",
        content=b"{}",
        headers={"Content-Type": "application/json", "Content-Length": "x"},
    )
    assert answer.status_code == 400


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, int]]:
    """A real ``peptidekit serve``: (its port, its process id)."""
    port = _free_port()
    env = {**os.environ, "PEPTIDEKIT_DB": f"sqlite:///{tmp_path / 'journal.sqlite3'}"}
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "peptidekit", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                pytest.fail("the server did not start: " + (tmp_path / "server.log").read_text())
            time.sleep(0.1)
    try:
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _peak_mb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return (
        int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]) >> 10
    )


def _send_until_answered(port: int, total: int, *, chunked: bool) -> tuple[bytes, int]:
    """POST a JSON body of ``total`` bytes to /api/check, 1 MiB at a time, stopping as soon
    as the server answers: (the answer's first bytes, how many body bytes were sent)."""
    head = "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "Transfer-Encoding: chunked\r\n\r\n" if chunked else f"Content-Length: {total}\r\n\r\n"
    block = b"a" * (1 << 20)
    sent, answer = 0, b""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(head.encode())
        try:
            while sent < total and not select.select([sock], [], [], 0.05 if sent else 0.5)[0]:
                sock.sendall(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
                sent += len(block)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed: the rest is never read
        with contextlib.suppress(ConnectionResetError):
            answer = sock.recv(4096)
    return answer, sent


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_400_mib_body_is_refused_before_it_is_sent(
    server: tuple[int, int], chunked: bool
) -> None:
    port, pid = server
    time.sleep(1)  # serve's warm-up settles
    before = _peak_mb(pid)
    answer, sent = _send_until_answered(port, 400 << 20, chunked=chunked)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert sent <= 16 << 20, f"{sent >> 20} MiB sent before the refusal"
    assert _peak_mb(pid) - before < 64, f"server peak {before} -> {_peak_mb(pid)} MB"
