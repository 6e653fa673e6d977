"""Treatment dates: the day number from a treatment date and today, and the calendar date of a day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def today_in(tz_name: str | None, now: datetime | None = None) -> date:
    """Today's date in the viewer's time zone (UTC when the zone is missing or unknown)."""
    try:
        zone = ZoneInfo(tz_name) if tz_name else ZoneInfo("UTC")
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder name such as "America", or too long
        zone = ZoneInfo("UTC")
    moment = now if now is not None else datetime.now(tz=ZoneInfo("UTC"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(zone).date()


def day_number(start: date, today: date) -> int:
    """Whole days since the treatment date (negative before it)."""
    return (today - start).days


def date_of(start: date, day: int) -> date:
    """The calendar date of a day after treatment."""
    return start + timedelta(days=day)


def format_date(d: date) -> str:
    """A date as people read it: 'Mon 30 Nov 2026'."""
    return f"{d:%a} {d.day} {d:%b %Y}"
