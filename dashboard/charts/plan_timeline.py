"""The consult's dated plan as a timeline for staff at a desk (Plotly): one row per session and per care period,
each session's milestones as markers on their dates, today and the treatment date marked, and a second course
beside the first on the same dates.

The rows come from the plan (dashboard/plan.py: sessions, dated milestones, results) and from the windows the
facts count (dashboard/course.py: downtime and redness), so the chart tells the dates the handout and the
calendar file tell. Built as a plain Plotly figure dict with its text version; it draws nothing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Any, Literal

from dashboard.course import default_plan, downtime_windows, redness_windows
from dashboard.dates import date_of, format_date
from dashboard.i18n import N_, _, calendar_names, current_language, format_full_date
from dashboard.markdown import md
from dashboard.plan import TreatmentPlan, add_months
from dashboard.recovery import Course

Figure = dict[str, Any]
Layer = Literal["session", "downtime", "redness", "sun", "makeup", "collagen", "milestone", "result"]
# Legend order; each layer is one trace, so a click on its legend entry hides or shows it for every course.
LAYERS: tuple[Layer, ...] = ("session", "downtime", "redness", "sun", "makeup", "collagen", "milestone", "result")
PERIODS: tuple[Layer, ...] = ("downtime", "redness", "sun", "makeup", "collagen")
LAYER_NAMES: dict[Layer, str] = {  # English msgids: shown with _()
    "session": N_("Sessions"),
    "downtime": N_("Downtime"),
    "redness": N_("Redness"),
    "sun": N_("Sun avoidance"),
    "makeup": N_("Makeup wait"),
    "collagen": N_("Collagen building"),
    "milestone": N_("Milestones"),
    "result": N_("Results"),
}
# What a period's bar is, in a sentence's words (the hover's title).
PERIOD_TITLES: dict[Layer, str] = {
    "downtime": N_("Time off work and social life"),
    "redness": N_("Visible redness"),
    "sun": N_("Strict sun avoidance"),
    "makeup": N_("No makeup yet"),
    "collagen": N_("Collagen building: results keep improving"),
}
# Okabe-Ito (dashboard/charts/palette.py); every row is labelled too, so colour is never the only signal.
LAYER_COLOURS: dict[Layer, str] = {
    "session": "#000000",
    "downtime": "#D55E00",
    "redness": "#CC79A7",
    "sun": "#E69F00",
    "makeup": "#56B4E9",
    "collagen": "#009E73",
    "milestone": "#000000",
    "result": "#0072B2",
}
MARKERS: dict[Layer, str] = {"milestone": "diamond", "result": "star"}
FIRST_VIEW_DAYS = 42  # the first view: the first six weeks
REACH_MONTHS = 12  # the range slider reaches the last session plus this many months
DAY_MS = 86_400_000
ROW_PX = 30
FONT = "sans-serif"
TEXT = "#0e1116"  # the theme's text colour (.streamlit/config.toml)
HOVER_WIDTH = 64  # characters per line of hover text (Plotly does not wrap it)
# What the consult page says around the chart (English msgids: shown with _()).
HEADING = N_("The plan on a timeline")
HOW_TO = N_(
    "The first six weeks first: drag the slider under the chart, or zoom, to see up to a year after the last "
    "session. Point at a bar or a marker for its dates, its day and its sources; click a layer in the legend "
    "to hide or show it."
)
ALT = N_(
    "The plan as a timeline: each session with its milestones, then downtime, redness, sun avoidance, the wait "
    "for makeup and collagen building after each session, today and the treatment date marked. The same rows "
    "follow as a table."
)
TABLE_LABEL = N_("The timeline as a table")
# The plotly.js interface strings staff meet on this chart (its toolbar and tips), in English as plotly.js has them.
PLOTLY_STRINGS = (
    N_("Download plot as a PNG"),
    N_("Zoom"),
    N_("Pan"),
    N_("Zoom in"),
    N_("Zoom out"),
    N_("Autoscale"),
    N_("Reset axes"),
    N_("Double-click to zoom back out"),
    N_("Double-click on legend to isolate one trace"),
)


@dataclass(frozen=True)
class TimelineItem:
    """One bar (a session or a care period) or one marker (a milestone or a result) of the timeline.

    `first`/`last` are the dates it covers (a marker: `first` only); `first_day`/`last_day` count from the start of
    session `session`. `key` is the calendar file's entry for the same thing (its key without the plan's id), or
    '' where the calendar has none (redness, a care period's span)."""

    treatment: str
    course: str
    row: str
    layer: Layer
    title: str
    first: date
    last: date
    session: int
    first_day: int
    last_day: int
    sources: tuple[str, ...]
    key: str = ""
    text: str = ""  # what the data says of it, in a sentence
    cut_by: int | None = None  # a later session that starts this period again, cutting it short

    @property
    def marker(self) -> bool:
        return self.layer in MARKERS


@dataclass(frozen=True)
class PlanTimeline:
    """The timeline of one or two courses on the same dates: its items, the figure and Plotly's config."""

    items: tuple[TimelineItem, ...]
    rows: tuple[str, ...]
    figure: Figure
    config: dict[str, Any]
    single: bool  # every course is one session: days count "after treatment"


def _cut(first: int, last: int, session: int, session_days: Sequence[int]) -> tuple[int, int | None]:
    """A period's last day, cut where the next session starts it again (as the plan's aftercare is)."""
    if session < len(session_days) and last >= session_days[session]:
        return session_days[session] - 1, session + 1
    return last, None


def _period_spans(
    plan: TreatmentPlan, course: Course
) -> tuple[dict[Layer, list[tuple[int, int, int]]], dict[Layer, tuple[str, ...]]]:
    """Each care period after each session as (session, first day, last day), counted from the first session, and
    the sources of each period."""
    cplan = default_plan(course, plan.request.sessions)
    t = course.treatment
    numbers = [s.number for s in plan.sessions]
    spans: dict[Layer, list[tuple[int, int, int]]] = {
        "downtime": [(n, *w) for n, w in zip(numbers, downtime_windows(course, cplan), strict=False)],
        "redness": [(n, *w) for n, w in zip(numbers, redness_windows(course, cplan), strict=False)],
    }
    work = t.milestone("work")
    sources: dict[Layer, tuple[str, ...]] = {
        "downtime": tuple(work.sources) if work else (),
        "redness": tuple(t.symptom("redness").sources),
    }
    waits: tuple[Layer, ...] = ("sun", "makeup")  # from the session until the milestone of that kind
    for layer in waits:
        spans[layer] = []
        for s in plan.sessions:
            ends = next((x for x in s.milestones if x.kind == layer and x.day is not None), None)
            if ends is not None and ends.day is not None and ends.day > s.day:
                spans[layer].append((s.number, s.day, ends.day - 1))
                sources[layer] = tuple(ends.sources)
    return spans, sources


def build_timeline_items(plan: TreatmentPlan, course: Course, named: bool = False) -> tuple[TimelineItem, ...]:
    """A plan's rows: each session with its milestones, then each care period after each session, then collagen
    building with the results. `named`: the rows carry the course's name (two courses side by side)."""
    start = plan.request.start
    session_days = tuple(s.day for s in plan.sessions)
    name = plan.short_name
    tid = plan.request.treatment
    total = len(plan.sessions)

    def row(label: str) -> str:
        return _("{treatment} · {row}").format(treatment=name, row=label) if named else label

    def item(
        layer: Layer,
        label: str,
        title: str,
        first: int,
        last: int,
        session: int,
        sources: Sequence[str],
        key: str = "",
        text: str = "",
        cut_by: int | None = None,
    ) -> TimelineItem:
        base = session_days[session - 1]
        return TimelineItem(
            tid,
            name,
            row(label),
            layer,
            title,
            date_of(start, first),
            date_of(start, last),
            session,
            first - base,
            last - base,
            tuple(sources),
            key,
            text,
            cut_by,
        )

    items: list[TimelineItem] = []
    for s in plan.sessions:
        label = _("Session {number}").format(number=s.number)
        title = (
            _("Session {number} of {total}").format(number=s.number, total=total)
            if total > 1
            else _("The treatment session")
        )
        items.append(item("session", label, title, s.day, s.day, 1, plan.session_sources, f"session-{s.number}"))
        for m in s.milestones:
            if m.day is None or m.superseded_by is not None:  # as the calendar file: a later session replaces it
                continue
            items.append(
                item("milestone", label, m.label, m.day, m.day, s.number, m.sources, f"{m.id}-{s.number}", m.plain)
            )

    spans, sources = _period_spans(plan, course)
    for layer in PERIODS:
        for number, first, last in spans.get(layer, []):
            end, cut_by = _cut(first, last, number, session_days)
            items.append(
                item(
                    layer,
                    _(LAYER_NAMES[layer]),
                    _(PERIOD_TITLES[layer]),
                    first,
                    end,
                    number,
                    sources[layer],
                    cut_by=cut_by,
                )
            )

    improving = next((r for r in plan.results if r.id == "improving"), None)
    label = _(LAYER_NAMES["collagen"])
    if improving is not None and improving.day > 0:
        items.append(item("collagen", label, _(PERIOD_TITLES["collagen"]), 0, improving.day - 1, 1, improving.sources))
    for r in plan.results:
        if r.event_title:  # as the calendar file: "results can last up to 12 months" is not something on a day
            items.append(item("result", label, r.label, r.day, r.day, 1, r.sources, r.id, r.text))
    return tuple(items)


def _days(i: TimelineItem, single: bool) -> str:
    if i.marker or i.first == i.last:
        return (_("Day {day} after treatment") if single else _("Day {day} after session {session}")).format(
            day=i.first_day, session=i.session
        )
    return (
        _("Days {first}–{last} after treatment") if single else _("Days {first}–{last} after session {session}")
    ).format(first=i.first_day, last=i.last_day, session=i.session)


def _wrapped(text: str) -> str:
    """Data text as hover text: HTML characters escaped (Plotly reads a few tags), long lines broken."""
    return "<br>".join(escape(line, quote=False) for line in textwrap.wrap(text, HOVER_WIDTH)) if text else ""


def hover_text(i: TimelineItem, single: bool) -> str:
    """What the hover box says of an item: what it is, its dates in words, its days, what the data says of it
    and its sources."""
    when = (
        format_full_date(i.first)
        if i.marker or i.first == i.last
        else _("From {first} to {last}").format(first=format_full_date(i.first), last=format_full_date(i.last))
    )
    lines = [f"<b>{_wrapped(i.title)}</b>", escape(when, quote=False), escape(_days(i, single), quote=False)]
    if i.text:
        lines.append(_wrapped(i.text))
    if i.cut_by is not None:
        lines.append(escape(_("Cut short: session {session} starts it again.").format(session=i.cut_by), quote=False))
    if i.sources:
        lines.append(escape(_("Sources: {sources}").format(sources=", ".join(i.sources)), quote=False))
    return "<br>".join(lines)


def _iso(d: date) -> str:
    return d.isoformat()


def _trace(layer: Layer, items: list[TimelineItem], single: bool) -> dict[str, Any]:
    common = {
        "name": _(LAYER_NAMES[layer]),
        "legendgroup": layer,
        "y": [i.row for i in items],
        "hovertext": [hover_text(i, single) for i in items],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }
    if layer in MARKERS:
        return {
            "type": "scatter",
            "mode": "markers",
            "x": [_iso(i.first) for i in items],
            **common,
            "marker": {
                "symbol": MARKERS[layer],
                "size": 13 if layer == "result" else 11,
                "color": LAYER_COLOURS[layer],
                "line": {"color": "#ffffff", "width": 1},
            },
        }
    # A bar covers its days whole: from the first day's start to the end of the last.
    return {
        "type": "bar",
        "orientation": "h",
        "base": [_iso(i.first) for i in items],
        "x": [((i.last - i.first).days + 1) * DAY_MS for i in items],
        **common,
        "marker": {"color": LAYER_COLOURS[layer], "line": {"color": "#ffffff", "width": 1}},
        "width": 0.9 if layer == "session" else 0.6,
    }


def _line(key: str, x: str, name: str, hover: str, dash: str, colour: str) -> dict[str, Any]:
    """A date marked from the top of the chart to its foot, with its own legend entry (it says what the line is, where
    a label on the chart would cover rows). Drawn on a second y axis from 0 to 1 over the rows."""
    return {
        "type": "scatter",
        "mode": "lines",
        "x": [x, x],
        "y": [0, 1],
        "yaxis": "y2",
        "name": escape(name, quote=False),
        "legendgroup": key,
        "line": {"color": colour, "width": 2, "dash": dash},
        "hovertext": [escape(hover, quote=False)] * 2,
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


def plotly_config(language: str) -> dict[str, Any]:
    """Plotly's options: its toolbar without the tools a timeline has no use for, its strings and date names in
    the language of the run (plotly.js ships English only), and a PNG for print from the camera button."""
    names = calendar_names()
    # Dates on the axis as the app writes them, the day first ('7 Dec', '7 Dec 2026', 'Dec 2026').
    formats = {
        **names,
        "dayMonth": "%-d %b",
        "dayMonthYear": "%-d %b %Y",
        "month": "%b %Y",
        "year": "%Y",
        "date": "%d/%m/%Y",
    }
    return {
        "displaylogo": False,
        "scrollZoom": False,
        "modeBarButtonsToRemove": [
            "select2d",
            "lasso2d",
            "toggleSpikelines",
            "hoverClosestCartesian",
            "hoverCompareCartesian",
        ],
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": _("plan-timeline")},
        "locale": language,
        "locales": {language: {"dictionary": {s: _(s) for s in PLOTLY_STRINGS}, "format": formats}},
    }


def build_plan_timeline(courses: Sequence[tuple[TreatmentPlan, Course]], today: date) -> PlanTimeline:
    """The timeline of one plan, or of two on the same dates (the second course's rows after the first's): the
    first view shows the first six weeks; the range slider reaches the last session plus 12 months."""
    named = len(courses) > 1
    items = [i for plan, course in courses for i in build_timeline_items(plan, course, named)]
    rows = tuple(dict.fromkeys(i.row for i in items))
    start = courses[0][0].request.start
    single = all(len(plan.sessions) == 1 for plan, _course in courses)
    data = [
        _trace(layer, [i for i in items if i.layer == layer], single)
        for layer in LAYERS
        if any(i.layer == layer for i in items)
    ]
    last_session = max(plan.sessions[-1].date for plan, _course in courses)
    reach = max(add_months(last_session, REACH_MONTHS), *(i.last + timedelta(days=1) for i in items))
    lo, hi = start - timedelta(days=7), reach + timedelta(days=7)
    first_view = [_iso(start - timedelta(days=2)), _iso(start + timedelta(days=FIRST_VIEW_DAYS))]
    on_start = _("Treatment date: {date}").format(date=format_full_date(start))
    on_today = _("Today: {date}, day {day} after the treatment date").format(
        date=format_full_date(today), day=(today - start).days
    )
    data += [
        _line("start", _iso(start), _("Treatment date"), on_start, "dash", "#0b5e7e"),
        # today's line runs through the middle of its day
        _line("today", f"{_iso(today)} 12:00", _("Today"), on_today, "dot", "#b3261e"),
    ]
    layout = {
        "barmode": "overlay",
        "height": 200 + ROW_PX * len(rows),
        "hovermode": "closest",
        "dragmode": "zoom",
        "margin": {"l": 8, "r": 16, "t": 36, "b": 8},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "font": {"family": FONT, "size": 13, "color": TEXT},
        "hoverlabel": {
            "align": "left",
            "bgcolor": "#ffffff",
            "bordercolor": "#5f6368",
            "font": {"family": FONT, "size": 13, "color": TEXT},
        },
        # The legend under the range slider, where Plotly's toolbar (top right) never covers an entry; the text above
        # the chart says that a click on an entry hides or shows its layer. On a phone, where the legend is as narrow
        # as the plot, it scrolls within two lines rather than take the rows' height.
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yanchor": "bottom",
            "yref": "container",
            "maxheight": 64,
            "itemclick": "toggle",
            "itemdoubleclick": "toggleothers",
        },
        "xaxis": {
            "type": "date",
            "range": first_view,
            "minallowed": _iso(lo),
            "maxallowed": _iso(hi),
            "showgrid": True,
            "gridcolor": "#dddddd",
            "linecolor": "#5f6368",
            "ticks": "outside",
            "rangeslider": {"visible": True, "range": [_iso(lo), _iso(hi)], "thickness": 0.12, "bgcolor": "#eef3f6"},
        },
        "yaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(rows),
            "autorange": "reversed",
            "fixedrange": True,
            "automargin": True,
            "showgrid": True,
            "gridcolor": "#eeeeee",
        },
        "yaxis2": {"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
    }
    return PlanTimeline(tuple(items), rows, {"data": data, "layout": layout}, plotly_config(current_language()), single)


def timeline_table(timeline: PlanTimeline) -> str:
    """The chart's text version: a Markdown table of its rows, each bar and marker with its dates and sources."""
    header = [_("Row"), _("What"), _("From"), _("To"), _("Days"), _("Sources")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in timeline.rows:
        for i in (x for x in timeline.items if x.row == row):
            until = "" if i.marker or i.first == i.last else format_date(i.last)
            cells = [
                md(i.row),
                md(i.title),
                format_date(i.first),
                until,
                md(_days(i, timeline.single)),
                md(", ".join(i.sources)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
