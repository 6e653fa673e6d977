"""A person's treatment plan with real dates: sessions, milestones, results, aftercare and calendar entries.

Built only from the data (with the person's modifiers already applied); a milestone without a day in the
data stays undated and says why, so no date is ever invented. No names or other personal data are involved:
the plan is fully described by its URL parameters.
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass
from datetime import date
from datetime import date as Date  # for a record whose field is called `date`
from urllib.parse import urlencode

from dashboard.course import default_plan
from dashboard.dates import date_limits, date_of, format_date
from dashboard.facts import build_facts
from dashboard.i18n import N_, _, ngettext
from dashboard.models import AREAS, INTENSITIES, PHOTOTYPES, Milestone, Visit, WarningSign
from dashboard.recovery import AppliedModifier, Course

PLAN_KEYS = ("treatment", "start", "area", "intensity", "phototype", "sessions")
# English msgids: show MEDICINES_TEXT with _(MEDICINES_TEXT), in the language of the run
MEDICINES_TEXT = N_("If your clinician prescribes medicine before or after the visit, take it exactly as prescribed.")
_EVENT_TITLES = {
    "first-results": N_("a first change usually shows from about now"),
    "strong-results": N_("strong results usually show from about now"),
    "improving": N_("results usually keep improving until about now"),
}


@dataclass(frozen=True)
class PlanRequest:
    """What the staff chose; hashable so that exports can be cached on it."""

    treatment: str
    start: date
    sessions: int
    area: str = "face"
    intensity: str = "standard"
    phototype: int | None = None

    def query(self) -> dict[str, str]:
        """The plan's URL parameters (and nothing else)."""
        values = {
            "treatment": self.treatment,
            "start": self.start.isoformat(),
            "area": self.area,
            "intensity": self.intensity,
            "phototype": str(self.phototype) if self.phototype else None,
            "sessions": str(self.sessions),
        }
        return {k: v for k in PLAN_KEYS if (v := values[k]) is not None}


@dataclass(frozen=True)
class DatedMilestone:
    """A milestone after one session: `day` counts from the first session; None when the data gives no day."""

    id: str
    kind: str
    label: str
    session: int
    day: int | None
    date: date | None
    plain: str
    note: str | None
    sources: tuple[str, ...]
    superseded_by: int | None = None

    @property
    def dated(self) -> bool:
        """True when the data gives a day for this milestone."""
        return self.day is not None


@dataclass(frozen=True)
class SessionPlan:
    number: int
    day: int
    date: date
    milestones: tuple[DatedMilestone, ...]


@dataclass(frozen=True)
class ResultMilestone:
    id: str
    label: str
    day: int
    date: date
    text: str
    sources: tuple[str, ...]
    event_title: str = ""


@dataclass(frozen=True)
class CarePeriod:
    """An aftercare window after one session: `first_day`/`last_day` count from the first session."""

    session: int
    start_day: int
    end_day: int
    first_day: int
    last_day: int
    first_date: date
    last_date: date
    do: tuple[str, ...]
    avoid: tuple[str, ...]
    sources: tuple[str, ...]
    superseded_by: int | None = None

    @property
    def last_session_day(self) -> int:
        """The window's last day counted from its session (cut short where the next session starts)."""
        return self.start_day + self.last_day - self.first_day

    @property
    def days(self) -> str:
        """The window in days after its session: 'days 2–7' (cut short where the next session starts)."""
        return _("days {first}–{last}").format(first=self.start_day, last=self.last_session_day)

    @property
    def dates(self) -> str:
        """The window in dates: 'Thu 3 Dec 2026 – Tue 8 Dec 2026'."""
        return _("{first} – {last}").format(first=format_date(self.first_date), last=format_date(self.last_date))

    @property
    def steps(self) -> tuple[str, ...]:
        """What to do and avoid, as the handout, the preview and the calendar list them."""
        return tuple(
            [_("Do: {step}").format(step=x) for x in self.do] + [_("Avoid: {step}").format(step=x) for x in self.avoid]
        )


@dataclass(frozen=True)
class CalendarEntry:
    """An all-day calendar event from `date` to `last_date` (inclusive); `key` is stable for the same plan and
    `reminder` is an alarm text or None."""

    key: str
    day: int
    date: Date
    title: str
    description: str
    reminder: str | None = None
    last_date: Date | None = None  # None: a one-day event

    @property
    def end(self) -> Date:
        """The last day the event covers."""
        return self.last_date or self.date


@dataclass(frozen=True)
class TreatmentPlan:
    request: PlanRequest
    treatment_name: str
    short_name: str
    interval_days: int
    interval_sources: tuple[str, ...]
    sessions: tuple[SessionPlan, ...]
    results: tuple[ResultMilestone, ...]
    results_note: str | None
    visit: Visit
    care: tuple[CarePeriod, ...]
    warnings: tuple[WarningSign, ...]
    modifiers: tuple[AppliedModifier, ...]
    session_sources: tuple[str, ...]

    @property
    def undated(self) -> tuple[DatedMilestone, ...]:
        """Milestones the data gives no day for (listed once, from the first session)."""
        return tuple(m for m in self.sessions[0].milestones if not m.dated)

    def cited_keys(self) -> tuple[str, ...]:
        """Every source key the plan shows, in first-cited order."""
        keys: list[str] = list(self.visit.sources) + list(self.session_sources) + list(self.interval_sources)
        for s in self.sessions:
            for m in s.milestones:
                keys += m.sources
        for r in self.results:
            keys += r.sources
        for c in self.care:
            keys += c.sources
        for w in self.warnings:
            keys += w.sources
        for a in self.modifiers:
            keys += a.modifier.sources
        return tuple(dict.fromkeys(keys))


def check_request(course: Course, start: date | None, sessions: int | None, today: date) -> list[str]:
    """Plain messages for inputs that cannot make a plan (empty when the plan can be built)."""
    t = course.treatment
    problems: list[str] = []
    date_problem = None if start is None else date_limits(today).problem(start)  # no date yet is not a problem
    if date_problem is not None:
        problems.append(date_problem)
    c = t.course.sessions
    if sessions is not None and not c.min <= sessions <= c.max:
        if c.min == c.max:
            text = ngettext(
                "{name} is given as a single session, so a plan of {n} session is not possible.",
                "{name} is given as a single session, so a plan of {n} sessions is not possible.",
                sessions,
            )
        else:
            text = ngettext(
                "{name} is given in {low} to {high} sessions, so a plan of {n} session is not possible.",
                "{name} is given in {low} to {high} sessions, so a plan of {n} sessions is not possible.",
                sessions,
            )
        problems.append(
            text.format(name=t.short_name, low=c.min, high=c.max, n=sessions)
            + " "
            + _("Change the number of sessions.")
        )
    return problems


def check_personal(area: str, intensity: str, phototype: int | None) -> list[str]:
    """Messages for modifier values outside the data's choices."""
    problems = []
    if area not in AREAS:
        problems.append(_("Choose a treated area: face, neck, chest or hands."))
    if intensity not in INTENSITIES:
        problems.append(_("Choose a treatment strength: light, standard or deep."))
    if phototype is not None and phototype not in PHOTOTYPES:
        problems.append(_("Choose a skin type from 1 to 6, or leave it empty."))
    return problems


def add_months(d: date, months: int) -> date:
    """The same day `months` calendar months later (the month's last day when it is shorter)."""
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def build_plan(course: Course, request: PlanRequest) -> TreatmentPlan:
    """The dated plan for a valid request (check it first with check_request)."""
    t = course.treatment
    plan = default_plan(course, request.sessions)
    session_days = plan.session_days
    start = request.start

    def next_session(day: int, session: int) -> int | None:
        # a milestone on or after the next session's day no longer applies: that session restarts the clock
        later = [i + 1 for i, d in enumerate(session_days) if i + 1 > session and d <= day]
        return later[0] if later else None

    sessions = []
    for number, sday in enumerate(session_days, start=1):
        items = []
        for m in _ordered(t.milestones):
            if m.kind == "results":
                continue  # the results section below covers them, from the course's facts
            day = None if m.day is None else sday + m.day
            items.append(
                DatedMilestone(
                    id=m.id,
                    kind=m.kind,
                    label=m.label,
                    session=number,
                    day=day,
                    date=None if day is None else date_of(start, day),
                    plain=m.plain,
                    note=m.note,
                    sources=tuple(m.sources),
                    superseded_by=None if day is None else next_session(day, number),
                )
            )
        sessions.append(SessionPlan(number, sday, date_of(start, sday), tuple(items)))

    care = []
    for number, sday in enumerate(session_days, start=1):
        for a in t.aftercare:
            first, last = sday + a.start_day, sday + a.end_day
            if number < len(session_days):
                last = min(last, session_days[number] - 1)  # the next session restarts aftercare
            care.append(
                CarePeriod(
                    number,
                    a.start_day,
                    a.end_day,
                    first,
                    last,
                    date_of(start, first),
                    date_of(start, last),
                    tuple(a.do),
                    tuple(a.avoid),
                    tuple(a.sources),
                    next_session(first, number),
                )
            )

    facts = build_facts(course, plan)
    results = [
        ResultMilestone(f.id, f.label, f.day, date_of(start, f.day), f.text, f.sources, _(_EVENT_TITLES[f.id]))
        for f in (facts.first_results, facts.strong_results, facts.improving)
        if f.day is not None
    ]
    if facts.lasting is not None and t.course.results.lasting is not None:
        until = add_months(date_of(start, session_days[-1]), t.course.results.lasting.months)
        results.append(
            ResultMilestone(
                "lasting",
                facts.lasting.label,
                (until - start).days,
                until,
                facts.lasting.text,
                facts.lasting.sources,
                "",
            )
        )

    iv = t.course.interval
    return TreatmentPlan(
        request=request,
        treatment_name=t.name,
        short_name=t.short_name,
        interval_days=plan.interval_days,
        interval_sources=tuple(iv.sources) if iv is not None and plan.sessions > 1 else (),
        sessions=tuple(sessions),
        results=tuple(results),
        results_note=t.course.results.note,
        visit=t.visit,
        care=tuple(care),
        warnings=tuple(t.warning_signs),
        modifiers=course.applied,
        session_sources=tuple(t.course.sessions.sources),
    )


def handout_care(plan: TreatmentPlan) -> tuple[CarePeriod, ...]:
    """Each aftercare window once, as the handout prints it: from the first session whose window still applies
    (a later session restarts the clock)."""
    return tuple(
        next(c for c in plan.care if c.start_day == start_day and c.superseded_by is None)
        for start_day in dict.fromkeys(c.start_day for c in plan.care)
    )


def _ordered(milestones: list[Milestone]) -> list[Milestone]:
    """Dated milestones by day, then the undated ones in data order."""
    dated = sorted((m for m in milestones if m.day is not None), key=lambda m: (m.day, m.label))
    return dated + [m for m in milestones if m.day is None]


def _plan_id(request: PlanRequest) -> str:
    return hashlib.sha256(urlencode(request.query()).encode()).hexdigest()[:16]


def build_calendar_entries(plan: TreatmentPlan) -> list[CalendarEntry]:
    """One all-day entry per session, per dated milestone, per results milestone and per aftercare step."""
    pid = _plan_id(plan.request)
    name = plan.short_name
    entries: list[CalendarEntry] = []
    ask = "; ".join(m.label for m in plan.undated)
    medicines = _(MEDICINES_TEXT)
    for s in plan.sessions:
        desc = f"{plan.visit.anaesthesia} {plan.visit.duration} {medicines}"
        if ask:
            desc += " " + _("Ask your clinician about: {items}.").format(items=ask)
        entries.append(
            CalendarEntry(
                f"session-{s.number}-{pid}",
                s.day,
                s.date,
                _("{name} session {number} of {total}").format(name=name, number=s.number, total=len(plan.sessions)),
                desc,
                _("{name} session {number} today.").format(name=name, number=s.number) + f" {medicines}",
            )
        )
        for m in s.milestones:
            if m.day is None or m.date is None or m.superseded_by is not None:
                continue
            entries.append(
                CalendarEntry(
                    f"{m.id}-{s.number}-{pid}",
                    m.day,
                    m.date,
                    _("{name}: {milestone} (usually from today)").format(name=name, milestone=m.label),
                    _with_sources(m.plain, m.sources),
                )
            )
    for c in plan.care:
        if c.superseded_by is not None:
            continue
        steps = " ".join(c.steps)
        entries.append(
            CalendarEntry(
                f"care-{c.session}-{c.first_day}-{pid}",
                c.first_day,
                c.first_date,
                _("{name} aftercare, days {first}–{last} after session {session}").format(
                    name=name, first=c.start_day, last=c.last_session_day, session=c.session
                ),
                _with_sources(
                    _("From {first} to {last}: {steps}").format(
                        first=format_date(c.first_date), last=format_date(c.last_date), steps=steps
                    ),
                    c.sources,
                ),
                _("Aftercare: {steps}").format(steps=steps),
                c.last_date,
            )
        )
    for r in plan.results:
        if r.event_title:  # "results can last up to 12 months" is not something that happens on a day
            entries.append(
                CalendarEntry(
                    f"{r.id}-{pid}",
                    r.day,
                    r.date,
                    _("{name}: {event}").format(name=name, event=r.event_title),
                    _with_sources(r.text, r.sources),
                )
            )
    return sorted(entries, key=lambda e: (e.day, e.key))


def _with_sources(text: str, sources: tuple[str, ...]) -> str:
    return _("{text} (Sources: {keys})").format(text=text, keys=", ".join(sources)) if sources else text
