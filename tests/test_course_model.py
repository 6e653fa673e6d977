"""The course model: a multi-session plan -> day-by-day state over the course, and its totals."""

from __future__ import annotations

import pytest

from dashboard.course import (
    Plan,
    course_end,
    default_plan,
    downtime_windows,
    redness_windows,
    union_size,
)
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.recovery import Personal, apply_modifiers

DATA = load_dataset(DEFAULT_DATA_DIR)
BASE = Personal()


def course(treatment: str, who: Personal = BASE):
    return apply_modifiers(DATA.treatment(treatment), who)


@pytest.mark.parametrize(
    ("treatment", "sessions", "plan"),
    [
        ("eco2", None, Plan(1, 42)),  # one session is typical (clinic-page); interval 6 weeks (S13)
        ("eco2", 3, Plan(3, 42)),
        ("eco2", 9, Plan(3, 42)),  # clamped to the stated maximum
        ("eco2", 0, Plan(1, 42)),  # clamped to the stated minimum
        ("nafl-1550", None, Plan(3, 21)),  # 3 sessions, 3 weeks apart (S4)
        ("nafl-1927", 6, Plan(3, 21)),  # clamped to the stated maximum (3, as the studies used)
        ("co2-full", None, Plan(1, 0)),  # no interval: one session only
        ("co2-full", 3, Plan(1, 0)),
    ],
)
def test_default_plan(treatment: str, sessions: int | None, plan: Plan) -> None:
    assert default_plan(course(treatment), sessions) == plan


@pytest.mark.parametrize(("plan", "days"), [(Plan(1, 42), (0,)), (Plan(3, 21), (0, 21, 42)), (Plan(2, 0), (0, 0))])
def test_session_days(plan: Plan, days: tuple[int, ...]) -> None:
    assert plan.session_days == days


@pytest.mark.parametrize(("windows", "size"), [([], 0), ([(0, 4)], 5), ([(0, 2), (2, 4)], 5), ([(0, 1), (5, 6)], 4)])
def test_union_size_counts_shared_days_once(windows, size) -> None:
    assert union_size(windows) == size


# Redness lasts from its onset until its usual end (typical_end_day), the same "gone by day N" every page says.
# Social downtime is the days before the "work" milestone day.
@pytest.mark.parametrize(
    ("treatment", "plan", "redness", "downtime"),
    [
        ("eco2", Plan(1, 42), [(0, 6)], [(0, 4)]),
        ("nafl-1550", Plan(3, 21), [(0, 2), (21, 23), (42, 44)], [(0, 1), (21, 22), (42, 43)]),
        ("co2-full", Plan(1, 0), [(0, 134)], [(0, 13)]),
    ],
)
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
    no_day = t.model_copy(
        update={"milestones": [m if m is not work else m.model_copy(update={"day": 0}) for m in t.milestones]}
    )
    assert downtime_windows(apply_modifiers(no_day, Personal()), Plan(3, 21)) == []


def test_course_end() -> None:
    assert course_end(course("nafl-1550"), Plan(3, 21)) == 42 + 42
    assert course_end(course("eco2"), Plan(1, 42)) == 90
