"""The day-by-day symptom chart: one small panel per symptom, a milestone strip on top, the chosen day marked.

Small multiples rather than eight overlapping lines: on a phone each symptom reads on its own, and colour is
never the only cue (each panel is titled, each line has its own dash).
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.palette import MARKERS, SYMPTOM_COLOURS, SYMPTOM_DASHES
from dashboard.dates import date_of, short_date
from dashboard.models import LEVEL_WORDS, Milestone, Symptom
from dashboard.recovery import Course, level_word, range_words, symptom_levels

DEFAULT_DAYS = 30
CHART_KINDS = ("makeup", "work", "exercise", "sun", "skincare", "results")
DAY_MARKER = "chosen-day"
PANEL_HEIGHT = 80
STRIP_HEIGHT = 34
TEXT_COLOUR = "#1b1f24"
GRID_COLOUR = "#d9e0e6"
# Plotly's config for every place this chart is drawn: nothing may capture the page's scrolling on a phone.
CHART_CONFIG = {"scrollZoom": False, "displayModeBar": False, "doubleClick": False, "showTips": False,
                "responsive": True}


def default_last_day(course: Course) -> int:
    """The last day drawn unless the person asks for all days: the first weeks, where symptoms change."""
    return min(course.treatment.horizon_days, DEFAULT_DAYS)


def _short_date(start: date, day: int) -> str:
    return short_date(date_of(start, day))


def _day_label(day: int, start: date | None) -> str:
    return f"Day {day}" if start is None else f"Day {day} ({_short_date(start, day)})"


def _when(day: int, start: date | None) -> str:
    return f"day {day}" if start is None else f"day {day} ({_short_date(start, day)})"


def hover_text(s: Symptom, day: int, start: date | None = None) -> str:
    """What one point says on hover, in words: 'Day 4 · Redness: mild (usually none to moderate)'."""
    typical, low, high = symptom_levels(s, day)
    return f"{_day_label(day, start)} · {s.name}: {level_word(typical)} (usually {range_words(low, high)})"


def charted_symptoms(course: Course, last_day: int) -> list[Symptom]:
    """The symptoms worth a panel: those the data expects at some level within the days drawn."""
    return [s for s in course.treatment.symptoms
            if s.peak_level > 0 and s.onset_day <= last_day]


def charted_milestones(course: Course, last_day: int) -> list[Milestone]:
    """Milestones of the charted kinds that the data gives a day for, within the days drawn."""
    return sorted((m for m in course.treatment.milestones
                   if m.kind in CHART_KINDS and m.day is not None and m.day <= last_day),
                  key=lambda m: (m.day, m.label))


def build_recovery_figure(course: Course, last_day: int | None = None, start: date | None = None) -> go.Figure:
    """The symptom chart for days 0..last_day, without the chosen-day marker (see mark_day)."""
    t = course.treatment
    last = default_last_day(course) if last_day is None else max(1, min(last_day, t.horizon_days))
    symptoms = charted_symptoms(course, last)
    milestones = charted_milestones(course, last)
    days = list(range(last + 1))
    strip = 1 if milestones else 0
    rows = strip + max(1, len(symptoms))
    strip_px = STRIP_HEIGHT * max(1, len(milestones)) + 20
    heights = ([strip_px] if strip else []) + [PANEL_HEIGHT] * max(1, len(symptoms))
    gap_px = 48
    plot_px = sum(heights) + gap_px * (rows - 1)
    fig = make_subplots(rows=rows, cols=1, shared_xaxes=True, vertical_spacing=gap_px / plot_px,
                        row_heights=heights,
                        subplot_titles=(["Milestones"] if strip else []) + [s.name for s in symptoms])

    if strip:
        for i, m in enumerate(milestones):
            right = m.day <= last * 0.6
            fig.add_trace(go.Scatter(
                x=[m.day], y=[i], mode="markers+text", name=m.label, showlegend=False,
                marker={"symbol": MARKERS[i % len(MARKERS)], "size": 11, "color": TEXT_COLOUR},
                text=[f"{m.label}: day {m.day}"], textposition="middle right" if right else "middle left",
                textfont={"size": 12, "color": TEXT_COLOUR}, cliponaxis=False,
                hovertext=[f"{_day_label(m.day, start)} · {m.label}"], hoverinfo="text",
                meta={"role": "milestone", "milestone": m.id, "kind": m.kind},
            ), row=1, col=1)
        fig.update_yaxes(row=1, col=1, visible=False, range=[len(milestones) - 0.3, -0.7], fixedrange=True)

    for i, s in enumerate(symptoms, start=strip + 1):
        levels = [symptom_levels(s, d) for d in days]
        colour = SYMPTOM_COLOURS.get(s.id, "#666666")
        fig.add_trace(go.Scatter(
            x=days + days[::-1], y=[h for _, _, h in levels] + [lo for _, lo, _ in levels][::-1],
            fill="toself", fillcolor=_tint(colour), line={"width": 0}, mode="lines", hoverinfo="skip",
            name=f"{s.name}: usual range", showlegend=False, legendgroup=s.id,
            meta={"role": "band", "symptom": s.id},
        ), row=i, col=1)
        fig.add_trace(go.Scatter(
            x=days, y=[round(typ, 3) for typ, _, _ in levels], mode="lines", name=f"{s.name}: typical",
            line={"color": colour, "dash": SYMPTOM_DASHES.get(s.id, "solid"), "width": 3}, showlegend=False,
            legendgroup=s.id, hovertext=[hover_text(s, d, start) for d in days], hoverinfo="text",
            meta={"role": "typical", "symptom": s.id},
        ), row=i, col=1)
        fig.update_yaxes(row=i, col=1, range=[-0.15, 3.3], tickvals=[0, 1, 2, 3], ticktext=list(LEVEL_WORDS),
                         fixedrange=True, gridcolor=GRID_COLOUR, zeroline=False, tickfont={"size": 11})

    fig.update_xaxes(range=[-0.5, last + 0.5], fixedrange=True, gridcolor=GRID_COLOUR, zeroline=False,
                     showticklabels=True, tickfont={"size": 11})
    fig.update_xaxes(row=rows, col=1, title_text="Days after treatment")
    fig.update_annotations(font={"size": 13, "color": TEXT_COLOUR}, xanchor="left", x=0)
    fig.update_layout(
        height=plot_px + 110, margin={"l": 70, "r": 12, "t": 60, "b": 50},
        dragmode=False, hovermode="closest", showlegend=False, plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff", font={"color": TEXT_COLOUR},
        meta={"last_day": last, "symptoms": [s.id for s in symptoms], "milestones": [m.id for m in milestones]},
    )
    return fig


def mark_day(base: go.Figure, day: int, start: date | None = None) -> go.Figure:
    """A copy of the chart with the chosen day marked by a labelled vertical line across every panel."""
    # The base was validated when built; copying it without re-validation keeps a day step to a few ms.
    fig = go.Figure(base.to_dict(), _validate=False)
    last = fig.layout.meta["last_day"] if fig.layout.meta else day
    if day > last:
        return fig
    fig.add_shape(type="line", xref="x", yref="paper", x0=day, x1=day, y0=0, y1=1, name=DAY_MARKER,
                  line={"color": TEXT_COLOUR, "width": 2, "dash": "solid"}, layer="above")
    fig.add_annotation(x=day, y=1, xref="x", yref="paper", yanchor="bottom", yshift=24, showarrow=False,
                       text=f"<b>{_day_label(day, start)}</b>", name=DAY_MARKER, bgcolor="#ffffff",
                       bordercolor=TEXT_COLOUR, borderwidth=1, font={"size": 13, "color": TEXT_COLOUR},
                       xanchor="left" if day <= last * 0.6 else "right")
    return fig


def _tint(hex_colour: str, alpha: float = 0.28) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def describe_symptoms(course: Course, start: date | None = None) -> list[str]:
    """The chart's text alternative: one sentence per symptom, from the same data the chart draws."""
    sentences = []
    for s in course.treatment.symptoms:
        if s.peak_level == 0:
            sentences.append(f"{s.name}: not expected after this treatment.")
            continue
        text = (f"{s.name}: starts on {_when(s.onset_day, start)}, is strongest ({LEVEL_WORDS[s.peak_level]}) on "
                f"{_when(s.peak_day, start)}, and is usually gone by {_when(s.typical_end_day, start)}")
        if s.range_end_day > s.typical_end_day:
            text += f"; for some people it lasts until {_when(s.range_end_day, start)}"
        if s.longest_reported_day is not None and s.longest_reported_day > s.range_end_day:
            text += f", and studies report it up to {_when(s.longest_reported_day, start)}"
        sentences.append(text + ".")
    return sentences


TableRow = TypedDict("TableRow", {"Day": int, "Symptom": str, "Typical": str, "Usual range": str})


def build_table(course: Course, last_day: int) -> list[TableRow]:
    """The chart as table rows: day, symptom, typical level and usual range in words."""
    rows: list[TableRow] = []
    for d in range(min(last_day, course.treatment.horizon_days) + 1):
        for s in course.treatment.symptoms:
            typical, low, high = symptom_levels(s, d)
            rows.append({"Day": d, "Symptom": s.name, "Typical": level_word(typical),
                         "Usual range": range_words(low, high)})
    return rows
