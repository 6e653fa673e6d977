"""The overview and day-by-day pages' parts: the "today" card, the self-check, the symptom chart, the way in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

import streamlit as st

from dashboard.charts.recovery import (
    build_recovery_spec,
    build_table_markdown,
    default_last_day,
    describe_symptoms,
)
from dashboard.dates import date_limits, date_of, day_number, format_date, short_date, start_day
from dashboard.markdown import md, phone_link, source_links, sourced
from dashboard.models import LEVEL_WORDS, Clinic, Milestone, WarningSign
from dashboard.params import View
from dashboard.recovery import VISIBLE_LEVEL, Course, DayState, build_day
from dashboard.selfcheck import check_day, overall
from dashboard.signs import ANSWER_TEXT, sign_lines
from dashboard.ui.common import (
    data_version,
    get_course,
    get_dataset,
    viewer_today,
    widget_key,
    write_view,
)
from dashboard.words import URGENT_HELP, applies_to, as_sentence, first_upper, out_of_hours, skin_type

_ANSWER_ICON = {"expected": ":material/check_circle:", "follow-up": ":material/event_note:",
                "call": ":material/call:", "urgent": ":material/emergency:"}


def phone_markdown(clinic: Clinic) -> str:
    """The clinic's phone as a Markdown tel: link where the number allows one."""
    return phone_link(clinic.phone)


def _when(day: int, start: date | None) -> str:
    return f"day {day}" if start is None else f"day {day}, {format_date(date_of(start, day))}"


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
        st.button("Previous day", icon=":material/chevron_left:", on_click=_step, args=(page, -1, horizon),
                  disabled=day <= 0, key=f"{page}.prev")
        st.button("Next day", icon=":material/chevron_right:", icon_position="right", on_click=_step,
                  args=(page, 1, horizon), disabled=day >= horizon, key=f"{page}.next")
        if today_day is not None and today_day != day:
            st.button(f"Back to today (day {today_day})", icon=":material/today:", on_click=set_day,
                      args=(page, today_day, horizon), key=f"{page}.today")
    return st.slider("Day after treatment", 0, horizon, key=widget_key(page, "day"),
                     help="Day 0 is the day of treatment. Use the arrow keys to move one day at a time.")


# ---------------------------------------------------------------- the "today" card

def _heading(state: DayState, start: date | None, today_day: int | None) -> str:
    label = f"Day {state.day}" if state.day else "Day 0 (treatment day)"
    if today_day is not None and today_day == state.day:
        label += ": today"
    if start is not None:
        label += f", {format_date(date_of(start, state.day))}"
    return label


def _milestone_line(m: Milestone, start: date | None) -> str:
    line = f"**{md(m.label)}** ({_when(m.day, start)}" if m.day is not None else f"**{md(m.label)}**"
    if m.day is not None and m.earliest_day is not None and m.latest_day is not None and (
            m.earliest_day != m.day or m.latest_day != m.day):
        line += f"; for some people day {m.earliest_day} to {m.latest_day}"
    line += ")" if m.day is not None else ""
    return f"{line}: {sourced(m.plain, m.sources)}"


def _render_thin(notes: list[tuple[str, str | None]]) -> None:
    notes = [(name, note) for name, note in notes if note]
    if notes:
        with st.expander("How sure is this? Where the evidence is thin", icon=":material/info:"):
            st.markdown("\n".join(f"- **{md(name)}:** {md(note)}" for name, note in notes))


def normal_now_line(state: DayState) -> str:
    """The day in one line: the symptoms usually seen now, each with its usual level."""
    seen = sorted((x for x in state.symptoms if x.typical >= VISIBLE_LEVEL), key=lambda x: -x.typical)
    if not seen:
        return "Usually little to see now: none of the usual symptoms is expected."
    return "Usual now: " + ", ".join(f"{x.symptom.name.lower()} {x.words}" for x in seen) + "."


def render_day_header(state: DayState, clinic: Clinic, start: date | None, today_day: int | None) -> None:
    """What a worried person needs first: the day and its date, the phase, what is usual now, how to call."""
    st.subheader(_heading(state, start, today_day), anchor=False)
    ahead = "" if start is None or today_day is None or state.day == today_day else (
        f" :small[You are looking {abs(state.day - today_day)} day{'s' if abs(state.day - today_day) != 1 else ''} "
        f"{'ahead' if state.day > today_day else 'back'}; today is day {today_day}.]")
    st.markdown(f"**{md(state.phase.name)}.** {sourced(state.phase.description, state.phase.sources)}{ahead}\n\n"
                f"{md(normal_now_line(state))}\n\n"
                f":material/call: **Worried? Call the clinic: {phone_markdown(clinic)}** · "
                "[when to call](#call-the-clinic)")


def render_day_details(course: Course, state: DayState, clinic: Clinic, start: date | None, page: str) -> None:
    """The rest of the day, in order: what is normal now in detail, what to do and avoid, what comes next."""
    t = course.treatment
    normal_col, care_col = st.columns(2, gap="large")
    with normal_col:
        st.markdown("#### What is normal now")
        show_all = st.toggle("Show all symptoms", key=f"{page}.show_all",
                             help="Also list the symptoms that are not expected on this day.")
        shown = [s for s in state.symptoms if show_all or not (s.words == "none" and s.range_words == "none")]
        hidden = len(state.symptoms) - len(shown)
        lines = [f"- **{md(s.symptom.name)}: {s.words}** (usual range: {s.range_words}). "
                 f"{sourced(s.symptom.plain, s.symptom.sources)}" for s in shown]
        if not shown:
            lines = ["None of the usual symptoms is expected on this day."]
        if hidden and not show_all:
            lines.append(f"\n:small[{hidden} other symptom{'s are' if hidden != 1 else ' is'} not expected on this "
                         "day.]")
        st.markdown("\n".join(lines))
        _render_thin([(s.symptom.name, s.symptom.note) for s in shown])
        if state.day == 0 and t.visit.before:
            render_before_treatment(course)
    with care_col:
        # Headings and their lists go out as one element each: fewer elements make a day step cheaper to send.
        care = []
        if state.do:
            care.append("#### What to do today\n\n" + "\n".join(f"- {md(item)}" for item in state.do))
        if state.avoid:
            care.append("#### What to avoid\n\n" + "\n".join(f"- {md(item)}" for item in state.avoid))
        if care:
            care.append(f":small[Aftercare sources: {source_links(state.care_sources)}]")
        upcoming = state.upcoming[:4]
        care.append("#### What comes next\n\n" + ("\n".join(f"- {_milestone_line(m, start)}" for m in upcoming)
                                                    if upcoming else "All the dated steps of recovery are behind you."))
        undated = [m for m in t.milestones if m.day is None]
        if undated:
            care.append("**Ask your clinician about:**\n\n" + "\n".join(
                f"- **{md(m.label)}**: {md(m.plain)} *Why no day:* {sourced(m.note or '', m.sources)}"
                for m in undated))
        if state.reached:
            care.append(":small[Reached by now: " + "; ".join(
                f"{md(m.label)} (from {_when(m.day, start)})" for m in state.reached) + "]")
        st.markdown("\n\n".join(care))
        _render_thin([(m.label, m.note) for m in upcoming])


def render_before_treatment(course: Course) -> None:
    """What to tell the clinician before the treatment (no medicine named: the clinician decides)."""
    items = [sourced(b.text, b.sources) for b in course.treatment.visit.before]
    st.markdown("**Before your treatment**\n\n" + "\n".join(f"- {x}" for x in items))


def render_warning_signs(signs: Iterable[WarningSign], clinic: Clinic, day: int) -> None:
    """Every warning sign of the treatment, on every day: the urgent ones first, then those likely now."""
    st.subheader("Call the clinic if…", anchor="call-the-clinic", divider="red")
    lines = sign_lines(signs, day)
    urgent = [x for x in lines if x.urgent]
    other = [x for x in lines if not x.urgent]
    if urgent:
        st.error(f"**{urgent[0].action} if you notice:**\n\n"
                 + "\n".join(f"- {sourced(x.text, x.sources)}" for x in urgent), icon=":material/emergency:")
    items = "\n".join(f"- {sourced(x.text, x.sources)}" for x in other)
    st.markdown(f"**{other[0].action if other else ANSWER_TEXT['call']} if you notice:**\n\n{items}\n\n"
                f":material/call: **{md(clinic.name)}: {phone_markdown(clinic)}**\n\n"
                f":material/bedtime: {md(out_of_hours(clinic))} {URGENT_HELP}")


# ---------------------------------------------------------------- "Is this normal?" self-check

def render_self_check(course: Course, state: DayState, clinic: Clinic, page: str) -> None:
    """Tick what you notice: an answer per item, computed on the spot and never stored."""
    t = course.treatment
    st.markdown("#### Is this normal?")
    st.caption("Tick what you notice today and how strong it is. Nobody at the clinic sees these answers, and "
               "nothing you tick is saved. If you are in doubt, call the clinic.")
    with st.form(f"{page}.selfcheck.{t.id}.{state.day}", border=True, enter_to_submit=False):
        reported: dict[str, int] = {}
        for s in t.symptoms:
            choice = st.radio(s.name, LEVEL_WORDS, horizontal=True, key=f"{page}.check.{t.id}.{s.id}")
            reported[s.id] = LEVEL_WORDS.index(choice)
        st.markdown("**Warning signs**")
        signs = [w.id for w in state.warnings
                 if st.checkbox(w.text, key=f"{page}.sign.{t.id}.{w.id}")]
        submitted = st.form_submit_button("Check my answers", type="primary", icon=":material/fact_check:")
    if not submitted:
        return
    findings = check_day(t, state.day, reported, signs)
    worst = overall(findings)
    if worst is None:
        st.info("You did not tick anything. If something worries you, call the clinic: "
                f"{phone_markdown(clinic)}.", icon=":material/info:")
        return
    closed = md(out_of_hours(clinic))
    headline = {
        "urgent": (st.error, f"Call the clinic now: {phone_markdown(clinic)}. {URGENT_HELP} {closed}"),
        "call": (st.warning, f"Call the clinic today: {phone_markdown(clinic)}. {closed}"),
        "follow-up": (st.info, "Nothing you ticked needs a call today by itself. Mention it at your follow-up, "
                               f"or call if you are worried: {phone_markdown(clinic)}."),
        "expected": (st.success, f"Everything you ticked is expected on day {state.day}."),
    }[worst]
    headline[0](headline[1], icon=_ANSWER_ICON[worst])
    for f in findings:
        st.markdown(f"{_ANSWER_ICON[f.answer]} **{ANSWER_TEXT[f.answer]}**: {md(as_sentence(f.item))} "
                    f"{sourced(f.reason, f.sources)}")
    st.caption("This check compares what you ticked with what is usual. It cannot see your skin. Your "
               "clinician's advice comes first.")


# ---------------------------------------------------------------- the chart

@st.cache_resource(show_spinner=False, max_entries=256)  # a few KiB each
def _chart_spec(folder: str, signature: tuple[object, ...], treatment: str, area: str, intensity: str,
                phototype: int | None, last_day: int, start: date | None, day: int) -> dict[str, object]:
    # A finished dict per course, range and day: never mutated; Streamlit only serialises it.
    course = get_course(View(treatment=treatment, area=area, intensity=intensity, phototype=phototype))
    return build_recovery_spec(course, last_day, start, day)


def render_recovery_chart(view: View, course: Course, day: int, show_all_days: bool) -> None:
    """The symptom chart with the chosen day marked (its text alternative follows, outside the day view)."""
    t = course.treatment
    # Two ranges only: the first weeks, or every day once the chosen day is past them.
    last = default_last_day(course)
    if show_all_days or day > last:
        last = t.horizon_days
    spec = _chart_spec(*data_version(), view.treatment, view.area, view.intensity, view.phototype, last,
                       view.start, day)
    st.vega_lite_chart(spec, theme=None, width="stretch",
                       alt=f"Chart of symptom levels for days 0 to {last} after {t.short_name}, day {day} marked. "
                           "The same information follows as text.")


def render_chart_text(course: Course, start: date | None) -> None:
    """The chart's text alternative and its table (they do not change with the day, so a day step skips them)."""
    t = course.treatment
    with st.expander("The chart in words", expanded=False):
        st.markdown("\n".join(f"- {md(line)}" for line in describe_symptoms(course, start)))
        st.caption("Levels: " + ", ".join(LEVEL_WORDS) + ". The line is the typical course; the shaded band is "
                   "the usual range between people. Sources: " + source_links(
                       k for s in t.symptoms for k in s.sources))
    with st.expander("The chart as a table", expanded=False):
        st.markdown(build_table_markdown(course, start))


# ---------------------------------------------------------------- modifiers

def render_modifier_notes(course: Course) -> None:
    """What the person's area, strength and skin type changed, and why, with sources."""
    if not course.applied:
        st.caption("With these choices nothing changes from the usual course.")
        return
    st.markdown("**What this changes, and why**")
    for a in course.applied:
        who = first_upper(applies_to(a.modifier.applies_to))
        st.markdown(f"*{who}:* {sourced(a.modifier.summary, a.modifier.sources)}")
        if a.changes:
            st.markdown("\n".join(
                f"- {md(c.what)}: {c.before if c.before is not None else 'none'} → **{c.after}** "
                f":small[{source_links([c.source])}]" for c in a.changes))
        else:
            st.caption("This does not change the days shown: the sources give no number for it.")
        if a.modifier.note:
            st.caption(f"Evidence: {md(a.modifier.note)}")


def render_choice_line(course: Course, view: View) -> None:
    """What is chosen, in one line: 'Fractional CO2 laser (Lutronic eCO2) · treated Mon 23 Nov · face, standard'."""
    parts = [md(course.treatment.name)]
    if view.start is not None:
        parts.append(f"treated {short_date(view.start)}")
    who = f"{view.area}, {view.intensity}" + (f", {skin_type(view.phototype)}" if view.phototype else "")
    parts.append(who)
    changes = [c for a in course.applied for c in a.changes]
    adjusted = f" :small[(adjusted for you: {md('; '.join(f'{c.what} {c.after}' for c in changes))})]" if changes \
        else ""
    st.markdown(f":material/tune: {' · '.join(parts)}{adjusted}")


# ---------------------------------------------------------------- the day view (one fragment)

@st.fragment
def render_day_view(page: str, view: View, today_day: int | None) -> None:
    """The day, answer first: its header, the day controls, the self-check and when to call, then the details and
    the chart. A day step reruns only this part of the page."""
    dataset = get_dataset()
    course = get_course(view)
    t = course.treatment
    state = build_day(course, set_day(page, chosen_day(page), t.horizon_days))
    render_day_header(state, dataset.clinic, view.start, today_day)
    day = render_day_controls(page, t.horizon_days, today_day)
    write_view(page, replace(view, day=day))
    check_col, signs_col = st.columns(2, gap="large")
    with check_col:
        render_self_check(course, state, dataset.clinic, page)
    with signs_col:
        render_warning_signs(state.warnings, dataset.clinic, state.day)
        if dataset.clinic.placeholder_contact:
            st.caption("This phone number is a placeholder in this demo. Use the number your clinic gave you.")
    render_day_details(course, state, dataset.clinic, view.start, page)
    st.markdown("#### Symptoms over the first weeks")
    show_all_days = st.toggle(f"Show all {t.horizon_days} days", key=f"{page}.all_days")
    render_recovery_chart(view, course, day, show_all_days)


def render_day_notes(course: Course, start: date | None) -> None:
    """What follows the day view and does not change with the day: the chart in words and as a table, and the
    gaps in the evidence (outside the fragment, so a day step does not send them again)."""
    render_chart_text(course, start)
    t = course.treatment
    if t.gaps:
        with st.expander("What the sources do not tell us"):
            st.markdown("\n".join(f"- **{md(g.topic)}**: {sourced(g.text, g.sources)}" for g in t.gaps))


def render_start_input(page: str, view: View, horizon: int) -> date | None:
    """The optional treatment date; picking one moves the day to today's day after treatment."""
    today = viewer_today()
    key = widget_key(page, "start")
    limits = date_limits(today)
    start = st.date_input("Treatment date (optional)", key=key, min_value=limits.earliest,
                          max_value=limits.latest, format="YYYY-MM-DD",
                          help="With your treatment date, the page opens on today's day and shows the date of "
                               "each step. It stays on this page and in the link only.")
    if start != view.start and start is not None:
        # The person picked a new date: jump to today's day (the day slider has not been drawn yet this run).
        set_day(page, start_day(start, today, horizon) or 0, horizon)
    if start is not None and day_number(start, today) < 0:
        st.info(f"This date is in the future. Day 0 will be {format_date(start)}.", icon=":material/event:")
    return start
