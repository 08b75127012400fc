"""Property-based fuzzing of the JSON API from its own OpenAPI description.

Whatever schemathesis sends, the API answers with a 2xx, a 4xx error body, or
a 404 for an unknown name: never a 500 (an unhandled crash).
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from peptidekit.web.app import WebSettings, create_app

APP = create_app(
    WebSettings(db_url="sqlite://", secret_key="fuzz", allowed_hosts=("testserver", "localhost"))
)
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)


@SCHEMA.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_never_answers_500(case: schemathesis.Case) -> None:
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400:
        assert "error" in response.json(), response.text
