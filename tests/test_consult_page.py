"""The consult page in AppTest: the plan with dates for a given start, and clear messages for bad inputs."""

from datetime import UTC, datetime, timedelta

from apptest import run_page, texts

from dashboard.dates import date_limits, format_date

TODAY = datetime.now(tz=UTC).date()


def test_plan_shows_each_session_and_milestone_date():
    start = TODAY + timedelta(days=10)
    at = run_page("pages/consult.py", treatment="eco2", start=start.isoformat(), sessions="2")
    assert not at.exception
    shown = texts(at)
    second = start + timedelta(days=42)
    assert f"Session 1 of 2: {format_date(start)}" in shown
    assert f"Session 2 of 2: {format_date(second)}" in shown
    assert f"Makeup: {format_date(start + timedelta(days=7))}" in shown
    assert f"Back to work and social life: {format_date(second + timedelta(days=5))}" in shown
    assert "Exercise and sweating: ask your clinician." in shown
    # a first change follows the first session (the clinic says), not the last
    assert f"First results: {format_date(start + timedelta(days=7))}" in shown
    assert "as prescribed" in shown
    assert not at.error
    assert [b for b in at.get("download_button")], "download buttons are shown for a valid plan"


def test_future_start_gets_no_day_notice():
    at = run_page("pages/consult.py", start=(TODAY + timedelta(days=30)).isoformat())
    assert not at.warning or all("day 0" not in w.value for w in at.warning)


def test_modifiers_move_the_dates():
    start = TODAY + timedelta(days=3)
    at = run_page("pages/consult.py", start=start.isoformat(), intensity="deep")
    assert f"Back to work and social life: {format_date(start + timedelta(days=10))}" in texts(at)
    assert "Adjusted for this person" in texts(at)


def test_too_many_sessions_shows_a_message_and_no_downloads():
    at = run_page("pages/consult.py", treatment="eco2", start=TODAY.isoformat(), sessions="5")
    assert not at.exception
    assert any("1 to 3 sessions" in e.value for e in at.error)
    assert not at.get("download_button")
    assert "Session 1 of" not in texts(at)


def test_single_session_treatment_rejects_a_series():
    at = run_page("pages/consult.py", treatment="co2-full", start=TODAY.isoformat(), sessions="2")
    assert any("single session" in e.value for e in at.error)
    assert not at.get("download_button")


def test_date_too_far_ahead_shows_a_notice_and_no_downloads():
    at = run_page("pages/consult.py", start=(TODAY + timedelta(days=400)).isoformat())
    assert not at.exception
    assert any("'start'" in w.value and "more than 1 year ahead" in w.value for w in at.warning)
    assert not at.get("download_button")


def test_date_too_far_back_is_reported():
    at = run_page("pages/consult.py", start=(TODAY - timedelta(days=800)).isoformat())
    assert not at.exception
    assert any("'start'" in w.value for w in at.warning)
    assert any("Choose the treatment date" in i.value for i in at.info)
    assert not at.get("download_button")


def test_a_blank_planner_is_not_an_error():
    """Staff open the planner in front of a patient: an empty form asks for the date in neutral words."""
    at = run_page("pages/consult.py")
    assert not at.exception and not at.error and not at.warning
    assert any("Choose the treatment date" in i.value for i in at.info)
    assert not at.get("download_button")


def test_the_date_control_offers_exactly_the_dates_a_link_may_carry():
    at = run_page("pages/consult.py", start=TODAY.isoformat())
    assert at.get("download_button")
    control = at.date_input(key="consult.start").proto
    limits = date_limits(TODAY)
    assert (control.min, control.max) == (limits.earliest.isoformat(), limits.latest.isoformat())


def test_no_personal_data_fields():
    at = run_page("pages/consult.py", start=TODAY.isoformat())
    assert not at.text_input and not at.text_area
