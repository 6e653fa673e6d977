"""Collagen page charts (Plotly): phases as bands, modelled curves, cited anchors, results milestones, overlays.

Axes are fixed (no zoom, no pan) and the mode bar is off, so the charts never trap scrolling on a phone.
Measured anchors are filled shapes, modelled ones open shapes; every curve has its own dash.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboard.charts.palette import treatment_colour
from dashboard.collagen import SCALED_MARKERS, build_anchors, build_collagen
from dashboard.facts import CourseFacts, build_facts
from dashboard.models import Treatment
from dashboard.recovery import Personal, apply_modifiers
from dashboard.words import first_upper

PLOTLY_CONFIG = {"displayModeBar": False, "scrollZoom": False, "doubleClick": False, "responsive": True}
MARKER_STYLE = {  # colour, dash, symbol: black for mature collagen keeps the treatment colours free for overlays
    "collagen-1": ("#000000", "solid", "circle"),
    "collagen-3": ("#CC79A7", "dash", "square"),
    "elastin": ("#56B4E9", "dot", "diamond"),
    "hsp72": ("#D55E00", "solid", "triangle-up"),
    "hsp70": ("#D55E00", "solid", "triangle-up"),
    "hsp47": ("#E69F00", "dash", "diamond"),
}
SHORT_NAMES = {"collagen-1": "type I", "collagen-3": "type III", "elastin": "elastin"}
OVERLAY_DASHES = ("longdash", "dashdot", "longdashdot", "dash")
CURVE_STEP = 0.25
SIGNAL_STEP = 0.05  # heat-shock proteins peak within days: a coarse step would cut their peaks off
PHASE_FILLS = {"inflammation": "#d9d9d9", "proliferation": "#ececec", "remodelling": "#f7f7f7"}


@dataclass(frozen=True)
class Overlay:
    """Another course's mature-collagen curve drawn over the chosen treatment."""

    treatment: Treatment
    sessions: int
    interval_days: int

    @property
    def label(self) -> str:
        if self.sessions == 1:
            return f"{self.treatment.short_name}, 1 session"
        return f"{self.treatment.short_name}, {self.sessions} sessions"


    @property
    def spacing(self) -> str:
        return f", {self.interval_days} days apart" if self.sessions > 1 else ""


@dataclass(frozen=True)
class ResultsMark:
    week: float
    short: str
    text: str
    sources: tuple[str, ...]


RESULT_SHORT = {"first-results": "First change", "strong-results": "Strong results", "improving": "Improving"}


def build_results_marks(facts: CourseFacts) -> list[ResultsMark]:
    """The course's results facts as marks on the 52-week axis (a later one sits at the end and says so)."""
    marks = []
    for f in (facts.first_results, facts.strong_results, facts.improving):
        if f.day is None:
            continue
        beyond = f.day > 366  # a year of days is week 52 on this axis
        text = f"{f.text} (beyond the end of this chart)" if beyond else f.text
        marks.append(ResultsMark(min(52.0, f.day / 7), RESULT_SHORT[f.id], text, f.sources))
    if facts.lasting is not None:
        marks.append(ResultsMark(52.0, first_upper(facts.lasting.value), facts.lasting.text, facts.lasting.sources))
    return marks


def _base_layout(fig: go.Figure, t: Treatment, y_title: str, height: int) -> None:
    rows = {"inflammation": 1.0, "proliferation": 0.9, "remodelling": 1.0}
    for p in t.collagen.phases:
        end = min(p.end_week, 52)
        fig.add_vrect(x0=p.start_week, x1=end, fillcolor=PHASE_FILLS.get(p.id, "#eeeeee"), opacity=1, layer="below",
                      line_width=0)
        centred = p.id == "remodelling"
        fig.add_annotation(x=(p.start_week + end) / 2 if centred else p.start_week, y=rows.get(p.id, 1.0),
                           xref="x", yref="paper", yanchor="top", xanchor="center" if centred else "left",
                           text=f"<b>{p.name}</b>", showarrow=False, font={"size": 12, "color": "#333333"})
    fig.update_layout(
        height=height, margin={"l": 8, "r": 8, "t": 36, "b": 8}, dragmode=False, hovermode="closest",
        plot_bgcolor="#ffffff", paper_bgcolor="#ffffff", font={"size": 13, "color": "#1a1a1a"},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0, "font": {"size": 12}},
    )
    fig.update_xaxes(range=[0, 52.5], fixedrange=True, title_text="Months after treatment",
                     tickvals=[m * 52 / 12 for m in range(13)], ticktext=[str(m) for m in range(13)],
                     showgrid=True, gridcolor="#dddddd", zeroline=False, linecolor="#555555")
    fig.update_yaxes(fixedrange=True, title_text=y_title, rangemode="tozero", showgrid=True, gridcolor="#dddddd",
                     zeroline=True, zerolinecolor="#888888")


def _curve_name(name: str, illustrative: bool) -> str:
    return f"{name} (illustrative)" if illustrative else name


def _add_anchors(fig: go.Figure, t: Treatment, marker_ids: set[str], titles: Mapping[str, str],
                 value: str) -> None:
    anchors = [a for a in build_anchors(t) if a["marker_id"] in marker_ids]
    for measured in (True, False):
        for marker_id in sorted({str(a["marker_id"]) for a in anchors}):
            group = [a for a in anchors if a["marker_id"] == marker_id and a["measured"] is measured]
            if not group:
                continue
            colour, _, symbol = MARKER_STYLE.get(marker_id, ("#000000", "solid", "circle"))
            kind = "cited time point" if measured else "modelled point"
            fig.add_trace(go.Scatter(
                x=[a["week"] for a in group], y=[a[value] for a in group], mode="markers",
                name=f"{group[0]['marker']}: {kind}s", legendgroup=marker_id, showlegend=False,
                marker={"symbol": symbol if measured else f"{symbol}-open", "size": 11 if measured else 10,
                        "color": colour, "line": {"width": 2, "color": colour if not measured else "#ffffff"}},
                customdata=[[a["label"], a["source"], titles.get(str(a["source"]), str(a["source"])), kind]
                            for a in group],
                hovertemplate=("<b>%{customdata[0]}</b><br>Week %{x:g} · %{customdata[3]}<br>"
                               "Source %{customdata[1]}: %{customdata[2]}<extra></extra>"),
            ))


def build_collagen_figure(t: Treatment, overlays: list[Overlay], titles: Mapping[str, str],
                          facts: CourseFacts | None = None) -> go.Figure:
    """Collagen and elastin after one session of `t`, other courses' mature collagen, anchors and results."""
    fig = go.Figure()
    _base_layout(fig, t, "Response (1 = one fully ablative CO2)", 440)
    rows = build_collagen(t, step=CURVE_STEP)
    for marker in t.collagen.markers:
        if marker.id not in SCALED_MARKERS:
            continue
        colour, dash, _ = MARKER_STYLE.get(marker.id, ("#000000", "solid", "circle"))
        pts = [r for r in rows if r["marker_id"] == marker.id]
        fig.add_trace(go.Scatter(
            x=[r["week"] for r in pts], y=[r["response"] for r in pts], mode="lines",
            name=_curve_name(f"{t.short_name}, 1 session: {SHORT_NAMES.get(marker.id, marker.name)}",
                             marker.illustrative),
            legendgroup=marker.id, line={"color": colour, "dash": dash, "width": 3},
            hovertemplate=f"{marker.name}<br>Week %{{x:.1f}}: %{{y:.2f}} (model)<extra></extra>",
        ))
    for i, ov in enumerate(overlays):
        curve = build_collagen(ov.treatment, ov.sessions, ov.interval_days, step=CURVE_STEP)
        pts = [r for r in curve if r["marker_id"] == "collagen-1"]
        if not pts:
            continue
        illustrative = any(m.illustrative for m in ov.treatment.collagen.markers if m.id == "collagen-1")
        fig.add_trace(go.Scatter(
            x=[r["week"] for r in pts], y=[r["response"] for r in pts], mode="lines",
            name=_curve_name(f"{ov.label}: type I", illustrative),
            line={"color": treatment_colour(ov.treatment.id), "dash": OVERLAY_DASHES[i % len(OVERLAY_DASHES)],
                  "width": 2.5},
            hovertemplate=(f"{ov.label}{ov.spacing}: type I collagen<br>"
                           "Week %{x:.1f}: %{y:.2f} (model)<extra></extra>"),
        ))
    _add_anchors(fig, t, set(SCALED_MARKERS), titles, "response")
    for mark in build_results_marks(facts or build_facts(apply_modifiers(t, Personal()))):
        fig.add_vline(x=mark.week, line={"color": "#444444", "dash": "dot", "width": 1.5})
        fig.add_annotation(x=mark.week, y=0, yref="paper", yanchor="bottom", xanchor="right", textangle=-90,
                           text=mark.short, showarrow=False, font={"size": 11, "color": "#333333"},
                           bgcolor="rgba(255,255,255,0.8)")
    return fig


def build_signals_figure(t: Treatment, titles: Mapping[str, str]) -> go.Figure | None:
    """Early signalling proteins (heat-shock proteins), each relative to its own peak; None if the data has none."""
    signals = [m for m in t.collagen.markers if m.id not in SCALED_MARKERS]
    if not signals:
        return None
    fig = go.Figure()
    _base_layout(fig, t, "Relative to its own peak", 320)
    rows = build_collagen(t, step=SIGNAL_STEP)
    for marker in signals:
        colour, dash, _ = MARKER_STYLE.get(marker.id, ("#000000", "solid", "circle"))
        pts = [r for r in rows if r["marker_id"] == marker.id]
        fig.add_trace(go.Scatter(
            x=[r["week"] for r in pts], y=[r["level"] for r in pts], mode="lines",
            name=_curve_name(marker.name, marker.illustrative), legendgroup=marker.id,
            line={"color": colour, "dash": dash, "width": 3},
            hovertemplate=f"{marker.name}<br>Week %{{x:g}}: %{{y:.2f}} of its peak (model)<extra></extra>",
        ))
    _add_anchors(fig, t, {m.id for m in signals}, titles, "level")
    fig.update_yaxes(range=[0, 1.15])
    return fig
