"""The recovery model: (treatment, day, modifiers) -> what is typical on that day, and why."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from dashboard import words
from dashboard.dates import clamp_day
from dashboard.i18n import N_, _
from dashboard.models import AREAS, INTENSITIES, PHOTOTYPES, Milestone, Modifier, Phase, Symptom, Treatment, WarningSign
from dashboard.signs import ordered_signs
from dashboard.triage import Status, TableProblem, resolve_for, status, top_expected, window_on

VISIBLE_LEVEL = 0.5  # a typical level that rounds to "mild" or more counts as visible


@dataclass(frozen=True)
class Personal:
    """The person's modifiers; None means "not given"."""

    area: str = "face"
    intensity: str = "standard"
    phototype: int | None = None


@dataclass(frozen=True)
class AppliedChange:
    what: str
    before: int | None
    after: int
    source: str


@dataclass(frozen=True)
class AppliedModifier:
    modifier: Modifier
    changes: tuple[AppliedChange, ...]


@dataclass(frozen=True)
class SymptomState:
    """One symptom on one day: the curve's typical level and band (the chart), and what the clinic's triage table
    calls usual (the card and the self-check: `top` is the strongest level it answers 'expected')."""

    symptom: Symptom
    typical: float
    low: float
    high: float
    top: int = 0
    status: Status = "usual"
    reading: bool = False  # the table's days for this are our reading of vaguer wording

    @property
    def words(self) -> str:
        """The typical level in words (none, mild, moderate, marked)."""
        return level_word(self.typical, self.symptom.id)

    @property
    def range_words(self) -> str:
        """The usual range in words, e.g. 'mild to moderate': up to the strongest level the table calls usual."""
        return words.level_range(min(level_index(self.low), self.top), self.top, self.symptom.id)


@dataclass(frozen=True)
class DayState:
    day: int
    phase: Phase
    symptoms: tuple[SymptomState, ...]
    reached: tuple[Milestone, ...]
    upcoming: tuple[Milestone, ...]
    do: tuple[str, ...]
    avoid: tuple[str, ...]
    care_sources: tuple[str, ...]
    warnings: tuple[WarningSign, ...]


@dataclass(frozen=True)
class Course:
    """A treatment after the person's modifiers have been applied, and what changed."""

    treatment: Treatment
    applied: tuple[AppliedModifier, ...] = field(default_factory=tuple)


def level_index(level: float) -> int:
    """Round a level on the 0-3 scale to the nearest step (0 none, 1 mild, 2 moderate, 3 marked)."""
    return max(0, min(3, math.floor(level + 0.5)))


def level_word(level: float, symptom: str | None = None) -> str:
    """Round a level on the 0-3 scale to its word (of a symptom, agreeing with it), in the language of the run."""
    return words.level(level_index(level), symptom)


def range_words(low: float, high: float, symptom: str | None = None) -> str:
    """A usual range in words: 'mild to moderate', or one word when both ends round the same."""
    return words.level_range(level_index(low), level_index(high), symptom)


def _shape(day: float, onset: int, peak: int, end: int) -> float:
    """0..1: rise from half at onset to full at peak, then fall linearly to nothing at `end`."""
    if day < onset or day >= end and end > peak:
        return 0.0
    if day <= peak:
        return 1.0 if peak == onset else 0.5 + 0.5 * (day - onset) / (peak - onset)
    return max(0.0, 1.0 - (day - peak) / (end - peak))


def symptom_levels(s: Symptom, day: float) -> tuple[float, float, float]:
    """Typical level, and the low and high of the usual range, on a day (0-3 scale)."""
    if s.peak_level == 0 or day < s.onset_day:
        return 0.0, 0.0, 0.0
    typical = s.peak_level * _shape(day, s.onset_day, s.peak_day, max(s.typical_end_day, s.peak_day + 1))
    low = s.peak_level * _shape(day, s.onset_day, s.peak_day, max(s.earliest_end_day, s.peak_day + 1))
    spread_end = min(s.range_end_day, 2 * s.typical_end_day - s.earliest_end_day)
    high = s.peak_level * _shape(day, s.onset_day, s.peak_day, max(spread_end, s.peak_day + 1))
    if day < s.range_end_day:
        high = max(high, min(1.0, float(s.peak_level)))
    return typical, min(low, typical), max(high, typical)


def _matches(mod: Modifier, who: Personal) -> bool:
    return mod.applies_to.matches(who.area, who.intensity, who.phototype)


def apply_modifiers(t: Treatment, who: Personal) -> Course:
    """The treatment as it applies to this person: only the changes the data states, each recorded."""
    symptoms = {s.id: s for s in t.symptoms}
    milestones = {m.id: m for m in t.milestones}
    course = t.course
    applied: list[AppliedModifier] = []
    for mod in t.modifiers:
        if not _matches(mod, who):
            continue
        changes: list[AppliedChange] = []
        for ch in mod.changes:
            if ch.target == "symptom" and ch.id in symptoms:
                s = symptoms[ch.id]
                before = getattr(s, ch.field)
                update: dict[str, int] = {ch.field: ch.value}
                if ch.field == "typical_end_day" and ch.value > s.range_end_day:
                    update["range_end_day"] = ch.value
                if ch.field == "range_end_day" and ch.value < s.typical_end_day:
                    update["typical_end_day"] = ch.value
                symptoms[ch.id] = s.model_copy(update=update)
                changes.append(
                    AppliedChange(
                        _("{name}: {what}").format(name=s.name, what=_(_FIELD_WORDS[ch.field])),
                        before,
                        ch.value,
                        ch.source,
                    )
                )
            elif ch.target == "milestone" and ch.id in milestones:
                m = milestones[ch.id]
                milestones[ch.id] = m.model_copy(update={"day": ch.value})
                changes.append(AppliedChange(_("{name}: usual day").format(name=m.label), m.day, ch.value, ch.source))
            elif ch.target == "interval" and course.interval is not None:
                iv = course.interval
                course = course.model_copy(update={"interval": iv.model_copy(update={ch.field: ch.value})})
                changes.append(
                    AppliedChange(
                        _("Time between sessions: {what}").format(what=_(_FIELD_WORDS[ch.field])),
                        getattr(iv, ch.field),
                        ch.value,
                        ch.source,
                    )
                )
            elif ch.target == "sessions":
                c = course.sessions
                course = course.model_copy(update={"sessions": c.model_copy(update={"typical": ch.value})})
                changes.append(AppliedChange(_("Usual number of sessions"), c.typical, ch.value, ch.source))
        applied.append(AppliedModifier(mod, tuple(changes)))
    treatment = t.model_copy(
        update={
            "symptoms": [symptoms[s.id] for s in t.symptoms],
            "milestones": [milestones[m.id] for m in t.milestones],
            "course": course,
            # The person's own answers (a skin type's longer redness) in place of the general ones on their days.
            "triage": {
                sid: resolve_for(table, who.area, who.intensity, who.phototype) for sid, table in t.triage.items()
            },
        }
    )
    return Course(treatment, tuple(applied))


_FIELD_WORDS = {
    "typical_end_day": N_("usually gone by day"),
    "range_end_day": N_("can last until day"),
    "min_days": N_("shortest gap in days"),
    "max_days": N_("longest gap in days"),
}


def phase_on(t: Treatment, day: int) -> Phase:
    """The healing phase a day falls in (the last phase carries on to the horizon)."""
    current = t.phases[0]
    for p in t.phases:
        if p.start_day <= day:
            current = p
    return current


def symptom_state(t: Treatment, s: Symptom, day: int) -> SymptomState:
    """A symptom on a day: its curve (the chart) and what the triage table calls usual (the card, the check)."""
    window = window_on(t, s.id, day)
    return SymptomState(
        s, *symptom_levels(s, day), top=top_expected(window), status=status(t, s.id, day), reading=window.reading
    )


def people() -> tuple[Personal, ...]:
    """Every combination of treated area, strength and skin type (given or not)."""
    return tuple(Personal(a, i, p) for a, i, p in itertools.product(AREAS, INTENSITIES, (None, *PHOTOTYPES)))


def band_problems(t: Treatment) -> list[TableProblem]:
    """Where the chart and the triage table would disagree, for any person: days on which the curve's usual band
    reaches a level the table does not call expected (the chart would show as usual what the self-check flags).
    The table may be more lenient than the band, never stricter."""
    found: dict[tuple[str, str, int, int], list[int]] = {}
    for who in _distinct_people(t):
        course = apply_modifiers(t, who).treatment
        person = ", ".join(x for x in (who.area, who.intensity, words.skin_type(who.phototype)) if x)
        for s in course.symptoms:
            if s.id not in course.triage:
                continue
            tops = _tops_by_day(course, s.id)
            for day in range(t.horizon_days + 1):
                band = level_index(symptom_levels(s, day)[2])
                if band > tops[day]:
                    found.setdefault((s.id, person, band, tops[day]), []).append(day)
    return [
        TableProblem(
            f"triage.{sid}",
            f"{_day_ranges(days)} ({person}): the chart's usual band reaches "
            f"{words.LEVELS[band]}, but the table calls only up to {words.LEVELS[top]} expected",
        )
        for (sid, person, band, top), days in found.items()
    ]


def _distinct_people(t: Treatment) -> list[Personal]:
    """One person for each different course the data can give: the modifiers that change symptom days and the
    triage windows of a person's own that apply to them decide it."""
    changing = [m for m in t.modifiers if any(c.target == "symptom" for c in m.changes)]
    own = [w.applies_to for table in t.triage.values() for w in table.windows if w.applies_to is not None]
    chosen: dict[tuple[bool, ...], Personal] = {}
    for who in people():
        key = tuple(_matches(m, who) for m in changing) + tuple(
            a.matches(who.area, who.intensity, who.phototype) for a in own
        )
        chosen.setdefault(key, who)
    return list(chosen.values())


def _tops_by_day(t: Treatment, symptom_id: str) -> list[int]:
    """The strongest level the table calls expected, for each day from 0 to the horizon."""
    return [top_expected(window_on(t, symptom_id, day)) for day in range(t.horizon_days + 1)]


def _day_ranges(days: list[int]) -> str:
    """'day 4', 'days 35 to 89', 'days 2 to 3 and 7'."""
    spans: list[list[int]] = []
    for d in days:
        if spans and d == spans[-1][1] + 1:
            spans[-1][1] = d
        else:
            spans.append([d, d])
    words_ = [f"{a}" if a == b else f"{a} to {b}" for a, b in spans]
    return ("day " if len(days) == 1 else "days ") + " and ".join(words_)


def build_day(course: Course, day: int) -> DayState:
    """Everything the "today" card shows for one day."""
    t = course.treatment
    day = clamp_day(day, t.horizon_days)
    states = tuple(symptom_state(t, s, day) for s in t.symptoms)
    dated = sorted((m.day, m.label, m) for m in t.milestones if m.day is not None)
    reached = tuple(m for on, _label, m in dated if on <= day)
    upcoming = tuple(m for on, _label, m in dated if on > day)
    windows = [a for a in t.aftercare if a.start_day <= day <= a.end_day]
    do = tuple(item for a in windows for item in a.do)
    avoid = tuple(item for a in windows for item in a.avoid)
    care_sources = tuple(dict.fromkeys(k for a in windows for k in a.sources))
    return DayState(
        day, phase_on(t, day), states, reached, upcoming, do, avoid, care_sources, ordered_signs(t.warning_signs, day)
    )
