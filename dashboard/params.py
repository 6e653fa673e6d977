"""Read the URL: query parameters -> a validated view plus the problems to show (never raw values)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from dashboard.dates import clamp_day, date_limits, day_number
from dashboard.i18n import LANGUAGE_PARAM, _, ngettext
from dashboard.models import AREAS, DEFAULT_SERIES, DEFAULT_TREATMENT, INTENSITIES, MAX_SESSIONS, PHOTOTYPES
from dashboard.words import area as area_word
from dashboard.words import intensity as intensity_word

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
    compare: str | None = None  # the consult's second course, beside the plan on its timeline
    # The link names the area: it then stays in the link even as face. A filter reads no area as any area (the
    # gallery); a course reads it as face.
    area_named: bool = False

    @property
    def area_filter(self) -> str | None:
        """The area a photo filter uses: the one the link names, or None for any area."""
        return self.area if self.area_named else None

    def query(self, keys: Iterable[str]) -> dict[str, str]:
        """The URL parameters for the given keys, leaving out defaults so links stay short."""
        values = {
            "treatment": self.treatment if self.treatment != DEFAULT_TREATMENT else None,
            "day": str(self.day) if self.day != (self.start_day or 0) else None,
            "start": self.start.isoformat() if self.start else None,
            "area": self.area if self.area != "face" or self.area_named else None,
            "intensity": self.intensity if self.intensity != "standard" else None,
            "phototype": str(self.phototype) if self.phototype else None,
            "vs": ",".join(self.vs) if self.vs != DEFAULT_VS else None,
            "interval": str(self.interval) if self.interval != DEFAULT_INTERVAL else None,
            "sessions": str(self.sessions) if self.sessions else None,
            "compare": self.compare,
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
                # TRANSLATORS: {key} is the name of a link parameter ('day', 'start'); keep it as it is.
                self.problems.append(_("'{key}' was given more than once; the first value is used.").format(key=key))
            raw = raw[0] if raw else None
        if raw is None:
            return None
        value = str(raw).strip()
        if len(value) > MAX_VALUE_LENGTH:
            self.complain(_("The link's '{key}' value is too long; it was ignored.").format(key=key))
            return None
        return value or None

    def complain(self, notice: str) -> None:
        """Note a notice about a link value: one whole sentence, already in the language of the run (a msgid
        with named placeholders, so the catalog has the whole sentence: never glued from fragments)."""
        self.problems.append(notice)


def parse_view(
    params: Mapping[str, object], treatments: Mapping[str, int], today: date, day_notices: bool = True
) -> tuple[View, list[str]]:
    """Validate query parameters against the data (`treatments`: id -> horizon in days).

    Every value accepted here is one the controls it feeds accept too (treatment dates within
    dashboard.dates.date_limits, days within the horizon: dates.clamp_day), so a link can never break a page.

    `day_notices=False` leaves out the notes about which day is shown, for pages without a day (a plan).
    """
    r = _Reader(params)
    treatment = _parse_treatment(r, treatments)
    horizon = treatments.get(treatment, 0)
    start = _parse_start(r, today)
    start_day = None if start is None else _start_day(r, start, today, horizon, day_notices)
    area, area_named = _parse_choice(r, "area", AREAS, "face", area_word)
    intensity, _named = _parse_choice(r, "intensity", INTENSITIES, "standard", intensity_word)
    view = View(
        treatment=treatment,
        day=_parse_day(r, start_day or 0, horizon),
        start=start,
        area=area,
        intensity=intensity,
        phototype=_parse_phototype(r),
        vs=_parse_vs(r, treatments),
        interval=_parse_int(r, "interval", INTERVAL_RANGE, DEFAULT_INTERVAL),
        sessions=_parse_sessions(r),
        start_day=start_day,
        area_named=area_named,
        compare=_parse_compare(r, treatments, treatment),
    )
    return view, r.problems


def _parse_treatment(r: _Reader, treatments: Mapping[str, int]) -> str:
    default = DEFAULT_TREATMENT if DEFAULT_TREATMENT in treatments else next(iter(treatments), "")
    treatment = r.get("treatment")
    if treatment is not None and treatment not in treatments:
        r.complain(
            # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
            _("The link's 'treatment' value is not a treatment we know; showing '{treatment}' instead.").format(
                treatment=default
            )
        )
        return default
    return treatment or default


def _parse_start(r: _Reader, today: date) -> date | None:
    raw = r.get("start")
    if raw is None:
        return None
    start = _parse_date(raw)
    if start is None:
        # TRANSLATORS: keep the link parameter's name in quotes and the date as they are (the form a link takes).
        r.complain(_("The link's 'start' value is not a date like 2026-01-31; it was ignored."))
        return None
    notice = date_limits(today).link_notice(start)
    if notice is not None:
        r.complain(notice)
        return None
    return start


def _start_day(r: _Reader, start: date, today: date, horizon: int, notices: bool) -> int:
    """Today's day after the treatment date, within the horizon; a note when it had to be moved."""
    n = day_number(start, today)
    if n < 0 and notices:
        r.problems.append(_("The treatment date is in the future, so day 0 is shown."))
    elif n > horizon and notices:
        r.problems.append(
            ngettext(
                "The treatment date was more than {n} day ago, so the last day is shown.",
                "The treatment date was more than {n} days ago, so the last day is shown.",
                horizon,
            ).format(n=horizon)
        )
    return clamp_day(n, horizon)


def _parse_day(r: _Reader, default: int, horizon: int) -> int:
    raw = r.get("day")
    if raw is None:
        return default
    if not _INT.match(raw):
        # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
        r.complain(_("The link's 'day' value is not a whole number; showing day {day} instead.").format(day=default))
        return default
    day = clamp_day(int(raw), horizon)
    if day != int(raw):
        r.complain(
            # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
            _("The link's 'day' value is outside 0 to {last}; showing the nearest day instead.").format(last=horizon)
        )
    return day


def _parse_choice(
    r: _Reader, key: str, values: tuple[str, ...], default: str, in_words: Callable[[str], str]
) -> tuple[str, bool]:
    """One of a fixed set of values (area, intensity), and whether the link named it (a bad value is named too: the
    notice says the default is shown, so the default it is)."""
    value = r.get(key)
    if value is not None and value not in values:
        r.complain(
            # TRANSLATORS: keep the link parameter's name in quotes; {values} are the values a link takes, in English.
            _("The link's '{key}' value is not one of {values}; showing {value} instead.").format(
                key=key, values=", ".join(values), value=in_words(default)
            )
        )
        return default, True
    return value or default, value is not None


def _parse_phototype(r: _Reader) -> int | None:
    raw = r.get("phototype")
    if raw is None:
        return None
    if raw in {str(p) for p in PHOTOTYPES}:
        return int(raw)
    # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
    r.complain(_("The link's 'phototype' value is not a skin type from 1 to 6; it was ignored."))
    return None


def _parse_sessions(r: _Reader) -> int | None:
    raw = r.get("sessions")
    if raw is None:
        return None
    if _INT.match(raw) and 1 <= int(raw) <= MAX_SESSIONS:
        return int(raw)
    r.complain(
        # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
        _("The link's 'sessions' value is not a number of sessions from 1 to {max}; it was ignored.").format(
            max=MAX_SESSIONS
        )
    )
    return None


def _parse_compare(r: _Reader, treatments: Mapping[str, int], treatment: str) -> str | None:
    """The consult's second course; none when it names the plan's own treatment."""
    compare = r.get("compare")
    if compare is not None and compare not in treatments:
        # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
        r.complain(_("The link's 'compare' value is not a treatment we know; nothing is compared."))
        return None
    return compare if compare != treatment else None


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
        r.complain(
            _("The link's '{key}' value is not a whole number; showing {value} instead.").format(key=key, value=default)
        )
        return default
    value = int(raw)
    if not bounds[0] <= value <= bounds[1]:
        r.complain(
            _("The link's '{key}' value is outside {low} to {high}; showing {value} instead.").format(
                key=key, low=bounds[0], high=bounds[1], value=default
            )
        )
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
        # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
        r.problems.append(_("Some treatments in the link's 'vs' list are not ones we know; they were left out."))
    if len(set(ids)) < len(ids):
        # TRANSLATORS: the name in quotes is a link parameter: keep it as it is.
        r.problems.append(_("A treatment in the link's 'vs' list was named more than once; it is shown once."))
    if len(known) > MAX_COMPARE:
        r.problems.append(
            ngettext(
                "At most {n} treatment can be compared; the first {n} is shown.",
                "At most {n} treatments can be compared; the first {n} are shown.",
                MAX_COMPARE,
            ).format(n=MAX_COMPARE)
        )
        known = known[:MAX_COMPARE]
    if len(known) < 2:
        r.problems.append(_("Comparing needs at least two treatments; showing the default pair."))
        return default
    return tuple(known)


def parse_language(params: Mapping[str, object], languages: Iterable[str]) -> tuple[str | None, list[str]]:
    """The link's `lang` (None when it has none or names a language the app does not have) and its notices.

    Read for every page by the frame, before the page, since the language decides the words of everything else.
    """
    r = _Reader(params)
    raw = r.get(LANGUAGE_PARAM)
    if raw is None:
        return None, r.problems
    code = raw.lower()
    if code not in tuple(languages):
        r.problems.append(
            _(
                "The link's 'lang' value is not a language this app has; the page is shown in the "
                "browser's language, or in English."
            )
        )
        return None, r.problems
    return code, r.problems


def parse_languages(params: Mapping[str, object], languages: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
    """The display's `langs` ('en,es': slides alternate between them), the ones the app has, in order; and the
    notices for the log (an unattended screen shows none)."""
    r = _Reader(params)
    raw = r.get("langs")
    if raw is None:
        return (), r.problems
    known = tuple(languages)
    codes = [part.strip().lower() for part in raw.split(",") if part.strip()]
    chosen = tuple(dict.fromkeys(c for c in codes if c in known))
    if len(chosen) < len(codes):
        r.problems.append(_("Some languages in the link's 'langs' list are not ones this app has; they were left out."))
    return chosen, r.problems
