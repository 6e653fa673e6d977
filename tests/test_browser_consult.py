"""The consult page in Chromium: the downloads deliver a handout and a calendar that match the screen."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import zxingcpp
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from dashboard.dates import format_date

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
    link = f"{app_url}/recovery?treatment=eco2&start={START.isoformat()}&area=face&intensity=standard" \
           "&phototype=5&sessions=2"
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
