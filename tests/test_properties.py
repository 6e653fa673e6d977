"""Properties of the models that must hold for any input the data allows (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.course import Plan
from dashboard.facts import build_facts
from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.models import AREAS, INTENSITIES, PHOTOTYPES, Symptom
from dashboard.recovery import Personal, apply_modifiers, build_day, symptom_levels

DATA = load_dataset(DEFAULT_DATA_DIR)
TREATMENTS = sorted(DATA.treatments)
SYMPTOM_IDS = ["redness", "swelling", "oozing", "crusting", "bronzing", "peeling", "dryness", "tenderness"]

people = st.builds(
    Personal,
    area=st.sampled_from(AREAS),
    intensity=st.sampled_from(INTENSITIES),
    phototype=st.sampled_from((None, *PHOTOTYPES)),
)


@st.composite
def symptoms(draw: st.DrawFn) -> Symptom:
    """Any symptom the model accepts: days in order, ending after its peak when present."""
    onset = draw(st.integers(0, 60))
    peak = onset + draw(st.integers(0, 30))
    level = draw(st.integers(0, 3))
    earliest = peak + draw(st.integers(1 if level else 0, 60))
    typical = earliest + draw(st.integers(0, 60))
    range_end = typical + draw(st.integers(0, 120))
    longest = draw(st.none() | st.integers(range_end, 730))
    return Symptom(
        id=draw(st.sampled_from(SYMPTOM_IDS)),
        name="S",
        clinical_name="s",
        onset_day=onset,
        peak_day=peak,
        peak_level=level,
        earliest_end_day=earliest,
        typical_end_day=typical,
        range_end_day=range_end,
        longest_reported_day=longest,
        plain="p",
        sources=["S4"],
    )


def data_symptoms() -> st.SearchStrategy[Symptom]:
    return st.sampled_from([s for t in DATA.treatments.values() for s in t.symptoms])


@settings(max_examples=400)
@given(s=symptoms() | data_symptoms(), day=st.floats(-10, 800, allow_nan=False))
def test_levels_stay_on_the_scale_and_in_order(s: Symptom, day: float) -> None:
    typical, low, high = symptom_levels(s, day)
    assert 0 <= low <= typical <= high <= 3


@settings(max_examples=400)
@given(s=symptoms() | data_symptoms(), after=st.integers(0, 400))
def test_every_symptom_has_resolved_at_and_after_its_latest_day(s: Symptom, after: int) -> None:
    typical, _, high = symptom_levels(s, s.latest_day + after)
    assert typical == 0 and high == 0


@settings(max_examples=200)
@given(s=symptoms() | data_symptoms(), day=st.integers(0, 800))
def test_typical_is_gone_from_the_typical_end_day(s: Symptom, day: int) -> None:
    if day >= s.typical_end_day:
        assert symptom_levels(s, day)[0] == 0


@settings(max_examples=150, deadline=None)
@given(treatment=st.sampled_from(TREATMENTS), who=people, sessions=st.integers(1, 11), interval=st.integers(1, 120))
def test_more_sessions_never_mean_less_downtime_or_redness(
    treatment: str, who: Personal, sessions: int, interval: int
) -> None:
    course = apply_modifiers(DATA.treatment(treatment), who)
    fewer = build_facts(course, Plan(sessions, interval))
    more = build_facts(course, Plan(sessions + 1, interval))
    assert more.downtime_days >= fewer.downtime_days
    assert more.redness_days >= fewer.redness_days
    assert more.improving.day >= fewer.improving.day
    assert more.first_results.day == fewer.first_results.day  # a first change follows the first session


@settings(max_examples=300, deadline=None)
@given(treatment=st.sampled_from(TREATMENTS), who=people)
def test_modifiers_move_the_course_only_within_what_the_data_states(treatment: str, who: Personal) -> None:
    original = DATA.treatment(treatment)
    modified = apply_modifiers(original, who).treatment
    for before, after in zip(original.symptoms, modified.symptoms, strict=True):
        assert after.id == before.id
        for end in (after.typical_end_day, after.range_end_day):
            assert before.earliest_end_day <= end <= before.latest_day
        assert after.typical_end_day <= after.range_end_day
        assert (after.onset_day, after.peak_day, after.peak_level) == (
            before.onset_day,
            before.peak_day,
            before.peak_level,
        )
    for before, after in zip(original.milestones, modified.milestones, strict=True):
        if before.day is None:
            assert after.day is None
            continue
        low = before.earliest_day if before.earliest_day is not None else before.day
        high = before.latest_day if before.latest_day is not None else before.day
        assert low <= after.day <= high
    c0, c1 = original.course, modified.course
    assert c0.sessions.min <= c1.sessions.typical <= c0.sessions.max
    if c0.interval is not None:
        assert c0.interval.min_days <= c1.interval.min_days <= c1.interval.max_days <= c0.interval.max_days


@settings(max_examples=200, deadline=None)
@given(treatment=st.sampled_from(TREATMENTS), who=people, day=st.integers(-30, 800))
def test_every_day_has_a_phase_and_consistent_milestones(treatment: str, who: Personal, day: int) -> None:
    state = build_day(apply_modifiers(DATA.treatment(treatment), who), day)
    assert 0 <= state.day <= DATA.treatment(treatment).horizon_days
    assert all(m.day <= state.day for m in state.reached)
    assert all(m.day > state.day for m in state.upcoming)
    assert {w.id for w in state.warnings} == {w.id for w in DATA.treatment(treatment).warning_signs}
    assert len(state.symptoms) == 8
