"""The clinic's triage table: for each treatment, symptom and day window, the answer to each reported level.

The table is data (`triage:` in each treatment file), written down and signed by the clinic, not inferred from the
shape of the symptom curves: the curves draw the chart, the table answers the patient. The day card and the
self-check both read it here, so they say the same thing in the same words. `table_problems` is what
`python -m dashboard check` proves about it: complete, ordered, and no call resting on our own reading alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from dashboard.models import (
    LEVEL_WORDS,
    TRIAGE_ORDER,
    SymptomTriage,
    Treatment,
    TriageAnswer,
    TriageWindow,
    WarningSign,
)

# Answers that ask for a call; and the ones a person may need at night, which normal healing never gets.
CALLS: frozenset[TriageAnswer] = frozenset({"office-hours", "call-today", "urgent"})
ALARMS: frozenset[TriageAnswer] = frozenset({"call-today", "urgent"})
REPORTED = range(1, len(LEVEL_WORDS))  # the levels a person can report: mild, moderate, marked

# Where a symptom stands on a day, in the words the card and the self-check share.
Status = Literal["usual", "not-yet", "gone", "never"]


def severity(answer: TriageAnswer) -> int:
    """How serious an answer is: 0 for 'expected' up to 4 for 'urgent'."""
    return TRIAGE_ORDER.index(answer)


def most_serious(answers: Iterator[TriageAnswer] | list[TriageAnswer]) -> TriageAnswer:
    """The most serious of some answers."""
    return max(answers, key=severity)


def _general(table: SymptomTriage) -> list[TriageWindow]:
    return sorted((w for w in table.windows if w.applies_to is None), key=lambda w: w.start_day)


def _covering(table: SymptomTriage, day: int) -> TriageWindow | None:
    return next((w for w in table.windows if w.applies_to is None and w.start_day <= day <= w.end_day), None)


def resolve_for(table: SymptomTriage, area: str, intensity: str, phototype: int | None) -> SymptomTriage:
    """The table as it applies to one person: their own windows in place of the general ones on those days, and
    every other person's windows left out. The result has general windows only."""
    windows = _general(table)
    for own in (
        w for w in table.windows if w.applies_to is not None and w.applies_to.matches(area, intensity, phototype)
    ):
        spliced: list[TriageWindow] = []
        for w in windows:
            if w.end_day < own.start_day or w.start_day > own.end_day:
                spliced.append(w)
                continue
            if w.start_day < own.start_day:
                spliced.append(w.model_copy(update={"end_day": own.start_day - 1}))
            if w.end_day > own.end_day:
                spliced.append(w.model_copy(update={"start_day": own.end_day + 1}))
        spliced.append(own.model_copy(update={"applies_to": None}))
        windows = sorted(spliced, key=lambda w: w.start_day)
    return table.model_copy(update={"windows": windows})


def window_on(t: Treatment, symptom_id: str, day: int) -> TriageWindow:
    """The window of the table that answers for a symptom on a day (the last one carries on past the horizon)."""
    table = t.triage_of(symptom_id)
    found = _covering(table, day)
    if found is not None:
        return found
    windows = _general(table)
    return windows[-1] if day > windows[-1].end_day else windows[0]


def answer(t: Treatment, symptom_id: str, day: int, level: int) -> TriageAnswer:
    """The clinic's answer to a symptom reported at a level (1-3) on a day."""
    return window_on(t, symptom_id, day).answer(level)


def top_expected(window: TriageWindow) -> int:
    """The strongest level (0-3) the window calls expected: the top of the usual range on its days."""
    return max((level for level in REPORTED if window.answer(level) == "expected"), default=0)


def _usual_days(t: Treatment, symptom_id: str) -> tuple[int, int] | None:
    spans = [(w.start_day, w.end_day) for w in _general(t.triage_of(symptom_id)) if top_expected(w) > 0]
    return (spans[0][0], spans[-1][1]) if spans else None


def status(t: Treatment, symptom_id: str, day: int) -> Status:
    """Whether a symptom is usual on a day, not usually seen yet, usually gone by now, or never usual."""
    if top_expected(window_on(t, symptom_id, day)) > 0:
        return "usual"
    usual = _usual_days(t, symptom_id)
    if usual is None:
        return "never"
    return "not-yet" if day < usual[0] else "gone"


@dataclass(frozen=True)
class TableProblem:
    """One thing wrong with a treatment's triage table: where (a field path) and why."""

    path: str
    reason: str


def table_problems(t: Treatment) -> list[TableProblem]:
    """What `check` proves about a treatment's table: every symptom has one; its general windows answer every day
    from 0 to the horizon exactly once; a person's own windows stay within the horizon and never overlap; answers
    grow with the level unless the window says why not; a sign it names exists and is not outdone; and no call rests
    on our own reading alone (a window marked `reading` calls only through a warning sign)."""
    problems: list[TableProblem] = []
    signs = {w.id: w for w in t.warning_signs}
    for s in t.symptoms:
        if s.id not in t.triage:
            problems.append(TableProblem(f"triage.{s.id}", "missing: every symptom needs its answers"))
    notes = {s.id: s.note for s in t.symptoms}
    for sid, table in t.triage.items():
        if sid not in notes:
            problems.append(TableProblem(f"triage.{sid}", "the treatment has no such symptom"))
            continue
        problems += _coverage(t, sid, table)
        for i, w in enumerate(table.windows):
            problems += [
                TableProblem(f"triage.{sid}.windows[{i}]", why)
                for why in _window_problems(w, signs, bool(w.note or notes[sid]))
            ]
    return problems


def _coverage(t: Treatment, sid: str, table: SymptomTriage) -> list[TableProblem]:
    problems: list[TableProblem] = []
    here = f"triage.{sid}.windows"
    day = 0
    for w in _general(table):
        if w.start_day > day:
            problems.append(TableProblem(here, f"no answer for days {day} to {w.start_day - 1}"))
        elif w.start_day < day:
            problems.append(TableProblem(here, f"two answers for days {w.start_day} to {min(w.end_day, day - 1)}"))
        day = max(day, w.end_day + 1)
    if day <= t.horizon_days:
        problems.append(TableProblem(here, f"no answer for days {day} to {t.horizon_days} (the horizon)"))
    elif day - 1 > t.horizon_days:
        problems.append(TableProblem(here, f"runs to day {day - 1}, after the horizon ({t.horizon_days})"))
    own = sorted((w for w in table.windows if w.applies_to is not None), key=lambda w: w.start_day)
    for a, b in zip(own, own[1:], strict=False):
        if b.start_day <= a.end_day:
            problems.append(
                TableProblem(
                    here,
                    f"a person's own windows overlap on days {b.start_day} to "
                    f"{min(a.end_day, b.end_day)}: one answer per day",
                )
            )
    for w in own:
        if w.end_day > t.horizon_days:
            problems.append(TableProblem(here, f"a person's own window runs to day {w.end_day}, after the horizon"))
    return problems


def _window_problems(w: TriageWindow, signs: dict[str, WarningSign], explained: bool) -> Iterator[str]:
    answers = [w.answer(level) for level in REPORTED]
    if w.unordered is None and [severity(a) for a in answers] != sorted(severity(a) for a in answers):
        yield "a stronger level gets a milder answer: order them, or say why in 'unordered' (with its source)"
    if w.sign is not None and w.sign not in signs:
        yield f"unknown warning sign '{w.sign}'"
    elif w.sign is not None and max(severity(a) for a in answers) > severity(signs[w.sign].urgency):
        yield f"an answer is more urgent than the warning sign it names ('{w.sign}': {signs[w.sign].urgency})"
    if w.reading and w.sign is None and any(a in CALLS for a in answers):
        yield (
            "a call rests on our own reading alone: a window marked 'reading' answers at most 'follow-up', "
            "unless it names the warning sign that carries the call"
        )
    if w.reading and not explained:
        yield "a window marked 'reading' needs a note (its own or the symptom's) saying what it reads"
