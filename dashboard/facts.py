"""The facts every surface tells about a course, computed once: how many sessions, how long redness and time
off last, when makeup is fine, when results first show, when they are strong and until when they improve.

The overview, compare, day by day, the display, the handout and the calendar all take these objects, so one
fact never reads two ways. Days are counted from the first session; a fact no source gives says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.course import Plan, default_plan, downtime_windows, redness_windows, union_size
from dashboard.recovery import Course
from dashboard.words import plural, span, span_between, with_attribution

UNKNOWN = "not known"


@dataclass(frozen=True)
class Fact:
    """One fact: a short value for tables and big numbers, one plain sentence, and its sources."""

    id: str
    label: str
    value: str
    text: str
    sources: tuple[str, ...]
    day: int | None = None  # the day (from the first session) the fact is about, when it is a moment in time

    @property
    def known(self) -> bool:
        """False when no source gives this fact."""
        return self.value != UNKNOWN


@dataclass(frozen=True)
class CourseFacts:
    """A course under one plan, told once for every surface."""

    treatment_id: str
    name: str
    plan: Plan
    sessions: Fact
    redness: Fact
    downtime: Fact
    makeup: Fact
    first_results: Fact
    strong_results: Fact
    improving: Fact
    lasting: Fact | None
    redness_days: int
    downtime_days: int

    def all(self) -> tuple[Fact, ...]:
        """Every fact, in the order surfaces list them."""
        items = (self.sessions, self.redness, self.downtime, self.makeup, self.first_results, self.strong_results,
                 self.improving, self.lasting)
        return tuple(f for f in items if f is not None)


def _each(plan: Plan) -> str:
    return "after each session" if plan.sessions > 1 else "after the session"


def _sessions(course: Course, plan: Plan) -> Fact:
    c = course.treatment.course
    value = str(plan.sessions) if plan.sessions == 1 else f"{plan.sessions}, {plan.interval_days} days apart"
    text = plural(plan.sessions, "session") + (f", {plan.interval_days} days apart" if plan.sessions > 1 else "") + "."
    if c.sessions.note:
        text += f" {c.sessions.note}"
    keys = [*c.sessions.sources, *(c.interval.sources if c.interval and plan.sessions > 1 else [])]
    return Fact("sessions", "Sessions", value, text, tuple(dict.fromkeys(keys)))


def _redness(course: Course, plan: Plan, total: int) -> Fact:
    s = course.treatment.symptom("redness")
    if s.peak_level == 0:
        return Fact("redness", "Visible redness", "none", "Visible redness is not expected.", tuple(s.sources))
    text = f"Visible redness is usually gone by day {s.typical_end_day} {_each(plan)}"
    text += f": about {plural(total, 'day')} in all." if plan.sessions > 1 else "."
    return Fact("redness", "Visible redness", f"gone by day {s.typical_end_day}", with_attribution(text, s.sources),
                tuple(s.sources), s.typical_end_day)


def _downtime(course: Course, plan: Plan, total: int) -> Fact:
    work = course.treatment.milestone("work")
    label = "Back to work and social life"
    if work is None or work.day is None:
        note = work.note if work is not None and work.note else "Our sources give no day for this."
        return Fact("downtime", label, UNKNOWN, note, tuple(work.sources) if work else ())
    if work.day == 0:
        text = "Most people need no time off."
    else:
        text = f"Back to work and social life from about day {work.day} {_each(plan)}"
        text += f": about {plural(total, 'day')} off in all." if plan.sessions > 1 else "."
    return Fact("downtime", label, f"from day {work.day}", with_attribution(text, work.sources),
                tuple(work.sources), work.day)


def _makeup(course: Course, plan: Plan) -> Fact:
    m = course.treatment.milestone("makeup")
    if m is None or m.day is None:
        note = m.note if m is not None and m.note else "Our sources give no day for makeup."
        return Fact("makeup", "Makeup", UNKNOWN, note, tuple(m.sources) if m else ())
    if m.day == 0:
        value, text = "straight away", "Makeup is usually fine straight after treatment."
    else:
        value, text = f"from day {m.day}", f"Makeup is usually fine from day {m.day} {_each(plan)}."
    return Fact("makeup", "Makeup", value, with_attribution(text, m.sources), tuple(m.sources), m.day)


def _first_results(course: Course, plan: Plan) -> Fact:
    m = course.treatment.milestone("results")
    label = "First results"
    if m is None or m.day is None:
        note = m.note if m is not None and m.note else "Our sources do not say when a first change shows."
        return Fact("first-results", label, UNKNOWN, note, tuple(m.sources) if m else ())
    after = "after the first session" if plan.sessions > 1 else "after the session"
    text = f"A first change usually shows from about day {m.day} {after}."
    return Fact("first-results", label, f"about day {m.day}", with_attribution(text, m.sources), tuple(m.sources),
                m.day)


def _when_after_last(day: int, latest: int | None) -> str:
    return span_between(day, latest) if latest is not None and latest > day else span(day)


def _strong_results(course: Course, plan: Plan) -> Fact:
    r = course.treatment.course.results
    label = "Strong results"
    if r.strong is None:
        return Fact("strong-results", label, UNKNOWN,
                    f"Our sources give no separate time for strong results after {course.treatment.short_name}.", ())
    day = plan.session_days[-1] + r.strong.day
    after = "after the last session" if plan.sessions > 1 else "after the session"
    text = f"Strong results show {_when_after_last(r.strong.day, r.strong.latest_day)} {after}"
    text += f", about day {day} from the first." if plan.sessions > 1 else f", from about day {day}."
    return Fact("strong-results", label, f"about day {day}", with_attribution(text, r.strong.sources),
                tuple(r.strong.sources), day)


def _improving(course: Course, plan: Plan) -> Fact:
    r = course.treatment.course.results.improving_until
    day = plan.session_days[-1] + r.day
    after = "after the last session" if plan.sessions > 1 else "after the session"
    text = f"Results keep improving for about {span(r.day)} {after}, until about day {day}."
    return Fact("improving", "Keeps improving until", f"about day {day}", with_attribution(text, r.sources),
                tuple(r.sources), day)


def _lasting(course: Course) -> Fact | None:
    lasting = course.treatment.course.results.lasting
    if lasting is None:
        return None
    text = f"Results can last up to {plural(lasting.months, 'month')}."
    return Fact("lasting", "Results can last", f"up to {plural(lasting.months, 'month')}",
                with_attribution(text, lasting.sources), tuple(lasting.sources))


def build_facts(course: Course, plan: Plan | None = None) -> CourseFacts:
    """The facts of a course under a plan (its usual plan when none is given)."""
    plan = plan or default_plan(course)
    redness_total = union_size(redness_windows(course, plan))
    downtime_total = union_size(downtime_windows(course, plan))
    t = course.treatment
    return CourseFacts(
        treatment_id=t.id, name=t.short_name, plan=plan, sessions=_sessions(course, plan),
        redness=_redness(course, plan, redness_total), downtime=_downtime(course, plan, downtime_total),
        makeup=_makeup(course, plan), first_results=_first_results(course, plan),
        strong_results=_strong_results(course, plan), improving=_improving(course, plan),
        lasting=_lasting(course), redness_days=redness_total, downtime_days=downtime_total,
    )
