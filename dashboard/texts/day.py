"""What the day-by-day page says, as Markdown for Streamlit: the day's header, the night route and the warning signs,
the day's details, the chart in words, the person's choices and what they change, and the self-check's answer.

Pure functions of a course, a day, a date and the clinic, in the language of the run; dashboard/ui/recovery.py only
lays them out (and makes each once per data version, language, link rule, course, date and day).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dashboard import words
from dashboard.charts.recovery import build_table_markdown, describe_symptoms
from dashboard.dates import date_of, format_date, short_date
from dashboard.i18n import N_, _, ngettext, pgettext
from dashboard.markdown import md, phone_link, source_links, sourced
from dashboard.models import Clinic, Milestone, WarningSign
from dashboard.recovery import VISIBLE_LEVEL, Course, DayState, Personal, SymptomState, build_day
from dashboard.selfcheck import Finding, headline, overall
from dashboard.signs import Answer, answer_text, sign_groups
from dashboard.words import URGENT_HELP, applies_to, as_sentence, first_upper, out_of_hours, skin_type

ANSWER_ICON: dict[Answer, str] = {
    "expected": ":material/check_circle:",
    "follow-up": ":material/event_note:",
    "office-hours": ":material/schedule:",
    "call-today": ":material/call:",
    "urgent": ":material/emergency:",
}
CALL_ANCHOR = "call-the-clinic"  # the "Call the clinic if…" heading, which the header's "when to call" links to

# Where a symptom stands on a day that is not usual for it, in the words the self-check uses too.
_NOT_USUAL = (
    ("not-yet", N_("**Not usually seen yet:** {symptoms}.")),
    ("gone", N_("**Usually gone by now:** {symptoms}.")),
    ("never", N_("**Not part of usual healing after this treatment:** {symptoms}.")),
)


@dataclass(frozen=True)
class DayTexts:
    """The day view's texts for one course, day, treatment date and today (made once, shared)."""

    day: int
    header: str
    route: str  # the clinic's phone and what to do when it is closed
    urgent: str | None  # the urgent signs, for the red box (which carries the route too)
    signs: str  # the other signs, by how soon to call
    details: str
    thin: str  # where the evidence for the day is thin, as Markdown ('' when it is not)


@dataclass(frozen=True)
class ChartTexts:
    """The symptom chart's text alternative, its caption and its table (the same on every day)."""

    in_words: str
    caption: str
    table: str


@dataclass(frozen=True)
class CheckAnswer:
    """The self-check's answer to what was ticked: the most serious answer (None: nothing ticked), what to do, and
    a line per item, most serious first."""

    answer: Answer | None
    headline: str
    lines: tuple[str, ...]

    @property
    def icon(self) -> str:
        """The answer's icon (the same as its line's)."""
        return ANSWER_ICON[self.answer] if self.answer is not None else ":material/info:"


def when(day: int, start: date | None) -> str:
    """'day 7', or with a treatment date 'day 7, Mon 30 Nov 2026'."""
    if start is None:
        return _("day {day}").format(day=day)
    return _("day {day}, {date}").format(day=day, date=format_date(date_of(start, day)))


def heading(day: int, start: date | None, today_day: int | None) -> str:
    """'Day 4', 'Day 4: today, Mon 30 Nov 2026', 'Day 0 (treatment day), Sun 26 Nov 2026'."""
    name = _("Day {day}").format(day=day) if day else _("Day 0 (treatment day)")
    today = today_day is not None and today_day == day
    if start is None:
        # TRANSLATORS: {day_name} is 'Day 4' or 'Day 0 (treatment day)'.
        return _("{day_name}: today").format(day_name=name) if today else name
    on = format_date(date_of(start, day))
    # TRANSLATORS: {day_name} is 'Day 4' or 'Day 0 (treatment day)'; {date} is 'Mon 30 Nov 2026'.
    return (_("{day_name}: today, {date}") if today else _("{day_name}, {date}")).format(day_name=name, date=on)


def normal_now_line(state: DayState) -> str:
    """The day in one line: the symptoms usually seen now, each with its usual level."""
    seen = sorted((x for x in state.symptoms if x.typical >= VISIBLE_LEVEL), key=lambda x: -x.typical)
    if not seen:
        return _("Usually little to see now: none of the usual symptoms is expected.")
    # TRANSLATORS: a symptom and its usual level now, e.g. 'redness moderate'.
    shown = ", ".join(_("{symptom} {level}").format(symptom=x.symptom.name.lower(), level=x.words) for x in seen)
    return _("Usual now: {symptoms}.").format(symptoms=shown)


def _looking_away(day: int, start: date | None, today_day: int | None) -> str:
    if start is None or today_day is None or day == today_day:
        return ""
    n = abs(day - today_day)
    looking = (
        ngettext(
            "You are looking {n} day ahead; today is day {today}.",
            "You are looking {n} days ahead; today is day {today}.",
            n,
        )
        if day > today_day
        else ngettext(
            "You are looking {n} day back; today is day {today}.",
            "You are looking {n} days back; today is day {today}.",
            n,
        )
    )
    return f" :small[{looking.format(n=n, today=today_day)}]"


def header_markdown(state: DayState, clinic: Clinic, start: date | None, today_day: int | None) -> str:
    """What a worried person needs first: the day and its date, the phase, what is usual now, how to call. One
    element: a day step sends each element again."""
    worried = _("Worried? Call the clinic: {phone}").format(phone=phone_link(clinic.phone))
    when = _("when to call")  # outside the f-string: the catalog's extractor does not look inside one
    return (
        f"## {md(heading(state.day, start, today_day))}\n\n"
        f"**{md(state.phase.name)}.** {sourced(state.phase.description, state.phase.sources)}"
        f"{_looking_away(state.day, start, today_day)}\n\n"
        f"{md(normal_now_line(state))}\n\n"
        f":material/call: **{worried}** · [{when}](#{CALL_ANCHOR})"
    )


def milestone_line(m: Milestone, start: date | None) -> str:
    """A next step with its day (and date), the days it varies between, and its sources."""
    text = sourced(m.plain, m.sources)
    if m.day is None:
        return f"**{md(m.label)}**: {text}"
    on = when(m.day, start)
    if m.earliest_day is not None and m.latest_day is not None and (m.earliest_day != m.day or m.latest_day != m.day):
        # TRANSLATORS: {when} is 'day 7' or 'day 7, Mon 30 Nov 2026'.
        return _("**{label}** ({when}; for some people day {first} to {last}): {text}").format(
            label=md(m.label), when=on, first=m.earliest_day, last=m.latest_day, text=text
        )
    return f"**{md(m.label)}** ({on}): {text}"


def _symptom_line(s: SymptomState) -> str:
    estimate = "; " + _("the days are our estimate") if s.reading else ""
    return "- " + _("**{symptom}: {level}** (usual range: {range}). {text}").format(
        symptom=md(s.symptom.name),
        level=s.words,
        range=s.range_words + estimate,
        text=sourced(s.symptom.plain, s.symptom.sources),
    )


def _normal_now(state: DayState) -> str:
    """Each symptom usual on the day with its level and range; the others named by where they stand, in the
    self-check's words (named rather than counted: a person looking for one sees it at once)."""
    shown = [s for s in state.symptoms if s.status == "usual"]
    lines = [_symptom_line(s) for s in shown] or [_("None of the usual symptoms is expected on this day.")]
    for status, template in _NOT_USUAL:
        absent = [s.symptom.name.lower() for s in state.symptoms if s.status == status]
        if absent:
            lines.append("\n" + _(template).format(symptoms=md(", ".join(absent))))
    return "### " + _("What is normal now") + "\n\n" + "\n".join(lines)


def _before(course: Course, state: DayState) -> list[str]:
    """On day 0, what to tell the clinician before the treatment (no medicine named: the clinician decides)."""
    before = course.treatment.visit.before
    if state.day != 0 or not before:
        return []
    return ["**" + _("Before your treatment") + "**\n\n" + "\n".join(f"- {sourced(b.text, b.sources)}" for b in before)]


def _care(state: DayState) -> list[str]:
    parts = []
    if state.do:
        parts.append("### " + _("What to do today") + "\n\n" + "\n".join(f"- {md(item)}" for item in state.do))
    if state.avoid:
        parts.append("### " + _("What to avoid") + "\n\n" + "\n".join(f"- {md(item)}" for item in state.avoid))
    if parts:
        parts.append(
            ":small[{}]".format(_("Aftercare sources: {sources}").format(sources=source_links(state.care_sources)))
        )
    return parts


def _next(course: Course, state: DayState, start: date | None) -> list[str]:
    upcoming = state.upcoming[:4]
    parts = [
        "### "
        + _("What comes next")
        + "\n\n"
        + (
            "\n".join(f"- {milestone_line(m, start)}" for m in upcoming)
            if upcoming
            else _("All the dated steps of recovery are behind you.")
        )
    ]
    undated = [m for m in course.treatment.milestones if m.day is None]
    if undated:
        parts.append(
            "**"
            + _("Ask your clinician about:")
            + "**\n\n"
            + "\n".join(
                "- "
                + _("**{label}**: {text} (Why no day: {reason})").format(
                    label=md(m.label), text=md(m.plain), reason=sourced(m.note or "", m.sources)
                )
                for m in undated
            )
        )
    if state.reached:
        reached = "; ".join(
            _("{label} (from {when})").format(label=md(m.label), when=when(m.day or 0, start)) for m in state.reached
        )
        parts.append(":small[{}]".format(_("Reached by now: {milestones}").format(milestones=reached)))
    return parts


def _thin(state: DayState) -> str:
    """Where the evidence for the day's usual symptoms and next steps is thin."""
    notes = [(s.symptom.name, s.symptom.note) for s in state.symptoms if s.status == "usual"] + [
        (m.label, m.note) for m in state.upcoming[:4]
    ]
    return "\n".join(f"- **{md(name)}:** {md(note)}" for name, note in notes if note)


def details_markdown(course: Course, state: DayState, start: date | None) -> str:
    """The rest of the day, in order: what is normal now in detail (and, on day 0, what to tell the clinician
    before), then what to do, avoid and expect. One column at every width, as on a phone, and one element."""
    return "\n\n".join([_normal_now(state), *_before(course, state), *_care(state), *_next(course, state, start)])


def signs_markdown(signs: Iterable[WarningSign], clinic: Clinic, day: int) -> tuple[str, str | None, str]:
    """The night route first (the phone and what to do when the clinic is closed); the urgent signs for the red box,
    which carries the route too; then the other signs by how soon to call, those likely on the day first."""
    phone = phone_link(clinic.phone)
    closed = f"{md(out_of_hours(clinic))} {_(URGENT_HELP)}"
    route = f":material/call: **{md(clinic.name)}: {phone}**\n\n:material/bedtime: {closed}"
    if clinic.placeholder_contact:
        route += "\n\n:small[{}]".format(
            _("This phone number is a placeholder in this demo. Use the number your clinic gave you.")
        )
    urgent, rest = None, []
    for g in sign_groups(signs, day):
        items = "\n".join(f"- {sourced(x.text, x.sources)}" for x in g.lines)
        if g.answer == "urgent":
            urgent = f"**{g.lead}** {phone}\n\n{items}\n\n{closed}"
        else:
            rest.append(f"**{g.lead}**\n\n{items}")
    return route, urgent, "\n\n".join(rest)


def build_day_texts(course: Course, clinic: Clinic, start: date | None, day: int, today_day: int | None) -> DayTexts:
    """Everything the day view says about one day."""
    state = build_day(course, day)
    route, urgent, signs = signs_markdown(state.warnings, clinic, state.day)
    return DayTexts(
        state.day,
        header_markdown(state, clinic, start, today_day),
        route,
        urgent,
        signs,
        details_markdown(course, state, start),
        _thin(state),
    )


def build_chart_texts(course: Course, start: date | None) -> ChartTexts:
    """The chart in words, its caption and its table, for a course and treatment date."""
    t = course.treatment
    in_words = "\n".join(f"- {md(line)}" for line in describe_symptoms(course, start))
    levels = ", ".join(words.level(i) for i in range(4))
    caption = _(
        "Levels: {levels}. The line is the typical course; the shaded band is the usual range between "
        "people. Sources: {sources}"
    ).format(levels=levels, sources=source_links(k for s in t.symptoms for k in s.sources))
    return ChartTexts(in_words, caption, build_table_markdown(course, start))


def modifier_notes_markdown(course: Course) -> str:
    """What the person's area, strength and skin type changed, and why, with sources (one element)."""
    if not course.applied:
        return ":small[{}]".format(_("With these choices nothing changes from the usual course."))
    parts = ["**" + _("What this changes, and why") + "**"]
    none = pgettext("no value before", "none")  # a change from no value before
    for a in course.applied:
        parts.append(
            f"*{first_upper(applies_to(a.modifier.applies_to))}:* {sourced(a.modifier.summary, a.modifier.sources)}"
        )
        if a.changes:
            parts.append(
                "\n".join(
                    f"- {md(c.what)}: {c.before if c.before is not None else none} → **{c.after}** "
                    f":small[{source_links([c.source])}]"
                    for c in a.changes
                )
            )
        else:
            parts.append(
                ":small[{}]".format(_("This does not change the days shown: the sources give no number for it."))
            )
        if a.modifier.note:
            parts.append(":small[{}]".format(_("Evidence: {note}").format(note=md(a.modifier.note))))
    return "\n\n".join(parts)


def choice_line(course: Course, who: Personal, start: date | None) -> str:
    """What is chosen, in one line: 'Fractional CO2 laser (Lutronic eCO2) · treated Mon 23 Nov · face, standard'."""
    parts = [md(course.treatment.name)]
    if start is not None:
        parts.append(_("treated {date}").format(date=short_date(start)))
    person = [words.area(who.area), words.intensity(who.intensity)] + (
        [skin_type(who.phototype)] if who.phototype else []
    )
    parts.append(", ".join(person))
    changes = [c for a in course.applied for c in a.changes]
    adjusted = (
        " :small[{}]".format(
            _("(adjusted for you: {changes})").format(changes=md("; ".join(f"{c.what} {c.after}" for c in changes)))
        )
        if changes
        else ""
    )
    return f":material/tune: {' · '.join(parts)}{adjusted}"


def check_answer(findings: list[Finding], day: int, clinic: Clinic) -> CheckAnswer:
    """The self-check's answer as the page shows it: what to do (ending with the phone and the route when the clinic
    is closed), then a line per item with its answer, reason and sources."""
    worst = overall(findings)
    lines = tuple(
        f"{ANSWER_ICON[f.answer]} **{answer_text(f.answer)}**: {md(as_sentence(f.item))} {sourced(f.reason, f.sources)}"
        for f in findings
    )
    return CheckAnswer(worst, headline(worst, day, phone_link(clinic.phone), md(out_of_hours(clinic))), lines)
