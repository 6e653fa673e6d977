"""Plan building: sessions and intervals, dated and undated milestones, results, links, invalid inputs."""

from datetime import date, timedelta

import pytest

from dashboard.loader import load_dataset
from dashboard.plan import (
    PlanRequest,
    add_months,
    build_calendar_entries,
    build_plan,
    check_personal,
    check_request,
)
from dashboard.recovery import Personal, apply_modifiers

DATA = load_dataset("data")
START = date(2026, 12, 1)
TODAY = date(2026, 11, 26)


def course(tid="eco2", **who):
    return apply_modifiers(DATA.treatment(tid), Personal(**who))


def plan(tid="eco2", sessions=None, start=START, **who):
    c = course(tid, **who)
    n = c.treatment.course.sessions.typical if sessions is None else sessions
    return build_plan(c, PlanRequest(tid, start, n, **who))


@pytest.mark.parametrize(
    ("tid", "n", "gap"),
    [("eco2", 1, 0), ("eco2", 3, 42), ("nafl-1550", 3, 21), ("nafl-1927", 3, 21), ("co2-full", 1, 0)],
)
def test_sessions_fall_at_the_data_interval(tid, n, gap):
    p = plan(tid, n)
    assert [s.date for s in p.sessions] == [START + timedelta(days=i * gap) for i in range(n)]
    if n > 1:
        assert p.interval_days == gap


def test_milestone_dates_are_session_date_plus_the_data_day():
    p = plan("eco2", 2)
    t = DATA.treatment("eco2")
    for s in p.sessions:
        for m in s.milestones:
            data_day = next(x.day for x in t.milestones if x.id == m.id)
            if data_day is None:
                assert m.date is None and m.day is None
            else:
                assert m.date == s.date + timedelta(days=data_day)


def test_undated_milestones_say_why_and_get_no_date():
    p = plan("eco2")
    undated = {m.id: m for m in p.undated}
    assert set(undated) == {"follow-up", "exercise", "skincare"}
    assert all(m.note for m in undated.values())
    ids = {e.key.split("-")[0] for e in build_calendar_entries(p)}
    assert "exercise" not in ids and "skincare" not in ids


def test_modifiers_change_the_dates():
    standard = {m.id: m.date for m in plan("eco2").sessions[0].milestones}
    deep = {m.id: m.date for m in plan("eco2", intensity="deep").sessions[0].milestones}
    assert standard["work"] == START + timedelta(days=5)
    assert deep["work"] == START + timedelta(days=10)
    assert deep["makeup"] == START + timedelta(days=10)


def test_neck_interval_comes_from_the_modified_course():
    c = course("eco2", area="neck")
    p = build_plan(c, PlanRequest("eco2", START, 2, area="neck"))
    assert p.interval_days == c.treatment.course.interval.min_days


def test_a_milestone_after_the_next_session_is_marked_replaced():
    p = plan("eco2", 2)
    sun1 = next(m for m in p.sessions[0].milestones if m.id == "sun")
    sun2 = next(m for m in p.sessions[1].milestones if m.id == "sun")
    assert sun1.superseded_by == 2 and sun2.superseded_by is None
    keys = [e.key for e in build_calendar_entries(p)]
    assert not any(k.startswith("sun-1-") for k in keys) and any(k.startswith("sun-2-") for k in keys)


def test_strong_results_count_from_the_last_session_and_a_first_change_from_the_first():
    p = plan("nafl-1550", 3)
    r = DATA.treatment("nafl-1550").course.results
    last = p.sessions[-1].date
    got = {x.id: x.date for x in p.results}
    assert got["strong-results"] == last + timedelta(days=r.strong.day)
    assert got["improving"] == last + timedelta(days=r.improving_until.day)
    assert "first-results" not in got  # no source gives when a first change shows after a nonablative session
    assert "lasting" not in got  # the data gives no lasting time for this laser
    eco2 = {x.id: x.date for x in plan("eco2", 3).results}
    assert eco2["first-results"] == START + timedelta(days=7)  # after the first session, not the third


def test_results_lasting_months_from_eco2_data():
    p = plan("eco2", 1)
    assert {x.id: x.date for x in p.results}["lasting"] == date(2027, 12, 1)


@pytest.mark.parametrize(
    ("d", "months", "want"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 12, 1), 12, date(2027, 12, 1)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_add_months(d, months, want):
    assert add_months(d, months) == want


def test_no_date_yet_is_not_a_problem():
    assert check_request(course("eco2"), None, 1, TODAY) == []


@pytest.mark.parametrize(
    ("tid", "start", "sessions", "fragment"),
    [
        ("eco2", TODAY - timedelta(days=365 * 2 + 1), 1, "more than 2 years ago"),
        ("eco2", TODAY + timedelta(days=366), 1, "more than 1 year ahead"),
        ("eco2", START, 4, "1 to 3 sessions"),
        ("co2-full", START, 2, "as a single session"),
        ("nafl-1550", START, 4, "1 to 3 sessions"),
    ],
)
def test_invalid_requests_get_a_clear_message(tid, start, sessions, fragment):
    problems = check_request(course(tid), start, sessions, TODAY)
    assert len(problems) == 1 and fragment in problems[0]


@pytest.mark.parametrize(
    ("start", "sessions"), [(TODAY - timedelta(days=365 * 2), 1), (TODAY + timedelta(days=365), 3), (START, 2)]
)
def test_edges_of_the_allowed_range_are_fine(start, sessions):
    assert check_request(course("eco2"), start, sessions, TODAY) == []


def test_personal_values_outside_the_data_are_reported():
    assert check_personal("face", "standard", None) == []
    assert len(check_personal("elbow", "max", 9)) == 3


def test_calendar_entries_have_unique_stable_keys():
    a, b = build_calendar_entries(plan("nafl-1550", 4)), build_calendar_entries(plan("nafl-1550", 4))
    keys = [e.key for e in a]
    assert len(keys) == len(set(keys))
    assert keys == [e.key for e in b]
    other = {e.key for e in build_calendar_entries(plan("nafl-1550", 4, start=START + timedelta(days=1)))}
    assert not other & set(keys)


def test_cited_keys_are_all_known_sources():
    keys = plan("eco2", 2, phototype=5).cited_keys()
    assert {"S4", "S40", "S18", "clinic-page"} <= set(keys)
    assert all(k in DATA.sources for k in keys)
