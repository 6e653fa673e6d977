"""Patient pages stay light: Streamlit loads Plotly's code (its PlotlyChart chunk, 4.7 MB, about 1.3 MB compressed)
only for a page that draws a Plotly chart. Only /consult does, for staff at a desk; a page patients open on a phone
(/, /recovery, /collagen, /compare, /gallery, /sources, /display) must never ask for it. Seen from the requests
each page makes in a fresh browser (empty cache), with what a person would open opened."""

from __future__ import annotations

import pytest
from conftest import wait_for_app
from pages_list import BY_PATH, PAGES, recent_start

from serve import streamlit_static

pytestmark = pytest.mark.browser

PLOTLY_CHUNKS = tuple(sorted(p.name for p in (streamlit_static() / "js").glob("PlotlyChart.*.js")))
PATIENT_PAGES = [p for p in PAGES if p.path != "/consult"]
# each patient page as a link or QR code opens it, and the day view from a treatment date as the handout's QR does
PATIENT_URLS = [p.url() for p in PATIENT_PAGES] + [
    f"/recovery?treatment=eco2&start={recent_start()}",
    "/compare?vs=eco2,nafl-1550,nafl-1927,co2-full",
]


def requests_of(browser, app_url: str, path: str, width: int = 1280) -> list[str]:
    """Every URL a fresh browser asks for to show the page, with its expanders and folds opened."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    seen: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: seen.append(r.url))
        page.goto(app_url + path)
        wait_for_app(page)
        for summary in page.locator('[data-testid="stExpander"] summary, details.fold > summary').all():
            summary.click()
        wait_for_app(page)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return seen


def plotly_requests(urls: list[str]) -> list[str]:
    return [u for u in urls if any(chunk in u for chunk in PLOTLY_CHUNKS)]


def test_streamlit_ships_plotly_as_one_chunk_of_its_own():
    """What the tests below look for exists: if Streamlit renames or splits its Plotly code, they must be revised."""
    assert len(PLOTLY_CHUNKS) == 1, PLOTLY_CHUNKS
    assert (streamlit_static() / "js" / PLOTLY_CHUNKS[0]).stat().st_size > 1_000_000


def test_consult_loads_plotly(browser, app_url):
    """Staff's planner draws its timeline with Plotly: the check below can see the chunk when a page loads it."""
    seen = requests_of(browser, app_url, BY_PATH["/consult"].url())
    assert plotly_requests(seen), "the consult page drew its timeline without Plotly's chunk?"


@pytest.mark.parametrize("path", PATIENT_URLS)
def test_patient_pages_load_no_plotly(browser, app_url, path):
    width = 390  # as a patient opens them: on a phone (the chunk does not depend on the width)
    seen = requests_of(browser, app_url, path, width)
    assert any("/static/js/" in u for u in seen), "no script was recorded at all"
    assert not plotly_requests(seen), f"{path} at {width}px loads Plotly's code: {plotly_requests(seen)}"
