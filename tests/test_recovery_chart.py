"""The symptom chart (a finished Vega-Lite spec): it must say what the data says, sent as breakpoints."""

from datetime import date

import pytest

from dashboard.charts.palette import SYMPTOM_COLOURS, SYMPTOM_DASHES
from dashboard.charts.recovery import (
    CURVES,
    DASH_ARRAYS,
    DAY_DATA,
    MILESTONES,
    PANELS,
    PITCH,
    build_recovery_spec,
    build_table_markdown,
    charted_symptoms,
    curve_points,
    day_mark,
    describe_symptoms,
    hover_text,
)
from dashboard.loader import load_dataset
from dashboard.recovery import Personal, apply_modifiers, symptom_levels


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def eco2(dataset):
    return apply_modifiers(dataset.treatment("eco2"), Personal())


def _layers(spec):
    """The chart's one view, by what each layer draws, bottom to top: the curves, the day's line, the panels' frames
    (gaps, baselines, titles), the strip's frame, the milestones and the day's label."""
    assert "vconcat" not in spec and spec["width"] == "container"
    curves, line, frames, strip, milestones, label = spec["layer"]
    assert [x["data"] for x in (curves, line, frames, milestones, label)] == [
        {"name": CURVES},
        {"name": DAY_DATA},
        {"name": PANELS},
        {"name": MILESTONES},
        {"name": DAY_DATA},
    ]
    return {"curves": curves, "line": line, "frames": frames, "strip": strip, "milestones": milestones, "label": label}


def _panels(spec):
    """The panels, top to bottom: their index and name (the PANELS dataset the titles read)."""
    return spec["datasets"][PANELS]


def _panel(spec, name):
    return next(p for p in _panels(spec) if p["name"] == name)


def _curves(spec):
    """The band and line layers, which read the CURVES dataset, each panel's rows shifted to its own band."""
    return _layers(spec)["curves"]


def _evaluate(expression, **datum):
    """A Vega expression of the spec's own arithmetic (datum fields, numbers, + - * and brackets), as the browser
    computes it."""
    for name, value in datum.items():
        expression = expression.replace(f"datum.{name}", repr(value))
    assert set(expression) <= set("0123456789.+-*() "), expression
    return eval(expression)  # noqa: S307 - digits and arithmetic only, checked above


def _points(spec, panel):
    """The breakpoints a panel draws: the CURVES rows of its index."""
    return [{k: v for k, v in r.items() if k != "s"} for r in spec["datasets"][CURVES] if r["s"] == panel["s"]]


def _base(spec, index):
    """Where the panel's 'none' sits on the shared y scale, as the browser computes it from the spec's expression."""
    shift = next(t["calculate"] for t in _curves(spec)["transform"] if t["as"] == "yt")
    return _evaluate(shift, t=0, s=index)


def test_default_range_is_the_first_thirty_days_for_ablative(eco2):
    spec = build_recovery_spec(eco2)
    assert spec["usermeta"]["last_day"] == 30
    assert _curves(spec)["encoding"]["x"]["scale"]["domain"] == [0, 30]


def test_all_days_reaches_the_horizon(eco2):
    spec = build_recovery_spec(eco2, last_day=90)
    assert _points(spec, _panel(spec, "Redness"))[-1]["d"] == 90


def test_one_panel_per_symptom_with_its_colour_and_dash(eco2):
    spec = build_recovery_spec(eco2)
    ids = [s.id for s in eco2.treatment.symptoms if s.peak_level > 0]
    assert spec["usermeta"]["symptoms"] == ids
    band, line = _curves(spec)["layer"]
    colour = _curves(spec)["encoding"]["color"]  # band and line both take it
    dash = line["encoding"]["strokeDash"]
    assert colour["field"] == dash["field"] == "s"
    for i, (s, panel) in enumerate(zip(eco2.treatment.symptoms, _panels(spec), strict=True)):
        assert panel == {"s": i, "name": s.name}
        assert _points(spec, panel) == curve_points(s, 30)  # its own symptom's breakpoints, no other
        assert colour["scale"]["domain"][i] == dash["scale"]["domain"][i] == i
        assert colour["scale"]["range"][i] == SYMPTOM_COLOURS[s.id]
        assert dash["scale"]["range"][i] == DASH_ARRAYS[SYMPTOM_DASHES[s.id]]
    assert (band["encoding"]["y"]["field"], band["encoding"]["y2"]["field"], line["encoding"]["y"]["field"]) == (
        "yhi",
        "ylo",
        "yt",
    )


def test_each_panel_has_a_band_of_its_own_top_to_bottom(eco2):
    """Panel i's levels 0-3 sit at its base + 0..3, PITCH apart, the first panel at the top; its title and a gap
    sit between its band and the one above, and the scale ends above the first panel's title."""
    spec = build_recovery_spec(eco2)
    n = len(_panels(spec))
    bases = [_base(spec, i) for i in range(n)]
    assert bases == [(n - 1 - i) * PITCH for i in range(n)] and PITCH > 3
    for k in ("t", "lo", "hi"):
        shift = next(t["calculate"] for t in _curves(spec)["transform"] if t["as"] == f"y{k}")
        assert shift.startswith(f"datum.{k} + ")
    low, high = _curves(spec)["encoding"]["y"]["scale"]["domain"]
    assert low == 0 and high > n * PITCH  # the milestone strip and the day's label are above the first panel


@pytest.mark.parametrize("treatment", ["eco2", "co2-full", "nafl-1550", "nafl-1927"])
def test_breakpoints_draw_exactly_the_daily_curve(dataset, treatment):
    """Between breakpoints the lines are straight, so they pass through every day's value of the model."""
    course = apply_modifiers(dataset.treatment(treatment), Personal())
    last = course.treatment.horizon_days
    for s in charted_symptoms(course, last):
        points = curve_points(s, last)
        assert points[0]["d"] == 0 and points[-1]["d"] == last
        assert len(points) < (last + 1) / 2  # far fewer than one point per day
        for d in range(last + 1):
            a = max(p["d"] for p in points if p["d"] <= d)
            b = min(p["d"] for p in points if p["d"] >= d)
            pa = next(p for p in points if p["d"] == a)
            pb = next(p for p in points if p["d"] == b)
            f = 0 if a == b else (d - a) / (b - a)
            drawn = [pa[k] + (pb[k] - pa[k]) * f for k in ("t", "lo", "hi")]
            model = symptom_levels(s, d)
            assert drawn == pytest.approx(model, abs=2e-3), (s.id, d)


def test_band_is_never_below_the_line_or_upside_down(eco2):
    spec = build_recovery_spec(eco2)
    for panel in _panels(spec):
        for p in _points(spec, panel):
            assert p["lo"] <= p["t"] <= p["hi"]


def test_symptoms_not_expected_get_no_panel(dataset):
    course = apply_modifiers(dataset.treatment("nafl-1550"), Personal())
    charted = {s.id for s in charted_symptoms(course, 30)}
    assert "oozing" not in charted and "crusting" not in charted
    assert set(build_recovery_spec(course)["usermeta"]["symptoms"]) == charted


def _milestones(spec):
    """The milestones the strip draws: a diamond at each one's day and its label beside it, from MILESTONES."""
    layer = _layers(spec)["milestones"]
    assert layer["encoding"]["x"] == {"field": "d", "type": "quantitative"}
    marks = [child["mark"]["type"] for child in layer["layer"]]
    assert marks == ["text", "text", "point"]
    assert [child["encoding"]["text"] for child in layer["layer"][:2]] == [{"field": "label"}] * 2
    return {r["label"]: r["d"] for r in spec["datasets"][MILESTONES]}


def test_milestone_markers_sit_at_the_data_days(eco2):
    assert _milestones(build_recovery_spec(eco2)) == {
        "Back to work and social life: day 5": 5,
        "First results: day 7": 7,
        "Makeup: day 7": 7,
    }
    all_days = _milestones(build_recovery_spec(eco2, 90))
    assert all_days["End of strict sun avoidance (keep using sunscreen): day 60"] == 60
    assert not any(label.startswith(("Follow-up", "Exercise")) for label in all_days)  # no day in the data


def test_modifier_moves_the_milestone_marker(dataset):
    deep = apply_modifiers(dataset.treatment("eco2"), Personal(intensity="deep"))
    rows = _milestones(build_recovery_spec(deep))
    assert rows["Back to work and social life: day 10"] == 10 and rows["Makeup: day 10"] == 10


def _day_rows(spec):
    return spec["datasets"][DAY_DATA]


def test_marked_day_is_a_line_across_every_panel_and_a_label_above(eco2):
    spec = build_recovery_spec(eco2, day=4)
    layers = _layers(spec)
    # one rule over the whole view's height (white over the gaps between the bands covers it, as it covers the grid)
    assert layers["line"] == {
        "data": {"name": DAY_DATA},
        "mark": "rule",
        "encoding": {"x": {"field": "d", "type": "quantitative"}},
    }
    assert layers["label"]["encoding"]["x"] == {"field": "d", "type": "quantitative"}
    assert _day_rows(spec) == [{"d": 4, "text": "Day 4", "right": True}]
    assert _day_rows(build_recovery_spec(eco2)) == []


def test_the_day_label_has_a_row_of_its_own_above_titles_and_labels(eco2):
    """The day's label never sits on a panel title or a milestone label: it is a row above them, text only."""
    spec = build_recovery_spec(eco2, day=4)
    layers = _layers(spec)
    label = layers["label"]
    assert {child["mark"]["type"] for child in label["layer"]} == {"text"}
    label_y = label["encoding"]["y"]["datum"]
    (white, baseline, heading) = layers["strip"]["layer"]
    assert heading["encoding"]["text"] == {"value": "Milestones"}
    heading_y = heading["encoding"]["y"]["datum"]  # the strip's top: its title reads upwards from there
    (place,) = layers["milestones"]["transform"]
    rows = [_evaluate(place["calculate"], row=r["row"]) for r in spec["datasets"][MILESTONES]]
    assert all(baseline["encoding"]["y"]["datum"] < y < heading_y for y in rows)  # inside the strip
    top = _curves(spec)["encoding"]["y"]["scale"]["domain"][1]
    assert heading_y + 1 <= label_y < top  # above the strip's title (14 px is under one level), on the chart


def test_the_day_label_reads_away_from_the_right_edge(eco2):
    """Left-aligned (reading rightwards) in the first 60 % of the days, right-aligned after, so it stays on the
    chart; each of the two text layers draws only its own side's rows."""
    label = _layers(build_recovery_spec(eco2, day=4))["label"]
    sides = {layer["mark"]["align"]: layer["transform"][0]["filter"] for layer in label["layer"]}
    assert sides == {"left": "datum.right", "right": "!datum.right"}
    assert [r["right"] for r in day_mark(30, 18)] == [True]
    assert [r["right"] for r in day_mark(30, 19)] == [False]


def test_only_the_day_data_changes_with_the_day(eco2):
    """A day step must leave the spec as it was, so the browser updates the chart it has instead of drawing it
    again: over every day of both ranges, with and without a date, only the DAY_DATA rows differ."""
    for last in (30, eco2.treatment.horizon_days):
        for start in (None, date(2026, 11, 22)):
            base = build_recovery_spec(eco2, last, start)
            base["datasets"].pop(DAY_DATA)
            for day in range(-1, eco2.treatment.horizon_days + 2):
                spec = build_recovery_spec(eco2, last, start, day)
                assert {**spec, "datasets": {k: v for k, v in spec["datasets"].items() if k != DAY_DATA}} == base
                assert _day_rows(spec) == day_mark(last, day, start)
                assert len(_day_rows(spec)) == (1 if 0 <= day <= last else 0)


def test_marked_day_with_a_date(eco2):
    spec = build_recovery_spec(eco2, start=date(2026, 11, 22), day=4)
    assert _day_rows(spec)[0]["text"] == "Day 4 (Thu 26 Nov)"


def test_a_day_past_the_range_is_not_marked(eco2):
    spec = build_recovery_spec(eco2, 30, day=45)
    assert _day_rows(spec) == []


def test_hover_words(eco2):
    assert hover_text(eco2.treatment.symptom("redness"), 4) == "Day 4 · Redness: mild (usually none to moderate)"
    assert hover_text(eco2.treatment.symptom("oozing"), 0) == (
        "Day 0 · Pinpoint bleeding and weeping: moderate (usually moderate)"
    )


def test_y_axis_is_labelled_in_words(eco2):
    spec = build_recovery_spec(eco2)
    label = spec["config"]["axisY"]["labelExpr"]
    n = len(_panels(spec))
    per_panel = str([["none", "mild", "moderate", "marked"]] * n)
    assert label == per_panel + "[floor(datum.value / 4.5)][round(datum.value % 4.5)]"
    ticks = [_base(spec, i) + level for i in range(n) for level in range(4)]
    # band and line take every panel's four levels from their parent layer, whose y they complete with a field;
    # Vega would thin the tick values out to the tick count
    axis = _curves(spec)["encoding"]["y"]["axis"]
    assert sorted(axis["values"]) == sorted(ticks) and axis["tickCount"] == len(ticks)
    assert all(set(layer["encoding"]["y"]) == {"field"} for layer in _curves(spec)["layer"])
    # each tick's word, as the label expression reads it (JavaScript's % on these halves is exact, as Python's)
    words = ["none", "mild", "moderate", "marked"]
    assert [words[round(v % PITCH)] for v in sorted(ticks)] == words * n


def test_y_axis_words_agree_with_each_panels_symptom_in_spanish(eco2):
    """In Spanish a level agrees with its symptom: 'ninguna' under Hinchazón, 'ninguno' under Tono bronce."""
    import ast

    from dashboard.i18n import set_language

    set_language("es")
    try:
        spec = build_recovery_spec(eco2)
    finally:
        set_language("en")
    label = spec["config"]["axisY"]["labelExpr"]
    table = ast.literal_eval(label.split("[floor(")[0])
    names = [p["name"] for p in _panels(spec)]  # top panel first
    n = len(names)
    slot_of = {s: n - 1 - i for i, s in enumerate(spec["usermeta"]["symptoms"])}  # the bottom panel is slot 0
    assert table[slot_of["swelling"]][0] == "ninguna" and table[slot_of["bronzing"]][0] == "ninguno"
    assert table[slot_of["crusting"]][3] == "marcadas"
    # the expression picks the panel's own list for each of its ticks
    for s, slot in slot_of.items():
        for level in range(4):
            value = slot * PITCH + level
            assert table[int(value // PITCH)][round(value % PITCH)] == table[slot][level], (s, level)


def test_chart_does_not_trap_scrolling(eco2):
    text = str(build_recovery_spec(eco2))
    assert "params" not in text and "'bind'" not in text and "zoom" not in text


def test_text_alternative_has_a_sentence_per_symptom(eco2):
    sentences = describe_symptoms(eco2)
    assert len(sentences) == len(eco2.treatment.symptoms)
    assert sentences[0] == (
        "Redness: starts on day 0, is strongest (marked) on day 0, and is usually gone by day 7; "
        "for some people it lasts until day 35, and studies report it up to day 90."
    )


def test_table_has_a_row_per_day_while_anything_is_usual(eco2):
    rows = build_table_markdown(eco2).splitlines()
    assert rows[0] == "| Day | Usually (usual range) |"
    day4 = next(r for r in rows if r.startswith("| 4 |"))
    assert "redness mild (none to moderate)" in day4
    assert rows[-1].startswith("| 34 |")  # light redness can last until day 35 (S24)
