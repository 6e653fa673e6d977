"""The day-by-day symptom chart as a finished Vega-Lite spec: a strip of milestones, then one small panel per symptom
(typical line, usual-range band), the chosen day marked by a line across every panel.

Small multiples rather than eight overlapping lines: on a phone each symptom reads on its own, and colour is never
the only cue (each panel is titled, each line has its own dash). The spec is a plain dict with its data inline:
Streamlit neither validates it again nor converts it to Arrow, and the curves are sent as their breakpoints (the
points where a line bends), not one point per day. No zoom, pan or scroll capture, so it never traps a phone's scroll.

The chosen day is the one thing that changes as a person steps through the days, so it is data, not drawing: the
day's line and its label read the named dataset DAY_DATA (no row, or one: d, text, right). The rest of the spec is
the same on every day, and the browser then updates the chart it has instead of building it again.

The whole chart is one view, which Vega-Lite fits to the width of its box (views side by side or stacked overflow
it, and were scaled down: small text on a phone). On its one y scale, in levels (0-3 for a panel), each symptom's
band sits PITCH levels above the next with its title in the gap; the page's background over the gaps keeps each
panel a box of its own; the milestone strip and the day's label sit above the first panel. Bands and lines are
coloured and dashed by the panel's index through one scale each. The colours are a theme's (charts/palette.py).
Streamlit writes the spec as JSON and reads it back on every run, a day step included, so the spec says each thing
once: the breakpoints of every panel are one named dataset (CURVES, the panel's index in `s`), the panels' names
another (PANELS) and the milestones a third (MILESTONES); mark styles and the level words on the y axis are in the
config.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypedDict

from dashboard import words
from dashboard.charts import DAY_DATA
from dashboard.charts.palette import LIGHT, SYMPTOM_DASHES, Palette, symptom_colour
from dashboard.dates import date_of, short_date
from dashboard.i18n import _
from dashboard.markdown import md
from dashboard.models import LEVEL_WORDS, Milestone, Symptom
from dashboard.recovery import Course, level_word, range_words, symptom_levels

DEFAULT_DAYS = 30
CURVES = "curves"  # the named dataset of every panel's breakpoints: s (the panel's index), d, t, lo, hi
MILESTONES = "milestones"  # the named dataset of the milestone strip: d, row, label, right
PANELS = "panels"  # the named dataset of the panels: s (the index), name
CHART_KINDS = ("makeup", "work", "exercise", "sun", "skincare", "results")
PANEL_HEIGHT = 62  # px from 'none' to 'marked' in a panel
PITCH = 4.5  # levels from one panel's 'none' to the next one's: 3 for the band, 1.5 for the gap and its title
ROW = 1.25  # levels from one milestone's row to the next (about 26 px)
STRIP_GAP = 0.5  # levels between the milestone strip's baseline and the first panel's title
FONT = "sans-serif"
# Vega-Lite dash patterns for the line styles in charts/palette.py
DASH_ARRAYS = {
    "solid": [1, 0],
    "dash": [8, 4],
    "dot": [2, 3],
    "dashdot": [8, 3, 2, 3],
    "longdash": [14, 5],
    "longdashdot": [14, 4, 2, 4],
}

Spec = dict[str, Any]


class CurvePoint(TypedDict):
    """A breakpoint of one symptom's curves: typical level and the usual range's low and high (0-3)."""

    d: int
    t: float
    lo: float
    hi: float


def default_last_day(course: Course) -> int:
    """The last day drawn unless the person asks for all days: the first weeks, where symptoms change."""
    return min(course.treatment.horizon_days, DEFAULT_DAYS)


def _last_drawn(course: Course, last_day: int | None) -> int:
    """The last day the chart draws: `last_day` kept within the treatment's days, or the first weeks."""
    return default_last_day(course) if last_day is None else max(1, min(last_day, course.treatment.horizon_days))


def _day_label(day: int, start: date | None) -> str:
    if start is None:
        return _("Day {day}").format(day=day)
    return _("Day {day} ({date})").format(day=day, date=short_date(date_of(start, day)))


def _when(day: int, start: date | None) -> str:
    if start is None:
        return _("day {day}").format(day=day)
    return _("day {day} ({date})").format(day=day, date=short_date(date_of(start, day)))


def hover_text(s: Symptom, day: int, start: date | None = None) -> str:
    """What a day says about a symptom, in words: 'Day 4 · Redness: mild (usually none to moderate)'."""
    typical, low, high = symptom_levels(s, day)
    return _("{day} · {symptom}: {level} (usually {range})").format(
        day=_day_label(day, start), symptom=s.name, level=level_word(typical, s.id), range=range_words(low, high, s.id)
    )


def charted_symptoms(course: Course, last_day: int) -> list[Symptom]:
    """The symptoms worth a panel: those the data expects at some level within the days drawn."""
    return [s for s in course.treatment.symptoms if s.peak_level > 0 and s.onset_day <= last_day]


def charted_milestones(course: Course, last_day: int) -> list[Milestone]:
    """Milestones of the charted kinds that the data gives a day for, within the days drawn."""
    return sorted(
        (m for m in course.treatment.milestones if m.kind in CHART_KINDS and m.day is not None and m.day <= last_day),
        key=lambda m: (m.day, m.label),
    )


def _bends(values: Sequence[tuple[float, ...]]) -> list[int]:
    """Indexes of the samples where the polyline through them bends (plus both ends): the rest lie on a line."""
    keep = [0]
    for i in range(1, len(values) - 1):
        before, here, after = values[i - 1], values[i], values[i + 1]
        if any(abs((h - b) - (a - h)) > 1e-6 for b, h, a in zip(before, here, after, strict=True)):
            keep.append(i)
    return keep + [len(values) - 1] if len(values) > 1 else keep


def curve_points(s: Symptom, last_day: int) -> list[CurvePoint]:
    """The symptom's curves over days 0..last_day, sampled per day (as the model is) and kept at their bends."""
    samples = [symptom_levels(s, d) for d in range(last_day + 1)]
    return [
        CurvePoint(d=i, t=round(samples[i][0], 3), lo=round(samples[i][1], 3), hi=round(samples[i][2], 3))
        for i in _bends(samples)
    ]


def _x(last: int, title: str) -> Spec:
    # The days, from 0 to the last one drawn, named under the chart; grid lines from the config.
    return {
        "field": "d",
        "type": "quantitative",
        "scale": {"domain": [0, last], "nice": False},
        "axis": {"title": title},
    }


def _on_the_left(day: int, last: int) -> bool:
    """Whether a label at `day` starts there and reads rightwards (it would run off the chart further right)."""
    return day <= last * 0.6


def day_mark(last: int, day: int | None, start: date | None = None) -> list[dict[str, Any]]:
    """The rows of the DAY_DATA dataset: the chosen day with its label, or none when it is off the days drawn."""
    if day is None or not 0 <= day <= last:
        return []
    return [{"d": day, "text": _day_label(day, start), "right": _on_the_left(day, last)}]


def _day_rule() -> Spec:
    # A rule at the day: the x encoding comes from the view it is in (DAY_DATA has a `d`), the style from config.
    return {"data": {"name": DAY_DATA}, "mark": "rule"}


def milestone_rows(milestones: list[Milestone], last: int) -> list[dict[str, Any]]:
    """The rows of the MILESTONES dataset: each milestone's day, row, label and side."""
    return [
        {
            "d": day,
            "row": i,
            "label": _("{milestone}: day {day}").format(milestone=m.label, day=day),
            "right": _on_the_left(day, last),
        }
        for i, (m, day) in enumerate((m, m.day or 0) for m in milestones)
    ]


_DAY: Spec = {"field": "d", "type": "quantitative"}  # x where a layer's data has a day (the scale is the curves')


def _base(n: int) -> str:
    # Where panel `datum.s`'s 'none' sits on the shared y scale (the first panel at the top), as a Vega expression.
    return f"({n - 1} - datum.s) * {PITCH}"


def _by_side(mark: Spec, text: str, dx: int = 0) -> list[Spec]:
    # A text mark twice: rows with `right` read rightwards from their day, the others leftwards (near the right
    # edge), so a label stays on the chart.
    return [
        {
            "transform": [{"filter": "datum.right" if right else "!datum.right"}],
            "mark": {**mark, "align": side, **({"dx": dx if right else -dx} if dx else {})},
            "encoding": {"text": {"field": text}},
        }
        for side, right in (("left", True), ("right", False))
    ]


def panel_encodings(symptoms: list[Symptom], end: float, p: Palette) -> tuple[Spec, Spec, Spec]:
    """The y scale (each symptom's levels in a band of its own, up to `end`), and the colour and dash of each panel by
    its index: shared by every chart drawn in the symptom chart's panels."""
    n = len(symptoms)
    ticks = [i * PITCH + level for i in range(n) for level in range(len(LEVEL_WORDS))]
    # Vega thins explicit tick values out to the tick count (every other one goes): the count is all of them
    y = {
        "type": "quantitative",
        "scale": {"domain": [0, end], "nice": False},
        "axis": {"values": ticks, "tickCount": len(ticks)},
    }
    by_panel = {"field": "s", "type": "nominal", "legend": None}
    colour = {**by_panel, "scale": {"domain": list(range(n)), "range": [symptom_colour(s.id, p) for s in symptoms]}}
    dash = {
        **by_panel,
        "scale": {
            "domain": list(range(n)),
            "range": [DASH_ARRAYS[SYMPTOM_DASHES.get(s.id, "solid")] for s in symptoms],
        },
    }
    return y, colour, dash


def _curve_layers(symptoms: list[Symptom], last: int, axis_title: str, end: float, p: Palette) -> Spec:
    # Every panel's band and line, each symptom's levels shifted into its own band, coloured and dashed by index.
    n = len(symptoms)
    y, colour, dash = panel_encodings(symptoms, end, p)
    return {
        "data": {"name": CURVES},
        "transform": [{"calculate": f"datum.{k} + {_base(n)}", "as": f"y{k}"} for k in ("t", "lo", "hi")],
        # band and line take y's scale and axis from here, each with its own field (a layer's channel
        # definitions go into those of the layers under it, field by field)
        "encoding": {"x": _x(last, axis_title), "y": y, "color": colour},
        "layer": [
            {"mark": "area", "encoding": {"y": {"field": "yhi"}, "y2": {"field": "ylo"}}},
            {"mark": "line", "encoding": {"y": {"field": "yt"}, "strokeDash": dash}},
        ],
    }


def _white(last: int, p: Palette) -> Spec:
    # The page's background (white on a light page) from `y` up to `y2`, over the grid, the y axis's line and the
    # day's line.
    return {
        "mark": {"type": "rect", "color": p.background, "opacity": 1, "xOffset": -1, "x2Offset": 1, "aria": False},
        "encoding": {
            "x": {"datum": 0},
            "x2": {"datum": last},
            "y": {"field": "y", "type": "quantitative"},
            "y2": {"field": "y2"},
        },
    }


def _baseline(last: int, y: Spec, p: Palette) -> Spec:
    return {
        "mark": {"type": "rule", "color": p.axis, "strokeWidth": 1, "aria": False},
        "encoding": {"x": {"datum": 0}, "x2": {"datum": last}, "y": y},
    }


def _heading(y: Spec, text: Spec) -> Spec:
    # A panel's or the strip's title, just above its box, where a view's title would sit. Like the white and the
    # baselines it is left out of the chart's accessibility tree: the chart's alt text and "The chart in words"
    # say what it shows.
    return {
        "mark": {
            "type": "text",
            "align": "left",
            "baseline": "bottom",
            "fontWeight": "bold",
            "fontSize": 14,
            "dy": -4,
            "aria": False,
        },
        "encoding": {"x": {"datum": 0}, "y": y, "text": text},
    }


def _panel_frames(n: int, last: int, p: Palette) -> Spec:
    # Between the bands: white over the gap above each band, the band's baseline, and its title in the gap.
    return {
        "data": {"name": PANELS},
        "transform": [
            {"calculate": _base(n), "as": "b"},
            {"calculate": "datum.b + 3", "as": "y"},
            {"calculate": f"datum.b + {PITCH}", "as": "y2"},
        ],
        "layer": [
            _white(last, p),
            _baseline(last, {"field": "b", "type": "quantitative"}, p),
            _heading({"field": "y", "type": "quantitative"}, {"field": "name"}),
        ],
    }


def _strip_layers(rows: int, last: int, top: float, p: Palette) -> tuple[list[Spec], float]:
    # The milestone strip above the panels and, above it, a row for the day's label: their layers, and the top of
    # the chart's y scale.
    low = top + STRIP_GAP
    high = low + ROW * max(1, rows)
    label, end = high + 1.4, high + 2
    # white below and above the strip (the strip keeps its grid and the day's line), its baseline and its title
    # (overlapping the first panel's gap a little: two strips of white that only meet leave a hairline between)
    white = {"data": {"values": [{"y": top - 0.1, "y2": low}, {"y": high, "y2": end}]}, **_white(last, p)}
    frame = {
        "data": {"values": [{}]},
        "layer": [white, _baseline(last, {"datum": low}, p), _heading({"datum": high}, {"value": _("Milestones")})],
    }
    # each milestone in a row of its own, the first at the top: a diamond at its day and its label beside it
    milestones = {
        "data": {"name": MILESTONES},
        "transform": [{"calculate": f"{high} - (datum.row + 0.5) * {ROW}", "as": "y"}],
        "encoding": {"x": _DAY, "y": {"field": "y", "type": "quantitative"}},
        "layer": [
            *_by_side({"type": "text", "fontSize": 13}, "label", dx=9),
            {"mark": {"type": "point", "shape": "diamond", "filled": True, "size": 90, "opacity": 1}},
        ],
    }
    day_label = {
        "data": {"name": DAY_DATA},
        "encoding": {"x": _DAY, "y": {"datum": label}},
        "layer": _by_side({"type": "text", "fontWeight": "bold", "fontSize": 14, "baseline": "middle"}, "text"),
    }
    return [frame, milestones, day_label], end


def _view(symptoms: list[Symptom], milestones: int, last: int, p: Palette) -> Spec:
    # The whole chart is one view: the panels at the bottom, each symptom's band PITCH levels above the next, and
    # above them the milestone strip and the day's label. Later layers draw over earlier ones; x is encoded only
    # where the data has a day (a layer's encoding goes into every layer under it).
    n = len(symptoms)
    strip, end = _strip_layers(milestones, last, n * PITCH, p)  # the first panel's title sits just under n * PITCH
    curves = _curve_layers(symptoms, last, _("Days after treatment"), end, p)
    day_line = {**_day_rule(), "encoding": {"x": _DAY}}
    return {
        "height": round(end * PANEL_HEIGHT / 3),
        "width": "container",
        "layer": [curves, day_line, _panel_frames(n, last, p), *strip],
    }


def _level_words_expr(symptoms: list[Symptom]) -> str:
    """The y axis's words as an expression Vega reads: one list of level words per panel, from the bottom one up
    (each panel's 'none' PITCH levels above the one below), the words agreeing with the panel's symptom where the
    language needs it ('ninguna' for Hinchazón)."""
    by_slot = [[words.level(i, s.id) for i in range(len(LEVEL_WORDS))] for s in reversed(symptoms)]
    return f"{by_slot}[floor(datum.value / {PITCH})][round(datum.value % {PITCH})]"


def build_recovery_spec(
    course: Course, last_day: int | None = None, start: date | None = None, day: int | None = None, p: Palette = LIGHT
) -> Spec:
    """The symptom chart for days 0..last_day (the first weeks by default), the chosen `day` marked, in the colours
    of a theme: a whole spec, its DAY_DATA dataset included (`day_mark` gives that dataset for another day)."""
    last = _last_drawn(course, last_day)
    symptoms = charted_symptoms(course, last)
    milestones = milestone_rows(charted_milestones(course, last), last)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "usermeta": {"last_day": last, "symptoms": [s.id for s in symptoms]},
        "datasets": {
            DAY_DATA: day_mark(last, day, start),
            MILESTONES: milestones,
            CURVES: [{"s": i, **p} for i, s in enumerate(symptoms) for p in curve_points(s, last)],
            PANELS: [{"s": i, "name": s.name} for i, s in enumerate(symptoms)],
        },
        **_view(symptoms, len(milestones), last, p),
        "config": {
            "font": FONT,
            "background": p.background,
            "view": {"stroke": None},
            "axis": {
                "labelColor": p.text,
                "titleColor": p.text,
                "domainColor": p.axis,
                "tickColor": p.axis,
                "grid": True,
                "gridColor": p.grid,
                "labelFontSize": 12,
                "titleFontSize": 12,
            },
            "axisX": {"tickMinStep": 1},
            "axisY": {"title": None, "labelExpr": _level_words_expr(symptoms)},
            "area": {"opacity": 0.28},
            "line": {"strokeWidth": 3},
            "rule": {"strokeWidth": 2, "color": p.text},
            "text": {"color": p.text},
            "point": {"color": p.text},
        },
    }


def describe_symptoms(course: Course, start: date | None = None) -> list[str]:
    """The chart's text alternative: one sentence per symptom, from the same data the chart draws."""
    sentences = []
    for s in course.treatment.symptoms:
        if s.peak_level == 0:
            sentences.append(_("{symptom}: not expected after this treatment.").format(symptom=s.name))
            continue
        longer = s.range_end_day > s.typical_end_day
        reported = s.longest_reported_day is not None and s.longest_reported_day > s.range_end_day
        if longer and reported:
            text = _(
                "{symptom}: starts on {onset}, is strongest ({level}) on {peak}, and is usually gone by {end}; "
                "for some people it lasts until {longest}, and studies report it up to {reported}."
            )
        elif longer:
            text = _(
                "{symptom}: starts on {onset}, is strongest ({level}) on {peak}, and is usually gone by {end}; "
                "for some people it lasts until {longest}."
            )
        elif reported:
            text = _(
                "{symptom}: starts on {onset}, is strongest ({level}) on {peak}, and is usually gone by {end}, "
                "and studies report it up to {reported}."
            )
        else:
            text = _("{symptom}: starts on {onset}, is strongest ({level}) on {peak}, and is usually gone by {end}.")
        sentences.append(
            text.format(
                symptom=s.name,
                onset=_when(s.onset_day, start),
                level=words.level(s.peak_level, s.id),
                peak=_when(s.peak_day, start),
                end=_when(s.typical_end_day, start),
                longest=_when(s.range_end_day, start),
                reported=_when(s.longest_reported_day, start) if s.longest_reported_day is not None else "",
            )
        )
    return sentences


def table_last_day(course: Course) -> int:
    """The last day on which any symptom is still within its usual range (the table stops there)."""
    t = course.treatment
    present = [
        d for s in t.symptoms if s.peak_level > 0 for d in range(t.horizon_days + 1) if symptom_levels(s, d)[2] > 0
    ]
    return max(present, default=0)


def build_table_markdown(course: Course, start: date | None = None) -> str:
    """The chart as a Markdown table, a row per day: the symptoms usually seen, each with its usual range."""
    day, usually, nothing = _("Day"), _("Usually (usual range)"), _("nothing usual")
    rows = [f"| {day} | {usually} |", "|---|---|"]
    for d in range(table_last_day(course) + 1):
        cells = []
        for s in course.treatment.symptoms:
            typical, low, high = symptom_levels(s, d)
            if high > 0:
                cells.append(
                    _("{symptom} {level} ({range})").format(
                        symptom=md(s.name.lower()), level=level_word(typical, s.id), range=range_words(low, high, s.id)
                    )
                )
        label = str(d) if start is None else _("{day} ({date})").format(day=d, date=short_date(date_of(start, d)))
        rows.append(f"| {label} | {'; '.join(cells) or nothing} |")
    return "\n".join(rows)
