"""Collagen page charts as finished Vega-Lite specs: phases as bands, modelled curves, cited anchors, results
milestones, and other courses' mature collagen as overlays.

Axes are fixed (no zoom, no pan), so the charts never trap scrolling on a phone. Measured anchors are filled
shapes, modelled ones open shapes; every curve has its own dash, so colour is never the only cue. The specs are
plain dicts with their data inline (no Arrow conversion, no validation on every run).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any, Literal

from dashboard.charts.palette import LIGHT, Palette, treatment_colour
from dashboard.charts.recovery import DASH_ARRAYS, FONT
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
from dashboard.i18n import N_, _, format_number, ngettext
from dashboard.markdown import md, source_links
from dashboard.models import Marker, Treatment
from dashboard.words import first_upper

Spec = dict[str, Any]
MARKER_STYLE = {  # colour, dash, shape: black (the theme's text colour) for mature collagen keeps the treatment
    # colours free for overlays
    "collagen-1": ("#000000", "solid", "circle"),
    "collagen-3": ("#CC79A7", "dash", "square"),
    "elastin": ("#0072B2", "dot", "diamond"),
    "hsp72": ("#D55E00", "solid", "triangle-up"),
    "hsp70": ("#D55E00", "solid", "triangle-up"),
    "hsp47": ("#8a6100", "dash", "diamond"),
}
SHORT_NAMES = {"collagen-1": N_("type I"), "collagen-3": N_("type III"), "elastin": N_("elastin")}
OVERLAY_DASHES = ("longdash", "dashdot", "longdashdot", "dash")
PHASE_ORDER = ("inflammation", "proliferation", "remodelling")  # the palette's phase_fills, in this order
# The legend names each curve by its colour (Okabe-Ito, colour-blind safe); each curve also has its own dash, and
# the chart in words below names every curve, so colour is never the only cue.
LEGEND = {
    "orient": "bottom",
    "direction": "vertical",
    "labelLimit": 320,
    "symbolType": "stroke",
    "symbolStrokeWidth": 4,
    "symbolSize": 400,
}
HEADROOM = 1.3  # the y scale runs 30% above the highest curve: room for the phase names
RESULT_SHORT = {
    "first-results": N_("First change"),
    "strong-results": N_("Strong results"),
    "improving": N_("Improving"),
}
MONTH_TITLE = N_("Months after treatment")
MONTH_AXIS = {
    "values": [round(m * WEEKS / 12, 3) for m in range(13)],
    "labelExpr": "round(datum.value * 12 / 52)",
    "title": MONTH_TITLE,
    "grid": True,
}  # title: an msgid
RESPONSE_TITLE = N_("Response (1 = one fully ablative CO2)")
SIGNALS_TITLE = N_("Relative to its own peak")


@dataclass(frozen=True)
class Overlay:
    """Another course's mature-collagen curve drawn over the chosen treatment."""

    treatment: Treatment
    sessions: int
    interval_days: int

    @property
    def label(self) -> str:
        """The course in words: 'NAFL 1,550, 3 sessions, 21 days apart', 'Full CO2, 1 session'."""
        if self.sessions == 1:
            return _course_label(self.treatment.short_name, 1)
        return ngettext(
            "{name}, {n} session, {gap} days apart", "{name}, {n} sessions, {gap} days apart", self.sessions
        ).format(name=self.treatment.short_name, n=self.sessions, gap=self.interval_days)


def _course_label(name: str, sessions: int) -> str:
    """'eCO2, 1 session', 'NAFL 1,550, 3 sessions'."""
    return ngettext("{name}, {n} session", "{name}, {n} sessions", sessions).format(name=name, n=sessions)


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
        text = _("{text} (beyond the end of this chart)").format(text=f.text) if beyond else f.text
        marks.append(ResultsMark(min(52.0, f.day / 7), _(RESULT_SHORT[f.id]), text, f.sources))
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
    return _("{name} (illustrative)").format(name=name) if illustrative else name


def _phase_fill(phase_id: str, p: Palette) -> str:
    return p.phase_fills[PHASE_ORDER.index(phase_id)] if phase_id in PHASE_ORDER else p.phase_fills[-1]


def _phases(t: Treatment, top: float, p: Palette) -> list[Spec]:
    """The healing phases as shaded bands, named in the headroom above the highest tick (two rows, so the short
    early phases print neither over each other nor over the axis labels)."""
    phases = [
        {
            "a": ph.start_week,
            "b": min(ph.end_week, WEEKS),
            "name": ph.name,
            "fill": _phase_fill(ph.id, p),
            "mid": (ph.start_week + min(ph.end_week, WEEKS)) / 2 if ph.id == "remodelling" else ph.start_week,
            "align": "center" if ph.id == "remodelling" else "left",
            "y": top * (HEADROOM - 0.1 if ph.id == "proliferation" else HEADROOM - 0.02),
        }
        for ph in t.collagen.phases
    ]
    axis = {**MONTH_AXIS, "title": _(MONTH_TITLE)}
    x = {"field": "a", "type": "quantitative", "scale": {"domain": [0, WEEKS], "nice": False}, "axis": axis}
    return [
        {
            "data": {"values": phases},
            "mark": {"type": "rect", "opacity": 1},
            "encoding": {"x": x, "x2": {"field": "b"}, "color": {"field": "fill", "type": "nominal", "scale": None}},
        },
        {
            "data": {"values": phases},
            "mark": {
                "type": "text",
                "fontWeight": "bold",
                "fontSize": 12,
                "dx": 3,
                "color": p.soft_text,
                "baseline": "top",
            },
            "encoding": {
                "x": {"field": "mid", "type": "quantitative"},
                "y": {"field": "y", "type": "quantitative"},
                "text": {"field": "name"},
                "align": {"field": "align", "type": "nominal", "scale": None},
            },
        },
    ]


def _lines(rows: list[Spec], series: list[tuple[str, str, str]], value_title: str) -> Spec:
    """Curves as one layer: each series its own colour and dash, named in the legend. Rows carry a one-letter
    series code and the names are looked up in the chart, so a name is sent once, not once per point."""
    curves = [name for name, _colour, _dash in series]
    names = {chr(65 + i): name for i, (name, _colour, _dash) in enumerate(series)}
    return {
        "data": {"values": rows},
        "mark": {"type": "line", "strokeWidth": 3, "interpolate": "monotone"},
        "transform": [{"calculate": f"{json.dumps(names)}[datum.s]", "as": "curve"}],
        "encoding": {
            "x": {"field": "w", "type": "quantitative"},
            "y": {"field": "v", "type": "quantitative", "title": value_title},
            "color": {
                "field": "curve",
                "type": "nominal",
                "title": None,
                "sort": curves,
                "scale": {"domain": curves, "range": [c for _name, c, _dash in series]},
                "legend": LEGEND,
            },
            "strokeDash": {
                "field": "curve",
                "type": "nominal",
                "sort": curves,
                "title": None,
                "legend": None,
                "scale": {"domain": curves, "range": [DASH_ARRAYS[d] for _name, _colour, d in series]},
            },
            "tooltip": [
                {"field": "curve", "title": _("Curve")},
                {"field": "w", "title": _("Week"), "format": ".1f"},
                {"field": "v", "title": _("Level (model)"), "format": ".2f"},
            ],
        },
    }


def _style(marker_id: str, p: Palette) -> tuple[str, str, str]:
    colour, dash, shape = MARKER_STYLE.get(marker_id, ("#000000", "solid", "circle"))
    return p.ink(colour), dash, shape


def _anchors(
    t: Treatment,
    marker_ids: AbstractSet[str],
    titles: Mapping[str, str],
    value: Literal["response", "level"],
    p: Palette,
) -> Spec:
    cited, modelled = _("cited time point"), _("modelled point")
    rows = [
        {
            "w": a["week"],
            "v": a["response"] if value == "response" else a["level"],
            "marker": a["marker"],
            "label": a["label"],
            "source": a["source"],
            "title": titles.get(a["source"], a["source"]),
            "kind": cited if a["measured"] else modelled,
            "shape": _style(a["marker_id"], p)[2],
            "colour": _style(a["marker_id"], p)[0],
            "fill": _style(a["marker_id"], p)[0] if a["measured"] else p.background,
        }
        for a in build_anchors(t)
        if a["marker_id"] in marker_ids
    ]
    return {
        "data": {"values": rows},
        "mark": {"type": "point", "size": 110, "strokeWidth": 2, "opacity": 1},
        "encoding": {
            "x": {"field": "w", "type": "quantitative"},
            "y": {"field": "v", "type": "quantitative"},
            "shape": {"field": "shape", "type": "nominal", "scale": None},
            "stroke": {"field": "colour", "type": "nominal", "scale": None},
            "fill": {"field": "fill", "type": "nominal", "scale": None},
            "tooltip": [
                {"field": "label", "title": _("Point")},
                {"field": "kind", "title": _("Kind")},
                {"field": "source", "title": _("Source")},
                {"field": "title", "title": _("Title")},
            ],
        },
    }


def _results(marks: list[ResultsMark], p: Palette) -> list[Spec]:
    rows = [{"w": m.week, "short": m.short, "text": m.text, "sources": ", ".join(m.sources)} for m in marks]
    return [
        {
            "data": {"values": rows},
            "mark": {"type": "rule", "strokeDash": [2, 3], "color": p.rule, "strokeWidth": 1.5},
            "encoding": {
                "x": {"field": "w", "type": "quantitative"},
                "tooltip": [{"field": "text", "title": _("Results")}, {"field": "sources", "title": _("Sources")}],
            },
        },
        {
            "data": {"values": rows},
            "mark": {
                "type": "text",
                "angle": 270,
                "align": "left",
                "baseline": "bottom",
                "dx": 4,
                "dy": -3,
                "fontSize": 11,
                "color": p.soft_text,
            },
            "encoding": {"x": {"field": "w", "type": "quantitative"}, "y": {"datum": 0}, "text": {"field": "short"}},
        },
    ]


def _ticks(top: float) -> list[float]:
    step = 0.1 if top <= 0.6 else 0.2
    return [round(i * step, 1) for i in range(int(top / step + 1e-9) + 1)]


def _chart(description: str, layers: list[Spec], y_title: str, top: float, height: int, p: Palette) -> Spec:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "usermeta": {"description": description},
        "width": "container",
        "height": height,
        "layer": layers,
        "encoding": {
            "y": {
                "type": "quantitative",
                "scale": {"domain": [0, round(top * HEADROOM, 3)], "nice": False},
                "axis": {"values": _ticks(top)},
                "title": y_title,
            }
        },
        "config": {
            "font": FONT,
            "background": p.background,
            "view": {"stroke": None},
            "axis": {
                "labelColor": p.text,
                "titleColor": p.text,
                "grid": True,
                "gridColor": p.grid,
                "labelFontSize": 12,
                "titleFontSize": 12,
            },
            "legend": {"labelColor": p.text, "labelFontSize": 12},
        },
    }


def build_collagen_spec(
    t: Treatment, overlays: list[Overlay], titles: Mapping[str, str], facts: CourseFacts, p: Palette = LIGHT
) -> Spec:
    """Collagen and elastin after one session of `t`, other courses' mature collagen, anchors and results, in the
    colours of a theme."""
    weeks = _weeks()
    series: list[tuple[str, str, str]] = []
    rows: list[Spec] = []
    for marker in t.collagen.markers:
        if marker.id not in SCALED_MARKERS:
            continue
        colour, dash, _shape = _style(marker.id, p)
        short = _(SHORT_NAMES[marker.id]) if marker.id in SHORT_NAMES else marker.name
        name = _curve_name(
            _("{course}: {marker}").format(course=_course_label(t.short_name, 1), marker=short), marker.illustrative
        )
        series.append((name, colour, dash))
        code = chr(64 + len(series))
        rows += [{"w": w, "v": round(_course_response(t, marker, 1, 0, w), 3), "s": code} for w in weeks]
    for i, ov in enumerate(overlays):
        overlay = next((m for m in ov.treatment.collagen.markers if m.id == "collagen-1"), None)
        if overlay is None:
            continue
        marker = overlay
        name = _curve_name(
            _("{course}: {marker}").format(course=ov.label, marker=_(SHORT_NAMES["collagen-1"])), marker.illustrative
        )
        series.append((name, treatment_colour(ov.treatment.id, p), OVERLAY_DASHES[i % len(OVERLAY_DASHES)]))
        code = chr(64 + len(series))
        rows += [
            {"w": w, "v": round(_course_response(ov.treatment, marker, ov.sessions, ov.interval_days, w), 3), "s": code}
            for w in weeks
        ]
    top = max([0.1, *(r["v"] for r in rows)])
    response = _(RESPONSE_TITLE)
    layers = [
        *_phases(t, top, p),
        _lines(rows, series, response),
        _anchors(t, SCALED_MARKERS, titles, "response", p),
        *_results(build_results_marks(facts), p),
    ]
    return _chart(
        _("Modelled collagen response over {weeks} weeks after {name}.").format(weeks=WEEKS, name=t.name),
        layers,
        response,
        top,
        400,
        p,
    )


def build_signals_spec(t: Treatment, titles: Mapping[str, str], p: Palette = LIGHT) -> Spec | None:
    """Early signalling proteins (heat-shock proteins), each relative to its own peak; None if the data has none."""
    signals = [m for m in t.collagen.markers if m.id not in SCALED_MARKERS]
    if not signals:
        return None
    weeks = _weeks(fine_until=2.0)
    series = [(_curve_name(m.name, m.illustrative), *_style(m.id, p)[:2]) for m in signals]
    rows = [{"w": w, "v": round(marker_level(m, w), 3), "s": chr(65 + i)} for i, m in enumerate(signals) for w in weeks]
    relative = _(SIGNALS_TITLE)
    layers = [
        *_phases(t, 1.0, p),
        _lines(rows, series, relative),
        _anchors(t, {m.id for m in signals}, titles, "level", p),
    ]
    return _chart(
        _("Modelled heat-shock protein levels after {name}.").format(name=t.name), layers, relative, 1.0, 300, p
    )


def fmt_week(week: float) -> str:
    """A week number as people read it; under one week with its day: '0.3 (day 2)'."""
    shown = format_number(week)
    return _("{week} (day {day})").format(week=shown, day=round(week * 7)) if 0 < week < 1 else shown


def _peak_sentence(label: str, rows: list[CurveRow]) -> str:
    peak = max(rows, key=lambda r: float(r["response"]))
    end = rows[-1]
    return _("{curve}: highest at about week {week} ({peak}), {end} at week {last}.").format(
        curve=label,
        week=round(float(peak["week"])),
        peak=format_number(float(peak["response"])),
        end=format_number(float(end["response"])),
        last=format_number(float(end["week"])),
    )


def describe_collagen(t: Treatment, overlays: list[Overlay]) -> list[str]:
    """Sentences that say what the collagen chart shows (its text alternative, in Markdown)."""
    rows = build_collagen(t, step=0.25)
    scale = t.collagen.scale
    lines = [
        _(
            "The scale: 1 is the response to one fully ablative CO2 treatment. One {name} session is modelled at "
            "{scale} of that ({sources})."
        ).format(name=md(t.short_name), scale=format_number(scale.per_session), sources=source_links(scale.sources))
    ]
    for marker in t.collagen.markers:
        if marker.id in SCALED_MARKERS:
            pts = [r for r in rows if r["marker_id"] == marker.id]
            curve = _("{marker}, one {name} session").format(
                marker=_curve_name(marker.name, marker.illustrative), name=t.short_name
            )
            lines.append(md(_peak_sentence(curve, pts)))
    for ov in overlays:
        pts = [
            r
            for r in build_collagen(ov.treatment, ov.sessions, ov.interval_days, step=0.25)
            if r["marker_id"] == "collagen-1"
        ]
        if pts:
            lines.append(md(_peak_sentence(_("Type I collagen, {course}").format(course=ov.label), pts)))
    return lines


def anchor_table_markdown(t: Treatment, marker_ids: AbstractSet[str]) -> str:
    """Every anchor of the chosen markers as a Markdown table: week, what the source says, the kind, the source."""
    header = (_("Marker"), _("Week"), _("Level (model)"), _("What the source says"), _("Kind"), _("Source"))
    rows = ["| " + " | ".join(header) + " |", "|---|---|---|---|---|---|"]
    reported, modelled = _("Reported in a study"), _("Modelled")
    for a in build_anchors(t):
        if a["marker_id"] in marker_ids:
            level = a["response"] if a["marker_id"] in SCALED_MARKERS else a["level"]
            kind = reported if a["measured"] else modelled
            cells = (
                md(a["marker"]),
                format_number(a["week"]),
                format_number(level),
                md(a["label"]),
                kind,
                source_links([a["source"]]),
            )
            rows.append(f"| {' | '.join(cells)} |")
    return "\n".join(rows)
