"""Drawing the day-by-day page: the day controls, the day's texts (dashboard/texts/day.py), the self-check and the
symptom chart. The words are the domain's; this module lays them out and owns the chosen day.

The day has one owner: the session state under the day slider's key, written only by `set_day` (which keeps it
within the horizon with dates.clamp_day). A new link seeds it (read_view's on_new_url), the buttons and a new
treatment date move it through `set_day`, the slider is that state, and the day view writes it back into the
address bar: URL -> state -> screen -> URL, one hop each (docs/architecture.md).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date
from typing import Any

import pyarrow as pa
import streamlit as st

from dashboard import words
from dashboard.charts import DAY_DATA
from dashboard.charts.palette import Scheme, palette
from dashboard.charts.recovery import CURVES, MILESTONES, PANELS, build_recovery_spec, day_mark, default_last_day
from dashboard.dates import clamp_day, date_limits, day_number, format_date, start_day
from dashboard.i18n import _, ngettext
from dashboard.markdown import md, sourced
from dashboard.models import LEVEL_WORDS, Clinic, Dataset
from dashboard.params import View
from dashboard.recovery import Course, Personal, build_day
from dashboard.selfcheck import check_day
from dashboard.texts.day import (
    CALL_ANCHOR,
    ChartTexts,
    DayTexts,
    build_chart_texts,
    build_day_texts,
    check_answer,
    choice_line,
    modifier_notes_markdown,
)
from dashboard.ui.common import (
    arrow_rows,
    browser_scheme,
    course_of,
    dataset_of,
    fragment,
    render_personal_controls,
    render_tab_title,
    render_treatment_select,
    viewer_today,
    widget_key,
    write_view,
)
from dashboard.ui.diary import render_keep_in_diary
from dashboard.ui.gallery import render_day_photos
from dashboard.ui.memo import RunKey, memo

LEVELS = tuple(range(len(LEVEL_WORDS)))  # the self-check's options: level indices, shown in words (words.level)

# ---------------------------------------------------------------- the chosen day


def set_day(page: str, day: int, horizon: int) -> int:
    """The one writer of the chosen day, kept within 0..horizon: a new link, the buttons and a new treatment date
    all go through here."""
    day = clamp_day(day, horizon)
    st.session_state[widget_key(page, "day")] = day
    return day


def chosen_day(page: str) -> int:
    """The day the person is looking at."""
    return int(st.session_state.get(widget_key(page, "day"), 0) or 0)


def _step(page: str, delta: int, horizon: int) -> None:
    set_day(page, chosen_day(page) + delta, horizon)


def render_day_controls(page: str, day: int, horizon: int, today_day: int | None) -> int:
    """The day slider with 'Previous day' / 'Next day' buttons (and 'Back to today' with a treatment date)."""
    # A horizontal container keeps the two buttons side by side on a phone, where columns would stack.
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button(
            _("Previous day"),
            icon=":material/chevron_left:",
            on_click=_step,
            args=(page, -1, horizon),
            disabled=day <= 0,
            key=f"{page}.prev",
        )
        st.button(
            _("Next day"),
            icon=":material/chevron_right:",
            icon_position="right",
            on_click=_step,
            args=(page, 1, horizon),
            disabled=day >= horizon,
            key=f"{page}.next",
        )
        if today_day is not None and today_day != day:
            st.button(
                _("Back to today (day {day})").format(day=today_day),
                icon=":material/today:",
                on_click=_step,
                args=(page, today_day - day, horizon),
                key=f"{page}.today",
            )
    return st.slider(
        _("Day after treatment"),
        0,
        horizon,
        key=widget_key(page, "day"),
        help=_("Day 0 is the day of treatment. Use the arrow keys to move one day at a time."),
    )


# ---------------------------------------------------------------- the day's texts (made once, laid out here)


@memo(maxsize=1024)  # a few KiB each
def day_texts(
    key: RunKey, who: Personal, treatment: str, start: date | None, day: int, today_day: int | None
) -> DayTexts:
    """The day view's texts, once per key, course, treatment date, day and today."""
    course = course_of(key, treatment, who.area, who.intensity, who.phototype)
    return build_day_texts(course, dataset_of(key).clinic, start, day, today_day)


def render_warning_signs(texts: DayTexts) -> None:
    """The clinic's phone and the night route first, then every warning sign of the treatment, on every day: the
    urgent ones in the red box (with the route again), then by how soon to call, those likely now first."""
    st.subheader(_("Call the clinic if…"), anchor=CALL_ANCHOR, divider="red")
    st.markdown(texts.route)
    if texts.urgent:
        st.error(texts.urgent, icon=":material/emergency:")
    st.markdown(texts.signs)


def render_day_details(texts: DayTexts) -> None:
    """The rest of the day, in order: what is normal now in detail, what to do and avoid, what comes next, and
    where the evidence for them is thin."""
    st.markdown(texts.details)
    if texts.thin:
        with st.expander(_("How sure is this? Where the evidence is thin"), icon=":material/info:"):
            st.markdown(texts.thin)


# ---------------------------------------------------------------- "Is this normal?" self-check


def _open_self_check(key: str) -> None:
    st.session_state[key] = True


_ANSWER_BOX = {
    None: st.info,
    "expected": st.success,
    "follow-up": st.info,
    "office-hours": st.warning,
    "call-today": st.warning,
    "urgent": st.error,
}


def render_self_check(
    key: RunKey, course: Course, day: int, clinic: Clinic, page: str, view: View | None = None
) -> None:
    """Tick what you notice: an answer per item, computed on the spot and never stored. The list opens with one
    tap and then stays open as the day moves: closed, the page is shorter on a phone ("Call the clinic if…" comes
    right after it) and a day step sends and draws a fraction of what it would."""
    t = course.treatment
    st.markdown(
        "### "
        + _("Is this normal?")
        + "\n\n:small[{}]".format(
            _(
                "Tick what you notice today and how strong it is. Nobody at the clinic sees these answers, and nothing "
                "you tick is saved. If you are in doubt, call the clinic."
            )
        )
    )
    opened = f"{page}.selfcheck.open"
    if not st.session_state.get(opened):
        st.button(
            _("Tick what I notice"),
            type="primary",
            icon=":material/checklist:",
            key=f"{opened}.button",
            on_click=_open_self_check,
            args=(opened,),
        )
        return
    state = build_day(course, day)
    with st.form(f"{page}.selfcheck.{t.id}.{state.day}", border=True, enter_to_submit=False):
        reported: dict[str, int] = {}
        for s in t.symptoms:
            # The options are level indices (0 none .. 3 marked), shown in words that agree with the symptom: the
            # answer and the widget's state stay the same in every language.
            choice = st.radio(
                s.name,
                LEVELS,
                format_func=functools.partial(words.level, symptom=s.id),
                horizontal=True,
                key=f"{page}.check.{t.id}.{s.id}",
            )
            reported[s.id] = int(choice or 0)
            reminder = t.triage_of(s.id).reminder
            if reminder is not None:  # what turns it into a warning sign (redness that spreads: infection)
                st.caption(md(reminder.text))
        st.markdown("**" + _("Warning signs") + "**")
        signs = [w.id for w in state.warnings if st.checkbox(w.text, key=f"{page}.sign.{t.id}.{w.id}")]
        submitted = st.form_submit_button(_("Check my answers"), type="primary", icon=":material/fact_check:")
    if not submitted:
        return
    answer = check_answer(check_day(t, state.day, reported, signs), state.day, clinic)
    _ANSWER_BOX[answer.answer](answer.headline, icon=answer.icon)
    for line in answer.lines:
        st.markdown(line)
    st.caption(
        _(
            "This check compares what you ticked with the clinic's table of what is usual on each day. It "
            "cannot see your skin. Your clinician's advice comes first."
        )
    )
    if view is not None:  # the opt-in to keep these answers in the diary on this phone
        render_keep_in_diary(key, view, course, state.day, reported, signs)


# ---------------------------------------------------------------- the chart

_CURVES_SCHEMA = pa.schema(
    [("s", pa.int32()), ("d", pa.int32()), ("t", pa.float64()), ("lo", pa.float64()), ("hi", pa.float64())]
)
_MILESTONES_SCHEMA = pa.schema([("d", pa.int32()), ("row", pa.int32()), ("label", pa.string()), ("right", pa.bool_())])
_PANELS_SCHEMA = pa.schema([("s", pa.int32()), ("name", pa.string())])
_DAY_SCHEMA = pa.schema([("d", pa.int32()), ("text", pa.string()), ("right", pa.bool_())])


@memo(maxsize=128)  # a few KiB each
def _chart_spec(key: RunKey, who: Personal, treatment: str, last_day: int, scheme: Scheme) -> dict[str, Any]:
    # A finished dict per course, range and theme, the same on every day: never mutated; Streamlit only serialises
    # it. Its curves, panels and milestones go as Arrow, made here once; each run adds the day's own dataset.
    spec = build_recovery_spec(
        course_of(key, treatment, who.area, who.intensity, who.phototype), last_day, p=palette(scheme)
    )
    rows = spec["datasets"]
    return {
        **spec,
        "datasets": {
            CURVES: arrow_rows(rows[CURVES], _CURVES_SCHEMA),
            PANELS: arrow_rows(rows[PANELS], _PANELS_SCHEMA),
            MILESTONES: arrow_rows(rows[MILESTONES], _MILESTONES_SCHEMA),
        },
    }


@memo(maxsize=1024)  # a few hundred bytes each
def _day_data(key: RunKey, last_day: int, day: int, start: date | None) -> bytes:
    # The chosen day as the chart's DAY_DATA dataset (its label is in the key's language).
    return arrow_rows(day_mark(last_day, day, start), _DAY_SCHEMA)


# The chart's place until it is near the screen: a box of the chart's height, and a few lines of script (run by
# Streamlit from the page itself, nothing fetched) that say once when the box comes within a screen and a half of
# view. On a phone the chart is four to five screens below the day's heading, and drawing it (the chart's code, then
# the chart) took the seconds after the answer was on screen (docs/benchmarks.md, the evening return); now it starts
# as the reader scrolls down towards it.
_SLOT_HTML = '<div class="slot" role="presentation"><p class="wait"></p></div>'
_SLOT_CSS = """
.slot { width: 100%; box-sizing: border-box; display: flex; align-items: flex-start; justify-content: center;
  padding-top: 2rem;
  border: 1px dashed var(--st-border-color, rgba(128, 128, 128, 0.4)); border-radius: 0.5rem; }
.wait { margin: 0; opacity: 0.7; font-size: 0.875rem; }
"""
_SLOT_JS = """
export default function ({ data, parentElement, setTriggerValue }) {
  const slot = parentElement.querySelector('.slot');
  slot.style.height = data.height + 'px';
  parentElement.querySelector('.wait').textContent = data.wait;
  if (!('IntersectionObserver' in window)) { setTriggerValue('near', true); return; }
  const watch = new IntersectionObserver((seen) => {
    if (seen.some((e) => e.isIntersecting)) { watch.disconnect(); setTriggerValue('near', true); }
  }, { rootMargin: '150% 0px' });
  watch.observe(slot);
  return () => watch.disconnect();
}
"""
_SLOT = st.components.v2.component("recovery_chart_slot", html=_SLOT_HTML, css=_SLOT_CSS, js=_SLOT_JS)
CHART_AXIS_PX = 0  # Vega fits the axis inside the chart's own height (autosize "fit")


def chart_near_key(page: str) -> str:
    """The session's mark that the page's chart has been near the screen once: from then on it is drawn."""
    return f"{page}.chart.near"


def _chart_is_near(page: str) -> None:
    st.session_state[chart_near_key(page)] = True


def render_recovery_chart(key: RunKey, view: View, course: Course, day: int, show_all_days: bool, page: str) -> None:
    """The symptom chart with the chosen day marked (its text alternative follows, outside the day view), drawn once
    its place has come near the screen. The spec is the same for every day; the day goes as a small dataset, so the
    browser keeps the chart and moves the line."""
    t = course.treatment
    # Two ranges only: the first weeks, or every day once the chosen day is past them.
    last = default_last_day(course)
    if show_all_days or day > last:
        last = t.horizon_days
    spec = _chart_spec(key, _who(view), view.treatment, last, browser_scheme())
    if not st.session_state.get(chart_near_key(page)):
        _SLOT(
            key=f"{page}.chart.slot",
            data={"height": int(spec["height"]) + CHART_AXIS_PX, "wait": _("The chart is drawn as you scroll to it.")},
            on_near_change=functools.partial(_chart_is_near, page),
        )
        return
    datasets = {**spec["datasets"], DAY_DATA: _day_data(key, last, day, view.start)}
    st.vega_lite_chart(
        {**spec, "datasets": datasets},
        theme=None,
        width="stretch",
        height=int(spec["height"]),  # its place's height from the start, while its code loads: nothing moves
        # The alt text names no day: a new alt is a new chart to the browser (the heading names it).
        alt=_(
            "Chart of symptom levels for days 0 to {last} after {treatment}, the chosen day marked "
            "by a line. The same information follows as text."
        ).format(last=last, treatment=t.short_name),
    )


@memo(maxsize=256)  # a few KiB each
def chart_texts(key: RunKey, who: Personal, treatment: str, start: date | None) -> ChartTexts:
    """The chart in words, its caption and its table: read, not rebuilt from every day of every symptom."""
    return build_chart_texts(course_of(key, treatment, who.area, who.intensity, who.phototype), start)


def render_chart_text(key: RunKey, view: View) -> None:
    """The chart's text alternative and its table (they do not change with the day, so a day step skips them)."""
    texts = chart_texts(key, _who(view), view.treatment, view.start)
    with st.expander(_("The chart in words"), expanded=False):
        st.markdown(f"{texts.in_words}\n\n:small[{texts.caption}]")
    with st.expander(_("The chart as a table"), expanded=False):
        st.markdown(texts.table)


def _who(view: View) -> Personal:
    return Personal(view.area, view.intensity, view.phototype)


# ---------------------------------------------------------------- what is chosen


def render_choice_line(course: Course, view: View) -> None:
    """What is chosen, in one line: 'Fractional CO2 laser (Lutronic eCO2) · treated Mon 23 Nov · face, standard'."""
    st.markdown(choice_line(course, _who(view), view.start))


# ---------------------------------------------------------------- the day view (one fragment)


@fragment
def render_day_view(key: RunKey, page: str, view: View, today_day: int | None) -> None:
    """The day, answer first: its header, the day controls, the self-check and when to call, then the details and
    the chart. A day step reruns only this part of the page, and writes the day into the address bar."""
    course = course_of(key, view.treatment, view.area, view.intensity, view.phototype)
    t = course.treatment
    day = set_day(page, chosen_day(page), t.horizon_days)  # a shorter treatment may have cut the range
    texts = day_texts(key, _who(view), view.treatment, view.start, day, today_day)
    st.markdown(texts.header)
    day = render_day_controls(page, day, t.horizon_days, today_day)
    write_view(page, replace(view, day=day))
    render_tab_title(key, _("Day by day"), _("Day {day}").format(day=day))  # three tabs on three days differ
    # One column at every width, as on a phone: "Call the clinic if…" right after the self-check, then the details.
    render_self_check(key, course, day, dataset_of(key).clinic, page, view)
    render_warning_signs(texts)
    render_day_photos(key, t.id, texts.day, view.area, view.phototype)
    render_day_details(texts)
    st.markdown("### " + _("Symptoms over the first weeks"))
    show_all_days = st.toggle(
        ngettext("Show all {n} day", "Show all {n} days", t.horizon_days).format(n=t.horizon_days),
        key=f"{page}.all_days",
    )
    render_recovery_chart(key, view, course, day, show_all_days, page)


def render_day_notes(key: RunKey, view: View, course: Course) -> None:
    """What follows the day view and does not change with the day: the chart in words and as a table, and the
    gaps in the evidence (outside the fragment, so a day step does not send them again)."""
    render_chart_text(key, view)
    t = course.treatment
    if t.gaps:
        with st.expander(_("What the sources do not tell us")):
            st.markdown("\n".join(f"- **{md(g.topic)}**: {sourced(g.text, g.sources)}" for g in t.gaps))


def settings_view(page: str, view: View, dataset: Dataset) -> View:
    """The view as the settings stand, read from their state before they are drawn: read_view seeds that state from
    the URL, and a change made in them is there when the run starts. So the day can be sent and drawn before the
    settings (a phone shows the answer first), and a newly picked treatment date moves the day to today's day after
    it before the day view reads it."""
    state = st.session_state
    treatment = state.get(widget_key(page, "treatment"), view.treatment)
    if treatment not in dataset.treatments:
        treatment = view.treatment
    horizon = dataset.treatment(treatment).horizon_days
    start = state.get(widget_key(page, "start"), view.start)
    today = viewer_today()
    if start != view.start and start is not None:  # a new date picked: jump to today's day after it
        set_day(page, start_day(start, today, horizon) or 0, horizon)
    return replace(
        view,
        treatment=treatment,
        start=start,
        start_day=start_day(start, today, horizon),
        area=state.get(widget_key(page, "area"), view.area),
        intensity=state.get(widget_key(page, "intensity"), view.intensity),
        phototype=state.get(widget_key(page, "phototype"), view.phototype),
    )


def render_settings(key: RunKey, page: str, course: Course, view: View) -> None:
    """The settings' widgets, bound to the state settings_view read (so they show what the day view used), and what
    the person's details changed."""
    render_treatment_select(key, page)
    render_start_input(page, view.start)
    render_personal_controls(page)
    st.markdown(modifier_notes_markdown(course))


def render_start_input(page: str, start: date | None) -> None:
    """The optional treatment date (settings_view applies a new one to the day)."""
    limits = date_limits(viewer_today())
    st.date_input(
        _("Treatment date (optional)"),
        key=widget_key(page, "start"),
        min_value=limits.earliest,
        max_value=limits.latest,
        format="YYYY-MM-DD",
        help=_(
            "With your treatment date, the page opens on today's day and shows the date of "
            "each step. It stays on this page and in the link only."
        ),
    )
    if start is not None and day_number(start, viewer_today()) < 0:
        st.info(
            _("This date is in the future. Day 0 will be {date}.").format(date=format_date(start)),
            icon=":material/event:",
        )
