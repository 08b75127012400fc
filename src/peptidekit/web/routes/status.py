"""The health route (also the benchmark's baseline)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])


@api.get("/health")
async def health() -> JSONResponse:
    """A minimal route (also the benchmark's baseline); "warm" is false while the
    start-up warm-up still runs."""
    from peptidekit.web.warmup import WARMING

    return JSONResponse({"status": "ok", "warm": not WARMING.is_set()})
