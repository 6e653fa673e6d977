"""The course model: a multi-session plan -> day-by-day state over the course, and its totals."""

from __future__ import annotations

import pytest

from dashboard.course import (
    Plan,
    Totals,
    build_course_days,
    build_totals,
    course_end,
    default_plan,
    downtime_windows,
    redness_windows,
)
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.recovery import Personal, apply_modifiers

DATA = load_dataset(DEFAULT_DATA_DIR)
BASE = Personal()


def course(treatment: str, who: Personal = BASE):
    return apply_modifiers(DATA.treatment(treatment), who)


@pytest.mark.parametrize(("treatment", "sessions", "plan"), [
    ("eco2", None, Plan(1, 42)),          # one session is typical (clinic-page); interval 6 weeks (S13)
    ("eco2", 3, Plan(3, 42)),
    ("eco2", 9, Plan(3, 42)),             # clamped to the stated maximum
    ("eco2", 0, Plan(1, 42)),             # clamped to the stated minimum
    ("nafl-1550", None, Plan(3, 21)),     # 3 sessions, 3 weeks apart (S4)
    ("nafl-1927", 6, Plan(4, 21)),       # clamped to the stated maximum (4: the clinic's "4 or more")
    ("co2-full", None, Plan(1, 0)),       # no interval: one session only
    ("co2-full", 3, Plan(1, 0)),
])
def test_default_plan(treatment: str, sessions: int | None, plan: Plan) -> None:
    assert default_plan(course(treatment), sessions) == plan


@pytest.mark.parametrize(("plan", "days"), [(Plan(1, 42), (0,)), (Plan(3, 21), (0, 21, 42)), (Plan(2, 0), (0, 0))])
def test_session_days(plan: Plan, days: tuple[int, ...]) -> None:
    assert plan.session_days == days


# Redness counts as visible while its typical level is at least "mild" (0.5 of 3): for eCO2 3*(1-d/7) >= 0.5 on
# days 0..5. Social downtime is the days before the "work" milestone day.
TOTALS = [
    ("eco2", Plan(1, 42), Totals(1, 7, 6, 5, 7, 180)),
    ("eco2", Plan(3, 42), Totals(3, 91, 18, 15, 91, 264)),
    ("nafl-1550", Plan(3, 21), Totals(3, 102, 9, 6, 102, 312)),   # 2 days of downtime per session (S5)
    ("nafl-1927", Plan(3, 21), Totals(3, 102, 9, 21, 102, 312)),  # about a week of downtime per session (S26)
    ("nafl-1927", Plan(4, 21), Totals(4, 123, 12, 28, 123, 333)),
    ("co2-full", Plan(1, 0), Totals(1, 30, 75, 14, 30, 365)),
    ("nafl-1550", Plan(2, 1), Totals(2, 61, 4, 3, 61, 271)),       # overlapping windows count each day once
]


@pytest.mark.parametrize(("treatment", "plan", "totals"), TOTALS, ids=[f"{t}-{p.sessions}x{p.interval_days}"
                                                                       for t, p, _ in TOTALS])
def test_totals(treatment: str, plan: Plan, totals: Totals) -> None:
    assert build_totals(course(treatment), plan) == totals


@pytest.mark.parametrize(("totals", "weeks"), [(Totals(1, 7, 6, 5, 7, 180), 1.0),
                                               (Totals(3, 102, 9, 6, 102, 312), 14.6)])
def test_course_weeks(totals: Totals, weeks: float) -> None:
    assert totals.course_weeks == weeks


@pytest.mark.parametrize(("treatment", "plan", "redness", "downtime"), [
    ("eco2", Plan(1, 42), [(0, 5)], [(0, 4)]),
    ("nafl-1550", Plan(3, 21), [(0, 2), (21, 23), (42, 44)], [(0, 1), (21, 22), (42, 43)]),
    ("co2-full", Plan(1, 0), [(0, 74)], [(0, 13)]),
])
def test_windows(treatment: str, plan: Plan, redness, downtime) -> None:
    c = course(treatment)
    assert redness_windows(c, plan) == redness
    assert downtime_windows(c, plan) == downtime


def test_downtime_follows_the_modifiers() -> None:
    assert downtime_windows(course("eco2", Personal(intensity="deep")), Plan(1, 42)) == [(0, 9)]
    assert downtime_windows(course("eco2", Personal(intensity="light")), Plan(1, 42)) == [(0, 3)]


def test_no_downtime_without_a_work_day() -> None:
    t = DATA.treatment("nafl-1550")
    work = t.milestone("work")
    no_day = t.model_copy(update={"milestones": [m if m is not work else m.model_copy(update={"day": 0})
                                                 for m in t.milestones]})
    assert downtime_windows(apply_modifiers(no_day, Personal()), Plan(3, 21)) == []


def test_course_days_take_the_strongest_session() -> None:
    c = course("nafl-1550")
    plan = Plan(2, 2)
    rows = build_course_days(c, plan)
    assert len(rows) == (course_end(c, plan) + 1) * 8 == (2 + 42 + 1) * 8
    redness = {r["day"]: r["typical"] for r in rows if r["symptom_id"] == "redness"}
    # session 1: 2, 1.33, 0.67, 0; session 2 starts on day 2 at 2 again
    assert [redness[d] for d in range(6)] == [2.0, 1.333, 2.0, 1.333, 0.667, 0.0]
    assert set(rows[0]) == {"day", "symptom_id", "symptom", "typical"}


def test_course_end() -> None:
    assert course_end(course("nafl-1550"), Plan(3, 21)) == 42 + 42
    assert course_end(course("eco2"), Plan(1, 42)) == 90
