"""The web app by area: each module holds one area's pages and its JSON API side by side
(knowledge, calculators, planner, PK, checker, journal, login), going through ``ops``."""

from __future__ import annotations

from peptidekit.web.routes import auth, calc, check, journal, knowledge, pk, plan, status

AREAS = (status, knowledge, calc, plan, pk, check, journal, auth)
"""Each area's module: its ``pages`` and ``api`` routers (app.py includes both)."""
