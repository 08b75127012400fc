"""The claim checker's page and API: a page's text checked, its claims marked."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from peptidekit.errors import PeptidekitError
from peptidekit.results import DISCLAIMER
from peptidekit.web.derive import Strict, Text
from peptidekit.web.forms import check_csrf
from peptidekit.web.rendering import error_status, render

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])


def check(text: str, compound: str | None) -> dict[str, Any]:
    return check_and_source(text, compound)[0]


def check_and_source(text: str, compound: str | None) -> tuple[dict[str, Any], Any]:
    """The check's result and the page's readable text (a ``SourceText``), from the one
    parse of the page: the /check page marks the claims in that text."""
    from peptidekit.ops.knowledge import check_page

    report = check_page(text, compound=compound)
    return {"disclaimer": DISCLAIMER, **report.to_dict()}, report.source


@pages.get("/check")
def check_form(request: Request) -> HTMLResponse:
    return render(request, "check.html", form={}, result=None)


@pages.post("/check")
def check_page(
    request: Request,
    text: str = Form(max_length=200_000),
    compound: str = Form(""),
    csrf: str = Form(""),
) -> HTMLResponse:
    check_csrf(request, csrf)
    try:
        result, source = check_and_source(text, compound or None)
    except PeptidekitError as error:
        return render(
            request,
            "check.html",
            status=error_status(error),
            form={"text": text},
            result=None,
            error=error.message,
        )
    marked = _highlight(source, result["findings"])
    from peptidekit.claims.text import looks_like_html
    from peptidekit.knowledge import default_knowledge

    result["was_html"] = looks_like_html(text)
    kb = default_knowledge()
    if result.get("page_source"):
        result["page_source_title"] = kb.source(result["page_source"]).title
    from peptidekit.claims.check import kind_words

    for finding in result["findings"]:
        finding["kind_words"] = kind_words(finding["kind"])
    result["source_titles"] = {  # sources by their titles, not the knowledge base's ids
        sid: kb.sources[sid].title
        for finding in result["findings"]
        for sid in finding["sources"]
        if sid in kb.sources
    }
    return render(
        request,
        "check.html",
        form={"text": text, "compound": compound},
        result=result,
        marked=marked,
    )


def _highlight(source: Any, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's readable text (an HTML page's tags left out: the checker's own parse,
    a ``SourceText``) cut into plain and claim pieces; the template escapes each. Spans
    point into the page as given, so they are mapped onto the readable text through its
    offsets."""
    from bisect import bisect_left

    text, offsets = source.text, source.offsets
    pieces, at = [], 0
    for f in sorted(findings, key=lambda f: f["span"][0]):
        start = bisect_left(offsets, f["span"][0])
        end = bisect_left(offsets, f["span"][1])
        if start < at:
            continue
        pieces.append({"text": text[at:start]})
        pieces.append(
            {
                "text": text[start:end],
                "verdict": f["verdict"],
                "severity": f["severity"],
                "reason": "; ".join(f["reasons"]),
            }
        )
        at = end
    pieces.append({"text": text[at:]})
    return pieces


class CheckRequest(Strict):
    text: Annotated[str, Field(max_length=200_000)]
    compound: Text | None = None


@api.post("/check")
def check_api(body: CheckRequest) -> dict[str, Any]:
    return check(body.text, body.compound)
