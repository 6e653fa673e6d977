"""Day by day in a real browser: deep links, phone width, hostile links, the day buttons and the self-check."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from conftest import wait_for_app

pytestmark = pytest.mark.browser

UTC = {"timezone_id": "UTC"}


def _expect():
    from playwright.sync_api import expect

    return expect


def _day_heading(page):
    return page.locator("h2").filter(has_text="Day ").first


def _today_utc():
    return datetime.now(tz=ZoneInfo("UTC")).date()


def test_deep_link_shows_the_day(open_page):
    page = open_page("/recovery?treatment=eco2&day=5", **UTC)
    _expect()(_day_heading(page)).to_have_text("Day 5")
    _expect()(page.get_by_test_id("stSliderThumbValue")).to_have_text("5")


def test_treatment_date_shows_todays_day_on_a_phone(open_page):
    start = _today_utc() - timedelta(days=4)
    page = open_page(f"/recovery?treatment=eco2&start={start.isoformat()}", width=390, height=844, **UTC)
    _expect()(_day_heading(page)).to_contain_text("Day 4: today")
    assert page.get_by_text("What is normal now").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("day=<script>alert(1)</script>", "day"),
        ("treatment=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "treatment"),
        ("day=99999999999", "day"),
        ("start=2026-02-30", "start"),
    ],
)
def test_hostile_link_shows_a_notice_and_runs_nothing(browser, app_url, query, name):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{app_url}/recovery?{query}")
        wait_for_app(page)
        notice = page.get_by_test_id("stAlert").filter(has_text=f"'{name}'")
        _expect()(notice).to_have_count(1)
        _expect()(_day_heading(page)).to_contain_text("Day ")
        page.wait_for_timeout(500)
        assert dialogs == []
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("script", has_text="alert(1)").count() == 0
        assert "alert(1)" not in page.inner_text("body")  # the raw value is never echoed
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        context.close()


def test_no_sideways_scroll_at_phone_width(open_page):
    page = open_page("/recovery?treatment=eco2&day=4", width=390, height=844)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stMain"] *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                     && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
        .map(e => e.tagName + '.' + (e.getAttribute('data-testid') || '')).slice(0, 5)""")
    assert wide == []


def test_next_day_button_moves_the_day_and_the_url(open_page):
    page = open_page("/recovery?treatment=eco2&day=5", **UTC)
    page.get_by_role("button", name="Next day").click()
    _expect()(_day_heading(page)).to_have_text("Day 6")
    page.wait_for_function("() => window.location.search.includes('day=6')")
    assert parse_qs(urlparse(page.url).query)["day"] == ["6"]
    page.get_by_role("button", name="Previous day").click()
    _expect()(_day_heading(page)).to_have_text("Day 5")


def test_keyboard_moves_the_slider(open_page):
    page = open_page("/recovery?treatment=eco2&day=5", **UTC)
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    _expect()(_day_heading(page)).to_have_text("Day 6")


def test_self_check_answers_in_the_browser(open_page):
    page = open_page("/recovery?treatment=eco2&day=3", width=390, height=844, **UTC)
    page.get_by_role("button", name="Tick what I notice").click()
    page.get_by_role("radiogroup", name="Crusting and micro-crusts").get_by_text("moderate", exact=True).click()
    page.get_by_role("button", name="Check my answers").click()
    _expect()(page.get_by_text("Everything you ticked is expected on day 3.")).to_be_visible()
    page.get_by_text("Eye pain, or your eyes hurt in the light.", exact=True).last.click()
    page.get_by_role("button", name="Check my answers").click()
    _expect()(page.get_by_role("alert").filter(has_text="Call the clinic now:")).to_be_visible()
    _expect()(page.get_by_text("Urgent: call the clinic now", exact=True)).to_be_visible()


def test_clinic_phone_is_a_tel_link(open_page):
    page = open_page("/recovery", width=390, height=844)
    links = page.locator("a[href^='tel:']")
    _expect()(links.first).to_be_visible()
    assert links.first.get_attribute("href") == "tel:+15550100"


_TOPS_JS = """() => {
    const top = el => el ? el.getBoundingClientRect().top + document.querySelector('[data-testid="stMain"]').scrollTop
                         : null;
    const byText = (sel, re) => [...document.querySelectorAll(sel)].find(e => re.test(e.innerText));
    return {
        heading: top(byText('h2', /^Day \\d+/)),
        phase: top(byText('[data-testid="stMarkdownContainer"] p', /^Healing week\\./)),
        call: top([...document.querySelectorAll('a[href^="tel:"]')].find(a => a.closest('p')?.innerText
                  .includes('Worried? Call the clinic'))),
        check: top(byText('h3', /^Is this normal\\?/)),
    };
}"""


def test_the_answer_comes_first_on_a_phone(open_page):
    """Phone first: the day, its phase, a way to call within the first screen; 'Is this normal?' in the second."""
    start = _today_utc() - timedelta(days=4)
    page = open_page(f"/recovery?treatment=eco2&start={start.isoformat()}", width=390, height=844, **UTC)
    tops = page.evaluate(_TOPS_JS)
    assert None not in tops.values(), tops
    assert tops["heading"] < 844 and tops["phase"] < 844 and tops["call"] < 844, tops
    assert tops["check"] < 1700, tops


def test_the_planner_opens_ready_without_an_error(open_page):
    page = open_page("/consult", width=390, height=844)
    assert page.locator('[data-testid="stAlertContentError"], [data-testid="stException"]').count() == 0
    _expect()(page.get_by_text("Choose the treatment date (the first session) above.")).to_be_visible()


# Where "The chart in words" (what follows the chart) sits in the page, frame by frame, from a scroll to the chart's
# waiting place until the chart is drawn and the app is idle; and whether a chart was drawn before the scroll.
_FOLLOWS_JS = """() => new Promise(done => {
    const slot = [...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
        .find(e => e.shadowRoot?.querySelector('.slot'));
    const charts = document.querySelectorAll('[data-testid="stVegaLiteChart"]').length;
    const follows = () => [...document.querySelectorAll('[data-testid="stExpander"]')]
        .find(e => e.innerText.includes('The chart in words'));
    const scroller = document.querySelector('[data-testid="stMain"]');
    const where = () => Math.round(follows().getBoundingClientRect().top + (scroller?.scrollTop || 0) + scrollY);
    const seen = [];
    slot.scrollIntoView();
    const look = () => {
        seen.push(where());
        const chart = document.querySelector('[data-testid="stVegaLiteChart"]');
        const drawn = chart && chart.querySelector('canvas, svg')
            && !document.querySelector('[data-testid="stSkeleton"]');
        const moves = [...new Set(seen)];
        if (drawn && seen.length > 30) done({charts, seen: moves, height: chart.getBoundingClientRect().height});
        else if (seen.length > 3000) done({charts, seen: moves, height: null});
        else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_chart_is_drawn_near_the_screen_into_a_place_that_does_not_move(open_page, width):
    """Far down a phone's page the chart waits (no chart, none of its code) until its place nears the screen; then
    it is drawn into a place of its own height, and what follows it never moves."""
    page = open_page("/recovery?treatment=eco2&day=3", width=width, height=844)
    seen = page.evaluate(_FOLLOWS_JS)
    assert seen["charts"] == 0, "the chart was drawn before its place came near the screen"
    assert seen["height"] is not None, "the chart was not drawn after a scroll to its place"
    assert len(seen["seen"]) == 1, f"what follows the chart moved while it was drawn: {seen['seen']}"
