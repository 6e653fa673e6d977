"""How a warning sign reads, on every surface (the day-by-day card, the self-check, the consult preview, the
handout and the waiting-room screen): what it asks for, in the same words everywhere, and in which order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from dashboard.i18n import N_, _
from dashboard.models import WarningSign

Answer = Literal["expected", "follow-up", "call", "urgent"]
ANSWER_ORDER: tuple[Answer, ...] = ("expected", "follow-up", "call", "urgent")
ANSWER_TEXT: dict[Answer, str] = {  # English msgids: show them with answer_text(), in the language of the run
    "expected": N_("Expected for this day"),
    "follow-up": N_("Mention it at your follow-up"),
    "call": N_("Call the clinic today"),
    "urgent": N_("Urgent: call the clinic now"),
}
ALARMS: frozenset[Answer] = frozenset({"call", "urgent"})


def answer_text(answer: Answer) -> str:
    """An answer in words, in the language of the run: 'Call the clinic today'."""
    return _(ANSWER_TEXT[answer])


def sign_answer(sign: WarningSign) -> Answer:
    """What a warning sign asks for: 'urgent' (call now) or 'call' (call today)."""
    return "urgent" if sign.urgency == "urgent" else "call"


def ordered_signs(signs: Iterable[WarningSign], day: int) -> tuple[WarningSign, ...]:
    """Every warning sign, never fewer: the urgent ones first, then those most likely around this day."""
    return tuple(sorted(signs, key=lambda w: (w.urgency != "urgent", not w.likely_on(day))))


@dataclass(frozen=True)
class SignLine:
    """One warning sign as every surface shows it."""

    id: str
    text: str
    answer: Answer
    sources: tuple[str, ...]

    @property
    def action(self) -> str:
        """What to do, in the words every surface uses: 'Call the clinic today', 'Urgent: call the clinic now'."""
        return answer_text(self.answer)

    @property
    def urgent(self) -> bool:
        return self.answer == "urgent"


def sign_lines(signs: Iterable[WarningSign], day: int = 0) -> tuple[SignLine, ...]:
    """Every warning sign, in showing order, as it reads."""
    return tuple(SignLine(w.id, w.text, sign_answer(w), tuple(w.sources)) for w in ordered_signs(signs, day))
