"""Treatment dates: the day number from a treatment date and today, and the calendar date of a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dashboard.i18n import format_day_date, ngettext

YEARS_BACK = 2
YEARS_AHEAD = 1


@dataclass(frozen=True)
class DateLimits:
    """The treatment dates the app accepts anywhere (a link, a date control, a plan): one rule for all of them."""

    earliest: date
    latest: date

    def side(self, d: date) -> Literal["past", "future"] | None:
        """Which limit a treatment date is beyond: 'past' (too long ago), 'future' (too far ahead), or None."""
        if d < self.earliest:
            return "past"
        if d > self.latest:
            return "future"
        return None

    def problem(self, d: date) -> str | None:
        """Why a chosen treatment date cannot make a plan, naming it and the dates that can, or None when it is
        inside the limits."""
        side = self.side(d)
        if side is None:
            return None
        if side == "past":
            why = ngettext(
                "The treatment date {date} is more than {n} year ago.",
                "The treatment date {date} is more than {n} years ago.",
                YEARS_BACK,
            )
        else:
            why = ngettext(
                "The treatment date {date} is more than {n} year ahead.",
                "The treatment date {date} is more than {n} years ahead.",
                YEARS_AHEAD,
            )
        choose = ngettext(
            "Choose a date from {back} years ago to {n} year ahead.",  # YEARS_BACK is more than one
            "Choose a date from {back} years ago to {n} years ahead.",
            YEARS_AHEAD,
        )
        n = YEARS_BACK if side == "past" else YEARS_AHEAD
        return f"{why.format(date=format_date(d), n=n)} {choose.format(back=YEARS_BACK, n=YEARS_AHEAD)}"

    def link_notice(self, d: date) -> str | None:
        """The notice for a link whose treatment date is outside the limits (never naming the date), or None."""
        side = self.side(d)
        if side == "past":
            # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
            return ngettext(
                "The link's 'start' value is more than {n} year ago; it was ignored.",
                "The link's 'start' value is more than {n} years ago; it was ignored.",
                YEARS_BACK,
            ).format(n=YEARS_BACK)
        if side == "future":
            # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
            return ngettext(
                "The link's 'start' value is more than {n} year ahead; it was ignored.",
                "The link's 'start' value is more than {n} years ahead; it was ignored.",
                YEARS_AHEAD,
            ).format(n=YEARS_AHEAD)
        return None

    @property
    def words(self) -> str:
        """The limits as people read them (YEARS_BACK is more than one, so its years are always plural)."""
        return ngettext(
            "from {back} years ago to {n} year ahead", "from {back} years ago to {n} years ahead", YEARS_AHEAD
        ).format(back=YEARS_BACK, n=YEARS_AHEAD)


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


def clamp_day(day: int, horizon: int) -> int:
    """A day after treatment within 0..horizon: the one rule for every day the app shows (a link, a control, a
    card)."""
    return max(0, min(int(day), horizon))


def start_day(start: date | None, today: date, horizon: int) -> int | None:
    """The day to show for a treatment date: today's day after it, within 0..horizon (None without a date)."""
    if start is None:
        return None
    return clamp_day(day_number(start, today), horizon)


def date_of(start: date, day: int) -> date:
    """The calendar date of a day after treatment."""
    return start + timedelta(days=day)


def format_date(d: date) -> str:
    """A date as people read it, in the language of the run: 'Mon 30 Nov 2026' ('lun 30 nov 2026')."""
    return format_day_date(d)


def short_date(d: date) -> str:
    """A date within the next weeks, without the year, in the language of the run: 'Mon 30 Nov'."""
    return format_day_date(d, year=False)
