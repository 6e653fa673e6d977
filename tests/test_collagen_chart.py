"""The collagen charts: phases as bands, cited anchors with their shape and source, overlays, fixed axes."""

import pytest

from dashboard.charts.collagen import (
    PLOTLY_CONFIG,
    Overlay,
    build_collagen_figure,
    build_results_marks,
    build_signals_figure,
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


def _anchor_traces(fig):
    return [t for t in fig.data if t.mode == "markers"]


@pytest.mark.parametrize("tid", ["eco2", "co2-full", "nafl-1550", "nafl-1927"])
def test_every_scaled_anchor_is_drawn_with_its_source(dataset, titles, tid):
    t = dataset.treatment(tid)
    fig = build_collagen_figure(t, [], titles)
    drawn = {(round(x, 4), cd[1]) for tr in _anchor_traces(fig) for x, cd in zip(tr.x, tr.customdata, strict=True)}
    expected = {(round(a.week, 4), a.source) for m in t.collagen.markers if m.id in SCALED_MARKERS for a in m.anchors}
    assert drawn == expected


def test_measured_and_modelled_anchors_differ_in_shape(dataset, titles):
    fig = build_collagen_figure(dataset.treatment("eco2"), [], titles)
    for tr in _anchor_traces(fig):
        kinds = {cd[3] for cd in tr.customdata}
        assert len(kinds) == 1
        assert tr.marker.symbol.endswith("-open") == (kinds == {"modelled point"})


def test_phases_are_bands_with_their_names(dataset, titles):
    t = dataset.treatment("eco2")
    fig = build_collagen_figure(t, [], titles)
    bands = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(b.x0, b.x1) for b in bands] == [(p.start_week, p.end_week) for p in t.collagen.phases]
    labels = " ".join(a.text for a in fig.layout.annotations)
    for name in ("Inflammation", "Proliferation", "Remodelling"):
        assert name in labels


def test_overlays_add_a_labelled_course_curve(dataset, titles):
    nafl, full = dataset.treatment("nafl-1550"), dataset.treatment("co2-full")
    fig = build_collagen_figure(dataset.treatment("eco2"), [Overlay(nafl, 3, 21), Overlay(full, 1, 0)], titles)
    names = [tr.name for tr in fig.data if tr.mode == "lines"]
    assert "NAFL 1,550, 3 sessions: type I (illustrative)" in names
    assert "Full CO2, 1 session: type I" in names
    course = next(tr for tr in fig.data if tr.name.startswith("NAFL 1,550, 3"))
    one = build_collagen_figure(dataset.treatment("eco2"), [Overlay(nafl, 1, 21)], titles)
    single = next(tr for tr in one.data if tr.name.startswith("NAFL 1,550, 1"))
    assert max(course.y) > 2 * max(single.y)


def test_illustrative_curves_say_so(dataset, titles):
    fig = build_collagen_figure(dataset.treatment("eco2"), [], titles)
    names = [tr.name for tr in fig.data if tr.mode == "lines"]
    assert "eCO2, 1 session: type III (illustrative)" in names
    assert "eCO2, 1 session: type I" in names


def test_axes_are_fixed_so_phones_can_scroll(dataset, titles):
    fig = build_collagen_figure(dataset.treatment("eco2"), [], titles)
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange
    assert fig.layout.dragmode is False
    assert PLOTLY_CONFIG["scrollZoom"] is False and PLOTLY_CONFIG["displayModeBar"] is False


def _facts(dataset, tid):
    return build_facts(apply_modifiers(dataset.treatment(tid), Personal()))


def test_results_marks_come_from_the_course_facts(dataset):
    marks = build_results_marks(_facts(dataset, "eco2"))
    assert [m.short for m in marks] == ["First change", "Improving", "Up to 12 months"]
    assert marks[0].week == 1 and marks[0].sources == ("clinic-page",)
    series = build_results_marks(_facts(dataset, "nafl-1550"))
    assert [m.short for m in series] == ["Strong results", "Improving"]  # no source gives a first change
    assert series[0].week == pytest.approx((42 + 60) / 7)
    assert "after the last session" in series[0].text


def test_signals_chart_keeps_the_early_peak(dataset, titles):
    fig = build_signals_figure(dataset.treatment("nafl-1550"), titles)
    hsp70 = next(tr for tr in fig.data if tr.mode == "lines")
    assert max(hsp70.y) > 0.9
    assert build_signals_figure(dataset.treatment("co2-full"), titles) is None


def test_a_year_of_improvement_ends_on_the_last_week():
    marks = build_results_marks(_facts(load_dataset(), "co2-full"))
    improving = next(m for m in marks if m.short == "Improving")
    assert improving.week == 52 and "until about day 365" in improving.text
