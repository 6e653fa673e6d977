"""The consult page in Chromium: the downloads deliver a handout and a calendar that match the screen."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import zxingcpp
from conftest import wait_for_app
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from dashboard.dates import format_date
from dashboard.i18n import format_full_date, set_language

pytestmark = pytest.mark.browser

START = datetime.now(tz=UTC).date() + timedelta(days=14)
PATH = f"/consult?treatment=eco2&start={START.isoformat()}&sessions=2&phototype=5"


def _download(page, label: str, tmp_path):
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_downloads_match_the_screen(open_page, tmp_path, app_url):
    page = open_page(PATH, width=1280)
    second = START + timedelta(days=42)
    page.get_by_text(f"Session 2 of 2: {format_date(second)}").wait_for()
    body = page.locator("body").inner_text()
    makeup = format_date(START + timedelta(days=7))
    assert f"Session 2 of 2: {format_date(second)}" in body and makeup in body

    pdf_file = _download(page, "Download the handout (PDF)", tmp_path)
    assert pdf_file.name == f"eco2-plan-{START.isoformat()}.pdf"
    reader = PdfReader(pdf_file)
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert format_date(START) in text and format_date(second) in text and makeup in text
    link = (
        f"{app_url}/recovery?treatment=eco2&start={START.isoformat()}&area=face&intensity=standard"
        "&phototype=5&sessions=2"
    )
    page.wait_for_selector('[data-testid="stCode"] code')
    shown_links = ["".join(c.split()) for c in page.locator('[data-testid="stCode"] code').all_text_contents()]
    assert link in shown_links
    codes = [r.text for img in reader.pages[0].images for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(img.data)))]
    assert link in codes

    ics_file = _download(page, "Download the calendar file (.ics)", tmp_path)
    cal = Calendar.from_ical(ics_file.read_bytes())
    starts = {str(e["UID"]).split("@")[0].rsplit("-", 1)[0]: e.decoded("DTSTART") for e in cal.walk("VEVENT")}
    assert starts["session-1"] == START and starts["session-2"] == second
    assert starts["makeup-1"] == START + timedelta(days=7)
    assert all(isinstance(d, date) and not isinstance(d, datetime) for d in starts.values())


def test_qr_on_screen_opens_the_plan(open_page, app_url):
    page = open_page(PATH, width=1280)
    page.locator('[data-testid="stImage"] img').first.wait_for()
    qr = page.locator('[data-testid="stImage"] img').first
    png = qr.screenshot()
    texts = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert texts and texts[0].startswith(f"{app_url}/recovery?")
    phone = open_page(texts[0].removeprefix(app_url), width=390)
    assert START.isoformat() in phone.url and not phone.locator('[data-testid="stException"]').count()


def test_bad_sessions_hide_the_downloads(open_page):
    page = open_page(f"/consult?treatment=eco2&start={START.isoformat()}&sessions=5", width=1280)
    page.get_by_text("1 to 3 sessions").first.wait_for()
    assert page.get_by_role("button", name="Download the handout (PDF)").count() == 0


def test_phone_width_has_no_sideways_scroll(open_page):
    page = open_page(PATH, width=390)
    page.wait_for_selector('[data-testid="stDateInput"] input')
    widths = page.evaluate("""() => [document.documentElement.scrollWidth,
        document.querySelector('[data-testid="stMain"]').scrollWidth]""")
    assert max(widths) <= 390, widths


# --- The plan on a timeline (Plotly) -----------------------------------------------------------------------------

PLOT = '[data-testid="stPlotlyChart"] .js-plotly-plot'
# the bars drawn on the chart itself (the range slider under it draws its own copy)
_BARS_JS = """(sel) => { const gd = document.querySelector(sel);
    return gd ? gd.querySelectorAll('.cartesianlayer .barlayer .point path').length : 0; }"""


def _open_watched(browser, app_url: str, path: str, width: int):
    """A fresh page that records console errors and uncaught exceptions from before it loads."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(app_url + path)
    wait_for_app(page)
    page.wait_for_function(f"(sel) => ({_BARS_JS})(sel) > 0", arg=PLOT, timeout=30_000)  # the chunk loads lazily
    return context, page, errors


def test_the_timeline_draws_and_a_legend_click_hides_a_layer(browser, app_url):
    context, page, errors = _open_watched(browser, app_url, PATH + "&compare=nafl-1550", 1280)
    try:
        names = page.evaluate(f"() => document.querySelector('{PLOT}').data.map(t => t.name)")
        assert {"Sessions", "Redness", "Milestones", "Today", "Treatment date"} <= set(names)
        assert page.locator(f"{PLOT} .legend .traces").count() == len(names)  # one legend entry per layer
        bars = page.evaluate(_BARS_JS, PLOT)
        redness = page.evaluate(f"() => document.querySelector('{PLOT}').data.find(t => t.name === 'Redness').y.length")
        assert redness == 2 + 3  # after each session of both courses
        page.locator(f"{PLOT} .legend .traces").filter(has_text="Redness").click()
        page.wait_for_function(
            f"() => document.querySelector('{PLOT}').data.find(t => t.name === 'Redness').visible === 'legendonly'"
        )
        page.wait_for_function(f"([sel, n]) => ({_BARS_JS})(sel) === n", arg=[PLOT, bars - redness])
        shown = page.evaluate(
            f"() => document.querySelector('{PLOT}').data.filter(t => t.visible !== 'legendonly').map(t => t.name)"
        )
        assert "Redness" not in shown and "Downtime" in shown  # only that layer is hidden
        # the first view is the first six weeks; the range slider is there to reach the months after
        view = page.evaluate(f"() => document.querySelector('{PLOT}')._fullLayout.xaxis.range")
        assert view[0].startswith((START - timedelta(days=2)).isoformat())
        assert view[1].startswith((START + timedelta(days=42)).isoformat())
        assert page.locator(f"{PLOT} .rangeslider-container").count() == 1
        assert not errors, errors
    finally:
        context.close()


def test_the_timeline_hover_says_the_date_in_words(browser, app_url):
    context, page, errors = _open_watched(browser, app_url, PATH, 1280)
    try:
        box = page.locator(f"{PLOT} .cartesianlayer .barlayer .point path").first.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # Plotly's drag layer is on top
        page.wait_for_selector(f"{PLOT} .hoverlayer .hovertext")
        text = " ".join(page.locator(f"{PLOT} .hoverlayer .hovertext").all_text_contents())  # SVG: no innerText
        set_language("en")
        assert format_full_date(START) in text and "Sources:" in text, text
        assert not errors, errors
    finally:
        context.close()


def test_the_timeline_works_at_phone_width(browser, app_url):
    context, page, errors = _open_watched(browser, app_url, PATH + "&compare=nafl-1550", 390)
    try:
        widths = page.evaluate(
            """(sel) => [document.documentElement.scrollWidth,
            document.querySelector('[data-testid="stMain"]').scrollWidth,
            document.querySelector(sel).getBoundingClientRect().right]""",
            PLOT,
        )
        assert max(widths) <= 390, widths
        page.locator(f"{PLOT} .legend .traces").filter(has_text="Sessions").click()
        page.wait_for_function(
            f"() => document.querySelector('{PLOT}').data.find(t => t.name === 'Sessions').visible === 'legendonly'"
        )
        assert not errors, errors
    finally:
        context.close()
