"""What the diary page says, as Markdown for Streamlit: each entry with its answer now (a call with the clinic's phone
and the route when it is closed), what the browser's storage allowed, and when a diary removes itself.

Pure functions of what one run read from the browser, in the language of the run. Unlike the other pages' texts
they are never memoised: a diary is drawn and forgotten within the run (dashboard/ui/diary.py).
"""

from __future__ import annotations

from dashboard import words
from dashboard.dates import format_date
from dashboard.diary import KEEP_DAYS_AFTER_HORIZON, Diary, DiaryRow, Reading, answer_words, expires_on, noted_words
from dashboard.i18n import _, ngettext
from dashboard.markdown import md, phone_link, sourced
from dashboard.models import Clinic, Treatment
from dashboard.selfcheck import headline
from dashboard.signs import answer_text


def entry_markdown(row: DiaryRow, t: Treatment, clinic: Clinic) -> str:
    """One entry on the page: its day and date and its answer; for a call, the clinic's phone and the route when it
    is closed, in the self-check's own words; then what was noted, the signs, the reasons and the note."""
    e = row.entry
    when = _("Day {day}, {date}").format(day=e.day, date=format_date(row.date))
    parts = [f"**{md(when)}** · {md(answer_words(row))}"]
    if row.calls:
        parts.append(
            md(_("What you kept for this day now reads a call."))
            + " "
            + headline(row.answer, e.day, phone_link(clinic.phone), md(words.out_of_hours(clinic)))
        )
    bullets = ["- " + md(_("You noted: {noted}.").format(noted=noted_words(row, t)))]
    signs = {w.text for w in row.signs}
    # Each answer beyond 'expected' with the self-check's reason; a ticked warning sign marked as one.
    bullets += [
        f"- {':material/warning: ' if f.item in signs else ''}{md(answer_text(f.answer))}: "
        f"{md(words.as_sentence(f.item))} {sourced(f.reason, f.sources)}"
        for f in row.findings
        if f.answer != "expected"
    ]
    if e.note:
        bullets.append("- " + md(_("Your note: {note}").format(note=" ".join(e.note.split()))))
    return "\n\n".join(parts) + "\n\n" + "\n".join(bullets)


def reading_notices(reading: Reading) -> list[str]:
    """What the page says about the storage itself: why it cannot keep a diary, what could not be read, what went
    because it was too old. Never the stored values themselves."""
    notices = []
    if reading.status in ("blocked", "missing"):
        notices.append(
            _(
                "This browser does not let this page keep anything on this phone, so the diary cannot keep "
                "entries here. This happens in some private windows, or when the browser's settings block "
                "site storage. The “Is this normal?” check on Day by day still works."
            )
        )
    if reading.unreadable:
        notices.append(
            ngettext(
                "{n} stored entry or diary could not be read, so it is left out. It may have been changed outside this "
                "app. It stays on this phone until you forget the diary.",
                "{n} stored entries or diaries could not be read, so they are left out. They may have been changed "
                "outside this app. They stay on this phone until you forget the diary.",
                reading.unreadable,
            ).format(n=reading.unreadable)
        )
    if reading.expired_count:
        notices.append(
            ngettext(
                "{n} entry was removed from this phone by itself: its recovery timeline ended more than {days} days "
                "ago.",
                "{n} entries were removed from this phone by themselves: their recovery timeline ended more than "
                "{days} days ago.",
                reading.expired_count,
            ).format(n=reading.expired_count, days=KEEP_DAYS_AFTER_HORIZON)
        )
    return notices


def removal_words(diary: Diary, t: Treatment) -> str:
    """When the diary goes from the phone by itself."""
    return _(
        "This diary removes itself from this phone on {date}, {days} days after the last day of its recovery "
        "timeline (day {horizon})."
    ).format(
        date=format_date(expires_on(diary.start, t.horizon_days)), days=KEEP_DAYS_AFTER_HORIZON, horizon=t.horizon_days
    )
