"""The recovery model: (treatment, day, modifiers) -> levels in numbers and words, phase, milestones, care, warnings."""

from __future__ import annotations

import pytest

from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.recovery import (
    Personal,
    apply_modifiers,
    build_day,
    level_word,
    phase_on,
    symptom_levels,
)
from dashboard.triage import answer

DATA = load_dataset(DEFAULT_DATA_DIR)
BASE = Personal()


def day_state(treatment: str, day: int, who: Personal = BASE):
    return build_day(apply_modifiers(DATA.treatment(treatment), who), day)


def levels(treatment: str, day: int, who: Personal = BASE) -> dict[str, tuple[float, float, float]]:
    return {
        s.symptom.id: (round(s.typical, 2), round(s.low, 2), round(s.high, 2))
        for s in day_state(treatment, day, who).symptoms
    }


# Hand-computed from the curve: half the peak at onset rising to the peak, then a straight fall to nothing on the
# end day (earliest_end_day for the low, typical_end_day for the typical, and for the high the earlier of
# range_end_day and 2*typical-earliest, held at least at "mild" until range_end_day).
LEVELS = [
    ("eco2", 0, BASE, "redness", (3.0, 3.0, 3.0)),
    ("eco2", 3, BASE, "redness", (1.71, 0.75, 2.1)),  # 3*(1-3/7), 3*(1-3/4), 3*(1-3/10)
    ("eco2", 7, BASE, "redness", (0.0, 0.0, 1.0)),  # gone typically; mild still within range until day 35
    ("eco2", 35, BASE, "redness", (0.0, 0.0, 0.0)),
    ("eco2", 40, Personal(phototype=4), "redness", (0.0, 0.0, 1.0)),  # type IV: range to day 90 (S18, type IV only)
    ("eco2", 40, Personal(phototype=5), "redness", (0.0, 0.0, 0.0)),  # no study gives this for type V (S33)
    ("eco2", 3, Personal(intensity="light"), "redness", (1.71, 0.75, 2.1)),  # no source gives light-setting days
    ("eco2", 0, BASE, "swelling", (1.0, 1.0, 1.0)),  # half of peak 2 at onset
    ("eco2", 1, BASE, "swelling", (2.0, 2.0, 2.0)),
    ("eco2", 2, BASE, "swelling", (1.0, 0.0, 1.33)),  # 2*(1-1/2); low ends on day 2; high 2*(1-1/3)
    ("eco2", 0, BASE, "oozing", (2.0, 2.0, 2.0)),
    ("eco2", 1, BASE, "oozing", (0.0, 0.0, 1.0)),  # stops within 24 h (S4): a mild tail on day 1
    ("eco2", 2, BASE, "oozing", (0.0, 0.0, 0.0)),
    ("eco2", 0, BASE, "crusting", (0.0, 0.0, 0.0)),  # not before onset
    ("eco2", 1, BASE, "crusting", (1.0, 1.0, 1.0)),
    ("eco2", 2, BASE, "crusting", (2.0, 2.0, 2.0)),
    ("nafl-1550", 1, BASE, "redness", (1.33, 1.0, 1.5)),  # 2*(1-1/3), 2*(1-1/2), 2*(1-1/4)
    ("nafl-1550", 3, BASE, "redness", (0.0, 0.0, 1.0)),  # "2 to 3 days" (S4): mild still within range on day 3
    ("nafl-1550", 4, BASE, "redness", (0.0, 0.0, 0.0)),
    ("nafl-1550", 0, BASE, "oozing", (0.0, 0.0, 0.0)),  # peak level 0: never present
    ("co2-full", 60, BASE, "redness", (1.67, 0.0, 2.0)),  # 3*(1-60/135) (S8's mean); high 3*(1-60/180)
    ("co2-full", 10, BASE, "bronzing", (0.0, 0.0, 0.0)),
]


@pytest.mark.parametrize(
    ("treatment", "day", "who", "symptom", "expected"),
    LEVELS,
    ids=[f"{t}-d{d}-{s}-{i}" for i, (t, d, _, s, _) in enumerate(LEVELS)],
)
def test_symptom_levels_on_a_day(treatment, day, who, symptom, expected) -> None:
    assert levels(treatment, day, who)[symptom] == expected


@pytest.mark.parametrize(
    ("level", "word"),
    [
        (0, "none"),
        (0.49, "none"),
        (0.5, "mild"),
        (1.49, "mild"),
        (1.5, "moderate"),
        (2.5, "marked"),
        (3, "marked"),
        (-1, "none"),
        (9, "marked"),
    ],
)
def test_level_word(level: float, word: str) -> None:
    assert level_word(level) == word


# The typical level is the curve's (the chart's line); the usual range runs up to the strongest level the clinic's
# triage table calls expected that day, so the card and the self-check say the same.
@pytest.mark.parametrize(
    ("treatment", "day", "symptom", "words", "range_words"),
    [
        ("eco2", 0, "redness", "marked", "marked"),
        ("eco2", 3, "redness", "moderate", "mild to marked"),
        ("eco2", 3, "swelling", "none", "none to mild"),
        ("eco2", 10, "bronzing", "mild", "none to mild"),
        ("eco2", 40, "redness", "none", "none"),
        ("co2-full", 60, "redness", "moderate", "none to moderate"),
    ],
)
def test_levels_in_words(treatment, day, symptom, words, range_words) -> None:
    state = next(s for s in day_state(treatment, day).symptoms if s.symptom.id == symptom)
    assert (state.words, state.range_words) == (words, range_words)


DAYS = [
    # (treatment, day, who, phase, reached, upcoming, the warning signs in showing order: now, today, in office
    # hours, and within each the ones likely that day first)
    (
        "eco2",
        0,
        BASE,
        "weeping",
        [],
        ["work", "results", "makeup", "sun"],
        ["eye", "infection-spreading", "herpes", "infection", "allergy", "not-healing", "eyelid"],
    ),
    (
        "eco2",
        3,
        BASE,
        "healing",
        [],
        ["work", "results", "makeup", "sun"],
        ["infection-spreading", "eye", "infection", "herpes", "allergy", "not-healing", "spots", "eyelid"],
    ),
    (
        "eco2",
        5,
        BASE,
        "healing",
        ["work"],
        ["results", "makeup", "sun"],
        ["infection-spreading", "eye", "infection", "herpes", "allergy", "not-healing", "spots", "eyelid"],
    ),
    (
        "eco2",
        4,
        Personal(intensity="light"),
        "healing",
        ["work"],
        ["results", "makeup", "sun"],
        ["infection-spreading", "eye", "infection", "herpes", "allergy", "not-healing", "spots", "eyelid"],
    ),
    (
        "eco2",
        9,
        Personal(intensity="deep"),
        "settling",
        ["results"],
        ["work", "makeup", "sun"],
        ["infection-spreading", "eye", "infection", "herpes", "allergy", "not-healing", "spots", "eyelid"],
    ),
    (
        "eco2",
        10,
        BASE,
        "settling",
        ["work", "results", "makeup"],
        ["sun"],
        ["infection-spreading", "eye", "infection", "herpes", "allergy", "not-healing", "spots", "eyelid"],
    ),
    (
        "eco2",
        40,
        BASE,
        "remodelling",
        ["work", "results", "makeup"],
        ["sun"],
        [
            "eye",
            "infection-spreading",
            "not-healing",
            "infection",
            "herpes",
            "allergy",
            "long-redness",
            "colour-change",
            "spots",
            "eyelid",
        ],
    ),
    (
        "eco2",
        90,
        BASE,
        "remodelling",
        ["work", "results", "makeup", "sun"],
        [],
        [
            "eye",
            "infection-spreading",
            "not-healing",
            "infection",
            "herpes",
            "allergy",
            "long-redness",
            "colour-change",
            "eyelid",
            "spots",
        ],
    ),
    (
        "nafl-1550",
        0,
        BASE,
        "first-days",
        ["makeup"],
        ["work"],
        ["eye", "infection-spreading", "herpes", "infection", "allergy", "acne", "dark-patches"],
    ),
    (
        "nafl-1550",
        5,
        BASE,
        "bronzing",
        ["makeup", "work"],
        [],
        ["infection-spreading", "eye", "infection", "herpes", "allergy", "acne", "dark-patches"],
    ),
    (
        "co2-full",
        7,
        BASE,
        "open-wound",
        [],
        ["work", "makeup", "results", "sun"],
        [
            "infection-spreading",
            "eye",
            "infection",
            "herpes",
            "allergy",
            "not-healing",
            "spots",
            "eyelid",
            "light-patches",
        ],
    ),
    (
        "co2-full",
        150,
        BASE,
        "remodelling",
        ["work", "makeup", "results", "sun"],
        [],
        [
            "eye",
            "infection-spreading",
            "not-healing",
            "infection",
            "herpes",
            "allergy",
            "light-patches",
            "eyelid",
            "spots",
        ],
    ),
]


@pytest.mark.parametrize(
    ("treatment", "day", "who", "phase", "reached", "upcoming", "first"),
    DAYS,
    ids=[f"{t}-d{d}-{i}" for i, (t, d, *_rest) in enumerate(DAYS)],
)
def test_day_state(treatment, day, who, phase, reached, upcoming, first) -> None:
    state = day_state(treatment, day, who)
    assert state.day == day
    assert state.phase.id == phase
    assert [m.id for m in state.reached] == reached
    assert [m.id for m in state.upcoming] == upcoming
    ids = [w.id for w in state.warnings]
    assert sorted(ids) == sorted(w.id for w in DATA.treatment(treatment).warning_signs), "a sign is missing"
    assert ids[: len(first)] == first


@pytest.mark.parametrize(
    ("treatment", "day", "do_first", "avoid", "sources"),
    [
        ("eco2", 0, "Clean gently", ["Makeup.", "Sun on the treated skin."], ["clinic-page", "S4"]),
        ("eco2", 1, "Clean gently", ["Makeup.", "Sun on the treated skin."], ["clinic-page", "S4"]),
        ("eco2", 2, "Keep cleaning gently", ["Makeup until the skin has healed."], ["clinic-page", "S4", "S29"]),
        ("eco2", 61, "Keep up daily sunscreen", [], ["clinic-page"]),
        ("nafl-1550", 4, "Wear sunscreen every day", [], ["S4"]),
    ],
)
def test_aftercare_in_force(treatment, day, do_first, avoid, sources) -> None:
    state = day_state(treatment, day)
    assert state.do[0].startswith(do_first)
    assert all(any(a.startswith(x.rstrip(".")) for a in state.avoid) for x in avoid)
    if not avoid:
        assert state.avoid == ()
    assert list(state.care_sources) == sources


@pytest.mark.parametrize(("asked", "shown"), [(-5, 0), (0, 0), (90, 90), (500, 90)])
def test_day_is_clamped_to_the_horizon(asked: int, shown: int) -> None:
    assert day_state("eco2", asked).day == shown


MODIFIED = [
    # (treatment, who, applied modifier ids, {(kind, id, field): value after})
    ("eco2", BASE, [], {}),
    ("eco2", Personal(intensity="light"), ["intensity-light"], {("milestone", "work", "day"): 4}),
    (
        "eco2",
        Personal(intensity="deep"),
        ["intensity-deep"],
        {
            ("milestone", "work", "day"): 10,
            ("milestone", "makeup", "day"): 10,
            ("symptom", "swelling", "typical_end_day"): 5,
        },
    ),
    ("eco2", Personal(phototype=5), ["phototype-dark"], {}),
    (
        "eco2",
        Personal(phototype=4),
        ["phototype-dark", "phototype-4-redness"],
        {("symptom", "redness", "range_end_day"): 90},
    ),
    ("eco2", Personal(phototype=3), [], {}),
    ("eco2", Personal(area="chest"), ["area-chest"], {}),
    (
        "eco2",
        Personal(area="hands", intensity="deep", phototype=4),
        ["area-hands", "intensity-deep", "phototype-dark", "phototype-4-redness"],
        {("milestone", "work", "day"): 10, ("symptom", "redness", "range_end_day"): 90},
    ),
    ("co2-full", Personal(area="neck", phototype=6), ["phototype-dark", "area-neck"], {}),
    ("nafl-1927", Personal(intensity="deep"), [], {}),
]


@pytest.mark.parametrize(
    ("treatment", "who", "applied", "values"), MODIFIED, ids=[f"{t}-{i}" for i, (t, *_rest) in enumerate(MODIFIED)]
)
def test_apply_modifiers(treatment, who, applied, values) -> None:
    original = DATA.treatment(treatment)
    course = apply_modifiers(original, who)
    assert [a.modifier.id for a in course.applied] == applied
    t = course.treatment
    for (kind, ident, field_name), value in values.items():
        item = t.symptom(ident) if kind == "symptom" else next(m for m in t.milestones if m.id == ident)
        assert getattr(item, field_name) == value
    changed = sum(len(a.changes) for a in course.applied)
    assert changed >= len(values)
    if not values:
        # the course is the treatment as it is; its triage table keeps only windows for everyone (a skin type's own
        # windows apply to that skin type alone), so every answer is the general one
        assert t.model_copy(update={"triage": original.triage}) == original
        assert all(w.applies_to is None for table in t.triage.values() for w in table.windows)
        assert all(
            answer(t, sid, day, level) == answer(original, sid, day, level)
            for sid in t.triage
            for day in range(t.horizon_days + 1)
            for level in (1, 2, 3)
        )
    for a in course.applied:
        for ch in a.changes:
            assert ch.source in DATA.sources  # every change shows why, with its source


def test_a_skin_types_own_answers_apply_to_that_skin_type_only() -> None:
    """S18: light redness up to 3 months in about 1 in 4 people with type IV skin: usual for them, not for others."""
    eco2 = DATA.treatment("eco2")
    for phototype, expected in ((4, "expected"), (3, "follow-up"), (5, "follow-up"), (None, "follow-up")):
        t = apply_modifiers(eco2, Personal(phototype=phototype)).treatment
        assert answer(t, "redness", 45, 1) == expected, phototype
        assert answer(t, "redness", 45, 2) == "office-hours", phototype  # strong redness after a month: a call
        assert answer(t, "redness", 90, 1) == "follow-up", phototype


def test_applied_changes_are_described() -> None:
    course = apply_modifiers(DATA.treatment("eco2"), Personal(intensity="deep"))
    changes = {c.what: (c.before, c.after, c.source) for a in course.applied for c in a.changes}
    assert changes["Back to work and social life: usual day"] == (5, 10, "S40")
    assert changes["Swelling: usually gone by day"] == (3, 5, "S4")


def test_modifiers_leave_the_loaded_data_alone() -> None:
    before = DATA.treatment("eco2").symptom("redness").range_end_day
    apply_modifiers(DATA.treatment("eco2"), Personal(phototype=6))
    assert DATA.treatment("eco2").symptom("redness").range_end_day == before


def test_raising_typical_end_past_range_end_raises_the_range_too() -> None:
    t = DATA.treatment("eco2")
    mod = t.modifiers[0].model_copy(
        update={
            "applies_to": t.modifiers[0].applies_to,
            "changes": [
                t.modifiers[-1].changes[0].model_copy(update={"id": "swelling", "field": "typical_end_day", "value": 6})
            ],
        }
    )
    course = apply_modifiers(t.model_copy(update={"modifiers": [mod]}), Personal(area=mod.applies_to.area))
    s = course.treatment.symptom("swelling")
    assert (s.typical_end_day, s.range_end_day) == (6, 6)


@pytest.mark.parametrize(
    ("day", "phase"),
    [(0, "weeping"), (1, "weeping"), (2, "healing"), (28, "settling"), (29, "remodelling"), (400, "remodelling")],
)
def test_phase_on(day: int, phase: str) -> None:
    assert phase_on(DATA.treatment("eco2"), day).id == phase


REDNESS = DATA.treatment("eco2").symptom("redness")


def test_symptom_levels_before_onset_and_at_fractional_days() -> None:
    assert symptom_levels(REDNESS, -1) == (0.0, 0.0, 0.0)
    typical, low, high = symptom_levels(REDNESS, 3.5)
    assert low <= typical <= high and typical == pytest.approx(3 * (1 - 3.5 / 7))
