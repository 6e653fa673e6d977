"""The patient-facing text of a treatment, by field kind, as the readability tests measure it (in every language)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from dashboard.models import Treatment

# A sentence ends at . ! or ? followed by white space; "1,550 nm", "4.5 months" and "4,5 meses" stay whole.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def patient_text(t: Treatment) -> Iterator[tuple[str, list[str]]]:
    """(field kind, its strings) for every patient-facing field kind of a treatment."""
    yield "symptom plain", [s.plain for s in t.symptoms]
    yield "phase description", [p.description for p in t.phases]
    yield "milestone plain", [m.plain for m in t.milestones]
    yield "aftercare do/avoid", [item for a in t.aftercare for item in (*a.do, *a.avoid)]
    yield "warning sign text", [w.text for w in t.warning_signs]
    yield "treatment summary", [t.summary]
    yield "results plain", [t.course.results.plain]
    yield "modifier summary", [m.summary for m in t.modifiers]
    yield "gap text", [g.text for g in t.gaps]
    yield "before treatment", [b.text for b in t.visit.before]


def joined(texts: list[str]) -> str:
    """The strings as one passage, each ending as a sentence (list items often have no full stop)."""
    return " ".join(x.strip() if x.strip()[-1:] in ".!?" else x.strip() + "." for x in texts)


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]
