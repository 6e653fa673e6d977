"""The "Is this normal?" self-check: what a person notices on a day -> an answer per item, from the clinic's triage
table (dashboard/triage.py) and the warning signs, never from the shape of the symptom curves.

- A symptom at a level: the table's answer for that symptom, day and level (expected, mention it at the follow-up
  visit, call in office hours, call today, or urgent), with the table's window giving the sources, the warning sign
  it amounts to, and whether its days are our reading.
- A ticked warning sign: the sign's own answer (in office hours, today, or now).

The day card reads the same table (recovery.symptom_state), so the card and the check say the same thing in the same
words. Nothing here keeps what was entered: the answers are computed and returned, never stored or logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard import words
from dashboard.dates import clamp_day
from dashboard.i18n import _
from dashboard.models import Symptom, Treatment, TriageWindow, WarningSign
from dashboard.recovery import SymptomState, symptom_state
from dashboard.signs import ALARMS, ANSWER_ORDER, ANSWER_TEXT, CALLS, Answer, sign_answer
from dashboard.triage import window_on
from dashboard.words import URGENT_HELP

__all__ = [
    "ALARMS",
    "ANSWER_TEXT",
    "CALLS",
    "Answer",
    "Finding",
    "Judgement",
    "check_day",
    "headline",
    "judge_symptom",
    "overall",
    "sign_answer",
]


@dataclass(frozen=True)
class Finding:
    """One ticked item and the answer for it."""

    item: str
    answer: Answer
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Judgement:
    """The answer for one symptom at one level on one day, and the table's window it comes from."""

    answer: Answer
    state: SymptomState  # the symptom on that day, as the card shows it
    window: TriageWindow
    sign: WarningSign | None = None  # the warning sign the report amounts to, if any

    @property
    def allowed(self) -> int:
        """The strongest level (0-3) the table calls expected that day."""
        return self.state.top


def judge_symptom(t: Treatment, s: Symptom, day: int, reported: int) -> Judgement:
    """The table's answer for a reported level (0-3) of one symptom on a day ('none' is always expected)."""
    day = clamp_day(day, t.horizon_days)
    window = window_on(t, s.id, day)
    state = symptom_state(t, s, day)
    if reported <= 0:
        return Judgement("expected", state, window)
    found = window.answer(reported)
    # The sign a window names is what its calls amount to ("not healed by about day 10"), not its milder answers.
    sign = next((w for w in t.warning_signs if w.id == window.sign), None) if found in CALLS else None
    return Judgement(found, state, window, sign)


def _where(j: Judgement, day: int) -> str:
    """Where the symptom stands on the day, in the card's words."""
    state = j.state
    if j.answer == "expected" or state.status == "usual":
        usual = _("On day {day} this is usually {range}.").format(day=day, range=state.range_words)
        return usual if j.answer == "expected" else usual + " " + _("Yours is stronger than that.")
    return {
        "not-yet": _("This is not usually seen yet on day {day}."),
        "gone": _("By day {day} this is usually gone."),
        "never": _("This is not part of usual healing after this treatment."),
    }[state.status].format(day=day)


def _reason(t: Treatment, s: Symptom, day: int, reported: int, j: Judgement) -> str:
    parts = [_("You noticed: {level}.").format(level=words.level(reported, s.id)), _where(j, day)]
    if j.sign is not None:
        parts.append(_("This is a warning sign: {sign}").format(sign=words.as_sentence(j.sign.text)))
    if j.answer != "expected" and j.window.note:
        parts.append(words.as_sentence(j.window.note))
    if j.window.reading:
        parts.append(_("The days for this are our reading of vaguer wording in the sources."))
    reminder = t.triage_of(s.id).reminder
    if reminder is not None and j.sign is None:
        parts.append(words.as_sentence(reminder.text))
    return " ".join(parts)


def check_day(t: Treatment, day: int, reported: Mapping[str, int], signs: Iterable[str] = ()) -> list[Finding]:
    """Answers for each symptom reported above 'none' and each ticked warning sign, most serious first."""
    findings: list[Finding] = []
    for s in t.symptoms:
        level = reported.get(s.id, 0)
        if level <= 0:
            continue
        j = judge_symptom(t, s, day, level)
        reminder = t.triage_of(s.id).reminder if j.sign is None else None
        sources = [
            *s.sources,
            *j.window.sources,
            *(j.sign.sources if j.sign else ()),
            *(reminder.sources if reminder else ()),
        ]
        findings.append(Finding(s.name, j.answer, _reason(t, s, day, level, j), tuple(dict.fromkeys(sources))))
    by_id = {w.id: w for w in t.warning_signs}
    for sign_id in dict.fromkeys(signs):
        w = by_id.get(sign_id)
        if w is None:
            continue
        findings.append(Finding(w.text, sign_answer(w), _SIGN_REASON[sign_answer(w)](), tuple(w.sources)))
    return sorted(findings, key=lambda f: -ANSWER_ORDER.index(f.answer))


_SIGN_REASON = {
    "urgent": lambda: _("This is a warning sign that needs help now."),
    "call-today": lambda: _("This is a warning sign. The clinic should check it today."),
    "office-hours": lambda: _(
        "This is a warning sign. The clinic should check it, but it can wait until the clinic is open."
    ),
}


def overall(findings: Iterable[Finding]) -> Answer | None:
    """The most serious answer, or None when nothing was ticked."""
    answers = [f.answer for f in findings]
    return max(answers, key=ANSWER_ORDER.index) if answers else None


def headline(answer: Answer | None, day: int, phone: str, out_of_hours: str) -> str:
    """What to do, in one paragraph, for the most serious answer (None: nothing ticked). Every answer ends with the
    clinic's phone and the route when it is closed; `phone` is how the surface writes the number (a link)."""
    lead = {
        None: _("You did not tick anything. If something worries you, call the clinic: {phone}."),
        "expected": _(
            "Everything you ticked is expected on day {day}. If something worries you, call the clinic: {phone}."
        ),
        "follow-up": _(
            "Nothing you ticked needs a call by itself. Mention it at your follow-up visit (your clinic "
            "gives its date; if you have none, ask for one). If you are worried before then, call the "
            "clinic: {phone}."
        ),
        "office-hours": _(
            "Call the clinic in office hours: {phone}. This can wait until the clinic is open, but do "
            "not wait for your follow-up visit. If it gets worse before then, call sooner."
        ),
        "call-today": _("Call the clinic today: {phone}."),
        "urgent": _("Call the clinic now: {phone}.") + " " + _(URGENT_HELP),
    }[answer].format(day=day, phone=phone)
    return f"{lead} {words.as_sentence(out_of_hours)}"
