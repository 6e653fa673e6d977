"""The "Is this normal?" self-check: its rules on the bundled data (dashboard/selfcheck.py) and the form on the
day-by-day page. The same rules as properties over every case: tests/test_safety.py."""

from __future__ import annotations

import pytest
from apptest import run_page, texts

from dashboard.loader import DEFAULT_DATA_DIR, load_dataset
from dashboard.models import LEVEL_WORDS
from dashboard.recovery import Personal, apply_modifiers
from dashboard.selfcheck import check_day, judge_symptom

DATA = load_dataset(DEFAULT_DATA_DIR)
PAGE = "pages/recovery.py"

ECO2 = DATA.treatment("eco2")
NAFL = DATA.treatment("nafl-1550")
REDNESS = ECO2.symptom("redness")
TYPE_IV = apply_modifiers(ECO2, Personal(phototype=4)).treatment

CHECKS = [
    # (treatment, symptom, day, reported level, answer, words in the reason)
    (ECO2, "redness", 0, 3, "expected", "marked"),
    (ECO2, "redness", 3, 2, "expected", "mild to moderate"),
    (ECO2, "redness", 3, 3, "follow-up", "a bit stronger"),  # the range is mild to moderate: marked is above it
    (ECO2, "redness", 20, 1, "expected", "none to mild"),
    (ECO2, "redness", 20, 2, "follow-up", "a bit stronger"),
    (ECO2, "redness", 20, 3, "call", "much stronger"),
    (ECO2, "redness", 31, 2, "call", "warning sign"),         # still strong after about a month (S24, S18)
    (TYPE_IV, "redness", 45, 1, "expected", "none to mild"),   # light redness can last to day 90 in type IV (S18)
    (TYPE_IV, "redness", 45, 2, "call", "warning sign"),       # ... but strong redness after a month is a sign
    (ECO2, "swelling", 10, 2, "call", "much stronger"),       # after its course, anything from moderate: call
    (ECO2, "swelling", 10, 1, "follow-up", "a bit stronger"),
    (ECO2, "oozing", 1, 1, "expected", "none to mild"),       # within 24 h of a day-0 treatment (S4)
    (ECO2, "oozing", 1, 2, "follow-up", "normal healing"),    # weeping in the first days is never an alarm
    (ECO2, "crusting", 0, 2, "follow-up", "normal healing"),  # a day early
    (ECO2, "crusting", 3, 2, "expected", "mild to moderate"),
    (ECO2, "crusting", 8, 2, "follow-up", "normal healing"),  # a few days late, before the day-10 mark (S15)
    (ECO2, "crusting", 9, 2, "follow-up", "normal healing"),
    (ECO2, "crusting", 10, 1, "call", "warning sign"),        # not healed by about day 10 (S15)
    (ECO2, "crusting", 20, 3, "call", "warning sign"),
    (ECO2, "crusting", 3, 3, "follow-up", "a bit stronger"),  # marked is above crusting's usual peak, by one step
    (ECO2, "peeling", 16, 2, "follow-up", "normal healing"),
    (NAFL, "oozing", 1, 1, "follow-up", "not part of usual healing"),
    (NAFL, "oozing", 1, 2, "call", "not part of usual healing"),
    (NAFL, "oozing", 1, 0, "expected", "none"),
]


@pytest.mark.parametrize(("treatment", "symptom", "day", "reported", "answer", "words"), CHECKS,
                         ids=[f"{t.id}-{s}-d{d}-r{r}-{i}" for i, (t, s, d, r, _, _) in enumerate(CHECKS)])
def test_judge_symptom(treatment, symptom: str, day: int, reported: int, answer: str, words: str) -> None:
    if reported == 0:
        assert judge_symptom(treatment, treatment.symptom(symptom), day, 0).answer == answer
        return
    [finding] = check_day(treatment, day, {symptom: reported})
    assert finding.answer == answer
    assert words in finding.reason, finding.reason


def _opened(at):
    """The page with its self-check list opened, as a tap on "Tick what I notice" opens it."""
    assert not at.radio and not at.checkbox, "the list is closed until asked for"
    next(b for b in at.button if b.label == "Tick what I notice").click().run()
    return at


def _check(at, **levels):
    if not at.radio:
        _opened(at)
    for symptom, level in levels.items():
        # the options are level indices (shown in words), so the value set is the level's index
        at.radio(key=f"recovery.check.eco2.{symptom}").set_value(LEVEL_WORDS.index(level))
    submit = next(b for b in at.button if b.label == "Check my answers")
    submit.click().run()
    return texts(at)


def test_self_check_moderate_crusting_on_day_three_is_expected():
    shown = _check(run_page(PAGE, treatment="eco2", day="3"), crusting="moderate")
    assert "**Expected for this day**: Crusting and micro-crusts." in shown
    assert "Everything you ticked is expected on day 3." in shown
    assert "**Call the clinic today**:" not in shown


def test_self_check_marked_crusting_on_day_twenty_means_call():
    shown = _check(run_page(PAGE, treatment="eco2", day="20"), crusting="marked")
    assert "**Call the clinic today**: Crusting and micro-crusts." in shown


def test_self_check_a_bit_stronger_than_usual_is_for_the_follow_up():
    shown = _check(run_page(PAGE, treatment="eco2", day="4"), redness="marked")
    assert "**Mention it at your follow-up**: Redness." in shown


def test_self_check_warning_sign_means_call():
    at = _opened(run_page(PAGE, treatment="eco2", day="4"))
    at.checkbox(key="recovery.sign.eco2.infection").check()
    shown = _check(at)
    assert "**Call the clinic today**: Pus or yellow spots" in shown


def test_self_check_eye_symptom_is_urgent():
    at = _opened(run_page(PAGE, treatment="eco2", day="4"))
    at.checkbox(key="recovery.sign.eco2.eye").check()
    shown = _check(at)
    assert "Call the clinic now" in shown
    assert "**Urgent: call the clinic now**: Eye pain" in shown


def test_the_list_opens_with_every_sign_and_stays_open_as_the_day_moves():
    eco2 = load_dataset().treatment("eco2")
    at = _opened(run_page(PAGE, treatment="eco2", day="3"))
    assert [r.key for r in at.radio] == [f"recovery.check.eco2.{s.id}" for s in eco2.symptoms]
    assert sorted(c.key for c in at.checkbox) == sorted(f"recovery.sign.eco2.{w.id}" for w in eco2.warning_signs)
    next(b for b in at.button if b.label == "Next day").click().run()
    assert len(at.radio) == len(eco2.symptoms) and not any(b.label == "Tick what I notice" for b in at.button)
    # moderate crusting is expected on day 3 and not on day 4: the answer is for the day now shown
    assert "**Mention it at your follow-up**: Crusting and micro-crusts." in _check(at, crusting="moderate")


def test_self_check_says_nobody_monitors_it():
    assert "Nobody at the clinic sees these answers" in texts(run_page(PAGE))


# The self-check's pure logic (dashboard/selfcheck.py), table-driven on the bundled data.

@pytest.fixture(scope="module")
def eco2():
    from dashboard.loader import load_dataset

    return load_dataset().treatment("eco2")


@pytest.mark.parametrize(("day", "reported", "signs", "expected"), [
    (3, {"crusting": 2}, [], "expected"),
    (20, {"crusting": 3}, [], "call"),
    (4, {"redness": 3}, [], "follow-up"),
    (0, {"oozing": 2}, [], "expected"),
    (4, {}, ["infection"], "call"),
    (4, {"crusting": 1}, ["eye"], "urgent"),
    (4, {"redness": 0}, [], None),
])
def test_check_day_answers(eco2, day, reported, signs, expected):
    from dashboard.selfcheck import check_day, overall

    assert overall(check_day(eco2, day, reported, signs)) == expected


def test_check_day_lists_the_most_serious_first_and_ignores_unknown_signs(eco2):
    from dashboard.selfcheck import check_day

    findings = check_day(eco2, 4, {"redness": 1, "crusting": 3}, ["eye", "no-such-sign"])
    assert [f.answer for f in findings] == ["urgent", "call", "expected"]
    assert findings[0].sources == ("S40",)
    assert findings[-1].reason == "You noticed: mild. This is usually none to moderate on day 4."
