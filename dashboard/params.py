"""Read the URL: query parameters -> a validated view plus the problems to show (never raw values)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dashboard.dates import date_limits, day_number
from dashboard.dates import start_day as start_day_of
from dashboard.models import AREAS, DEFAULT_SERIES, DEFAULT_TREATMENT, INTENSITIES

DEFAULT_VS = (DEFAULT_TREATMENT, DEFAULT_SERIES)
DEFAULT_INTERVAL = 20
INTERVAL_RANGE = (5, 300)
MAX_COMPARE = 4
MAX_VALUE_LENGTH = 200
# ASCII digits only: `\d` would also accept other scripts' digits, which int() then reads as numbers.
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_INT = re.compile(r"^[+-]?[0-9]{1,9}$")


@dataclass(frozen=True)
class View:
    treatment: str = DEFAULT_TREATMENT
    day: int = 0
    start: date | None = None
    area: str = "face"
    intensity: str = "standard"
    phototype: int | None = None
    vs: tuple[str, ...] = DEFAULT_VS
    interval: int = DEFAULT_INTERVAL
    sessions: int | None = None
    start_day: int | None = None

    def query(self, keys: Iterable[str]) -> dict[str, str]:
        """The URL parameters for the given keys, leaving out defaults so links stay short."""
        values = {
            "treatment": self.treatment if self.treatment != DEFAULT_TREATMENT else None,
            "day": str(self.day) if self.day != (self.start_day or 0) else None,
            "start": self.start.isoformat() if self.start else None,
            "area": self.area if self.area != "face" else None,
            "intensity": self.intensity if self.intensity != "standard" else None,
            "phototype": str(self.phototype) if self.phototype else None,
            "vs": ",".join(self.vs) if self.vs != DEFAULT_VS else None,
            "interval": str(self.interval) if self.interval != DEFAULT_INTERVAL else None,
            "sessions": str(self.sessions) if self.sessions else None,
        }
        return {k: v for k in keys if (v := values.get(k)) is not None}


@dataclass
class _Reader:
    params: Mapping[str, object]
    problems: list[str] = field(default_factory=list)

    def get(self, key: str) -> str | None:
        raw = self.params.get(key)
        if isinstance(raw, list | tuple):
            if len(raw) > 1:
                self.problems.append(f"'{key}' was given more than once; the first value is used.")
            raw = raw[0] if raw else None
        if raw is None:
            return None
        value = str(raw).strip()
        if len(value) > MAX_VALUE_LENGTH:
            self.complain(key, "is too long")
            return None
        return value or None

    def complain(self, key: str, why: str, fallback: str = "") -> None:
        tail = f"; showing {fallback} instead" if fallback else "; it was ignored"
        self.problems.append(f"The link's '{key}' value {why}{tail}.")


def parse_view(params: Mapping[str, object], treatments: Mapping[str, int], today: date,
               day_notices: bool = True) -> tuple[View, list[str]]:
    """Validate query parameters against the data (`treatments`: id -> horizon in days).

    Every value accepted here is one the controls it feeds accept too (treatment dates within
    dashboard.dates.date_limits, days within the horizon), so a link can never break a page.

    `day_notices=False` leaves out the notes about which day is shown, for pages without a day (a plan).
    """
    r = _Reader(params)
    default_treatment = DEFAULT_TREATMENT if DEFAULT_TREATMENT in treatments else next(iter(treatments), "")

    treatment = r.get("treatment")
    if treatment is not None and treatment not in treatments:
        r.complain("treatment", "is not a treatment we know", f"'{default_treatment}'")
        treatment = None
    treatment = treatment or default_treatment
    horizon = treatments.get(treatment, 0)

    start = None
    raw_start = r.get("start")
    if raw_start is not None:
        start = _parse_date(raw_start)
        if start is None:
            r.complain("start", "is not a date like 2026-01-31")
        elif (why := date_limits(today).problem(start)) is not None:
            r.complain("start", why)
            start = None

    start_day = None
    if start is not None:
        n = day_number(start, today)
        if n < 0 and day_notices:
            r.problems.append("The treatment date is in the future, so day 0 is shown.")
        elif n > horizon and day_notices:
            r.problems.append(f"The treatment date was more than {horizon} days ago, so the last day is shown.")
        start_day = start_day_of(start, today, horizon)
    day = start_day or 0
    raw_day = r.get("day")
    if raw_day is not None:
        if not _INT.match(raw_day):
            r.complain("day", "is not a whole number", f"day {day}")
        elif not 0 <= int(raw_day) <= horizon:
            r.complain("day", f"is outside 0 to {horizon}", "the nearest day")
            day = max(0, min(int(raw_day), horizon))
        else:
            day = int(raw_day)

    area = r.get("area")
    if area is not None and area not in AREAS:
        r.complain("area", "is not one of face, neck, chest, hands", "face")
        area = None
    intensity = r.get("intensity")
    if intensity is not None and intensity not in INTENSITIES:
        r.complain("intensity", "is not one of light, standard, deep", "standard")
        intensity = None

    phototype = None
    raw_type = r.get("phototype")
    if raw_type is not None:
        if raw_type in {"1", "2", "3", "4", "5", "6"}:
            phototype = int(raw_type)
        else:
            r.complain("phototype", "is not a skin type from 1 to 6")

    vs = _parse_vs(r, treatments)
    interval = _parse_int(r, "interval", INTERVAL_RANGE, DEFAULT_INTERVAL)
    sessions = None
    raw_sessions = r.get("sessions")
    if raw_sessions is not None:
        if _INT.match(raw_sessions) and 1 <= int(raw_sessions) <= 12:
            sessions = int(raw_sessions)
        else:
            r.complain("sessions", "is not a number of sessions from 1 to 12")

    view = View(treatment=treatment, day=day, start=start, area=area or "face",
                intensity=intensity or "standard", phototype=phototype, vs=vs, interval=interval,
                sessions=sessions, start_day=start_day)
    return view, r.problems


def _parse_date(text: str) -> date | None:
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _parse_int(r: _Reader, key: str, bounds: tuple[int, int], default: int) -> int:
    raw = r.get(key)
    if raw is None:
        return default
    if not _INT.match(raw):
        r.complain(key, "is not a whole number", str(default))
        return default
    value = int(raw)
    if not bounds[0] <= value <= bounds[1]:
        r.complain(key, f"is outside {bounds[0]} to {bounds[1]}", str(default))
        return default
    return value


def _parse_vs(r: _Reader, treatments: Mapping[str, int]) -> tuple[str, ...]:
    raw = r.get("vs")
    default = tuple(t for t in DEFAULT_VS if t in treatments) or tuple(treatments)[:2]
    if raw is None:
        return default
    ids = [part.strip() for part in raw.split(",") if part.strip()]
    known = list(dict.fromkeys(i for i in ids if i in treatments))
    if any(i not in treatments for i in ids):
        r.problems.append("Some treatments in the link's 'vs' list are not ones we know; they were left out.")
    if len(set(ids)) < len(ids):
        r.problems.append("A treatment in the link's 'vs' list was named more than once; it is shown once.")
    if len(known) > MAX_COMPARE:
        r.problems.append(f"At most {MAX_COMPARE} treatments can be compared; the first {MAX_COMPARE} are shown.")
        known = known[:MAX_COMPARE]
    if len(known) < 2:
        r.problems.append("Comparing needs at least two treatments; showing the default pair.")
        return default
    return tuple(known)
