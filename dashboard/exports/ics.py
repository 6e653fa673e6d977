"""The plan as an iCalendar file: one all-day event per session, milestone and aftercare step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vText

from dashboard.i18n import _
from dashboard.plan import TreatmentPlan, build_calendar_entries
from dashboard.signs import sign_groups
from dashboard.words import NOT_REVIEWED, OUT_OF_HOURS_FALLBACK, URGENT_HELP, as_sentence

PRODID = "-//Recovery timeline//Treatment plan//EN"
UID_DOMAIN = "recovery-timeline.invalid"
REMINDER_AT = timedelta(hours=9)  # 09:00 on the day: all-day events start at midnight


def build_ics(
    plan: TreatmentPlan,
    clinic_name: str,
    clinic_phone: str,
    now: datetime | None = None,
    closed: str | None = None,
    review: str | None = None,
) -> bytes:
    """An .ics file that common calendar apps import; UIDs are stable for the same plan. Every event carries the
    clinic's phone, the route when it is closed, the warning signs by how soon to call, and the review status.

    `closed` is what to do when the clinic is closed (the clinic's own words); None: the general fallback.
    `review` is whether a clinician of the clinic reviewed the content (words.review_status); None: not yet."""
    stamp = (now or datetime.now(tz=UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("{name} plan").format(name=plan.short_name))
    call = _("Questions or worries: call {clinic}, {phone}.").format(clinic=clinic_name, phone=clinic_phone)
    contact = " ".join((call, closed if closed is not None else _(OUT_OF_HOURS_FALLBACK), _(URGENT_HELP)))
    signs = "\n".join(f"{g.lead} " + " ".join(as_sentence(x.text) for x in g.lines) for g in sign_groups(plan.warnings))
    status = review if review is not None else _(NOT_REVIEWED)
    cal.add("x-wr-caldesc", vText(f"{signs}\n{status}"))
    for entry in build_calendar_entries(plan):
        ev = Event()
        ev.add("uid", f"{entry.key}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", entry.date)
        ev.add("dtend", entry.end + timedelta(days=1))
        ev.add("summary", entry.title)
        ev.add("description", f"{entry.description}\n{contact}\n{signs}\n{status}")
        ev.add("transp", "TRANSPARENT")
        if entry.reminder:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.reminder)
            alarm.add("trigger", REMINDER_AT, parameters={"RELATED": "START"})
            ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()
