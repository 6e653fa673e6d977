"""Dates: the day number from a treatment date and today in the viewer's zone, and the date of a day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dashboard.dates import date_of, day_number, format_date, today_in


@pytest.mark.parametrize(
    ("zone", "now", "today"),
    [
        # 23:30 UTC on 1 March is already 2 March in Tokyo, still 1 March in London and New York
        ("Asia/Tokyo", datetime(2026, 3, 1, 23, 30, tzinfo=UTC), date(2026, 3, 2)),
        ("Europe/London", datetime(2026, 3, 1, 23, 30, tzinfo=UTC), date(2026, 3, 1)),
        ("America/New_York", datetime(2026, 3, 1, 23, 30, tzinfo=UTC), date(2026, 3, 1)),
        # 03:00 UTC on 2 March is still 1 March in Los Angeles
        ("America/Los_Angeles", datetime(2026, 3, 2, 3, 0, tzinfo=UTC), date(2026, 3, 1)),
        ("Pacific/Kiritimati", datetime(2026, 3, 1, 10, 0, tzinfo=UTC), date(2026, 3, 2)),  # UTC+14
        ("Pacific/Pago_Pago", datetime(2026, 3, 1, 10, 0, tzinfo=UTC), date(2026, 2, 28)),  # UTC-11
        ("Asia/Kolkata", datetime(2026, 3, 1, 18, 29, tzinfo=UTC), date(2026, 3, 1)),  # UTC+5:30, one minute early
        ("Asia/Kolkata", datetime(2026, 3, 1, 18, 30, tzinfo=UTC), date(2026, 3, 2)),
        # across a daylight-saving change in Europe (29 March 2026)
        ("Europe/Berlin", datetime(2026, 3, 28, 23, 30, tzinfo=UTC), date(2026, 3, 29)),
        # a naive time counts as UTC
        ("UTC", datetime(2026, 3, 1, 23, 59), date(2026, 3, 1)),
        ("Asia/Tokyo", datetime(2026, 3, 1, 15, 0), date(2026, 3, 2)),
    ],
)
def test_today_in_a_zone(zone: str, now: datetime, today: date) -> None:
    assert today_in(zone, now) == today


@pytest.mark.parametrize(
    "zone",
    [None, "", "Nowhere/Atlantis", "America", "Europe", "/etc/passwd", "../../etc", "a" * 300, "UTC\x00", "<script>"],
)
def test_unknown_zone_falls_back_to_utc(zone: str | None) -> None:
    now = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    assert today_in(zone, now) == date(2026, 3, 1)


def test_today_without_a_time_is_today() -> None:
    got = today_in("UTC")
    assert abs((got - datetime.now(tz=UTC).date()).days) <= 1


@pytest.mark.parametrize(
    ("start", "today", "day"),
    [
        (date(2026, 3, 1), date(2026, 3, 1), 0),
        (date(2026, 3, 1), date(2026, 3, 5), 4),
        (date(2026, 2, 27), date(2026, 3, 1), 2),  # across the end of February
        (date(2028, 2, 28), date(2028, 3, 1), 2),  # leap year
        (date(2026, 12, 30), date(2027, 1, 2), 3),  # across the new year
        (date(2026, 3, 5), date(2026, 3, 1), -4),  # before the treatment
    ],
)
def test_day_number(start: date, today: date, day: int) -> None:
    assert day_number(start, today) == day


@pytest.mark.parametrize(
    ("zone", "now", "day"),
    [
        ("Asia/Tokyo", datetime(2026, 3, 1, 15, 0, tzinfo=UTC), 1),  # already after midnight in Tokyo
        ("America/New_York", datetime(2026, 3, 1, 15, 0, tzinfo=UTC), 0),
        ("America/New_York", datetime(2026, 3, 2, 4, 59, tzinfo=UTC), 0),  # 23:59 on 1 March in New York
        ("America/New_York", datetime(2026, 3, 2, 5, 0, tzinfo=UTC), 1),  # midnight in New York
    ],
)
def test_day_number_from_a_zone_across_midnight(zone: str, now: datetime, day: int) -> None:
    assert day_number(date(2026, 3, 1), today_in(zone, now)) == day


@pytest.mark.parametrize(
    ("start", "day", "expected"),
    [
        (date(2026, 3, 1), 0, date(2026, 3, 1)),
        (date(2026, 3, 1), 7, date(2026, 3, 8)),
        (date(2026, 12, 25), 10, date(2027, 1, 4)),
        (date(2028, 2, 28), 1, date(2028, 2, 29)),
    ],
)
def test_date_of(start: date, day: int, expected: date) -> None:
    assert date_of(start, day) == expected
    assert day_number(start, date_of(start, day)) == day


def test_date_of_and_day_number_are_inverse_over_a_year() -> None:
    start = date(2026, 1, 1)
    for day in range(0, 366, 7):
        assert date_of(start, day) - start == timedelta(days=day)


@pytest.mark.parametrize(("d", "text"), [(date(2026, 11, 30), "Mon 30 Nov 2026"), (date(2027, 1, 4), "Mon 4 Jan 2027")])
def test_format_date(d: date, text: str) -> None:
    assert format_date(d) == text
