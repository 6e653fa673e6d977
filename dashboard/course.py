"""The course model: a multi-session plan -> its session days, and the days of redness and downtime after each."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.recovery import Course


@dataclass(frozen=True)
class Plan:
    sessions: int
    interval_days: int

    @property
    def session_days(self) -> tuple[int, ...]:
        """Day of each session, counted from the first."""
        return tuple(i * self.interval_days for i in range(self.sessions))


def default_plan(course: Course, sessions: int | None = None) -> Plan:
    """The usual plan for a treatment: its typical number of sessions at the shortest stated interval."""
    c = course.treatment.course
    n = c.sessions.typical if sessions is None else max(c.sessions.min, min(sessions, c.sessions.max))
    interval = c.interval.min_days if c.interval is not None else 0
    return Plan(sessions=n, interval_days=interval)


def course_end(course: Course, plan: Plan) -> int:
    """The last day worth drawing: after the last session's horizon."""
    return plan.session_days[-1] + course.treatment.horizon_days


def downtime_windows(course: Course, plan: Plan) -> list[tuple[int, int]]:
    """(first day, last day) of social downtime after each session; empty if the data gives no day."""
    work = course.treatment.milestone("work")
    if work is None or work.day is None or work.day == 0:
        return []
    return [(start, start + work.day - 1) for start in plan.session_days]


def redness_windows(course: Course, plan: Plan) -> list[tuple[int, int]]:
    """(first day, last day) of visible redness after each session: from its onset until its usual end."""
    s = course.treatment.symptom("redness")
    if s.peak_level == 0 or s.typical_end_day <= s.onset_day:
        return []
    return [(start + s.onset_day, start + s.typical_end_day - 1) for start in plan.session_days]


def union_size(windows: list[tuple[int, int]]) -> int:
    """How many days the windows cover, counting a day two windows share once."""
    return len({d for first, last in windows for d in range(first, last + 1)})
