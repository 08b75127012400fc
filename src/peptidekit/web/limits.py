"""Request bodies limited before they are read, per route.

A body whose Content-Length is over its route's limit is refused with 413 before
any of it is read; a body sent without a length (chunked) is counted as it
arrives and refused the moment it passes the limit, so the server never holds
more than the limit of any request. The checker's text may be 200,000
characters, which a browser can send as up to 12 bytes each (a four-byte
character percent-encoded, or a JSON ``\\uXXXX`` pair): its routes take 3 MiB;
every other route's fields are short, and it takes 256 KiB.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from peptidekit.web.rendering import plain_error

BODY_LIMIT = 256 << 10
CHECK_BODY_LIMIT = 3 << 20
ROUTE_LIMITS = {"/api/check": CHECK_BODY_LIMIT, "/check": CHECK_BODY_LIMIT}
BUSY_RETRY_AFTER_S = "3"
"""Retry-After of a 503 (a busy journal) that did not set its own."""


def limit_for(path: str) -> int:
    return ROUTE_LIMITS.get(path, BODY_LIMIT)


def too_large(limit: int) -> str:
    size = f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit >> 10} KiB"
    return f"the request body is larger than {size}, the limit of this address; nothing was read"


class BodyLimit:
    """The ASGI middleware that enforces ``limit_for`` (and adds Retry-After to a 503)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope["path"])
        length = next((v for k, v in scope["headers"] if k == b"content-length"), None)
        if length is not None and (not length.isdigit() or int(length) > limit):
            status = 413 if length.isdigit() else 400
            message = too_large(limit) if length.isdigit() else "the Content-Length is not a number"
            code = "body_too_large" if length.isdigit() else "bad_request"
            await plain_error(Request(scope), status, code, message)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, too_large(limit))
            return message

        async def retry_after(message: Any) -> None:
            headers = message.get("headers", [])
            if (
                message["type"] == "http.response.start"
                and message["status"] == 503
                and not any(k.lower() == b"retry-after" for k, _ in headers)
            ):
                message["headers"] = [*headers, (b"retry-after", BUSY_RETRY_AFTER_S.encode())]
            await send(message)

        await self.app(scope, counted, retry_after)
