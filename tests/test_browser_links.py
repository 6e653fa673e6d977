"""Links and QR codes as a phone would scan them, with the app served under a path prefix
(`--server.baseUrlPath recovery-app`): the consult page's link, its QR code, the handout's QR code and the
display's QR code all point at the same app, prefix included. Opened at localhost, none of them is printed.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import zxingcpp
from conftest import APP_HOST, free_port, start_app, stop_app, wait_for_app
from PIL import Image
from pypdf import PdfReader

from dashboard.dates import today_in

pytestmark = pytest.mark.browser

PREFIX = "recovery-app"
START = today_in(None) + timedelta(days=10)
PLAN = f"treatment=eco2&start={START.isoformat()}&area=neck&intensity=standard&phototype=4&sessions=1"


def _decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.fixture(scope="module")
def prefixed():
    port = free_port()
    proc = start_app(port, args=("--server.baseUrlPath", f"/{PREFIX}"))
    yield port
    stop_app(proc)


def test_consult_and_display_agree_behind_a_path_prefix(browser, prefixed):
    base = f"http://{APP_HOST}:{prefixed}/{PREFIX}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"{base}/consult?{PLAN}")
        wait_for_app(page)
        codes = page.locator('[data-testid="stCode"]')
        codes.nth(1).wait_for()
        shown = [codes.nth(i).inner_text().strip() for i in range(codes.count())]
        on_screen = _decode(page.locator('[data-testid="stImage"] img').first.screenshot())
        with page.expect_download() as info:
            page.get_by_role("button", name="Download the handout (PDF)").click()
        pdf = PdfReader(info.value.path())
        in_pdf = [t for image in pdf.pages[0].images for t in _decode(image.data)]

        page.goto(f"{base}/display?interval=300")
        page.wait_for_selector("img.ds-qr")
        on_display = _decode(page.locator("img.ds-qr").first.screenshot())
    finally:
        context.close()
    expected = f"{base}/recovery?{PLAN}"
    assert expected in shown and f"{base}/consult?{PLAN}" in shown
    assert on_screen == [expected] and in_pdf == [expected]
    assert on_display == [f"{base}/recovery"]


def test_no_link_or_qr_code_for_localhost_and_staff_are_told(browser, prefixed):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{prefixed}/{PREFIX}/consult?{PLAN}")
        wait_for_app(page)
        warning = page.get_by_test_id("stAlert").filter(has_text="only this computer can reach").inner_text()
        codes = page.locator('[data-testid="stImage"] img').count()
        links = page.locator('[data-testid="stCode"]').count()
        page.goto(f"http://127.0.0.1:{prefixed}/{PREFIX}/display?interval=300")
        page.wait_for_selector(".ds-root")
        display_codes = page.locator("img.ds-qr").count()
    finally:
        context.close()
    assert "set public_url in clinic.yaml" in warning
    assert codes == 0 and links == 0 and display_codes == 0


@pytest.mark.parametrize("prefix", ["", PREFIX])
def test_a_deep_link_connects_at_once(browser, app_url, prefixed, prefix):
    """The page is told where its server is (serve.py): it does not first look for one at /<page>/_stcore/."""
    base = f"http://{APP_HOST}:{prefixed}/{PREFIX}" if prefix else app_url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda r: asked.append(r.url.split("?")[0]) if "/_stcore/" in r.url else None)
        page.on("websocket", lambda ws: asked.append(ws.url))
        page.goto(f"{base}/recovery?treatment=eco2&day=4")
        wait_for_app(page)
        page.get_by_role("heading", name="Day 4").wait_for()
    finally:
        context.close()
    root = base.replace("http://", "ws://")
    assert f"{base}/_stcore/health" in asked and f"{root}/_stcore/stream" in asked
    assert not [u for u in asked if "/recovery/_stcore/" in u], asked
