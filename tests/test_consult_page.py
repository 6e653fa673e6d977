"""The consult page in AppTest: the plan with dates for a given start, and clear messages for bad inputs."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from apptest import run_page, texts
from icalendar import Calendar

from dashboard.dates import date_limits, format_date
from dashboard.exports.ics import build_ics
from dashboard.i18n import format_full_date, set_language
from dashboard.loader import load_dataset
from dashboard.plan import PlanRequest, build_plan
from dashboard.recovery import Personal, apply_modifiers

TODAY = datetime.now(tz=UTC).date()


def test_plan_shows_each_session_and_milestone_date():
    start = TODAY + timedelta(days=10)
    at = run_page("pages/consult.py", treatment="eco2", start=start.isoformat(), sessions="2")
    assert not at.exception
    shown = texts(at)
    second = start + timedelta(days=42)
    assert f"Session 1 of 2: {format_date(start)}" in shown
    assert f"Session 2 of 2: {format_date(second)}" in shown
    assert f"Makeup: {format_date(start + timedelta(days=7))}" in shown
    assert f"Back to work and social life: {format_date(second + timedelta(days=5))}" in shown
    assert "Exercise and sweating: ask your clinician." in shown
    # a first change follows the first session (the clinic says), not the last
    assert f"First results: {format_date(start + timedelta(days=7))}" in shown
    assert "as prescribed" in shown
    assert not at.error
    assert [b for b in at.get("download_button")], "download buttons are shown for a valid plan"


def test_the_preview_groups_the_warning_signs_as_the_handout_does():
    at = run_page("pages/consult.py", treatment="eco2", start=TODAY.isoformat())
    shown = texts(at)
    leads = [
        shown.index(lead)
        for lead in (
            "Urgent: call the clinic now if you notice:",
            "Call the clinic today if you notice:",
            "Call the clinic in office hours if you notice:",
        )
    ]
    assert leads == sorted(leads)
    assert shown.index("When the clinic is closed") < leads[0]
    assert shown.index("Eye pain") < leads[1] < shown.index("Pus or yellow spots") < leads[2]


def test_future_start_gets_no_day_notice():
    at = run_page("pages/consult.py", start=(TODAY + timedelta(days=30)).isoformat())
    assert not at.warning or all("day 0" not in w.value for w in at.warning)


def test_modifiers_move_the_dates():
    start = TODAY + timedelta(days=3)
    at = run_page("pages/consult.py", start=start.isoformat(), intensity="deep")
    assert f"Back to work and social life: {format_date(start + timedelta(days=10))}" in texts(at)
    assert "Adjusted for this person" in texts(at)


def test_too_many_sessions_shows_a_message_and_no_downloads():
    at = run_page("pages/consult.py", treatment="eco2", start=TODAY.isoformat(), sessions="5")
    assert not at.exception
    assert any("1 to 3 sessions" in e.value for e in at.error)
    assert not at.get("download_button")
    assert "Session 1 of" not in texts(at)


def test_single_session_treatment_rejects_a_series():
    at = run_page("pages/consult.py", treatment="co2-full", start=TODAY.isoformat(), sessions="2")
    assert any("single session" in e.value for e in at.error)
    assert not at.get("download_button")


def test_date_too_far_ahead_shows_a_notice_and_no_downloads():
    at = run_page("pages/consult.py", start=(TODAY + timedelta(days=400)).isoformat())
    assert not at.exception
    assert any("'start'" in w.value and "more than 1 year ahead" in w.value for w in at.warning)
    assert not at.get("download_button")


def test_date_too_far_back_is_reported():
    at = run_page("pages/consult.py", start=(TODAY - timedelta(days=800)).isoformat())
    assert not at.exception
    assert any("'start'" in w.value for w in at.warning)
    assert any("Choose the treatment date" in i.value for i in at.info)
    assert not at.get("download_button")


def test_a_blank_planner_is_not_an_error():
    """Staff open the planner in front of a patient: an empty form asks for the date in neutral words."""
    at = run_page("pages/consult.py")
    assert not at.exception and not at.error and not at.warning
    assert any("Choose the treatment date" in i.value for i in at.info)
    assert not at.get("download_button")


def test_the_date_control_offers_exactly_the_dates_a_link_may_carry():
    at = run_page("pages/consult.py", start=TODAY.isoformat())
    assert at.get("download_button")
    control = at.date_input(key="consult.start").proto
    limits = date_limits(TODAY)
    assert (control.min, control.max) == (limits.earliest.isoformat(), limits.latest.isoformat())


def test_no_personal_data_fields():
    at = run_page("pages/consult.py", start=TODAY.isoformat())
    assert not at.text_input and not at.text_area


# --- The plan on a timeline (Plotly) -----------------------------------------------------------------------------


def _figure(at) -> dict:
    charts = at.get("plotly_chart")
    assert len(charts) == 1, "one timeline on the page"
    return json.loads(charts[0].proto.spec)


def _calendar(tid: str, start, sessions: int, **who) -> tuple[dict[str, object], object]:
    """The calendar file of the same plan, built as the page's download builds it: its events' start by key."""
    data = load_dataset("data")
    course = apply_modifiers(data.treatment(tid), Personal(**who))
    plan = build_plan(course, PlanRequest(tid, start, sessions, **who))
    cal = Calendar.from_ical(build_ics(plan, data.clinic.name, data.clinic.phone))
    return {str(e["UID"]).split("@")[0].rsplit("-", 1)[0]: e.decoded("DTSTART") for e in cal.walk("VEVENT")}, plan


def _points(figure: dict, layer: str, row: str) -> list[tuple[str, str]]:
    """(date, hover text) of each bar or marker of a layer on a row."""
    found = []
    for t in figure["data"]:
        if t["legendgroup"] == layer:
            dates = t["base"] if t["type"] == "bar" else t["x"]
            found += [(d, h) for y, d, h in zip(t["y"], dates, t["hovertext"], strict=True) if y == row]
    return found


@pytest.mark.parametrize(
    ("tid", "sessions", "compare"),
    [
        ("eco2", 1, None),
        ("eco2", 3, "nafl-1550"),
        ("nafl-1550", 3, "eco2"),
        ("nafl-1927", 2, None),
        ("co2-full", 1, "nafl-1927"),
    ],
)
def test_timeline_rows_dates_and_hover_texts_match_the_calendar_file(tid, sessions, compare):
    start = TODAY + timedelta(days=10)
    params = {"treatment": tid, "start": start.isoformat(), "sessions": str(sessions), "phototype": "4"}
    at = run_page("pages/consult.py", **params, **({"compare": compare} if compare else {}))
    assert not at.exception
    figure = _figure(at)
    data = load_dataset("data")
    courses = [(tid, sessions)] + ([(compare, data.treatment(compare).course.sessions.typical)] if compare else [])
    checked = 0
    for course_id, n in courses:
        events, plan = _calendar(course_id, start, n, phototype=4)
        prefix = f"{plan.short_name} · " if compare else ""
        for s in plan.sessions:
            row = f"{prefix}Session {s.number}"
            bars = _points(figure, "session", row)
            assert [d for d, _h in bars] == [events[f"session-{s.number}"].isoformat()]
            marks = _points(figure, "milestone", row)
            want = sorted(
                d.isoformat()
                for key, d in events.items()
                if not key.startswith(("session-", "care-")) and key.rsplit("-", 1)[-1] == str(s.number)
            )
            assert sorted(d for d, _h in marks) == want, row
            checked += len(want) + 1
            for d, hover in bars + marks:
                assert format_full_date(date.fromisoformat(d)) in hover and "Sources: " in hover
        results = _points(figure, "result", f"{prefix}Collagen building")
        assert sorted(d for d, _h in results) == sorted(events[r.id].isoformat() for r in plan.results if r.event_title)
        for d, hover in results:  # results count from the first session
            assert format_full_date(date.fromisoformat(d)) in hover
            assert ("after treatment" if len(plan.sessions) == 1 and not compare else "after session 1") in hover
        checked += len(results)
    assert checked >= 3 * len(courses)
    # the text version: a table with a line for every bar and marker
    table = [line for line in texts(at).splitlines() if line.startswith("| ")]
    assert table[0] == "| Row | What | From | To | Days | Sources |"
    assert len(table) - 1 == sum(len(t["y"]) for t in figure["data"] if t["legendgroup"] not in ("start", "today"))


def test_the_timeline_marks_today_and_the_treatment_date_and_opens_on_six_weeks():
    start = TODAY - timedelta(days=3)
    figure = _figure(run_page("pages/consult.py", treatment="eco2", start=start.isoformat()))
    lines = {t["legendgroup"]: t for t in figure["data"] if t["legendgroup"] in ("start", "today")}
    assert lines["start"]["x"][0] == start.isoformat()
    assert lines["today"]["x"][0].startswith(TODAY.isoformat())
    assert "day 3 after the treatment date" in lines["today"]["hovertext"][0]
    assert figure["layout"]["xaxis"]["range"][1] == (start + timedelta(days=42)).isoformat()


def test_choosing_a_treatment_to_compare_puts_its_rows_beside_the_plan_and_in_the_link():
    start = TODAY + timedelta(days=5)
    at = run_page("pages/consult.py", treatment="eco2", start=start.isoformat())
    assert not any(r.startswith("NAFL") for r in _figure(at)["layout"]["yaxis"]["categoryarray"])
    # nothing chosen reads as such, in the app's words (Streamlit shows a None value as its placeholder)
    assert at.selectbox(key="consult.compare").proto.placeholder == "No other treatment"
    at.selectbox(key="consult.compare").set_value("nafl-1550").run()
    rows = _figure(at)["layout"]["yaxis"]["categoryarray"]
    assert rows[0] == "eCO2 · Session 1" and "NAFL 1,550 · Session 3" in rows
    assert at.query_params["compare"] == "nafl-1550"  # the address bar stays a link to what is on screen
    at.selectbox(key="consult.treatment").set_value("nafl-1550").run()  # the compared one becomes the plan
    assert at.selectbox(key="consult.compare").value is None
    assert not any("·" in r for r in _figure(at)["layout"]["yaxis"]["categoryarray"])


def test_an_unknown_treatment_to_compare_gets_a_notice_and_no_second_course():
    at = run_page("pages/consult.py", start=TODAY.isoformat(), compare="laser-9000")
    assert not at.exception
    assert any("'compare'" in w.value for w in at.warning)
    assert not any("·" in r for r in _figure(at)["layout"]["yaxis"]["categoryarray"])


def test_the_timeline_speaks_spanish():
    start = TODAY + timedelta(days=10)
    at = run_page("pages/consult.py", treatment="eco2", start=start.isoformat(), sessions="2", lang="es")
    figure = _figure(at)
    set_language("es")
    try:
        when = format_full_date(start)
    finally:
        set_language("en")
    hovers = " ".join(h for t in figure["data"] for h in t["hovertext"])
    assert when in hovers and "Fuentes: " in hovers
    assert "Rojez" in [t["name"] for t in figure["data"]]
    assert json.loads(at.get("plotly_chart")[0].proto.config)["locale"] == "es"
