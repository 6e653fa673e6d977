"""Offline: no page makes a request that leaves the server (clinic networks may have no internet, and patients'
visits must not be reported to third parties). Every request, websocket and download is recorded in the browser;
each URL must be on 127.0.0.1/localhost or be a data:/blob: URL."""

from __future__ import annotations

import contextlib
import tomllib

import pytest
from conftest import ROOT, wait_for_app
from pages_list import BY_PATH, PAGE_IDS, PAGES, is_local_url

pytestmark = pytest.mark.browser


def record_requests(page) -> list[str]:
    """Start recording every URL the page asks for (documents, scripts, fonts, images, fetches, websockets)."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.on("websocket", lambda ws: seen.append(ws.url))
    return seen


def open_recorded(browser, app_url: str, path: str, width: int = 1280, **context_args):
    """A fresh context (empty cache, so nothing is skipped as cached) recording from the first request."""
    context = browser.new_context(viewport={"width": width, "height": 900}, **context_args)
    page = context.new_page()
    seen = record_requests(page)
    page.goto(app_url + path)
    wait_for_app(page)
    page.wait_for_load_state("networkidle")
    return context, page, seen


def test_is_local_url_rejects_the_internet():
    assert is_local_url("http://127.0.0.1:8501/static/js/index.js")
    assert is_local_url("ws://localhost:8501/_stcore/stream")
    assert is_local_url("data:image/svg+xml,<svg/>") and is_local_url("blob:http://127.0.0.1:8501/1234")
    for url in (
        "https://fonts.gstatic.com/s/i/x.svg",
        "https://www.googletagmanager.com/gtag/js",
        "http://127.0.0.1.example.com/",
        "https://cdn.jsdelivr.net/npm/x",
        "//fonts.googleapis.com/css",
    ):
        assert not is_local_url(url), url


@pytest.mark.parametrize("width", (1280, 390))
@pytest.mark.parametrize("spec", PAGES, ids=PAGE_IDS)
def test_page_makes_no_request_off_the_server(browser, app_url, spec, width):
    context, page, seen = open_recorded(browser, app_url, spec.url(), width)
    try:
        # open what a person would open: expanders and folds (charts' text versions, details) may load more content
        for summary in page.locator('[data-testid="stExpander"] summary, details.fold > summary').all():
            summary.click()
        wait_for_app(page)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert seen, "no request was recorded at all"
    outside = sorted({u for u in seen if not is_local_url(u)})
    assert not outside, f"{spec.path} at {width}px asked the internet for: {outside}"


def test_display_stays_offline_across_slides(browser, app_url):
    """The waiting-room screen, over a few slide changes (shortest interval), asks nothing of the internet."""
    context, page, seen = open_recorded(browser, app_url, BY_PATH["/display"].url("interval=5"), 1920)
    try:
        page.wait_for_timeout(16_000)  # three slides at 5 s; only requests are checked, no timing is asserted
        wait_for_app(page)
    finally:
        context.close()
    outside = sorted({u for u in seen if not is_local_url(u)})
    assert not outside, f"/display asked the internet for: {outside}"


def test_consult_downloads_stay_on_the_server(browser, app_url):
    """Every download on /consult (handout, calendar file, QR code...) is served by the app itself."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    context, page, seen = open_recorded(browser, app_url, BY_PATH["/consult"].url(), 1280, accept_downloads=True)
    names = []
    try:
        buttons = page.locator('[data-testid="stDownloadButton"] button, [data-testid="stDownloadButton"] a')
        # The buttons come after the plan's Plotly timeline, whose code a fresh browser takes a while to load.
        with contextlib.suppress(PlaywrightTimeoutError):
            buttons.first.wait_for(timeout=60_000)
        count = buttons.count()
        for i in range(count):
            with page.expect_download(timeout=30_000) as info:
                buttons.nth(i).click()
            download = info.value
            names.append(download.suggested_filename)
            assert is_local_url(download.url), f"download {download.suggested_filename} came from {download.url}"
            assert download.path().stat().st_size > 0, f"download {download.suggested_filename} is empty"
            wait_for_app(page)
    finally:
        context.close()
    if count == 0:
        pytest.fail("/consult has no download button (expected the handout and calendar file)")
    outside = sorted({u for u in seen if not is_local_url(u)})
    assert not outside, f"/consult downloads {names} asked the internet for: {outside}"


def test_streamlit_does_not_phone_home():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config.get("browser", {}).get("gatherUsageStats") is False
