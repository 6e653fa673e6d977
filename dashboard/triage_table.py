"""The triage table as a clinician reads and signs it: for each symptom of a treatment, its day windows and the
answer to each level, with the warning sign a call amounts to, the sources and the notes. Shown on /sources; the
self-check and the day card read the same table (dashboard/triage.py)."""

from __future__ import annotations

from dashboard import words
from dashboard.i18n import _
from dashboard.markdown import md, source_links
from dashboard.models import Treatment, TriageWindow
from dashboard.signs import ANSWER_SHORT


def _days(w: TriageWindow) -> str:
    return (
        str(w.start_day)
        if w.start_day == w.end_day
        else _("{first} to {last}").format(first=w.start_day, last=w.end_day)
    )


def _who(w: TriageWindow) -> str:
    return "" if w.applies_to is None else " " + _("(only {who})").format(who=words.applies_to(w.applies_to))


def _notes(t: Treatment, w: TriageWindow) -> str:
    parts = []
    if w.sign is not None:
        sign = next((s for s in t.warning_signs if s.id == w.sign), None)
        if sign is not None:
            parts.append(_("Calls are the warning sign: {sign}").format(sign=words.as_sentence(sign.text)))
    if w.note:
        parts.append(words.as_sentence(w.note))
    if w.reading:
        parts.append(_("The days are our reading of vaguer wording in the sources."))
    if w.unordered:
        parts.append(words.as_sentence(w.unordered))
    return " ".join(md(p) for p in parts)


def triage_table_markdown(t: Treatment) -> str:
    """One Markdown table for a treatment: a row per symptom and day window, the answer for each level."""
    header = (_("Symptom"), _("Days"), *(words.first_upper(words.level(i)) for i in (1, 2, 3)), _("Why"), _("Sources"))
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    names = {s.id: s.name for s in t.symptoms}
    for sid, table in t.triage.items():
        for w in sorted(table.windows, key=lambda x: (x.applies_to is not None, x.start_day)):
            cells = [
                md(names.get(sid, sid)),
                _days(w) + _who(w),
                *(_(ANSWER_SHORT[w.answer(level)]) for level in (1, 2, 3)),
                _notes(t, w),
                source_links(w.sources),
            ]
            rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)
