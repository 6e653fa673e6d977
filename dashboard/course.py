"""The course model: a multi-session plan -> day-by-day state over the whole course, and its totals."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.recovery import VISIBLE_LEVEL, Course, symptom_levels


@dataclass(frozen=True)
class Plan:
    sessions: int
    interval_days: int

    @property
    def session_days(self) -> tuple[int, ...]:
        """Day of each session, counted from the first."""
        return tuple(i * self.interval_days for i in range(self.sessions))


@dataclass(frozen=True)
class Totals:
    sessions: int
    course_days: int
    redness_days: int
    downtime_days: int
    results_day: int
    improving_until_day: int

    @property
    def course_weeks(self) -> float:
        """Weeks from the first session until results show."""
        return round(self.course_days / 7, 1)


def default_plan(course: Course, sessions: int | None = None) -> Plan:
    """The usual plan for a treatment: its typical number of sessions at the shortest stated interval."""
    c = course.treatment.course
    n = c.sessions.typical if sessions is None else max(c.sessions.min, min(sessions, c.sessions.max))
    interval = c.interval.min_days if c.interval is not None else 0
    return Plan(sessions=n, interval_days=interval)


def course_end(course: Course, plan: Plan) -> int:
    """The last day worth drawing: after the last session's horizon."""
    return plan.session_days[-1] + course.treatment.horizon_days


def build_course_days(course: Course, plan: Plan) -> list[dict[str, object]]:
    """Per day of the whole course: each symptom's typical level (the strongest across sessions)."""
    rows: list[dict[str, object]] = []
    for day in range(course_end(course, plan) + 1):
        for s in course.treatment.symptoms:
            level = max(symptom_levels(s, day - start)[0] for start in plan.session_days if start <= day)
            rows.append({"day": day, "symptom_id": s.id, "symptom": s.name, "typical": round(level, 3)})
    return rows


def downtime_windows(course: Course, plan: Plan) -> list[tuple[int, int]]:
    """(first day, last day) of social downtime after each session; empty if the data gives no day."""
    work = course.treatment.milestone("work")
    if work is None or work.day is None or work.day == 0:
        return []
    return [(start, start + work.day - 1) for start in plan.session_days]


def redness_windows(course: Course, plan: Plan) -> list[tuple[int, int]]:
    """(first day, last day) of visible redness after each session."""
    s = course.treatment.symptom("redness")
    windows = []
    for start in plan.session_days:
        days = [d for d in range(s.latest_day + 1) if symptom_levels(s, d)[0] >= VISIBLE_LEVEL]
        if days:
            windows.append((start + days[0], start + days[-1]))
    return windows


def _union_size(windows: list[tuple[int, int]]) -> int:
    return len({d for first, last in windows for d in range(first, last + 1)})


def build_totals(course: Course, plan: Plan) -> Totals:
    """Sessions, days of visible redness, social downtime days and when results are expected."""
    results = course.treatment.course.results
    last = plan.session_days[-1]
    return Totals(
        sessions=plan.sessions,
        course_days=last + results.visible_day,
        redness_days=_union_size(redness_windows(course, plan)),
        downtime_days=_union_size(downtime_windows(course, plan)),
        results_day=last + results.visible_day,
        improving_until_day=last + results.improving_until_day,
    )
