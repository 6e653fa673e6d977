"""The "Is this normal?" self-check: what a person notices on a day -> an answer per item, from the data only.

Nothing here keeps what was entered: the answers are computed and returned, never stored or logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from dashboard.models import LEVEL_WORDS, Treatment
from dashboard.recovery import check_symptom, level_word, symptom_levels

Answer = Literal["expected", "follow-up", "call", "urgent"]
ANSWER_ORDER: tuple[Answer, ...] = ("expected", "follow-up", "call", "urgent")
ANSWER_TEXT: dict[Answer, str] = {
    "expected": "Expected for this day",
    "follow-up": "Mention it at your follow-up",
    "call": "Call the clinic today",
    "urgent": "Urgent: call the clinic now",
}


@dataclass(frozen=True)
class Finding:
    """One ticked item and the answer for it."""

    item: str
    answer: Answer
    reason: str
    sources: tuple[str, ...]


def _range_words(low: float, high: float) -> str:
    low_w, high_w = level_word(low), level_word(high)
    return low_w if low_w == high_w else f"{low_w} to {high_w}"


def check_day(t: Treatment, day: int, reported: Mapping[str, int], signs: Iterable[str] = ()) -> list[Finding]:
    """Answers for each symptom reported above 'none' and each ticked warning sign, most serious first."""
    findings: list[Finding] = []
    for s in t.symptoms:
        level = reported.get(s.id, 0)
        if level <= 0:
            continue
        verdict, _ = check_symptom(s, day, level)
        _, low, high = symptom_levels(s, day)
        usual = ("not expected after this treatment" if s.peak_level == 0
                 else f"usually {_range_words(low, high)} on day {day}")
        reason = f"You noticed: {LEVEL_WORDS[level]}. This is {usual}."
        findings.append(Finding(s.name, verdict, reason, tuple(s.sources)))  # type: ignore[arg-type]
    by_id = {w.id: w for w in t.warning_signs}
    for sign_id in dict.fromkeys(signs):
        w = by_id.get(sign_id)
        if w is None:
            continue
        answer: Answer = "urgent" if w.urgency == "urgent" else "call"
        reason = ("This is a warning sign that needs help now." if answer == "urgent"
                  else "This is a warning sign. The clinic should check it today.")
        findings.append(Finding(w.text, answer, reason, tuple(w.sources)))
    return sorted(findings, key=lambda f: -ANSWER_ORDER.index(f.answer))


def overall(findings: Iterable[Finding]) -> Answer | None:
    """The most serious answer, or None when nothing was ticked."""
    answers = [f.answer for f in findings]
    return max(answers, key=ANSWER_ORDER.index) if answers else None
