"""The collagen model: curves pass through every cited anchor, cover weeks 0..52, and scale per session."""

from __future__ import annotations

import pytest

from dashboard.collagen import (
    MODEL_LABEL,
    SCALED_MARKERS,
    WEEKS,
    build_anchors,
    build_collagen,
    marker_level,
    session_weeks,
)
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset

DATA = load_dataset(DEFAULT_DATA_DIR)
MARKERS = [(t.id, m) for t in DATA.treatments.values() for m in t.collagen.markers]


@pytest.mark.parametrize(("treatment", "marker"), MARKERS, ids=[f"{t}-{m.id}" for t, m in MARKERS])
def test_curve_passes_through_each_anchor(treatment: str, marker) -> None:
    for a in marker.anchors:
        assert marker_level(marker, a.week) == pytest.approx(a.level)


@pytest.mark.parametrize(("treatment", "marker"), MARKERS, ids=[f"{t}-{m.id}" for t, m in MARKERS])
def test_curve_never_overshoots_its_anchors(treatment: str, marker) -> None:
    for a, b in zip(marker.anchors, marker.anchors[1:], strict=False):
        low, high = sorted((a.level, b.level))
        for i in range(1, 20):
            week = a.week + (b.week - a.week) * i / 20
            assert low - 1e-9 <= marker_level(marker, week) <= high + 1e-9


def test_curve_holds_before_the_first_and_after_the_last_anchor() -> None:
    marker = DATA.treatment("nafl-1550").collagen.markers[0]  # hsp70: anchors end at week 1
    assert marker_level(marker, -3) == marker.anchors[0].level
    assert marker_level(marker, 40) == marker.anchors[-1].level


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_rows_cover_weeks_0_to_52(treatment: str) -> None:
    t = DATA.treatment(treatment)
    rows = build_collagen(t)
    for m in t.collagen.markers:
        weeks = [r["week"] for r in rows if r["marker_id"] == m.id]
        assert weeks[0] == 0 and weeks[-1] == WEEKS
        assert weeks == sorted(weeks) and len(weeks) == WEEKS * 2 + 1
    assert all(0 <= r["level"] <= 1 for r in rows)


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_single_session_rows_meet_the_anchor_points(treatment: str) -> None:
    t = DATA.treatment(treatment)
    rows = {(r["marker_id"], r["week"]): r["response"] for r in build_collagen(t, step=0.05)}
    for anchor in build_anchors(t):
        key = (anchor["marker_id"], anchor["week"])
        if key in rows:
            assert rows[key] == pytest.approx(anchor["response"], abs=1e-4)


@pytest.mark.parametrize(
    ("treatment", "marker", "week", "response"),
    [
        ("eco2", "collagen-1", 26, 0.45),  # peak of 1 scaled by 45% of a fully ablative response (S10)
        ("eco2", "collagen-1", 13, 0.315),  # 0.7 * 0.45
        ("co2-full", "collagen-1", 52, 1.0),
        ("co2-full", "elastin", 26, 0.8),
        ("eco2", "hsp47", 13, 1.0),  # signalling proteins are relative to their own peak, not scaled
        ("nafl-1550", "collagen-1", 26, 0.11),
    ],
)
def test_scaling(treatment: str, marker: str, week: float, response: float) -> None:
    rows = build_collagen(DATA.treatment(treatment))
    row = next(r for r in rows if r["marker_id"] == marker and r["week"] == week)
    assert row["response"] == pytest.approx(response)


def test_sessions_add_up_for_collagen_but_not_for_signals() -> None:
    t = DATA.treatment("nafl-1550")
    one = {(r["marker_id"], r["week"]): r["response"] for r in build_collagen(t)}
    three = {(r["marker_id"], r["week"]): r["response"] for r in build_collagen(t, sessions=3, interval_days=21)}
    assert three[("collagen-1", 26)] > one[("collagen-1", 26)]
    assert three[("collagen-1", 2)] == one[("collagen-1", 2)]  # before the second session
    assert three[("hsp70", 3.5)] == one[("hsp70", 3.5)]
    for key, value in one.items():
        if key[0] in SCALED_MARKERS:
            assert three[key] >= value


@pytest.mark.parametrize(
    ("sessions", "interval", "weeks"), [(1, 0, [0.0]), (3, 21, [0.0, 3.0, 6.0]), (2, 42, [0.0, 6.0])]
)
def test_session_weeks(sessions: int, interval: int, weeks: list[float]) -> None:
    assert session_weeks(sessions, interval) == weeks


def test_anchor_rows_carry_their_source_and_whether_measured() -> None:
    rows = build_anchors(DATA.treatment("eco2"))
    s1 = next(r for r in rows if r["marker_id"] == "hsp72" and r["week"] == 0.3)
    assert (s1["source"], s1["measured"], s1["level"]) == ("S1", True, 1)
    assert all(r["source"] in DATA.sources for r in rows)


def test_model_label_says_it_is_a_model() -> None:
    assert "not a prediction" in MODEL_LABEL
