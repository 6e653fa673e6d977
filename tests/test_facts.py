"""The derived facts of a course (dashboard/facts.py): one number and one sentence per fact, for every surface."""

from __future__ import annotations

import pytest

from dashboard.course import Plan
from dashboard.facts import build_facts
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.recovery import Personal, apply_modifiers

DATA = load_dataset(DEFAULT_DATA_DIR)


def facts(treatment: str, plan: Plan | None = None, who: Personal | None = None):
    return build_facts(apply_modifiers(DATA.treatment(treatment), who or Personal()), plan)


# (treatment, plan, redness total, downtime total, first results day, strong results day, improving until day)
TOTALS = [
    ("eco2", Plan(1, 42), 7, 5, 7, None, 180),  # redness gone by day 7 (clinic 5-7); work day 5 (S40)
    ("eco2", Plan(3, 42), 21, 15, 7, None, 264),  # first change after the first session, not the last
    ("nafl-1550", Plan(3, 21), 9, 6, None, 102, 312),  # 2-3 days of redness (S4); strong 2-3 months after (clinic)
    ("nafl-1927", Plan(3, 21), 9, 21, None, 102, 312),  # about a week of downtime per session (S26)
    ("co2-full", Plan(1, 0), 135, 14, 30, None, 365),  # redness: S8's mean of 4.5 months
    ("nafl-1550", Plan(2, 1), 4, 3, None, 61, 271),  # overlapping windows count each day once
]


@pytest.mark.parametrize(
    ("treatment", "plan", "redness", "downtime", "first", "strong", "improving"),
    TOTALS,
    ids=[f"{t}-{p.sessions}x{p.interval_days}" for t, p, *_ in TOTALS],
)
def test_totals_and_results_days(treatment, plan, redness, downtime, first, strong, improving) -> None:
    f = facts(treatment, plan)
    assert (f.redness_days, f.downtime_days) == (redness, downtime)
    assert (f.first_results.day, f.strong_results.day, f.improving.day) == (first, strong, improving)


def test_adding_sessions_does_not_delay_the_first_change() -> None:
    assert facts("eco2", Plan(1, 42)).first_results.value == facts("eco2", Plan(3, 42)).first_results.value


def test_redness_reads_the_same_as_the_symptom_it_comes_from() -> None:
    f = facts("eco2")
    typical = DATA.treatment("eco2").symptom("redness").typical_end_day
    assert f.redness.value == f"gone by day {typical}"
    assert f.redness_days == typical  # one session: days 0 to typical - 1


@pytest.mark.parametrize("treatment", sorted(DATA.treatments))
def test_an_unknown_fact_says_so_and_never_has_a_day(treatment: str) -> None:
    for fact in facts(treatment).all():
        if not fact.known:
            assert fact.day is None and fact.value == "not known"
            assert len(fact.text) > 20, fact


def test_clinic_only_facts_are_attributed_to_the_clinic() -> None:
    f = facts("eco2")
    assert f.first_results.sources == ("clinic-page",)
    assert "(the clinic says)" in f.first_results.text
    assert "(the clinic says)" in f.lasting.text  # up to 12 months
    assert "(the clinic says)" in facts("nafl-1550").strong_results.text
    assert "clinic says" not in f.improving.text  # S21, a study


def test_nonablative_first_change_is_not_known_and_strong_results_are_a_range() -> None:
    f = facts("nafl-1550")
    assert not f.first_results.known and f.first_results.value == "not known"
    assert "2 to 3 months after the last session" in f.strong_results.text


def test_the_eco2_one_session_default_says_it_is_the_clinics() -> None:
    text = facts("eco2").sessions.text
    # the count comes from the clinic's page, so it says so whatever else is cited beside it
    assert text.startswith("1 session (the clinic says).") and "2 to 3" in text


def test_modifiers_move_the_facts() -> None:
    assert facts("eco2", who=Personal(intensity="deep")).downtime.value == "from day 10"
    assert facts("eco2", who=Personal(intensity="light")).downtime.value == "from day 4"
