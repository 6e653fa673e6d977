"""Collagen page charts as finished Vega-Lite specs: phases as bands, modelled curves, cited anchors, results
milestones, and other courses' mature collagen as overlays.

Axes are fixed (no zoom, no pan), so the charts never trap scrolling on a phone. Measured anchors are filled
shapes, modelled ones open shapes; every curve has its own dash, so colour is never the only cue. The specs are
plain dicts with their data inline (no Arrow conversion, no validation on every run).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dashboard.charts.palette import treatment_colour
from dashboard.charts.recovery import DASH_ARRAYS, FONT, GRID_COLOUR, TEXT_COLOUR
from dashboard.collagen import (
    SCALED_MARKERS,
    WEEKS,
    CurveRow,
    build_anchors,
    build_collagen,
    marker_level,
    session_weeks,
)
from dashboard.facts import CourseFacts
from dashboard.markdown import md, source_links
from dashboard.models import Marker, Treatment
from dashboard.words import first_upper

Spec = dict[str, Any]
MARKER_STYLE = {  # colour, dash, shape: black for mature collagen keeps the treatment colours free for overlays
    "collagen-1": ("#000000", "solid", "circle"),
    "collagen-3": ("#CC79A7", "dash", "square"),
    "elastin": ("#0072B2", "dot", "diamond"),
    "hsp72": ("#D55E00", "solid", "triangle-up"),
    "hsp70": ("#D55E00", "solid", "triangle-up"),
    "hsp47": ("#8a6100", "dash", "diamond"),
}
SHORT_NAMES = {"collagen-1": "type I", "collagen-3": "type III", "elastin": "elastin"}
OVERLAY_DASHES = ("longdash", "dashdot", "longdashdot", "dash")
PHASE_FILLS = {"inflammation": "#d9d9d9", "proliferation": "#ececec", "remodelling": "#f7f7f7"}
# The legend names each curve by its colour (Okabe-Ito, colour-blind safe); each curve also has its own dash, and
# the chart in words below names every curve, so colour is never the only cue.
LEGEND = {"orient": "bottom", "direction": "vertical", "labelLimit": 320, "symbolType": "stroke",
          "symbolStrokeWidth": 4, "symbolSize": 400}
HEADROOM = 1.3  # the y scale runs 30% above the highest curve: room for the phase names
RESULT_SHORT = {"first-results": "First change", "strong-results": "Strong results", "improving": "Improving"}
MONTH_AXIS = {"values": [round(m * WEEKS / 12, 3) for m in range(13)], "labelExpr": "round(datum.value * 12 / 52)",
              "title": "Months after treatment", "grid": True, "gridColor": GRID_COLOUR}


@dataclass(frozen=True)
class Overlay:
    """Another course's mature-collagen curve drawn over the chosen treatment."""

    treatment: Treatment
    sessions: int
    interval_days: int

    @property
    def label(self) -> str:
        return f"{self.treatment.short_name}, {self.sessions} session{'s' if self.sessions > 1 else ''}"

    @property
    def spacing(self) -> str:
        return f", {self.interval_days} days apart" if self.sessions > 1 else ""


@dataclass(frozen=True)
class ResultsMark:
    week: float
    short: str
    text: str
    sources: tuple[str, ...]


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


def _weeks(fine_until: float = 0.0) -> list[float]:
    """Weeks to sample: every 0.05 up to `fine_until` (early signals peak within days), then every week (the
    curves are smooth cosine steps, drawn with monotone interpolation between the samples)."""
    fine = [round(i * 0.05, 2) for i in range(int(fine_until / 0.05))]
    return fine + [float(w) for w in range(int(fine_until), WEEKS + 1)]


def _course_response(t: Treatment, marker: Marker, sessions: int, interval_days: int, week: float) -> float:
    starts = session_weeks(sessions, interval_days)
    return sum(marker_level(marker, week - s) for s in starts if s <= week) * t.collagen.scale.per_session


def _curve_name(name: str, illustrative: bool) -> str:
    return f"{name} (illustrative)" if illustrative else name


def _phases(t: Treatment, top: float) -> list[Spec]:
    """The healing phases as shaded bands, named in the headroom above the highest tick (two rows, so the short
    early phases print neither over each other nor over the axis labels)."""
    phases = [{"a": p.start_week, "b": min(p.end_week, WEEKS), "name": p.name, "fill": PHASE_FILLS.get(p.id, "#eee"),
               "mid": (p.start_week + min(p.end_week, WEEKS)) / 2 if p.id == "remodelling" else p.start_week,
               "align": "center" if p.id == "remodelling" else "left",
               "y": top * (HEADROOM - 0.1 if p.id == "proliferation" else HEADROOM - 0.02)}
              for p in t.collagen.phases]
    x = {"field": "a", "type": "quantitative", "scale": {"domain": [0, WEEKS], "nice": False}, "axis": MONTH_AXIS}
    return [
        {"data": {"values": phases}, "mark": {"type": "rect", "opacity": 1},
         "encoding": {"x": x, "x2": {"field": "b"}, "color": {"field": "fill", "type": "nominal", "scale": None}}},
        {"data": {"values": phases}, "mark": {"type": "text", "fontWeight": "bold", "fontSize": 12, "dx": 3,
                                              "color": "#333333", "baseline": "top"},
         "encoding": {"x": {"field": "mid", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"},
                      "text": {"field": "name"}, "align": {"field": "align", "type": "nominal", "scale": None}}},
    ]


def _lines(rows: list[Spec], series: list[tuple[str, str, str]], value_title: str) -> Spec:
    """Curves as one layer: each series its own colour and dash, named in the legend. Rows carry a one-letter
    series code and the names are looked up in the chart, so a name is sent once, not once per point."""
    names = {chr(65 + i): name for i, (name, _, _) in enumerate(series)}
    return {
        "data": {"values": rows}, "mark": {"type": "line", "strokeWidth": 3, "interpolate": "monotone"},
        "transform": [{"calculate": f"{json.dumps(names)}[datum.s]", "as": "curve"}],
        "encoding": {
            "x": {"field": "w", "type": "quantitative"},
            "y": {"field": "v", "type": "quantitative", "title": value_title},
            "color": {"field": "curve", "type": "nominal", "title": None, "sort": [s for s, _, _ in series],
                      "scale": {"domain": [s for s, _, _ in series], "range": [c for _, c, _ in series]},
                      "legend": LEGEND},
            "strokeDash": {"field": "curve", "type": "nominal", "sort": [s for s, _, _ in series], "title": None,
                           "legend": None,
                           "scale": {"domain": [s for s, _, _ in series],
                                     "range": [DASH_ARRAYS[d] for _, _, d in series]}},
            "tooltip": [{"field": "curve", "title": "Curve"}, {"field": "w", "title": "Week", "format": ".1f"},
                        {"field": "v", "title": "Level (model)", "format": ".2f"}],
        },
    }


def _style(marker_id: str) -> tuple[str, str, str]:
    return MARKER_STYLE.get(marker_id, ("#000000", "solid", "circle"))


def _anchors(t: Treatment, marker_ids: set[str] | frozenset[str], titles: Mapping[str, str], value: str) -> Spec:
    rows = [{"w": a["week"], "v": a[value], "marker": a["marker"], "label": a["label"], "source": a["source"],
             "title": titles.get(a["source"], a["source"]),
             "kind": "cited time point" if a["measured"] else "modelled point",
             "shape": _style(a["marker_id"])[2], "colour": _style(a["marker_id"])[0],
             "fill": _style(a["marker_id"])[0] if a["measured"] else "#ffffff"}
            for a in build_anchors(t) if a["marker_id"] in marker_ids]
    return {
        "data": {"values": rows}, "mark": {"type": "point", "size": 110, "strokeWidth": 2, "opacity": 1},
        "encoding": {
            "x": {"field": "w", "type": "quantitative"}, "y": {"field": "v", "type": "quantitative"},
            "shape": {"field": "shape", "type": "nominal", "scale": None},
            "stroke": {"field": "colour", "type": "nominal", "scale": None},
            "fill": {"field": "fill", "type": "nominal", "scale": None},
            "tooltip": [{"field": "label", "title": "Point"}, {"field": "kind", "title": "Kind"},
                        {"field": "source", "title": "Source"}, {"field": "title", "title": "Title"}],
        },
    }


def _results(marks: list[ResultsMark]) -> list[Spec]:
    rows = [{"w": m.week, "short": m.short, "text": m.text, "sources": ", ".join(m.sources)} for m in marks]
    return [
        {"data": {"values": rows},
         "mark": {"type": "rule", "strokeDash": [2, 3], "color": "#444444", "strokeWidth": 1.5},
         "encoding": {"x": {"field": "w", "type": "quantitative"},
                      "tooltip": [{"field": "text", "title": "Results"}, {"field": "sources", "title": "Sources"}]}},
        {"data": {"values": rows}, "mark": {"type": "text", "angle": 270, "align": "left", "baseline": "bottom",
                                            "dx": 4, "dy": -3, "fontSize": 11, "color": "#333333"},
         "encoding": {"x": {"field": "w", "type": "quantitative"}, "y": {"datum": 0}, "text": {"field": "short"}}},
    ]


def _ticks(top: float) -> list[float]:
    step = 0.1 if top <= 0.6 else 0.2
    return [round(i * step, 1) for i in range(int(top / step + 1e-9) + 1)]


def _chart(description: str, layers: list[Spec], y_title: str, top: float, height: int) -> Spec:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json", "usermeta": {"description": description},
        "width": "container", "height": height, "layer": layers,
        "encoding": {"y": {"type": "quantitative", "scale": {"domain": [0, round(top * HEADROOM, 3)], "nice": False},
                           "axis": {"values": _ticks(top)}, "title": y_title}},
        "config": {"font": FONT, "view": {"stroke": None},
                   "axis": {"labelColor": TEXT_COLOUR, "titleColor": TEXT_COLOUR, "grid": True,
                            "gridColor": GRID_COLOUR, "labelFontSize": 12, "titleFontSize": 12},
                   "legend": {"labelColor": TEXT_COLOUR, "labelFontSize": 12}},
    }


def build_collagen_spec(t: Treatment, overlays: list[Overlay], titles: Mapping[str, str],
                        facts: CourseFacts) -> Spec:
    """Collagen and elastin after one session of `t`, other courses' mature collagen, anchors and results."""
    weeks = _weeks()
    series: list[tuple[str, str, str]] = []
    rows: list[Spec] = []
    for marker in t.collagen.markers:
        if marker.id not in SCALED_MARKERS:
            continue
        colour, dash, _ = _style(marker.id)
        name = _curve_name(f"{t.short_name}, 1 session: {SHORT_NAMES.get(marker.id, marker.name)}", marker.illustrative)
        series.append((name, colour, dash))
        code = chr(64 + len(series))
        rows += [{"w": w, "v": round(_course_response(t, marker, 1, 0, w), 3), "s": code} for w in weeks]
    for i, ov in enumerate(overlays):
        marker = next((m for m in ov.treatment.collagen.markers if m.id == "collagen-1"), None)
        if marker is None:
            continue
        name = _curve_name(f"{ov.label}{ov.spacing}: type I", marker.illustrative)
        series.append((name, treatment_colour(ov.treatment.id), OVERLAY_DASHES[i % len(OVERLAY_DASHES)]))
        code = chr(64 + len(series))
        rows += [{"w": w, "v": round(_course_response(ov.treatment, marker, ov.sessions, ov.interval_days, w), 3),
                  "s": code} for w in weeks]
    top = max([0.1, *(r["v"] for r in rows)])
    layers = [*_phases(t, top), _lines(rows, series, "Response (1 = one fully ablative CO2)"),
              _anchors(t, SCALED_MARKERS, titles, "response"), *_results(build_results_marks(facts))]
    return _chart(f"Modelled collagen response over 52 weeks after {t.name}.", layers,
                  "Response (1 = one fully ablative CO2)", top, 400)


def build_signals_spec(t: Treatment, titles: Mapping[str, str]) -> Spec | None:
    """Early signalling proteins (heat-shock proteins), each relative to its own peak; None if the data has none."""
    signals = [m for m in t.collagen.markers if m.id not in SCALED_MARKERS]
    if not signals:
        return None
    weeks = _weeks(fine_until=2.0)
    series = [(_curve_name(m.name, m.illustrative), *_style(m.id)[:2]) for m in signals]
    rows = [{"w": w, "v": round(marker_level(m, w), 3), "s": chr(65 + i)} for i, m in enumerate(signals)
            for w in weeks]
    layers = [*_phases(t, 1.0), _lines(rows, series, "Relative to its own peak"),
              _anchors(t, {m.id for m in signals}, titles, "level")]
    return _chart(f"Modelled heat-shock protein levels after {t.name}.", layers, "Relative to its own peak",
                  1.0, 300)


def fmt_week(week: float) -> str:
    """A week number as people read it; under one week with its day: '0.3 (day 2)'."""
    return f"{week:g} (day {round(week * 7)})" if 0 < week < 1 else f"{week:g}"


def _peak_sentence(label: str, rows: list[CurveRow]) -> str:
    peak = max(rows, key=lambda r: float(r["response"]))
    end = rows[-1]
    return (f"{label}: highest at about week {round(float(peak['week']))} ({float(peak['response']):.2f}), "
            f"{float(end['response']):.2f} at week {float(end['week']):g}.")


def describe_collagen(t: Treatment, overlays: list[Overlay]) -> list[str]:
    """Sentences that say what the collagen chart shows (its text alternative, in Markdown)."""
    rows = build_collagen(t, step=0.25)
    lines = [f"The scale: 1 is the response to one fully ablative CO2 treatment. One {t.short_name} session is "
             f"modelled at {t.collagen.scale.per_session:g} of that ({source_links(t.collagen.scale.sources)})."]
    for marker in t.collagen.markers:
        if marker.id in SCALED_MARKERS:
            pts = [r for r in rows if r["marker_id"] == marker.id]
            flag = " (illustrative)" if marker.illustrative else ""
            lines.append(md(_peak_sentence(f"{marker.name}{flag}, one {t.short_name} session", pts)))
    for ov in overlays:
        pts = [r for r in build_collagen(ov.treatment, ov.sessions, ov.interval_days, step=0.25)
               if r["marker_id"] == "collagen-1"]
        if pts:
            lines.append(md(_peak_sentence(f"Type I collagen, {ov.label}{ov.spacing}", pts)))
    return lines


def anchor_table_markdown(t: Treatment, marker_ids: set[str] | frozenset[str]) -> str:
    """Every anchor of the chosen markers as a Markdown table: week, what the source says, the kind, the source."""
    rows = ["| Marker | Week | Level (model) | What the source says | Kind | Source |", "|---|---|---|---|---|---|"]
    for a in build_anchors(t):
        if a["marker_id"] in marker_ids:
            level = a["response"] if a["marker_id"] in SCALED_MARKERS else a["level"]
            kind = "Reported in a study" if a["measured"] else "Modelled"
            rows.append(f"| {md(a['marker'])} | {a['week']:g} | {level:g} | {md(a['label'])} | {kind} | "
                        f"{source_links([a['source']])} |")
    return "\n".join(rows)
