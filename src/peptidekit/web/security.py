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


class LoginThrottle:
    """Failed logins per client and in all, with exponential backoff, and a bound on
    concurrent password checks (scrypt takes 32 MiB and tens of ms each).

    After ``free`` failures a client waits 2, 4, 8... seconds (at most ``max_wait``)
    before its next try; more than ``global_per_minute`` failures in a minute from all
    clients together pause every login for the rest of that minute. State is per
    process: with several workers each keeps its own count.
    """

    def __init__(
        self,
        *,
        free: int = 5,
        max_wait: float = 900.0,
        global_per_minute: int = 60,
        concurrent: int = 2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.max_wait, self.global_per_minute = free, max_wait, global_per_minute
        self.clock = clock
        self.failures: dict[str, tuple[int, float]] = {}
        self.recent: deque[float] = deque()
        self.lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(concurrent)

    def wait(self, client: str) -> float:
        """Seconds this client must still wait before trying (0: it may try now)."""
        now = self.clock()
        with self.lock:
            while self.recent and now - self.recent[0] > 60:
                self.recent.popleft()
            if len(self.recent) >= self.global_per_minute:
                return 60 - (now - self.recent[0])
            count, last = self.failures.get(client, (0, now))
            if count < self.free:
                return 0.0
            delay = min(2.0 ** (count - self.free + 1), self.max_wait)
            return max(0.0, last + delay - now)

    def failed(self, client: str) -> None:
        now = self.clock()
        with self.lock:
            count, _ = self.failures.get(client, (0, now))
            self.failures[client] = (count + 1, now)
            self.recent.append(now)
            if len(self.failures) > 10_000:  # bound the memory an attacker can fill
                oldest = sorted(self.failures.items(), key=lambda item: item[1][1])[:5_000]
                for key, _value in oldest:
                    del self.failures[key]

    def succeeded(self, client: str) -> None:
        with self.lock:
            self.failures.pop(client, None)
