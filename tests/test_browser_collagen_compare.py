"""Collagen, compare and sources pages in a real browser: deep links, anchors, phone layout."""

import pytest

pytestmark = pytest.mark.browser

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_compare_deep_link_shows_three_courses(open_page):
    page = open_page("/compare?vs=eco2,nafl-1550,co2-full")
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    chart.locator("svg").first.wait_for()  # drawn, not only placed (its code loads lazily)
    labels = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text')]
        .map(t => t.textContent)""")
    for name in ("eCO2", "NAFL 1,550", "Full CO2"):
        assert name in labels
    body = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "The same day: day 3" in body
    assert "head to head" in body
    assert "vs=eco2%2Cnafl-1550%2Cco2-full" in page.url or "vs=eco2,nafl-1550,co2-full" in page.url


def test_collagen_deep_link_opens_the_chosen_treatment(open_page):
    page = open_page("/collagen?treatment=nafl-1550")
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.locator("canvas, svg").first.wait_for()  # drawn, not only placed
    body = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "Nonablative fractional laser, 1,550 nm" in body
    assert "not a prediction for one person" in body
    assert chart.locator(".vega-actions").count() == 0  # no export menu over the chart on a phone


def test_source_anchor_scrolls_to_the_source(open_page):
    page = open_page("/sources#src-s4")
    target = page.locator("#src-s4")
    target.wait_for()
    page.wait_for_function(
        """() => { const r = document.getElementById('src-s4').getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight / 2; }""",
        timeout=10_000,
    )
    assert target.inner_text().startswith("S4 ·")


@pytest.mark.parametrize("path", ["/compare?vs=eco2,nafl-1550,co2-full", "/collagen?treatment=nafl-1550", "/sources"])
def test_phone_layout_has_no_sideways_scroll(open_page, path):
    page = open_page(path, width=390, height=844)
    page.wait_for_timeout(500)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # the right edge each element shows: an ancestor that clips its overflow (a slider's track clips the hidden
    # range input that follows the thumb) also clips what a person can see
    widest = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
        '[data-testid="stMainBlockContainer"] *')].map(e => {
            let right = e.getBoundingClientRect().right;
            for (let p = e.parentElement; p; p = p.parentElement) {
                if (getComputedStyle(p).overflowX !== 'visible')
                    right = Math.min(right, p.getBoundingClientRect().right);
            }
            return right;
        }))""")
    assert widest <= 390 + 1
