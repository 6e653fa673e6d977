"""Day-by-day page: the card follows the day, the URL follows the controls, bad links fall back with a notice."""

from datetime import timedelta

import pytest
from apptest import run_page, texts

from dashboard.dates import today_in

PAGE = "pages/recovery.py"


def _heading(at) -> str:
    return next(str(h.value) for h in at.subheader if str(h.value).startswith("Day "))


def test_day_zero_lists_pinpoint_bleeding_and_day_ten_does_not():
    day0 = texts(run_page(PAGE, treatment="eco2", day="0"))
    assert "**Pinpoint bleeding and weeping: moderate**" in day0
    day10 = texts(run_page(PAGE, treatment="eco2", day="10"))
    assert "**Pinpoint bleeding and weeping:" not in day10
    assert "**Bronzing: mild**" in day10


def test_show_all_symptoms_lists_the_hidden_ones():
    at = run_page(PAGE, treatment="eco2", day="10")
    at.toggle(key="recovery.show_all").set_value(True).run()
    assert "**Pinpoint bleeding and weeping: none** (usual range: none)" in texts(at)


def test_treatment_date_gives_todays_day_and_dates():
    start = today_in(None) - timedelta(days=4)
    at = run_page(PAGE, treatment="eco2", start=start.isoformat())
    assert not at.exception
    assert at.slider(key="recovery.day").value == 4
    assert _heading(at).startswith("Day 4: today")
    # every dated milestone shows its calendar date: back to work on day 5 is start + 5
    work = start + timedelta(days=5)
    assert f"day 5, {work:%a} {work.day} {work:%b %Y}" in texts(at)


def test_picking_a_date_moves_the_day_and_the_url():
    at = run_page(PAGE, treatment="eco2", day="12")
    start = today_in(None) - timedelta(days=3)
    at.date_input(key="recovery.start").set_value(start).run()
    assert at.slider(key="recovery.day").value == 3
    assert at.query_params["start"] == [start.isoformat()] or at.query_params["start"] == start.isoformat()
    assert "day" not in at.query_params  # today's day is implied by the date


def test_url_follows_the_slider():
    at = run_page(PAGE, treatment="eco2")
    at.slider(key="recovery.day").set_value(9).run()
    assert _heading(at) == "Day 9"
    assert str(at.query_params["day"]).strip("[]'") == "9"


def test_next_and_previous_buttons_step_the_day():
    at = run_page(PAGE, treatment="eco2", day="4")
    at.button(key="recovery.next").click().run()
    assert at.slider(key="recovery.day").value == 5
    assert str(at.query_params["day"]).strip("[]'") == "5"
    at.button(key="recovery.prev").click().run()
    at.button(key="recovery.prev").click().run()
    assert _heading(at) == "Day 3"


def test_previous_is_disabled_on_day_zero():
    at = run_page(PAGE, treatment="eco2", day="0")
    assert at.button(key="recovery.prev").disabled
    assert not at.button(key="recovery.next").disabled


@pytest.mark.parametrize(("params", "name"), [
    ({"treatment": "xyz"}, "treatment"),
    ({"day": "abc"}, "day"),
    ({"day": "-3"}, "day"),
    ({"day": "9999"}, "day"),
    ({"start": "2026-13-45"}, "start"),
    ({"area": "<script>alert(1)</script>"}, "area"),
    ({"phototype": "9"}, "phototype"),
])
def test_bad_parameter_gives_one_notice_and_the_page_still_renders(params, name):
    at = run_page(PAGE, **params)
    assert not at.exception
    notices = [str(w.value) for w in at.warning]
    assert len(notices) == 1, notices
    assert f"'{name}'" in notices[0]
    assert "<script>" not in texts(at)
    assert _heading(at).startswith("Day ")


def test_out_of_range_day_shows_the_nearest_day():
    at = run_page(PAGE, treatment="eco2", day="9999")
    assert at.slider(key="recovery.day").value == 90


def test_modifier_says_what_changed_and_why():
    at = run_page(PAGE, treatment="eco2", intensity="deep")
    shown = texts(at)
    assert "Deeper settings make deeper wounds" in shown
    assert "Back to work and social life: usual day: 5 → **10**" in shown
    assert "[S40](sources#src-s40)" in shown


def test_area_without_day_changes_says_so():
    at = run_page(PAGE, treatment="eco2", area="hands")
    assert "does not change the days shown" in texts(at)


def test_phone_is_a_tel_link():
    assert "(tel:+15550100)" in texts(run_page(PAGE))


def _check(at, **levels):
    for symptom, level in levels.items():
        at.radio(key=f"recovery.check.eco2.{symptom}").set_value(level)
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
    at = run_page(PAGE, treatment="eco2", day="4")
    at.checkbox(key="recovery.sign.eco2.infection").check()
    shown = _check(at)
    assert "**Call the clinic today**: Pus or yellow spots" in shown


def test_self_check_eye_symptom_is_urgent():
    at = run_page(PAGE, treatment="eco2", day="4")
    at.checkbox(key="recovery.sign.eco2.eye").check()
    shown = _check(at)
    assert "Call the clinic now" in shown
    assert "**Urgent: call the clinic now**: Eye pain" in shown


def test_self_check_says_nobody_monitors_it():
    assert "Nobody at the clinic sees these answers" in texts(run_page(PAGE))


def test_switching_to_a_shorter_treatment_keeps_the_day_in_range():
    at = run_page(PAGE, treatment="eco2", day="80")
    at.selectbox(key="recovery.treatment").set_value("nafl-1550").run()
    assert not at.exception
    assert at.slider(key="recovery.day").value == 42
    assert _heading(at) == "Day 42"


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
