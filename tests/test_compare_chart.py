"""The compare logic and timeline chart: sessions, downtime, the marked day, the claim next to the evidence."""

import pytest

from dashboard.charts import DAY_DATA
from dashboard.charts.compare import build_timeline_chart, day_rows
from dashboard.compare import (
    axis_end,
    build_claim_check,
    build_cross_section,
    build_summaries,
    build_timeline_rows,
    build_totals_table,
    cross_section_rows,
    describe_summary,
)
from dashboard.loader import load_dataset
from dashboard.recovery import Personal, apply_modifiers

IDS = ["eco2", "nafl-1550", "co2-full"]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def courses(dataset):
    return {tid: apply_modifiers(dataset.treatment(tid), Personal()) for tid in IDS}


def _kinds(rows, name, kind):
    return [r for r in rows if r["treatment"] == name and r["kind"] == kind]


def test_timeline_rows_have_one_session_row_per_session(courses):
    rows = build_timeline_rows(build_summaries(courses))
    assert len(_kinds(rows, "eCO2", "Session")) == 1
    assert [r["start"] for r in _kinds(rows, "NAFL 1,550", "Session")] == [0, 21, 42]
    assert len(_kinds(rows, "Full CO2", "Session")) == 1
    assert len(_kinds(rows, "NAFL 1,550", "Social downtime")) == 3
    assert all(r["sources"] for r in rows)


@pytest.mark.parametrize(("sessions", "expected"), [(2, 2), (99, 3), (0, 1)])
def test_sessions_stay_within_the_data_range(courses, sessions, expected):
    summaries = build_summaries(courses, {"nafl-1550": sessions})
    nafl = next(s for s in summaries if s.id == "nafl-1550")
    assert nafl.plan.sessions == expected
    assert nafl.facts.plan.sessions == expected


def test_axis_end_fits_every_event(courses):
    summaries = build_summaries(courses)
    end = axis_end(summaries)
    rows = build_timeline_rows(summaries)
    assert all(r["end"] <= end for r in rows)


def test_chart_marks_the_day_and_has_no_zoom_or_pan(courses):
    summaries = build_summaries(courses)
    chart = build_timeline_chart(build_timeline_rows(summaries), [s.name for s in summaries], axis_end(summaries))
    spec = chart.to_dict()
    text = str(spec)
    assert "params" not in spec and "'bind'" not in text and "selection" not in text
    # the day's dashed line and its label read the day from DAY_DATA, which the page sends with the spec
    marker = [layer for layer in spec["layer"] if layer.get("data") == {"name": DAY_DATA}]
    assert sorted(layer["mark"]["type"] for layer in marker) == ["rule", "text"]
    assert all(layer["encoding"]["x"]["field"] == "day" for layer in marker)
    assert day_rows(22) == [{"day": 22, "text": "Day 22"}]


def test_cross_section_reads_the_latest_session(courses):
    summaries = {s.id: s for s in build_summaries(courses)}
    x = build_cross_section(courses["nafl-1550"], summaries["nafl-1550"], 22)
    assert (x.sessions_done, x.days_since_last, x.next_session_day) == (2, 1, 42)
    eco2 = build_cross_section(courses["eco2"], summaries["eco2"], 0)
    assert eco2.in_downtime and eco2.red and not eco2.results_showing
    full = build_cross_section(courses["co2-full"], summaries["co2-full"], 40)
    assert full.red and not full.in_downtime and full.results_showing


def test_totals_table_is_one_column_per_treatment_with_sources(courses):
    table = build_totals_table(build_summaries(courses))
    assert list(table) == ["", "eCO2", "NAFL 1,550", "Full CO2"]
    assert table["NAFL 1,550"][0] == "3, 21 days apart"
    assert "S10" not in table["eCO2"][-1] and "S20" in table["eCO2"][-1]
    rows = table[""]
    # like with like: a first change against a first change, strong results against strong results
    assert table["eCO2"][rows.index("First results")] == "about day 7"
    assert table["NAFL 1,550"][rows.index("First results")] == "not known"
    assert table["NAFL 1,550"][rows.index("Strong results")] == "about day 102"
    assert table["eCO2"][rows.index("Days of visible redness, in all")] == "7"


def test_summary_sentence_states_the_trade_off(courses):
    summaries = {s.id: s for s in build_summaries(courses)}
    assert "1 session (the clinic says)." in describe_summary(summaries["eco2"])
    assert "3 sessions, 21 days apart" in describe_summary(summaries["nafl-1550"])


def test_claim_is_shown_with_the_evidence_and_the_gaps(dataset):
    points = build_claim_check(dataset, IDS)
    kinds = [p.kind for p in points]
    assert kinds[0] == "claim" and points[0].sources == ("clinic-page",)
    assert kinds.count("gap") == 3
    assert any("No nonablative study we have used more than 3 sessions" in p.text for p in points)
    keys = {k for p in points for k in p.sources}
    assert {"S10", "S13", "S14", "S4"} <= keys
    assert any("head to head" in p.text for p in points)
    assert any("40 to 50%" in p.text for p in points)


def test_claim_names_the_nonablative_series_of_each_compared_laser(dataset):
    points = build_claim_check(dataset, ["eco2", "nafl-1927"])
    series = [p for p in points if "series of 3" in p.text]
    assert len(series) == 1 and {"S25", "S26"} <= set(series[0].sources)


def test_same_day_cards_line_up_the_same_rows(courses):
    summaries = build_summaries(courses)
    rows = [cross_section_rows(build_cross_section(courses[s.id], s, 30)) for s in summaries]
    assert len({tuple(label for label, _ in r) for r in rows}) == 1
    assert all(value for r in rows for _, value in r)
