"""One story everywhere: each derived fact (dashboard/facts.py) reads the same, with the same number, on every
surface that shows it: the overview, compare, the collagen page, the display, the handout and the calendar file.
Walked for every treatment."""

from __future__ import annotations

import io
from datetime import date

import pytest
from apptest import markdown_table, run_page, texts
from icalendar import Calendar
from pypdf import PdfReader

from dashboard.course import default_plan
from dashboard.exports.ics import build_ics
from dashboard.exports.pdf import build_pdf
from dashboard.facts import build_facts
from dashboard.loader import load_dataset
from dashboard.models import DEFAULT_SERIES, DEFAULT_TREATMENT
from dashboard.plan import PlanRequest, build_plan
from dashboard.recovery import Personal, apply_modifiers
from dashboard.slides import build_slides
from dashboard.words import days

DATA = load_dataset()
TREATMENTS = sorted(DATA.treatments)
START = date(2026, 12, 1)


def _facts(tid: str):
    return build_facts(apply_modifiers(DATA.treatment(tid), Personal()))


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def overview() -> str:
    return texts(run_page("pages/overview.py"))


@pytest.mark.parametrize("tid", TREATMENTS)
def test_overview_tells_each_fact_as_the_facts_do(overview: str, tid: str) -> None:
    f = _facts(tid)
    for fact in (f.redness, f.downtime, f.makeup, f.first_results, f.improving):
        if fact.known or fact.id == "first-results":
            assert fact.text in overview, fact


@pytest.mark.parametrize("tid", TREATMENTS)
def test_compare_table_shows_the_same_values(tid: str) -> None:
    other = DEFAULT_SERIES if tid != DEFAULT_SERIES else DEFAULT_TREATMENT
    at = run_page("pages/compare.py", vs=f"{tid},{other}")
    table = markdown_table(at)
    f = _facts(tid)
    name = DATA.treatment(tid).short_name
    for fact in (f.sessions, f.redness, f.downtime, f.makeup, f.first_results, f.strong_results, f.improving):
        assert table[fact.label][name] == fact.value, fact.label
    assert table["Days of visible redness, in all"][name] == str(f.redness_days)


@pytest.mark.parametrize("tid", TREATMENTS)
def test_collagen_page_tells_the_results_as_the_facts_do(tid: str) -> None:
    shown = texts(run_page("pages/collagen.py", treatment=tid))
    f = _facts(tid)
    for fact in (f.first_results, f.strong_results, f.improving):
        assert fact.text in shown, fact


def test_display_uses_the_same_values() -> None:
    slides = {s.id: s for s in build_slides(DATA, "https://clinic.example/recovery")}
    main, series = _facts(DEFAULT_TREATMENT), _facts(DEFAULT_SERIES)
    glance = {x.label: x.value for x in slides["glance"].body.items}
    assert glance["Redness"] == main.redness.value
    assert glance[main.downtime.label] == main.downtime.value and glance[main.makeup.label] == main.makeup.value
    collagen = [x.value for x in slides["collagen"].body.facts]
    assert collagen[0] == main.first_results.value and main.improving.value in collagen
    rows = {r.label: [c.value for c in r.cells] for r in slides["compare"].body.rows}
    assert rows["Sessions"] == [main.sessions.value, series.sessions.value]
    assert rows["Days of visible redness, in all"] == [days(main.redness_days), days(series.redness_days)]
    assert rows["First change shows"] == [main.first_results.value, series.first_results.value]
    assert rows["Strong results"] == [main.strong_results.value, series.strong_results.value]


@pytest.mark.parametrize("tid", TREATMENTS)
def test_handout_and_calendar_tell_the_results_as_the_screen_does(tid: str) -> None:
    t = DATA.treatment(tid)
    course = apply_modifiers(t, Personal())
    plan = build_plan(course, PlanRequest(tid, START, t.course.sessions.typical))
    f = build_facts(course, default_plan(course))
    pdf = _flat(
        " ".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(build_pdf(plan, course, DATA.clinic, DATA.sources, None, ""))).pages
        )
    )
    events = Calendar.from_ical(build_ics(plan, DATA.clinic.name, DATA.clinic.phone))
    descriptions = _flat(" ".join(str(e.get("DESCRIPTION")) for e in events.walk("VEVENT")))
    for fact in (f.first_results, f.strong_results, f.improving):
        if fact.day is not None:
            assert _flat(fact.text) in pdf, fact
            assert _flat(fact.text) in descriptions, fact
    if f.lasting is not None:
        assert _flat(f.lasting.text) in pdf


def test_the_personal_adjustments_on_screen_are_on_the_handout_too() -> None:
    t = DATA.treatment("eco2")
    course = apply_modifiers(t, Personal(area="neck", phototype=4))
    plan = build_plan(course, PlanRequest("eco2", START, 1, area="neck", phototype=4))
    pdf = _flat(
        " ".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(build_pdf(plan, course, DATA.clinic, DATA.sources, None, ""))).pages
        )
    )
    assert "Adjusted for you" in pdf
    for a in course.applied:
        assert _flat(a.modifier.summary) in pdf, a.modifier.id
    assert "Skin types IV, V and VI" in pdf and "types iv" not in pdf  # numerals in capitals
