"""Languages in Chromium, as people use them: the switch, the browser's language, links and the menu that keep the
language, the handout and calendar downloaded in Spanish, a QR code that opens Spanish, and a display that
alternates languages."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import zxingcpp
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from dashboard.dates import format_date
from dashboard.i18n import set_language
from dashboard.signs import answer_text

pytestmark = pytest.mark.browser

START = datetime.now(tz=UTC).date() + timedelta(days=14)


def _spanish(fn, *args):
    """A text as the app says it in Spanish (the test computes it with the app's own catalog)."""
    set_language("es")
    try:
        return fn(*args)
    finally:
        set_language("en")


def _body(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_the_switch_turns_the_page_spanish_and_the_menu_keeps_it(open_page) -> None:
    page = open_page("/", width=1280)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator('[data-testid="stMain"]').get_by_role("radio", name="Español").click()
    page.get_by_role("heading", name="Recuperación tras el rejuvenecimiento de la piel con láser").wait_for()
    page.wait_for_function("() => location.search.includes('lang=es')")  # the address follows the run's end
    assert page.evaluate("document.documentElement.lang") == "es"
    # The menu is Streamlit's: switching page drops the address's parameters, and the language must stay.
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="Día a día").click()
    page.get_by_role("heading", name="Día a día").wait_for()
    page.wait_for_function("() => location.search.includes('lang=es')")
    # A source link is a new page load (a new session): it carries the language in its address.
    link = page.locator('[data-testid="stMain"] a[href*="#src-"]').first
    assert "lang=es" in (link.get_attribute("href") or "")


def test_the_browsers_language_picks_spanish_and_the_link_wins(open_page) -> None:
    page = open_page("/recovery?treatment=eco2&day=4", width=390, locale="es-MX")
    page.get_by_role("heading", name="Día 4").wait_for()
    assert page.evaluate("document.documentElement.lang") == "es"
    page = open_page("/recovery?treatment=eco2&day=4&lang=en", width=390, locale="es-MX")
    page.get_by_role("heading", name="Day 4").wait_for()
    assert "¿Es esto lo habitual?" not in _body(page) and "Is this normal?" in _body(page)


def test_a_bad_language_gets_the_usual_notice_and_english(open_page) -> None:
    page = open_page("/recovery?treatment=eco2&day=4&lang=%3Cscript%3E", width=390)
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="'lang'")
    notice.first.wait_for()
    assert "<script>" not in notice.first.inner_text()
    page.get_by_role("heading", name="Day 4").wait_for()


def test_the_self_check_answers_in_spanish(open_page) -> None:
    page = open_page("/recovery?treatment=eco2&day=1&lang=es", width=390)
    page.get_by_role("heading", name="¿Es esto lo habitual?").wait_for()
    page.get_by_role("button", name="Marcar lo que noto").click()
    page.locator('[data-testid="stCheckbox"]').filter(has_text="Pus o puntos amarillos").locator("label").click()
    page.get_by_role("button", name="Revisar mis respuestas").click()
    page.get_by_text(_spanish(answer_text, "call-today")).first.wait_for()


def test_a_day_step_stays_in_the_language(open_page) -> None:
    # a day step reruns only the day's part of the page, which must keep the page's language
    page = open_page("/recovery?treatment=eco2&day=4&lang=es", width=390)
    page.get_by_role("button", name="Día siguiente").click()
    page.get_by_role("heading", name="Día 5").wait_for()
    body = _body(page)
    assert "Next day" not in body and "Is this normal?" not in body and "¿Es esto lo habitual?" in body
    page.wait_for_function("() => window.location.search.includes('day=5')")
    assert "lang=es" in page.url


def test_handout_calendar_and_qr_are_spanish(open_page, app_url, tmp_path) -> None:
    page = open_page(f"/consult?treatment=eco2&start={START.isoformat()}&sessions=2&phototype=5&lang=es", width=1280)
    page.wait_for_selector('[data-testid="stCode"] code')
    shown = ["".join(c.split()) for c in page.locator('[data-testid="stCode"] code').all_text_contents()]
    assert shown and all(link.endswith("lang=es") for link in shown)

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("PDF")).click()
    pdf = tmp_path / info.value.suggested_filename
    info.value.save_as(pdf)
    reader = PdfReader(pdf)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert _spanish(format_date, START) in text
    assert _spanish(answer_text, "urgent") in text and "Call the clinic" not in text
    codes = [r.text for img in reader.pages[0].images for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(img.data)))]
    assert codes and codes[0].startswith(f"{app_url}/recovery?") and codes[0].endswith("lang=es")

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("calendario")).click()
    ics = Calendar.from_ical(info.value.path().read_bytes())
    summaries = [str(e["SUMMARY"]) for e in ics.walk("VEVENT")]
    assert any("Sesión" in s or "sesión" in s for s in summaries), summaries

    # The QR code opens the app in Spanish on a phone whose own language is English.
    phone = open_page(codes[0].removeprefix(app_url), width=390, locale="en-GB")
    phone.get_by_role("heading", name="Día a día").wait_for()


def test_the_display_alternates_languages(open_page) -> None:
    page = open_page("/display?interval=5&langs=en,es", width=1920, height=1080)
    # Each slide is shown in English, then in Spanish (5 s each): sampled every 2 s, one slide shows in both.
    languages_of: dict[str, set[str]] = {}
    for _ in range(15):
        root = page.locator(".ds-root")
        root.wait_for()
        languages_of.setdefault(root.get_attribute("data-slide") or "", set()).add(root.get_attribute("lang") or "")
        if {"en", "es"} in languages_of.values():
            break
        page.wait_for_timeout(2000)
    assert {"en", "es"} in languages_of.values(), languages_of
