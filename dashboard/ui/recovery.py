"""The overview and day-by-day pages' parts: the "today" card, the self-check, the symptom chart, the way in."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import NamedTuple

import pyarrow as pa
import streamlit as st

from dashboard import words
from dashboard.charts import DAY_DATA
from dashboard.charts.recovery import (
    CURVES,
    MILESTONES,
    PANELS,
    build_recovery_spec,
    build_table_markdown,
    day_mark,
    default_last_day,
    describe_symptoms,
)
from dashboard.dates import date_limits, date_of, day_number, format_date, short_date, start_day
from dashboard.i18n import N_, _, links_key, ngettext, pgettext
from dashboard.markdown import md, phone_link, source_links, sourced
from dashboard.models import LEVEL_WORDS, Clinic, Milestone, WarningSign
from dashboard.params import View
from dashboard.recovery import VISIBLE_LEVEL, Course, DayState, build_day
from dashboard.selfcheck import check_day, headline, overall
from dashboard.signs import answer_text, sign_groups
from dashboard.ui.common import (
    Version,
    arrow_rows,
    checked_dataset,
    data_version,
    fragment,
    get_course,
    get_dataset,
    viewer_today,
    widget_key,
    write_view,
)
from dashboard.ui.diary import render_keep_in_diary
from dashboard.ui.gallery import render_day_photos
from dashboard.ui.memo import memo
from dashboard.words import URGENT_HELP, applies_to, as_sentence, first_upper, out_of_hours, skin_type

LEVELS = tuple(range(len(LEVEL_WORDS)))  # the self-check's options: level indices, shown in words (words.level)

_ANSWER_ICON = {"expected": ":material/check_circle:", "follow-up": ":material/event_note:",
                "office-hours": ":material/schedule:", "call-today": ":material/call:",
                "urgent": ":material/emergency:"}


def phone_markdown(clinic: Clinic) -> str:
    """The clinic's phone as a Markdown tel: link where the number allows one."""
    return phone_link(clinic.phone)


def _when(day: int, start: date | None) -> str:
    if start is None:
        return _("day {day}").format(day=day)
    return _("day {day}, {date}").format(day=day, date=format_date(date_of(start, day)))


# ---------------------------------------------------------------- day controls

def set_day(page: str, day: int, horizon: int) -> int:
    """The one writer of the chosen day (kept within 0..horizon): the URL, the buttons, the date and the slider's
    range all go through here."""
    day = max(0, min(horizon, int(day)))
    st.session_state[widget_key(page, "day")] = day
    return day


def chosen_day(page: str) -> int:
    """The day the person is looking at."""
    return int(st.session_state.get(widget_key(page, "day"), 0) or 0)


def _step(page: str, delta: int, horizon: int) -> None:
    set_day(page, chosen_day(page) + delta, horizon)


def render_day_controls(page: str, horizon: int, today_day: int | None) -> int:
    """The day slider with 'Previous day' / 'Next day' buttons (and 'Back to today' with a treatment date)."""
    day = set_day(page, chosen_day(page), horizon)  # a shorter treatment may have cut the range
    # A horizontal container keeps the two buttons side by side on a phone, where columns would stack.
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button(_("Previous day"), icon=":material/chevron_left:", on_click=_step, args=(page, -1, horizon),
                  disabled=day <= 0, key=f"{page}.prev")
        st.button(_("Next day"), icon=":material/chevron_right:", icon_position="right", on_click=_step,
                  args=(page, 1, horizon), disabled=day >= horizon, key=f"{page}.next")
        if today_day is not None and today_day != day:
            st.button(_("Back to today (day {day})").format(day=today_day), icon=":material/today:",
                      on_click=set_day, args=(page, today_day, horizon), key=f"{page}.today")
    return st.slider(_("Day after treatment"), 0, horizon, key=widget_key(page, "day"),
                     help=_("Day 0 is the day of treatment. Use the arrow keys to move one day at a time."))


# ---------------------------------------------------------------- the "today" card

def _heading(state: DayState, start: date | None, today_day: int | None) -> str:
    name = _("Day {day}").format(day=state.day) if state.day else _("Day 0 (treatment day)")
    today = today_day is not None and today_day == state.day
    if start is None:
        # TRANSLATORS: {day_name} is 'Day 4' or 'Day 0 (treatment day)'.
        return _("{day_name}: today").format(day_name=name) if today else name
    when = format_date(date_of(start, state.day))
    # TRANSLATORS: {day_name} is 'Day 4' or 'Day 0 (treatment day)'; {date} is 'Mon 30 Nov 2026'.
    return (_("{day_name}: today, {date}") if today else _("{day_name}, {date}")).format(day_name=name, date=when)


def _milestone_line(m: Milestone, start: date | None) -> str:
    text = sourced(m.plain, m.sources)
    if m.day is None:
        return f"**{md(m.label)}**: {text}"
    when = _when(m.day, start)
    if m.earliest_day is not None and m.latest_day is not None and (
            m.earliest_day != m.day or m.latest_day != m.day):
        # TRANSLATORS: {when} is 'day 7' or 'day 7, Mon 30 Nov 2026'.
        return _("**{label}** ({when}; for some people day {first} to {last}): {text}").format(
            label=md(m.label), when=when, first=m.earliest_day, last=m.latest_day, text=text)
    return f"**{md(m.label)}** ({when}): {text}"


def _render_thin(notes: Iterable[tuple[str, str | None]]) -> None:
    notes = [(name, note) for name, note in notes if note]
    if notes:
        with st.expander(_("How sure is this? Where the evidence is thin"), icon=":material/info:"):
            st.markdown("\n".join(f"- **{md(name)}:** {md(note)}" for name, note in notes))


def normal_now_line(state: DayState) -> str:
    """The day in one line: the symptoms usually seen now, each with its usual level."""
    seen = sorted((x for x in state.symptoms if x.typical >= VISIBLE_LEVEL), key=lambda x: -x.typical)
    if not seen:
        return _("Usually little to see now: none of the usual symptoms is expected.")
    # TRANSLATORS: a symptom and its usual level now, e.g. 'redness moderate'.
    shown = ", ".join(_("{symptom} {level}").format(symptom=x.symptom.name.lower(), level=x.words) for x in seen)
    return _("Usual now: {symptoms}.").format(symptoms=shown)


class DayTexts(NamedTuple):
    """The day view's texts for one day, course, date and choice of symptoms (made once, shared)."""

    day: int
    header: str
    route: str  # the clinic's phone and what to do when it is closed
    urgent: str | None
    signs: str
    details: str
    thin: tuple[tuple[str, str | None], ...]  # the day's evidence notes: its symptoms', then its next steps'


def _header_markdown(state: DayState, clinic: Clinic, start: date | None, today_day: int | None) -> str:
    # What a worried person needs first: the day and its date, the phase, what is usual now, how to call.
    ahead = ""
    if start is not None and today_day is not None and state.day != today_day:
        n = abs(state.day - today_day)
        looking = (ngettext("You are looking {n} day ahead; today is day {today}.",
                            "You are looking {n} days ahead; today is day {today}.", n) if state.day > today_day
                   else ngettext("You are looking {n} day back; today is day {today}.",
                                 "You are looking {n} days back; today is day {today}.", n))
        ahead = f" :small[{looking.format(n=n, today=today_day)}]"
    worried = _("Worried? Call the clinic: {phone}").format(phone=phone_markdown(clinic))
    when_to_call = _("when to call")
    # The heading and what follows it are one element: a day step sends each element again.
    return (f"### {md(_heading(state, start, today_day))}\n\n"
            f"**{md(state.phase.name)}.** {sourced(state.phase.description, state.phase.sources)}{ahead}\n\n"
            f"{md(normal_now_line(state))}\n\n"
            f":material/call: **{worried}** · [{when_to_call}](#call-the-clinic)")


# Where a symptom stands on a day that is not usual for it, in the words the self-check uses too.
_NOT_USUAL = (("not-yet", N_("**Not usually seen yet:** {symptoms}.")),
              ("gone", N_("**Usually gone by now:** {symptoms}.")),
              ("never", N_("**Not part of usual healing after this treatment:** {symptoms}.")))


def _details_markdown(course: Course, state: DayState,
                      start: date | None) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    # What is normal now in detail (and, on day 0, what to tell the clinician before), then what to do, avoid and
    # expect; and the day's thin-evidence notes. One column at every width, as on a phone, and one element: a day
    # step sends each element again.
    t = course.treatment
    shown = [s for s in state.symptoms if s.status == "usual"]
    estimate = "; " + _("the days are our estimate")
    lines = ["- " + _("**{symptom}: {level}** (usual range: {range}). {text}").format(
        symptom=md(s.symptom.name), level=s.words, range=s.range_words + (estimate if s.reading else ""),
        text=sourced(s.symptom.plain, s.symptom.sources)) for s in shown]
    if not shown:
        lines = [_("None of the usual symptoms is expected on this day.")]
    for status, words_ in _NOT_USUAL:
        # Named rather than counted: a person looking for one sees where it stands today, in the check's words.
        absent = [s.symptom.name.lower() for s in state.symptoms if s.status == status]
        if absent:
            lines.append("\n" + _(words_).format(symptoms=md(", ".join(absent))))
    parts = ["#### " + _("What is normal now") + "\n\n" + "\n".join(lines)]
    if state.day == 0 and t.visit.before:
        # What to tell the clinician before the treatment (no medicine named: the clinician decides).
        parts.append("**" + _("Before your treatment") + "**\n\n" + "\n".join(
            f"- {sourced(b.text, b.sources)}" for b in t.visit.before))
    care = []
    if state.do:
        care.append("#### " + _("What to do today") + "\n\n" + "\n".join(f"- {md(item)}" for item in state.do))
    if state.avoid:
        care.append("#### " + _("What to avoid") + "\n\n" + "\n".join(f"- {md(item)}" for item in state.avoid))
    if care:
        care.append(":small[{}]".format(_("Aftercare sources: {sources}").format(
            sources=source_links(state.care_sources))))
    upcoming = state.upcoming[:4]
    care.append("#### " + _("What comes next") + "\n\n" + (
        "\n".join(f"- {_milestone_line(m, start)}" for m in upcoming) if upcoming
        else _("All the dated steps of recovery are behind you.")))
    undated = [m for m in t.milestones if m.day is None]
    if undated:
        care.append("**" + _("Ask your clinician about:") + "**\n\n" + "\n".join(
            "- " + _("**{label}**: {text} (Why no day: {reason})").format(
                label=md(m.label), text=md(m.plain), reason=sourced(m.note or "", m.sources))
            for m in undated))
    if state.reached:
        reached = "; ".join(_("{label} (from {when})").format(label=md(m.label), when=_when(m.day, start))
                            for m in state.reached)
        care.append(":small[{}]".format(_("Reached by now: {milestones}").format(milestones=reached)))
    thin = tuple((s.symptom.name, s.symptom.note) for s in shown) + tuple((m.label, m.note) for m in upcoming)
    return "\n\n".join(parts + care), thin


def render_day_details(texts: DayTexts) -> None:
    """The rest of the day, in order: what is normal now in detail, what to do and avoid, what comes next, and
    where the evidence for them is thin."""
    st.markdown(texts.details)
    _render_thin(texts.thin)


def _signs_markdown(signs: Iterable[WarningSign], clinic: Clinic, day: int) -> tuple[str, str | None, str]:
    # The night route first (the phone and what to do when the clinic is closed), then every warning sign of the
    # treatment by how soon to call: the urgent ones (for the red box, which carries the route too), then today,
    # then in office hours, each group with those likely now first.
    phone = phone_markdown(clinic)
    route = (f":material/call: **{md(clinic.name)}: {phone}**\n\n"
             f":material/bedtime: {md(out_of_hours(clinic))} {_(URGENT_HELP)}")
    groups = sign_groups(signs, day)
    urgent_md = None
    rest = []
    for g in groups:
        items = "\n".join(f"- {sourced(x.text, x.sources)}" for x in g.lines)
        if g.answer == "urgent":
            urgent_md = (f"**{g.lead}** {phone}\n\n{items}\n\n{md(out_of_hours(clinic))} {_(URGENT_HELP)}")
        else:
            rest.append(f"**{g.lead}**\n\n{items}")
    placeholder = ("\n\n:small[{}]".format(_("This phone number is a placeholder in this demo. Use the number your "
                                               "clinic gave you.")) if clinic.placeholder_contact else "")
    return route + placeholder, urgent_md, "\n\n".join(rest)


def render_warning_signs(texts: DayTexts) -> None:
    """The clinic's phone and the night route, then every warning sign of the treatment, on every day: the urgent
    ones first, then by how soon to call, those likely now first."""
    st.subheader(_("Call the clinic if…"), anchor="call-the-clinic", divider="red")
    # The route comes first: at night, the number is what a person came for.
    st.markdown(texts.route)
    if texts.urgent:
        st.error(texts.urgent, icon=":material/emergency:")
    st.markdown(texts.signs)


@memo(maxsize=1024)  # a few KiB each
def _day_texts(folder: str, signature: Version, links: str, treatment: str, area: str, intensity: str,
               phototype: int | None, start: date | None, day: int, today_day: int | None) -> DayTexts:
    # `links` keys the source links' rule (they carry the language when the person chose one).
    course = get_course(View(treatment=treatment, area=area, intensity=intensity, phototype=phototype))
    clinic = checked_dataset(folder, signature).clinic
    state = build_day(course, day)
    details, thin = _details_markdown(course, state, start)
    route, urgent, signs = _signs_markdown(state.warnings, clinic, state.day)
    return DayTexts(state.day, _header_markdown(state, clinic, start, today_day), route, urgent, signs, details,
                    thin)


def get_day_texts(view: View, day: int, today_day: int | None) -> DayTexts:
    """The day view's texts (made once per data version, language, link rule, course, date and day)."""
    return _day_texts(*data_version(), links_key(), view.treatment, view.area, view.intensity, view.phototype,
                      view.start, day, today_day)


# ---------------------------------------------------------------- "Is this normal?" self-check

def _open_self_check(key: str) -> None:
    st.session_state[key] = True


def render_self_check(course: Course, day: int, clinic: Clinic, page: str, view: View | None = None) -> None:
    """Tick what you notice: an answer per item, computed on the spot and never stored. The list opens with one
    tap and then stays open as the day moves: closed, the page is shorter on a phone ("Call the clinic if…" comes
    right after it) and a day step sends and draws a fraction of what it would."""
    t = course.treatment
    st.markdown("#### " + _("Is this normal?") + "\n\n:small[{}]".format(
        _("Tick what you notice today and how strong it is. Nobody at the clinic sees these answers, and nothing "
          "you tick is saved. If you are in doubt, call the clinic.")))
    opened = f"{page}.selfcheck.open"
    if not st.session_state.get(opened):
        st.button(_("Tick what I notice"), type="primary", icon=":material/checklist:", key=f"{opened}.button",
                  on_click=_open_self_check, args=(opened,))
        return
    state = build_day(course, day)
    with st.form(f"{page}.selfcheck.{t.id}.{state.day}", border=True, enter_to_submit=False):
        reported: dict[str, int] = {}
        for s in t.symptoms:
            # The options are level indices (0 none .. 3 marked), shown in words that agree with the symptom: the
            # answer and the widget's state stay the same in every language.
            choice = st.radio(s.name, LEVELS, format_func=functools.partial(words.level, symptom=s.id),
                              horizontal=True, key=f"{page}.check.{t.id}.{s.id}")
            reported[s.id] = int(choice or 0)
            reminder = t.triage[s.id].reminder
            if reminder is not None:  # what turns it into a warning sign (redness that spreads: infection)
                st.caption(md(reminder.text))
        st.markdown("**" + _("Warning signs") + "**")
        signs = [w.id for w in state.warnings
                 if st.checkbox(w.text, key=f"{page}.sign.{t.id}.{w.id}")]
        submitted = st.form_submit_button(_("Check my answers"), type="primary", icon=":material/fact_check:")
    if not submitted:
        return
    findings = check_day(t, state.day, reported, signs)
    worst = overall(findings)
    text = headline(worst, state.day, phone_markdown(clinic), md(out_of_hours(clinic)))
    box = {None: st.info, "expected": st.success, "follow-up": st.info, "office-hours": st.warning,
           "call-today": st.warning, "urgent": st.error}[worst]
    box(text, icon=_ANSWER_ICON[worst] if worst else ":material/info:")
    for f in findings:
        st.markdown(f"{_ANSWER_ICON[f.answer]} **{answer_text(f.answer)}**: {md(as_sentence(f.item))} "
                    f"{sourced(f.reason, f.sources)}")
    st.caption(_("This check compares what you ticked with the clinic's table of what is usual on each day. It "
                 "cannot see your skin. Your clinician's advice comes first."))
    if view is not None:  # the opt-in to keep these answers in the diary on this phone
        render_keep_in_diary(view, course, state.day, reported, signs)


# ---------------------------------------------------------------- the chart

_CURVES_SCHEMA = pa.schema([("s", pa.int32()), ("d", pa.int32()), ("t", pa.float64()), ("lo", pa.float64()),
                            ("hi", pa.float64())])
_MILESTONES_SCHEMA = pa.schema([("d", pa.int32()), ("row", pa.int32()), ("label", pa.string()),
                                ("right", pa.bool_())])
_PANELS_SCHEMA = pa.schema([("s", pa.int32()), ("name", pa.string())])


@memo(maxsize=128)  # a few KiB each
def _chart_spec(folder: str, signature: Version, treatment: str, area: str, intensity: str,
                phototype: int | None, last_day: int) -> dict[str, object]:
    # A finished dict per course and range, the same on every day: never mutated; Streamlit only serialises it.
    # Its curves, panels and milestones go as Arrow, made here once; each run adds the day's own dataset.
    course = get_course(View(treatment=treatment, area=area, intensity=intensity, phototype=phototype))
    spec = build_recovery_spec(course, last_day)
    rows = spec["datasets"]
    return {**spec, "datasets": {CURVES: arrow_rows(rows[CURVES], _CURVES_SCHEMA),
                                 PANELS: arrow_rows(rows[PANELS], _PANELS_SCHEMA),
                                 MILESTONES: arrow_rows(rows[MILESTONES], _MILESTONES_SCHEMA)}}


_DAY_SCHEMA = pa.schema([("d", pa.int32()), ("text", pa.string()), ("right", pa.bool_())])


@memo(maxsize=1024)  # a few hundred bytes each
def _day_data(signature: Version, last_day: int, day: int, start: date | None) -> bytes:
    # The chosen day as the chart's DAY_DATA dataset; the signature carries the language of the day's label.
    return arrow_rows(day_mark(last_day, day, start), _DAY_SCHEMA)


def render_recovery_chart(view: View, course: Course, day: int, show_all_days: bool) -> None:
    """The symptom chart with the chosen day marked (its text alternative follows, outside the day view). The spec
    is the same for every day; the day goes as a small dataset, so the browser keeps the chart and moves the line."""
    t = course.treatment
    # Two ranges only: the first weeks, or every day once the chosen day is past them.
    last = default_last_day(course)
    if show_all_days or day > last:
        last = t.horizon_days
    folder, signature = data_version()
    spec = _chart_spec(folder, signature, view.treatment, view.area, view.intensity, view.phototype, last)
    datasets = {**spec["datasets"], DAY_DATA: _day_data(signature, last, day, view.start)}
    st.vega_lite_chart({**spec, "datasets": datasets}, theme=None,
                       width="stretch",
                       # The alt text names no day: a new alt is a new chart to the browser (the heading names it).
                       alt=_("Chart of symptom levels for days 0 to {last} after {treatment}, the chosen day marked "
                             "by a line. The same information follows as text.").format(last=last,
                                                                                         treatment=t.short_name))


@memo(maxsize=256)  # a few KiB each
def _chart_text(folder: str, signature: Version, links: str, treatment: str, area: str, intensity: str,
                phototype: int | None, start: date | None) -> tuple[str, str, str]:
    # The chart in words, its caption and its table for a course, language (in the signature) and link rule (the
    # source links carry the language when the person chose one): read, not rebuilt from every day of every symptom.
    course = get_course(View(treatment=treatment, area=area, intensity=intensity, phototype=phototype))
    t = course.treatment
    in_words = "\n".join(f"- {md(line)}" for line in describe_symptoms(course, start))
    caption = _("Levels: {levels}. The line is the typical course; the shaded band is the usual range between "
                "people. Sources: {sources}").format(levels=", ".join(words.level(i) for i in LEVELS),
                                                     sources=source_links(k for s in t.symptoms for k in s.sources))
    return in_words, caption, build_table_markdown(course, start)


def render_chart_text(view: View) -> None:
    """The chart's text alternative and its table (they do not change with the day, so a day step skips them)."""
    in_words, caption, table = _chart_text(*data_version(), links_key(), view.treatment, view.area,
                                           view.intensity, view.phototype, view.start)
    with st.expander(_("The chart in words"), expanded=False):
        st.markdown(f"{in_words}\n\n:small[{caption}]")
    with st.expander(_("The chart as a table"), expanded=False):
        st.markdown(table)


# ---------------------------------------------------------------- modifiers

def render_modifier_notes(course: Course) -> None:
    """What the person's area, strength and skin type changed, and why, with sources."""
    if not course.applied:
        st.caption(_("With these choices nothing changes from the usual course."))
        return
    st.markdown("**" + _("What this changes, and why") + "**")
    none = pgettext("no value before", "none")  # a change from no value before
    for a in course.applied:
        who = first_upper(applies_to(a.modifier.applies_to))
        st.markdown(f"*{who}:* {sourced(a.modifier.summary, a.modifier.sources)}")
        if a.changes:
            st.markdown("\n".join(
                f"- {md(c.what)}: {c.before if c.before is not None else none} → **{c.after}** "
                f":small[{source_links([c.source])}]" for c in a.changes))
        else:
            st.caption(_("This does not change the days shown: the sources give no number for it."))
        if a.modifier.note:
            st.caption(_("Evidence: {note}").format(note=md(a.modifier.note)))


def render_choice_line(course: Course, view: View) -> None:
    """What is chosen, in one line: 'Fractional CO2 laser (Lutronic eCO2) · treated Mon 23 Nov · face, standard'."""
    parts = [md(course.treatment.name)]
    if view.start is not None:
        parts.append(_("treated {date}").format(date=short_date(view.start)))
    who = [words.area(view.area), words.intensity(view.intensity)] + ([skin_type(view.phototype)] if view.phototype
                                                                      else [])
    parts.append(", ".join(who))
    changes = [c for a in course.applied for c in a.changes]
    adjusted = " :small[{}]".format(_("(adjusted for you: {changes})").format(
        changes=md("; ".join(f"{c.what} {c.after}" for c in changes)))) if changes else ""
    st.markdown(f":material/tune: {' · '.join(parts)}{adjusted}")


# ---------------------------------------------------------------- the day view (one fragment)

@fragment
def render_day_view(page: str, view: View, today_day: int | None) -> None:
    """The day, answer first: its header, the day controls, the self-check and when to call, then the details and
    the chart. A day step reruns only this part of the page."""
    dataset = get_dataset()
    course = get_course(view)
    t = course.treatment
    day = set_day(page, chosen_day(page), t.horizon_days)
    texts = get_day_texts(view, day, today_day)
    st.markdown(texts.header)
    day = render_day_controls(page, t.horizon_days, today_day)
    write_view(page, replace(view, day=day))
    # One column at every width, as on a phone: "Call the clinic if…" right after the self-check, then the details.
    render_self_check(course, day, dataset.clinic, page, view)
    render_warning_signs(texts)
    render_day_photos(t.id, texts.day, view.area, view.phototype)
    render_day_details(texts)
    st.markdown("#### " + _("Symptoms over the first weeks"))
    show_all_days = st.toggle(ngettext("Show all {n} day", "Show all {n} days", t.horizon_days).format(
        n=t.horizon_days), key=f"{page}.all_days")
    render_recovery_chart(view, course, day, show_all_days)


def render_day_notes(view: View, course: Course) -> None:
    """What follows the day view and does not change with the day: the chart in words and as a table, and the
    gaps in the evidence (outside the fragment, so a day step does not send them again)."""
    render_chart_text(view)
    t = course.treatment
    if t.gaps:
        with st.expander(_("What the sources do not tell us")):
            st.markdown("\n".join(f"- **{md(g.topic)}**: {sourced(g.text, g.sources)}" for g in t.gaps))


def render_start_input(page: str, view: View, horizon: int) -> date | None:
    """The optional treatment date; picking one moves the day to today's day after treatment."""
    today = viewer_today()
    key = widget_key(page, "start")
    limits = date_limits(today)
    start = st.date_input(_("Treatment date (optional)"), key=key, min_value=limits.earliest,
                          max_value=limits.latest, format="YYYY-MM-DD",
                          help=_("With your treatment date, the page opens on today's day and shows the date of "
                                 "each step. It stays on this page and in the link only."))
    if start != view.start and start is not None:
        # The person picked a new date: jump to today's day (the day slider has not been drawn yet this run).
        set_day(page, start_day(start, today, horizon) or 0, horizon)
    if start is not None and day_number(start, today) < 0:
        st.info(_("This date is in the future. Day 0 will be {date}.").format(date=format_date(start)),
                icon=":material/event:")
    return start
