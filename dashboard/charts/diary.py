"""The diary's chart as a finished Vega-Lite spec: the day-by-day symptom chart's panels, each with the usual band for
the person's course and, over it, the person's own line (a dot per entry), and the days a warning sign was ticked
marked by a dashed line and a triangle.

It is built from the symptom chart's own pieces (dashboard/charts/recovery.py): the same panels, colours, dashes,
level words on the y axis and style, so a person reads their diary the way they read the day-by-day chart. The
band and the line share a colour; the dot, the line's dash and each panel's title tell them apart without it.
"""

from __future__ import annotations

from typing import Any

from dashboard import words
from dashboard.charts.palette import LIGHT, Palette
from dashboard.charts.recovery import (
    _DAY,
    CURVES,
    PANEL_HEIGHT,
    PANELS,
    PITCH,
    STRIP_GAP,
    _base,
    _heading,
    _level_words_expr,
    _panel_frames,
    _white,
    _x,
    build_recovery_spec,
    curve_points,
    default_last_day,
    panel_encodings,
)
from dashboard.diary import DiaryView, chart_points, recorded_symptoms
from dashboard.i18n import _
from dashboard.models import Symptom
from dashboard.recovery import range_words, symptom_levels

OWN = "own"  # the named dataset of the person's own points: s (the panel's index), d, level
SIGNS = "signs"  # the named dataset of the days with a warning sign: d, label
MARGIN_DAYS = 2  # days drawn after the last entry, so its dot is not on the edge
SIGN_ROW = 1.5  # levels of the strip that marks warning-sign days

Spec = dict[str, Any]


def diary_last_day(view: DiaryView) -> int:
    """The last day drawn: the first weeks, or a little past the last entry when it is later."""
    t = view.course.treatment
    return min(t.horizon_days, max(default_last_day(view.course), view.rows[-1].day + MARGIN_DAYS))


def diary_symptoms(view: DiaryView, last_day: int) -> list[Symptom]:
    """The panels: every symptom the day-by-day chart draws, and any other the person noted."""
    t = view.course.treatment
    noted = set(recorded_symptoms(view))
    return [s for s in t.symptoms if (s.peak_level > 0 and s.onset_day <= last_day) or s.id in noted]


def _panel_layers(symptoms: list[Symptom], last: int, end: float, p: Palette) -> tuple[Spec, Spec]:
    # Each panel's usual band, and the person's line and dots, shifted into the panel's own levels. The line goes over
    # the panels' frames (drawn between the two), so a dot at 'marked' is not cut by the white above its panel.
    n = len(symptoms)
    y, colour, dash = panel_encodings(symptoms, end, p)
    band = {
        "data": {"name": CURVES},
        "transform": [{"calculate": f"datum.{k} + {_base(n)}", "as": f"y{k}"} for k in ("lo", "hi")],
        "mark": "area",
        "encoding": {
            "x": _x(last, _("Days after treatment")),
            "y": {**y, "field": "yhi"},
            "y2": {"field": "ylo"},
            "color": colour,
        },
    }
    own = {
        "data": {"name": OWN},
        "transform": [{"calculate": f"datum.level + {_base(n)}", "as": "y"}],
        "encoding": {"x": _DAY, "y": {"field": "y", "type": "quantitative"}, "color": colour},
        "layer": [
            {"mark": "line", "encoding": {"strokeDash": dash}},
            {"mark": {"type": "point", "filled": True, "size": 70, "opacity": 1}},
        ],
    }
    return band, own


def _sign_layers(last: int, top: float, p: Palette) -> tuple[list[Spec], float]:
    # Above the panels: a strip titled "Warning signs" with a triangle on each day one was ticked, and a dashed line
    # down through every panel on that day. Returns the layers and the new top of the y scale.
    low = top + STRIP_GAP
    high = low + SIGN_ROW
    end = high + 0.2
    line = {
        "data": {"name": SIGNS},
        "mark": {"type": "rule", "strokeDash": [6, 4], "strokeWidth": 2, "color": p.text},
        "encoding": {"x": _DAY, "y": {"datum": 0}, "y2": {"datum": low}},
    }
    white = {"data": {"values": [{"y": top - 0.1, "y2": low}, {"y": high, "y2": end}]}, **_white(last, p)}
    title = {"data": {"values": [{}]}, **_heading({"datum": high}, {"value": _("Warning signs ticked")})}
    marks = {
        "data": {"name": SIGNS},
        "encoding": {"x": _DAY, "y": {"datum": low + SIGN_ROW / 2}},
        "layer": [
            {
                "mark": {
                    "type": "point",
                    "shape": "triangle-up",
                    "filled": True,
                    "size": 120,
                    "opacity": 1,
                    "color": p.text,
                }
            },
            {
                "mark": {"type": "text", "align": "left", "dx": 9, "fontSize": 12},
                "encoding": {"text": {"field": "label"}},
            },
        ],
    }
    return [line, white, title, marks], end


def build_diary_spec(view: DiaryView, width: int | str = "container", p: Palette = LIGHT) -> Spec:
    """The diary's chart for one course: a panel per symptom, the usual band and the person's own line; the days
    with a warning sign marked, in the colours of a theme. `width` in pixels for a printed copy (light, as paper),
    else the width of its box."""
    course = view.course
    last = diary_last_day(view)
    symptoms = diary_symptoms(view, last)
    n = len(symptoms)
    top = n * PITCH
    signs = [{"d": d, "label": _("day {day}").format(day=d)} for d in view.sign_days if d <= last]
    strip, end = _sign_layers(last, top, p) if signs else ([], top)
    band, own = _panel_layers(symptoms, last, end, p)
    # The symptom chart's own style and level words, for these panels (its milestones and chosen day are not used).
    config = build_recovery_spec(course, last, p=p)["config"]
    config = {**config, "axisY": {**config["axisY"], "labelExpr": _level_words_expr(symptoms)}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "usermeta": {"last_day": last, "symptoms": [s.id for s in symptoms], "sign_days": [x["d"] for x in signs]},
        "datasets": {
            CURVES: [{"s": i, **p} for i, s in enumerate(symptoms) for p in curve_points(s, last)],
            PANELS: [{"s": i, "name": s.name} for i, s in enumerate(symptoms)],
            OWN: [p for p in chart_points(view, [s.id for s in symptoms]) if p["d"] <= last],
            SIGNS: signs,
        },
        "height": round(end * PANEL_HEIGHT / 3),
        "width": width,
        "layer": [band, *strip[:1], _panel_frames(n, last, p), own, *strip[1:]],
        "config": config,
    }


def describe_diary(view: DiaryView) -> list[str]:
    """The chart in words: for each symptom the person noted, each entry's level and the usual range that day."""
    t = view.course.treatment
    lines = []
    for sid in recorded_symptoms(view):
        s = t.symptom(sid)
        days = "; ".join(
            _("day {day}: {level} (usually {range})").format(
                day=r.day,
                level=words.level(r.entry.level(sid), sid),
                range=range_words(*symptom_levels(s, r.day)[1:], sid),
            )
            for r in view.rows
        )
        lines.append(_("{symptom}: {days}.").format(symptom=s.name, days=days))
    if view.sign_days:
        lines.append(
            _("Warning signs ticked on: {days}.").format(
                days=", ".join(_("day {day}").format(day=d) for d in view.sign_days)
            )
        )
    return lines or [_("No symptom noted above none.")]
