"""The "Is this normal?" self-check: what a person notices on a day -> an answer per item, from the data only.

The rules (docs/clinical-safety.md, each held by a property test over every treatment, day, level and modifier):

- within the usual range of that day: "expected";
- a warning sign, ticked or reported as a symptom that the sign names (crusts still there on day 10): the sign's
  own answer, "call" or "urgent";
- normal healing (weeping, crusts, bronzing, peeling, dryness) at a level it usually reaches, only a bit early
  or late (until the day its warning sign starts): "follow-up", never an alarm;
- otherwise two steps or more above the usual range of that day: "call"; one step: "follow-up".

Nothing here keeps what was entered: the answers are computed and returned, never stored or logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dashboard import words
from dashboard.i18n import _
from dashboard.models import Symptom, Treatment, WarningSign
from dashboard.recovery import level_index, range_words, symptom_levels
from dashboard.signs import ALARMS, ANSWER_ORDER, ANSWER_TEXT, Answer, sign_answer

__all__ = ["ALARMS", "ANSWER_TEXT", "Answer", "Finding", "Judgement", "check_day", "judge_symptom", "overall",
           "sign_answer", "triggered_sign"]

# Normal healing after laser resurfacing: weeping in the first days, crusting, bronzing, peeling and dry, itchy
# skin (PRODUCT.md's safety rules; the evidence sheet: "EXPECTED after ablative treatment"). At the levels seen in
# normal healing these are never an alarm, only a bit early or late; a warning sign with a trigger says when
# they stop being normal (crusts or weeping still there on day 10).
HEALING_SYMPTOMS: frozenset[str] = frozenset({"oozing", "crusting", "bronzing", "peeling", "dryness"})
STEPS_FOR_A_CALL = 2  # a level this many steps above the day's usual range is worth a call


@dataclass(frozen=True)
class Finding:
    """One ticked item and the answer for it."""

    item: str
    answer: Answer
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Judgement:
    """The answer for one symptom at one level on one day, and what it rests on."""

    answer: Answer
    allowed: int  # the highest level (0-3) within the usual range that day
    sign: WarningSign | None = None  # the warning sign the report amounts to, if any
    healing: bool = False  # a level seen in normal healing, only early, late or strong


def triggered_sign(t: Treatment, symptom_id: str, day: int, level: int) -> WarningSign | None:
    """The most serious warning sign that a reported symptom level amounts to on this day, if any."""
    hits = [w for w in t.warning_signs if w.trigger is not None and symptom_id in w.trigger.symptoms
            and day >= w.trigger.from_day and level >= w.trigger.level]
    return min(hits, key=lambda w: w.urgency != "urgent", default=None)


def healing_until(t: Treatment, s: Symptom) -> int:
    """The last day on which this symptom still belongs to normal healing (its levels are then never an alarm).

    That is the end of what the sources report for it, or, for a symptom a warning sign watches (crusts and
    weeping, watched by "not healed by day 10"), the day before that sign starts, whichever is later.
    """
    watched = [w.trigger.from_day - 1 for w in t.warning_signs if w.trigger is not None and s.id in w.trigger.symptoms]
    return max([s.latest_day, *watched])


def usual_allowed(s: Symptom, day: int) -> int:
    """The highest level (0-3) whose word lies within the symptom's usual range on a day (as the card says it)."""
    return level_index(symptom_levels(s, day)[2])


def judge_symptom(t: Treatment, s: Symptom, day: int, reported: int) -> Judgement:
    """Judge a reported level (0-3) of one symptom on a day against the data's usual range and warning signs."""
    allowed = usual_allowed(s, day)
    if reported <= allowed:
        return Judgement("expected", allowed)
    sign = triggered_sign(t, s.id, day, reported)
    if sign is not None:
        return Judgement(sign_answer(sign), allowed, sign)
    if s.id in HEALING_SYMPTOMS and 0 < reported <= s.peak_level and day <= healing_until(t, s):
        return Judgement("follow-up", allowed, healing=True)
    return Judgement("call" if reported - allowed >= STEPS_FOR_A_CALL else "follow-up", allowed)


def _reason(s: Symptom, day: int, reported: int, j: Judgement) -> str:
    _low_typical, low, high = symptom_levels(s, day)
    if s.peak_level == 0:
        text = _("You noticed: {level}. This is not part of usual healing after this treatment.").format(
            level=words.level(reported))
    else:
        text = _("You noticed: {level}. This is usually {range} on day {day}.").format(
            level=words.level(reported), range=range_words(low, high), day=day)
    if j.sign is not None and j.sign.trigger is not None:
        return text + " " + _("From day {day} this is a warning sign: {sign}").format(day=j.sign.trigger.from_day,
                                                                                     sign=j.sign.text)
    if j.healing:
        return text + " " + _("It is part of normal healing, only a bit earlier, later or stronger than usual.")
    if j.answer == "call":
        return text + " " + _("Yours is much stronger than usual for this day.")
    if j.answer == "follow-up":
        return text + " " + _("Yours is a bit stronger than usual.")
    return text


def check_day(t: Treatment, day: int, reported: Mapping[str, int], signs: Iterable[str] = ()) -> list[Finding]:
    """Answers for each symptom reported above 'none' and each ticked warning sign, most serious first."""
    findings: list[Finding] = []
    for s in t.symptoms:
        level = reported.get(s.id, 0)
        if level <= 0:
            continue
        j = judge_symptom(t, s, day, level)
        sources = tuple(dict.fromkeys([*s.sources, *(j.sign.sources if j.sign else ())]))
        findings.append(Finding(s.name, j.answer, _reason(s, day, level, j), sources))
    by_id = {w.id: w for w in t.warning_signs}
    for sign_id in dict.fromkeys(signs):
        w = by_id.get(sign_id)
        if w is None:
            continue
        answer = sign_answer(w)
        reason = (_("This is a warning sign that needs help now.") if answer == "urgent"
                  else _("This is a warning sign. The clinic should check it today."))
        findings.append(Finding(w.text, answer, reason, tuple(w.sources)))
    return sorted(findings, key=lambda f: -ANSWER_ORDER.index(f.answer))


def overall(findings: Iterable[Finding]) -> Answer | None:
    """The most serious answer, or None when nothing was ticked."""
    answers = [f.answer for f in findings]
    return max(answers, key=ANSWER_ORDER.index) if answers else None
