"""axe-core (from npm, injected by the test only) on every page, with results, at 1280
and 390 px: no serious or critical violation of WCAG 2 A/AA rules, and no page wider
than the screen."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
Q = urllib.parse.urlencode
STACK = (
    "selank 300mcg intranasal 08:00,14:00 bottle=3mL concentration=0.15%\n"
    "semax 200mcg intranasal 08:00 bottle=3mL concentration=0.1%"
)
PAGES = [
    "/",
    "/compounds",
    "/compounds/selank",
    "/compounds/semax",
    "/compare?compounds=selank,semax,phenazepam",
    "/chem?sequence=TKPRPGP",
    "/calc/reconstitute?" + Q({"vial": "5mg", "diluent": "2mL", "dose": "250mcg"}),
    "/calc/reconstitute?" + Q({"vial": "5mg", "dose": "250mcg"}),  # an error shown
    "/calc/diluent?" + Q({"vial": "5mg", "dose": "250mcg", "units": "10"}),
    "/calc/nasal?" + Q({"concentration": "0.15%", "dose": "300mcg", "compound": "selank"}),
    "/plan?" + Q({"compound": "selank", "route": "intranasal", "dose": "300mcg",
                  "times": "08:00,20:00", "course": "14d", "start": "2026-12-01",
                  "tz": "Europe/Moscow", "bottle": "3mL", "concentration": "0.15%"}),
    "/plan?" + Q({"components": STACK, "course": "14d", "start": "2026-12-01",
                  "tz": "Europe/Moscow"}),
    "/pk?" + Q({"route": "subcutaneous", "dose": "500ug", "every": "8h", "days": "2",
                "ka": "1.5/h", "ke": "0.3/h", "volume": "20L", "bioavailability": "80%"}),
    "/journal",
    "/check",
    "/login",
]  # fmt: skip


@pytest.fixture
def axe_page(browser: Any) -> Iterator[Any]:
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed ({AXE}); scripts/ensure-axe.sh installs it")
    context = browser.new_context(bypass_csp=True)  # the test's own script, not the app's
    tab = context.new_page()
    yield tab
    context.close()


def violations(page: Any) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => {
            const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']});
            return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
              .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }"""
    )
    return list(found)


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_or_critical_violation_on_any_page(
    axe_page: Any, server: str, width: int
) -> None:
    page = axe_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/journal")
    if "no profile yet" in page.content():
        page.fill("#np-name", "axe")
        page.fill("#np-tz", "Europe/Moscow")
        page.get_by_role("button", name="Create profile").click()
    found = {}
    for path in PAGES:
        page.goto(server + path)
        bad = violations(page)
        overflow = page.evaluate("document.documentElement.scrollWidth")
        if overflow > width:  # the page itself never scrolls sideways
            bad.append(f"horizontal overflow: {overflow} px wide at {width} px")
        if bad:
            found[path] = bad
    page.goto(f"{server}/check")
    page.fill("#text", "<p>Selank dose: <b>250 mg</b> twice a day for 2 weeks.</p>")
    page.get_by_role("button", name="Check").click()
    if bad := violations(page):
        found["/check (results)"] = bad
    assert found == {}
