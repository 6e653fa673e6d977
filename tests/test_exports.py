"""The handout PDF, the calendar file and the QR code, parsed back and checked against the data."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import zxingcpp
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from dashboard.dates import format_date
from dashboard.exports.ics import build_ics
from dashboard.exports.pdf import build_pdf, render_chart_png
from dashboard.exports.qr import build_qr_png
from dashboard.links import AppAddress
from dashboard.loader import load_dataset
from dashboard.plan import PlanRequest, build_plan
from dashboard.recovery import Personal, apply_modifiers

DATA = load_dataset("data")
START = date(2026, 12, 1)
BASE = "http://192.168.1.20:8501"


def make(tid="eco2", sessions=2, **who):
    course = apply_modifiers(DATA.treatment(tid), Personal(**who))
    req = PlanRequest(tid, START, sessions, **who)
    return course, build_plan(course, req), AppAddress(BASE).link("recovery", req.query())


def decode(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def test_qr_decodes_to_the_link():
    _, _, link = make()
    assert decode(build_qr_png(link)) == [link]


@pytest.fixture(scope="module")
def handouts():
    out = {}
    for tid, n, who in (("eco2", 2, {"phototype": 5}), ("nafl-1550", 6, {}), ("co2-full", 1, {"area": "neck"})):
        course, plan, link = make(tid, n, **who)
        pdf = build_pdf(plan, course, DATA.clinic, DATA.sources, build_qr_png(link), link,
                        render_chart_png(course, plan))
        out[tid] = (plan, link, pdf)
    return out


@pytest.mark.parametrize("tid", ["eco2", "nafl-1550", "co2-full"])
def test_pdf_has_one_or_two_pages_with_the_dates_and_the_phone(handouts, tid):
    plan, _, pdf = handouts[tid]
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    assert DATA.clinic.phone in flat and DATA.clinic.name in flat
    assert "placeholder" in flat  # the bundled clinic.yaml marks its contact as a placeholder
    for s in plan.sessions:
        assert format_date(s.date) in flat
    for r in plan.results:
        assert format_date(r.date) in flat
    last = plan.sessions[-1]
    for m in last.milestones:
        if m.date is not None:
            assert format_date(m.date) in flat
    for m in plan.undated:
        assert m.label in flat


def test_pdf_lists_sources_and_warning_signs(handouts):
    plan, _, pdf = handouts["eco2"]
    flat = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    for key in ("S4", "S18", "S28", "clinic-page"):
        assert f"{key}:" in flat
    assert "Urgent: call the clinic now: Eye pain" in flat
    assert "Call the clinic today: Pus or yellow spots" in flat
    assert "as prescribed" in flat


def test_pdf_carries_a_qr_code_that_opens_the_link(handouts):
    _, link, pdf = handouts["eco2"]
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    found = []
    for image in page.images:
        found += decode(image.data)
    assert link in found


def test_pdf_chart_renders_offline_in_the_bundled_font():
    course, plan, _ = make()
    png = render_chart_png(course, plan, scale=1)
    img = Image.open(io.BytesIO(png))
    assert img.width > 400 and img.height > 200


def parse(ics: bytes) -> list:
    cal = Calendar.from_ical(ics)
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    return list(cal.walk("VEVENT"))


def plan_care_last(plan, uid):
    """The last day of the aftercare window behind a calendar UID 'care-<session>-<first day>-<plan id>'."""
    _, session, first, _ = uid.split("@")[0].split("-", 3)
    return next(c.last_date for c in plan.care if c.session == int(session) and c.first_day == int(first))


def test_ics_events_fall_on_the_treatment_date_plus_the_data_day():
    _, plan, _ = make("eco2", 2)
    events = parse(build_ics(plan, DATA.clinic.name, DATA.clinic.phone))
    t = DATA.treatment("eco2")
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)
    days = {m.id: m.day for m in t.milestones}
    checked = 0
    for uid, e in by_uid.items():
        start = e.decoded("DTSTART")
        assert isinstance(start, date) and not isinstance(start, datetime)
        end = e.decoded("DTEND")
        if uid.startswith("care-"):  # an aftercare window is one event over all its days, as its text says
            last = plan_care_last(plan, uid)
            assert end == last + timedelta(days=1) and end > start
        else:
            assert end == start + timedelta(days=1)
        assert e.decoded("DTSTAMP").tzinfo is not None
        kind, session = uid.split("-")[0], uid.split("-")[1]
        if kind in days and session.isdigit():
            session_day = (int(session) - 1) * t.course.interval.min_days
            assert start == START + timedelta(days=session_day + days[kind])
            checked += 1
        if kind == "session":
            assert start == START + timedelta(days=(int(session) - 1) * t.course.interval.min_days)
            checked += 1
    assert checked >= 7


def test_ics_has_aftercare_reminders_and_stable_uids():
    _, plan, _ = make("nafl-1550", 3)
    a = build_ics(plan, "Clinic", "123", now=datetime(2026, 11, 1, tzinfo=UTC))
    b = build_ics(plan, "Clinic", "123", now=datetime(2026, 11, 2, tzinfo=UTC))
    uids_a = [str(e["UID"]) for e in parse(a)]
    assert uids_a == [str(e["UID"]) for e in parse(b)]
    alarms = [al for e in parse(a) for al in e.walk("VALARM")]
    assert alarms and all(str(al["ACTION"]) == "DISPLAY" and al.get("DESCRIPTION") for al in alarms)
    assert any("Aftercare" in str(al["DESCRIPTION"]) for al in alarms)


def test_ics_results_dates_match_the_data():
    _, plan, _ = make("eco2", 1)
    events = {str(e["UID"]).split("@")[0].rsplit("-", 1)[0]: e.decoded("DTSTART")
              for e in parse(build_ics(plan, "C", "1"))}
    t = DATA.treatment("eco2")
    assert events["first-results"] == START + timedelta(days=t.milestone("results").day)
    assert events["improving"] == START + timedelta(days=t.course.results.improving_until.day)
    assert not any(k.startswith("lasting") for k in events), "'can last up to 12 months' is not an event"
