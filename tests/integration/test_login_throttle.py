"""Login throttling that cannot be bypassed or turned against the owner, and sessions that
end when the password changes (issue 30, point 4).

The bypass lived in uvicorn, not in the app: it takes the client's address from
X-Forwarded-For whenever the peer is 127.0.0.1, so the end-to-end cases run the real
``peptidekit serve`` in a subprocess and send the headers an attacker would.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from peptidekit.errors import InputError
from peptidekit.web.app import WebSettings, create_app
from peptidekit.web.security import LoginThrottle, client_key, hash_password, proxy_options

PASSWORD = "correct horse battery"
OTHER_PASSWORD = "tr0ub4dor and three"
HASH = hash_password(PASSWORD)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


def login(client: TestClient | httpx.Client, password: str, **headers: str) -> int:
    token = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login", data={"password": password, "csrf": token}, headers=headers or None
    )
    return answer.status_code


def app_client(tmp_path: Path, address: str, password_hash: str = HASH) -> TestClient:
    app = create_app(
        WebSettings(
            db_url=f"sqlite:///{tmp_path / 'w.db'}", secret_key="t", password_hash=password_hash
        )
    )
    return TestClient(
        app, base_url="http://127.0.0.1", client=(address, 4000), follow_redirects=False
    )


# ---------------------------------------------------------------- in process
def test_one_client_failing_does_not_lock_out_another(tmp_path: Path) -> None:
    attacker = app_client(tmp_path, "203.0.113.9")
    codes = [login(attacker, f"guess number {i}") for i in range(7)]
    assert codes == [401] * 5 + [429, 429]
    owner = TestClient(
        attacker.app,
        base_url="http://127.0.0.1",
        client=("198.51.100.4", 4000),
        follow_redirects=False,
    )
    assert login(owner, PASSWORD) == 303
    assert owner.get("/journal").status_code == 200


def test_the_global_cap_cannot_lock_out_the_owner(tmp_path: Path) -> None:
    owner = app_client(tmp_path, "198.51.100.4")
    throttle: LoginThrottle = owner.app.state.login_throttle  # type: ignore[attr-defined]
    for n in range(200):  # 200 failures this minute from 200 addresses (over the 60 cap)
        throttle.failed(f"203.0.113.{n % 250}" if n < 250 else str(n))
    assert throttle.wait("203.0.113.7") > 0  # a client that failed waits, cap reached
    started = time.monotonic()
    assert login(owner, PASSWORD) == 303  # before: 429 for as long as the guessing went on
    assert time.monotonic() - started < 60 / throttle.global_per_minute + 5  # paced, not locked
    assert owner.get("/journal").status_code == 200


def test_a_browser_that_logged_in_before_skips_the_queue(tmp_path: Path) -> None:
    owner = app_client(tmp_path, "198.51.100.4")
    assert login(owner, PASSWORD) == 303
    token = csrf_of(owner.get("/journal").text)
    assert owner.post("/logout", data={"csrf": token}).status_code == 303
    assert owner.get("/journal").status_code == 303  # logged out
    throttle: LoginThrottle = owner.app.state.login_throttle  # type: ignore[attr-defined]
    for n in range(100):
        throttle.failed(f"203.0.113.{n}")
    throttle.next_check = throttle.clock() + 3600  # the queue of checks is full
    stranger = TestClient(
        owner.app, base_url="http://127.0.0.1", client=("192.0.2.1", 4000), follow_redirects=False
    )
    token = csrf_of(stranger.get("/login").text)
    busy = stranger.post("/login", data={"password": PASSWORD, "csrf": token})
    assert busy.status_code == 503
    assert int(busy.headers["Retry-After"]) >= 1
    assert login(owner, PASSWORD) == 303  # the owner's browser: at once
    assert owner.get("/journal").status_code == 200


def test_checks_are_paced_while_the_cap_is_passed() -> None:
    now = [100.0]
    throttle = LoginThrottle(global_per_minute=60, clock=lambda: now[0])
    assert throttle.pace() == 0.0
    for n in range(60):
        throttle.failed(f"10.0.0.{n}")
    waits = [throttle.pace() for _ in range(12)]
    # one check a second (60 a minute) in turn, and 'busy' past 10 s of queue
    assert waits[:11] == [pytest.approx(float(k)) for k in range(11)]
    assert waits[11] is None
    now[0] += 61  # a quiet minute: no pacing
    assert throttle.pace() == 0.0


def test_a_new_password_ends_every_session(tmp_path: Path) -> None:
    first = app_client(tmp_path, "198.51.100.4")
    assert login(first, PASSWORD) == 303
    assert first.get("/journal").status_code == 200
    cookies = dict(first.cookies)
    same = app_client(tmp_path, "198.51.100.4")  # a restart, the same password
    same.cookies.update(cookies)
    assert same.get("/journal").status_code == 200
    changed = app_client(tmp_path, "198.51.100.4", hash_password(OTHER_PASSWORD))
    changed.cookies.update(cookies)
    ended = changed.get("/journal")
    assert ended.status_code == 303
    assert ended.headers["location"] == "/login"
    assert changed.get("/api/journal/today").status_code == 401
    assert login(changed, OTHER_PASSWORD) == 303
    assert changed.get("/journal").status_code == 200


# ---------------------------------------------------------------- pieces
def test_client_keys() -> None:
    assert client_key("203.0.113.9") == "203.0.113.9"
    assert client_key("::ffff:203.0.113.9") == "203.0.113.9"
    # one machine gets a whole /64: its addresses are one client
    assert client_key("2001:db8:1:2::1") == client_key("2001:db8:1:2:ffff::9")
    assert client_key("2001:db8:1:2::1") != client_key("2001:db8:1:3::1")
    assert client_key(None) == "unknown"


def test_proxy_options() -> None:
    assert proxy_options(()) == {"proxy_headers": False}
    assert proxy_options(("10.0.0.2", "fd00::/8")) == {
        "proxy_headers": True,
        "forwarded_allow_ips": "10.0.0.2,fd00::/8",
    }
    with pytest.raises(InputError, match=re.escape("trusted proxy 'proxy.lan' is not an IP")):
        proxy_options(("proxy.lan",))


# ---------------------------------------------------------------- the real server
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(tmp_path: Path, *extra: str) -> Iterator[httpx.Client]:
    port = free_port()
    env = {**os.environ, "PEPTIDEKIT_WEB_PASSWORD_HASH": HASH}
    env.pop("PEPTIDEKIT_WEB_TRUSTED_PROXIES", None)
    command = [sys.executable, "-m", "peptidekit", "serve", "--port", str(port), *extra]
    command += ["--db", f"sqlite:///{tmp_path / f'{port}.db'}"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/api/health", timeout=1)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"serve did not start: {server.stderr and server.stderr.read()!r}")
                time.sleep(0.1)
        with httpx.Client(base_url=base, timeout=30) as client:
            yield client
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_forwarded_for_headers_do_not_reset_the_backoff(tmp_path: Path) -> None:
    with serving(tmp_path) as client:
        codes = [
            login(client, f"guess number {i}", **{"X-Forwarded-For": f"198.18.0.{i}"})
            for i in range(7)
        ]
    assert codes == [401] * 5 + [429, 429]  # before: 40 of them, 40 times 401


def test_a_configured_proxy_is_believed(tmp_path: Path) -> None:
    with serving(tmp_path, "--trusted-proxy", "127.0.0.1") as client:
        codes = [
            login(client, f"guess number {i}", **{"X-Forwarded-For": f"198.18.0.{i}"})
            for i in range(7)
        ]
        assert codes == [401] * 7  # each forwarded address is its own client
        same = [login(client, f"again {i}", **{"X-Forwarded-For": "198.18.1.1"}) for i in range(6)]
    assert same == [401] * 5 + [429]
