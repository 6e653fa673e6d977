"""The collagen charts (finished Vega-Lite specs): phases as bands, cited anchors with their shape and source,
overlays, results marks, nothing that traps a phone's scroll."""

import json

import pytest

from dashboard.charts.collagen import (
    Overlay,
    anchor_table_markdown,
    build_collagen_spec,
    build_results_marks,
    build_signals_spec,
    describe_collagen,
)
from dashboard.collagen import SCALED_MARKERS
from dashboard.facts import build_facts
from dashboard.loader import load_dataset
from dashboard.recovery import Personal, apply_modifiers


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def titles(dataset):
    return {k: s.title for k, s in dataset.sources.items()}


def _facts(dataset, tid):
    return build_facts(apply_modifiers(dataset.treatment(tid), Personal()))


def _spec(dataset, titles, tid, overlays=()):
    return build_collagen_spec(dataset.treatment(tid), list(overlays), titles, _facts(dataset, tid))


def _layer(spec, mark):
    return [
        layer
        for layer in spec["layer"]
        if (layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]) == mark
    ]


def _curves(spec):
    [lines] = _layer(spec, "line")
    names = json.loads(lines["transform"][0]["calculate"].split("[datum.s]")[0])
    by_name: dict[str, list[float]] = {}
    for row in lines["data"]["values"]:
        by_name.setdefault(names[row["s"]], []).append(row["v"])
    return by_name


@pytest.mark.parametrize("tid", ["eco2", "co2-full", "nafl-1550", "nafl-1927"])
def test_every_scaled_anchor_is_drawn_with_its_source(dataset, titles, tid):
    t = dataset.treatment(tid)
    [points] = _layer(_spec(dataset, titles, tid), "point")
    drawn = {(round(r["w"], 4), r["source"], r["kind"]) for r in points["data"]["values"]}
    expected = {
        (round(a.week, 4), a.source, "cited time point" if a.measured else "modelled point")
        for m in t.collagen.markers
        if m.id in SCALED_MARKERS
        for a in m.anchors
    }
    assert drawn == expected
    assert all(r["title"] for r in points["data"]["values"])  # the source's title on hover


def test_measured_anchors_are_filled_and_modelled_ones_open(dataset, titles):
    [points] = _layer(_spec(dataset, titles, "eco2"), "point")
    for r in points["data"]["values"]:
        assert (r["fill"] == "#ffffff") == (r["kind"] == "modelled point")


def test_phases_are_bands_with_their_names(dataset, titles):
    t = dataset.treatment("eco2")
    spec = _spec(dataset, titles, "eco2")
    [bands] = _layer(spec, "rect")
    assert [(b["a"], b["b"]) for b in bands["data"]["values"]] == [
        (p.start_week, p.end_week) for p in t.collagen.phases
    ]
    names = {r["name"] for layer in _layer(spec, "text") for r in layer["data"]["values"] if "name" in r}
    assert {"Inflammation", "Proliferation", "Remodelling"} <= names


def test_phase_names_sit_above_the_highest_tick(dataset, titles):
    spec = _spec(dataset, titles, "eco2")
    ticks = spec["encoding"]["y"]["axis"]["values"]
    for layer in _layer(spec, "text"):
        for r in layer["data"]["values"]:
            if "name" in r:
                assert r["y"] > max(ticks)


def test_overlays_add_a_labelled_course_curve(dataset, titles):
    nafl, full = dataset.treatment("nafl-1550"), dataset.treatment("co2-full")
    curves = _curves(_spec(dataset, titles, "eco2", [Overlay(nafl, 3, 21), Overlay(full, 1, 0)]))
    assert "NAFL 1,550, 3 sessions, 21 days apart: type I (illustrative)" in curves
    assert "Full CO2, 1 session: type I" in curves
    one = _curves(_spec(dataset, titles, "eco2", [Overlay(nafl, 1, 21)]))
    assert max(curves["NAFL 1,550, 3 sessions, 21 days apart: type I (illustrative)"]) > 2 * max(
        one["NAFL 1,550, 1 session: type I (illustrative)"]
    )


def test_illustrative_curves_say_so(dataset, titles):
    curves = _curves(_spec(dataset, titles, "eco2"))
    assert "eCO2, 1 session: type III (illustrative)" in curves
    assert "eCO2, 1 session: type I" in curves


def test_nothing_traps_a_phones_scroll(dataset, titles):
    text = json.dumps(_spec(dataset, titles, "eco2"))
    assert '"params"' not in text and '"bind"' not in text and "zoom" not in text


def test_results_marks_come_from_the_course_facts(dataset):
    marks = build_results_marks(_facts(dataset, "eco2"))
    assert [m.short for m in marks] == ["First change", "Improving", "Up to 12 months"]
    assert marks[0].week == 1 and marks[0].sources == ("clinic-page",)
    series = build_results_marks(_facts(dataset, "nafl-1550"))
    assert [m.short for m in series] == ["Strong results", "Improving"]  # no source gives a first change
    assert series[0].week == pytest.approx((42 + 60) / 7)
    assert "after the last session" in series[0].text


def test_signals_chart_keeps_the_early_peak(dataset, titles):
    spec = build_signals_spec(dataset.treatment("nafl-1550"), titles)
    assert max(max(v) for v in _curves(spec).values()) > 0.9
    assert build_signals_spec(dataset.treatment("co2-full"), titles) is None


def test_a_year_of_improvement_ends_on_the_last_week(dataset):
    marks = build_results_marks(_facts(dataset, "co2-full"))
    improving = next(m for m in marks if m.short == "Improving")
    assert improving.week == 52 and "until about day 365" in improving.text


def test_text_alternative_and_anchor_table(dataset):
    t = dataset.treatment("eco2")
    lines = describe_collagen(t, [])
    assert lines[0].startswith("The scale: 1 is the response to one fully ablative CO2 treatment.")
    table = anchor_table_markdown(t, SCALED_MARKERS).splitlines()
    anchors = [a for m in t.collagen.markers if m.id in SCALED_MARKERS for a in m.anchors]
    assert len(table) == 2 + len(anchors)
    assert any("Reported in a study" in row and "[S11](sources#src-s11)" in row for row in table)
    # S1 measured a collagen-making signal and S21 how the skin looked, not collagen: their points are modelled
    assert any("Modelled" in row and "[S21](sources#src-s21)" in row for row in table)
    assert not any("Reported in a study" in row and "[S1](sources#src-s1)" in row and "Type I" in row for row in table)
