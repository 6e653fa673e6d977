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
    # (treatment, symptom, day, reported level, answer, words in the reason): how the table's answer reads, in the
    # card's words. What the answers must be is held by the answer key (tests/clinical_cases.yaml).
    (ECO2, "redness", 0, 3, "expected", "On day 0 this is usually marked."),
    (ECO2, "redness", 3, 2, "expected", "On day 3 this is usually mild to marked."),
    (ECO2, "redness", 6, 3, "office-hours", "On day 6 this is usually none to moderate. Yours is stronger than that."),
    (ECO2, "redness", 20, 1, "expected", "none to mild"),
    (ECO2, "redness", 20, 2, "follow-up", "Stronger redness after the first week is unusual."),
    (ECO2, "redness", 31, 2, "office-hours", "This is a warning sign: Redness that is still strong"),
    (ECO2, "redness", 40, 1, "follow-up", "By day 40 this is usually gone."),  # no sign: mild is not the sign
    (TYPE_IV, "redness", 45, 1, "expected", "none to mild"),  # light redness can last to day 90 in type IV (S18)
    (TYPE_IV, "redness", 45, 2, "office-hours", "warning sign"),  # ... but strong redness after a month is a sign
    (ECO2, "redness", 4, 1, "expected", "Redness that spreads, feels hot, or comes with a fever"),  # the reminder
    (ECO2, "swelling", 10, 1, "follow-up", "By day 10 this is usually gone."),
    (ECO2, "swelling", 10, 3, "call-today", "Strong swelling later can come with an infection"),
    (ECO2, "oozing", 1, 1, "expected", "none to moderate"),  # within 24 h of a day-0 treatment (S4)
    (ECO2, "crusting", 0, 2, "follow-up", "This is not usually seen yet on day 0."),
    (ECO2, "crusting", 3, 2, "expected", "mild to moderate"),
    (ECO2, "crusting", 8, 2, "office-hours", "Areas not healed by about day 10 need a check."),
    (ECO2, "crusting", 10, 1, "call-today", "This is a warning sign: Raw, weeping or crusted areas"),
    (ECO2, "bronzing", 2, 1, "follow-up", "The days for this are our reading of vaguer wording in the sources."),
    (ECO2, "peeling", 16, 2, "follow-up", "Yours is stronger than that."),
    (ECO2, "tenderness", 4, 2, "call-today", "pain that gets worse after the first days"),
    (NAFL, "oozing", 1, 1, "follow-up", "This is not part of usual healing after this treatment."),
    (NAFL, "oozing", 3, 1, "call-today", "This is a warning sign: Pus or yellow spots"),
    (NAFL, "oozing", 1, 0, "expected", ""),
]


@pytest.mark.parametrize(
    ("treatment", "symptom", "day", "reported", "answer", "words"),
    CHECKS,
    ids=[f"{t.id}-{s}-d{d}-r{r}-{i}" for i, (t, s, d, r, _, _) in enumerate(CHECKS)],
)
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
    assert "Call the clinic today: [+1 555 0100 (placeholder)](tel:+15550100)." in shown
    assert "When the clinic is closed and it cannot wait, contact your usual out-of-hours medical service." in shown


def test_every_answer_ends_with_the_phone_and_the_route_when_closed():
    for day, levels in (
        ("3", {"crusting": "moderate"}),
        ("20", {"redness": "moderate"}),
        ("8", {"crusting": "marked"}),
    ):
        shown = _check(run_page(PAGE, treatment="eco2", day=day), **levels)
        assert "(tel:+15550100)" in shown and "out-of-hours medical service" in shown, (day, levels)


def test_self_check_stronger_than_usual_for_the_day_is_for_the_follow_up():
    shown = _check(run_page(PAGE, treatment="eco2", day="20"), redness="moderate")
    assert "**Mention it at your follow-up visit**: Redness." in shown
    assert "Mention it at your follow-up visit (your clinic gives its date; if you have none, ask for one)" in shown


def test_self_check_what_can_wait_is_for_office_hours_not_the_night():
    shown = _check(run_page(PAGE, treatment="eco2", day="6"), redness="marked")
    assert "**Call the clinic in office hours**: Redness." in shown
    assert "This can wait until the clinic is open, but do not wait for your follow-up visit." in shown
    assert "**Call the clinic today**:" not in shown and "Call the clinic today:" not in shown


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
    # marked crusting: a call in office hours on day 4 and the answer is for the day now shown
    assert "On day 4 this is usually none to moderate." in _check(at, crusting="marked")


def test_the_items_remind_what_turns_them_into_a_warning_sign():
    at = _opened(run_page(PAGE, treatment="eco2", day="3"))
    captions = [str(c.value) for c in at.caption]
    assert (
        "Redness that spreads, feels hot, or comes with a fever or feeling unwell is a warning sign of infection."
        in captions
    )
    assert "Pain that gets worse after the first days is a warning sign of infection." in captions


def test_self_check_says_nobody_monitors_it():
    assert "Nobody at the clinic sees these answers" in texts(run_page(PAGE))


# The self-check's pure logic (dashboard/selfcheck.py), table-driven on the bundled data.


@pytest.fixture(scope="module")
def eco2():
    from dashboard.loader import load_dataset

    return load_dataset().treatment("eco2")


@pytest.mark.parametrize(
    ("day", "reported", "signs", "expected"),
    [
        (3, {"crusting": 2}, [], "expected"),
        (20, {"crusting": 3}, [], "call-today"),
        (20, {"redness": 2}, [], "follow-up"),
        (0, {"oozing": 2}, [], "expected"),
        (4, {}, ["infection"], "call-today"),
        (40, {}, ["colour-change"], "office-hours"),
        (4, {"crusting": 1}, ["eye"], "urgent"),
        (4, {"redness": 0}, [], None),
    ],
)
def test_check_day_answers(eco2, day, reported, signs, expected):
    from dashboard.selfcheck import check_day, overall

    assert overall(check_day(eco2, day, reported, signs)) == expected


def test_check_day_lists_the_most_serious_first_and_ignores_unknown_signs(eco2):
    from dashboard.selfcheck import check_day

    findings = check_day(eco2, 4, {"redness": 1, "crusting": 3}, ["eye", "no-such-sign"])
    assert [f.answer for f in findings] == ["urgent", "office-hours", "expected"]
    assert findings[0].sources == ("S40",)
    assert findings[-1].reason == (
        "You noticed: mild. On day 4 this is usually none to moderate. Redness that "
        "spreads, feels hot, or comes with a fever or feeling unwell is a warning sign of "
        "infection."
    )
    assert findings[-1].sources[-1] == "S28"  # the reminder's source
