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
    """Refuse a non-loopback address without a configured password."""
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
