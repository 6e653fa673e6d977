"""The symptom chart builder: parsed from fig.to_dict(), the figure must say what the data says."""

from datetime import date

import pytest

from dashboard.charts.palette import SYMPTOM_COLOURS, SYMPTOM_DASHES
from dashboard.charts.recovery import (
    CHART_CONFIG,
    DAY_MARKER,
    build_recovery_figure,
    build_table,
    charted_symptoms,
    describe_symptoms,
    hover_text,
    mark_day,
)
from dashboard.loader import load_dataset
from dashboard.recovery import Personal, apply_modifiers


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def eco2(dataset):
    return apply_modifiers(dataset.treatment("eco2"), Personal())


def _traces(fig, role):
    return [t for t in fig.to_dict()["data"] if (t.get("meta") or {}).get("role") == role]


def test_default_range_is_the_first_thirty_days_for_ablative(eco2):
    layout = build_recovery_figure(eco2).to_dict()["layout"]
    assert layout["xaxis"]["range"] == [-0.5, 30.5]
    assert layout["meta"]["last_day"] == 30


def test_all_days_reaches_the_horizon(eco2):
    fig = build_recovery_figure(eco2, last_day=90)
    typical = _traces(fig, "typical")[0]
    assert list(typical["x"])[-1] == 90


def test_one_typical_line_and_one_band_per_symptom(eco2):
    fig = build_recovery_figure(eco2)
    typical, bands = _traces(fig, "typical"), _traces(fig, "band")
    ids = [s.id for s in eco2.treatment.symptoms if s.peak_level > 0]
    assert [t["meta"]["symptom"] for t in typical] == ids
    assert [t["meta"]["symptom"] for t in bands] == ids
    for t in typical:
        sid = t["meta"]["symptom"]
        assert t["line"]["color"] == SYMPTOM_COLOURS[sid]
        assert t["line"]["dash"] == SYMPTOM_DASHES[sid]
    for b in bands:
        assert b["fill"] == "toself"
        # the band's upper edge is never below its lower edge
        n = len(b["x"]) // 2
        upper, lower = list(b["y"][:n]), list(b["y"][n:])[::-1]
        assert all(u >= lo for u, lo in zip(upper, lower, strict=True))


def test_typical_line_follows_the_data(eco2):
    fig = build_recovery_figure(eco2)
    redness = next(t for t in _traces(fig, "typical") if t["meta"]["symptom"] == "redness")
    assert redness["y"][0] == 3  # marked on the day of treatment (peak_level 3 in eco2.yaml)
    assert redness["y"][7] == 0  # gone by typical_end_day 7


def test_symptoms_not_expected_get_no_panel(dataset):
    course = apply_modifiers(dataset.treatment("nafl-1550"), Personal())
    charted = {s.id for s in charted_symptoms(course, 30)}
    assert "oozing" not in charted and "crusting" not in charted
    assert {t["meta"]["symptom"] for t in _traces(build_recovery_figure(course), "typical")} == charted


def test_milestone_markers_sit_at_the_data_days(eco2):
    fig = build_recovery_figure(eco2)
    markers = {t["meta"]["milestone"]: t["x"][0] for t in _traces(fig, "milestone")}
    assert markers == {"work": 5, "makeup": 7, "results": 7}  # sun (day 60) is beyond day 30
    texts = [t["text"][0] for t in _traces(fig, "milestone")]
    assert "Makeup: day 7" in texts
    all_days = {t["meta"]["milestone"]: t["x"][0] for t in _traces(build_recovery_figure(eco2, 90), "milestone")}
    assert all_days["sun"] == 60
    assert "follow-up" not in all_days and "exercise" not in all_days  # no day in the data


def test_modifier_moves_the_milestone_marker(dataset):
    deep = apply_modifiers(dataset.treatment("eco2"), Personal(intensity="deep"))
    markers = {t["meta"]["milestone"]: t["x"][0] for t in _traces(build_recovery_figure(deep), "milestone")}
    assert markers["work"] == 10 and markers["makeup"] == 10


def test_marked_day_is_a_labelled_vertical_line(eco2):
    base = build_recovery_figure(eco2)
    fig = mark_day(base, 4).to_dict()
    line = next(s for s in fig["layout"]["shapes"] if s.get("name") == DAY_MARKER)
    assert line["x0"] == line["x1"] == 4
    assert (line["yref"], line["y0"], line["y1"]) == ("paper", 0, 1)
    label = next(a for a in fig["layout"]["annotations"] if a.get("name") == DAY_MARKER)
    assert label["x"] == 4 and "Day 4" in label["text"]
    # the cached base stays unmarked
    assert not any(s.get("name") == DAY_MARKER for s in base.to_dict()["layout"].get("shapes", []))


def test_marked_day_with_a_date(eco2):
    fig = mark_day(build_recovery_figure(eco2, start=date(2026, 11, 22)), 4, date(2026, 11, 22)).to_dict()
    label = next(a for a in fig["layout"]["annotations"] if a.get("name") == DAY_MARKER)
    assert "Day 4 (Thu 26 Nov)" in label["text"]


def test_hover_text_is_in_words(eco2):
    fig = build_recovery_figure(eco2)
    redness = next(t for t in _traces(fig, "typical") if t["meta"]["symptom"] == "redness")
    assert redness["hovertext"][4] == "Day 4 · Redness: mild (usually none to moderate)"
    assert redness["hoverinfo"] == "text"
    assert hover_text(eco2.treatment.symptom("oozing"), 0) == (
        "Day 0 · Pinpoint bleeding and weeping: moderate (usually moderate)")


def test_y_axis_is_labelled_in_words(eco2):
    layout = build_recovery_figure(eco2).to_dict()["layout"]
    assert layout["yaxis2"]["ticktext"] == ["none", "mild", "moderate", "marked"]
    assert layout["yaxis2"]["tickvals"] == [0, 1, 2, 3]


def test_chart_does_not_trap_scrolling(eco2):
    layout = build_recovery_figure(eco2).to_dict()["layout"]
    assert layout["dragmode"] is False
    axes = [v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))]
    assert axes and all(a.get("fixedrange") for a in axes)
    assert CHART_CONFIG["scrollZoom"] is False and CHART_CONFIG["displayModeBar"] is False


def test_text_alternative_has_a_sentence_per_symptom(eco2):
    sentences = describe_symptoms(eco2)
    assert len(sentences) == len(eco2.treatment.symptoms)
    assert sentences[0] == ("Redness: starts on day 0, is strongest (marked) on day 0, and is usually gone by day 7; "
                            "for some people it lasts until day 35, and studies report it up to day 90.")


def test_table_rows_match_the_range(eco2):
    rows = build_table(eco2, 30)
    assert len(rows) == 31 * len(eco2.treatment.symptoms)
    assert {"Day": 4, "Symptom": "Redness", "Typical": "mild", "Usual range": "none to moderate"} in rows
