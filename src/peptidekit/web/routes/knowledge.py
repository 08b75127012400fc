"""The knowledge pages and API: compounds, monographs, conflicts, comparison, chemistry."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from peptidekit.errors import PeptidekitError
from peptidekit.web.forms import attempt
from peptidekit.web.rendering import error_status, render

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])


def compounds(search: str | None = None) -> list[dict[str, Any]]:
    from peptidekit.ops.knowledge import CompoundsRequest
    from peptidekit.ops.knowledge import compounds as run

    return run(CompoundsRequest(search=search))


def monograph(name: str) -> dict[str, Any]:
    from peptidekit.ops.knowledge import CompoundRequest
    from peptidekit.ops.knowledge import monograph as run

    return run(CompoundRequest(compound=name))


def conflicts(name: str) -> dict[str, Any]:
    from peptidekit.ops.knowledge import CompoundRequest
    from peptidekit.ops.knowledge import conflicts as run

    return run(CompoundRequest(compound=name))


def chem(sequence: str, ph: float | str, pka_set: str) -> dict[str, Any]:
    from peptidekit.ops.knowledge import ChemRequest, analyse

    return analyse(ChemRequest(sequence=sequence, ph=ph, pka_set=pka_set)).to_dict()


@pages.get("/")
def index(request: Request) -> HTMLResponse:
    return render(request, "index.html", compounds=compounds())


@pages.get("/compounds")
def compound_list(request: Request, q: str = "") -> HTMLResponse:
    return render(request, "compounds.html", compounds=compounds(q), q=q)


MONOGRAPH_PAGES: dict[tuple[int, str], tuple[bytes, str]] = {}
"""Rendered monographs by (knowledge-base version, compound): the knowledge is static
between loads, so each page is rendered once per version and served with an ETag."""


@pages.get("/compounds/{name}")
async def compound_page(request: Request, name: str) -> Response:
    from peptidekit.knowledge import default_knowledge

    if request.app.state.password_hash and request.session.get("sid"):
        # carries the logout form's token: not shared
        return await run_in_threadpool(_monograph, request, name)
    key = (id(await run_in_threadpool(default_knowledge)), name.strip().lower())
    if key not in MONOGRAPH_PAGES:
        page = await run_in_threadpool(_monograph, request, name)
        if page.status_code != 200:
            return page
        body = bytes(page.body)
        MONOGRAPH_PAGES[key] = (body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')
        if len(MONOGRAPH_PAGES) > 256:
            MONOGRAPH_PAGES.clear()
    body, etag = MONOGRAPH_PAGES[key]
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return HTMLResponse(body, headers=headers)


def _monograph(request: Request, name: str) -> HTMLResponse:
    data = monograph(name)
    numbers: dict[str, int] = {}
    for section in (data["claims"], *[s["sources"] for s in data["studies"]]):
        for item in section:
            for citation in item.get("sources", [item]):
                numbers.setdefault(citation["source"], len(numbers) + 1)
    topics: dict[str, list[Any]] = defaultdict(list)
    for claim in data["claims"]:
        topics[claim["topic"]].append(claim)
    from peptidekit.knowledge import default_knowledge

    kb = default_knowledge()
    sources = {s["id"]: s for s in data["sources"]}
    stacks = []
    for stack in kb.stacks_with(data["id"]):
        for citation in stack.sources:
            numbers.setdefault(citation.source, len(numbers) + 1)
            sources.setdefault(citation.source, kb.source(citation.source).model_dump())
        cited = [{**c.model_dump(), "title": kb.source(c.source).title} for c in stack.sources]
        stacks.append({**stack.model_dump(), "sources": cited})
    others = [(c["id"], c["name"]) for c in compounds() if c["id"] != data["id"]]
    return render(
        request,
        "monograph.html",
        m=data,
        topics=topics,
        numbers=numbers,
        sources=sources,
        stacks=stacks,
        others=others,
    )


@pages.get("/compare")
def compare_page(request: Request) -> HTMLResponse:
    """Compounds side by side (?compound=selank&compound=semax, or ?compounds=selank,semax)."""
    from peptidekit.ops.knowledge import CompareRequest, compare

    chosen = [c for c in request.query_params.getlist("compound") if c.strip()]
    listed = request.query_params.get("compounds", "")
    chosen += [c.strip() for c in listed.split(",") if c.strip()]
    options = [(c["id"], c["name"]) for c in compounds()]
    result, error, status = None, None, 200
    if chosen:
        try:
            table = compare(CompareRequest(compounds=tuple(chosen)))
            data = table.to_dict()
            names = dict(options)
            result = {**data, "names": [names.get(c, c) for c in data["compounds"]]}
        except PeptidekitError as failure:
            error, status = failure.message, error_status(failure)
    ids = {c for c, _ in options}
    return render(
        request,
        "compare.html",
        status=status,
        compounds=options,
        chosen=[c for c in chosen if c in ids],
        result=result,
        error=error,
    )


@pages.get("/chem")
def chem_page(request: Request) -> HTMLResponse:
    def run(form: dict[str, str]) -> dict[str, Any]:
        return chem(form["sequence"], form.get("ph", "7.4"), form.get("pka_set", "bjellqvist"))

    return attempt(request, "chem.html", ("sequence",), run)


@api.get("/compounds")
def compounds_api() -> list[dict[str, Any]]:
    return compounds()


@api.get("/compounds/{name}")
def monograph_api(name: Annotated[str, Field(max_length=80)]) -> dict[str, Any]:
    return monograph(name)


@api.get("/compounds/{name}/conflicts")
def conflicts_api(name: Annotated[str, Field(max_length=80)]) -> dict[str, Any]:
    return conflicts(name)


@api.get("/chem")
def chem_api(
    sequence: Annotated[str, Query(min_length=1, max_length=5000)],
    ph: Annotated[float, Query(ge=0, le=14)] = 7.4,
    pka_set: Annotated[str, Query(max_length=20)] = "bjellqvist",
) -> dict[str, Any]:
    return chem(sequence, ph, pka_set)
