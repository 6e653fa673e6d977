"""The consult's plan timeline (dashboard/charts/plan_timeline.py): its rows tell the dates the plan, the facts and the
calendar file tell, for every treatment and number of sessions; its hover texts say the date in words, the day and
the sources, in the language of the run; its first view and its reach; a second course on the same dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml
from apptest import HOSTILE_HTML, poison
from icalendar import Calendar

from dashboard.charts.plan_timeline import (
    DAY_MS,
    LAYERS,
    PlanTimeline,
    build_plan_timeline,
    build_timeline_items,
    timeline_table,
)
from dashboard.course import default_plan, downtime_windows, redness_windows
from dashboard.exports.ics import build_ics
from dashboard.facts import build_facts
from dashboard.i18n import SOURCE_LANGUAGE, format_full_date, set_language
from dashboard.loader import load_dataset
from dashboard.overlays import apply_overlays
from dashboard.plan import PlanRequest, TreatmentPlan, add_months, build_plan
from dashboard.recovery import Course, Personal, apply_modifiers

DATA = load_dataset("data")
START = date(2026, 12, 1)
TODAY = date(2026, 12, 7)
PLANS = [
    (tid, n)
    for tid, t in sorted(DATA.treatments.items())
    for n in range(t.course.sessions.min, t.course.sessions.max + 1)
]


@pytest.fixture(autouse=True)
def _english():
    set_language(SOURCE_LANGUAGE)
    yield
    set_language(SOURCE_LANGUAGE)


def make(tid: str, sessions: int, data=DATA, **who) -> tuple[TreatmentPlan, Course]:
    course = apply_modifiers(data.treatment(tid), Personal(**who))
    return build_plan(course, PlanRequest(tid, START, sessions, **who)), course


def calendar_dates(plan: TreatmentPlan) -> dict[str, date]:
    """The calendar file's events by key (their UID without the plan's id): when each starts."""
    cal = Calendar.from_ical(build_ics(plan, DATA.clinic.name, DATA.clinic.phone))
    return {str(e["UID"]).split("@")[0].rsplit("-", 1)[0]: e.decoded("DTSTART") for e in cal.walk("VEVENT")}


def trace(timeline: PlanTimeline, layer: str) -> dict:
    return next(t for t in timeline.figure["data"] if t["legendgroup"] == layer)


@pytest.mark.parametrize(("tid", "n"), PLANS)
def test_sessions_milestones_and_results_fall_on_the_calendar_files_dates(tid, n):
    plan, course = make(tid, n)
    items = build_timeline_items(plan, course)
    events = calendar_dates(plan)
    keyed = {i.key: i for i in items if i.key}
    # every session, milestone and result the calendar file has is on the timeline, on the same date, and back
    dated = {k: d for k, d in events.items() if not k.startswith("care-")}
    assert set(keyed) == set(dated), set(keyed) ^ set(dated)
    for key, when in dated.items():
        assert keyed[key].first == when, key
    assert [i.first for i in items if i.layer == "session"] == [s.date for s in plan.sessions]


@pytest.mark.parametrize(("tid", "n"), PLANS)
def test_periods_are_the_facts_windows_cut_where_the_next_session_starts(tid, n):
    plan, course = make(tid, n)
    items = build_timeline_items(plan, course)
    cplan = default_plan(course, n)
    session_days = cplan.session_days
    for layer, windows in (("downtime", downtime_windows(course, cplan)), ("redness", redness_windows(course, cplan))):
        bars = [i for i in items if i.layer == layer]
        assert len(bars) == len(windows)
        for number, (bar, (first, last)) in enumerate(zip(bars, windows, strict=True), start=1):
            later = [d for d in session_days if d > first]
            assert bar.first == START + timedelta(days=first)
            assert bar.last == START + timedelta(days=min(last, later[0] - 1) if later else last)
            assert bar.session == number and bar.first_day == first - session_days[number - 1]
    facts = build_facts(course, cplan)
    makeup = [i for i in items if i.layer == "makeup"]
    assert len(makeup) == (n if facts.makeup.day else 0)  # no wait where makeup is fine straight away
    for s, bar in zip(plan.sessions, makeup, strict=False):
        assert bar.first == s.date and (bar.last - s.date).days + 1 == facts.makeup.day
    collagen = [i for i in items if i.layer == "collagen"]
    assert [(c.first, c.last + timedelta(days=1)) for c in collagen] == [
        (START, START + timedelta(days=facts.improving.day))
    ]


def test_a_sun_wait_cut_by_the_next_session_says_so_and_its_end_is_not_marked():
    plan, course = make("eco2", 2)
    items = build_timeline_items(plan, course)
    sun = [i for i in items if i.layer == "sun"]
    assert [(i.first_day, i.last_day, i.cut_by) for i in sun] == [(0, 41, 2), (0, 59, None)]
    assert [i.key for i in items if i.layer == "milestone" and i.key.startswith("sun")] == ["sun-2"]
    assert (
        "Cut short: session 2 starts it again."
        in build_plan_timeline([(plan, course)], TODAY).figure["data"][3]["hovertext"][0]
    )


@pytest.mark.parametrize(("tid", "n"), [("eco2", 1), ("eco2", 3), ("nafl-1550", 3), ("co2-full", 1)])
def test_figure_rows_dates_and_hover_texts(tid, n):
    plan, course = make(tid, n, phototype=5)
    timeline = build_plan_timeline([(plan, course)], TODAY)
    single = n == 1
    for item in timeline.items:
        t = trace(timeline, item.layer)
        at = next(
            k
            for k, (row, text) in enumerate(zip(t["y"], t["hovertext"], strict=True))
            if row == item.row and format_full_date(item.first) in text and item.title in text
        )
        hover = t["hovertext"][at]
        if item.marker:
            assert t["x"][at] == item.first.isoformat()
        else:
            assert t["base"][at] == item.first.isoformat()
            assert t["x"][at] == ((item.last - item.first).days + 1) * DAY_MS  # whole days, the last one included
            if item.last != item.first:
                assert f"From {format_full_date(item.first)} to {format_full_date(item.last)}" in hover
        day = (
            f"Day {item.first_day} after treatment" if single else f"Day {item.first_day} after session {item.session}"
        )
        days = (
            f"Days {item.first_day}–{item.last_day} after treatment"
            if single
            else f"Days {item.first_day}–{item.last_day} after session {item.session}"
        )
        assert (day if item.marker or item.first == item.last else days) in hover
        assert f"Sources: {', '.join(item.sources)}" in hover and item.sources
    rows = list(timeline.rows)
    assert rows[:n] == [f"Session {k}" for k in range(1, n + 1)]
    assert timeline.figure["layout"]["yaxis"]["categoryarray"] == rows
    assert [t["legendgroup"] for t in timeline.figure["data"]][-2:] == ["start", "today"]
    assert [t["legendgroup"] for t in timeline.figure["data"]][:-2] == [
        layer for layer in LAYERS if any(i.layer == layer for i in timeline.items)
    ]


def test_today_and_the_treatment_date_are_marked():
    plan, course = make("eco2", 1)
    data = {t["legendgroup"]: t for t in build_plan_timeline([(plan, course)], TODAY).figure["data"]}
    assert data["start"]["x"] == [START.isoformat()] * 2 and data["start"]["name"] == "Treatment date"
    assert data["today"]["x"] == [f"{TODAY.isoformat()} 12:00"] * 2 and data["today"]["name"] == "Today"
    assert "Monday, 7 December 2026, day 6 after the treatment date" in data["today"]["hovertext"][0]


@pytest.mark.parametrize(("tid", "n"), [("eco2", 3), ("nafl-1550", 3), ("co2-full", 1)])
def test_first_view_is_six_weeks_and_the_slider_reaches_a_year_after_the_last_session(tid, n):
    plan, course = make(tid, n)
    x = build_plan_timeline([(plan, course)], TODAY).figure["layout"]["xaxis"]
    assert x["range"] == [(START - timedelta(days=2)).isoformat(), (START + timedelta(days=42)).isoformat()]
    low, high = (date.fromisoformat(d) for d in x["rangeslider"]["range"])
    assert low < START and high >= add_months(plan.sessions[-1].date, 12)
    assert (x["minallowed"], x["maxallowed"]) == tuple(x["rangeslider"]["range"])


def test_a_second_course_sits_beside_the_first_on_the_same_dates():
    first, second = make("eco2", 1), make("nafl-1550", 3)
    timeline = build_plan_timeline([first, second], TODAY)
    rows = list(timeline.rows)
    assert rows[0] == "eCO2 · Session 1" and "NAFL 1,550 · Session 3" in rows
    assert max(k for k, r in enumerate(rows) if r.startswith("eCO2")) < min(
        k for k, r in enumerate(rows) if r.startswith("NAFL")
    )
    alone = {(i.layer, i.first, i.last) for i in build_timeline_items(*second)}
    beside = {(i.layer, i.first, i.last) for i in timeline.items if i.treatment == "nafl-1550"}
    assert beside == alone  # the same dates as on its own
    # each layer is one legend entry for both courses: one click hides it for both
    redness = trace(timeline, "redness")
    assert {r.split(" · ")[0] for r in redness["y"]} == {"eCO2", "NAFL 1,550"}
    assert len([t for t in timeline.figure["data"] if t["legendgroup"] == "redness"]) == 1


def test_in_spanish_the_dates_words_and_plotly_strings_are_spanish():
    set_language("es")
    spanish = apply_overlays(DATA, "es")[0]
    plan, course = make("eco2", 2, data=spanish)
    timeline = build_plan_timeline([(plan, course)], TODAY)
    names = [t["name"] for t in timeline.figure["data"]]
    assert "Rojez" in names and "Redness" not in names and "Hoy" in names
    hover = " ".join(h for t in timeline.figure["data"] for h in t["hovertext"])
    assert "martes, 1 de diciembre de 2026" in hover and "después de la sesión 2" in hover
    assert "Sources" not in hover and "Fuentes: " in hover
    config = timeline.config
    assert config["locale"] == "es"
    es = config["locales"]["es"]
    assert es["format"]["months"][0] == "enero" and es["format"]["shortDays"][0] == "dom"
    assert es["dictionary"]["Reset axes"] != "Reset axes"
    assert "Días" in timeline_table(timeline) and "Fila" in timeline_table(timeline)


def test_html_in_the_data_stays_text_in_the_chart(data_copy):
    target = data_copy / "eco2.yaml"
    target.write_text(
        yaml.safe_dump(poison(yaml.safe_load(target.read_text(encoding="utf-8"))), allow_unicode=True), encoding="utf-8"
    )
    plan, course = make("eco2", 2, data=load_dataset(data_copy))
    timeline = build_plan_timeline([(plan, course)], TODAY)
    text = repr(timeline.figure)
    assert "onerror" in text, "the poisoned text is not in the chart"
    assert "<img" not in text and "</details>" not in text and "&lt;img" in text
    assert HOSTILE_HTML.strip() not in timeline_table(timeline)


def test_the_table_lists_every_bar_and_marker_with_its_dates():
    plan, course = make("eco2", 2)
    timeline = build_plan_timeline([(plan, course)], TODAY)
    lines = timeline_table(timeline).splitlines()
    assert lines[0] == "| Row | What | From | To | Days | Sources |"
    assert len(lines) == 2 + len(timeline.items)
    assert "| Redness | Visible redness | Tue 1 Dec 2026 | Mon 7 Dec 2026 | Days 0–6 after session 1 |" in "\n".join(
        lines
    )
