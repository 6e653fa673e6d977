"""The diary in a real browser: kept on the phone after the self-check, back after a reload, seen by no other browser,
brought to the follow-up as a PDF and printed, forgotten with one button; hostile stored values refused without a
script running; blocked or full storage explained; and nothing of it left in the server after the session."""

from __future__ import annotations

import io
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import APP_HOST, ROOT, free_port, stop_app, wait_for_app
from pypdf import PdfReader
from test_browser_a11y import _wcag22_failures, failing_nodes

pytestmark = pytest.mark.browser

UTC = {"timezone_id": "UTC"}
PREFIX = "recovery-diary:v1:"
KEEP_NOTE = "A short note for your diary (optional)"


def _expect():
    from playwright.sync_api import expect

    return expect


def _start(days_ago: int = 4) -> str:
    return (datetime.now(tz=ZoneInfo("UTC")).date() - timedelta(days=days_ago)).isoformat()


def check_answers(page, base: str, start: str, day: int, redness: str, sign: str | None = None) -> None:
    """Open the day, tick redness at a level (and a warning sign), and press "Check my answers"."""
    page.goto(f"{base}/recovery?treatment=eco2&start={start}&day={day}")
    wait_for_app(page)
    page.get_by_role("button", name="Tick what I notice").click()
    page.get_by_role("radiogroup", name="Redness").get_by_text(redness, exact=True).click()
    if sign:
        page.get_by_test_id("stCheckbox").filter(has_text=sign).locator("label").click()
    page.get_by_role("button", name="Check my answers").click()
    wait_for_app(page)


def keep(page, base: str, start: str, day: int, redness: str, note: str, sign: str | None = None) -> None:
    """Check a day's answers and keep them, with a note, in the diary on this phone."""
    check_answers(page, base, start, day, redness, sign)
    page.get_by_label(KEEP_NOTE).fill(note)
    page.get_by_role("button", name=re.compile("in my diary on this phone$")).click()
    _expect()(
        page.get_by_role("status").filter(has_text=f"Kept in your diary on this phone (day {day}).")
    ).to_be_visible()


def open_diary(page, base: str) -> None:
    page.goto(f"{base}/diary")
    wait_for_app(page)
    # The first run asks the browser for its diary; the run the browser's answer starts draws it.
    page.wait_for_function("() => !document.body.innerText.includes('Reading the diary kept on this phone')")
    wait_for_app(page)


def stored(page) -> dict[str, str]:
    return page.evaluate(
        "(p) => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(p))"
        ".map(k => [k, localStorage.getItem(k)]))",
        PREFIX,
    )


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True, **UTC)
    yield ctx
    ctx.close()


@pytest.fixture
def kept_week(context, app_url):
    """A phone with two days kept for one course: yesterday (day 3) and today (day 4, a warning sign ticked)."""
    page = context.new_page()
    start = _start(4)
    keep(page, app_url, start, 3, "moderate", "Day three note")
    keep(page, app_url, start, 4, "mild", "Yellow spots <b>left</b>", sign="Pus or yellow spots")
    return page, start


def test_two_days_kept_are_back_after_a_reload_with_their_chart(kept_week, app_url) -> None:
    page, start = kept_week
    ((key, raw),) = stored(page).items()
    assert key == f"{PREFIX}eco2:{start}"
    assert [e["day"] for e in json.loads(raw)["entries"]] == [3, 4]
    open_diary(page, app_url)
    page.reload()
    wait_for_app(page)
    page.wait_for_function("() => document.body.innerText.includes('Your entries, latest first')")
    main = page.get_by_test_id("stMain")
    _expect()(main.get_by_text(re.compile(r"^Day 4, .* · Call the clinic today$"))).to_be_visible()
    _expect()(main.get_by_text(re.compile(r"^Day 3, .* · Expected for this day$"))).to_be_visible()
    _expect()(main.get_by_text("Your note: Day three note")).to_be_visible()
    _expect()(main.get_by_text("Your note: Yellow spots <b>left</b>")).to_be_visible()  # as typed, not as HTML
    assert page.locator("b", has_text="left").count() == 0
    chart = page.get_by_test_id("stVegaLiteChart")
    _expect()(chart).to_have_count(1)
    page.wait_for_function(
        '() => document.querySelector(\'[data-testid="stVegaLiteChart"] svg, [data-testid="stVegaLiteChart"] canvas\')'
    )
    page.get_by_text("The chart in words").click()
    _expect()(main.get_by_text(re.compile(r"^Redness: day 3: moderate \(usually .*\); day 4: mild"))).to_be_visible()
    _expect()(main.get_by_text("Warning signs ticked on: day 4.")).to_be_visible()


def test_another_browser_sees_none_of_it(kept_week, browser, app_url) -> None:
    other = browser.new_context(viewport={"width": 390, "height": 844}, **UTC)
    try:
        page = other.new_page()
        open_diary(page, app_url)
        _expect()(page.get_by_text("Nothing is kept in the diary on this phone yet.")).to_be_visible()
        assert page.get_by_test_id("stVegaLiteChart").count() == 0 and stored(page) == {}
    finally:
        other.close()


def test_the_pdf_for_the_follow_up_holds_the_entries(kept_week, app_url) -> None:
    page, _start_date = kept_week
    open_diary(page, app_url)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the PDF").click()
    pdf = download.value
    assert pdf.suggested_filename == "my-recovery-diary.pdf"
    reader = PdfReader(io.BytesIO(Path(pdf.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert len(reader.pages) <= 2 and "My recovery diary" in text
    assert "Day three note" in text and "Yellow spots <b>left</b>" in text
    assert "redness moderate" in text and "redness mild" in text
    assert "Call the clinic today" in text and "+1 555 0100" in text
    _expect()(page.get_by_role("status").filter(has_text="The PDF is saved in your downloads.")).to_be_visible()


def test_the_printed_page_is_the_diary_alone(kept_week, app_url) -> None:
    page, _start_date = kept_week
    open_diary(page, app_url)
    page.emulate_media(media="print")
    assert not page.get_by_test_id("stSidebar").is_visible()
    assert not page.get_by_role("button", name="Download the PDF").is_visible()
    printed = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    text = " ".join(" ".join(p.extract_text().split()) for p in printed)
    assert "Your note: Day three note" in text and "Call the clinic today" in text
    assert "Download the PDF" not in text and "Collagen over months" not in text


def test_forget_asks_once_then_empties_the_diary_on_this_phone(kept_week, app_url) -> None:
    page, _start_date = kept_week
    open_diary(page, app_url)
    where = page.get_by_text("Your diary is kept only in this browser on this phone.")
    _expect()(where).to_contain_text("Nobody at the clinic sees it unless you show it to them.")
    _expect()(where).to_contain_text("In a private window, it is lost when you close the window.")
    forget = page.get_by_role("button", name="Forget the diary on this phone")
    forget.click()
    question = page.get_by_text("Forget every entry of the diary on this phone? This cannot be undone.")
    _expect()(question).to_be_focused()
    page.get_by_role("button", name="No, keep it").click()
    _expect()(forget).to_be_focused()
    assert len(stored(page)) == 1
    forget.click()
    page.get_by_role("button", name="Yes, forget it").click()
    _expect()(page.get_by_text("The diary was removed from this phone.")).to_be_visible()
    assert stored(page) == {}
    open_diary(page, app_url)
    _expect()(page.get_by_text("Nothing is kept in the diary on this phone yet.")).to_be_visible()


HUGE = "HUGE-VALUE-" + "<script>window.__pwned=1</script>" * 60_000  # about 2 MB, under the browser's quota
HOSTILE_NOTE = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=1</script>'


def test_hostile_stored_values_are_refused_and_no_script_runs(context, app_url) -> None:
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    sent: list[int] = []
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framesent", lambda payload: sent.append(len(payload) if isinstance(payload, bytes | str) else 0)
        ),
    )
    start, other = _start(4), _start(6)
    levels = {"redness": 1}
    good = {
        "day": 4,
        "levels": levels,
        "signs": [],
        "note": HOSTILE_NOTE,
        "area": "face",
        "intensity": "standard",
        "phototype": None,
    }
    items = {
        f"{PREFIX}eco2:{start}": json.dumps(
            {
                "v": 1,
                "treatment": "eco2",
                "start": start,
                "entries": [good, good | {"day": "3"}, good | {"levels": {"x": 9}}],
            }
        ),
        f"{PREFIX}eco2:{other}": HUGE,
        f"{PREFIX}<img src=x onerror=alert(1)>:2026-01-01": "{}",
        f"{PREFIX}nafl-1550:{other}": "{not json",
    }
    page.goto(f"{app_url}/diary")
    wait_for_app(page)
    page.evaluate("(items) => Object.entries(items).forEach(([k, v]) => localStorage.setItem(k, v))", items)
    sent.clear()
    open_diary(page, app_url)
    page.wait_for_timeout(500)
    notice = page.get_by_test_id("stAlert").filter(has_text="could not be read")
    _expect()(notice).to_contain_text("5 stored entries or diaries could not be read")
    _expect()(page.get_by_text("Your note: " + HOSTILE_NOTE)).to_be_visible()  # the good entry, as text
    assert dialogs == [] and page.evaluate("window.__pwned === undefined")
    assert page.locator("img[src='x'], [onerror], svg[onload]").count() == 0
    assert page.get_by_test_id("stException").count() == 0 and "Traceback" not in page.inner_text("body")
    assert max(sent, default=0) < 100_000, "a stored value past the size limit went to the server"


def test_blocked_storage_is_explained_and_the_self_check_still_works(browser, app_url) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, **UTC)
    ctx.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { "
        "throw new DOMException('The operation is insecure.', 'SecurityError'); }});"
    )
    try:
        page = ctx.new_page()
        check_answers(page, app_url, _start(4), 4, "moderate")
        _expect()(page.get_by_text(re.compile(r"^Everything you ticked is expected on day 4\."))).to_be_visible()
        _expect()(page.get_by_role("status").filter(has_text="so these answers cannot be kept")).to_be_visible()
        _expect()(page.get_by_label(KEEP_NOTE)).to_be_hidden()
        open_diary(page, app_url)
        _expect()(page.get_by_test_id("stAlert")).to_contain_text("does not let this page keep anything")
    finally:
        ctx.close()


def test_full_storage_says_the_answers_were_not_kept(browser, app_url) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, **UTC)
    ctx.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };"
    )
    try:
        page = ctx.new_page()
        check_answers(page, app_url, _start(4), 4, "mild")
        page.get_by_role("button", name=re.compile("in my diary on this phone$")).click()
        _expect()(
            page.get_by_role("status").filter(has_text="is full, so these answers could not be kept")
        ).to_be_visible()
    finally:
        ctx.close()


_AXE = Axe()


@pytest.mark.parametrize("width", (390, 1280))
def test_the_diary_with_entries_passes_axe_and_works_from_the_keyboard(kept_week, app_url, width) -> None:
    page, _start_date = kept_week
    page.set_viewport_size({"width": width, "height": 900})
    open_diary(page, app_url)
    failures = failing_nodes(page, _AXE.run(page).response["violations"])
    if width == 390:  # WCAG 2.2 AA, target size among it, as the other pages are checked at phone width
        failures += _wcag22_failures(page)
    assert not failures, "\n".join(failures)
    pdf_button = page.get_by_role("button", name="Download the PDF")
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate(
            "() => { let e = document.activeElement; while (e && e.shadowRoot && "
            "e.shadowRoot.activeElement) { e = e.shadowRoot.activeElement; } "
            "return e && e.id === 'pdf' && e.matches(':focus-visible'); }"
        ):
            break
    else:
        pytest.fail("Tab never reached 'Download the PDF'")
    box = pdf_button.bounding_box()
    assert box and box["height"] >= 24 and box["width"] >= 24
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # Print, then Forget
    page.keyboard.press("Enter")
    _expect()(page.get_by_text("Forget every entry of the diary on this phone? This cannot be undone.")).to_be_focused()


def test_the_keep_control_passes_axe_at_phone_width(context, app_url) -> None:
    page = context.new_page()
    check_answers(page, app_url, _start(4), 4, "moderate")
    _expect()(page.get_by_label(KEEP_NOTE)).to_be_visible()
    failures = failing_nodes(page, _AXE.run(page).response["violations"]) + _wcag22_failures(page)
    assert not failures, "\n".join(failures)


def test_answers_checked_again_do_not_show_the_last_ones_as_kept(context, app_url) -> None:
    page = context.new_page()
    check_answers(page, app_url, _start(4), 4, "moderate")
    page.get_by_label(KEEP_NOTE).fill("first")
    page.get_by_role("button", name=re.compile("in my diary on this phone$")).click()
    kept = page.get_by_role("status").filter(has_text="Kept in your diary")
    _expect()(kept).to_be_visible()
    page.get_by_role("radiogroup", name="Redness").get_by_text("marked", exact=True).click()
    page.get_by_role("button", name="Check my answers").click()
    wait_for_app(page)
    _expect()(kept).to_have_count(0)
    _expect()(page.get_by_label(KEEP_NOTE)).to_have_value("")


# --- Nothing stays in the server ---------------------------------------------------------------------------------

SKIP_DIRS = {".git", ".venv", ".pytest_cache", ".ruff_cache", "__pycache__", ".hypothesis"}


def _files(*folders: Path) -> dict[Path, tuple[float, int]]:
    found = {}
    for folder in folders:
        for here, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
            for name in files:
                path = Path(here) / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                found[path] = (st.st_mtime, st.st_size)
    return found


def _probe(port: int, needle: str, plant: bool = False) -> dict:
    url = f"http://127.0.0.1:{port}/_probe/scan?needle={needle[::-1]}&plant={int(plant)}"
    with urllib.request.urlopen(url, timeout=120) as r:
        return json.loads(r.read())


def test_nothing_of_the_diary_stays_in_the_server_after_the_session(browser, tmp_path) -> None:
    """The server writes no file and keeps nothing after the session: not in the session state (of the sessions kept
    for reconnecting too), the memos, Streamlit's caches, the log, or any object it still holds."""
    marker = "DIARY" + secrets.token_hex(12)
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "tests/probe_server.py",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
            ],
            cwd=ROOT,
            env={**os.environ, "HOME": str(home), "TMPDIR": str(temp)},
            stdout=err,
            stderr=err,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                    break
                except OSError:
                    assert time.monotonic() < deadline and proc.poll() is None, "the probe server did not start"
                    time.sleep(0.3)
            before = _files(ROOT, home, temp)
            began = time.time()
            base = f"http://{APP_HOST}:{port}"
            ctx = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True, **UTC)
            page = ctx.new_page()
            keep(page, base, _start(4), 4, "marked", f"note {marker}", sign="Pus or yellow spots")
            open_diary(page, base)
            _expect()(page.get_by_text(f"Your note: note {marker}")).to_be_visible()  # the server drew it
            with page.expect_download() as download:
                page.get_by_role("button", name="Download the PDF").click()
            assert "note" in " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
            ctx.close()
            deadline = time.monotonic() + 30
            while (found := _probe(port, marker))["active"] and time.monotonic() < deadline:
                time.sleep(0.5)
            assert found["active"] == 0, found
            planted = _probe(port, marker, plant=True)
        finally:
            stop_app(proc)
    assert planted["objects"], "the scan does not find a text the server holds"
    assert found["in_session_state"] == 0 and found["in_client_state"] == 0, found
    assert not found["in_memos"] and not found["in_cache_data"] and not found["in_cache_resource"], found
    assert found["objects"] == [], f"objects still hold the diary: {found['objects']}"
    assert marker.encode() not in log.read_bytes(), "the diary is in the server's log"
    after = _files(ROOT, home, temp)
    changed = sorted(str(p) for p, stat in after.items() if before.get(p) != stat and stat[0] >= began - 1)
    assert changed == [], f"the server wrote files: {changed}"
