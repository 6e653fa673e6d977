"""The recovery model: (treatment, day, modifiers) -> what is typical on that day, and why."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from dashboard import words
from dashboard.i18n import N_, _
from dashboard.models import Milestone, Modifier, Phase, Symptom, Treatment, WarningSign
from dashboard.signs import ordered_signs

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
    symptom: Symptom
    typical: float
    low: float
    high: float

    @property
    def words(self) -> str:
        """The typical level in words (none, mild, moderate, marked)."""
        return level_word(self.typical)

    @property
    def range_words(self) -> str:
        """The usual range in words, e.g. 'mild to moderate'."""
        return range_words(self.low, self.high)


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


def level_word(level: float) -> str:
    """Round a level on the 0-3 scale to its word, in the language of the run."""
    return words.level(level_index(level))


def range_words(low: float, high: float) -> str:
    """A usual range in words: 'mild to moderate', or one word when both ends round the same."""
    low_i, high_i = level_index(low), level_index(high)
    if low_i == high_i:
        return words.level(low_i)
    return _("{low} to {high}").format(low=words.level(low_i), high=words.level(high_i))


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
    a = mod.applies_to
    return (a.area is not None and a.area == who.area) or (
        a.intensity is not None and a.intensity == who.intensity) or (
        a.phototypes is not None and who.phototype in a.phototypes)


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
                changes.append(AppliedChange(_("{name}: {what}").format(name=s.name, what=_(_FIELD_WORDS[ch.field])),
                                             before, ch.value, ch.source))
            elif ch.target == "milestone" and ch.id in milestones:
                m = milestones[ch.id]
                milestones[ch.id] = m.model_copy(update={"day": ch.value})
                changes.append(AppliedChange(_("{name}: usual day").format(name=m.label), m.day, ch.value, ch.source))
            elif ch.target == "interval" and course.interval is not None:
                iv = course.interval
                course = course.model_copy(update={"interval": iv.model_copy(update={ch.field: ch.value})})
                changes.append(AppliedChange(_("Time between sessions: {what}").format(what=_(_FIELD_WORDS[ch.field])),
                                             getattr(iv, ch.field), ch.value, ch.source))
            elif ch.target == "sessions":
                c = course.sessions
                course = course.model_copy(update={"sessions": c.model_copy(update={"typical": ch.value})})
                changes.append(AppliedChange(_("Usual number of sessions"), c.typical, ch.value, ch.source))
        applied.append(AppliedModifier(mod, tuple(changes)))
    treatment = t.model_copy(update={
        "symptoms": [symptoms[s.id] for s in t.symptoms],
        "milestones": [milestones[m.id] for m in t.milestones],
        "course": course,
    })
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


def build_day(course: Course, day: int) -> DayState:
    """Everything the "today" card shows for one day."""
    t = course.treatment
    day = max(0, min(day, t.horizon_days))
    states = tuple(SymptomState(s, *symptom_levels(s, day)) for s in t.symptoms)
    dated = sorted((m for m in t.milestones if m.day is not None), key=lambda m: (m.day, m.label))
    reached = tuple(m for m in dated if m.day <= day)
    upcoming = tuple(m for m in dated if m.day > day)
    windows = [a for a in t.aftercare if a.start_day <= day <= a.end_day]
    do = tuple(item for a in windows for item in a.do)
    avoid = tuple(item for a in windows for item in a.avoid)
    care_sources = tuple(dict.fromkeys(k for a in windows for k in a.sources))
    return DayState(day, phase_on(t, day), states, reached, upcoming, do, avoid, care_sources,
                    ordered_signs(t.warning_signs, day))
