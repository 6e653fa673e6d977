"""How a warning sign and an answer read, on every surface (the day-by-day card, the self-check, the consult
preview, the handout, the calendar and the waiting-room screen): what it asks for, in the same words everywhere, and
in which order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.i18n import N_, _
from dashboard.models import TRIAGE_ORDER, TriageAnswer, Urgency, WarningSign
from dashboard.triage import ALARMS, CALLS

Answer = TriageAnswer
ANSWER_ORDER: tuple[Answer, ...] = TRIAGE_ORDER
ANSWER_TEXT: dict[Answer, str] = {  # English msgids: show them with answer_text(), in the language of the run
    "expected": N_("Expected for this day"),
    "follow-up": N_("Mention it at your follow-up visit"),
    "office-hours": N_("Call the clinic in office hours"),
    "call-today": N_("Call the clinic today"),
    "urgent": N_("Urgent: call the clinic now"),
}
# The answers in a word or two, for the clinic's table on /sources.
ANSWER_SHORT: dict[Answer, str] = {
    "expected": N_("expected"),
    "follow-up": N_("mention at the follow-up visit"),
    "office-hours": N_("call in office hours"),
    "call-today": N_("call today"),
    "urgent": N_("urgent: call now"),
}
# The lead-in of every warning sign of a treatment, with the clinic's phone (the screen, the consult page, the handout).
CALL_LEAD = N_("Call the clinic on {phone} if you notice any of these:")
# The lead-in of a list of warning signs, per answer: one wording on every surface.
IF_YOU_NOTICE: dict[Urgency, str] = {
    # TRANSLATORS: each begins with the answer's own words ('Call the clinic today'); a list of signs follows.
    "urgent": N_("Urgent: call the clinic now if you notice:"),
    "call-today": N_("Call the clinic today if you notice:"),
    "office-hours": N_("Call the clinic in office hours if you notice:"),
}
URGENCY_ORDER: tuple[Urgency, ...] = ("urgent", "call-today", "office-hours")

__all__ = [
    "ALARMS",
    "ANSWER_ORDER",
    "ANSWER_TEXT",
    "CALLS",
    "IF_YOU_NOTICE",
    "Answer",
    "SignGroup",
    "SignLine",
    "answer_text",
    "ordered_signs",
    "sign_answer",
    "sign_groups",
    "sign_lines",
]


def answer_text(answer: Answer) -> str:
    """An answer in words, in the language of the run: 'Call the clinic today'."""
    return _(ANSWER_TEXT[answer])


def sign_answer(sign: WarningSign) -> Urgency:
    """What a warning sign asks for: call in office hours, call today, or call now."""
    return sign.urgency


def ordered_signs(signs: Iterable[WarningSign], day: int) -> tuple[WarningSign, ...]:
    """Every warning sign, never fewer: the most urgent first, then those most likely around this day."""
    return tuple(sorted(signs, key=lambda w: (URGENCY_ORDER.index(w.urgency), not w.likely_on(day))))


@dataclass(frozen=True)
class SignLine:
    """One warning sign as every surface shows it."""

    id: str
    text: str
    answer: Urgency
    sources: tuple[str, ...]

    @property
    def action(self) -> str:
        """What to do, in the words every surface uses: 'Call the clinic today', 'Urgent: call the clinic now'."""
        return answer_text(self.answer)

    @property
    def urgent(self) -> bool:
        return self.answer == "urgent"


@dataclass(frozen=True)
class SignGroup:
    """The warning signs that ask for the same answer, with the words that lead into their list."""

    answer: Urgency
    lines: tuple[SignLine, ...]

    @property
    def lead(self) -> str:
        """'Call the clinic today if you notice:'."""
        return _(IF_YOU_NOTICE[self.answer])


def sign_lines(signs: Iterable[WarningSign], day: int = 0) -> tuple[SignLine, ...]:
    """Every warning sign, in showing order, as it reads."""
    return tuple(SignLine(w.id, w.text, sign_answer(w), tuple(w.sources)) for w in ordered_signs(signs, day))


def sign_groups(signs: Iterable[WarningSign], day: int = 0) -> tuple[SignGroup, ...]:
    """Every warning sign, grouped by how soon to call (now, today, in office hours), each group in showing order."""
    lines = sign_lines(signs, day)
    return tuple(
        SignGroup(u, tuple(x for x in lines if x.answer == u))
        for u in URGENCY_ORDER
        if any(x.answer == u for x in lines)
    )
