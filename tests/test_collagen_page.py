"""The collagen page: the model label, anchors with sources, phases, results milestones, overlays, bad links."""

import json

import pytest
from apptest import chart_spec, run_page, texts

from dashboard.collagen import MODEL_LABEL, SCALED_MARKERS
from dashboard.loader import load_dataset

PAGE = "pages/collagen.py"


def _charts(at):
    return [chart_spec(c) for c in at.get("vega_lite_chart")]


def _curve_names(spec):
    lines = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "line")
    return list(json.loads(lines["transform"][0]["calculate"].split("[datum.s]")[0]).values())


@pytest.mark.parametrize("tid", ["eco2", "nafl-1550", "co2-full"])
def test_anchors_are_drawn_with_their_sources(tid):
    t = load_dataset().treatment(tid)
    at = run_page(PAGE, treatment=tid)
    assert not at.exception
    spec = _charts(at)[0]
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    drawn = {(round(r["w"], 4), r["source"], r["kind"]) for r in points["data"]["values"]}
    expected = {
        (round(a.week, 4), a.source, "cited time point" if a.measured else "modelled point")
        for m in t.collagen.markers
        if m.id in SCALED_MARKERS
        for a in m.anchors
    }
    assert drawn == expected
    assert not at.get("plotly_chart") and not at.dataframe  # light on a phone: no Plotly, no data grid


def test_phases_results_and_model_label_are_on_screen():
    at = run_page(PAGE)
    spec = _charts(at)[0]
    labels = " ".join(
        str(r.get("name", "")) + " " + str(r.get("short", ""))
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text"
        for r in layer["data"]["values"]
    )
    for words in ("Inflammation", "Proliferation", "Remodelling", "First change", "Up to 12 months"):
        assert words in labels
    text = texts(at)
    assert MODEL_LABEL in text
    assert "Results can last up to 12 months (the clinic says)" in text
    assert "Studies do not agree on when the collagen response peaks" in text
    assert "Type III collagen (early) is drawn to show the usual pattern" in text


def test_default_overlays_show_a_nonablative_course_and_fully_ablative():
    names = _curve_names(_charts(run_page(PAGE))[0])
    assert "NAFL 1,550, 3 sessions, 21 days apart: type I (illustrative)" in names
    assert "Full CO2, 1 session: type I" in names


def test_nonablative_sessions_slider_changes_the_overlay():
    at = run_page(PAGE)
    at.slider[0].set_value(2).run()
    assert "NAFL 1,550, 2 sessions, 21 days apart: type I (illustrative)" in _curve_names(_charts(at)[0])
    assert "treatment" not in at.query_params


def test_removing_overlays_leaves_only_the_chosen_treatment():
    at = run_page(PAGE)
    at.get("button_group")[0].set_value([]).run()
    names = _curve_names(_charts(at)[0])
    assert names and all(n.startswith("eCO2, 1 session") for n in names)


def test_signals_chart_only_where_the_data_has_signals():
    assert len(_charts(run_page(PAGE, treatment="eco2"))) == 2
    assert len(_charts(run_page(PAGE, treatment="co2-full"))) == 1


def test_series_treatment_counts_results_from_the_last_session():
    at = run_page(PAGE, treatment="nafl-1550")
    text = texts(at)
    assert "For a usual course of 3 sessions, 21 days apart, counted from the first session" in text
    assert "Strong results show 2 to 3 months after the last session, about day 102 from the first" in text
    assert "No source gives when a first change shows" in text


def test_changing_treatment_writes_the_url():
    at = run_page(PAGE)
    at.selectbox[0].set_value("co2-full").run()
    assert at.query_params["treatment"] == "co2-full"


@pytest.mark.parametrize("bad", ["bogus", "<script>x</script>", ""])
def test_bad_treatment_falls_back_to_eco2(bad):
    at = run_page(PAGE, treatment=bad)
    assert not at.exception
    assert at.selectbox[0].value == "eco2"
    if bad:
        assert any("'treatment'" in w.value for w in at.warning)
    assert "<script" not in texts(at)
