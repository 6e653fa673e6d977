"""The plan as an iCalendar file: one all-day event per session, milestone and aftercare step."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from dashboard.i18n import _
from dashboard.plan import TreatmentPlan, build_calendar_entries
from dashboard.words import OUT_OF_HOURS_FALLBACK, URGENT_HELP

PRODID = "-//Recovery timeline//Treatment plan//EN"
UID_DOMAIN = "recovery-timeline.invalid"
REMINDER_AT = timedelta(hours=9)  # 09:00 on the day: all-day events start at midnight


def build_ics(plan: TreatmentPlan, clinic_name: str, clinic_phone: str, now: datetime | None = None,
              closed: str | None = None) -> bytes:
    """An .ics file that common calendar apps import; UIDs are stable for the same plan.

    `closed` is what to do when the clinic is closed (the clinic's own words); None: the general fallback."""
    stamp = (now or datetime.now(tz=UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("{name} plan").format(name=plan.short_name))
    call = _("Questions or worries: call {clinic}, {phone}.").format(clinic=clinic_name, phone=clinic_phone)
    contact = " ".join((call, closed if closed is not None else _(OUT_OF_HOURS_FALLBACK), _(URGENT_HELP)))
    for entry in build_calendar_entries(plan):
        ev = Event()
        ev.add("uid", f"{entry.key}@{UID_DOMAIN}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", entry.date)
        ev.add("dtend", entry.end + timedelta(days=1))
        ev.add("summary", entry.title)
        ev.add("description", f"{entry.description}\n{contact}")
        ev.add("transp", "TRANSPARENT")
        if entry.reminder:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", entry.reminder)
            alarm.add("trigger", REMINDER_AT, parameters={"RELATED": "START"})
            ev.add_component(alarm)
        cal.add_component(ev)
    return cal.to_ical()
