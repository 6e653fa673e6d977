"""Day-by-day page: the card follows the day, the URL follows the controls, bad links fall back with a notice."""

import json
from datetime import timedelta

import pytest
from apptest import chart_datasets, run_page, texts

from dashboard.dates import today_in

PAGE = "pages/recovery.py"


def _heading(at) -> str:
    """The day's heading: the first line of the day's card ("## Day 4: today")."""
    return next(str(m.value).split("\n", 1)[0][3:] for m in at.markdown if str(m.value).startswith("## Day "))


def test_day_zero_lists_pinpoint_bleeding_and_day_ten_does_not():
    day0 = texts(run_page(PAGE, treatment="eco2", day="0"))
    assert "**Pinpoint bleeding and weeping: moderate**" in day0
    day10 = texts(run_page(PAGE, treatment="eco2", day="10"))
    assert "**Pinpoint bleeding and weeping:" not in day10
    assert "**Bronzing: mild**" in day10


def test_symptoms_not_usual_on_the_day_are_named_in_the_self_checks_words():
    day10 = texts(run_page(PAGE, treatment="eco2", day="10"))
    # each symptom the clinic's table calls usual at no level that day is named, in the treatment's order, under
    # where it stands: the same words the self-check uses ("usually gone by now", "not usually seen yet")
    assert (
        "**Usually gone by now:** swelling, pinpoint bleeding and weeping, crusting and micro-crusts, soreness."
        in day10
    )
    assert "**Pinpoint bleeding and weeping:" not in day10 and "**Soreness:" not in day10
    # where the table's days are our reading of vaguer wording, the range says so
    assert "**Bronzing: mild** (usual range: none to mild; the days are our estimate)" in day10
    assert "**Redness: none** (usual range: none to mild)." in day10
    day0 = texts(run_page(PAGE, treatment="eco2", day="0"))
    assert (
        "**Not usually seen yet:** crusting and micro-crusts, bronzing, peeling and flaking, dryness and "
        "itching." in day0
    )
    assert "**Pinpoint bleeding and weeping: moderate**" in day0
    assert "Not expected on this day" not in day0 + day10
    nafl = texts(run_page(PAGE, treatment="nafl-1550", day="3"))
    assert "**Not part of usual healing after this treatment:** pinpoint bleeding and weeping, crusting." in nafl


def test_day_zero_says_what_to_tell_the_clinician_before_and_later_days_do_not():
    """The day's details are one Markdown element: what is normal now, then (on day 0) what to tell the clinician
    before, then what to do, avoid and expect."""
    at = run_page(PAGE, treatment="eco2", day="0")
    (details,) = [str(m.value) for m in at.markdown if str(m.value).startswith("### What is normal now")]
    before = details.index("**Before your treatment**")
    assert details.index("Tell your clinician if you have ever had cold sore") > before
    assert before < details.index("### What to do today") < details.index("### What comes next")
    assert "Before your treatment" not in texts(run_page(PAGE, treatment="eco2", day="1"))


def test_treatment_date_gives_todays_day_and_dates():
    start = today_in(None) - timedelta(days=4)
    at = run_page(PAGE, treatment="eco2", start=start.isoformat())
    assert not at.exception
    assert at.slider(key="recovery.day").value == 4
    assert _heading(at).startswith("Day 4: today")
    # every dated milestone shows its calendar date: back to work on day 5 is start + 5
    work = start + timedelta(days=5)
    assert f"day 5, {work:%a} {work.day} {work:%b %Y}" in texts(at)


def open_settings(at):
    """Open the folded settings, as a person taps "Change the treatment, the date or your details"."""
    at.session_state["recovery.settings"] = True
    return at.run()


def test_folded_settings_send_no_widgets_and_open_on_what_the_link_says():
    # A patient's link opens on the day with the settings folded: their widgets are not sent at all (a slow phone
    # draws the day sooner), and opened they show what the day view uses.
    start = today_in(None) - timedelta(days=4)
    at = run_page(PAGE, treatment="nafl-1550", start=start.isoformat(), area="neck", phototype="4")
    assert not at.exception
    keys = {getattr(w, "key", None) for w in (*at.selectbox, *at.date_input)}
    assert not keys & {"recovery.treatment", "recovery.start", "recovery.area", "recovery.phototype"}
    assert _heading(at).startswith("Day 4: today")
    open_settings(at)
    assert not at.exception
    assert at.selectbox(key="recovery.treatment").value == "nafl-1550"
    assert at.date_input(key="recovery.start").value == start
    assert at.selectbox(key="recovery.area").value == "neck"
    assert at.selectbox(key="recovery.phototype").value == 4
    assert _heading(at).startswith("Day 4: today")
    at.session_state["recovery.settings"] = False
    at.run()
    assert _heading(at).startswith("Day 4: today") and str(at.query_params["treatment"]).strip("[]'") == "nafl-1550"


def test_picking_a_date_moves_the_day_and_the_url():
    at = open_settings(run_page(PAGE, treatment="eco2", day="12"))
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


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"treatment": "xyz"}, "treatment"),
        ({"day": "abc"}, "day"),
        ({"day": "-3"}, "day"),
        ({"day": "9999"}, "day"),
        ({"start": "2026-13-45"}, "start"),
        ({"area": "<script>alert(1)</script>"}, "area"),
        ({"phototype": "9"}, "phototype"),
    ],
)
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


def test_switching_to_a_shorter_treatment_keeps_the_day_in_range():
    at = open_settings(run_page(PAGE, treatment="eco2", day="80"))
    at.selectbox(key="recovery.treatment").set_value("nafl-1550").run()
    assert not at.exception
    assert at.slider(key="recovery.day").value == 42
    assert _heading(at) == "Day 42"


def _chart(at):
    """The symptom chart as sent: its spec, its text alternative and the chosen day's rows (read from Arrow)."""
    (chart,) = at.get("vega_lite_chart")
    return chart.proto.spec, chart.proto.alt, chart_datasets(chart)


NEAR = {"recovery.chart.near": True}  # what the chart's place sets once the browser says it is near the screen


def test_the_chart_waits_in_a_place_of_its_height_until_it_is_near_the_screen():
    """Far below the day's answer on a phone, the chart is not sent (nor its code fetched and run) until its place
    comes near the screen: the place has the chart's height, so nothing moves when the chart takes it."""
    at = run_page(PAGE, treatment="eco2", day="4")
    assert not at.get("vega_lite_chart")
    (slot,) = at.get("bidi_component")
    assert slot.proto.component_name == "recovery_chart_slot"
    at.button(key="recovery.next").click().run()  # a step before it is near: still its place
    assert not at.get("vega_lite_chart") and len(at.get("bidi_component")) == 1
    at.session_state["recovery.chart.near"] = True  # as its place's trigger does
    at.run()
    (chart,) = at.get("vega_lite_chart")
    assert json.loads(slot.proto.json)["height"] == json.loads(chart.proto.spec)["height"]
    assert not at.get("bidi_component")
    at.button(key="recovery.next").click().run()  # once drawn, it stays drawn as the day moves
    assert len(at.get("vega_lite_chart")) == 1


def test_a_day_step_sends_the_same_chart_with_the_day_moved():
    """The browser keeps the chart it has while spec and text alternative stay the same: a day step changes only
    the small dataset of the chosen day, which moves the line and its label."""
    at = run_page(PAGE, state=NEAR, treatment="eco2", day="4")
    spec, alt, datasets = _chart(at)
    assert datasets.pop("day") == [{"d": 4, "text": "Day 4", "right": True}]
    assert set(datasets) == {"curves", "panels", "milestones"} and all(datasets.values())
    assert "days 0 to 30" in alt and "marked" in alt
    at.button(key="recovery.next").click().run()
    assert _chart(at) == (spec, alt, {**datasets, "day": [{"d": 5, "text": "Day 5", "right": True}]})
    at.slider(key="recovery.day").set_value(40).run()  # past the first weeks: every day is drawn, a new chart
    spec_all, _, datasets_all = _chart(at)
    assert spec_all != spec and datasets_all["day"] == [{"d": 40, "text": "Day 40", "right": True}]
    assert max(r["d"] for r in datasets_all["curves"]) == 90 > max(r["d"] for r in datasets["curves"]) == 30


def test_call_the_clinic_opens_with_the_phone_and_the_night_route():
    """At night the number and what to do when the clinic is closed come first, before the list of signs; the
    urgent box carries both; then the signs by how soon to call."""
    at = run_page(PAGE, treatment="eco2", day="4")
    blocks = [str(m.value) for m in at.markdown]
    heading = next(i for i, b in enumerate(blocks) if b.startswith(":material/call: **Dr. Leong"))
    assert "out-of-hours medical service" in blocks[heading]
    urgent = str(at.error[0].value)
    assert "(tel:+15550100)" in urgent and "out-of-hours medical service" in urgent
    lists = blocks[heading + 1]
    assert lists.index("**Call the clinic today if you notice:**") < lists.index(
        "**Call the clinic in office hours if you notice:**"
    )
