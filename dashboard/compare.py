"""Treatment courses side by side: sessions, downtime, redness, results, and what each looks like on one day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypedDict

from dashboard import words
from dashboard.course import Plan, default_plan, downtime_windows, redness_windows
from dashboard.facts import CourseFacts, Fact, build_facts
from dashboard.i18n import N_, _, format_share, ngettext, pgettext
from dashboard.markdown import md, source_links
from dashboard.models import Dataset, Treatment
from dashboard.recovery import VISIBLE_LEVEL, Course, build_day

TAIL_DAYS = 14  # drawn after the last event, so the final bar does not touch the chart's edge
CLAIM = N_(
    "The clinic's page says the eCO2 laser can do in one treatment what may take other lasers four or more sessions."
)
NO_HEAD_TO_HEAD = N_(
    "We found no study that compares the eCO2, or any fractional CO2 laser, head to head with a "
    "course of nonablative laser sessions."
)


@dataclass(frozen=True)
class CourseSummary:
    """One treatment's course as drawn on the compare page: its plan, its facts and its windows of days."""

    treatment: Treatment
    plan: Plan
    facts: CourseFacts
    downtime: tuple[tuple[int, int], ...]
    redness: tuple[tuple[int, int], ...]

    @property
    def id(self) -> str:
        return self.treatment.id

    @property
    def name(self) -> str:
        return self.treatment.short_name

    @property
    def session_days(self) -> tuple[int, ...]:
        return self.plan.session_days

    @property
    def results_from(self) -> Fact | None:
        """The earliest results fact with a day: the first change where known, else strong results."""
        return next((f for f in (self.facts.first_results, self.facts.strong_results) if f.day is not None), None)


@dataclass(frozen=True)
class CrossSection:
    """What one course looks like on a day counted from its first session."""

    summary: CourseSummary
    day: int
    sessions_done: int
    days_since_last: int
    phase: str
    visible: tuple[tuple[str, str], ...]
    in_downtime: bool
    red: bool
    results_showing: bool
    next_session_day: int | None


@dataclass(frozen=True)
class ClaimPoint:
    """One line of the claim-versus-evidence box; `kind` is 'claim', 'evidence' or 'gap'."""

    kind: str
    text: str
    sources: tuple[str, ...] = ()


def build_summary(course: Course, sessions: int | None = None) -> CourseSummary:
    """The course with its usual plan (or `sessions`, kept within the data's range) and its facts."""
    plan = default_plan(course, sessions)
    return CourseSummary(
        course.treatment,
        plan,
        build_facts(course, plan),
        tuple(downtime_windows(course, plan)),
        tuple(redness_windows(course, plan)),
    )


def build_summaries(courses: Mapping[str, Course], sessions: Mapping[str, int] | None = None) -> list[CourseSummary]:
    """One summary per course, in the given order."""
    sessions = sessions or {}
    return [build_summary(c, sessions.get(tid)) for tid, c in courses.items()]


def _result_points(s: CourseSummary) -> list[Fact]:
    return [f for f in (s.facts.first_results, s.facts.strong_results) if f.day is not None]


def axis_end(summaries: list[CourseSummary]) -> int:
    """The last day the timeline shows: every session, downtime, redness and results day fits."""
    last = 0
    for s in summaries:
        ends = [
            *s.session_days,
            *(e for _a, e in s.downtime),
            *(e for _a, e in s.redness),
            *(f.day for f in _result_points(s) if f.day is not None),
        ]
        last = max(last, *ends)
    return last + TAIL_DAYS


# The kinds of marks on the timeline, as English msgids: rows carry them translated (the chart's legend shows them)
SESSION = N_("Session")
DOWNTIME = N_("Social downtime")
REDNESS = N_("Visible redness")
RESULT_KINDS = {"first-results": N_("First change"), "strong-results": N_("Strong results")}


class TimelineRow(TypedDict):
    """One mark on the course timeline: a session, a period (downtime, redness) or when results show."""

    treatment: str
    treatment_id: str
    kind: str
    start: int
    end: int
    label: str
    sources: str


def build_timeline_rows(summaries: list[CourseSummary]) -> list[TimelineRow]:
    """Rows for the timeline chart: sessions, downtime and redness periods, and when results first show."""
    rows: list[TimelineRow] = []
    for s in summaries:
        f = s.facts

        def row(kind: str, start: int, end: int, label: str, sources: tuple[str, ...], s: CourseSummary = s) -> None:
            rows.append(
                TimelineRow(
                    treatment=s.name,
                    treatment_id=s.id,
                    kind=kind,
                    start=start,
                    end=end,
                    label=label,
                    sources=", ".join(sources),
                )
            )

        for i, day in enumerate(s.session_days, start=1):
            row(_(SESSION), day, day, _("Session {number}").format(number=i), f.sessions.sources)
        for first, last in s.downtime:
            row(
                _(DOWNTIME),
                first,
                last + 1,
                _("Social downtime, days {first} to {last}").format(first=first, last=last),
                f.downtime.sources,
            )
        for first, last in s.redness:
            row(
                _(REDNESS),
                first,
                last + 1,
                _("Visible redness, days {first} to {last}").format(first=first, last=last),
                f.redness.sources,
            )
        for fact in _result_points(s):
            if fact.day is not None:
                row(_(RESULT_KINDS[fact.id]), fact.day, fact.day, fact.text, fact.sources)
    return rows


def build_cross_section(course: Course, summary: CourseSummary, day: int) -> CrossSection:
    """The course on `day` (from its first session), read from the latest session on or before that day."""
    day = max(0, day)
    done = [d for d in summary.session_days if d <= day]
    since = day - done[-1]
    state = build_day(course, since)
    beyond = since > course.treatment.horizon_days
    visible = () if beyond else tuple((x.symptom.name, x.words) for x in state.symptoms if x.typical >= VISIBLE_LEVEL)
    upcoming = [d for d in summary.session_days if d > day]
    first = summary.results_from
    return CrossSection(
        summary=summary,
        day=day,
        sessions_done=len(done),
        days_since_last=since,
        phase=state.phase.name,
        visible=visible,
        in_downtime=any(a <= day <= b for a, b in summary.downtime),
        red=any(a <= day <= b for a, b in summary.redness),
        results_showing=first is not None and first.day is not None and day >= first.day,
        next_session_day=upcoming[0] if upcoming else None,
    )


def results_words(x: CrossSection) -> str:
    """Where results stand on the day, in the words of the course's facts."""
    first = x.summary.results_from
    if first is None:
        return _("our sources give no time")
    if first.id == "first-results":
        return (
            _("first change showing") if x.results_showing else _("first change from {when}").format(when=first.value)
        )
    return (
        _("strong results showing") if x.results_showing else _("strong results from {when}").format(when=first.value)
    )


CROSS_SECTION_ROWS = (
    N_("Sessions"),
    N_("Stage"),
    N_("Usually visible"),
    N_("Social downtime"),
    N_("Next session"),
    N_("Results"),
)


def cross_section_rows(x: CrossSection) -> tuple[tuple[str, str], ...]:
    """What a course looks like on a day, as the same labelled rows for every course (cards line up)."""
    s = x.summary
    last = _("today") if x.days_since_last == 0 else _("{days} ago").format(days=words.days(x.days_since_last))
    visible = (
        ", ".join(_("{level} {symptom}").format(level=w, symptom=n.lower()) for n, w in x.visible)
        if (x.visible)
        else _("nothing")
    )
    values = (
        _("session {number} of {total}, {last}").format(number=x.sessions_done, total=s.plan.sessions, last=last),
        x.phase,
        visible,
        _("yes") if x.in_downtime else _("no"),
        (
            _("day {day}").format(day=x.next_session_day)
            if x.next_session_day is not None
            else pgettext("no next session", "none")
        ),
        results_words(x),
    )
    return tuple(zip((_(label) for label in CROSS_SECTION_ROWS), values, strict=True))


def describe_cross_section(x: CrossSection) -> str:
    """One plain sentence about a course on a day, from the same rows as its card."""
    rows = "; ".join(
        _("{label}: {value}").format(label=label.lower(), value=value) for label, value in cross_section_rows(x)
    )
    return _("{name} on day {day}: {rows}.").format(name=x.summary.name, day=x.day, rows=rows)


def describe_summary(s: CourseSummary) -> str:
    """A course's facts in plain sentences: the trade-off without reading a chart."""
    f = s.facts
    return f"{s.name}: " + " ".join(
        x.text for x in (f.sessions, f.redness, f.downtime, f.first_results, f.strong_results, f.improving)
    )


TABLE_ROWS = ("sessions", "redness", "downtime", "makeup", "first_results", "strong_results", "improving")


def build_totals_table(summaries: list[CourseSummary]) -> dict[str, list[str]]:
    """Measures as rows, one column per treatment (kept narrow for phones), from the courses' facts."""
    labels = [getattr(summaries[0].facts, row).label for row in TABLE_ROWS]
    labels[1:3] = [labels[1], _("Days of visible redness, in all"), labels[2], _("Days off, in all")]
    table: dict[str, list[str]] = {"": [*labels, _("Sources")]}  # the sources are always the last row
    for s in summaries:
        f = s.facts
        cells = [getattr(f, row).value for row in TABLE_ROWS]
        cells[1:3] = [
            cells[1],
            str(f.redness_days),
            cells[2],
            str(f.downtime_days) if f.downtime.known else f.downtime.value,
        ]
        keys = [k for row in TABLE_ROWS for k in getattr(f, row).sources]
        table[s.name] = [*cells, ", ".join(dict.fromkeys(keys))]
    return table


def totals_markdown(summaries: list[CourseSummary]) -> str:
    """The totals table as Markdown (a row per measure, a column per treatment), the sources linked."""
    table = build_totals_table(summaries)
    names = [n for n in table if n]
    # The first column's header names the row labels: an empty header cell is one a screen reader cannot name
    first = _("Each course")
    rows = [f"| {first} | {' | '.join(md(n) for n in names)} |", "|---|" + "---|" * len(names)]
    last = len(table[""]) - 1
    for i, label in enumerate(table[""]):
        if i == last:  # the sources
            cells = [source_links(table[n][i].split(", ")) for n in names]
        else:
            cells = [md(table[n][i]) for n in names]
        rows.append(f"| {md(label)} | {' | '.join(cells)} |")
    return "\n".join(rows)


def build_claim_check(dataset: Dataset, ids: list[str]) -> list[ClaimPoint]:
    """The clinic's one-session claim next to what the data's sources say, point by point."""
    points = [ClaimPoint("claim", _(CLAIM), ("clinic-page",)), ClaimPoint("gap", _(NO_HEAD_TO_HEAD))]
    fractional = [t for t in dataset.treatments.values() if t.kind == "fractional-ablative"]
    nonablative = [dataset.treatments[i] for i in ids if dataset.treatments[i].kind == "nonablative-fractional"]
    if not nonablative:
        nonablative = [t for t in dataset.treatments.values() if t.kind == "nonablative-fractional"][:1]
    for t in fractional[:1]:
        sessions = t.course.sessions
        if sessions.note:
            points.append(ClaimPoint("evidence", f"{t.short_name}: {sessions.note}", tuple(sessions.sources)))
        scale = t.collagen.scale
        if scale.note:
            points.append(ClaimPoint("evidence", f"{t.short_name}: {scale.note}", tuple(scale.sources)))
    for t in nonablative:
        c = t.course
        n = c.sessions.typical
        keys = [k for k in c.sessions.sources if k != "clinic-page"]
        if c.interval is not None:
            text = ngettext(
                "{name}: the sources describe a series of {n} session, {low} to {high} days apart.",
                "{name}: the sources describe a series of {n} sessions, {low} to {high} days apart.",
                n,
            ).format(name=t.short_name, n=n, low=c.interval.min_days, high=c.interval.max_days)
            keys += c.interval.sources
        else:
            text = ngettext(
                "{name}: the sources describe a series of {n} session.",
                "{name}: the sources describe a series of {n} sessions.",
                n,
            ).format(name=t.short_name, n=n)
        points.append(ClaimPoint("evidence", text, tuple(dict.fromkeys(keys))))
    if nonablative:
        most = max(t.course.sessions.max for t in nonablative)
        points.append(
            ClaimPoint(
                "gap",
                ngettext(
                    "“Four or more” is the clinic's number. No nonablative study we have used more than {n} session.",
                    "“Four or more” is the clinic's number. No nonablative study we have used more than {n} sessions.",
                    most,
                ).format(n=most),
                ("clinic-page",),
            )
        )
    for t in nonablative[:1]:
        scale = t.collagen.scale
        points.append(
            ClaimPoint(
                "gap",
                _(
                    "How much new collagen one nonablative session makes has not been measured. Our nonablative "
                    "collagen curves give each session about {share} of the response to one fully ablative "
                    "treatment. That size comes from the clinic's own claim, so the curves cannot test it."
                ).format(share=format_share(scale.per_session)),
                tuple(scale.sources),
            )
        )
    return points
