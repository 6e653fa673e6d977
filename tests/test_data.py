"""The bundled data: complete, fully cited, and matching the evidence sheet on the figures that matter."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard.loader import DEFAULT_DATA_DIR, cited_facts, load_dataset

DATA = load_dataset(DEFAULT_DATA_DIR)
SYMPTOM_IDS = {"redness", "swelling", "oozing", "crusting", "bronzing", "peeling", "dryness", "tenderness"}
MILESTONE_KINDS = {"makeup", "work", "exercise", "sun", "skincare"}
MAX_UNCITED = 4


def test_every_cited_key_exists_and_nearly_every_source_is_cited() -> None:
    cites = cited_facts(DATA)
    assert set(cites) == set(DATA.sources), "a cited key is not in sources.yaml"
    uncited = sorted(key for key, places in cites.items() if not places)
    print("sources not cited by any fact:", uncited or "none")
    assert len(uncited) <= MAX_UNCITED, uncited


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_symptoms_cover_all_eight(treatment: str) -> None:
    ids = [s.id for s in DATA.treatment(treatment).symptoms]
    assert set(ids) == SYMPTOM_IDS and len(ids) == 8


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_milestones_cover_the_everyday_questions(treatment: str) -> None:
    kinds = {m.kind for m in DATA.treatment(treatment).milestones}
    assert kinds >= MILESTONE_KINDS


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_milestones_without_a_day_say_why(treatment: str) -> None:
    for m in DATA.treatment(treatment).milestones:
        if m.day is None:
            assert m.note and len(m.note) > 10, m.id


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_every_warning_sign_and_aftercare_window_falls_within_the_horizon(treatment: str) -> None:
    t = DATA.treatment(treatment)
    assert all(w.likely_from_day <= t.horizon_days for w in t.warning_signs)
    assert all(a.start_day <= t.horizon_days for a in t.aftercare)
    assert t.phases[0].start_day == 0
    for a, b in zip(t.phases, t.phases[1:], strict=False):
        assert b.start_day == a.end_day + 1, f"{a.id} -> {b.id}: phases leave a gap or overlap"


def _item(treatment: str, where: str) -> Any:
    t = DATA.treatment(treatment)
    kind, _, ident = where.partition(":")
    if kind == "symptom":
        return t.symptom(ident)
    if kind == "milestone":
        return next(m for m in t.milestones if m.id == ident)
    if kind == "sessions":
        return t.course.sessions
    if kind == "interval":
        return t.course.interval
    if kind == "results":
        return getattr(t.course.results, ident)
    if kind == "scale":
        return t.collagen.scale
    if kind == "visit":
        return t.visit
    raise ValueError(where)


# (treatment, item, field, check, source key that must be cited on the item)
EVIDENCE = [
    ("eco2", "symptom:redness", "typical_end_day", range(5, 8), "clinic-page"),  # fades after about 5-7 days
    ("eco2", "symptom:oozing", "typical_end_day", range(0, 2), "S4"),  # resolves within 24 h
    ("eco2", "symptom:oozing", "range_end_day", range(1, 3), "S4"),  # ... of a day-0 treatment
    ("eco2", "symptom:swelling", "range_end_day", range(2, 8), "S4"),  # under a week
    ("eco2", "symptom:crusting", "typical_end_day", range(4, 7), "S20"),  # crusting 4-6 days
    ("eco2", "milestone:work", "day", range(4, 6), "S40"),  # about 5 days, many by day 4
    ("eco2", "milestone:work", "latest_day", range(10, 15), "S40"),  # up to 10-14
    ("eco2", "milestone:makeup", "latest_day", range(10, 11), "S40"),  # 7-10 days (clinic advice)
    ("eco2", "milestone:sun", "day", range(30, 61), "S4"),  # 1-2 months
    ("eco2", "sessions", "typical", range(1, 2), "clinic-page"),  # results after one treatment
    ("eco2", "interval", "min_days", range(42, 43), "S13"),  # 6-8 weeks apart
    ("eco2", "interval", "max_days", range(56, 57), "S13"),
    ("eco2", "scale", "per_session", (0.4, 0.45, 0.5), "S10"),  # 40-50% of fully ablative
    ("eco2", "visit", "minutes", range(60, 61), "clinic-page"),  # about one hour
    ("co2-full", "symptom:redness", "range_end_day", range(136, 181), "S8"),  # beyond the mean of 4.5 months
    ("co2-full", "symptom:redness", "earliest_end_day", range(28, 35), "S9"),  # 4.5 weeks after single pass
    ("co2-full", "milestone:makeup", "latest_day", range(14, 15), "S40"),  # 7-14 days
    ("co2-full", "results:improving_until", "day", range(365, 366), "S11"),  # rising at 1 year
    ("eco2", "results:improving_until", "day", range(150, 181), "S21"),  # 1 to 6 months after the last
    ("eco2", "results:lasting", "months", range(12, 13), "clinic-page"),  # up to 12 months
    ("nafl-1550", "milestone:work", "day", range(2, 3), "S5"),  # social downtime 2 days
    ("nafl-1550", "milestone:makeup", "day", range(0, 1), "S31"),  # makeup immediately
    ("nafl-1550", "symptom:redness", "typical_end_day", range(2, 4), "S4"),  # 2-3 days
    ("nafl-1550", "sessions", "typical", range(3, 4), "S4"),  # 3 treatments
    ("nafl-1550", "interval", "min_days", range(21, 22), "S4"),  # 3-4 weeks apart
    ("nafl-1550", "interval", "max_days", range(28, 29), "S4"),
    ("nafl-1550", "results:strong", "day", range(60, 61), "clinic-page"),  # strong results after 2-3 months
    ("nafl-1550", "results:strong", "latest_day", range(90, 91), "clinic-page"),
    ("nafl-1550", "sessions", "max", range(3, 4), "S4"),  # the studies used 3
    ("eco2", "milestone:results", "day", range(5, 8), "clinic-page"),  # results as redness fades
    ("nafl-1927", "milestone:work", "day", range(7, 8), "S26"),  # downtime about 1 week
    ("nafl-1927", "interval", "min_days", range(21, 22), "S26"),  # 3 weeks apart (face)
    ("nafl-1927", "sessions", "typical", range(3, 4), "S25"),
]


@pytest.mark.parametrize(
    ("treatment", "where", "field_name", "allowed", "source"),
    EVIDENCE,
    ids=[f"{t}-{w}-{f}" for t, w, f, _, _ in EVIDENCE],
)
def test_figures_match_the_evidence_and_cite_it(
    treatment: str, where: str, field_name: str, allowed: Any, source: str
) -> None:
    item = _item(treatment, where)
    value = getattr(item, field_name)
    if isinstance(allowed, range):
        assert value in allowed, f"{value} not in {allowed.start}..{allowed.stop - 1}"
    else:
        assert min(allowed) <= value <= max(allowed)
    assert source in item.sources, f"{source} is not cited on {treatment} {where}"


def test_fully_ablative_redness_mean_sits_within_its_range() -> None:
    """S8: redness in all patients, mean 4.5 months (about 135 days): inside the stated range, cited."""
    redness = DATA.treatment("co2-full").symptom("redness")
    assert redness.earliest_end_day <= 135 <= redness.latest_day
    assert "S8" in redness.sources


def test_eco2_needs_fewer_sessions_than_nonablative() -> None:
    """The clinic's claim is shown against the data: one eCO2 session versus a nonablative series."""
    assert DATA.treatment("eco2").course.sessions.typical < DATA.treatment("nafl-1550").course.sessions.typical


def test_unverified_eco2_healing_time_is_named_as_a_gap() -> None:
    topics = " ".join(g.topic + " " + g.text for g in DATA.treatment("eco2").gaps).lower()
    assert "healing" in topics and "eco2" in topics
