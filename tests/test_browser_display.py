"""The clinic display in a real browser at 1920x1080: rotation, QR code, legibility, chrome, reconnection."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from conftest import free_port, start_app, stop_app

from dashboard.loader import load_dataset
from dashboard.slides import build_slides

pytestmark = pytest.mark.browser

FULL_HD = {"width": 1920, "height": 1080}
IDS = [s.id for s in build_slides(load_dataset(), None)]
PHONE = load_dataset().clinic.phone
SHOTS = Path("/tmp/shots")

# One atomic read of the screen (the DOM cannot change while it runs): which slide, the smallest font of the
# body text and of any text, and whether anything spills out of its place.
MEASURE = """() => {
  const root = document.querySelector('.ds-root');
  if (!root) return null;
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const texts = [...root.querySelectorAll('p, li, td, th, span, figcaption, h1')].filter(el => el.innerText.trim());
  const body = [...root.querySelectorAll('.ds-body, li, td')].filter(el => el.innerText.trim());
  const content = root.querySelector('.ds-content').getBoundingClientRect();
  const foot = root.querySelector('.ds-foot').getBoundingClientRect();
  const lowest = Math.max(...[...root.querySelectorAll('.ds-content *')].map(el => el.getBoundingClientRect().bottom));
  return {
    id: root.dataset.slide,
    title: root.querySelector('.ds-title').innerText,
    minBody: Math.min(...body.map(px)),
    minText: Math.min(...texts.map(px)),
    bodyCount: body.length,
    contentBottom: lowest, footTop: foot.top, contentTop: content.top,
    footBottom: foot.bottom, viewHeight: innerHeight,
    scrollWidth: document.scrollingElement.scrollWidth, viewWidth: innerWidth,
    cornerQr: (q => q ? q.getBoundingClientRect().width : null)(root.querySelector('.ds-corner img.ds-qr')),
    phone: (p => p ? {px: px(p), text: p.innerText} : null)(root.querySelector('.ds-phone')),
    maxText: Math.max(...texts.map(px)),
  };
}"""


def _decode_qr(png: bytes) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def _current(page) -> str:
    return page.get_attribute(".ds-root", "data-slide")


def test_slides_advance_by_themselves(open_page):
    page = open_page("/display?interval=5", **FULL_HD)
    page.wait_for_selector(".ds-root")
    first, title = _current(page), page.inner_text(".ds-title")
    page.wait_for_function("s => document.querySelector('.ds-root')?.dataset.slide !== s", arg=first, timeout=15_000)
    after = _current(page)
    assert after == IDS[(IDS.index(first) + 1) % len(IDS)]  # the next slide, none skipped
    assert page.inner_text(".ds-title") != title


def test_qr_code_opens_the_app(open_page, app_url):
    page = open_page("/display?interval=300", **FULL_HD)
    page.wait_for_selector("img.ds-qr")
    assert _decode_qr(page.locator("img.ds-qr").first.screenshot()) == [app_url + "/recovery"]


@pytest.mark.parametrize("language", ["en", "es"])  # Spanish runs longer: it must fit the screen too
def test_every_slide_is_legible_fits_and_has_its_qr(open_page, app_url, language):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(f"/display?interval=5&lang={language}", **FULL_HD)
    page.wait_for_selector(".ds-root")
    seen: dict[str, dict] = {}
    big_qr: list[str] = []
    deadline = time.monotonic() + 120
    while len(seen) < len(IDS) and time.monotonic() < deadline:
        m = page.evaluate(MEASURE)
        if m is None or m["id"] in seen:
            page.wait_for_timeout(250)
            continue
        seen[m["id"]] = m
        page.screenshot(path=str(SHOTS / f"display_{m['id']}_{language}.png"))
        if m["id"] == "scan":
            big_qr = _decode_qr(page.locator("img.ds-qr-big").screenshot())
    assert sorted(seen) == sorted(IDS)  # every slide came round by itself
    for slide_id, m in seen.items():
        assert m["bodyCount"] > 0, slide_id
        assert m["minBody"] >= 28, (slide_id, m["minBody"])  # readable from across the room at 1080p
        assert m["minText"] >= 24, (slide_id, m["minText"])  # even the source keys
        assert m["contentBottom"] <= m["footTop"] + 1, (slide_id, m)  # nothing runs into the footer
        assert m["footBottom"] <= m["viewHeight"], (slide_id, m)
        assert m["scrollWidth"] <= m["viewWidth"], slide_id
        if slide_id != "scan":  # a corner QR code a phone can read from a few steps away
            assert m["cornerQr"] is not None and m["cornerQr"] >= 240, (slide_id, m["cornerQr"])
    # Seen from across the room: the phone number is the largest text of its slide, and the first week fills its
    # screen (it left about 40 % of it empty).
    call = seen["call"]
    assert call["phone"] == {"px": call["maxText"], "text": PHONE}, call
    week = seen["first-week"]
    assert (week["contentBottom"] - week["contentTop"]) >= 0.85 * (week["footTop"] - week["contentTop"]), week
    assert big_qr == [app_url + ("/recovery" if language == "en" else f"/recovery?lang={language}")]


def test_no_sidebar_toolbar_or_widgets_and_a_dark_page(open_page):
    page = open_page("/display", **FULL_HD)
    page.wait_for_selector(".ds-root")
    for testid in (
        "stSidebar",
        "stHeader",
        "stToolbar",
        "stSidebarCollapsedControl",
        "stExpandSidebarButton",
        "stSidebarNav",
        "stStatusWidget",
    ):
        assert not page.locator(f'[data-testid="{testid}"]').is_visible(), testid
    assert page.locator("button:visible, input:visible, select:visible, textarea:visible").count() == 0
    colours = page.evaluate("""() => {
      const rgb = s => s.match(/\\d+/g).slice(0, 3).map(Number);
      const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
        : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const bg = lum(rgb(getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor));
      const fg = lum(rgb(getComputedStyle(document.querySelector('.ds-body, .ds-title')).color));
      return {bg, contrast: (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05)};
    }""")
    assert colours["bg"] < 0.02  # a dark page
    assert colours["contrast"] >= 7  # WCAG AAA for the main text


def test_screen_carries_on_after_the_server_restarts(browser):
    port = free_port()
    proc = start_app(port)
    context = browser.new_context(viewport=FULL_HD)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/display?interval=5")
        page.wait_for_selector(".ds-root")
        stop_app(proc)
        page.wait_for_timeout(8_000)  # long enough for the page to notice the server is gone
        frozen = _current(page)
        assert frozen in IDS  # the last slide stays on screen meanwhile
        proc = start_app(port)
        page.wait_for_function(
            "s => document.querySelector('.ds-root')?.dataset.slide !== s", arg=frozen, timeout=90_000
        )
        page.wait_for_function(
            "s => document.querySelector('.ds-root')?.dataset.slide !== s", arg=_current(page), timeout=15_000
        )  # and keeps rotating
        assert not page.get_by_text("Connection error").is_visible()
    finally:
        context.close()
        stop_app(proc)


def test_the_page_keeps_no_timeline_and_reloads_once_a_day_at_a_quiet_hour(open_page):
    """Streamlit marks every run in the browser's performance timeline and never clears it; the display does, so a
    screen that runs for months keeps no more of them than one slide's worth. The daily reload's rule is checked with
    given clocks (a day of fake time would run the screen's timers for a day)."""
    from dashboard.display_html import RELOAD_AFTER_HOURS, RELOAD_HOUR

    page = open_page("/display?interval=5", **FULL_HD)
    page.wait_for_selector(".ds-root")
    for _ in range(2):  # two slide changes: four runs, each marked by Streamlit
        shown = _current(page)
        page.wait_for_function(
            "s => document.querySelector('.ds-root')?.dataset.slide !== s", arg=shown, timeout=15_000
        )
    page.wait_for_timeout(500)
    entries = page.evaluate(
        "performance.getEntriesByType('mark').length + performance.getEntriesByType('measure').length"
    )
    assert entries <= 3, entries
    hour = 3600_000
    due = page.evaluate(
        """([hour, quiet, after]) => {
      const at = h => new Date(2026, 11, 8, h, 30).getTime();  // the screen's local time
      const loaded = at(quiet) - after * hour;
      return [window.__dsReloadDue(loaded, at(quiet)), window.__dsReloadDue(loaded + hour, at(quiet)),
              window.__dsReloadDue(at(quiet) - 30 * hour, at(quiet + 1)),
              window.__dsReloadDue(at(quiet) - 30 * hour, at(quiet - 1))];
    }""",
        [hour, RELOAD_HOUR, RELOAD_AFTER_HOURS],
    )
    assert due == [True, False, False, False]  # at the quiet hour, and only for a page that old
