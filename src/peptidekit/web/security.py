"""Passwords, CSRF tokens, the content security policy, and who may bind where.

Bound to a loopback address the app serves one local user without a login.
Bound anywhere else it refuses to start unless a password hash is configured,
and then every page and API call needs a login session.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from peptidekit.errors import InputError

SCRYPT = {"n": 2**15, "r": 8, "p": 1, "maxmem": 64 * 2**20, "dklen": 32}
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def hash_password(password: str) -> str:
    """``scrypt$<salt>$<hash>`` (base64), scrypt with n=2^15, r=8, p=1."""
    if len(password) < 10:
        raise InputError(
            "a password needs at least 10 characters", input="(hidden)", expected="10+ characters"
        )
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, salt_b64, digest_b64 = stored.split("$")
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = hashlib.scrypt(password.encode(), salt=salt, **SCRYPT)
    return hmac.compare_digest(digest, expected)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, password_hash: str | None) -> None:
    """Refuse a non-loopback address without a configured password, and a malformed hash."""
    if password_hash:
        check_password_hash(password_hash)
    if not is_loopback(host) and not password_hash:
        raise InputError(
            f"refusing to serve on {host!r} without a password: anyone who can reach it would "
            "see the journal; set PEPTIDEKIT_WEB_PASSWORD_HASH (peptidekit web-password makes "
            "one) or bind to 127.0.0.1",
            input=host,
            expected="127.0.0.1, or a password hash",
        )


def new_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def check_password_hash(stored: str) -> None:
    """Refuse, at start, a hash that ``peptidekit web-password`` did not make (a garbage
    hash would lock everyone out, or worse, be mistaken for a configured password)."""
    parts = stored.split("$")
    try:
        ok = (
            len(parts) == 3
            and parts[0] == "scrypt"
            and len(base64.b64decode(parts[1], validate=True)) == 16
            and len(base64.b64decode(parts[2], validate=True)) == SCRYPT["dklen"]
        )
    except ValueError:
        ok = False
    if not ok:
        raise InputError(
            "PEPTIDEKIT_WEB_PASSWORD_HASH is not a password hash from 'peptidekit web-password'",
            input="PEPTIDEKIT_WEB_PASSWORD_HASH",
            expected="scrypt$<salt>$<hash> as printed by 'peptidekit web-password'",
        )


LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def host_name(header: str) -> str:
    """The host of a Host header, without its port, lower-cased (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed_host(header: str | None, allowed: frozenset[str]) -> bool:
    """Is this Host header one the app serves? A DNS-rebinding page reaches a loopback
    server under its own name, which is not in the list, and is refused."""
    return header is not None and host_name(header) in allowed


def password_fingerprint(stored: str) -> str:
    """A short digest of the configured password hash, kept in each login session: when
    the password changes (a new hash), every session made under the old one ends."""
    return hashlib.sha256(stored.encode()).hexdigest()[:32]


def client_key(host: str | None) -> str:
    """Who a login attempt is from, for the throttle: the socket peer's address (``serve``
    lets a forwarded address stand in for it only from a proxy the person configured),
    an IPv6 address by its /64 (one machine is given a whole /64)."""
    if not host:
        return "unknown"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host[:64]
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def proxy_options(proxies: tuple[str, ...]) -> dict[str, Any]:
    """uvicorn's proxy settings: by default it takes the client's address and scheme from
    X-Forwarded-For and X-Forwarded-Proto whenever the peer is 127.0.0.1, which would let
    anyone on the machine, or behind any local proxy, choose the address the login throttle
    sees. Off unless proxies are named (addresses or networks), and then only from them."""
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise InputError(
                f"trusted proxy {proxy!r} is not an IP address or network",
                input=proxy,
                expected="an address such as 127.0.0.1 or a network such as 10.0.0.0/8",
            ).at("proxy") from None
    if not proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": ",".join(proxies)}


class LoginThrottle:
    """Failed logins per client and in all, and a bound on concurrent password checks
    (scrypt takes 32 MiB and tens of ms each).

    Per client (``client_key``): after ``free`` failures it waits 2, 4, 8... seconds (at
    most ``max_wait``) before its next try. In all: while more than ``global_per_minute``
    failures came in the last minute, every client that has failed waits from its first
    failure on, and password checks are paced, one every ``60 / global_per_minute``
    seconds; a client that has not failed is never refused for others' failures (the
    owner can still log in while someone guesses), only made to wait its turn, at most
    ``max_pace`` seconds; the login page lets a browser that logged in before skip the
    turn (``pace`` is not asked). State is per process: with several workers each keeps
    its own.
    """

    def __init__(
        self,
        *,
        free: int = 5,
        max_wait: float = 900.0,
        global_per_minute: int = 60,
        concurrent: int = 2,
        max_pace: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.max_wait, self.global_per_minute = free, max_wait, global_per_minute
        self.max_pace = max_pace
        self.clock = clock
        self.failures: dict[str, tuple[int, float]] = {}
        self.recent: deque[float] = deque()
        self.next_check = 0.0
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(concurrent)

    def _under_pressure(self, now: float) -> bool:
        while self.recent and now - self.recent[0] > 60:
            self.recent.popleft()
        return len(self.recent) >= self.global_per_minute

    def wait(self, client: str) -> float:
        """Seconds this client must still wait before trying (0: it may try now)."""
        now = self.clock()
        with self.lock:
            count, last = self.failures.get(client, (0, now))
            free = min(self.free, 1) if self._under_pressure(now) else self.free
            if count == 0 or count < free:
                return 0.0
            delay = min(2.0 ** (count - free + 1), self.max_wait)
            return max(0.0, last + delay - now)

    def pace(self) -> float | None:
        """Seconds to wait before this password check (0 when no one is guessing); None
        when the queue is longer than ``max_pace`` (answer 'busy, try again')."""
        now = self.clock()
        with self.lock:
            if not self._under_pressure(now):
                return 0.0
            start = max(now, self.next_check)
            if start - now > self.max_pace:
                return None
            self.next_check = start + 60.0 / self.global_per_minute
            return start - now

    def failed(self, client: str) -> None:
        now = self.clock()
        with self.lock:
            count, _ = self.failures.get(client, (0, now))
            self.failures[client] = (count + 1, now)
            self.recent.append(now)
            if len(self.recent) > 10 * self.global_per_minute:  # bound: the tail is enough
                self.recent.popleft()
            if len(self.failures) > 10_000:  # bound the memory an attacker can fill
                oldest = sorted(self.failures.items(), key=lambda item: item[1][1])[:5_000]
                for key, _value in oldest:
                    del self.failures[key]

    def succeeded(self, client: str) -> None:
        with self.lock:
            self.failures.pop(client, None)
