"""Treatment dates: the day number from a treatment date and today, and the calendar date of a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

YEARS_BACK = 2
YEARS_AHEAD = 1


@dataclass(frozen=True)
class DateLimits:
    """The treatment dates the app accepts anywhere (a link, a date control, a plan): one rule for all of them."""

    earliest: date
    latest: date

    def problem(self, d: date) -> str | None:
        """Why a treatment date is outside the limits, in words, or None when it is inside."""
        if d < self.earliest:
            return f"is more than {YEARS_BACK} years ago"
        if d > self.latest:
            return f"is more than {YEARS_AHEAD} year ahead"
        return None

    @property
    def words(self) -> str:
        """The limits as people read them."""
        return f"from {YEARS_BACK} years ago to {YEARS_AHEAD} year ahead"


def date_limits(today: date) -> DateLimits:
    """The accepted treatment dates, seen from today: up to 2 years back and 1 year ahead."""
    return DateLimits(today - timedelta(days=365 * YEARS_BACK), today + timedelta(days=365 * YEARS_AHEAD))


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


def start_day(start: date | None, today: date, horizon: int) -> int | None:
    """The day to show for a treatment date: today's day after it, within 0..horizon (None without a date)."""
    if start is None:
        return None
    return max(0, min(day_number(start, today), horizon))


def date_of(start: date, day: int) -> date:
    """The calendar date of a day after treatment."""
    return start + timedelta(days=day)


def format_date(d: date) -> str:
    """A date as people read it: 'Mon 30 Nov 2026'."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def short_date(d: date) -> str:
    """A date within the next weeks, without the year: 'Mon 30 Nov'."""
    return f"{d:%a} {d.day} {d:%b}"
