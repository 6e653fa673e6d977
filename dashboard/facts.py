"""The facts every surface tells about a course, computed once: how many sessions, how long redness and time
off last, when makeup is fine, when results first show, when they are strong and until when they improve.

The overview, compare, day by day, the display, the handout and the calendar all take these objects, so one
fact never reads two ways. Days are counted from the first session; a fact no source gives says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import words
from dashboard.course import Plan, default_plan, downtime_windows, redness_windows, union_size
from dashboard.i18n import _, ngettext, pgettext
from dashboard.recovery import Course
from dashboard.words import figure_sources, span, span_between, with_attribution


@dataclass(frozen=True)
class Fact:
    """One fact: a short value for tables and big numbers, one plain sentence, and its sources."""

    id: str
    label: str
    value: str
    text: str
    sources: tuple[str, ...]
    day: int | None = None  # the day (from the first session) the fact is about, when it is a moment in time
    known: bool = True  # False when no source gives this fact
    brief: str = ""  # the sentence alone, without the notes that follow it in `text` (where a surface is short)


def _unknown(fact_id: str, label: str, note: str, sources: tuple[str, ...]) -> Fact:
    """A fact no source gives: its value says so, and its text says why."""
    return Fact(fact_id, label, _("not known"), note, sources, known=False)


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
        items = (
            self.sessions,
            self.redness,
            self.downtime,
            self.makeup,
            self.first_results,
            self.strong_results,
            self.improving,
            self.lasting,
        )
        return tuple(f for f in items if f is not None)


def _after(plan: Plan, which: str) -> str:
    """'after the session', or for a course 'after each session' / 'after the first session' / 'after the last one'."""
    if plan.sessions == 1:
        return _("after the session")
    return {
        "each": _("after each session"),
        "first": _("after the first session"),
        "last": _("after the last session"),
    }[which]


def _sessions(course: Course, plan: Plan) -> Fact:
    c = course.treatment.course
    if plan.sessions == 1:
        value, text = "1", with_attribution(words.sessions(1) + ".", figure_sources(c.sessions))
    else:
        value = _("{n}, {gap} days apart").format(n=plan.sessions, gap=plan.interval_days)
        text = _("{sessions}, {gap} days apart.").format(sessions=words.sessions(plan.sessions), gap=plan.interval_days)
    brief = text
    if c.sessions.note:
        text += f" {c.sessions.note}"
    keys = [*c.sessions.sources, *(c.interval.sources if c.interval and plan.sessions > 1 else [])]
    return Fact("sessions", _("Sessions"), value, text, tuple(dict.fromkeys(keys)), brief=brief)


def _redness(course: Course, plan: Plan, total: int) -> Fact:
    s = course.treatment.symptom("redness")
    label = _("Visible redness")
    if s.peak_level == 0:
        return Fact(
            "redness", label, pgettext("no redness", "none"), _("Visible redness is not expected."), tuple(s.sources)
        )
    if plan.sessions > 1:
        text = ngettext(
            "Visible redness is usually gone by day {day} after each session: about {n} day in all.",
            "Visible redness is usually gone by day {day} after each session: about {n} days in all.",
            total,
        ).format(day=s.typical_end_day, n=total)
    else:
        text = _("Visible redness is usually gone by day {day} after the session.").format(day=s.typical_end_day)
    return Fact(
        "redness",
        label,
        _("gone by day {day}").format(day=s.typical_end_day),
        with_attribution(text, figure_sources(s)),
        tuple(s.sources),
        s.typical_end_day,
    )


def _downtime(course: Course, plan: Plan, total: int) -> Fact:
    work = course.treatment.milestone("work")
    label = _("Back to work and social life")
    if work is None or work.day is None:
        note = work.note if work is not None and work.note else _("Our sources give no day for this.")
        return _unknown("downtime", label, note, tuple(work.sources) if work else ())
    if work.day == 0:
        text = _("Most people need no time off.")
    elif plan.sessions > 1:
        text = ngettext(
            "Back to work and social life from about day {day} after each session: about {n} day off in all.",
            "Back to work and social life from about day {day} after each session: about {n} days off in all.",
            total,
        ).format(day=work.day, n=total)
    else:
        text = _("Back to work and social life from about day {day} after the session.").format(day=work.day)
    return Fact(
        "downtime",
        label,
        _("from day {day}").format(day=work.day),
        with_attribution(text, figure_sources(work)),
        tuple(work.sources),
        work.day,
    )


def _makeup(course: Course, plan: Plan) -> Fact:
    m = course.treatment.milestone("makeup")
    label = _("Makeup")
    if m is None or m.day is None:
        note = m.note if m is not None and m.note else _("Our sources give no day for makeup.")
        return _unknown("makeup", label, note, tuple(m.sources) if m else ())
    if m.day == 0:
        value, text = _("straight away"), _("Makeup is usually fine straight after treatment.")
    else:
        value = _("from day {day}").format(day=m.day)
        text = _("Makeup is usually fine from day {day} {after}.").format(day=m.day, after=_after(plan, "each"))
    return Fact("makeup", label, value, with_attribution(text, figure_sources(m)), tuple(m.sources), m.day)


def _first_results(course: Course, plan: Plan) -> Fact:
    m = course.treatment.milestone("results")
    label = _("First results")
    if m is None or m.day is None:
        note = m.note if m is not None and m.note else _("Our sources do not say when a first change shows.")
        return _unknown("first-results", label, note, tuple(m.sources) if m else ())
    text = _("A first change usually shows from about day {day} {after}.").format(
        day=m.day, after=_after(plan, "first")
    )
    return Fact(
        "first-results",
        label,
        _("about day {day}").format(day=m.day),
        with_attribution(text, figure_sources(m)),
        tuple(m.sources),
        m.day,
    )


def _when_after_last(day: int, latest: int | None) -> str:
    return span_between(day, latest) if latest is not None and latest > day else span(day)


def _strong_results(course: Course, plan: Plan) -> Fact:
    r = course.treatment.course.results
    label = _("Strong results")
    if r.strong is None:
        note = _("Our sources give no separate time for strong results after {name}.")
        return _unknown("strong-results", label, note.format(name=course.treatment.short_name), ())
    day = plan.session_days[-1] + r.strong.day
    when = _when_after_last(r.strong.day, r.strong.latest_day)
    if plan.sessions > 1:
        text = _("Strong results show {when} after the last session, about day {day} from the first.")
    else:
        text = _("Strong results show {when} after the session, from about day {day}.")
    return Fact(
        "strong-results",
        label,
        _("about day {day}").format(day=day),
        with_attribution(text.format(when=when, day=day), r.strong.sources),
        tuple(r.strong.sources),
        day,
    )


def _improving(course: Course, plan: Plan) -> Fact:
    r = course.treatment.course.results.improving_until
    day = plan.session_days[-1] + r.day
    text = _("Results keep improving for about {span} {after}, until about day {day}.").format(
        span=span(r.day), after=_after(plan, "last"), day=day
    )
    return Fact(
        "improving",
        _("Keeps improving until"),
        _("about day {day}").format(day=day),
        with_attribution(text, r.sources),
        tuple(r.sources),
        day,
    )


def _lasting(course: Course) -> Fact | None:
    lasting = course.treatment.course.results.lasting
    if lasting is None:
        return None
    up_to = _("up to {months}").format(months=words.months(lasting.months))
    text = _("Results can last up to {months}.").format(months=words.months(lasting.months))
    return Fact(
        "lasting", _("Results can last"), up_to, with_attribution(text, lasting.sources), tuple(lasting.sources)
    )


def build_facts(course: Course, plan: Plan | None = None) -> CourseFacts:
    """The facts of a course under a plan (its usual plan when none is given)."""
    plan = plan or default_plan(course)
    redness_total = union_size(redness_windows(course, plan))
    downtime_total = union_size(downtime_windows(course, plan))
    t = course.treatment
    return CourseFacts(
        treatment_id=t.id,
        name=t.short_name,
        plan=plan,
        sessions=_sessions(course, plan),
        redness=_redness(course, plan, redness_total),
        downtime=_downtime(course, plan, downtime_total),
        makeup=_makeup(course, plan),
        first_results=_first_results(course, plan),
        strong_results=_strong_results(course, plan),
        improving=_improving(course, plan),
        lasting=_lasting(course),
        redness_days=redness_total,
        downtime_days=downtime_total,
    )
