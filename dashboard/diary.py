"""The recovery diary a patient keeps on their own phone: what the browser stores, how it is read back, which entries
are old enough to go, and what each entry says now.

The diary lives only in the browser's own storage (localStorage), one item per course under
`storage_key(treatment, start)`: `{"v": 1, "treatment": ..., "start": ..., "entries": [...]}`. An entry is one day's
answers to the self-check: the level reported for each symptom (0 none .. 3 marked), the warning signs ticked, an
optional short note, and the person's area, strength and skin type (the answer depends on them). The page reads the
items from the browser within a run (dashboard/ui/diary.py), and this module turns them into what the page, the chart
and the PDF show. Nothing here keeps anything: every function takes what it needs and returns a new value.

What comes back from a browser is untrusted (anyone can edit their own storage): `read_stored` accepts only the exact
shape this app writes, within size limits, and counts the rest as unreadable; it never raises on any input.

Each entry's answer is never stored: it is asked again of the self-check (dashboard/selfcheck.check_day) for the
entry's treatment after the person's modifiers and its day, so an entry always reads what the clinic's triage table
says today.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from dashboard import words
from dashboard.dates import date_of, day_number, format_date
from dashboard.i18n import _, ngettext
from dashboard.models import AREAS, INTENSITIES, LEVEL_WORDS, PHOTOTYPES, Treatment, WarningSign
from dashboard.recovery import Course, Personal, apply_modifiers
from dashboard.selfcheck import Answer, Finding, check_day, overall
from dashboard.signs import CALLS, answer_text

FORMAT = 1
STORAGE_PREFIX = f"recovery-diary:v{FORMAT}:"
MAX_NOTE = 200  # characters of a note: a line or two
MAX_ITEM_CHARS = 150_000  # one course's item: a year of daily entries with full notes fits about twice
MAX_ITEMS = 20  # courses read back at most; more is not a diary this app wrote
KEEP_DAYS_AFTER_HORIZON = 30  # a course's entries go this many days after the last day of its timeline
ENTRY_FIELDS = frozenset({"day", "levels", "signs", "note", "area", "intensity", "phototype"})
ITEM_FIELDS = frozenset({"v", "treatment", "start", "entries"})
TOP_LEVEL = len(LEVEL_WORDS) - 1

StorageStatus = Literal["ok", "blocked", "missing", "unknown"]
STATUSES: tuple[StorageStatus, ...] = ("ok", "blocked", "missing", "unknown")
Action = Literal["load", "pdf", "forget"]
ACTIONS: tuple[Action, ...] = ("load", "pdf", "forget")

# ASCII only: a key or date with other scripts' digits is not one this app wrote.
_KEY = re.compile(r"^recovery-diary:v1:([a-z0-9][a-z0-9-]{0,39}):([0-9]{4}-[0-9]{2}-[0-9]{2})$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # control characters, save tab and line breaks


def storage_key(treatment: str, start: date) -> str:
    """The browser's storage key of one course's diary: its treatment and treatment date."""
    return f"{STORAGE_PREFIX}{treatment}:{start.isoformat()}"


@dataclass(frozen=True)
class Entry:
    """One day's answers, as kept: the levels reported, the signs ticked, the note, and who the person is."""

    day: int
    levels: tuple[tuple[str, int], ...]  # (symptom id, level 0-3), in the treatment's order
    signs: tuple[str, ...]  # warning sign ids
    note: str = ""
    area: str = "face"
    intensity: str = "standard"
    phototype: int | None = None

    @property
    def person(self) -> Personal:
        """The area, strength and skin type the answer depends on."""
        return Personal(self.area, self.intensity, self.phototype)

    def level(self, symptom_id: str) -> int:
        """The level reported for a symptom (0 when it was not reported)."""
        return dict(self.levels).get(symptom_id, 0)


@dataclass(frozen=True)
class Diary:
    """One course's diary: its treatment, its treatment date and its entries, one per day, by day."""

    treatment: str
    start: date
    entries: tuple[Entry, ...]

    @property
    def key(self) -> str:
        return storage_key(self.treatment, self.start)


@dataclass(frozen=True)
class Reading:
    """What the browser sent, read: the diaries that could be read (newest treatment date first), how many items or
    entries could not be read, the courses too old to keep (storage key, number of entries), and whether storage
    works."""

    diaries: tuple[Diary, ...] = ()
    unreadable: int = 0
    expired: tuple[tuple[str, int], ...] = ()
    status: StorageStatus = "ok"
    action: Action = "load"

    @property
    def expired_count(self) -> int:
        """How many entries are too old to keep."""
        return sum(n for _key, n in self.expired)


def stored_entry(
    t: Treatment, day: int, reported: Mapping[str, int], signs: Iterable[str], person: Personal
) -> dict[str, Any]:
    """An entry as the browser stores it (the browser adds the note the person types): every symptom's level, the
    ticked signs the treatment knows, and the person's modifiers."""
    known = {w.id for w in t.warning_signs}
    return {
        "day": int(day),
        "levels": {s.id: max(0, min(TOP_LEVEL, int(reported.get(s.id, 0)))) for s in t.symptoms},
        "signs": [w for w in dict.fromkeys(signs) if w in known],
        "area": person.area,
        "intensity": person.intensity,
        "phototype": person.phototype,
    }


def can_keep(start: date | None, day: int, today: date) -> bool:
    """Whether answers for a day can be kept: with a treatment date, for today or a day before (not ahead)."""
    return start is not None and 0 <= day <= day_number(start, today)


def expires_on(start: date, horizon: int) -> date:
    """The date a course's diary goes from the phone by itself: 30 days after the last day of its timeline (its
    horizon), so the entries are kept for the whole course and a month more, never longer."""
    return date_of(start, horizon) + timedelta(days=KEEP_DAYS_AFTER_HORIZON + 1)


def is_expired(start: date, horizon: int, today: date) -> bool:
    """Whether a course's entries are older than its horizon plus 30 days."""
    return today >= expires_on(start, horizon)


# ---------------------------------------------------------------- reading back what the browser sent


def _int(value: object) -> int | None:
    # JSON numbers only: a bool is an int to Python, and a float that happens to be whole is not what we wrote.
    return value if type(value) is int else None


def _levels(raw: object, t: Treatment) -> tuple[tuple[str, int], ...] | None:
    """An entry's levels (0-3) by symptom, in the treatment's order; None unless every one is a symptom it has."""
    symptoms = [s.id for s in t.symptoms]
    if not isinstance(raw, dict) or not set(raw) <= set(symptoms):
        return None
    if any(_int(v) is None or not 0 <= v <= TOP_LEVEL for v in raw.values()):
        return None
    return tuple((sid, raw[sid]) for sid in symptoms if sid in raw)


def _signs(raw: object, t: Treatment) -> tuple[str, ...] | None:
    """An entry's ticked warning signs; None unless every one is a sign of the treatment."""
    known = {w.id for w in t.warning_signs}
    if not isinstance(raw, list) or len(raw) > len(known) or not all(isinstance(x, str) and x in known for x in raw):
        return None
    return tuple(dict.fromkeys(raw))


def _person(raw: dict[str, object]) -> Personal | None:
    """An entry's area, strength and skin type; None unless each is one the app offers."""
    area, intensity, phototype = raw["area"], raw["intensity"], raw["phototype"]
    if not isinstance(area, str) or area not in AREAS or not isinstance(intensity, str) or intensity not in INTENSITIES:
        return None
    if phototype is not None and _int(phototype) not in PHOTOTYPES:
        return None
    return Personal(area, intensity, _int(phototype))


def _entry(raw: object, t: Treatment) -> Entry | None:
    """One stored entry, or None when it is not exactly what this app writes for this treatment."""
    if not isinstance(raw, dict) or set(raw) != ENTRY_FIELDS:
        return None
    day, note = _int(raw["day"]), raw["note"]
    if day is None or not 0 <= day <= t.horizon_days:
        return None
    if not isinstance(note, str) or len(note) > MAX_NOTE or _CONTROL.search(note):
        return None
    levels, signs, person = _levels(raw["levels"], t), _signs(raw["signs"], t), _person(raw)
    if levels is None or signs is None or person is None:
        return None
    return Entry(day, levels, signs, note.strip(), person.area, person.intensity, person.phototype)


def _item(key: object, raw: object, treatments: Mapping[str, Treatment]) -> tuple[Treatment, date, list[object]] | None:
    """One course's stored item: its treatment, date and raw entries, or None when it is not one this app wrote."""
    if not isinstance(key, str) or not isinstance(raw, str) or len(raw) > MAX_ITEM_CHARS:
        return None
    m = _KEY.match(key)
    if m is None or m.group(1) not in treatments:
        return None
    try:
        start = date.fromisoformat(m.group(2))
        item = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    t = treatments[m.group(1)]
    if (
        not isinstance(item, dict)
        or set(item) != ITEM_FIELDS
        or _int(item["v"]) != FORMAT
        or item["treatment"] != t.id
        or item["start"] != start.isoformat()
        or not isinstance(item["entries"], list)
        or len(item["entries"]) > t.horizon_days + 1
    ):
        return None
    return t, start, item["entries"]


def read_stored(payload: object, treatments: Mapping[str, Treatment], today: date) -> Reading:
    """The diaries in what the browser sent ({"status", "action", "items": {storage key: stored text}}): only what
    this app writes is read, the rest is counted as unreadable; entries too old to keep are left out and listed."""
    if not isinstance(payload, dict):
        return Reading(status="unknown")
    status: StorageStatus = next((x for x in STATUSES if x == payload.get("status")), "unknown")
    action: Action = next((x for x in ACTIONS if x == payload.get("action")), "load")
    items = payload.get("items")
    if not isinstance(items, dict):
        return Reading(unreadable=0 if items is None else 1, status=status, action=action)
    more = _int(payload.get("more"))  # items the browser did not send: past the count or size it sends
    unreadable = more if more is not None and more > 0 else 0
    keys = sorted(k for k in items if isinstance(k, str))[:MAX_ITEMS]
    unreadable += len(items) - len(keys)
    diaries: list[Diary] = []
    expired: list[tuple[str, int]] = []
    for key in keys:
        found = _item(key, items[key], treatments)
        if found is None:
            unreadable += 1
            continue
        t, start, raw_entries = found
        by_day: dict[int, Entry] = {}
        for raw in raw_entries:
            entry = _entry(raw, t)
            if entry is None:
                unreadable += 1
            else:
                by_day[entry.day] = entry  # one entry a day: a later one replaces an earlier one
        if is_expired(start, t.horizon_days, today):
            expired.append((key, len(by_day)))
        elif by_day:
            diaries.append(Diary(t.id, start, tuple(by_day[d] for d in sorted(by_day))))
    diaries.sort(key=lambda d: (d.start, d.treatment), reverse=True)
    return Reading(tuple(diaries), unreadable, tuple(expired), status, action)


# ---------------------------------------------------------------- what each entry says now


@dataclass(frozen=True)
class DiaryRow:
    """One entry as every surface shows it: its day and date, what was noted, and the self-check's answer now."""

    entry: Entry
    date: date
    answer: Answer | None  # None: nothing above 'none' and no sign
    findings: tuple[Finding, ...]
    signs: tuple[WarningSign, ...]

    @property
    def day(self) -> int:
        return self.entry.day

    @property
    def calls(self) -> bool:
        """Whether the entry now reads a call (in office hours, today, or now)."""
        return self.answer in CALLS


@dataclass(frozen=True)
class DiaryView:
    """A diary ready to show: the course for its chart's usual band (after the modifiers of its latest entry) and
    a row per entry."""

    diary: Diary
    course: Course
    rows: tuple[DiaryRow, ...]

    @property
    def sign_days(self) -> tuple[int, ...]:
        """The days on which a warning sign was ticked."""
        return tuple(r.day for r in self.rows if r.signs)


def build_view(diary: Diary, t: Treatment) -> DiaryView:
    """Each entry answered by the self-check for its own day and its own modifiers, and the course of the latest."""
    courses: dict[Personal, Course] = {}

    def course_for(person: Personal) -> Course:
        if person not in courses:
            courses[person] = apply_modifiers(t, person)
        return courses[person]

    rows = []
    for e in diary.entries:
        personal = course_for(e.person).treatment
        findings = tuple(check_day(personal, e.day, dict(e.levels), e.signs))
        by_id = {w.id: w for w in personal.warning_signs}
        rows.append(
            DiaryRow(
                e,
                date_of(diary.start, e.day),
                overall(findings),
                findings,
                tuple(by_id[s] for s in e.signs if s in by_id),
            )
        )
    return DiaryView(diary, course_for(diary.entries[-1].person), tuple(rows))


def chart_points(view: DiaryView, symptom_ids: Iterable[str]) -> list[dict[str, int]]:
    """The person's own line for each charted symptom: one point per entry (s: the panel's index, d, level)."""
    return [{"s": i, "d": r.day, "level": r.entry.level(sid)} for i, sid in enumerate(symptom_ids) for r in view.rows]


def recorded_symptoms(view: DiaryView) -> tuple[str, ...]:
    """The symptoms some entry reports above 'none', in the treatment's order."""
    t = view.course.treatment
    return tuple(s.id for s in t.symptoms if any(r.entry.level(s.id) > 0 for r in view.rows))


# ---------------------------------------------------------------- the words the page and the PDF share


def noted_words(row: DiaryRow, t: Treatment) -> str:
    """What the person noted, in words: 'redness moderate, crusting mild', or that nothing showed."""
    shown = [
        _("{symptom} {level}").format(symptom=s.name.lower(), level=words.level(row.entry.level(s.id), s.id))
        for s in t.symptoms
        if row.entry.level(s.id) > 0
    ]
    return ", ".join(shown) if shown else _("no symptoms")


def answer_words(row: DiaryRow) -> str:
    """The entry's answer in the self-check's words, or that nothing was ticked."""
    return answer_text(row.answer) if row.answer else _("Nothing ticked")


def course_title(diary: Diary, t: Treatment) -> str:
    """'Fractional CO2 laser (Lutronic eCO2), treated Mon 23 Nov 2026'."""
    return _("{treatment}, treated {date}").format(treatment=t.name, date=format_date(diary.start))


def span_words(view: DiaryView) -> str:
    """How many entries, and from which day to which."""
    rows = view.rows
    n = len(rows)
    first, last = rows[0], rows[-1]
    if n == 1:
        return _("1 entry: day {day}, {date}.").format(day=first.day, date=format_date(first.date))
    return ngettext(
        "{n} entry, from day {first} ({first_date}) to day {last} ({last_date}).",
        "{n} entries, from day {first} ({first_date}) to day {last} ({last_date}).",
        n,
    ).format(n=n, first=first.day, first_date=format_date(first.date), last=last.day, last_date=format_date(last.date))
