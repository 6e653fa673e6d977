"""The handout PDF, the calendar file and the QR code, parsed back and checked against the data."""

import html
import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import vl_convert as vlc
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from dashboard.charts.handout import build_handout_chart
from dashboard.dates import format_date
from dashboard.exports.ics import build_ics
from dashboard.exports.pdf import FONT_DIR, LINK_TAIL, build_pdf, link_lines, render_chart_png
from dashboard.exports.qr import build_qr_png
from dashboard.i18n import set_language
from dashboard.links import AppAddress
from dashboard.loader import load_dataset
from dashboard.overlays import apply_overlays
from dashboard.plan import PlanRequest, build_plan
from dashboard.recovery import Personal, apply_modifiers
from dashboard.signs import sign_groups
from dashboard.words import URGENT_HELP, out_of_hours, phone_number

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
        pdf = build_pdf(
            plan, course, DATA.clinic, DATA.sources, build_qr_png(link), link, render_chart_png(course, plan)
        )
        out[tid] = (plan, link, pdf)
    return out


@pytest.mark.parametrize("tid", ["eco2", "nafl-1550", "co2-full"])
def test_pdf_has_one_or_two_pages_with_the_dates_and_the_phone(handouts, tid):
    plan, _, pdf = handouts[tid]
    reader = PdfReader(io.BytesIO(pdf))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(p.extract_text() for p in reader.pages)
    flat = " ".join(text.split())
    assert phone_number(DATA.clinic) in flat and DATA.clinic.name in flat
    # the bundled clinic.yaml marks its contact as a placeholder: the handout says so, once
    assert flat.count("placeholder") == 1, flat
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
    assert "Urgent: call the clinic now if you notice: • Eye pain" in flat
    assert "Call the clinic today if you notice: • New painful sores" in flat
    assert "as prescribed" in flat


@pytest.mark.parametrize("tid", ["eco2", "nafl-1550", "co2-full"])
def test_the_call_route_and_every_warning_sign_are_on_the_first_page(handouts, tid):
    """A patient who finds the handout at night reads how to call, when the clinic is closed, and which signs cannot
    wait, without turning the page: every sign, under the lead of its group (now, today, in office hours)."""
    plan, _, pdf = handouts[tid]
    first = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    route = f"{DATA.clinic.name}: {phone_number(DATA.clinic)}. {out_of_hours(DATA.clinic)} {URGENT_HELP}"
    assert route in first
    groups = sign_groups(plan.warnings)
    leads = [first.index(g.lead) for g in groups]
    assert first.index(route) < leads[0] and leads == sorted(leads)  # now, then today, then in office hours
    assert groups[0].answer == "urgent"
    for group, low, high in zip(groups, leads, [*leads[1:], len(first)], strict=True):
        for line in group.lines:  # each sign under its own group's lead
            assert first.find(" ".join(line.text.split())[:40], low, high) > low, line.id
    assert sum(len(g.lines) for g in groups) == len(plan.warnings)


@given(
    st.lists(
        st.sampled_from(["eco2", "2026-12-01", "face", "standard", "5", "3", "nafl-1550", "x" * 30]),
        min_size=1,
        max_size=8,
    ),
    st.integers(min_value=30, max_value=140),
)
@settings(max_examples=200, deadline=None)
def test_a_printed_link_wraps_with_no_character_alone_on_a_line(values, width):
    link = "http://192.168.1.20:8501/recovery?" + "&".join(f"k{i}={v}" for i, v in enumerate(values))
    fits = lambda text: len(text) <= width  # noqa: E731 - a line holds `width` characters
    lines = link_lines(link, fits)
    assert "".join(lines) == link
    assert all(fits(line) for line in lines[:-1])
    assert len(lines[-1]) >= LINK_TAIL and fits(lines[-1]) or len(lines) == 1
    breaks = [len("".join(lines[:k])) for k in range(1, len(lines))]
    # where a part fits a line, the link breaks before a '?' or '&', never inside a value
    assert all(link[b] in "?&" for b in breaks if all(len(p) <= width - LINK_TAIL for p in re.split(r"(?=[?&])", link)))


def test_a_link_one_character_too_long_keeps_a_tail_on_its_last_line():
    assert link_lines("x" * 61, lambda text: len(text) <= 60) == ["x" * 57, "x" * LINK_TAIL]
    assert link_lines("http://a.b/recovery?k=v&s=2", lambda text: len(text) <= 24) == [
        "http://a.b/recovery?k=v",
        "&s=2",
    ]


def test_the_printed_link_on_the_handout_has_no_character_alone(handouts):
    for _plan, link, pdf in handouts.values():
        lines = [line.strip() for line in PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()]
        start = next(k for k, line in enumerate(lines) if line.startswith("http://"))
        printed = []
        while "".join(printed) != link:
            printed.append(lines[start + len(printed)])
            assert len("".join(printed)) <= len(link), (printed, link)
        assert len(printed) >= 1 and all(len(line) >= LINK_TAIL for line in printed), printed


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("tid", sorted(DATA.treatments))
def test_every_label_of_the_handout_chart_is_whole(tid, language):
    """Vega ends a label that is longer than its limit with an ellipsis: none may be cut, in any language."""
    set_language(language)
    try:
        data = apply_overlays(DATA, language)[0] if language != "en" else DATA
        course = apply_modifiers(data.treatment(tid), Personal())
        vlc.register_font_directory(str(FONT_DIR))
        svg = vlc.vegalite_to_svg(build_handout_chart(course, START).to_dict())
    finally:
        set_language("en")
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    assert texts and not [t for t in texts if "…" in t], [t for t in texts if "…" in t]
    names = [s.name for s in course.treatment.symptoms if s.peak_level > 0] + [
        m.label for m in course.treatment.milestones if m.day is not None and m.kind != "results"
    ]
    shown = " ".join(html.unescape(t) for t in texts)
    for name in names:
        assert all(word in shown for word in name.split()), name


def test_a_spanish_handout_of_three_sessions_fits_two_pages():
    set_language("es")
    try:
        data = apply_overlays(DATA, "es")[0]
        course = apply_modifiers(data.treatment("eco2"), Personal(phototype=5))
        req = PlanRequest("eco2", START, 3, phototype=5)
        plan = build_plan(course, req)
        link = AppAddress(BASE).link("recovery", req.query())
        pdf = build_pdf(
            plan, course, data.clinic, data.sources, build_qr_png(link), link, render_chart_png(course, plan)
        )
    finally:
        set_language("en")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2


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
    events = {
        str(e["UID"]).split("@")[0].rsplit("-", 1)[0]: e.decoded("DTSTART") for e in parse(build_ics(plan, "C", "1"))
    }
    t = DATA.treatment("eco2")
    assert events["first-results"] == START + timedelta(days=t.milestone("results").day)
    assert events["improving"] == START + timedelta(days=t.course.results.improving_until.day)
    assert not any(k.startswith("lasting") for k in events), "'can last up to 12 months' is not an event"
