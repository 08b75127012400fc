"""The claim checker's page and API: a page's text checked, its claims marked."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from peptidekit.errors import PeptidekitError
from peptidekit.ops.check import MAX_FORM_CHARACTERS
from peptidekit.web.forms import check_csrf
from peptidekit.web.rendering import error_status, render

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])


def check_and_source(text: str, compound: str | None) -> tuple[dict[str, Any], Any]:
    """The check's result, ready to show (line numbers, kinds in words, source titles:
    ``ops.check``), and the page's readable text (a ``SourceText``) from the one parse of
    the page: the /check page marks the claims in that text."""
    from peptidekit.ops.check import CheckRequest, PageCheck
    from peptidekit.ops.check import check as run

    result = run(CheckRequest(text=text, compound=compound))
    assert isinstance(result, PageCheck)  # a page's text is one page
    return result.to_dict(), result.report.source


@pages.get("/check")
def check_form(request: Request) -> HTMLResponse:
    return render(request, "check.html", form={}, result=None)


@pages.post("/check")
def check_page(
    request: Request,
    text: str = Form(max_length=MAX_FORM_CHARACTERS),
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


# /api/check is the registry's operation (ops.check): its body model is derived from
# CheckRequest and its answer is the PageCheck's to_dict() (web/routes/calc.py adds it).
