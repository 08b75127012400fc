"""What every page with a form shares: its query values, running a form's operation and
showing the result or the error beside the box at fault, the CSRF check, the select
boxes' lists and the session's profile."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from peptidekit.errors import PeptidekitError, RefusedError, UnitSlipError
from peptidekit.web.rendering import error_status, render
from peptidekit.web.security import tokens_match

FORM_BOXES = {"count": "drops", "break_": "break"}
"""Request fields whose form box has another name."""


def query_values(request: Request) -> dict[str, str]:
    return {k: v for k, v in request.query_params.items() if v.strip()}


def attempt(
    request: Request, template: str, needed: tuple[str, ...], run: Any, **context: Any
) -> HTMLResponse:
    """Render ``template``; once any of its ``needed`` fields is filled, run it and show
    the result or the error (an empty required field is named and its box marked)."""
    form = query_values(request)
    fresh = not any(k in form for k in needed)
    if fresh and "defaults" in context:  # shown in the boxes of a fresh form, never run
        form = {**context.pop("defaults"), **form}
    context.pop("defaults", None)
    result, error, status, error_field = None, None, 200, None
    error_fields: list[str] = []
    error_hints: dict[str, str] = {}
    confirm_url = None
    if not fresh:  # a missing one is then named, its box marked
        try:
            result = run(form)
        except PeptidekitError as failure:
            error, status = failure.message, error_status(failure)
            if isinstance(failure, UnitSlipError):  # answered only once confirmed
                query = request.url.include_query_params(confirm="1").query
                confirm_url = f"{request.url.path}?{query}#result"
            field = getattr(failure, "field", None)
            error_field = FORM_BOXES.get(field, field) if field else None
            error_fields = [FORM_BOXES.get(f, f) for f in getattr(failure, "fields", ())]
            error_hints = {
                FORM_BOXES.get(f, f): h for f, h in getattr(failure, "hints", {}).items()
            }
    warnings = (result or {}).get("warnings", []) if isinstance(result, dict) else []
    return render(
        request,
        template,
        status=status,
        form=form,
        result=result,
        error=error,
        error_field=error_field,
        error_fields=error_fields,
        error_hints=error_hints,
        warnings=warnings,
        confirm_url=confirm_url,
        **context,
    )


def check_csrf(request: Request, token: str) -> None:
    if not tokens_match(request.session.get("csrf"), token):
        raise RefusedError(
            "the form expired or did not come from this app; reload and retry",
            input="csrf",
            expected="a form from this page",
        )


def select_choices() -> dict[str, Any]:
    """The compound and route lists of the calculators' select boxes."""
    from peptidekit.ops.knowledge import compounds as listed
    from peptidekit.vocabulary import ROUTES

    compounds = [(c["id"], c["name"]) for c in listed()]
    return {"compounds": compounds, "routes": [(r, r) for r in ROUTES]}


def session_profile(request: Request) -> str | None:
    value = request.session.get("profile")
    return value if isinstance(value, str) else None
