"""The recovery chart of the printed handout: a black-and-white timeline of the first weeks after one session.

Each symptom is a bar: solid black while it usually lasts, light grey (with a lighter fill) for as long as it can
last. Milestones are diamonds with their date written next to them. Nothing depends on colour, so it prints well
on a black-and-white printer, and every label carries its own date.
"""

from __future__ import annotations

import textwrap
from datetime import date
from typing import TypedDict

import altair as alt
import pandas as pd

from dashboard.dates import date_of, format_date, short_date
from dashboard.i18n import _
from dashboard.recovery import Course

MIN_DAYS = 21
MAX_DAYS = 42
FONT = "DejaVu Sans"
LABEL_CHARS = 36  # a row's label wraps onto lines of about this many characters: Vega would cut a longer one
ROW_PX = 22
LINE_PX = 12  # a label's line height: two lines fill about a row


def chart_days(course: Course) -> int:
    """How many days the chart spans: long enough for the usual course of every symptom, at most six weeks."""
    t = course.treatment
    longest = max((s.typical_end_day for s in t.symptoms if s.peak_level > 0), default=MIN_DAYS)
    return max(MIN_DAYS, min(MAX_DAYS, t.horizon_days, longest + 7))


# A symptom's bar: 'usually' (solid) or 'can last' (grey) from day `from` to `to`, clipped to the chart, with a label
# where it was clipped. (Functional form: `from` is a Python keyword.)
HandoutBar = TypedDict("HandoutBar", {"row": str, "order": int, "part": str, "from": int, "to": int, "label": str})


class HandoutPoint(TypedDict):
    """A milestone's diamond, with its day and date as its label."""

    row: str
    order: int
    day: int
    label: str


def row_label(text: str) -> str:
    """A row's label as the chart writes it: on lines of at most LABEL_CHARS characters, joined by newlines."""
    return "\n".join(textwrap.wrap(text, LABEL_CHARS)) or text


def build_handout_rows(course: Course, start: date) -> tuple[list[HandoutBar], list[HandoutPoint]]:
    """(symptom bars, milestone points) for the first session, with days clipped to the chart and dates kept."""
    t = course.treatment
    days = chart_days(course)
    bars: list[HandoutBar] = []
    for order, s in enumerate(x for x in t.symptoms if x.peak_level > 0):
        longest = s.latest_day
        clipped = (
            _("usually to day {end}, milder to day {longest}").format(end=s.typical_end_day, longest=longest)
            if s.typical_end_day > days
            else ""
        )
        bars.append(
            {
                "row": row_label(s.name),
                "order": order,
                "part": "usually",
                "from": s.onset_day,
                "to": min(max(s.typical_end_day, s.onset_day + 1), days),
                "label": clipped,
            }
        )
        if longest > s.typical_end_day and not clipped:
            label = _("milder, can last to day {day}").format(day=longest) if longest > days else ""
            bars.append(
                {
                    "row": row_label(s.name),
                    "order": order,
                    "part": "can last",
                    "from": min(s.typical_end_day, days),
                    "to": min(longest, days),
                    "label": label,
                }
            )
    points: list[HandoutPoint] = []
    base = len(bars)
    # results are dated from the last session in the plan, so a one-session chart leaves them out
    recovery = sorted((m.day, m.label) for m in t.milestones if m.day is not None and m.kind != "results")
    for on, label in recovery:
        arrow = "→ " if on > days else ""
        points.append(
            {
                "row": row_label(label),
                "order": base + len(points),
                "day": min(on, days),
                "label": arrow + _("day {day}, {date}").format(day=on, date=short_date(date_of(start, on))),
            }
        )
    return bars, points


def build_handout_chart(course: Course, start: date, width: int = 640) -> alt.LayerChart:
    """The timeline chart for the handout (and its on-screen preview)."""
    days = chart_days(course)
    bars, points = build_handout_rows(course, start)
    rows = [b["row"] for b in sorted(bars, key=lambda b: b["order"])] + [p["row"] for p in points]
    order = list(dict.fromkeys(rows))
    x = alt.X(
        "from:Q",
        scale=alt.Scale(domain=[0, days], nice=False),
        axis=alt.Axis(
            title=_("Days after the treatment (day 0 = {date})").format(date=format_date(start)),
            tickMinStep=1,
            values=list(range(0, days + 1, 7 if days > 21 else 2)),
        ),
    )
    # each line of a wrapped label on a line of its own, none cut (LABEL_CHARS characters fit in the limit), the lines
    # centred on their row: Vega writes the first line there and the others below it
    lines = max(row.count("\n") + 1 for row in order)
    centred = [
        {"test": f"length(split(datum.value, '\\n')) == {n}", "value": -LINE_PX * (n - 1) / 2}
        for n in range(2, lines + 1)
    ]
    y = alt.Y(
        "row:N",
        sort=order,
        title=None,
        axis=alt.Axis(
            labelLimit=300,
            labelFontSize=12,
            labelLineHeight=LINE_PX,
            labelExpr="split(datum.label, '\\n')",
            labelOffset=alt.ConditionalAxisNumber(condition=centred, value=0) if centred else 0,
        ),
    )
    bar_df = pd.DataFrame(bars)
    usual = (
        alt.Chart(bar_df)
        .transform_filter(alt.datum.part == "usually")
        .mark_bar(color="#000000", height=12)
        .encode(x=x, x2="to:Q", y=y)
    )
    extra = (
        alt.Chart(bar_df)
        .transform_filter(alt.datum.part == "can last")
        .mark_bar(color="#bdbdbd", stroke="#000000", strokeWidth=0.8, strokeDash=[3, 2], height=12)
        .encode(x=x, x2="to:Q", y=y)
    )
    extra_label = (
        alt.Chart(bar_df)
        .transform_filter(alt.datum.label != "")
        .mark_text(align="right", dx=-4, dy=-11, fontSize=10, color="#000000")
        .encode(x="to:Q", y=y, text="label:N")
    )
    layers: list[alt.Chart] = [usual, extra, extra_label]
    if points:
        pt_df = pd.DataFrame(points)
        layers.append(
            alt.Chart(pt_df)
            .mark_point(shape="diamond", size=110, filled=True, opacity=1, color="#000000")
            .encode(x=alt.X("day:Q"), y=alt.Y("row:N", sort=order))
        )
        layers.append(
            alt.Chart(pt_df)
            .mark_text(align="left", dx=9, fontSize=11, color="#000000")
            .encode(x="day:Q", y=alt.Y("row:N", sort=order), text="label:N")
        )
    chart = alt.layer(*layers).properties(
        width=width,
        height=max(ROW_PX, LINE_PX * lines) * len(order),
        title=alt.TitleParams(
            _("After one session: black = usually, grey = can last longer, milder; ◆ = usually from this day"),
            anchor="start",
            fontSize=13,
            fontWeight="normal",
        ),
    )
    # Paper: the on-screen preview stays as light as the printed handout, on a dark page too.
    chart = chart.configure(font=FONT, background="#ffffff").configure_title(color="#000000")
    return chart.configure_axis(
        labelFont=FONT,
        titleFont=FONT,
        labelColor="#000000",
        titleColor="#000000",
        gridColor="#dddddd",
        domainColor="#000000",
        tickColor="#000000",
        titleFontSize=12,
    ).configure_view(stroke=None)


def handout_chart_text(course: Course, start: date) -> str:
    """The chart in words: its text alternative."""
    t = course.treatment
    parts = [
        _("{symptom}: usually from day {onset} to day {end}, milder to day {latest}").format(
            symptom=s.name, onset=s.onset_day, end=s.typical_end_day, latest=s.latest_day
        )
        for s in t.symptoms
        if s.peak_level > 0
    ]
    parts += [
        _("{milestone}: usually from day {day} ({date})").format(
            milestone=m.label, day=m.day, date=short_date(date_of(start, m.day))
        )
        for m in t.milestones
        if m.day is not None and m.kind != "results"
    ]
    return ". ".join(parts) + "."
